use abierto::domain::Role;
use axum::http::StatusCode;

use abierto::web::http::throttle::{MAX_FAILURES, MAX_RESETS_PER_ADDRESS, MAX_RESETS_PER_EMAIL};

use crate::account::invitations::link_in;
use crate::helpers::{Browser, PASSWORD, Page, form_token, spawn_demo_app, spawn_demo_app_with};

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
    let store = abierto::store::account::sessions::PgSessionStore::new(app.db.clone());
    assert!(store.delete_expired().await.expect("cleanup") >= 1);
}

/// Posts a login form (fresh token from the login page) with this email and password.
async fn try_login(browser: &mut Browser<'_>, email: &str, password: &str) -> Page {
    browser
        .post_form(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
}

#[tokio::test]
async fn a_successful_login_does_not_reset_the_failures_counted_for_the_address() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut guesser = app.browser();
    for _ in 0..MAX_FAILURES - 1 {
        let page = try_login(&mut guesser, "nobody@example.org", "guess").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    // The same address logs in to an account of its own...
    let own = app.browser().log_in("ana@example.org").await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    // ...and has one guess left, not twenty.
    let last = try_login(&mut guesser, "nobody@example.org", "guess").await;
    assert_eq!(last.status, StatusCode::UNAUTHORIZED);
    let stopped = try_login(&mut guesser, "nobody@example.org", "guess").await;
    assert_eq!(stopped.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(stopped.headers.contains_key("retry-after"));
    assert!(stopped.body.contains("Demasiados intentos fallidos"));
}

#[tokio::test]
async fn a_locked_account_answers_like_an_unknown_email() {
    let app = spawn_demo_app().await;
    let id = app.user("ana@example.org", Role::Participant, None).await;
    sqlx::query("UPDATE users SET locked_until = now() + interval '15 minutes' WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .expect("lock");
    let mut browser = app.browser();
    // Same length, so that only the email differs between the two pages.
    let locked = try_login(&mut browser, "ana@example.org", PASSWORD).await;
    let unknown = try_login(&mut browser, "zzz@example.org", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::UNAUTHORIZED);
    assert_eq!(locked.status, unknown.status);
    assert_eq!(
        locked.body.replace("ana@example.org", "EMAIL"),
        unknown.body.replace("zzz@example.org", "EMAIL"),
        "the same page, whatever the account"
    );
}

#[tokio::test]
async fn attempts_on_a_locked_account_are_counted_and_audited() {
    let app = spawn_demo_app().await;
    let id = app.user("ana@example.org", Role::Participant, None).await;
    sqlx::query("UPDATE users SET locked_until = now() + interval '15 minutes' WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .expect("lock");
    let mut browser = app.browser();
    for _ in 0..MAX_FAILURES {
        let page = try_login(&mut browser, "ana@example.org", "guess").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let stopped = try_login(&mut browser, "ana@example.org", "guess").await;
    assert_eq!(
        stopped.status,
        StatusCode::TOO_MANY_REQUESTS,
        "attempts on a locked account count against the address"
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'login.while_locked' AND entity_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&app.db)
    .await
    .expect("audit");
    assert_eq!(audited, MAX_FAILURES as i64);
}

#[tokio::test]
async fn logins_beyond_the_hashing_queue_get_503_not_a_dropped_connection() {
    let app = spawn_demo_app_with(&[
        ("ABIERTO_HASH_CONCURRENCY", "1"),
        ("ABIERTO_HASH_QUEUE", "0"),
    ])
    .await;
    let mut browsers: Vec<_> = (0..4).map(|_| app.browser()).collect();
    let mut tokens = Vec::new();
    for browser in &mut browsers {
        let page = browser.get("/login").await;
        tokens.push(form_token(&page.body).expect("token"));
    }
    let attempts = browsers
        .iter_mut()
        .zip(&tokens)
        .map(|(browser, token)| async move {
            let fields = [
                ("csrf", token.as_str()),
                ("email", "nobody@example.org"),
                ("password", "guess"),
            ];
            browser.post_raw("/login", &fields).await
        });
    let pages = futures_util::future::join_all(attempts).await;
    let busy: Vec<_> = pages
        .iter()
        .filter(|p| p.status == StatusCode::SERVICE_UNAVAILABLE)
        .collect();
    assert!(
        pages.iter().all(
            |p| [StatusCode::UNAUTHORIZED, StatusCode::SERVICE_UNAVAILABLE].contains(&p.status)
        ),
        "every attempt is answered"
    );
    assert!(
        pages.iter().any(|p| p.status == StatusCode::UNAUTHORIZED),
        "one is checked"
    );
    assert!(!busy.is_empty(), "the others are turned away");
    for page in busy {
        assert_eq!(page.headers["retry-after"], "2");
        assert!(
            page.body
                .contains("se están verificando muchas contraseñas")
        );
    }
}

#[tokio::test]
async fn password_reset_requests_are_rate_limited() {
    let app = spawn_demo_app().await;
    let mut browser = app.browser();
    for i in 0..MAX_RESETS_PER_ADDRESS {
        let email = format!("someone{i}@example.org");
        let page = browser
            .post_form("/password-reset", "/password-reset", &[("email", &email)])
            .await;
        assert_eq!(page.status, StatusCode::OK);
    }
    let stopped = browser
        .post_form(
            "/password-reset",
            "/password-reset",
            &[("email", "another@example.org")],
        )
        .await;
    assert_eq!(stopped.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(stopped.headers.contains_key("retry-after"));
    assert!(
        stopped
            .body
            .contains("Demasiadas solicitudes de restablecimiento")
    );
}

#[tokio::test]
async fn reset_links_for_one_email_are_limited_whatever_the_address() {
    let app = spawn_demo_app_with(&[("ABIERTO_TRUST_X_FORWARDED_FOR", "true")]).await;
    app.user("ana@example.org", Role::Participant, None).await;
    for i in 0..=MAX_RESETS_PER_EMAIL {
        let mut browser = app.browser_from(&format!("198.51.100.{i}"));
        let page = browser
            .post_form(
                "/password-reset",
                "/password-reset",
                &[("email", "ANA@example.org")],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::OK,
            "the same answer past the limit"
        );
    }
    let mails = app.mails_when(MAX_RESETS_PER_EMAIL).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(mails.len(), MAX_RESETS_PER_EMAIL);
    assert_eq!(
        app.mails().len(),
        MAX_RESETS_PER_EMAIL,
        "no more mail to that inbox"
    );
}

#[tokio::test]
async fn changing_the_password_ends_the_accounts_other_sessions() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut here = app.browser();
    here.log_in("ana@example.org").await;
    let mut elsewhere = app.browser();
    elsewhere.log_in("ana@example.org").await;
    let before = here.cookie(SESSION).expect("cookie").to_owned();

    let page = here
        .post_form(
            "/account",
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new", "una frase nueva bastante larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("Se cerraron sus sesiones en otros dispositivos")
    );
    assert_ne!(here.cookie(SESSION), Some(before.as_str()), "a new id");
    assert!(
        here.get("/plans").await.body.contains("ana@example.org"),
        "this session goes on"
    );
    assert!(
        !elsewhere
            .get("/plans")
            .await
            .body
            .contains("ana@example.org"),
        "the other one ended"
    );
}

#[tokio::test]
async fn a_password_reset_ends_every_session_of_the_account() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut logged_in = app.browser();
    logged_in.log_in("ana@example.org").await;
    let mut resetting = app.browser();
    resetting
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
    let path = link.trim_start_matches("http://127.0.0.1:3000");
    let page = resetting
        .post_form(path, path, &[("password", "otra frase larga y segura")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        !logged_in
            .get("/plans")
            .await
            .body
            .contains("ana@example.org"),
        "the session from before the reset ended"
    );
    assert!(
        resetting
            .get("/plans")
            .await
            .body
            .contains("ana@example.org"),
        "the reset logs in anew"
    );
}

#[tokio::test]
async fn a_used_reset_link_voids_the_earlier_ones() {
    let app = spawn_demo_app().await;
    app.user("ana@example.org", Role::Participant, None).await;
    let mut browser = app.browser();
    for _ in 0..2 {
        browser
            .post_form(
                "/password-reset",
                "/password-reset",
                &[("email", "ana@example.org")],
            )
            .await;
    }
    let links: Vec<String> = app
        .mails_when(2)
        .await
        .iter()
        .map(|mail| {
            link_in(mail, "http://127.0.0.1:3000/password-reset/")
                .trim_start_matches("http://127.0.0.1:3000")
                .to_owned()
        })
        .collect();
    let page = browser
        .post_form(
            &links[1],
            &links[1],
            &[("password", "otra frase larga y segura")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let earlier = app.browser().get(&links[0]).await;
    assert_eq!(earlier.status, StatusCode::GONE, "the other link is void");
}

#[tokio::test]
async fn signing_in_leads_each_person_to_their_work_unless_they_asked_for_a_page() {
    let app = spawn_demo_app().await;
    let people = [
        (
            "ofi@example.org",
            Role::Official,
            Some("asamblea-nacional"),
            "/implementation",
        ),
        ("foro@example.org", Role::Nucleo, None, "/monitoring"),
        ("adm@example.org", Role::Admin, None, "/admin/users"),
        ("part@example.org", Role::Participant, None, "/"),
    ];
    for (email, role, institution, work) in people {
        app.user(email, role, institution).await;
        for (next, expected) in [("", work), ("/", work), ("/plans", "/plans")] {
            let mut browser = app.browser();
            browser.get("/login").await;
            let page = browser
                .post_form(
                    "/login",
                    "/login",
                    &[("email", email), ("password", PASSWORD), ("next", next)],
                )
                .await;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "{email}");
            assert_eq!(
                page.headers["location"], expected,
                "{email} with next={next:?}"
            );
            let landed = browser.get(expected).await;
            assert!(
                landed.status.is_success(),
                "{email} may open {expected}: {}",
                landed.status
            );
            // The page says what just happened: signed in, not "changes saved".
            assert!(landed.body.contains("Sesión iniciada."), "{email}");
            assert!(!landed.body.contains("Cambios guardados."), "{email}");
        }
    }
}
