//! The storage directory: each file named by the SHA-256 of its content under two levels of
//! folders, written once, completely and durably before anything refers to it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::documents::rules::sha256_hex;

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Store { root: root.into() }
    }

    fn path(&self, sha256: &str) -> Option<PathBuf> {
        if sha256.len() != 64 || !sha256.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        Some(self.root.join(&sha256[0..2]).join(&sha256[2..4]).join(sha256))
    }

    /// Writes the content (unless the same content is already kept) and returns its hash.
    /// The file is written under a temporary name, synced, then renamed into place, so a
    /// reader never sees half a file and a crash never leaves one under the real name.
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = sha256_hex(bytes);
        let path = self.path(&sha).expect("a sha256 is 64 hex digits");
        if path.exists() {
            return Ok(sha);
        }
        let dir = path.parent().expect("the path has folders");
        fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{sha}.{}.tmp", uuid::Uuid::new_v4().simple()));
        let result = (|| {
            let mut file = fs::File::create(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            fs::rename(&tmp, &path)?;
            sync_dir(dir)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result.map(|_| sha)
    }

    /// The content kept under a hash, checked against it.
    pub fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self.path(sha256).ok_or_else(|| std::io::Error::other("not a sha256"))?;
        let bytes = fs::read(path)?;
        if sha256_hex(&bytes) != sha256 {
            return Err(std::io::Error::other(format!("stored file {sha256} does not match its hash")));
        }
        Ok(bytes)
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_content_is_kept_once_and_read_back_checked() {
        let root = std::env::temp_dir().join(format!("harmoni-store-{}", uuid::Uuid::new_v4().simple()));
        let store = Store::new(&root);
        let a = store.put(b"%PDF-1.7 notulen").expect("put");
        assert_eq!(store.put(b"%PDF-1.7 notulen").expect("put again"), a);
        assert_eq!(store.read(&a).expect("read"), b"%PDF-1.7 notulen");
        let files: Vec<_> = walk(&root);
        assert_eq!(files.len(), 1, "one file, no temporary leftovers: {files:?}");
        fs::write(&files[0], b"tampered").expect("tamper");
        assert!(store.read(&a).is_err(), "a changed file is not served");
        assert!(store.read("../../etc/passwd").is_err());
        let _ = fs::remove_dir_all(root);
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).expect("dir").flatten() {
            if entry.path().is_dir() {
                out.extend(walk(&entry.path()));
            } else {
                out.push(entry.path());
            }
        }
        out
    }
}
