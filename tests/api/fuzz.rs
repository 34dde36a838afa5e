//! Every form and query input of every route, fed with hostile values: whatever arrives, the
//! answer is never a server error (no 500, no panic), for the roles that reach the handlers.

use abierto::domain::Role;
use axum::http::Method;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use crate::access_matrix::{PathIds, expectations};
use crate::helpers::{logged_in, spawn_demo_app};

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
