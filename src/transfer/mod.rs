//! Moving data in and out: the plan template (XLSX/CSV) that `abierto export plan` writes and
//! `abierto import plan` and the forum's import page read, OGP's commitments data export,
//! and the whole-database backup. Parsing, formats and the drafting rules an import must
//! follow (`import_rules`) live here (no database); the writes are in
//! `store::cocreation::plan_transfer`, `store::admin::ogp_import` and `store::admin::backup`.

pub mod import_rules;
pub mod ogp;
pub mod progress;
pub mod spreadsheet;
pub mod template;
pub mod workbook_limits;
