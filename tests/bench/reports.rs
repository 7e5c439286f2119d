//! Placeholder replaced by the reports benchmark.
fn main() {}
