//! What a hostile visitor tried, and what they get now: one test per finding of the
//! penetration test (private notes, redirects, the page cache, uploads, limits, headers).

use std::io::Read;

use abierto::domain::Role;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use uuid::Uuid;

use crate::helpers::{Browser, TestApp, ec0014_milestone, logged_in, spawn_demo_app, sql_count};

const EC0014: &str = "/plans/ecuador-2022-2024/commitments/4";
const PRIVATE_NOTE: &str = "NOTA-INTERNA-7f3a: llamar a la directora";

/// An official of the Asamblea reports on milestone 4 of EC0014 and the forum returns it with
/// a note meant for the institution only; returns the forum's browser.
async fn returned_report<'a>(app: &'a TestApp) -> Browser<'a> {
    let mut official = logged_in(
        app,
        "oficial@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let page = official
        .report_progress(4, "95", "Informe que será devuelto")
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let id: Uuid = sqlx::query_scalar(
        "SELECT id FROM progress_updates WHERE narrative = 'Informe que será devuelto'",
    )
    .fetch_one(&app.db)
    .await
    .expect("report");
    let mut nucleo = logged_in(app, "nucleo@example.org", Role::Nucleo, None).await;
    let page = nucleo
        .post_form(
            "/monitoring/updates",
            &format!("/monitoring/updates/{id}/review"),
            &[("decision", "returned"), ("note", PRIVATE_NOTE)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    nucleo
}

fn zip_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    let mut all = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        entry.read_to_string(&mut all).expect("text entry");
    }
    all
}

