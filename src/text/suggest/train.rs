//! Training the check-worthiness model from the labelled data in the repository, so the file in
//! the binary can be rebuilt and audited: `cargo run --release --example train_suggest` writes
//! `models/suggest.bin` and prints the figures below, and a test checks the shipped file is
//! byte for byte what this produces.
//!
//! Logistic regression by plain stochastic gradient descent, written out here (no ML crate):
//! a fixed seed shuffles the examples, every step is f32 arithmetic in a fixed order, and the
//! logistic function uses no platform maths, so the same data gives the same bytes on every
//! machine. The data: the ClaimBuster debate sentences (`data/checkworthy/`) and our own
//! hand-labelled health sentences (`tests/data/suggest.tsv`, `tests/data/health-train.tsv`),
//! the latter weighted up so a few hundred health sentences count against ten thousand debate
//! ones. `tests/data/*heldout.tsv` are never trained or tuned on: they are only measured.

use super::features;
use super::model::{Model, per_feature, sigmoid};
use super::signals;

/// The table has 2^18 weights (256 KiB as i8).
pub const BITS: u32 = 18;
/// Passes over the training data.
const EPOCHS: usize = 6;
/// Folds of the cross-validation.
pub const FOLDS: usize = 5;
/// The seed of every shuffle.
const SEED: u64 = 21;
/// How much one health sentence counts against one debate sentence.
const HEALTH_WEIGHT: f32 = 8.0;
/// The initial learning rate and its decay per step (rate = LR / (1 + DECAY × step)).
const LR: f32 = 0.5;
const DECAY: f32 = 1e-5;
/// L2 regularisation, applied to the weights a step touches.
const L2: f32 = 1e-5;
/// The precision the warning threshold must reach on the cross-validated health sentences (a
/// margin above the 0.8 the held-out set must show).
pub const WARN_PRECISION: f32 = 0.85;
/// The precision the warning threshold must reach on the cross-validated debate sentences.
pub const WARN_PRECISION_DEBATES: f32 = 0.8;

/// A labelled sentence.
#[derive(Debug, Clone)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// Its label.
    pub checkworthy: bool,
    /// Ours (health writing) rather than a debate.
    pub health: bool,
}

/// The labelled data: what the model learns from and what is kept aside.
#[derive(Debug, Clone)]
pub struct Data {
    /// Debate and health sentences to train on.
    pub train: Vec<Example>,
    /// Health sentences never trained or tuned on.
    pub heldout: Vec<Example>,
}

/// The labelled data, from the repository's files as `read` returns them (root-relative
/// path → text): the caller reads, so this module stays free of I/O.
pub fn load(read: impl Fn(&str) -> std::io::Result<String>) -> std::io::Result<Data> {
    let mut train = debates(&read("data/checkworthy/claimbuster-2.5ncs.jsonl")?)?;
    for p in ["tests/data/suggest.tsv", "tests/data/health-train.tsv"] {
        train.extend(tsv(&read(p)?));
    }
    let mut heldout = Vec::new();
    for p in [
        "tests/data/suggest-heldout.tsv",
        "tests/data/health-heldout.tsv",
    ] {
        heldout.extend(tsv(&read(p)?));
    }
    Ok(Data { train, heldout })
}

/// The ClaimBuster file: one `{"id", "text", "checkworthy"}` object a line.
fn debates(jsonl: &str) -> std::io::Result<Vec<Example>> {
    #[derive(serde::Deserialize)]
    struct Line {
        text: String,
        checkworthy: bool,
    }
    jsonl
        .lines()
        .map(|l| {
            let l: Line = serde_json::from_str(l)?;
            Ok(Example {
                text: l.text,
                checkworthy: l.checkworthy,
                health: false,
            })
        })
        .collect()
}

/// Our files: `label<TAB>sentence` lines, `#` comments.
pub fn tsv(text: &str) -> Vec<Example> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(label, s)| Example {
            text: s.to_string(),
            checkworthy: label == "1",
            health: true,
        })
        .collect()
}

/// Counts of a binary decision against the labels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// True negatives.
    pub tn: usize,
}

