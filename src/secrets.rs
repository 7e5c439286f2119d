//! Random tokens, their stored hashes, constant-time comparison, and Argon2id password hashes.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::config::SecuritySettings;
use crate::error::Error;

/// A random URL-safe token of 32 bytes (256 bits) of operating-system randomness.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored in place of a token: its SHA-256, so a leaked table opens no session.
/// (Tokens are 256-bit random values, so a fast hash is enough; passwords use Argon2id.)
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets without leaking where they differ through timing.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Argon2id hashes running at once. Each takes `argon2_memory_kib` (19 MiB) and a core for tens
/// of milliseconds: more at once than there are cores only adds memory (the load drill saw
/// 1.7 GB resident at 64 concurrent PIN checks), not throughput.
struct HashingSlots {
    in_use: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
    limit: usize,
}

static SLOTS: std::sync::LazyLock<HashingSlots> = std::sync::LazyLock::new(|| HashingSlots {
    in_use: std::sync::Mutex::new(0),
    freed: std::sync::Condvar::new(),
    limit: std::thread::available_parallelism().map(usize::from).unwrap_or(2),
});

/// Runs an Argon2id computation when a slot is free (at most one per core at once).
fn in_hashing_slot<T>(f: impl FnOnce() -> T) -> T {
    let slots = &*SLOTS;
    let lock = || slots.in_use.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    {
        let mut in_use = lock();
        while *in_use >= slots.limit {
            in_use = slots.freed.wait(in_use).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *in_use += 1;
    }
    // Freed even if `f` panics, so a slot is never lost.
    struct Release<'a>(&'a HashingSlots);
    impl Drop for Release<'_> {
        fn drop(&mut self) {
            *self.0.in_use.lock().unwrap_or_else(std::sync::PoisonError::into_inner) -= 1;
            self.0.freed.notify_one();
        }
    }
    let _release = Release(slots);
    f()
}

fn argon2(settings: &SecuritySettings) -> Result<Argon2<'static>, Error> {
    let params = Params::new(settings.argon2_memory_kib, settings.argon2_iterations, settings.argon2_parallelism, None)
        .map_err(|e| Error::internal(format!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with Argon2id and a fresh salt (PHC string format).
pub fn hash_password(settings: &SecuritySettings, password: &str) -> Result<String, Error> {
    let salt = SaltString::generate(&mut OsRng);
    let argon2 = argon2(settings)?;
    in_hashing_slot(|| argon2.hash_password(password.as_bytes(), &salt).map(|h| h.to_string()))
        .map_err(|e| Error::internal(format!("password hashing failed: {e}")))
}

/// Checks a password against a stored hash; the parameters come from the hash itself.
pub fn verify_password(settings: &SecuritySettings, stored: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    argon2(settings)
        .map(|a| in_hashing_slot(|| a.verify_password(password.as_bytes(), &parsed).is_ok()))
        .unwrap_or(false)
}

/// Spends the same time as a real check when there is no account, so that response time
/// does not reveal which email addresses have accounts.
pub fn verify_dummy(settings: &SecuritySettings, password: &str) {
    use std::sync::OnceLock;
    static DUMMY: OnceLock<String> = OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password(settings, "harmoni-dummy-password").unwrap_or_default());
    let _ = verify_password(settings, hash, password);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let a = random_token();
        let b = random_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
        assert!(constant_time_eq(&a, &a.clone()));
        assert!(!constant_time_eq(&a, &b));
    }

    #[test]
    fn passwords_verify_only_with_the_right_password() {
        let settings = crate::config::Settings::load_from(None, &[]).expect("defaults").security;
        let hash = hash_password(&settings, "kopi hujan sepeda meja").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&settings, &hash, "kopi hujan sepeda meja"));
        assert!(!verify_password(&settings, &hash, "kopi hujan sepeda mej"));
        assert!(!verify_password(&settings, "not a hash", "x"));
    }

    #[test]
    fn no_more_hashes_run_at_once_than_there_are_slots() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (now, most) = (std::sync::Arc::new(AtomicUsize::new(0)), std::sync::Arc::new(AtomicUsize::new(0)));
        let workers: Vec<_> = (0..4 * SLOTS.limit)
            .map(|_| {
                let (now, most) = (now.clone(), most.clone());
                std::thread::spawn(move || {
                    in_hashing_slot(|| {
                        let running = now.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(running, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        now.fetch_sub(1, Ordering::SeqCst);
                    })
                })
            })
            .collect();
        for w in workers {
            w.join().expect("worker");
        }
        let most = most.load(Ordering::SeqCst);
        assert!(most <= SLOTS.limit, "{most} hashes ran at once with {} slots", SLOTS.limit);
    }
}
