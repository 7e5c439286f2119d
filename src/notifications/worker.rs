//! The delivery worker: a loop on its own thread that claims due messages, sends them, and
//! records the outcome; inside `harmoni serve` or alone as `harmoni worker`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::config::MailSettings;
use crate::db::Pool;
use crate::error::Error;
use crate::notifications::service;
use crate::notifications::transport::Mailer;

/// Everything the worker needs; cheap to clone.
#[derive(Clone, Debug)]
pub struct Worker {
    pub pool: Pool,
    pub mailer: Mailer,
    pub mail: MailSettings,
    pub clock: Clock,
}

impl Worker {
    /// One round: deliver what is due now. Returns the number of messages attempted.
    pub fn run_once(&self) -> Result<usize, Error> {
        service::deliver_due(&self.pool, &self.mailer, &self.mail, self.clock.now_naive())
    }

    /// Rounds until `stop` is set: at once again while there is work, otherwise after the poll
    /// interval; sent messages past retention are purged hourly.
    pub fn run(&self, stop: &AtomicBool) {
        let mut last_purge: Option<Instant> = None;
        while !stop.load(Ordering::Relaxed) {
            if last_purge.is_none_or(|t| t.elapsed() >= Duration::from_secs(3600)) {
                last_purge = Some(Instant::now());
                match self
                    .pool
                    .get()
                    .map_err(|_| Error::Unavailable)
                    .and_then(|mut c| service::purge(&mut c, &self.mail, self.clock.now_naive()))
                {
                    Ok(n) if n > 0 => tracing::info!(messages = n, "sent messages past retention removed"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "outbox purge failed"),
                }
            }
            let busy = match self.run_once() {
                Ok(n) => n > 0,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox round failed");
                    false
                }
            };
            if !busy {
                let until = Instant::now() + Duration::from_secs(self.mail.poll_interval_secs);
                while Instant::now() < until && !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        }
    }

    /// Starts the loop on its own thread; set the flag and join to stop it.
    pub fn spawn(self) -> std::io::Result<(Arc<AtomicBool>, JoinHandle<()>)> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = std::thread::Builder::new().name("outbox-worker".into()).spawn(move || {
            tracing::info!(transport = ?self.mailer, "outbox worker started");
            self.run(&flag);
            tracing::info!("outbox worker stopped");
        })?;
        Ok((stop, handle))
    }
}
