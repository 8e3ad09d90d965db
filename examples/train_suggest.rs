//! Rebuilds the `claim suggest` model from the labelled data in the repository and prints its
//! cross-validated and held-out figures (issue #21; docs/suggest.md):
//!
//! ```sh
//! cargo run --release --example train_suggest            # writes models/suggest.bin
//! ```
//!
//! Deterministic: the same data gives the same file, which a test checks against the one the
//! binary ships.

use std::path::Path;

use factcheck::suggest::train;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = train::load(root)?;
    let r = train::train(&data);
    let m = &r.model;
    let health = data.train.iter().filter(|e| e.health).count();
    println!(
        "trained on {} debate + {health} health sentences; {}-fold cross-validation:",
        data.train.len() - health,
        train::FOLDS
    );
    println!("  debate, at 0.50:                {}", r.debate);
    println!(
        "  health, list at {:.2}:           {}",
        m.list, r.health_list
    );
    println!(
        "  health, warn at {:.2}:           {}",
        m.warn, r.health_warn
    );
    println!("held out ({} health sentences):", data.heldout.len());
    println!(
        "  list at {:.2}:                   {}",
        m.list, r.heldout_list
    );
    println!(
        "  warn at {:.2}:                   {}",
        m.warn, r.heldout_warn
    );
    let bytes = m.to_bytes();
    std::fs::write(root.join("models/suggest.bin"), &bytes)?;
    println!("wrote models/suggest.bin ({} bytes)", bytes.len());
    Ok(())
}
