//! Institution housekeeping: merging one institution recorded twice, splitting a list
//! recorded as one name.

use abierto::domain::Role;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_demo_app};

const ADMIN: &str = "root@example.org";

async fn id_of(app: &TestApp, slug: &str) -> Option<Uuid> {
    sqlx::query_scalar("SELECT id FROM institutions WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&app.db)
        .await
        .expect("institution")
}

async fn count(app: &TestApp, sql: &str, id: Uuid) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.db)
        .await
        .expect("count")
}

/// An institution of the demo's government, as the OGP import would have made it.
async fn institution(app: &TestApp, name: &str, slug: &str) -> Uuid {
    sqlx::query_scalar(
        "INSERT INTO institutions (government_id, name, slug, sector)
         SELECT id, $1, $2, 'government' FROM governments WHERE slug = 'ecuador' RETURNING id",
    )
    .bind(name)
    .bind(slug)
    .fetch_one(&app.db)
    .await
    .expect("institution")
}

/// The commitments the institution takes part in, with the role: `(commitment, role)`.
async fn links(app: &TestApp, id: Uuid) -> Vec<(Uuid, String)> {
    sqlx::query_as(
        "SELECT commitment_id, role FROM commitment_actors WHERE institution_id = $1
          ORDER BY commitment_id, role",
    )
    .bind(id)
    .fetch_all(&app.db)
    .await
    .expect("links")
}

#[tokio::test]
async fn merging_moves_every_reference_keeps_the_old_address_and_is_audited() {
    let app = spawn_demo_app().await;
    let kept = id_of(&app, "asamblea-nacional")
        .await
        .expect("demo institution");
    let twin = institution(
        &app,
        "Asamblea Nacional del Ecuador",
        "asamblea-nacional-del-ecuador",
    )
    .await;
    // The twin leads a commitment the Assembly already leads (one link must remain), supports
    // another, answers for a milestone and has an official's account.
    let (shared, other): (Uuid, Uuid) = sqlx::query_as(
        "SELECT (SELECT commitment_id FROM commitment_actors WHERE institution_id = $1 AND role = 'lead' LIMIT 1),
                (SELECT c.id FROM commitments c WHERE NOT EXISTS
                   (SELECT 1 FROM commitment_actors a WHERE a.commitment_id = c.id AND a.institution_id = $1)
                 LIMIT 1)",
    )
    .bind(kept)
    .fetch_one(&app.db)
    .await
    .expect("commitments");
    sqlx::query(
        "INSERT INTO commitment_actors (commitment_id, institution_id, role)
         VALUES ($1, $3, 'lead'), ($2, $3, 'supporting')",
    )
    .bind(shared)
    .bind(other)
    .bind(twin)
    .execute(&app.db)
    .await
    .expect("links");
    let milestone: Uuid = sqlx::query_scalar(
        "UPDATE milestones SET responsible_institution_id = $1
          WHERE id = (SELECT id FROM milestones WHERE commitment_id = $2 ORDER BY position LIMIT 1)
          RETURNING id",
    )
    .bind(twin)
    .bind(other)
    .fetch_one(&app.db)
    .await
    .expect("milestone");
    app.user(
        "olga@example.org",
        Role::Official,
        Some("asamblea-nacional-del-ecuador"),
    )
    .await;
    let kept_links = links(&app, kept).await.len();

    app.user(ADMIN, Role::Admin, None).await;
    let mut admin = app.browser();
    admin.log_in(ADMIN).await;
    let page = format!("/admin/institutions/{twin}/merge");
    let chooser = admin.get(&page).await;
    assert_eq!(chooser.status, StatusCode::OK);
    assert!(
        chooser
            .body
            .contains(&format!("<option value=\"{kept}\">Asamblea Nacional"))
    );
    let preview = admin.get(&format!("{page}?into={kept}")).await;
    assert_eq!(preview.status, StatusCode::OK);
    for moved in [
        "2 participaciones en compromisos",
        "1 hito a su cargo",
        "1 cuenta",
    ] {
        assert!(preview.body.contains(moved), "{moved}: {}", preview.body);
    }
    assert!(preview.body.contains(
        "/institutions/asamblea-nacional-del-ecuador llevará a /institutions/asamblea-nacional"
    ));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM institutions WHERE id = $1",
            twin
        )
        .await,
        1,
        "a preview writes nothing"
    );

    let done = admin
        .post_form(&page, &page, &[("into", &kept.to_string())])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        done.headers["location"],
        format!("/admin/institutions/{kept}?saved=1")
    );
    assert_eq!(id_of(&app, "asamblea-nacional-del-ecuador").await, None);
    let after = links(&app, kept).await;
    assert_eq!(
        after.len(),
        kept_links + 1,
        "the shared lead stays one link: {after:?}"
    );
    assert!(after.contains(&(other, "supporting".to_owned())));
    let responsible: Option<Uuid> =
        sqlx::query_scalar("SELECT responsible_institution_id FROM milestones WHERE id = $1")
            .bind(milestone)
            .fetch_one(&app.db)
            .await
            .expect("milestone");
    assert_eq!(responsible, Some(kept));
    let (role, institution, _): (String, Option<Uuid>, bool) = sqlx::query_as(
        "SELECT role, institution_id, active FROM users WHERE email = 'olga@example.org'",
    )
    .fetch_one(&app.db)
    .await
    .expect("account");
    assert_eq!((role.as_str(), institution), ("official", Some(kept)));

    let old = app.get("/institutions/asamblea-nacional-del-ecuador").await;
    assert_eq!(old.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(old.headers["location"], "/institutions/asamblea-nacional");
    assert_eq!(
        app.get("/institutions/no-such-institution").await.status,
        StatusCode::NOT_FOUND
    );

    let audited: (String, serde_json::Value) = sqlx::query_as(
        "SELECT actor_label, after FROM audit_log WHERE action = 'institution.merge' AND entity_id = $1",
    )
    .bind(twin.to_string())
    .fetch_one(&app.db)
    .await
    .expect("audit entry");
    assert_eq!(audited.0, ADMIN);
    assert_eq!(audited.1["moved"]["milestones"], 1);
    assert_eq!(audited.1["merged_into"]["slug"], "asamblea-nacional");
}

