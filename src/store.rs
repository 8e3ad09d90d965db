//! Reading and writing files safely: size limits on read; atomic writes (temp file in the same
//! directory, fsync, rename) so a crash never leaves a half-written file; and a per-directory
//! lock so two processes updating the same sidecar never lose an update.

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
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::usage(format!(
            "{}: file is {} bytes, over the {} byte limit",
            path.display(),
            meta.len(),
            MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let pos = crate::article::source_pos(
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

/// Reads a file that factcheck keeps inside the repository (a sidecar, an evidence snapshot)
/// like [`read_text`], refusing a symbolic link: such files are written by factcheck as regular
/// files, and a link could make it read (and echo in errors) a file outside the repository.
pub fn read_repo_file(path: &Path) -> Result<String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.file_type().is_symlink() {
        return Err(Error::usage_hint(
            format!("{}: is a symbolic link", path.display()),
            "sidecars and evidence snapshots must be regular files in the repository; replace the link with the file",
        ));
    }
    read_text(path)
}

/// Writes `contents` to `path` atomically: a temp file in the same directory is written,
/// flushed to disk and renamed over `path`.
pub fn write_atomic(path: &Path, contents: &str) -> Result<()> {
    let dir = parent(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".factcheck-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
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
    /// Waits for and takes the lock of `path`'s directory.
    pub fn acquire(path: &Path) -> Result<DirLock> {
        let lock = parent(path).join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .map_err(|e| Error::io(&lock, e))?;
        file.lock().map_err(|e| Error::io(&lock, e))?;
        Ok(DirLock { _file: file })
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Appends `line` to the text file at `path` (created if missing) unless a line equal to it is
/// already there. Returns whether it was added.
pub fn ensure_line(path: &Path, line: &str) -> Result<bool> {
    let existing = if path.exists() {
        read_text(path)?
    } else {
        String::new()
    };
    if existing.lines().any(|l| l.trim() == line) {
        return Ok(false);
    }
    let sep = if existing.is_empty() || existing.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    write_atomic(path, &format!("{existing}{sep}{line}\n"))?;
    Ok(true)
}

/// Writes an output file the user asked for (a report, a page), creating its directory.
pub fn write_output(path: &Path, contents: &str) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    write_atomic(path, contents)
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
