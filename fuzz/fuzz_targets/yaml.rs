//! The fast block-YAML reader against serde_yaml: whenever the fast reader accepts a text as a
//! sidecar, config or workflow, serde_yaml must accept it too and read the very same value.
#![no_main]

use factcheck::model::config::Config;
use factcheck::model::sidecar::Sidecar;
use factcheck::model::workflow::Workflow;
use factcheck::text::yaml::block;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fn agree<T: DeserializeOwned + std::fmt::Debug>(text: &str) {
    if let Some(fast) = block::parse::<T>(text) {
        let slow: T = serde_yaml::from_str(text)
            .unwrap_or_else(|e| panic!("serde_yaml refuses what the fast reader read: {e}"));
        // Debug output compares every field (the config and workflow types have no PartialEq).
        assert_eq!(
            format!("{fast:?}"),
            format!("{slow:?}"),
            "the readers disagree"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    agree::<Sidecar>(text);
    agree::<Config>(text);
    agree::<Workflow>(text);
});
