//! The injectable clock: the system time, or a fixed moment (demos, tests) that tests can advance.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

/// Where "now" comes from. Cloning shares the same clock.
#[derive(Debug, Clone)]
pub struct Clock {
    fixed: Option<Arc<RwLock<DateTime<Utc>>>>,
}

impl Clock {
    pub fn system() -> Self {
        Self { fixed: None }
    }

    pub fn fixed(at: DateTime<Utc>) -> Self {
        Self { fixed: Some(Arc::new(RwLock::new(at))) }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.fixed {
            Some(t) => *t.read().unwrap_or_else(|p| p.into_inner()),
            None => Utc::now(),
        }
    }

    /// The current UTC time as stored in the database (timestamps are UTC, without zone).
    pub fn now_naive(&self) -> NaiveDateTime {
        self.now().naive_utc()
    }

    /// Moves a fixed clock forward; a system clock cannot be moved and returns false.
    pub fn advance(&self, by: Duration) -> bool {
        match &self.fixed {
            Some(t) => {
                let mut guard = t.write().unwrap_or_else(|p| p.into_inner());
                *guard += by;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_stands_still_until_advanced() {
        let start = DateTime::parse_from_rfc3339("2026-03-02T08:00:00+07:00").expect("valid").with_timezone(&Utc);
        let clock = Clock::fixed(start);
        let shared = clock.clone();
        assert_eq!(clock.now(), start);
        assert!(shared.advance(Duration::minutes(31)));
        assert_eq!(clock.now(), start + Duration::minutes(31));
        assert!(!Clock::system().advance(Duration::minutes(1)));
    }
}
