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

use factcheck::text::suggest::train;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = train::load(|p| std::fs::read_to_string(root.join(p)))?;
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
    let debate_warn = train::Figures::at(&r.debate_scores, m.warn);
    println!("  debate, warn at {:.2}:           {debate_warn}", m.warn);
    println!("  by threshold (cross-validated):  debate                 health");
    for t in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
        let (d, h) = (
            train::Figures::at(&r.debate_scores, t),
            train::Figures::at(&r.health_scores, t),
        );
        println!(
            "    {t:.1}: P {:.2} R {:.2} F1 {:.2}          P {:.2} R {:.2} F1 {:.2}",
            d.precision(),
            d.recall(),
            d.f1(),
            h.precision(),
            h.recall(),
            h.f1()
        );
    }
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
