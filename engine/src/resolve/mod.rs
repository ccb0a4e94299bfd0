pub mod buildtags;
pub mod check;
pub mod lookup;
pub mod query;
pub mod stubs;
pub mod types;
pub mod universe;
pub mod walk;
