//! Administration: users, institutions, governments; backups and the OGP import.

pub mod backup;
pub mod directory;
pub mod housekeeping;
pub mod institutions;
pub mod ogp_export;
pub mod ogp_import;
pub mod ogp_runs;
