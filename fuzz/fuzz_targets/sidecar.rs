//! The sidecar loader: any bytes either load or are refused with an error — never a panic —
//! and whatever loads saves to canonical YAML that loads again to the same YAML.
#![no_main]

use std::path::Path;

use factcheck::model::sidecar::Sidecar;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("articles/a.claims.yaml");
    if let Ok(sidecar) = Sidecar::parse(text, file, "a.md") {
        let saved = sidecar.to_yaml();
        let again = Sidecar::parse(&saved, file, "a.md")
            .unwrap_or_else(|e| panic!("saved sidecar does not load: {e}\n{saved}"));
        assert_eq!(again.to_yaml(), saved, "saving is not stable");
    }
});
