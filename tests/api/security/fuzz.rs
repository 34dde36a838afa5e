//! Every form and query input of every route, fed with hostile values: whatever arrives, the
//! answer is never a server error (no 500, no panic), for the roles that reach the handlers.

use abierto::domain::Role;
use axum::http::Method;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use crate::helpers::{logged_in, spawn_demo_app};
use crate::security::access_matrix::{PathIds, expectations};

/// Every field name the forms and filters use.
const FIELDS: &[&str] = &[
    "progress",
    "status",
    "narrative",
    "version",
    "note",
    "decision",
    "title",
    "problem",
    "proposal",
    "theme",
    "institution",
    "body",
    "reason",
    "state",
    "response",
    "commitment",
    "email",
    "password",
    "display_name",
    "role",
    "name",
    "acronym",
    "sector",
    "slug",
    "website",
    "government",
    "kind",
    "country_code",
    "held_on",
    "place",
    "online",
    "sectors",
    "participants",
    "summary",
    "period_label",
    "as_of",
    "phase",
    "opens",
    "closes",
    "period_start",
    "period_end",
    "code",
    "ogp_id",
    "objective",
    "lead",
    "co_lead",
    "supporting",
    "new_start",
    "new_due",
    "link_url_0",
    "link_type_0",
    "link_date_0",
    "verifiable",
    "relevance",
    "potential_impact",
    "completion",
    "early_results",
    "next",
    "dry_run",
    "locale",
    "active",
    "representative",
    "term_start",
    "term_end",
    "quorum_met",
    "minutes",
    "decisions",
    "milestone_title_0",
    "milestone_due_0",
    "weight_0",
    "format",
];

fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("-1".to_owned()),
        Just("101".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("1e309".to_owned()),
        Just("NaN".to_owned()),
        Just("2024-02-30".to_owned()),
        Just("0000-01-01".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("00000000-0000-0000-0000-000000000000".to_owned()),
        Just("not-a-uuid".to_owned()),
        Just("validated".to_owned()),
        Just("completed".to_owned()),
        Just("javascript:alert(1)".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("'; DROP TABLE users; --".to_owned()),
        Just("a\u{0}b".to_owned()),
        Just("\u{202e}\u{feff}ñ".to_owned()),
        Just("x".repeat(25_000)),
        "\\PC{0,300}",
        any::<String>(),
    ]
}

fn hostile_form() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    proptest::collection::vec((proptest::sample::select(FIELDS), hostile_value()), 0..12)
}

