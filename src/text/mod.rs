//! Text: what an article says and where. Markdown and template markup to plain text with a
//! source map, front matter, YAML reading, quotes anchored in the text, word diffs, and the
//! check-worthiness detector. Pure: no file, no git, nothing else of the crate; this is what the
//! fuzz targets and the kernel benchmarks drive.

pub mod anchor;
pub mod article;
pub mod frontmatter;
pub mod site;
pub mod span;
pub mod suggest;
pub mod worddiff;
pub mod yaml;
