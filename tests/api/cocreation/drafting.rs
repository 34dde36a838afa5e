//! Co-creation run by the forum: plan phases and window, commitment drafting, public
//! consultation comments and their moderation, approval and the move to implementation,
//! and the forum's own record.

use abierto::domain::Role;
use axum::http::StatusCode;
use chrono::{Days, Utc};
use uuid::Uuid;

use crate::helpers::{Browser, TestApp, spawn_demo_app};

pub const PLAN: &str = "plan-prueba-2026";

/// The milestones of the test plan (a `FROM … WHERE` to follow a select list).
const OURS: &str = "FROM milestones m JOIN commitments c ON c.id = m.commitment_id
      JOIN action_plans p ON p.id = c.plan_id WHERE p.slug = 'plan-prueba-2026'";

pub async fn log_in_as<'a>(
    app: &'a TestApp,
    email: &str,
    role: Role,
    inst: Option<&str>,
) -> Browser<'a> {
    app.user(email, role, inst).await;
    let mut browser = app.browser();
    let page = browser.log_in(email).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{email} logs in");
    browser
}

pub async fn nucleo(app: &TestApp) -> Browser<'_> {
    log_in_as(app, "nucleo.n@example.org", Role::Nucleo, None).await
}

async fn scalar<T>(app: &TestApp, sql: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    sqlx::query_scalar(sql).fetch_one(&app.db).await.expect(sql)
}

async fn institution(app: &TestApp, sector: &str) -> String {
    let id: Uuid =
        sqlx::query_scalar("SELECT id FROM institutions WHERE sector = $1 ORDER BY name LIMIT 1")
            .bind(sector)
            .fetch_one(&app.db)
            .await
            .expect("an institution of the sector");
    id.to_string()
}

pub async fn plan_version(app: &TestApp) -> String {
    let v: i32 = sqlx::query_scalar("SELECT version FROM action_plans WHERE slug = $1")
        .bind(PLAN)
        .fetch_one(&app.db)
        .await
        .expect("plan version");
    v.to_string()
}

pub async fn commitment_version(app: &TestApp, code: &str) -> String {
    let v: i32 = sqlx::query_scalar(
        "SELECT c.version FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $1 AND c.code = $2",
    )
    .bind(PLAN)
    .bind(code)
    .fetch_one(&app.db)
    .await
    .expect("commitment version");
    v.to_string()
}

