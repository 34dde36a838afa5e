//! Users, institutions, governments and the OGP import.

pub mod directory;
pub mod housekeeping;
pub mod ogp_import;
