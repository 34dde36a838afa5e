//! The three voices: the institution's report, the counterpart's and the forum's round
//! assessment, side by side, with disagreements marked on the pages the forum and the public
//! read. Counterpart reports are written here straight into the table (the counterpart's own
//! form has its tests in `implementation::counterpart`).

use abierto::domain::Role;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use uuid::Uuid;

use crate::helpers::{TestApp, logged_in, spawn_demo_app, sql_count};

const ROUNDS: &str = "/monitoring/plans/ecuador-2022-2024/rounds";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.expect(sql)
}

/// EC0014's third milestone, with a civil-society co-lead on its commitment: (milestone,
/// title, version, commitment code, co-lead institution).
async fn co_led_milestone(app: &TestApp) -> (Uuid, String, i32, String, Uuid) {
    let (milestone, title, version, commitment, code): (Uuid, String, i32, Uuid, String) =
        sqlx::query_as(
            "SELECT m.id, m.title, m.version, c.id, c.code FROM milestones m
               JOIN commitments c ON c.id = m.commitment_id
              WHERE c.ogp_id = 'EC0014' AND m.position = 3",
        )
        .fetch_one(&app.db)
        .await
        .expect("a milestone of EC0014");
    let civil: Uuid = sqlx::query_scalar(
        "SELECT id FROM institutions WHERE sector = 'civil_society' ORDER BY name LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("a civil-society institution");
    sqlx::query(
        "INSERT INTO commitment_actors (commitment_id, institution_id, role, position)
         VALUES ($1, $2, 'civil_society_co_lead', 9) ON CONFLICT DO NOTHING",
    )
    .bind(commitment)
    .bind(civil)
    .execute(&app.db)
    .await
    .expect("co-lead");
    (milestone, title, version, code, civil)
}

async fn counterpart_says(app: &TestApp, milestone: Uuid, institution: Uuid, completion: &str) {
    sqlx::query(
        "INSERT INTO counterpart_reports (id, milestone_id, institution_id, author_name,
                                          completion, institution_fulfilled, fulfilment_note,
                                          perceived_change, endorses)
         VALUES ($1, $2, $3, 'Rosa Contraparte', $4, 'partly', 'Faltaron reuniones',
                 'Se abrieron las sesiones legislativas', false)",
    )
    .bind(Uuid::now_v7())
    .bind(milestone)
    .bind(institution)
    .bind(completion)
    .execute(&app.db)
    .await
    .expect("counterpart report");
}

