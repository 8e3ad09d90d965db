//! A deterministic generator of realistic newsroom repositories for benchmarks: articles of
//! 800–2,000 words with front matter, headings, links, image captions and an excluded reader
//! comments section; sidecars with 20 claims each (on check-worthy sentences first, then on
//! others), 3 sources per claim, fact-checker sign-offs bound to the claims' words and evidence,
//! and an editor's article sign-off: a long health explainer's worth (issue #19).

use std::path::Path;

use factcheck::model::sidecar::{ArticleSignoff, Claim, ClaimSignoff, Sidecar, Source};
use factcheck::model::{ClaimKind, SourceKind, Status};
use factcheck::text::anchor;
use factcheck::text::article::Article;

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// One of `xs`.
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const WHO: &[&str] = &[
    "adults",
    "children",
    "older people",
    "teenagers",
    "pregnant women",
    "night-shift workers",
    "people with diabetes",
    "runners",
    "smokers",
    "new parents",
];
const WHAT: &[&str] = &[
    "sleep less than seven hours",
    "take vitamin D supplements",
    "report chronic back pain",
    "have high blood pressure",
    "drink coffee every day",
    "walk 8,000 steps a day",
    "meet the guidelines for physical activity",
    "eat five portions of fruit and vegetables",
];
const SOURCES: &[&str] = &[
    "CDC",
    "NHS",
    "WHO",
    "NIH",
    "NICE",
    "Cochrane",
    "The Lancet",
    "BMJ",
];

/// The words of a generated sentence.
pub fn sentence(rng: &mut Rng, n: usize) -> String {
    match rng.below(4) {
        0 => format!(
            "In study {n}, about {} percent of {} {}.",
            rng.below(80) + 5,
            rng.pick(WHO),
            rng.pick(WHAT)
        ),
        1 => format!(
            "According to the {} review number {n}, {} who {} are {} times more likely to see a doctor.",
            rng.pick(SOURCES),
            rng.pick(WHO),
            rng.pick(WHAT),
            rng.below(4) + 2
        ),
        2 => format!(
            "Researchers followed {} {} for {} years in cohort {n} and found the effect was small.",
            rng.below(9000) + 1000,
            rng.pick(WHO),
            rng.below(20) + 2
        ),
        _ => format!(
            "Experts say it helps to talk to a pharmacist before changing anything, as trial {n} showed."
        ),
    }
}

/// Plain narrative sentences that state nothing checkable (most of a real explainer).
const NARRATIVE: &[&str] = &[
    "This part of the guide looks at what happens next.",
    "Readers often write to us about this topic.",
    "Some people keep a simple diary for a while.",
    "Talk it through with someone you trust.",
    "Everyone's situation is a little different.",
    "The next section explains the options in plain words.",
    "Take your time and come back to this page whenever you like.",
    "Small changes can feel hard at first.",
];

/// The Markdown of article `i` with about `words` words: narrative prose with about one
/// check-worthy sentence in four (statistics, attributions, findings).
pub fn article(rng: &mut Rng, i: usize, words: usize) -> String {
    let mut md = format!(
        "---\ntitle: Health explainer {i}\nauthor: Dana Writer\ndate: 2026-10-{:02}\ntags: [health, explainer]\n---\n# Health explainer {i}\n\n*By Dana Writer*\n\n",
        rng.below(28) + 1
    );
    let mut count = 0;
    let mut n = 0;
    while count < words {
        if n % 12 == 0 && n > 0 {
            md.push_str(&format!("## Section {}\n\n", n / 12));
        }
        if n % 17 == 5 {
            md.push_str(&format!(
                "![Chart {n}](img/{i}-{n}.png \"Figure {n}: rates by age group in cohort {i}.\")\n\n"
            ));
        }
        let mut para = String::new();
        for k in 0..4 {
            n += 1;
            // One check-worthy sentence in every other paragraph: about 1 in 8.
            let s = if k == 1 && (n / 4) % 2 == 0 {
                sentence(rng, i * 10_000 + n)
            } else {
                rng.pick(NARRATIVE).to_string()
            };
            count += s.split(' ').count();
            para.push_str(&s);
            para.push(' ');
        }
        if n % 9 == 0 {
            para.push_str("See [the guidance](https://www.nhs.uk/conditions/) for more. ");
        }
        md.push_str(para.trim_end());
        md.push_str("\n\n");
    }
    md.push_str("## Reader comments\n\n**Sam:** This cured my insomnia overnight!\n");
    md
}

