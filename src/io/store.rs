//! Reading and writing files safely: size limits on read; atomic writes (temp file in the same
//! directory, fsync, rename) so a crash never leaves a half-written file; and a per-directory
//! lock so two processes updating the same sidecar never lose an update. Which paths may be
//! read or written at all (no symbolic link inside the repository) is [`crate::io::worktree`]'s
//! rule, applied before these functions are called.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The largest file factcheck reads (articles, sidecars, config): 16 MiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The lock file name created beside sidecars (add it to `.gitignore`; `init` does).
pub const LOCK_FILE: &str = ".factcheck.lock";

/// Reads a UTF-8 text file, refusing files over [`MAX_FILE_BYTES`]. A leading BOM is dropped.
pub fn read_text(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::usage(format!(
            "{}: file is {} bytes, over the {} byte limit",
            path.display(),
            meta.len(),
            MAX_FILE_BYTES
        )));
    }
    // The size a file reports is not the size it has: a device (`/dev/zero`) or a file that
    // grows while read reports less. The limit is enforced on what is read; the reported size
    // only sizes the buffer, so a regular file is read without growing it.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::usage(format!(
            "{}: over the {MAX_FILE_BYTES} byte limit",
            path.display()
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let pos = crate::text::article::source_pos(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        Error::Invalid {
            file: path.to_path_buf(),
            pos,
            message: "the file is not valid UTF-8".into(),
            hint: Some("save it as UTF-8".into()),
        }
    })?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Writes `contents` to `path` atomically: a temp file in the same directory is written,
/// flushed to disk and renamed over `path`.
pub fn write_atomic(path: &Path, contents: &str) -> Result<()> {
    let dir = parent(path);
    // The file keeps the mode of the one it replaces; a new one gets the process's umask (0644
    // under 022), as any editor would write it, so a web server can serve a published page.
    let mut builder = tempfile::Builder::new();
    builder.prefix(".factcheck-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
    if let Ok(existing) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(existing.permissions())
            .map_err(|e| Error::io(tmp.path(), e))?;
    }
    tmp.write_all(contents.as_bytes())
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    if let Ok(d) = File::open(&dir) {
        // Persist the rename itself; not every platform can fsync a directory.
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `contents` to a new file, refusing to replace an existing one.
pub fn write_new(path: &Path, contents: &str) -> Result<()> {
    if path.exists() {
        return Err(Error::usage_hint(
            format!("{} already exists", path.display()),
            "pass --force to overwrite it",
        ));
    }
    write_atomic(path, contents)
}

/// An exclusive lock on the directory of a file, held until dropped.
pub struct DirLock {
    _file: File,
}

impl DirLock {
    /// Waits for and takes the lock file `lock` ([`LOCK_FILE`] in the folder it guards; see
    /// [`crate::io::worktree::lock`]).
    pub fn acquire(lock: &Path) -> Result<DirLock> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock)
            .map_err(|e| Error::io(lock, e))?;
        file.lock().map_err(|e| Error::io(lock, e))?;
        Ok(DirLock { _file: file })
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        write_atomic(&p, "one").unwrap();
        write_atomic(&p, "two").unwrap();
        assert_eq!(read_text(&p).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write_new(&p, "three").is_err());
    }
}
