use axum::http::StatusCode;

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_and_readiness_answer_when_the_database_is_up() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
}

#[tokio::test]
async fn readiness_is_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.db.close().await;
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(
        app.get("/readyz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    let page = app.get("/plans").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.body.contains("no está disponible"));
}

#[tokio::test]
async fn every_response_carries_security_headers_and_a_request_id() {
    let app = spawn_app().await;
    let page = app.get("/plans").await;
    let csp = page.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(csp.contains("default-src 'self'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert!(page.headers.contains_key("referrer-policy"));
    assert!(page.headers.contains_key("permissions-policy"));
    assert_eq!(page.headers["x-request-id"].len(), 36);
}

#[tokio::test]
async fn static_files_are_cached_for_a_year_and_revalidate() {
    let app = spawn_app().await;
    let page = app.get("/static/style.css").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.headers["cache-control"]
            .to_str()
            .expect("ascii")
            .contains("immutable")
    );
    let etag = page.headers["etag"].to_str().expect("ascii").to_owned();
    let again = app
        .request(
            axum::http::Request::get("/static/style.css")
                .header("if-none-match", etag)
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn compression_is_offered() {
    let app = spawn_app().await;
    let page = app
        .request(
            axum::http::Request::get("/static/style.css")
                .header("accept-encoding", "gzip")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(page.headers["content-encoding"], "gzip");
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let app = spawn_app().await;
    let big = vec![b'a'; 65 * 1024 * 1024];
    let page = app
        .request(
            axum::http::Request::post("/search")
                .header("content-length", big.len())
                .body(axum::body::Body::from(big))
                .expect("request"),
        )
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn https_deployments_get_hsts_and_a_host_prefixed_secure_cookie() {
    let app = spawn_app().await;
    let config = abierto::config::Config::from_lookup(|k| match k {
        "ABIERTO_PUBLIC_URL" => Some("https://abierto.example".into()),
        "ABIERTO_DATA" => Some(
            std::env::temp_dir()
                .join("abierto-https-test")
                .to_string_lossy()
                .into_owned(),
        ),
        _ => None,
    })
    .expect("config");
    let router = abierto::router(abierto::AppState::new(app.db.clone(), config).expect("state"));
    use tower::ServiceExt;
    let response = router
        .oneshot(
            axum::http::Request::get("/login")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await
        .expect("response");
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .expect("ascii")
            .contains("max-age=")
    );
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    assert!(cookie.starts_with("__Host-abierto="), "{cookie}");
    assert!(cookie.contains("Secure"));
    assert!(cookie.contains("Path=/"));
}

// --- the database going away under signed-in visitors (bench/load.sh, phase 2) ---

#[tokio::test]
async fn signed_in_pages_forms_and_the_api_answer_503_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.user(
        "caida@example.org",
        abierto::domain::Role::Participant,
        None,
    )
    .await;
    let mut visitor = app.browser();
    visitor.log_in("caida@example.org").await;
    let account = visitor.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    let token = crate::helpers::form_token(&account.body).expect("logout form token");
    app.db.close().await;

    // The session cannot be read: an outage, not an internal error.
    let page = visitor.get("/account").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.body.contains("no está disponible"));
    // Nor a forged form: the token cannot be checked, so the form is refused as unavailable.
    let sent = visitor.post_raw("/logout", &[("csrf", &token)]).await;
    assert_eq!(sent.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(sent.body.contains("no está disponible"));
    let api = app.get("/api/v1/plans").await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        api.body.contains("\"code\":\"error-unavailable\""),
        "{}",
        api.body
    );
}

#[tokio::test]
async fn a_connection_ended_by_the_server_is_an_outage_not_an_internal_error() {
    let app = spawn_app().await;
    let mut conn = app.db.acquire().await.expect("connection");
    let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut *conn)
        .await
        .expect("pid");
    // What `pg_ctl stop -m fast` does to every backend: FATAL 57P01.
    let ended: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1, 5000)")
        .bind(pid)
        .fetch_one(&app.db)
        .await
        .expect("terminate");
    assert!(ended);
    let error = sqlx::query("SELECT 1")
        .execute(&mut *conn)
        .await
        .expect_err("the server ended the connection");
    assert!(abierto::db::is_unavailable(&error), "{error:?}");
    let status = abierto::web::http::error::AppError::from(error).status();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}
