//! The merge driver: three sidecars (base, ours, theirs) separated by NUL bytes. When all three
//! load, the merge never panics, its result saves and loads again, merging a side with itself
//! changes nothing.
#![no_main]

use std::path::Path;

use factcheck::model::merge::merge;
use factcheck::model::sidecar::Sidecar;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let file = Path::new("articles/a.claims.yaml");
    let mut load = || Sidecar::parse(parts.next()?, file, "a.md").ok();
    let (Some(base), Some(ours), Some(theirs)) = (load(), load(), load()) else {
        return;
    };
    let merged = merge(Some(&base), &ours, &theirs);
    let saved = merged.to_yaml();
    Sidecar::parse(&saved, file, "a.md")
        .unwrap_or_else(|e| panic!("merged sidecar does not load: {e}\n{saved}"));
    let same = merge(Some(&base), &ours, &ours);
    assert_eq!(
        same.to_yaml(),
        ours.to_yaml(),
        "merging a side with itself changed it"
    );
});
