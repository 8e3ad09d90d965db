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
    refuse_pipe(path)?;
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

/// The names of factcheck's temporary files: `.factcheck-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".factcheck-";
/// See [`TEMP_PREFIX`].
const TEMP_SUFFIX: &str = ".tmp";

/// Writes `contents` to `path` atomically: a temp file in the same directory is written,
/// flushed to disk and renamed over `path`. The temp file is locked while it lives; temp files
/// of ours that nobody holds any more (a writer killed, by `SIGKILL` or by `ulimit -f`'s
/// `SIGXFSZ`, before its rename) are deleted first ([`remove_stale_temps`]).
pub fn write_atomic(path: &Path, contents: &str) -> Result<()> {
    let dir = parent(path);
    remove_stale_temps(&dir);
    let mut tmp = locked_temp(&dir)?;
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

/// A new temp file in `dir`, locked. Another writer's [`remove_stale_temps`] may lock and
/// delete it between its creation and our lock; then it is no longer at its path, and another
/// is made.
fn locked_temp(dir: &Path) -> Result<tempfile::NamedTempFile> {
    loop {
        // The file keeps the mode of the one it replaces; a new one gets the process's umask
        // (0644 under 022), as any editor would write it, so a web server can serve a page.
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
        tmp.as_file().lock().map_err(|e| Error::io(tmp.path(), e))?;
        if still_there(&tmp) {
            return Ok(tmp);
        }
    }
}

/// Whether the temp file is still the file at its path.
#[cfg(unix)]
fn still_there(tmp: &tempfile::NamedTempFile) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (
        tmp.as_file().metadata(),
        std::fs::symlink_metadata(tmp.path()),
    ) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Whether the temp file is still the file at its path.
#[cfg(not(unix))]
fn still_there(tmp: &tempfile::NamedTempFile) -> bool {
    tmp.path().exists()
}

/// Deletes the temp files of ours (`.factcheck-*.tmp`, regular files) in `dir` that no writer
/// holds: a writer locks its temp file until the rename, and the kernel drops the lock of a
/// process that dies, so one we can lock was left by a writer that never finished. Best
/// effort: what cannot be listed, opened or deleted is left.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name
            .to_str()
            .is_some_and(|n| n.starts_with(TEMP_PREFIX) && n.ends_with(TEMP_SUFFIX));
        // Never a link (nor what it points to): only our own regular files.
        if !ours || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        // Opened only to try its lock; deleting removes the name, never a target.
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&path);
        }
    }
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
        refuse_pipe(lock)?;
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

/// Refuses a named pipe or a socket where a file is expected: opening one waits for the other
/// end for ever. (A device such as `/dev/zero` opens at once and is cut at the size limit.)
fn refuse_pipe(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Ok(meta) = std::fs::metadata(path)
            && (meta.file_type().is_fifo() || meta.file_type().is_socket())
        {
            return Err(Error::usage(format!(
                "{} is a named pipe or a socket, not a file",
                path.display()
            )));
        }
    }
    let _ = path;
    Ok(())
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
    fn stale_temp_files_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".factcheck-dead01.tmp");
        let live = dir.path().join(".factcheck-live01.tmp");
        let other = dir.path().join(".other-x.tmp");
        for f in [&stale, &live, &other] {
            std::fs::write(f, "x").unwrap();
        }
        let held = File::open(&live).unwrap();
        held.lock().unwrap();
        write_atomic(&dir.path().join("a.yaml"), "one").unwrap();
        assert!(!stale.exists());
        assert!(live.exists() && other.exists());
        drop(held);
        write_atomic(&dir.path().join("a.yaml"), "two").unwrap();
        assert!(!live.exists());
    }

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