/// The sidecar of an article: `claims` claims (fewer only when the article has fewer
/// sentences), on its check-worthy sentences (as `claim suggest` sees them) spread through the
/// text and then on other sentences, each citing 3 of 8 sources, verified by the fact-checker;
/// the editor signed off the article.
pub fn sidecar(rng: &mut Rng, name: &str, md: &str, claims: usize) -> Sidecar {
    let a = Article::parse(md.to_string(), &["Reader comments".to_string()]);
    let all = a.text.sentences();
    let worthy = |s: &factcheck::text::span::Span| {
        factcheck::text::suggest::score(&a.text.as_str()[s.start..s.end])
            >= factcheck::text::suggest::Level::List.threshold()
    };
    let (first, rest): (Vec<_>, Vec<_>) = all.into_iter().skip(3).partition(|s| worthy(s));
    let stride = (first.len() / claims.max(1)).max(1);
    let mut sentences: Vec<_> = first.into_iter().step_by(stride).collect();
    let missing = claims.saturating_sub(sentences.len());
    let stride = (rest.len() / missing.max(1)).max(1);
    sentences.extend(rest.into_iter().step_by(stride).take(missing));
    sentences.sort_by_key(|s| s.start);
    let sources: Vec<Source> = (0..8)
        .map(|k| Source {
            id: format!("s{k}"),
            url: format!("https://example.org/source/{k}"),
            title: Some(format!("{} report {k}", SOURCES[k])),
            publisher: Some(SOURCES[k].to_string()),
            kind: SourceKind::Government,
            published: Some("2024-05-01".into()),
            accessed: None,
            archived: None,
            excerpt: None,
            snapshot: None,
            resolved: None,
        })
        .collect();
    let mut s = Sidecar {
        article: name.to_string(),
        authors: vec!["dana.writer@example.org".into()],
        sources,
        ..Sidecar::default()
    };
    for (k, span) in sentences.iter().take(claims).enumerate() {
        let quote = anchor::capture(&a.text, *span);
        if a.text.as_str()[..span.start].contains(&quote.exact) {
            continue; // keep quotes unique
        }
        let first = rng.below(8);
        let mut claim = Claim {
            id: format!("c{k:02}"),
            kind: ClaimKind::Statistic,
            status: Status::Verified,
            sources: (0..3).map(|j| format!("s{}", (first + j) % 8)).collect(),
            note: None,
            signoffs: vec![ClaimSignoff {
                by: "sam.checker@example.org".into(),
                role: "fact-checker".into(),
                verdict: Status::Verified,
                at: "2026-11-01T10:00:00Z".into(),
                text: factcheck::text::fingerprint::text_hash(&quote.exact).into(),
                evidence: None,
                article: Some(a.blob.as_str().into()),
            }],
            quote,
        };
        claim.signoffs[0].evidence = Some(s.evidence_fingerprint(&claim));
        s.claims.push(claim);
    }
    s.review.push(ArticleSignoff {
        by: "alex.editor@example.org".into(),
        role: "editor".into(),
        at: "2026-11-02T10:00:00Z".into(),
        article: a.blob.as_str().into(),
        claims: factcheck::text::fingerprint::claims_digest(std::iter::empty()).into(),
    });
    s
}

/// The config of a generated newsroom.
pub const CONFIG: &str = "workflow: standard\narticles: [\"articles/**/*.md\"]\npeople:\n  - email: dana.writer@example.org\n    roles: [writer]\n  - email: sam.checker@example.org\n    roles: [fact-checker]\n  - email: alex.editor@example.org\n    roles: [editor]\n";

/// Writes a newsroom of `n` articles (800–2,000 words, 20 claims) under `root`; returns the
/// article paths (root-relative). Deterministic for a given `seed`.
pub fn newsroom(root: &Path, n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    std::fs::write(root.join("factcheck.yaml"), CONFIG).unwrap();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let dir = root.join(format!("articles/{:03}", i / 100));
        std::fs::create_dir_all(&dir).unwrap();
        let words = 800 + rng.below(1200);
        let md = article(&mut rng, i, words);
        let name = format!("a{i:05}.md");
        let side = sidecar(&mut rng, &name, &md, 20);
        std::fs::write(dir.join(&name), &md).unwrap();
        std::fs::write(dir.join(format!("a{i:05}.claims.yaml")), side.to_yaml()).unwrap();
        out.push(format!("articles/{:03}/{name}", i / 100));
    }
    out
}
