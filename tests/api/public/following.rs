//! Following commitments, the messages reviews send, and state changes on the timeline.

use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{Browser, TestApp, logged_in, spawn_demo_app};

const EC0014: &str = "/plans/ecuador-2022-2024/commitments/4";

async fn ec0014(app: &TestApp) -> (Uuid, String) {
    sqlx::query_as("SELECT id, title FROM commitments WHERE ogp_id = 'EC0014'")
        .fetch_one(&app.db)
        .await
        .expect("commitment")
}

/// The official reports on milestone 4 of EC0014; returns the report's id.
async fn report(app: &TestApp, official: &mut Browser<'_>, narrative: &str) -> Uuid {
    let page = official.report_progress(4, "90", narrative).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    sqlx::query_scalar("SELECT id FROM progress_updates WHERE narrative = $1")
        .bind(narrative)
        .fetch_one(&app.db)
        .await
        .expect("report")
}

async fn review(nucleo: &mut Browser<'_>, update: Uuid, decision: &str, note: &str) {
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{update}/review"),
            &[("decision", decision), ("note", note)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

async fn follow(browser: &mut Browser<'_>, action: &str) {
    let page = browser
        .post_form(EC0014, &format!("{EC0014}/{action}"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

/// A message as a reader sees it: recipient, subject and body decoded.
struct Mail {
    to: String,
    subject: String,
    body: String,
}

fn mails_to(app: &TestApp, to: &str) -> Vec<Mail> {
    app.mails()
        .iter()
        .map(|eml| decode(eml))
        .filter(|m| m.to == to)
        .collect()
}

fn decode(eml: &str) -> Mail {
    let (head, body) = eml.split_once("\r\n\r\n").expect("head and body");
    let head = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let header = |name: &str| {
        head.split("\r\n")
            .find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case(name)
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_default()
    };
    let body = match header("Content-Transfer-Encoding")
        .to_ascii_lowercase()
        .as_str()
    {
        "base64" => utf8(base64(&body.replace("\r\n", ""))),
        "quoted-printable" => utf8(quoted_printable(body)),
        _ => body.to_owned(),
    };
    Mail {
        to: header("To"),
        subject: header("Subject")
            .split(' ')
            .map(|word| match word.strip_prefix("=?utf-8?b?") {
                Some(encoded) => utf8(base64(encoded.trim_end_matches("?="))),
                None => format!(" {word} "),
            })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        body: body.replace("\r\n", "\n"),
    }
}

fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("utf-8")
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> = text
        .bytes()
        .filter(|b| *b != b'=')
        .map(|b| ALPHABET.iter().position(|a| *a == b).expect("base64") as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in sextets.chunks(4) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0, |g, (i, s)| g | (s << (18 - 6 * i)));
        out.extend(&group.to_be_bytes()[1..chunk.len()]);
    }
    out
}

fn quoted_printable(text: &str) -> Vec<u8> {
    let text = text.replace("=\r\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
            out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[tokio::test]
async fn a_follower_is_mailed_in_their_language_when_a_report_is_validated() {
    let app = spawn_demo_app().await;
    let (_, title) = ec0014(&app).await;
    let mut ana = logged_in(&app, "ana@example.org", Role::Participant, None).await;
    let mut bob = logged_in(&app, "bob@example.org", Role::Participant, None).await;
    sqlx::query("UPDATE users SET locale = 'en' WHERE email = 'bob@example.org'")
        .execute(&app.db)
        .await
        .expect("english");
    assert!(
        ana.get(EC0014)
            .await
            .body
            .contains("Seguir este compromiso")
    );
    follow(&mut ana, "follow").await;
    follow(&mut bob, "follow").await;
    assert!(
        ana.get(EC0014)
            .await
            .body
            .contains("Usted sigue este compromiso.")
    );

    let mut official = logged_in(
        &app,
        "o@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let update = report(&app, &mut official, "Campaña terminada.").await;
    assert!(
        mails_to(&app, "ana@example.org").is_empty(),
        "a pending report tells nobody"
    );
    review(&mut nucleo, update, "validated", "").await;

    let to_ana = mails_to(&app, "ana@example.org");
    assert_eq!(to_ana.len(), 1);
    assert!(
        to_ana[0].subject.starts_with("Reporte validado"),
        "{}",
        to_ana[0].subject
    );
    assert!(to_ana[0].body.contains(&title), "{}", to_ana[0].body);
    assert!(
        to_ana[0]
            .body
            .contains(&format!("http://127.0.0.1:3000{EC0014}"))
    );
    let to_bob = mails_to(&app, "bob@example.org");
    assert_eq!(to_bob.len(), 1);
    assert!(
        to_bob[0].subject.starts_with("Report validated"),
        "{}",
        to_bob[0].subject
    );
    assert!(
        mails_to(&app, "o@example.org").is_empty(),
        "the author is not told of a validation"
    );
}

#[tokio::test]
async fn followers_of_a_contested_report_get_the_public_reason() {
    let app = spawn_demo_app().await;
    let mut ana = logged_in(&app, "ana@example.org", Role::Participant, None).await;
    follow(&mut ana, "follow").await;
    let mut official = logged_in(
        &app,
        "o@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let update = report(&app, &mut official, "Campaña terminada.").await;
    review(
        &mut nucleo,
        update,
        "contested",
        "La sociedad civil no encontró el acta.",
    )
    .await;
    let to_ana = mails_to(&app, "ana@example.org");
    assert_eq!(to_ana.len(), 1);
    assert!(to_ana[0].subject.starts_with("Reporte cuestionado"));
    assert!(
        to_ana[0]
            .body
            .contains("La sociedad civil no encontró el acta.")
    );
}

#[tokio::test]
async fn a_returned_report_mails_its_author_the_note_and_not_the_followers() {
    let app = spawn_demo_app().await;
    let mut ana = logged_in(&app, "ana@example.org", Role::Participant, None).await;
    follow(&mut ana, "follow").await;
    let mut official = logged_in(
        &app,
        "o@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let update = report(&app, &mut official, "Cifra sin respaldo.").await;
    review(
        &mut nucleo,
        update,
        "returned",
        "Falta el medio de verificación.",
    )
    .await;

    let to_official = mails_to(&app, "o@example.org");
    assert_eq!(to_official.len(), 1);
    assert!(to_official[0].subject.starts_with("Reporte devuelto"));
    assert!(
        to_official[0]
            .body
            .contains("Falta el medio de verificación.")
    );
    assert!(
        to_official[0]
            .body
            .contains("http://127.0.0.1:3000/implementation")
    );
    assert!(mails_to(&app, "ana@example.org").is_empty());
}

#[tokio::test]
async fn a_mail_that_cannot_be_sent_does_not_undo_the_review() {
    let app = spawn_demo_app().await;
    let mut official = logged_in(
        &app,
        "o@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let update = report(&app, &mut official, "Cifra sin respaldo.").await;
    // The mailbox cannot be written: a file stands where its directory was.
    std::fs::remove_dir_all(&app.mailbox).expect("remove mailbox");
    std::fs::write(&app.mailbox, b"not a directory").expect("block mailbox");
    review(&mut nucleo, update, "returned", "Falta el acta.").await;
    let state: String =
        sqlx::query_scalar("SELECT review_state FROM progress_updates WHERE id = $1")
            .bind(update)
            .fetch_one(&app.db)
            .await
            .expect("report");
    assert_eq!(state, "returned");
}

#[tokio::test]
async fn the_account_lists_follows_and_unfollowing_stops_the_mails() {
    let app = spawn_demo_app().await;
    let (commitment, title) = ec0014(&app).await;
    let mut ana = logged_in(&app, "ana@example.org", Role::Participant, None).await;
    assert!(
        ana.get("/account")
            .await
            .body
            .contains("Todavía no sigue ningún compromiso")
    );
    follow(&mut ana, "follow").await;
    follow(&mut ana, "follow").await;
    let account = ana.get("/account").await;
    assert!(account.body.contains(&title), "the account lists it");

    let page = ana
        .post_form(
            "/account",
            &format!("{EC0014}/unfollow"),
            &[("back", "account")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers["location"], "/account");
    assert!(
        ana.get("/account")
            .await
            .body
            .contains("Todavía no sigue ningún compromiso")
    );
    assert!(
        ana.get(EC0014)
            .await
            .body
            .contains("Seguir este compromiso")
    );

    let audited: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE entity = 'follow' AND entity_id = $1 ORDER BY id",
    )
    .bind(commitment.to_string())
    .fetch_all(&app.db)
    .await
    .expect("audit");
    assert_eq!(
        audited,
        ["commitment.follow", "commitment.unfollow"],
        "following twice is one change"
    );

    let mut official = logged_in(
        &app,
        "o@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let update = report(&app, &mut official, "Campaña terminada.").await;
    review(&mut nucleo, update, "validated", "").await;
    assert!(mails_to(&app, "ana@example.org").is_empty());
}

#[tokio::test]
async fn anonymous_visitors_are_invited_to_log_in_to_follow() {
    let app = spawn_demo_app().await;
    let page = app.get(EC0014).await;
    assert!(
        page.body
            .contains("Inicie sesión para seguir este compromiso")
    );
    assert!(!page.body.contains("/follow\""));
}

#[tokio::test]
async fn following_an_unknown_commitment_is_404() {
    let app = spawn_demo_app().await;
    let mut ana = logged_in(&app, "ana@example.org", Role::Participant, None).await;
    let page = ana
        .post_form(
            EC0014,
            "/plans/ecuador-2022-2024/commitments/99/follow",
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn state_changes_recorded_in_the_audit_log_show_on_the_public_timeline() {
    let app = spawn_demo_app().await;
    let (commitment, _) = ec0014(&app).await;
    let mut tx = app.db.begin().await.expect("transaction");
    abierto::store::audit::record(
        &mut tx,
        abierto::store::audit::NewAuditEntry {
            actor_id: None,
            actor_label: "n@example.org".into(),
            action: "commitment.state",
            entity: "commitment",
            entity_id: Some(commitment.to_string()),
            before: Some(serde_json::json!({ "state": "approved" })),
            after: Some(serde_json::json!({ "state": "withdrawn", "reason": "Fusionado con el compromiso 3." })),
            request_id: None,
        },
    )
    .await
    .expect("audit");
    tx.commit().await.expect("commit");

    let page = app.get(EC0014).await;
    assert!(page.body.contains("Cambios de estado y de fechas"));
    assert!(page.body.contains("Estado del compromiso"));
    assert!(page.body.contains("Aprobado → Retirado"), "{}", page.body);
    assert!(page.body.contains("Fusionado con el compromiso 3."));
    assert!(
        !page.body.contains("n@example.org"),
        "who changed it stays in the audit log"
    );
}