#[tokio::test]
async fn no_input_to_any_route_makes_a_server_error() {
    let app = spawn_demo_app().await;
    let ids = PathIds::load(&app).await;
    let routes = expectations();
    let mut visitors = [
        (
            "official",
            logged_in(
                &app,
                "fuzz.a@example.org",
                Role::Official,
                Some("asamblea-nacional"),
            )
            .await,
        ),
        (
            "nucleo",
            logged_in(&app, "fuzz.n@example.org", Role::Nucleo, None).await,
        ),
        (
            "admin",
            logged_in(&app, "fuzz.admin@example.org", Role::Admin, None).await,
        ),
        (
            "participant",
            logged_in(&app, "fuzz.p@example.org", Role::Participant, None).await,
        ),
    ];
    let mut runner = TestRunner::deterministic();
    let strategy = hostile_form();
    let mut failures = Vec::new();
    let cases = 12;
    for _ in 0..cases {
        for ((method, pattern), (path, _, _)) in &routes {
            // Logging out would end the visitor's session for the remaining cases.
            if *pattern == "/logout" || pattern.starts_with("/lang/") {
                continue;
            }
            let fields = strategy
                .new_tree(&mut runner)
                .expect("a generated form")
                .current();
            let borrowed: Vec<(&str, &str)> =
                fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let path = ids.concrete(path);
            for (who, browser) in visitors.iter_mut() {
                let page = if *method == Method::GET {
                    // A URI has a length limit of its own; long values go in forms.
                    let short: Vec<(&str, String)> = fields
                        .iter()
                        .map(|(k, v)| (*k, v.chars().take(200).collect()))
                        .collect();
                    let query = serde_urlencoded::to_string(&short).unwrap_or_default();
                    let sep = if path.contains('?') { '&' } else { '?' };
                    browser.get(&format!("{path}{sep}{query}")).await
                } else {
                    browser.post_form("/plans", &path, &borrowed).await
                };
                if page.status.is_server_error() {
                    failures.push(format!(
                        "{method} {pattern} as {who} with {:?}: {}",
                        fields
                            .iter()
                            .map(|(k, v)| (k, v.chars().take(40).collect::<String>()))
                            .collect::<Vec<_>>(),
                        page.status
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "server errors:\n{}",
        failures.join("\n")
    );
}

/// Who posts, where, and the valid fields.
type Form<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>);

/// A complete, valid form with one field replaced by a hostile value: the handler parses
/// everything else and meets the bad value deep inside (store, database), not at the door.
#[tokio::test]
async fn one_hostile_field_in_an_otherwise_valid_form_never_makes_a_server_error() {
    let app = spawn_demo_app().await;
    let ids = PathIds::load(&app).await;
    let mut official = logged_in(
        &app,
        "fuzz.a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "fuzz.n@example.org", Role::Nucleo, None).await;
    let mut participant = logged_in(&app, "fuzz.p@example.org", Role::Participant, None).await;
    let report = ids.concrete("/implementation/milestones/{milestone}/report");
    let assessment = ids.concrete("/monitoring/commitments/{commitment}/assessments");
    let comment = ids.concrete("/plans/ecuador-2022-2024/proposals/{proposal}/comments");
    let replan = ids.concrete("/implementation/milestones/{milestone}/replan");
    let mut runner = TestRunner::deterministic();
    let mut failures = Vec::new();
    let mut accepted = 0;
    for case in 0..40 {
        let value = hostile_value()
            .new_tree(&mut runner)
            .expect("a value")
            .current();
        let version: i32 = sqlx::query_scalar(&format!(
            "SELECT version FROM milestones WHERE id = '{}'",
            report.split('/').nth(3).unwrap_or_default()
        ))
        .fetch_one(&app.db)
        .await
        .expect("version");
        let version = version.to_string();
        let forms: [Form; 4] = [
            (
                "official",
                report.as_str(),
                vec![
                    ("version", version.as_str()),
                    ("progress", "50"),
                    ("status", "in_progress"),
                    ("challenges", "Retraso en la contratación."),
                    ("narrative", "Avance verificado."),
                    ("link_url_0", "https://www.asambleanacional.gob.ec/"),
                    ("link_type_0", "web_page"),
                    ("link_source_0", "Asamblea"),
                    ("link_date_0", "2024-05-01"),
                ],
            ),
            (
                "official",
                replan.as_str(),
                vec![
                    ("new_start", "2024-01-01"),
                    ("new_due", "2025-06-30"),
                    ("reason", "Retraso en la contratación."),
                ],
            ),
            (
                "nucleo",
                assessment.as_str(),
                vec![
                    ("period_label", "Evaluación intermedia"),
                    ("as_of", "2024-06-30"),
                    ("verifiable", "yes"),
                    ("relevance", "access_to_information"),
                    ("potential_impact", "moderate"),
                    ("completion", "limited"),
                    ("early_results", "marginal"),
                    ("narrative", "Avance limitado."),
                ],
            ),
            (
                "participant",
                comment.as_str(),
                vec![("body", "Comentario de prueba.")],
            ),
        ];
        for (who, path, base) in forms {
            let field = base[case % base.len()].0;
            let fields: Vec<(&str, &str)> = base
                .iter()
                .map(|(k, v)| {
                    if *k == field {
                        (*k, value.as_str())
                    } else {
                        (*k, *v)
                    }
                })
                .collect();
            let browser = match who {
                "official" => &mut official,
                "nucleo" => &mut nucleo,
                _ => &mut participant,
            };
            let page = browser.post_form("/plans", path, &fields).await;
            if page.status.is_server_error() {
                failures.push(format!(
                    "{path} as {who}, {field} = {:?}: {}",
                    value.chars().take(40).collect::<String>(),
                    page.status
                ));
            } else if page.status.is_redirection() {
                accepted += 1;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "server errors:\n{}",
        failures.join("\n")
    );
    // The forms were complete: values that happen to be valid got through to the database.
    assert!(
        accepted > 0,
        "no form was ever accepted: the base forms are wrong"
    );
}

/// A hostile archive: one of the crafted files, then damaged the way fuzzers damage them.
fn hostile_file(bases: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let mutation = prop_oneof![
        // A 32-bit field somewhere set to an extreme (sizes, counts, offsets).
        (
            any::<prop::sample::Index>(),
            prop_oneof![Just(u32::MAX), Just(0u32), Just(0x7FFF_FFFF), Just(0xFFFF)]
        )
            .prop_map(|(at, v)| Mutation::Word(at, v)),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        Just(Mutation::None),
    ];
    (
        proptest::sample::select(bases),
        proptest::collection::vec(mutation, 0..4),
    )
        .prop_map(|(mut bytes, mutations)| {
            for m in mutations {
                m.apply(&mut bytes);
            }
            bytes
        })
}

#[derive(Clone, Debug)]
enum Mutation {
    Word(prop::sample::Index, u32),
    Byte(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
    None,
}

impl Mutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        if bytes.len() < 4 {
            return;
        }
        match self {
            Mutation::Word(at, v) => {
                let at = at.index(bytes.len() - 3);
                bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
            }
            Mutation::Byte(at, b) => {
                let at = at.index(bytes.len());
                bytes[at] = *b;
            }
            Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len())),
            Mutation::None => {}
        }
    }
}

/// Every parsed upload (the plan import, evidence documents) fed with crafted and damaged
/// archives: bombs, huge declared counts and sizes, sparse ranges, deep XML. Whatever
/// arrives, the answer is a 2xx/4xx page, never a server error, and the server stays up.
#[tokio::test]
async fn no_hostile_spreadsheet_or_archive_makes_a_server_error() {
    use crate::security::hostile_files::{
        deflate_bomb, sparse_corners, trillion_strings, workbook, zip_of,
    };
    let app = spawn_demo_app().await;
    let mut nucleo = logged_in(&app, "fuzz.n@example.org", Role::Nucleo, None).await;
    let mut official = logged_in(
        &app,
        "fuzz.a@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let ids = PathIds::load(&app).await;
    let report = ids.concrete("/implementation/milestones/{milestone}/report");
    let import = "/co-creation/plans/ecuador-2019-2022/import";
    let export = nucleo
        .get("/co-creation/plans/ecuador-2019-2022/export.xlsx")
        .await
        .bytes;
    let deep = format!("{}{}", "<a>".repeat(9_000), "</a>".repeat(9_000));
    let bases = vec![
        export,
        trillion_strings(),
        sparse_corners(),
        deflate_bomb(),
        workbook(&deep, &deep),
        zip_of(&[
            ("word/document.xml", &[0u8; 300_000]),
            ("[Content_Types].xml", b"<Types/>"),
        ]),
    ];
    let mut runner = TestRunner::deterministic();
    let strategy = hostile_file(bases);
    let mut failures = Vec::new();
    for case in 0..24 {
        let file = strategy.new_tree(&mut runner).expect("a file").current();
        let page = nucleo
            .post_multipart(
                import,
                import,
                &[("dry_run", "1")],
                &[("file", "plan.xlsx", file.clone())],
            )
            .await;
        if page.status.is_server_error() {
            failures.push(format!("import, case {case}: {}", page.status));
        }
        let version: i32 = sqlx::query_scalar(&format!(
            "SELECT version FROM milestones WHERE id = '{}'",
            report.split('/').nth(3).unwrap_or_default()
        ))
        .fetch_one(&app.db)
        .await
        .expect("version");
        let page = official
            .post_multipart(
                &report,
                &report,
                &[
                    ("version", &version.to_string()),
                    ("progress", "50"),
                    ("status", "in_progress"),
                    ("challenges", "Retraso en la contratación."),
                    ("narrative", "Con un documento."),
                ],
                &[("file_0", "acta.docx", file)],
            )
            .await;
        if page.status.is_server_error() {
            failures.push(format!("evidence, case {case}: {}", page.status));
        }
    }
    assert_eq!(app.get("/plans").await.status, axum::http::StatusCode::OK);
    assert!(
        failures.is_empty(),
        "server errors:\n{}",
        failures.join("\n")
    );
}