/// A new draft plan for 2026–2028.
pub async fn create_plan(app: &TestApp, forum: &mut Browser<'_>) {
    let government: Uuid = scalar(app, "SELECT id FROM governments LIMIT 1").await;
    let government = government.to_string();
    let page = forum
        .post_form(
            "/co-creation",
            "/co-creation/plans",
            &[
                ("government", government.as_str()),
                ("title", "Plan de prueba 2026-2028"),
                ("slug", PLAN),
                ("period_start", "2026-01-01"),
                ("period_end", "2028-12-31"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

/// Opens co-creation with a window from yesterday to a month from today.
pub async fn open_window(app: &TestApp, forum: &mut Browser<'_>) {
    let today = Utc::now().date_naive();
    let opens = (today - Days::new(1)).to_string();
    let closes = (today + Days::new(30)).to_string();
    let version = plan_version(app).await;
    let uri = format!("/co-creation/plans/{PLAN}");
    let page = forum
        .post_form(
            &uri,
            &format!("{uri}/phase"),
            &[
                ("version", version.as_str()),
                ("phase", "co_creation"),
                ("opens", opens.as_str()),
                ("closes", closes.as_str()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

/// The drafting form's fields for commitment `code`: template, actors, two milestones.
pub async fn commitment_fields(
    app: &TestApp,
    code: &str,
    responsible_second: bool,
) -> Vec<(String, String)> {
    let lead = institution(app, "government").await;
    let co_lead = institution(app, "civil_society").await;
    let supporting = sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM institutions WHERE sector = 'government' ORDER BY name OFFSET 1 LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("second institution")
    .to_string();
    let mut f: Vec<(String, String)> = [
        ("rows", "2"),
        ("code", code),
        ("title", "Datos abiertos de contratación pública"),
        (
            "problem",
            "Los datos de compras no se publican en formatos abiertos.",
        ),
        (
            "objective",
            "Publicar los datos de contratación en el estándar OCDS.",
        ),
        ("ogp_values", "access_to_information"),
        ("ogp_values", "public_accountability"),
        ("sdgs", "16"),
        ("policy_areas", "Contratación pública"),
        ("start_date", "2026-02-01"),
        ("end_date", "2028-06-30"),
        ("m-title-1", "Portal de datos de contratación"),
        ("m-weight-1", "2"),
        ("m-start-1", "2026-02-01"),
        ("m-due-1", "2026-12-31"),
        ("m-title-2", "Capacitación a organizaciones"),
        ("m-weight-2", "1"),
        ("m-start-2", "2027-01-01"),
        ("m-due-2", "2027-06-30"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    f.push(("lead".into(), lead.clone()));
    f.push(("co_lead".into(), co_lead));
    f.push(("supporting".into(), supporting));
    f.push(("m-responsible-1".into(), lead.clone()));
    if responsible_second {
        f.push(("m-responsible-2".into(), lead));
    }
    f
}

fn as_refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

pub async fn draft_commitment(app: &TestApp, forum: &mut Browser<'_>, code: &str, complete: bool) {
    let fields = commitment_fields(app, code, complete).await;
    let page = forum
        .post_form(
            &format!("/co-creation/plans/{PLAN}/commitments/new"),
            &format!("/co-creation/plans/{PLAN}/commitments"),
            &as_refs(&fields),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

pub async fn move_commitment(
    app: &TestApp,
    forum: &mut Browser<'_>,
    code: &str,
    to: &str,
) -> crate::helpers::Page {
    let version = commitment_version(app, code).await;
    let edit = format!("/co-creation/plans/{PLAN}/commitments/{code}/edit");
    forum
        .post_form(
            &edit,
            &format!("/co-creation/plans/{PLAN}/commitments/{code}/state"),
            &[
                ("version", version.as_str()),
                ("state", to),
                ("confirm", "yes"),
            ],
        )
        .await
}

pub async fn move_plan(app: &TestApp, forum: &mut Browser<'_>, to: &str) -> crate::helpers::Page {
    let version = plan_version(app).await;
    let uri = format!("/co-creation/plans/{PLAN}");
    forum
        .post_form(
            &uri,
            &format!("{uri}/phase"),
            &[
                ("version", version.as_str()),
                ("phase", to),
                ("confirm", "yes"),
            ],
        )
        .await
}

/// A plan in co-creation with commitment 1 (complete) in consultation.
pub async fn plan_in_consultation(app: &TestApp) -> Browser<'_> {
    let mut forum = nucleo(app).await;
    create_plan(app, &mut forum).await;
    open_window(app, &mut forum).await;
    draft_commitment(app, &mut forum, "1", true).await;
    let page = move_commitment(app, &mut forum, "1", "consultation").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    forum
}

#[tokio::test]
async fn nucleo_opens_the_cocreation_window_of_a_new_plan() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    create_plan(&app, &mut forum).await;
    let page = forum.get(&format!("/co-creation/plans/{PLAN}")).await;
    assert!(page.body.contains("Borrador"), "a new plan is a draft");
    open_window(&app, &mut forum).await;
    let (phase, opens): (String, Option<chrono::DateTime<Utc>>) =
        sqlx::query_as("SELECT phase, cocreation_opens FROM action_plans WHERE slug = $1")
            .bind(PLAN)
            .fetch_one(&app.db)
            .await
            .expect("plan");
    assert_eq!(phase, "co_creation");
    assert_eq!(
        opens.map(|o| o.date_naive()),
        Utc::now().date_naive().checked_sub_days(Days::new(1))
    );
    let page = forum.get(&format!("/co-creation/plans/{PLAN}")).await;
    assert!(
        page.body.contains("abierta ahora"),
        "the window is open today"
    );
    let audited: i64 = scalar(
        &app,
        "SELECT count(*) FROM audit_log WHERE action IN ('plan.create', 'plan.phase')",
    )
    .await;
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn opening_cocreation_needs_window_dates_in_order() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    create_plan(&app, &mut forum).await;
    let version = plan_version(&app).await;
    let uri = format!("/co-creation/plans/{PLAN}");
    let page = forum
        .post_form(
            &uri,
            &format!("{uri}/phase"),
            &[
                ("version", version.as_str()),
                ("phase", "co_creation"),
                ("opens", "2026-05-01"),
                ("closes", "2026-04-01"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("El cierre no puede ser anterior a la apertura.")
    );
    assert_eq!(plan_version(&app).await, version, "nothing was written");
}

#[tokio::test]
async fn phases_only_move_forward_and_say_why_not() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    create_plan(&app, &mut forum).await;
    let page = move_plan(&app, &mut forum, "implementation").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Las fases no se saltan"));
    open_window(&app, &mut forum).await;
    let page = move_plan(&app, &mut forum, "draft").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Las fases solo avanzan"));
}

#[tokio::test]
async fn a_stale_plan_form_gets_a_conflict() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    create_plan(&app, &mut forum).await;
    let stale = plan_version(&app).await;
    open_window(&app, &mut forum).await;
    let uri = format!("/co-creation/plans/{PLAN}");
    let page = forum
        .post_form(
            &uri,
            &format!("{uri}/phase"),
            &[("version", stale.as_str()), ("phase", "implementation")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("Otra persona cambió este plan"));
}

#[tokio::test]
async fn nucleo_moves_the_window_during_cocreation_from_the_current_version() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    create_plan(&app, &mut forum).await;
    open_window(&app, &mut forum).await;
    let version = plan_version(&app).await;
    let uri = format!("/co-creation/plans/{PLAN}");
    let closes = (Utc::now().date_naive() + Days::new(60)).to_string();
    let opens = (Utc::now().date_naive() - Days::new(1)).to_string();
    let fields = [
        ("version", version.as_str()),
        ("opens", opens.as_str()),
        ("closes", closes.as_str()),
    ];
    let page = forum
        .post_form(&uri, &format!("{uri}/window"), &fields)
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = forum.get(&uri).await;
    assert!(
        page.body.contains(&format!("value=\"{closes}\"")),
        "the form shows the new last day"
    );
    let stale = forum
        .post_form(&uri, &format!("{uri}/window"), &fields)
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let audited: i64 = scalar(
        &app,
        "SELECT count(*) FROM audit_log WHERE action = 'plan.window'",
    )
    .await;
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_stale_commitment_form_gets_a_conflict() {
    let app = spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    let page = forum
        .post_form(
            &format!("/co-creation/plans/{PLAN}/commitments/1/edit"),
            &format!("/co-creation/plans/{PLAN}/commitments/1/state"),
            &[("version", "1"), ("state", "approved")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains("Otra persona cambió este compromiso"));
}

#[tokio::test]
async fn nucleo_drafts_a_commitment_with_actors_and_two_milestones() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    create_plan(&app, &mut forum).await;
    open_window(&app, &mut forum).await;
    draft_commitment(&app, &mut forum, "1", true).await;
    let actors: Vec<String> = sqlx::query_scalar(
        "SELECT a.role FROM commitment_actors a JOIN commitments c ON c.id = a.commitment_id
           JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = 'plan-prueba-2026' ORDER BY a.position",
    )
    .fetch_all(&app.db)
    .await
    .expect("actors");
    assert_eq!(actors, ["lead", "civil_society_co_lead", "supporting"]);
    let milestones: Vec<(i32, i32, Option<chrono::NaiveDate>)> = sqlx::query_as(
        "SELECT m.position, m.weight, m.baseline_due FROM milestones m
           JOIN commitments c ON c.id = m.commitment_id JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $1 ORDER BY m.position",
    )
    .bind(PLAN)
    .fetch_all(&app.db)
    .await
    .expect("milestones");
    assert_eq!(milestones.len(), 2);
    assert_eq!(milestones[0].1, 2);
    assert_eq!(milestones[1].2, "2027-06-30".parse().ok());
    let form = forum
        .get(&format!("/co-creation/plans/{PLAN}/commitments/1/edit"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Capacitación a organizaciones"));
    assert!(form.body.contains("Los datos de compras no se publican"));
    let audited: i64 = scalar(
        &app,
        "SELECT count(*) FROM audit_log WHERE action = 'commitment.create'",
    )
    .await;
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_participant_comments_on_a_commitment_in_consultation() {
    let app = spawn_demo_app().await;
    let _forum = plan_in_consultation(&app).await;
    let mut participant = log_in_as(&app, "p.comenta@example.org", Role::Participant, None).await;
    let public = format!("/plans/{PLAN}/commitments/1");
    let page = participant
        .post_form(
            &public,
            &format!("{public}/comments"),
            &[("body", "Incluyan datos de ejecución de contratos.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&public).await;
    assert!(
        page.body
            .contains("Incluyan datos de ejecución de contratos.")
    );
    // An empty or overlong comment comes back on the commitment's page, the text kept and the
    // field marked, and nothing is saved.
    let empty = participant
        .post_form(&public, &format!("{public}/comments"), &[("body", "   ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body.contains("id=\"comment-body-error\""),
        "{}",
        empty.body
    );
    assert!(empty.body.contains("aria-invalid=\"true\""));
    let long = "Propuesta detallada. ".repeat(300);
    let refused = participant
        .post_form(&public, &format!("{public}/comments"), &[("body", &long)])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains(long.trim()), "the text is kept");
    let saved: i64 = scalar(&app, "SELECT count(*) FROM comments").await;
    assert_eq!(saved, 1, "only the first comment is saved");
}

#[tokio::test]
async fn a_draft_not_in_consultation_takes_no_comments() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    create_plan(&app, &mut forum).await;
    open_window(&app, &mut forum).await;
    draft_commitment(&app, &mut forum, "1", true).await;
    let mut participant = log_in_as(&app, "p.temprano@example.org", Role::Participant, None).await;
    let public = format!("/plans/{PLAN}/commitments/1");
    let page = participant
        .post_form(
            &public,
            &format!("{public}/comments"),
            &[("body", "¿Ya se puede comentar?")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    let count: i64 = scalar(&app, "SELECT count(*) FROM comments").await;
    assert_eq!(count, 0);
}

#[tokio::test]
async fn nucleo_hides_a_comment_and_only_the_reason_shows() {
    let app = spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    let mut participant = log_in_as(&app, "p.ofensivo@example.org", Role::Participant, None).await;
    let public = format!("/plans/{PLAN}/commitments/1");
    participant
        .post_form(
            &public,
            &format!("{public}/comments"),
            &[("body", "Texto con datos personales de un tercero.")],
        )
        .await;
    let id: Uuid = scalar(&app, "SELECT id FROM comments").await;
    let page = forum
        .post_form(
            &public,
            &format!("/co-creation/plans/{PLAN}/commitments/1/comments/{id}/hide"),
            &[("reason", "Publica datos personales.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&public).await;
    assert!(
        !page
            .body
            .contains("Texto con datos personales de un tercero.")
    );
    assert!(
        page.body
            .contains("Comentario ocultado por el Grupo Núcleo.")
    );
    assert!(page.body.contains("Publica datos personales."));
    let audited: i64 = scalar(
        &app,
        "SELECT count(*) FROM audit_log WHERE action = 'comment.hide'",
    )
    .await;
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn approval_freezes_the_baseline() {
    let app = spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    let page = move_commitment(&app, &mut forum, "1", "approved").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let current: Vec<Option<chrono::NaiveDate>> =
        sqlx::query_scalar(&format!("SELECT m.current_due {OURS} ORDER BY m.position"))
            .fetch_all(&app.db)
            .await
            .expect("current dates");
    assert_eq!(
        current,
        ["2026-12-31".parse().ok(), "2027-06-30".parse().ok()]
    );
    let mut fields = commitment_fields(&app, "1", true).await;
    for (k, v) in &mut fields {
        if k == "m-due-2" {
            *v = "2027-12-31".into();
        }
    }
    let version = commitment_version(&app, "1").await;
    fields.push(("version".into(), version));
    let edit = format!("/co-creation/plans/{PLAN}/commitments/1/edit");
    let page = forum
        .post_form(
            &edit,
            &format!("/co-creation/plans/{PLAN}/commitments/1"),
            &as_refs(&fields),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("esta fecha de línea de base ya no cambia")
    );
    let due: Option<chrono::NaiveDate> = scalar(
        &app,
        &format!("SELECT m.baseline_due {OURS} AND m.position = 2"),
    )
    .await;
    assert_eq!(due, "2027-06-30".parse().ok());
    // Not even another client may move it.
    let direct = sqlx::query(&format!(
        "UPDATE milestones SET baseline_due = '2027-12-31' WHERE id IN (SELECT m.id {OURS})"
    ))
    .execute(&app.db)
    .await;
    assert!(direct.is_err(), "the database refuses it too");
}

#[tokio::test]
async fn implementation_waits_for_every_commitment_and_lists_what_is_missing() {
    let app = spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    move_commitment(&app, &mut forum, "1", "approved").await;
    draft_commitment(&app, &mut forum, "2", false).await;
    let page = move_plan(&app, &mut forum, "implementation").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Compromiso 2: no está aprobado ni retirado"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Compromiso 2, Hito 2: no tiene institución responsable")
    );
    assert!(
        !page.body.contains("Compromiso 1"),
        "commitment 1 is complete"
    );
    let refused = move_commitment(&app, &mut forum, "2", "approved").await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an incomplete draft is not approved"
    );
    move_commitment(&app, &mut forum, "2", "withdrawn").await;
    let page = move_plan(&app, &mut forum, "implementation").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let phase: String = scalar(
        &app,
        "SELECT phase FROM action_plans WHERE slug = 'plan-prueba-2026'",
    )
    .await;
    assert_eq!(phase, "implementation");
}

#[tokio::test]
async fn participants_and_officials_are_refused_every_cocreation_page() {
    let app = spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    forum.get("/").await;
    let mut participant = log_in_as(&app, "p.curioso@example.org", Role::Participant, None).await;
    let mut official = log_in_as(
        &app,
        "o.curioso@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    for uri in [
        "/co-creation".to_owned(),
        format!("/co-creation/plans/{PLAN}"),
        format!("/co-creation/plans/{PLAN}/commitments/new"),
        format!("/co-creation/plans/{PLAN}/commitments/1/edit"),
        format!("/co-creation/plans/{PLAN}/forum"),
    ] {
        assert_eq!(
            participant.get(&uri).await.status,
            StatusCode::FORBIDDEN,
            "{uri}"
        );
        assert_eq!(
            official.get(&uri).await.status,
            StatusCode::FORBIDDEN,
            "{uri}"
        );
    }
    let version = commitment_version(&app, "1").await;
    let page = official
        .post_form(
            "/plans",
            &format!("/co-creation/plans/{PLAN}/commitments/1/state"),
            &[("version", version.as_str()), ("state", "approved")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(commitment_version(&app, "1").await, version);
}

#[tokio::test]
async fn forum_members_and_meetings_appear_publicly_with_the_sector_balance() {
    let app = spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    let government = institution(&app, "government").await;
    let civil = institution(&app, "civil_society").await;
    let manage = format!("/co-creation/plans/{PLAN}/forum");
    for (inst, person) in [(&government, "Ana Gobierno"), (&civil, "Luis Sociedad")] {
        let page = forum
            .post_form(
                &manage,
                &format!("{manage}/members"),
                &[
                    ("institution", inst.as_str()),
                    ("representative", person),
                    ("role", "member"),
                    ("term_start", "2026-01-01"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let members: Vec<Uuid> = sqlx::query_scalar(
        "SELECT n.id FROM nucleo_members n JOIN action_plans p ON p.id = n.plan_id WHERE p.slug = $1",
    )
    .bind(PLAN)
    .fetch_all(&app.db)
    .await
    .expect("members");
    let held = (Utc::now().date_naive() - Days::new(10)).to_string();
    let first = members[0].to_string();
    let page = forum
        .post_form(
            &manage,
            &format!("{manage}/meetings"),
            &[
                ("held_on", held.as_str()),
                ("attendees", first.as_str()),
                ("quorum_met", "true"),
                ("minutes", "Se revisaron los borradores de compromisos."),
                ("decisions", "Abrir la consulta del compromiso 1."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let (page, statements) =
        crate::helpers::sql_count::count(app.get(&format!("/plans/{PLAN}/forum"))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(statements <= 3, "plan, members, meetings: {statements}");
    let audited: i64 = scalar(
        &app,
        "SELECT count(*) FROM audit_log WHERE action IN ('forum.member.add', 'forum.meeting.add')",
    )
    .await;
    assert_eq!(audited, 3, "two members and a meeting");
    assert!(page.body.contains("Luis Sociedad"));
    assert!(page.body.contains("Gobierno: 1 (50 %)"));
    assert!(page.body.contains("Sociedad civil: 1 (50 %)"));
    assert!(page.body.contains("Abrir la consulta del compromiso 1."));
    assert!(
        page.body
            .contains("El foro se reunió al menos cada seis meses.")
    );
    let future = (Utc::now().date_naive() + Days::new(3)).to_string();
    let page = forum
        .post_form(
            &manage,
            &format!("{manage}/meetings"),
            &[("held_on", future.as_str())],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn cocreation_list_pages_run_a_fixed_number_of_statements() {
    let app = spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    // The first page after those writes shows their confirmation (and clears it): one more
    // statement that page only.
    let shown = forum.get("/co-creation").await;
    assert!(
        shown.body.contains("Cambios guardados."),
        "a write is confirmed"
    );
    let (page, index) = crate::helpers::sql_count::count(forum.get("/co-creation")).await;
    assert!(!page.body.contains("Cambios guardados."), "once");
    assert_eq!(page.status, StatusCode::OK);
    let (page, plan) =
        crate::helpers::sql_count::count(forum.get(&format!("/co-creation/plans/{PLAN}"))).await;
    assert_eq!(page.status, StatusCode::OK);
    let (page, members) =
        crate::helpers::sql_count::count(forum.get(&format!("/co-creation/plans/{PLAN}/forum")))
            .await;
    assert_eq!(page.status, StatusCode::OK);
    // Each also loads the session and the user (and may stamp the last visit).
    assert!(index <= 4, "session, user, plans, governments: {index}");
    assert!(
        plan <= 5,
        "session, user, plan, commitments, readiness: {plan}"
    );
    assert!(
        members <= 5,
        "session, user, plan, members, institutions: {members}"
    );
}

#[tokio::test]
async fn cocreation_pages_parse_cleanly_with_one_h1_and_labelled_controls() {
    let app = spawn_demo_app().await;
    let mut forum = plan_in_consultation(&app).await;
    let select = |doc: &scraper::Html, css: &str| {
        let selector = scraper::Selector::parse(css).expect("selector");
        doc.select(&selector)
            .map(|e| e.value().clone())
            .collect::<Vec<_>>()
    };
    for uri in [
        "/co-creation".to_owned(),
        format!("/co-creation/plans/{PLAN}"),
        format!("/co-creation/plans/{PLAN}/commitments/new"),
        format!("/co-creation/plans/{PLAN}/commitments/1/edit"),
        format!("/co-creation/plans/{PLAN}/forum"),
        format!("/plans/{PLAN}/commitments/1"),
    ] {
        let page = forum.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let doc = scraper::Html::parse_document(&page.body);
        assert!(doc.errors.is_empty(), "{uri}: {:?}", doc.errors);
        assert_eq!(select(&doc, "h1").len(), 1, "{uri}: one h1");
        for control in select(&doc, "select, input:not([type=hidden]), textarea") {
            let id = control.attr("id").unwrap_or_default();
            assert!(!id.is_empty(), "{uri}: control without id");
            let labels = select(&doc, &format!("label[for=\"{id}\"]"));
            assert_eq!(labels.len(), 1, "{uri}: control {id} needs one label");
        }
    }
}

#[tokio::test]
async fn a_forum_with_no_meetings_recorded_says_what_will_appear_without_an_alarm() {
    let app = spawn_demo_app().await;
    let page = app.get("/plans/ecuador-2022-2024/forum").await;
    assert_eq!(page.status, StatusCode::OK);
    let meetings = &page.body[page
        .body
        .find("id=\"meetings-heading\"")
        .expect("the meetings section")..];
    assert!(
        meetings.contains("Aún no hay reuniones registradas."),
        "{meetings}"
    );
    assert!(
        !meetings.contains("notice-error"),
        "nothing recorded is not a breach: {meetings}"
    );
}

#[tokio::test]
async fn a_commitment_names_no_institution_of_another_government() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;
    create_plan(&app, &mut forum).await;
    open_window(&app, &mut forum).await;
    let foreign: Uuid = sqlx::query_scalar(
        "WITH g AS (INSERT INTO governments (name, slug, kind, country_code)
                    VALUES ('Paraguay', 'paraguay', 'national', 'PY') RETURNING id)
         INSERT INTO institutions (government_id, name, slug, sector)
         SELECT id, 'Ministerio de Hacienda', 'ministerio-de-hacienda-py', 'government' FROM g
         RETURNING id",
    )
    .fetch_one(&app.db)
    .await
    .expect("an institution of another government");
    // The new-commitment form does not offer it.
    let form = forum
        .get(&format!("/co-creation/plans/{PLAN}/commitments/new"))
        .await;
    assert!(!form.body.contains(&foreign.to_string()));
    // Named anyway, as lead or as a milestone's responsible, it is refused and nothing saved.
    for field in ["lead", "m-responsible-1"] {
        let mut fields = commitment_fields(&app, "7", true).await;
        for (k, v) in &mut fields {
            if k == field {
                *v = foreign.to_string();
            }
        }
        let page = forum
            .post_form(
                &format!("/co-creation/plans/{PLAN}/commitments/new"),
                &format!("/co-creation/plans/{PLAN}/commitments"),
                &as_refs(&fields),
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(
            page.body.contains("Elija una opción de la lista."),
            "{field}"
        );
    }
    let saved = format!(
        "SELECT count(*) FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = '{PLAN}' AND c.code = '7'"
    );
    assert_eq!(scalar::<i64>(&app, &saved).await, 0);
    // With the plan's own institutions the same form is saved.
    let fields = commitment_fields(&app, "7", true).await;
    let page = forum
        .post_form(
            &format!("/co-creation/plans/{PLAN}/commitments/new"),
            &format!("/co-creation/plans/{PLAN}/commitments"),
            &as_refs(&fields),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(scalar::<i64>(&app, &saved).await, 1);
}