#[tokio::test]
async fn a_merge_stays_within_one_government_and_its_administrators() {
    let app = spawn_demo_app().await;
    let kept = id_of(&app, "asamblea-nacional")
        .await
        .expect("demo institution");
    let twin = institution(&app, "Asamblea Nacional (duplicada)", "asamblea-duplicada").await;
    let foreign_government = app.government("República de Prueba", "prueba", "PR").await;
    let foreign: Uuid = sqlx::query_scalar(
        "INSERT INTO institutions (government_id, name, slug, sector)
         VALUES ($1, 'Congreso de Prueba', 'congreso-de-prueba', 'government') RETURNING id",
    )
    .bind(foreign_government)
    .fetch_one(&app.db)
    .await
    .expect("foreign institution");
    app.user(ADMIN, Role::Admin, None).await;
    let mut admin = app.browser();
    admin.log_in(ADMIN).await;
    let page = format!("/admin/institutions/{twin}/merge");
    let chooser = admin.get(&page).await;
    assert!(
        !chooser.body.contains("Congreso de Prueba"),
        "other governments are not offered"
    );
    for into in [
        foreign.to_string(),
        twin.to_string(),
        "x".to_owned(),
        Uuid::nil().to_string(),
    ] {
        let refused = admin.post_form(&page, &page, &[("into", &into)]).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{into}");
        assert!(
            refused
                .body
                .contains("Elija otra institución del mismo gobierno")
        );
    }
    assert!(
        id_of(&app, "asamblea-duplicada").await.is_some(),
        "nothing merged"
    );

    // An administrator of the other government cannot touch Ecuador's institutions.
    app.user_of("padmin@example.org", Role::Admin, (None, Some("prueba")))
        .await;
    let mut outsider = app.browser();
    outsider.log_in("padmin@example.org").await;
    let refused = outsider
        .post_form("/admin/institutions", &page, &[("into", &kept.to_string())])
        .await;
    assert!(refused.status.is_client_error(), "{}", refused.status);
    assert!(id_of(&app, "asamblea-duplicada").await.is_some());
    // Nor do other roles.
    app.user("nora@example.org", Role::Nucleo, None).await;
    let mut forum = app.browser();
    forum.log_in("nora@example.org").await;
    assert_eq!(forum.get(&page).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn splitting_a_list_makes_institutions_that_share_its_commitments() {
    let app = spawn_demo_app().await;
    let list = institution(
        &app,
        "Ministerio de Turismo; Ministerio de Cultura y Patrimonio",
        "ministerio-de-turismo-ministerio-de-cultura-y-patrimonio",
    )
    .await;
    let commitment: Uuid = sqlx::query_scalar(
        "INSERT INTO commitment_actors (commitment_id, institution_id, role)
         SELECT id, $1, 'supporting' FROM commitments ORDER BY code LIMIT 1 RETURNING commitment_id",
    )
    .bind(list)
    .fetch_one(&app.db)
    .await
    .expect("link");
    app.user(ADMIN, Role::Admin, None).await;
    let mut admin = app.browser();
    admin.log_in(ADMIN).await;
    let page = format!("/admin/institutions/{list}/split");
    let form = admin.get(&page).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains(">Ministerio de Turismo\nMinisterio de Cultura y Patrimonio</textarea>"),
        "proposed as the import splits it: {}",
        form.body
    );
    assert!(form.body.contains("1 participación en un compromiso"));

    for (names, message) in [
        ("Ministerio de Turismo", "al menos dos nombres"),
        (
            "Ministerio de Turismo\nMINISTERIO DE TURISMO",
            "nombres repetidos",
        ),
        (
            "Ministerio de Turismo\nAsamblea Nacional",
            "ya tiene una institución",
        ),
    ] {
        let refused = admin.post_form(&page, &page, &[("names", names)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{names}");
        assert!(refused.body.contains(message), "{names}: {}", refused.body);
        let first_line = names.lines().next().unwrap_or_default();
        assert!(refused.body.contains(first_line), "the input is kept");
    }
    assert_eq!(
        links(&app, list).await.len(),
        1,
        "a refused split changes nothing"
    );
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM institutions")
        .fetch_one(&app.db)
        .await
        .expect("count");

    let names = "Ministerio de Turismo\nMinisterio de Cultura y Patrimonio\nSecretaría del Agua";
    let done = admin.post_form(&page, &page, &[("names", names)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM institutions")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(after, before + 2);
    let renamed: (String, String) =
        sqlx::query_as("SELECT name, slug FROM institutions WHERE id = $1")
            .bind(list)
            .fetch_one(&app.db)
            .await
            .expect("original");
    assert_eq!(renamed.0, "Ministerio de Turismo");
    assert_eq!(
        renamed.1, "ministerio-de-turismo-ministerio-de-cultura-y-patrimonio",
        "its address stays"
    );
    for slug in ["ministerio-de-cultura-y-patrimonio", "secretaria-del-agua"] {
        let id = id_of(&app, slug)
            .await
            .unwrap_or_else(|| panic!("{slug} created"));
        assert_eq!(
            links(&app, id).await,
            vec![(commitment, "supporting".to_owned())],
            "{slug}"
        );
    }
    let audited: serde_json::Value = sqlx::query_scalar(
        "SELECT after FROM audit_log WHERE action = 'institution.split' AND entity_id = $1",
    )
    .bind(list.to_string())
    .fetch_one(&app.db)
    .await
    .expect("audit entry");
    assert_eq!(audited["created"].as_array().map(Vec::len), Some(2));
}
