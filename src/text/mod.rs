//! Text: what an article says and where. Markdown and template markup to plain text with a
//! source map, front matter, YAML reading, quotes anchored in the text, word diffs, the
//! check-worthiness detector, and text from files made safe to print (`visible`). Pure: no
//! file, no git, nothing else of the crate; this is what the fuzz targets and the kernel
//! benchmarks drive.

pub mod anchor;
pub mod article;
pub mod fingerprint;
pub(crate) mod frontmatter;
pub(crate) mod site;
pub mod span;
pub mod suggest;
pub(crate) mod visible;
pub mod worddiff;
pub mod yaml;