#[tokio::test]
async fn a_returned_reports_note_reaches_no_public_output() {
    let app = spawn_demo_app().await;
    let mut nucleo = returned_report(&app).await;
    let today = chrono::Utc::now().date_naive().to_string();
    let page = nucleo
        .post_form(
            "/monitoring/plans/ecuador-2022-2024/report",
            "/monitoring/plans/ecuador-2022-2024/snapshots",
            &[
                ("period_label", "Corte de prueba"),
                ("as_of", &today),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let frozen = page.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();

    let public = [
        EC0014.to_owned(),
        format!("{EC0014}?history=all"),
        "/feeds/updates.atom".to_owned(),
        "/plans/ecuador-2022-2024/feed.atom".to_owned(),
        format!("{EC0014}/feed.atom"),
        "/api/v1/updates".to_owned(),
        "/api/v1/updates?review_state=returned".to_owned(),
        frozen.clone(),
        format!("{frozen}?format=json"),
        "/plans/ecuador-2022-2024/report".to_owned(),
        "/plans/ecuador-2022-2024/report?format=json".to_owned(),
    ];
    for uri in &public {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(
            !page.body.contains("NOTA-INTERNA"),
            "{uri} shows the forum's private note"
        );
    }
    let page = app
        .get("/plans/ecuador-2022-2024/commitments/4?history=all")
        .await;
    assert!(
        page.body.contains("Informe que será devuelto"),
        "the returned report itself stays public"
    );
    let zip = app.get("/open-data/abierto-open-data.zip").await;
    assert_eq!(zip.status, StatusCode::OK);
    assert!(
        !zip_text(&zip.bytes).contains("NOTA-INTERNA"),
        "open data ZIP"
    );
}

#[tokio::test]
async fn next_paths_with_control_characters_never_leave_the_site() {
    let app = spawn_demo_app().await;
    for next in [
        "/%09/evil.example",
        "/%0a/evil.example",
        "/%0d%0a/evil.example",
        "/%20/evil.example",
    ] {
        let page = app.get(&format!("/lang/es?next={next}")).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(page.headers[header::LOCATION], "/", "{next}");
        let login = app.get(&format!("/login?next={next}")).await;
        assert_eq!(login.status, StatusCode::OK, "{next}");
        assert!(!login.body.contains("evil.example"), "{next}");
    }
    let mut signed_in = logged_in(&app, "p@example.org", Role::Participant, None).await;
    let page = signed_in.get("/login?next=/%09/evil.example").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers[header::LOCATION], "/");
    let page = signed_in.get("/login?next=/%0d%0aSet-Cookie:%20x=1").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers[header::LOCATION], "/");

    app.user("q@example.org", Role::Participant, None).await;
    let mut visitor = app.browser();
    let page = visitor
        .post_form(
            "/login",
            "/login",
            &[
                ("email", "q@example.org"),
                ("password", crate::helpers::PASSWORD),
                ("next", "/\t/evil.example"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.headers[header::LOCATION], "/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oddly_spelled_session_cookie_never_leaves_a_signed_in_page_in_the_cache() {
    let app = spawn_demo_app().await;
    // The cache is on once a public page is served from memory.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        app.get(EC0014).await;
        let (_, statements) = sql_count::count(app.get(EC0014)).await;
        if statements == 0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the cache never started"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let admin = logged_in(&app, "admin@example.org", Role::Admin, None).await;
    let sid = admin.cookie("abierto").expect("session cookie").to_owned();
    for spelled in [
        format!("abierto ={sid}"),
        format!("%61bierto={sid}"),
        format!(" abierto= {sid}"),
    ] {
        for uri in ["/admin/users", "/plans/ecuador-2022-2024", "/api/v1/plans"] {
            app.get_with_cookie(uri, &spelled).await;
            let anonymous = app.get(uri).await;
            assert!(
                !anonymous.body.contains("admin@example.org")
                    && !anonymous.body.contains("action=\"/logout\""),
                "{uri} with {spelled:?} left a signed-in page for anonymous visitors"
            );
        }
    }
}

pub(crate) const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub(crate) async fn official(app: &TestApp) -> Browser<'_> {
    logged_in(
        app,
        "oficial.b@example.org",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await
}

pub(crate) fn files_stored(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        count(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    count(&app.mailbox.parent().expect("data dir").join("evidence"))
}

/// Posts a report on `milestone` with these files through the form, as a browser does.
pub(crate) async fn report_with_files(
    official: &mut Browser<'_>,
    milestone: Uuid,
    version: i32,
    narrative: &str,
    files: &[(&str, &str, Vec<u8>)],
) -> crate::helpers::Page {
    let form = format!("/implementation/milestones/{milestone}/report");
    official
        .post_multipart(
            &form,
            &form,
            &[
                ("version", &version.to_string()),
                ("progress", "60"),
                ("status", "in_progress"),
                ("challenges", "Retraso en la contratación."),
                ("narrative", narrative),
            ],
            files,
        )
        .await
}

pub(crate) async fn updates_of(app: &TestApp, milestone: Uuid) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM progress_updates WHERE milestone_id = $1")
        .bind(milestone)
        .fetch_one(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_report_with_more_files_than_the_form_offers_is_refused_whole() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official(&app).await;
    let files: Vec<(String, String, Vec<u8>)> = (0..12)
        .map(|i| (format!("file_{i}"), format!("acta-{i}.pdf"), PDF.to_vec()))
        .collect();
    let files: Vec<(&str, &str, Vec<u8>)> = files
        .iter()
        .map(|(n, f, b)| (n.as_str(), f.as_str(), b.clone()))
        .collect();
    let before = updates_of(&app, milestone).await;
    let page = report_with_files(&mut official, milestone, version, "Doce archivos", &files).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("como máximo 3 archivos"),
        "{}",
        page.body
    );
    assert_eq!(updates_of(&app, milestone).await, before, "nothing written");
    assert_eq!(files_stored(&app), 0, "no file kept");
}

#[tokio::test]
async fn a_report_overtaken_by_another_leaves_no_file_behind() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official(&app).await;
    let page = official.report_progress(3, "50", "El primero").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = report_with_files(
        &mut official,
        milestone,
        version,
        "El segundo, con un formulario viejo",
        &[("file_0", "acta.pdf", PDF.to_vec())],
    )
    .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert_eq!(
        files_stored(&app),
        0,
        "the refused report's file was not kept"
    );
}

#[tokio::test]
async fn a_stored_file_name_keeps_no_bidirectional_override() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official(&app).await;
    let page = report_with_files(
        &mut official,
        milestone,
        version,
        "Con un nombre engañoso",
        &[("file_0", "acta\u{202E}fdp.exe", PDF.to_vec())],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let name: String = sqlx::query_scalar(
        "SELECT file_name FROM evidence WHERE kind = 'file' ORDER BY created_at DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("file");
    assert_eq!(name, "actafdp.exe");
}

#[tokio::test]
async fn an_evidence_file_missing_from_the_store_answers_404_with_a_clear_page() {
    let app = spawn_demo_app().await;
    let (milestone, version) = ec0014_milestone(&app, 3).await;
    let mut official = official(&app).await;
    report_with_files(
        &mut official,
        milestone,
        version,
        "Con acta",
        &[("file_0", "acta.pdf", PDF.to_vec())],
    )
    .await;
    let id: Uuid = sqlx::query_scalar("SELECT id FROM evidence WHERE kind = 'file'")
        .fetch_one(&app.db)
        .await
        .expect("file evidence");
    assert_eq!(
        app.get(&format!("/evidence/{id}")).await.status,
        StatusCode::OK
    );
    let files = abierto::store::implementation::files::FileStore::local(
        &app.mailbox.parent().expect("data dir").join("evidence"),
    )
    .expect("store");
    let (named, missing) = abierto::commands::transfer::missing_evidence(&app.db, &files)
        .await
        .expect("check");
    assert_eq!((named, missing.len()), (1, 0));

    std::fs::remove_dir_all(
        app.mailbox
            .parent()
            .expect("data dir")
            .join("evidence/sha256"),
    )
    .expect("remove the files");
    let page = app.get(&format!("/evidence/{id}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.body.contains("no está disponible en el servidor"),
        "{}",
        page.body
    );
    let (named, missing) = abierto::commands::transfer::missing_evidence(&app.db, &files)
        .await
        .expect("check");
    assert_eq!(
        (named, missing.len()),
        (1, 1),
        "the check names the missing file"
    );
}

#[tokio::test]
async fn replans_are_refused_for_milestones_of_plans_not_in_implementation() {
    let app = spawn_demo_app().await;
    let milestone: Uuid = sqlx::query_scalar(
        "SELECT m.id FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0003' LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("milestone of the closed 2019 plan");
    let mut official = logged_in(
        &app,
        "sercop@example.org",
        Role::Official,
        Some("servicio-nacional-de-contratacion-publica"),
    )
    .await;
    let form = format!("/implementation/milestones/{milestone}/replan");
    assert_eq!(official.get(&form).await.status, StatusCode::FORBIDDEN);
    let page = official
        .post_form(
            "/account",
            &form,
            &[
                ("start", "2030-01-01"),
                ("due", "2030-12-31"),
                ("reason", "Más tiempo"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let replans: i64 = sqlx::query_scalar("SELECT count(*) FROM milestone_replans")
        .fetch_one(&app.db)
        .await
        .expect("count");
    assert_eq!(replans, 0);
}

#[tokio::test]
async fn a_replan_decision_note_over_the_limit_is_a_clear_400_not_a_500() {
    let app = spawn_demo_app().await;
    let mut official = official(&app).await;
    let (milestone, _) = ec0014_milestone(&app, 4).await;
    let form = format!("/implementation/milestones/{milestone}/replan");
    let page = official
        .post_form(
            &form,
            &form,
            &[
                ("start", "2024-04-01"),
                ("due", "2025-03-31"),
                ("reason", "Retraso"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let replan: Uuid = sqlx::query_scalar("SELECT id FROM milestone_replans")
        .fetch_one(&app.db)
        .await
        .expect("replan");
    let mut nucleo = logged_in(&app, "n@example.org", Role::Nucleo, None).await;
    let long = "x".repeat(6_000);
    let page = nucleo
        .post_form(
            "/monitoring/replans",
            &format!("/monitoring/replans/{replan}/decision"),
            &[("decision", "rejected"), ("note", &long)],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.body.contains("como máximo 2.000 caracteres"),
        "{}",
        page.body
    );
    let state: String = sqlx::query_scalar("SELECT state FROM milestone_replans WHERE id = $1")
        .bind(replan)
        .fetch_one(&app.db)
        .await
        .expect("state");
    assert_eq!(state, "requested", "nothing decided");
}

#[tokio::test]
async fn answers_from_the_body_limit_and_the_timeout_carry_the_security_headers() {
    let app = spawn_demo_app().await;
    let too_large = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, (512u64 * 1024 * 1024).to_string())
        .body(Body::from("email=x"))
        .expect("request");
    let page = app.request(too_large).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_security_headers(&page.headers, "413");

    let data = std::env::temp_dir()
        .join(format!("abierto-test-{}", std::process::id()))
        .join(format!("timeout-{}", Uuid::now_v7().simple()))
        .to_string_lossy()
        .into_owned();
    let config = abierto::config::Config::from_lookup(|k| match k {
        "ABIERTO_DATA" => Some(data.clone()),
        "ABIERTO_REQUEST_TIMEOUT_SECS" => Some("1".into()),
        _ => None,
    })
    .expect("config");
    let slow = TestApp {
        db: app.db.clone(),
        router: abierto::router(abierto::AppState::new(app.db.clone(), config).expect("state")),
        mailbox: app.mailbox.clone(),
    };
    let never_ending = futures_util::stream::pending::<Result<axum::body::Bytes, std::io::Error>>();
    // A form with a valid session and token whose body never finishes arriving.
    let login = slow.get("/login").await;
    let token = crate::helpers::form_token(&login.body).expect("token");
    let cookie = login.headers[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let stalled = Request::post(format!("/login?csrf={token}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from_stream(never_ending))
        .expect("request");
    let page = slow.request(stalled).await;
    assert_eq!(page.status, StatusCode::REQUEST_TIMEOUT);
    assert_security_headers(&page.headers, "408");
}

fn assert_security_headers(headers: &axum::http::HeaderMap, what: &str) {
    for name in [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
        "x-request-id",
    ] {
        assert!(headers.contains_key(name), "{what} lacks {name}");
    }
}

/// A real socket in front of the router, with small limits.
async fn served(app: &TestApp, max_connections: usize) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let limits = abierto::web::http::server::Limits {
        header_timeout: std::time::Duration::from_secs(1),
        max_connections,
    };
    tokio::spawn(abierto::web::http::server::serve(
        listener,
        app.router.clone(),
        limits,
        std::future::pending(),
    ));
    address
}

async fn closed_within(stream: &mut tokio::net::TcpStream, limit: std::time::Duration) -> bool {
    use tokio::io::AsyncReadExt;
    let mut buffer = [0u8; 1024];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_that_never_finish_their_headers_are_closed() {
    use tokio::io::AsyncWriteExt;
    let app = spawn_demo_app().await;
    let address = served(&app, 64).await;
    let mut silent = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let mut slow = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .await
        .expect("write");
    let limit = std::time::Duration::from_secs(5);
    assert!(
        closed_within(&mut silent, limit).await,
        "a silent connection stays open"
    );
    assert!(
        closed_within(&mut slow, limit).await,
        "a half-sent head stays open"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_until_one_closes() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_demo_app().await;
    let address = served(&app, 1).await;
    let _holder = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let started = std::time::Instant::now();
    let mut client = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    client
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut answer = Vec::new();
    client.read_to_end(&mut answer).await.expect("read");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(800),
        "the second connection was served while the first held the only slot"
    );
}