impl Figures {
    /// Counts the decisions `score ≥ threshold` on (score, label) pairs.
    pub fn at<'a>(scored: impl IntoIterator<Item = &'a (f32, bool)>, threshold: f32) -> Self {
        let mut f = Figures::default();
        for &(score, label) in scored {
            match (label, score >= threshold) {
                (true, true) => f.tp += 1,
                (false, true) => f.fp += 1,
                (true, false) => f.fn_ += 1,
                (false, false) => f.tn += 1,
            }
        }
        f
    }

    /// Of the sentences said to be check-worthy, the share that are (1 when none are said).
    pub fn precision(&self) -> f32 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Of the check-worthy sentences, the share found.
    pub fn recall(&self) -> f32 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall on the check-worthy class.
    pub fn f1(&self) -> f32 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 { 1.0 } else { a as f32 / b as f32 }
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.2}  R {:.2}  F1 {:.2}  (tp {}, fp {}, fn {}, tn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

/// What training produced and how it measures.
#[derive(Debug, Clone)]
pub struct Report {
    /// The model, thresholds included.
    pub model: Model,
    /// Cross-validated on the debate sentences, at 0.5.
    pub debate: Figures,
    /// Cross-validated on our training health sentences, at the list threshold.
    pub health_list: Figures,
    /// The same at the warning threshold.
    pub health_warn: Figures,
    /// The cross-validated (score, label) pairs of the debate sentences.
    pub debate_scores: Vec<(f32, bool)>,
    /// The same for our training health sentences.
    pub health_scores: Vec<(f32, bool)>,
    /// On the held-out health sentences, at the list threshold.
    pub heldout_list: Figures,
    /// The same at the warning threshold.
    pub heldout_warn: Figures,
}

/// A sentence as the trainer sees it: its hashed buckets and signals, label and weight.
struct Encoded {
    buckets: Vec<u32>,
    signals: [bool; signals::COUNT],
    y: f32,
    weight: f32,
}

fn encode(e: &Example) -> Encoded {
    let s = e.text.trim();
    let found = signals::signals(s, &signals::matches(s));
    let mut buckets = Vec::new();
    features::visit(s, BITS, |b, _| buckets.push(b));
    Encoded {
        buckets,
        signals: found.map(|x| x.is_some()),
        y: if e.checkworthy { 1.0 } else { 0.0 },
        weight: if e.health { HEALTH_WEIGHT } else { 1.0 },
    }
}

/// Trains on `data.train`, chooses the thresholds on cross-validated predictions, and measures.
pub fn train(data: &Data) -> Report {
    let encoded: Vec<Encoded> = data.train.iter().map(encode).collect();
    let fold = folds(encoded.len());
    let mut oof = vec![0.0; encoded.len()];
    for k in 0..FOLDS {
        let rest: Vec<&Encoded> = (0..encoded.len())
            .filter(|&i| fold[i] != k)
            .map(|i| &encoded[i])
            .collect();
        let m = fit(&rest);
        for i in (0..encoded.len()).filter(|&i| fold[i] == k) {
            oof[i] = super::score_with(&m, &data.train[i].text);
        }
    }
    let scored = |health: bool| -> Vec<(f32, bool)> {
        data.train
            .iter()
            .zip(&oof)
            .filter(|(e, _)| e.health == health)
            .map(|(e, &p)| (p, e.checkworthy))
            .collect()
    };
    let (debate, health) = (scored(false), scored(true));
    let (list, warn) = thresholds(&health, &debate);
    let all: Vec<&Encoded> = encoded.iter().collect();
    let model = Model {
        list,
        warn,
        ..fit(&all)
    };
    let heldout: Vec<(f32, bool)> = data
        .heldout
        .iter()
        .map(|e| (super::score_with(&model, &e.text), e.checkworthy))
        .collect();
    Report {
        debate: Figures::at(&debate, 0.5),
        health_list: Figures::at(&health, list),
        health_warn: Figures::at(&health, warn),
        heldout_list: Figures::at(&heldout, list),
        heldout_warn: Figures::at(&heldout, warn),
        debate_scores: debate,
        health_scores: health,
        model,
    }
}

/// The two thresholds, on a 0.01 grid, from cross-validated (score, label) pairs: listing at
/// the best F1 on our health sentences; warning at the lowest threshold above it whose
/// precision is at least [`WARN_PRECISION`] on them and [`WARN_PRECISION_DEBATES`] on the
/// debates. Our training health sentences are few and, being ours, easy; the debates keep the
/// warning threshold honest on writing unlike them.
fn thresholds(health: &[(f32, bool)], debates: &[(f32, bool)]) -> (f32, f32) {
    let grid = || (5..=95).map(|t| t as f32 / 100.0);
    let f1 = |t: f32| Figures::at(health, t).f1();
    let list = grid().fold(0.05, |best, t| if f1(t) > f1(best) { t } else { best });
    let warn = grid()
        .filter(|&t| t > list)
        .find(|&t| {
            Figures::at(health, t).precision() >= WARN_PRECISION
                && Figures::at(debates, t).precision() >= WARN_PRECISION_DEBATES
        })
        .unwrap_or(0.95);
    (list, warn)
}

/// The fold of each of `n` examples: a seeded shuffle dealt round-robin.
fn folds(n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut order, &mut Rng(SEED ^ 0xf01d));
    let mut fold = vec![0; n];
    for (position, &i) in order.iter().enumerate() {
        fold[i] = position % FOLDS;
    }
    fold
}

/// Logistic regression by SGD on `examples`, quantised; thresholds left at 0.
fn fit(examples: &[&Encoded]) -> Model {
    let mut table = vec![0f32; 1 << BITS];
    let mut weights = [0f32; signals::COUNT];
    let mut bias = 0f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(SEED);
    let mut step = 0f32;
    for _ in 0..EPOCHS {
        shuffle(&mut order, &mut rng);
        for &i in &order {
            let e = examples[i];
            let v = per_feature(e.buckets.len());
            let mut z = bias + e.buckets.iter().map(|&b| table[b as usize]).sum::<f32>() * v;
            for (&on, w) in e.signals.iter().zip(&weights) {
                if on {
                    z += w;
                }
            }
            let g = (sigmoid(z) - e.y) * e.weight;
            let lr = LR / (1.0 + DECAY * step);
            for &b in &e.buckets {
                let w = &mut table[b as usize];
                *w -= lr * (g * v + L2 * *w);
            }
            for (&on, w) in e.signals.iter().zip(&mut weights) {
                if on {
                    *w -= lr * (g + L2 * *w);
                }
            }
            bias -= lr * g;
            step += 1.0;
        }
    }
    let max = table.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max == 0.0 { 1.0 } else { max / 127.0 };
    Model {
        bits: BITS,
        bias,
        scale,
        signals: weights,
        list: 0.0,
        warn: 0.0,
        table: table
            .iter()
            .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)
            .collect(),
    }
}

/// SplitMix64: a tiny, fixed pseudo-random sequence (the standard library has none).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Fisher–Yates.
fn shuffle(v: &mut [usize], rng: &mut Rng) {
    for i in (1..v.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}
