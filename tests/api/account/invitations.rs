use abierto::domain::Role;
use axum::http::StatusCode;

use crate::helpers::spawn_demo_app;

pub fn link_in(mail: &str, prefix: &str) -> String {
    // Quoted-printable may wrap long lines with "=\r\n"; undo that before searching.
    let text = mail.replace("=\r\n", "").replace("=\n", "");
    let at = text.find(prefix).expect("a link in the message");
    text[at..]
        .split_whitespace()
        .next()
        .expect("link")
        .trim_end_matches('.')
        .to_owned()
}

#[tokio::test]
async fn an_invited_official_sets_a_password_and_is_logged_in() {
    let app = spawn_demo_app().await;
    let institution: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM institutions WHERE slug = 'asamblea-nacional'")
            .fetch_one(&app.db)
            .await
            .expect("institution");
    app.user("nucleo@example.org", Role::Nucleo, None).await;
    let mut nucleo = app.browser();
    nucleo.log_in("nucleo@example.org").await;
    let page = nucleo
        .post_form(
            "/invitations/new",
            "/invitations",
            &[
                ("email", "nueva@example.org"),
                ("name", "Nueva Funcionaria"),
                ("role", "official"),
                ("institution", &institution.to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Invitación enviada a nueva@example.org"));
    assert!(
        page.body.contains("/invitations/"),
        "without SMTP the inviter sees the link"
    );

    let mails = app.mails();
    assert_eq!(mails.len(), 1);
    let link = link_in(&mails[0], "http://127.0.0.1:3000/invitations/");
    let path = link.trim_start_matches("http://127.0.0.1:3000");

    let mut invited = app.browser();
    let weak = invited
        .post_form(path, path, &[("password", "password1234")])
        .await;
    assert_eq!(
        weak.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a common password is refused"
    );
    let page = invited
        .post_form(
            path,
            path,
            &[("password", "lluvia sobre el volcán cotopaxi")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let account = invited.get("/account").await;
    assert!(account.body.contains("Nueva Funcionaria"));
    assert!(account.body.contains("Asamblea Nacional"));

    // The link works once.
    let again = app.browser().get(path).await;
    assert_eq!(again.status, StatusCode::GONE);
}

#[tokio::test]
async fn nucleo_cannot_invite_an_administrator() {
    let app = spawn_demo_app().await;
    app.user("nucleo@example.org", Role::Nucleo, None).await;
    let mut nucleo = app.browser();
    nucleo.log_in("nucleo@example.org").await;
    let page = nucleo
        .post_form(
            "/invitations/new",
            "/invitations",
            &[("email", "x@example.org"), ("name", "X"), ("role", "admin")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.contains("Administración"),
        "the page names the role needed"
    );
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE email = 'x@example.org'")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(count, 0, "nothing written");
}

#[tokio::test]
async fn an_invitation_for_an_official_needs_an_institution_and_keeps_the_input() {
    let app = spawn_demo_app().await;
    app.user("admin@example.org", Role::Admin, None).await;
    let mut admin = app.browser();
    admin.log_in("admin@example.org").await;
    let page = admin
        .post_form(
            "/invitations/new",
            "/invitations",
            &[
                ("email", "y@example.org"),
                ("name", "Ye"),
                ("role", "official"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("necesita una institución"));
    assert!(page.body.contains("value=\"y@example.org\""));
}

#[tokio::test]
async fn password_reset_by_email_link() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    let page = browser
        .post_form(
            "/password-reset",
            "/password-reset",
            &[("email", "ana@example.org")],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let unknown = browser
        .post_form(
            "/password-reset",
            "/password-reset",
            &[("email", "nadie@example.org")],
        )
        .await;
    assert_eq!(
        unknown.body.contains("Si existe una cuenta"),
        page.body.contains("Si existe una cuenta"),
        "same answer"
    );
    let mails = app.mails_when(1).await;
    assert_eq!(mails.len(), 1, "only the existing account gets mail");
    let link = link_in(&mails[0], "http://127.0.0.1:3000/password-reset/");
    let path = link.trim_start_matches("http://127.0.0.1:3000");
    let page = browser
        .post_form(path, path, &[("password", "otra frase larga y segura")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let mut again = app.browser();
    let login = again
        .post_form(
            "/login",
            "/login",
            &[
                ("email", "ana@example.org"),
                ("password", "otra frase larga y segura"),
            ],
        )
        .await;
    assert_eq!(
        login.status,
        StatusCode::SEE_OTHER,
        "the new password works"
    );
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    browser.log_in("ana@example.org").await;
    let page = browser
        .post_form(
            "/account",
            "/account/password",
            &[
                ("current", "wrong"),
                ("new", "una frase nueva bastante larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = browser
        .post_form(
            "/account",
            "/account/password",
            &[
                ("current", crate::helpers::PASSWORD),
                ("new", "una frase nueva bastante larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Su contraseña se cambió."));
}

#[tokio::test]
async fn no_password_or_token_reaches_the_audit_log() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    browser
        .post_form(
            "/password-reset",
            "/password-reset",
            &[("email", "ana@example.org")],
        )
        .await;
    let link = link_in(
        &app.mails_when(1).await[0],
        "http://127.0.0.1:3000/password-reset/",
    );
    let token = link.rsplit('/').next().expect("token").to_owned();
    let path = format!("/password-reset/{token}");
    browser
        .post_form(&path, &path, &[("password", "otra frase larga y segura")])
        .await;
    let dump: String = sqlx::query_scalar("SELECT string_agg(coalesce(before::text,'') || coalesce(after::text,'') || actor_label, ' ') FROM audit_log")
        .fetch_one(&app.db)
        .await
        .expect("audit text");
    assert!(!dump.contains(&token));
    assert!(!dump.contains("otra frase larga"));
    assert!(!dump.contains("argon2"));
}

#[tokio::test]
async fn the_invitation_form_is_linked_where_people_are_managed() {
    let app = crate::helpers::spawn_demo_app().await;
    let mut admin = crate::helpers::logged_in(&app, "adm@example.org", Role::Admin, None).await;
    let users = admin.get("/admin/users").await;
    assert!(
        users.body.contains(r#"href="/invitations/new""#),
        "{}",
        users.body
    );
    let mut forum = crate::helpers::logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let manage = forum
        .get("/co-creation/plans/ecuador-2022-2024/forum")
        .await;
    assert_eq!(manage.status, StatusCode::OK);
    assert!(
        manage.body.contains(r#"href="/invitations/new""#),
        "{}",
        manage.body
    );
}