#[tokio::test]
async fn the_forum_sees_institution_and_counterpart_disagree_and_assesses_the_round() {
    let app = spawn_demo_app().await;
    let (milestone, title, version, code, civil) = co_led_milestone(&app).await;
    let mut forum = logged_in(&app, "foro@example.org", Role::Nucleo, None).await;
    let today = Utc::now().date_naive();
    let (opens, closes) = (
        (today - Duration::days(10)).to_string(),
        (today + Duration::days(10)).to_string(),
    );
    let fields = [
        ("label", "Ronda actual"),
        ("opens_on", opens.as_str()),
        ("closes_on", closes.as_str()),
    ];
    let added = forum.post_form(ROUNDS, ROUNDS, &fields).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let round: Uuid = sqlx::query_scalar("SELECT id FROM reporting_rounds")
        .fetch_one(&app.db)
        .await
        .expect("round");
    let round_href = format!("{ROUNDS}/{round}");

    // Before anyone reports: the milestone is missing from both parties' lists.
    let before = forum.get(&round_href).await;
    assert_eq!(before.status, StatusCode::OK);
    let counterpart_list = before
        .body
        .split("id=\"missing-counterpart-heading\"")
        .nth(1)
        .expect("the counterpart's list");
    assert!(counterpart_list.contains(&title), "{}", before.body);
    let expected = count(
        &app,
        "SELECT count(*) FROM round_milestones WHERE counterpart_expected",
    )
    .await;
    assert!(expected >= 1);
    let counts = |n: i64| format!("{n} de {expected} hitos con reporte de la contraparte");
    assert!(before.body.contains(&counts(0)), "{}", before.body);

    // The institution says completed; the counterpart says limited.
    let mut official = logged_in(
        &app,
        "oficial@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let form = format!("/implementation/milestones/{milestone}/report");
    let version = version.to_string();
    let filed = official
        .post_form(
            &form,
            &form,
            &[
                ("version", version.as_str()),
                ("progress", "100"),
                ("status", "completed"),
                ("narrative", "Sistema de monitoreo legislativo terminado."),
                ("actual_completion", &today.to_string()),
            ],
        )
        .await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    counterpart_says(&app, milestone, civil, "limited").await;

    // The round: off both lists, and listed as a disagreement.
    let after = forum.get(&round_href).await;
    let missing_counterpart = after
        .body
        .split("id=\"missing-counterpart-heading\"")
        .nth(1)
        .and_then(|rest| rest.split("id=\"disagreements-heading\"").next())
        .expect("the counterpart's list");
    assert!(!missing_counterpart.contains(&title));
    assert!(after.body.contains(&counts(1)));
    assert!(
        after
            .body
            .contains("1 hito con desacuerdo entre institución y contraparte")
    );
    assert!(after.body.contains("no coinciden en el estado del hito"));

    // The dashboard counts and lists it.
    let dashboard = forum.get("/monitoring?plan=ecuador-2022-2024").await;
    assert!(
        dashboard
            .body
            .contains("1 hito con desacuerdo entre institución y contraparte"),
        "{}",
        dashboard.body
    );
    assert!(dashboard.body.contains(&title));
    assert!(dashboard.body.contains("Limitado"));

    // The forum records its assessment: refused without a reason for a partial strategy.
    let assess = format!("{round_href}/commitments/{code}");
    let page = forum.get(&assess).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("no coinciden en el estado del hito"));
    let refused = forum
        .post_form(
            &assess,
            &assess,
            &[
                ("completion", "substantial"),
                ("narrative", "Avance real, difusión pendiente."),
                ("communication", "partly"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Explique qué faltó de la estrategia de comunicación")
    );
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert_eq!(
        count(&app, "SELECT count(*) FROM round_assessments").await,
        0
    );
    let recorded = forum
        .post_form(
            &assess,
            &assess,
            &[
                ("completion", "substantial"),
                ("narrative", "Avance real, difusión pendiente."),
                ("communication", "partly"),
                (
                    "communication_note",
                    "Falta la campaña en radios comunitarias.",
                ),
            ],
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    assert_eq!(
        count(&app, "SELECT count(*) FROM round_assessments").await,
        1
    );
    let audited = "SELECT count(*) FROM audit_log WHERE action = 'round.assess'";
    assert_eq!(count(&app, audited).await, 1);
    assert!(
        forum
            .get(&round_href)
            .await
            .body
            .contains("Evaluado como: <strong>Sustancial</strong>")
    );

    // The public commitment page shows the three voices and the mark.
    let public = app
        .get(&format!("/plans/ecuador-2022-2024/commitments/{code}"))
        .await;
    assert_eq!(public.status, StatusCode::OK);
    for text in [
        "Institución responsable",
        "Contraparte de sociedad civil",
        "Limitado",
        "No respalda el avance reportado",
        "no coinciden en el estado del hito",
        "Ronda actual",
        "Falta la campaña en radios comunitarias.",
    ] {
        assert!(public.body.contains(text), "{text}");
    }

    // A round the forum assessed cannot be removed.
    let removed = forum
        .post_form(&round_href, &format!("{round_href}/delete"), &[])
        .await;
    assert_eq!(removed.status, StatusCode::CONFLICT);
    assert_eq!(
        count(&app, "SELECT count(*) FROM reporting_rounds").await,
        1
    );

    // The monitoring report carries the voices; as of a day before, they were not there.
    let json = app.get("/plans/ecuador-2022-2024/report?format=json").await;
    assert_eq!(json.status, StatusCode::OK);
    assert!(
        json.body.contains("\"disagrees_on_state\":true"),
        "{}",
        &json.body[..2000.min(json.body.len())]
    );
    assert!(json.body.contains("\"counterpart_reports\""));
    let yesterday = (today - Duration::days(1)).to_string();
    let earlier = forum
        .get(&format!(
            "/monitoring/plans/ecuador-2022-2024/report?as_of={yesterday}"
        ))
        .await;
    assert_eq!(earlier.status, StatusCode::OK);
    assert!(
        !earlier.body.contains("Rosa Contraparte")
            && !earlier.body.contains("Se abrieron las sesiones")
    );
    let now = forum
        .get("/monitoring/plans/ecuador-2022-2024/report")
        .await;
    assert!(now.body.contains("Se abrieron las sesiones legislativas"));

    // The API carries the counterpart's voice and the forum's, without an account.
    let voices = app
        .get(&format!(
            "/api/v1/counterpart-reports?plan=ecuador-2022-2024&milestone={milestone}"
        ))
        .await;
    assert_eq!(voices.status, StatusCode::OK, "{}", voices.body);
    let voices: serde_json::Value = serde_json::from_str(&voices.body).expect("json");
    let item = &voices["items"][0];
    assert_eq!(voices["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(item["completion"], "limited");
    assert_eq!(item["institution_fulfilled"], "partly");
    assert_eq!(item["endorses"], false);
    assert_eq!(
        item["perceived_change"],
        "Se abrieron las sesiones legislativas"
    );
    let elsewhere = app
        .get(&format!(
            "/api/v1/counterpart-reports?milestone={}",
            Uuid::now_v7()
        ))
        .await;
    assert!(
        elsewhere.body.contains("\"items\":[]"),
        "{}",
        elsewhere.body
    );
    let assessed = app
        .get("/api/v1/round-assessments?plan=ecuador-2022-2024")
        .await;
    assert_eq!(assessed.status, StatusCode::OK, "{}", assessed.body);
    let assessed: serde_json::Value = serde_json::from_str(&assessed.body).expect("json");
    let item = &assessed["items"][0];
    assert_eq!(item["commitment_code"].as_str(), Some(code.as_str()));
    assert_eq!(item["completion"], "substantial");
    assert_eq!(item["communication"], "partly");
    assert_eq!(
        item["communication_note"],
        "Falta la campaña en radios comunitarias."
    );
    assert_eq!(assessed["total"], 1);
    let bad = app.get("/api/v1/round-assessments?commitment=EC0014").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // The commitment's feed carries the counterpart's voice and the forum's beside the
    // institution's reports.
    let feed = app
        .get(&format!(
            "/plans/ecuador-2022-2024/commitments/{code}/feed.atom"
        ))
        .await;
    assert_eq!(feed.status, StatusCode::OK);
    for text in [
        "Contraparte (",
        "Limitado; no respalda el avance reportado",
        "Cambio percibido: Se abrieron las sesiones legislativas.",
        "¿La institución cumplió su parte? En parte (Faltaron reuniones)",
        "Grupo Núcleo, Ronda actual: Sustancial",
        "Estrategia de comunicación cumplida: En parte (Falta la campaña en radios comunitarias.).",
        "reportado por la institución",
    ] {
        assert!(feed.body.contains(text), "{text}: {}", feed.body);
    }

    // So does the open-data download, with the data dictionary's columns.
    let files = crate::public::open_data::download(&app).await;
    let counterparts = &files["counterpart_reports.csv"];
    assert!(
        counterparts
            .starts_with("id,milestone_id,institution_id,author_name,reported_at,completion,"),
        "{counterparts}"
    );
    assert!(counterparts.contains(&format!(",{milestone},{civil},Rosa Contraparte,")));
    assert!(counterparts.contains(
        ",limited,partly,Faltaron reuniones,Se abrieron las sesiones legislativas,false"
    ));
    let rounds = &files["round_assessments.csv"];
    assert!(
        rounds.contains(&format!(",{round},Ronda actual,{opens},{closes},")),
        "{rounds}"
    );
    assert!(rounds.contains(",substantial,\"Avance real, difusión pendiente.\",partly,"));
}

#[tokio::test]
async fn participation_adds_up_per_round_and_for_the_plan_and_a_returned_report_does_not_count() {
    let app = spawn_demo_app().await;
    let (milestone, _, _, _, _) = co_led_milestone(&app).await;
    sqlx::query(
        "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on)
         SELECT gen_random_uuid(), id, 'Ronda participativa', current_date - 10,
                current_date + 10
           FROM action_plans WHERE slug = 'ecuador-2022-2024'",
    )
    .execute(&app.db)
    .await
    .expect("round");
    for (people, activities, sectors, returned) in [
        (30, 2, "{civil_society,government}", false),
        (12, 1, "{academia}", false),
        (900, 40, "{private_sector}", true),
    ] {
        sqlx::query(
            "INSERT INTO progress_updates (milestone_id, author_name, progress, status, narrative,
                                           participants, activities_with_others,
                                           participant_sectors, review_state, reviewed_at,
                                           review_note)
             VALUES ($1, 'Ana', 60, 'in_progress', 'Mesas con sociedad civil', $2, $3,
                     $4::text[], CASE WHEN $5 THEN 'returned' ELSE 'pending' END,
                     CASE WHEN $5 THEN now() END, CASE WHEN $5 THEN 'Cifras sin respaldo' END)",
        )
        .bind(milestone)
        .bind(people)
        .bind(activities)
        .bind(sectors)
        .bind(returned)
        .execute(&app.db)
        .await
        .expect("a report with participation");
    }
    let plan = app.get("/plans/ecuador-2022-2024").await;
    assert_eq!(plan.status, StatusCode::OK);
    let section = plan
        .body
        .split("id=\"participation-heading\"")
        .nth(1)
        .expect("the participation section");
    for row in [
        "<th scope=\"row\">Ronda participativa</th><td>42</td><td>3</td><td>Gobierno, Sociedad civil, Academia</td><td>2</td>",
        "<th scope=\"row\">Todo el plan</th><td>42</td><td>3</td>",
    ] {
        assert!(section.contains(row), "{row}: {section}");
    }
    assert!(!section.contains("942") && !section.contains("Sector privado"));
    let json = app.get("/plans/ecuador-2022-2024/report?format=json").await;
    assert!(
        json.body
            .contains(r#""participation":{"activities":3,"people":42,"reports":2,"sectors":["government","civil_society","academia"]}"#),
        "{}",
        &json.body[..1500.min(json.body.len())]
    );
}

#[tokio::test]
async fn the_round_pages_run_a_fixed_number_of_statements_whatever_was_reported() {
    let app = spawn_demo_app().await;
    let (milestone, _, _, code, civil) = co_led_milestone(&app).await;
    let mut forum = logged_in(&app, "foro@example.org", Role::Nucleo, None).await;
    let today = Utc::now().date_naive();
    let (opens, closes) = (
        (today - Duration::days(10)).to_string(),
        (today + Duration::days(10)).to_string(),
    );
    let fields = [
        ("label", "Ronda medida"),
        ("opens_on", opens.as_str()),
        ("closes_on", closes.as_str()),
    ];
    forum.post_form(ROUNDS, ROUNDS, &fields).await;
    let round: Uuid = sqlx::query_scalar("SELECT id FROM reporting_rounds")
        .fetch_one(&app.db)
        .await
        .expect("round");
    let pages = [
        "/monitoring".to_owned(),
        ROUNDS.to_owned(),
        format!("{ROUNDS}/{round}"),
        format!("{ROUNDS}/{round}/commitments/{code}"),
        format!("/plans/ecuador-2022-2024/commitments/{code}"),
    ];
    let mut before = Vec::new();
    for page in &pages {
        let (answer, statements) = sql_count::count(forum.get(page)).await;
        assert_eq!(answer.status, StatusCode::OK, "{page}");
        before.push(statements);
    }
    // Every voice on every milestone of the commitment, twice over.
    let milestones: Vec<Uuid> = sqlx::query_scalar(
        "SELECT m.id FROM milestones m WHERE m.commitment_id =
           (SELECT commitment_id FROM milestones WHERE id = $1)",
    )
    .bind(milestone)
    .fetch_all(&app.db)
    .await
    .expect("milestones");
    for m in &milestones {
        for completion in ["limited", "substantial"] {
            counterpart_says(&app, *m, civil, completion).await;
        }
    }
    let assess = format!("{ROUNDS}/{round}/commitments/{code}");
    let assessment = [
        ("completion", "substantial"),
        ("narrative", "Avance real."),
        ("communication", "yes"),
    ];
    for _ in 0..2 {
        forum.post_form(&assess, &assess, &assessment).await;
    }
    let mut after = Vec::new();
    for page in &pages {
        let (answer, statements) = sql_count::count(forum.get(page)).await;
        assert_eq!(answer.status, StatusCode::OK, "{page}");
        after.push(statements);
    }
    assert_eq!(before, after, "{pages:?}");
    // Session, user and last-seen come first on every page of a signed-in person.
    for (page, (statements, most)) in pages.iter().zip(after.iter().zip([6, 4, 8, 7, 18])) {
        assert!(*statements <= most, "{page}: {statements} statements");
    }
}
