//! A streaming reader of git's index file (`.git/index`, formats 2 to 4), for the gate's
//! inventory of a large archive. libgit2 loads every entry into memory (23 MB for the 100,000
//! files of a 50,000-article archive); this reads one entry at a time and hands over the mode
//! and path, so the inventory keeps only what it needs. Anything it does not know — a split or
//! sparse index, SHA-256 object ids, a format it has not seen — is [`Unsupported`], and the
//! caller falls back to libgit2.
//!
//! Format: <https://git-scm.com/docs/index-format>.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// Why the index was not read here; the caller asks libgit2 instead.
#[derive(Debug)]
pub struct Unsupported;

impl From<std::io::Error> for Unsupported {
    fn from(_: std::io::Error) -> Unsupported {
        Unsupported
    }
}

/// Size of an entry before its path: times, device, inode, mode, ids, size (40 bytes), the
/// object id (20) and the flags (2).
const FIXED: usize = 62;
/// The flag saying version-3 extended flags follow.
const EXTENDED: u16 = 0x4000;
/// The mode of a sparse index's directory entry.
const SPARSE_DIR: u32 = 0o040000;

/// Reads the index at `path`, calling `each` with every entry's mode and repository path (a
/// path appears once per conflict stage). Stops with [`Unsupported`] on anything it does not
/// know, before or after calling `each` for some entries: the caller then starts over.
pub fn read(path: &Path, mut each: impl FnMut(u32, &[u8])) -> Result<(), Unsupported> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut r = BufReader::with_capacity(64 << 10, file);
    let mut header = [0u8; 12];
    r.read_exact(&mut header)?;
    if &header[..4] != b"DIRC" {
        return Err(Unsupported);
    }
    let version = u32::from_be_bytes(header[4..8].try_into().map_err(|_| Unsupported)?);
    let count = u32::from_be_bytes(header[8..12].try_into().map_err(|_| Unsupported)?);
    if !(2..=4).contains(&version) {
        return Err(Unsupported);
    }
    let mut read_bytes = 12u64;
    let mut name: Vec<u8> = Vec::new();
    for _ in 0..count {
        let mut fixed = [0u8; FIXED];
        r.read_exact(&mut fixed)?;
        let mode = u32::from_be_bytes(fixed[24..28].try_into().map_err(|_| Unsupported)?);
        let flags = u16::from_be_bytes(fixed[60..62].try_into().map_err(|_| Unsupported)?);
        let mut size = FIXED;
        if flags & EXTENDED != 0 {
            if version < 3 {
                return Err(Unsupported);
            }
            let mut more = [0u8; 2];
            r.read_exact(&mut more)?;
            size += 2;
        }
        if version == 4 {
            let (strip, used) = varint(&mut r)?;
            size += used;
            let keep = name.len().checked_sub(strip).ok_or(Unsupported)?;
            name.truncate(keep);
            size += read_until_nul(&mut r, &mut name)?;
        } else {
            name.clear();
            let n = read_until_nul(&mut r, &mut name)?;
            size += n;
            // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes; one is read.
            let pad = (8 - size % 8) % 8;
            let mut skip = [0u8; 8];
            r.read_exact(&mut skip[..pad])?;
            size += pad;
        }
        if mode == SPARSE_DIR {
            return Err(Unsupported);
        }
        read_bytes += size as u64;
        each(mode, &name);
    }
    extensions(&mut r, len.checked_sub(read_bytes).ok_or(Unsupported)?)
}

/// Reads bytes up to a NUL into `out` (without it); returns how many were read with the NUL.
fn read_until_nul(r: &mut impl std::io::BufRead, out: &mut Vec<u8>) -> Result<usize, Unsupported> {
    let n = r.read_until(0, out)?;
    if out.pop() != Some(0) {
        return Err(Unsupported);
    }
    Ok(n)
}

/// Git's offset varint (index v4 path compression): returns the value and the bytes used.
fn varint(r: &mut impl Read) -> Result<(usize, usize), Unsupported> {
    let mut byte = [0u8; 1];
    r.read_exact(&mut byte)?;
    let mut used = 1;
    let mut value = usize::from(byte[0] & 0x7f);
    while byte[0] & 0x80 != 0 {
        r.read_exact(&mut byte)?;
        used += 1;
        value = value
            .checked_add(1)
            .and_then(|v| v.checked_mul(128))
            .and_then(|v| v.checked_add(usize::from(byte[0] & 0x7f)))
            .ok_or(Unsupported)?;
    }
    Ok((value, used))
}

/// Walks the extensions in the `left` bytes after the entries (the last 20 are the checksum):
/// a split index (`link`) keeps entries in another file, a sparse index (`sdir`) folds folders
/// into one entry; both are [`Unsupported`]. Optional extensions are skipped.
fn extensions(r: &mut impl Read, mut left: u64) -> Result<(), Unsupported> {
    const CHECKSUM: u64 = 20;
    while left > CHECKSUM {
        let mut head = [0u8; 8];
        r.read_exact(&mut head)?;
        let signature = &head[..4];
        if signature == b"link" || signature == b"sdir" {
            return Err(Unsupported);
        }
        let size = u64::from(u32::from_be_bytes(
            head[4..8].try_into().map_err(|_| Unsupported)?,
        ));
        let skipped = std::io::copy(&mut r.take(size), &mut std::io::sink())?;
        if skipped != size {
            return Err(Unsupported);
        }
        left = left.checked_sub(8 + size).ok_or(Unsupported)?;
    }
    if left == CHECKSUM {
        Ok(())
    } else {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry libgit2 sees, as this reader sees it, in index formats 2, 3 and 4.
    #[test]
    fn reads_what_libgit2_reads_in_every_format() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let names = [
            "a.md",
            "articles/deep/nested/file.md",
            "articles/deep/nested/file.claims.yaml",
            "articles/x.md",
            "z/with space and ünïcode.md",
        ];
        for n in names {
            let p = dir.path().join(n);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, n).unwrap();
        }
        let mut index = repo.index().unwrap();
        for version in [2, 3, 4] {
            for n in names {
                index.add_path(Path::new(n)).unwrap();
            }
            index.set_version(version).unwrap();
            index.write().unwrap();
            let mut seen = Vec::new();
            read(&repo.path().join("index"), |mode, path| {
                seen.push((mode, String::from_utf8(path.to_vec()).unwrap()));
            })
            .unwrap_or_else(|_| panic!("version {version}"));
            let expected: Vec<(u32, String)> = index
                .iter()
                .map(|e| (e.mode, String::from_utf8(e.path).unwrap()))
                .collect();
            assert_eq!(seen, expected, "version {version}");
        }
    }

    #[test]
    fn anything_unknown_is_unsupported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("index");
        for bytes in [
            &b"XXXX\0\0\0\x02\0\0\0\0"[..],
            &b"DIRC\0\0\0\x05\0\0\0\0"[..],
            &b"DIRC\0\0\0\x02\0\0\0\x01short"[..],
        ] {
            std::fs::write(&file, bytes).unwrap();
            assert!(read(&file, |_, _| {}).is_err());
        }
    }
}
