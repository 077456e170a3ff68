//! The data layer: the funding-round file format, loading and validation, and the model the app reads.
//! Knows nothing of the terminal.
//!
//! `load` reads a file and parses it with spans; `convert` turns each top-level entry into a raw entry
//! on its own (so a chunked loader can reuse it); `fast` reads a plain `[[project]]` chunk without the
//! tree (and declines anything else); `validate` checks entries against each other and
//! computes the derived figures; `diagnostic` locates and renders errors.

pub mod chunk;
pub mod convert;
pub mod diagnostic;
pub mod fast;
pub mod load;
pub mod model;
pub mod validate;

#[cfg(test)]
pub(crate) mod testdata;

pub use diagnostic::Diagnostic;
pub use load::{
    EMBEDDED_NAME, GeoIssue, GeoPlace, LoadError, SourceSpans, load_embedded, load_file, load_str,
    load_with_spans,
};
pub use model::{
    Dataset, District, Entries, List, MapInset, MapSpec, Meta, Part, Project, ProjectBuilder,
    ProjectParts, Tile,
};
