//! SQLite writers of one process take turns, first come first served, before asking for the lock.
//!
//! SQLite lets one connection write at a time and does not queue the others: a waiting
//! `BEGIN IMMEDIATE` retries after sleeps that grow to 100 ms, so a connection that commits
//! back to back (a bulk import, the clock sweep) wins every time and can starve the rest past
//! the busy timeout ("database is locked"). A ticket queue per database file keeps the order
//! of arrival; the busy timeout still covers writers in other processes (the CLI).

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The queue of one database file.
#[derive(Debug)]
pub struct WriterQueue {
    turns: Mutex<Turns>,
    changed: Condvar,
    /// How long a writer waits for its turn before giving up (the SQLite busy timeout).
    patience: Duration,
}

#[derive(Debug, Default)]
struct Turns {
    /// The ticket the next writer to arrive takes.
    next: u64,
    /// The ticket whose holder may write now.
    serving: u64,
    /// Tickets whose holders gave up waiting; skipped when their turn comes.
    abandoned: BTreeSet<u64>,
}

impl Turns {
    fn advance(&mut self) {
        self.serving += 1;
        while self.abandoned.remove(&self.serving) {
            self.serving += 1;
        }
    }
}

/// The right to write, held until dropped; the next writer in line is woken then.
#[derive(Debug)]
pub struct Turn {
    queue: Arc<WriterQueue>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.queue.lock().advance();
        self.queue.changed.notify_all();
    }
}

impl WriterQueue {
    fn new(patience: Duration) -> Self {
        Self { turns: Mutex::new(Turns::default()), changed: Condvar::new(), patience }
    }

    fn lock(&self) -> MutexGuard<'_, Turns> {
        // The counters stay consistent even if a holder panicked: every change is one statement.
        self.turns.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for this writer's turn, in order of arrival; `None` when the patience ran out.
    pub fn enter(self: &Arc<Self>) -> Option<Turn> {
        let deadline = Instant::now() + self.patience;
        let mut turns = self.lock();
        let ticket = turns.next;
        turns.next += 1;
        while turns.serving != ticket {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                turns.abandoned.insert(ticket);
                return None;
            }
            turns = self.changed.wait_timeout(turns, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        Some(Turn { queue: Arc::clone(self) })
    }
}

/// The queues of the database files this process opened, by the file's path as SQLite reports it.
static QUEUES: LazyLock<Mutex<HashMap<String, Arc<WriterQueue>>>> = LazyLock::new(Default::default);

/// Makes sure the file has a queue; writers wait at most `patience` in it.
pub fn register(file: &str, patience: Duration) {
    let mut queues = QUEUES.lock().unwrap_or_else(PoisonError::into_inner);
    queues.entry(file.to_string()).or_insert_with(|| Arc::new(WriterQueue::new(patience)));
}

/// The queue of a file registered before, if any.
pub fn queue_of(file: &str) -> Option<Arc<WriterQueue>> {
    QUEUES.lock().unwrap_or_else(PoisonError::into_inner).get(file).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_are_served_in_order_of_arrival() {
        let queue = Arc::new(WriterQueue::new(Duration::from_secs(10)));
        let first = queue.enter().expect("the first writer enters at once");
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut waiting = Vec::new();
        for n in 0..5u64 {
            let (writer_queue, order) = (Arc::clone(&queue), Arc::clone(&order));
            waiting.push(std::thread::spawn(move || {
                let _turn = writer_queue.enter().expect("turn");
                order.lock().expect("order").push(n);
            }));
            // The next writer arrives only once this one holds its ticket (the first holds 0).
            while queue.lock().next < n + 2 {
                std::thread::yield_now();
            }
        }
        drop(first);
        for w in waiting {
            w.join().expect("writer");
        }
        assert_eq!(*order.lock().expect("order"), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_writer_that_gives_up_is_skipped_and_the_next_one_served() {
        let queue = Arc::new(WriterQueue::new(Duration::from_millis(50)));
        let holder = queue.enter().expect("first");
        assert!(queue.enter().is_none(), "the second writer waits only its patience");
        drop(holder);
        assert!(queue.enter().is_some(), "the abandoned ticket does not block the line");
    }
}
