//! The data layer: the funding-round file format, loading and validation, and the model the app reads.
//! Knows nothing of the terminal.

pub mod chunk;
pub mod load;
pub mod model;

pub use load::{EMBEDDED_NAME, LoadError, load_embedded, load_file, load_str};
pub use model::{Dataset, District, MapInset, MapSpec, Meta, Project, Tile};
