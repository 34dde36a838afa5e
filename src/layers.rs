//! The layer rules, held by a test: each area of `src/` may only reach the layers below it.
//!
//! ```text
//! web ─▶ commands, reports, opendata, notifications, jobs ─▶ store ─▶ transfer, accounts ─▶ domain, i18n
//! ```
//!
//! `domain/` is plain types and rules (no database, no HTTP, no files); `store/` holds every
//! SQL statement and knows nothing of pages; `transfer/` turns file bytes into plain records
//! (and back) without touching the database; `reports/` and notifications render but never
//! speak HTTP. A new module that needs something
//! from above is a sign that the shared piece belongs lower down.

#![cfg(test)]

use std::path::{Path, PathBuf};

/// (folder or file under `src/`, what its code may not mention, why)
const RULES: &[(&str, &[&str], &str)] = &[
    (
        "domain",
        &[
            "crate::store",
            "crate::web",
            "crate::db",
            "crate::demo",
            "crate::reports",
            "crate::notifications",
            "crate::transfer",
            "crate::commands",
            "crate::jobs",
            "crate::opendata",
            "crate::mail",
            "sqlx::",
            "tokio::",
            "std::fs",
            "axum::",
        ],
        "the domain is plain rules with no I/O",
    ),
    (
        "i18n",
        &[
            "crate::store",
            "crate::web",
            "crate::db",
            "crate::reports",
            "sqlx::",
            "axum::",
        ],
        "translations and formatting sit below everything that shows text",
    ),
    (
        "store",
        &[
            "crate::web",
            "crate::demo",
            "crate::reports",
            "crate::notifications",
            "crate::commands",
            "crate::jobs",
            "crate::opendata",
            "axum::",
        ],
        "storage answers queries; it knows nothing of pages, commands or renderings",
    ),
    (
        "transfer",
        &[
            "crate::web",
            "crate::store",
            "crate::commands",
            "crate::db",
            "sqlx::",
            "axum::",
        ],
        "file formats parse and write bytes; callers decide what to store",
    ),
    (
        "reports",
        &["crate::web", "crate::commands", "axum::"],
        "renderings never speak HTTP",
    ),
    (
        "notifications.rs",
        &["crate::web", "axum::"],
        "messages are rendered without HTTP",
    ),
    (
        "opendata.rs",
        &["crate::web", "axum::"],
        "the open-data archive is built without HTTP",
    ),
    (
        "archive.rs",
        &["crate::", "sqlx::", "axum::"],
        "the archive guard stands alone",
    ),
];

/// SQL is written in one place only; `db/` may check the connection and create the database.
const SQL_HOMES: &[&str] = &["store", "db"];
const SQL_MARKS: &[&str] = &["sqlx::query", "query!(", "query_as!(", "query_scalar!("];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(under: &Path) -> Vec<PathBuf> {
    if under.is_file() {
        return vec![under.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(under).expect("readable source folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The code of a file without its comments, so a doc comment may name any layer.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable source file");
    text.lines()
        .filter(|line| {
            let l = line.trim_start();
            !(l.starts_with("//") || l.starts_with("*") || l.starts_with("/*"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn relative(path: &Path) -> String {
    path.strip_prefix(src())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// What `files` mention of `forbidden`, one line per breach.
fn breaches(files: &[PathBuf], forbidden: &[&str], why: &str) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let code = code_of(file);
        for word in forbidden {
            if code.contains(word) {
                found.push(format!("{} mentions `{word}`: {why}", relative(file)));
            }
        }
    }
    found
}

#[test]
fn every_area_reaches_only_the_layers_below_it() {
    let mut found = Vec::new();
    for (area, forbidden, why) in RULES {
        let files = rust_files(&src().join(area));
        assert!(
            !files.is_empty(),
            "the rule for {area} names no files: update RULES"
        );
        found.extend(breaches(&files, forbidden, why));
    }
    assert!(
        found.is_empty(),
        "layer rules broken:\n{}",
        found.join("\n")
    );
}

#[test]
fn sql_is_written_only_in_the_storage_layer() {
    let mut breaches = Vec::new();
    for file in rust_files(&src()) {
        let rel = relative(&file);
        if rel == "layers.rs"
            || SQL_HOMES
                .iter()
                .any(|home| rel.starts_with(&format!("{home}/")))
        {
            continue;
        }
        let code = code_of(&file);
        for mark in SQL_MARKS {
            if code.contains(mark) {
                breaches.push(format!("{rel} writes SQL (`{mark}`): move it into store/"));
            }
        }
    }
    assert!(breaches.is_empty(), "{}", breaches.join("\n"));
}

#[test]
fn the_rules_catch_an_upward_import_but_not_a_comment() {
    let dir = std::env::temp_dir().join(format!("abierto-layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let upward = dir.join("upward.rs");
    std::fs::write(&upward, "use crate::web::http::session;\n").unwrap();
    let commented = dir.join("commented.rs");
    std::fs::write(
        &commented,
        "//! Called from crate::web.\n/// See crate::web.\nfn f() {}\n",
    )
    .unwrap();
    let found = breaches(&[upward, commented], &["crate::web"], "probe");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("upward.rs"));
}
