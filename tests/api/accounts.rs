use abierto::domain::Role;
use axum::http::StatusCode;

use crate::helpers::{PASSWORD, spawn_demo_app};

const SESSION: &str = "abierto";

#[tokio::test]
async fn login_rotates_the_session_id_and_returns_to_the_page_asked_for() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    let page = browser.get("/login?next=/plans").await;
    assert_eq!(page.status, StatusCode::OK);
    let before = browser
        .cookie(SESSION)
        .expect("the login form starts a session")
        .to_owned();

    let page = browser
        .post_form(
            "/login?next=/plans",
            "/login",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", "/plans"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers["location"], "/plans");
    let after = browser.cookie(SESSION).expect("session cookie").to_owned();
    assert_ne!(before, after, "session id changes at login");

    let page = browser.get("/plans").await;
    assert!(
        page.body.contains("ana@example.org"),
        "the header names the user"
    );
}

#[tokio::test]
async fn login_goes_back_to_a_same_site_next_page_only() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    let page = browser
        .post_form(
            "/login",
            "/login",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", "/plans/ecuador-2019-2022"),
            ],
        )
        .await;
    assert_eq!(page.headers["location"], "/plans/ecuador-2019-2022");
    let mut other = app.browser();
    let page = other
        .post_form(
            "/login",
            "/login",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(page.headers["location"], "/");
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = spawn_demo_app().await;
    let page = app.browser().get("/login").await;
    let cookie = page.headers["set-cookie"].to_str().expect("ascii");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
}

#[tokio::test]
async fn wrong_password_keeps_the_email_and_says_why() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    let page = browser
        .post_form(
            "/login",
            "/login",
            &[
                ("email", "ana@example.org"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(
        page.body
            .contains("El correo o la contraseña no son correctos.")
    );
    assert!(page.body.contains("value=\"ana@example.org\""));
    assert!(!page.body.contains("not the password"));
}

#[tokio::test]
async fn an_account_locks_after_five_failures_and_unlocks_after_fifteen_minutes() {
    let app = spawn_demo_app().await;
    let id = app
        .user("ana@example.org", Role::Official, Some("asamblea-nacional"))
        .await;
    let mut browser = app.browser();
    for _ in 0..5 {
        browser
            .post_form(
                "/login",
                "/login",
                &[
                    ("email", "ana@example.org"),
                    ("password", "wrong password!"),
                ],
            )
            .await;
    }
    let page = browser.log_in("ana@example.org").await;
    assert_eq!(
        page.status,
        StatusCode::UNAUTHORIZED,
        "the right password is refused while locked"
    );
    assert!(page.body.contains("bloqueada"));

    // Fifteen minutes later (moved back in time in the database) the right password works.
    sqlx::query("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .expect("unlock");
    let page = browser.log_in("ana@example.org").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn unknown_email_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_demo_app().await;
    let mut browser = app.browser();
    let page = browser
        .post_form(
            "/login",
            "/login",
            &[("email", "nobody@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(
        page.body
            .contains("El correo o la contraseña no son correctos.")
    );
}

#[tokio::test]
async fn deactivated_account_cannot_log_in_and_loses_its_session() {
    let app = spawn_demo_app().await;
    let id = app.user("ana@example.org", Role::Nucleo, None).await;
    let mut browser = app.browser();
    browser.log_in("ana@example.org").await;
    assert!(browser.get("/plans").await.body.contains("ana@example.org"));
    sqlx::query("UPDATE users SET active = false WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .expect("deactivate");
    assert!(
        !browser.get("/plans").await.body.contains("ana@example.org"),
        "logged out at once"
    );
    assert_eq!(
        browser.log_in("ana@example.org").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_post_without_the_form_token_is_refused_and_writes_nothing() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    browser.get("/login").await;
    let page = browser
        .post_raw(
            "/login",
            &[("email", "ana@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("El formulario caducó"));
    let last_login: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT last_login_at FROM users WHERE email = 'ana@example.org'")
            .fetch_one(&app.db)
            .await
            .expect("user");
    assert!(last_login.is_none(), "no login happened");
    let wrong = browser
        .post_raw(
            "/login",
            &[
                ("csrf", "0000"),
                ("email", "ana@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_cross_site_post_is_refused_even_with_a_token() {
    let app = spawn_demo_app().await;
    let mut browser = app.browser();
    let page = browser.get("/login").await;
    let token = crate::helpers::form_token(&page.body).expect("token");
    let request = axum::http::Request::post("/logout")
        .header("host", "localhost")
        .header("origin", "https://evil.example")
        .header(
            "cookie",
            format!("{SESSION}={}", browser.cookie(SESSION).expect("cookie")),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("csrf={token}")))
        .expect("request");
    assert_eq!(app.request(request).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    browser.log_in("ana@example.org").await;
    let page = browser.post_form("/plans", "/logout", &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(!browser.get("/plans").await.body.contains("ana@example.org"));
}

#[tokio::test]
async fn logins_are_audited_with_their_request_id() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    let page = browser.log_in("ana@example.org").await;
    let request_id = page.headers["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let (action, logged_id): (String, Option<String>) = sqlx::query_as(
        "SELECT action, request_id FROM audit_log WHERE actor_label = 'ana@example.org' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("audit row");
    assert_eq!(action, "login");
    assert_eq!(logged_id.as_deref(), Some(request_id.as_str()));
}

#[tokio::test]
async fn expired_sessions_are_removed_and_no_longer_log_anyone_in() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    browser.log_in("ana@example.org").await;
    sqlx::query("UPDATE tower_sessions.session SET expiry_date = now() - interval '1 minute'")
        .execute(&app.db)
        .await
        .expect("expire");
    assert!(!browser.get("/plans").await.body.contains("ana@example.org"));
    let store = abierto::store::sessions::PgSessionStore::new(app.db.clone());
    assert!(store.delete_expired().await.expect("cleanup") >= 1);
}
