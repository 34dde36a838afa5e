//! Open data: the `/open-data` page, the ZIP download and the JSON API under `/api/v1`.

use std::collections::BTreeSet;
use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;

use crate::helpers::{Page, TestApp, logged_in, spawn_demo_app, sql_count};

fn json(page: &Page) -> Value {
    serde_json::from_str(&page.body).unwrap_or_else(|e| panic!("JSON ({e}): {}", page.body))
}

async fn get_json(app: &TestApp, uri: &str) -> Value {
    let page = app.get(uri).await;
    assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
    json(&page)
}

/// Every `$ref` in the document, as JSON pointers.
fn refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        out.insert(r.clone());
                    }
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn openapi_document_is_valid_and_every_path_answers_on_the_demo() {
    let app = spawn_demo_app().await;
    // The demo holds no co-creation proposal: add one so its item path can be tried.
    sqlx::query(
        "INSERT INTO proposals (plan_id, title, problem, proposal)
         SELECT id, 'Datos de compras', 'Problema', 'Propuesta' FROM action_plans LIMIT 1",
    )
    .execute(&app.db)
    .await
    .expect("a proposal");
    let page = app.get("/api/v1/openapi.json").await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = oas3::from_json(&page.body).expect("the document parses as OpenAPI 3.1");
    assert!(doc.openapi.starts_with("3.1"), "{}", doc.openapi);
    doc.validate_version().expect("a supported OpenAPI version");
    assert!(
        doc.operations()
            .all(|(_, method, op)| method == "GET" && op.responses.is_some()),
        "read-only operations, each with its responses"
    );
    let raw = json(&page);
    let mut all_refs = BTreeSet::new();
    refs(&raw, &mut all_refs);
    assert!(!all_refs.is_empty());
    for r in &all_refs {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external $ref {r}"));
        assert!(raw.pointer(pointer).is_some(), "unresolved $ref {r}");
    }
    let license = doc.info.license.clone().expect("licence");
    assert_eq!(license.name, "CC-BY-4.0");

    let paths: Vec<String> = doc.paths.expect("paths").keys().cloned().collect();
    assert!(paths.len() >= 13, "{paths:?}");
    for path in paths {
        let uri = match path.strip_suffix("/{id}") {
            Some(list) => {
                let items = get_json(&app, list).await;
                let id = items["items"][0]["id"].as_str().unwrap_or_else(|| {
                    panic!("{list} has no items on the demo data to try {path} with")
                });
                format!("{list}/{id}")
            }
            None => path.clone(),
        };
        let body = get_json(&app, &uri).await;
        if path.ends_with("/{id}") {
            assert!(body["id"].is_string(), "{uri}");
        } else {
            assert!(body["items"].is_array(), "{uri}");
            // Every list is counted except the reports, which grow without bound.
            let uncounted = ["/api/v1/updates", "/api/v1/counterpart-reports"];
            assert_eq!(
                body["total"].is_i64(),
                !uncounted.contains(&path.as_str()),
                "{uri}"
            );
        }
    }
}

#[tokio::test]
async fn every_list_runs_at_most_two_statements() {
    let app = spawn_demo_app().await;
    for list in [
        "/api/v1/plans",
        "/api/v1/commitments",
        "/api/v1/milestones",
        "/api/v1/updates",
        "/api/v1/assessments",
        "/api/v1/counterpart-reports",
        "/api/v1/round-assessments",
        "/api/v1/indicators",
        "/api/v1/proposals",
    ] {
        let (page, statements) = sql_count::count(app.get(list)).await;
        assert_eq!(page.status, StatusCode::OK, "{list}");
        assert_eq!(statements, 1, "{list}: one statement for a page with items");
        let past_end = format!("{list}?offset=100000");
        let (page, statements) = sql_count::count(app.get(&past_end)).await;
        assert_eq!(page.status, StatusCode::OK, "{past_end}");
        // Reports are not counted: past the end is still one statement.
        let uncounted = ["/api/v1/updates", "/api/v1/counterpart-reports"];
        let most = if uncounted.contains(&list) { 1 } else { 2 };
        assert_eq!(statements, most, "{past_end}: the page, then the count");
    }
}

#[tokio::test]
async fn lists_page_with_limit_offset_and_a_next_link() {
    let app = spawn_demo_app().await;
    let all = get_json(&app, "/api/v1/commitments?limit=200").await;
    let total = all["total"].as_i64().expect("total");
    assert!(total > 5, "the demo has more than five commitments");
    assert_eq!(all["items"].as_array().map(Vec::len), Some(total as usize));
    assert!(all["next"].is_null());

    let first = get_json(&app, "/api/v1/commitments?limit=3").await;
    assert_eq!(first["items"].as_array().map(Vec::len), Some(3));
    assert_eq!(first["total"], total);
    assert_eq!(first["next"], "/api/v1/commitments?limit=3&offset=3");
    let second = get_json(&app, first["next"].as_str().expect("next")).await;
    assert_eq!(second["offset"], 3);
    assert_eq!(second["items"][0]["id"], all["items"][3]["id"]);

    let past = get_json(&app, "/api/v1/commitments?offset=1000").await;
    assert_eq!(past["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(past["total"], total, "the count is right past the end too");
}

#[tokio::test]
async fn lists_filter_by_plan_institution_state_and_review_state() {
    let app = spawn_demo_app().await;
    let plan = get_json(&app, "/api/v1/commitments?plan=ecuador-2022-2024").await;
    let items = plan["items"].as_array().expect("items");
    assert_eq!(
        items.len(),
        1,
        "EC0014 is the only commitment of the 2022 plan"
    );
    assert_eq!(items[0]["ogp_id"], "EC0014");

    let by_institution = get_json(&app, "/api/v1/commitments?institution=asamblea-nacional").await;
    let items = by_institution["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for c in items {
        let actors = c["actors"].as_array().expect("actors");
        assert!(
            actors.iter().any(|a| a["slug"] == "asamblea-nacional"),
            "{c}"
        );
    }

    let milestones = get_json(&app, "/api/v1/milestones?plan=ecuador-2022-2024").await;
    assert_eq!(milestones["total"], 4, "EC0014 has four milestones");
    let commitment = milestones["items"][0]["commitment_id"]
        .as_str()
        .expect("id");
    let same = get_json(&app, &format!("/api/v1/milestones?commitment={commitment}")).await;
    assert_eq!(same["total"], 4);

    let all_updates = get_json(&app, "/api/v1/updates?limit=200").await;
    let validated = get_json(&app, "/api/v1/updates?review_state=validated&limit=200").await;
    let items = validated["items"].as_array().expect("items");
    assert!(items.iter().all(|u| u["review_state"] == "validated"));
    assert!(items.len() <= all_updates["items"].as_array().map_or(0, Vec::len));

    let future = get_json(&app, "/api/v1/plans?updated_since=2999-01-01").await;
    assert_eq!(future["total"], 0);
    let past = get_json(&app, "/api/v1/plans?updated_since=2000-01-01T00:00:00Z").await;
    assert_eq!(past["total"], 2);
}

#[tokio::test]
async fn plans_and_commitments_filter_by_government_country_and_ogp_plan_number() {
    let app = spawn_demo_app().await;
    sqlx::query(
        "WITH kg AS (INSERT INTO governments (name, slug, kind, country_code)
                     VALUES ('Kyrgyz Republic', 'kyrgyz-republic', 'national', 'KG') RETURNING id),
              bi AS (INSERT INTO governments (name, slug, kind, country_code)
                     VALUES ('Bishkek', 'bishkek', 'local', 'KG') RETURNING id),
              p AS (INSERT INTO action_plans (government_id, title, slug, period_start,
                                              period_end, phase, ogp_plan_number)
                    SELECT kg.id, 'Plan ' || n, 'kg-' || n, make_date(2016 + 2 * n, 1, 1),
                           make_date(2017 + 2 * n, 12, 31), 'closed', n
                      FROM kg, generate_series(1, 3) AS n
                    UNION ALL
                    SELECT bi.id, 'Bishkek 1', 'bishkek-1', '2019-01-01', '2020-12-31',
                           'closed', 1 FROM bi
                    RETURNING id, slug)
         INSERT INTO commitments (plan_id, code, slug, title, state)
         SELECT p.id, '1', 'compromiso-1', 'Compromiso de ' || p.slug, 'approved' FROM p",
    )
    .execute(&app.db)
    .await
    .expect("plans of Kyrgyzstan");

    let kg = get_json(&app, "/api/v1/plans?country=kg").await;
    assert_eq!(kg["total"], 4, "three national plans and Bishkek's: {kg}");
    let national = get_json(&app, "/api/v1/plans?government=kyrgyz-republic").await;
    assert_eq!(national["total"], 3);
    let second = get_json(&app, "/api/v1/plans?country=KG&ogp_plan_number=2").await;
    let items = second["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{second}");
    let plan = &items[0];
    assert_eq!(plan["slug"], "kg-2");
    assert_eq!(plan["ogp_plan_number"], 2);
    assert_eq!(plan["country_code"], "KG");
    assert_eq!(plan["government_slug"], "kyrgyz-republic");
    assert_eq!(plan["government_kind"], "national");
    let firsts = get_json(&app, "/api/v1/plans?ogp_plan_number=1").await;
    let slugs: Vec<_> = firsts["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["slug"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        slugs,
        ["kg-1", "bishkek-1"],
        "every government's first plan"
    );

    let ecuador = get_json(&app, "/api/v1/plans?country=EC").await;
    assert_eq!(ecuador["total"], 2, "the demo's two plans");
    assert!(
        ecuador["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|p| p["country_code"] == "EC" && p["government_slug"] == "ecuador")
    );

    let local = get_json(&app, "/api/v1/commitments?government=bishkek").await;
    assert_eq!(local["total"], 1);
    assert_eq!(local["items"][0]["plan_slug"], "bishkek-1");
    let third = get_json(
        &app,
        "/api/v1/commitments?government=kyrgyz-republic&ogp_plan_number=3",
    )
    .await;
    assert_eq!(third["total"], 1);
    assert_eq!(third["items"][0]["plan_slug"], "kg-3");
    let of_country = get_json(&app, "/api/v1/commitments?country=KG").await;
    assert_eq!(of_country["total"], 4);

    // An empty value is no filter, as the document allows.
    let unfiltered = get_json(&app, "/api/v1/plans?country=&government=&ogp_plan_number=").await;
    assert_eq!(unfiltered["total"], 6);
    let nobody = get_json(&app, "/api/v1/plans?government=atlantis").await;
    assert_eq!(nobody["total"], 0);
}

#[tokio::test]
async fn bad_filters_and_limits_are_refused_with_a_translated_json_message() {
    let app = spawn_demo_app().await;
    for (uri, code) in [
        ("/api/v1/plans?limit=0", "api-bad-limit"),
        ("/api/v1/plans?limit=201", "api-bad-limit"),
        ("/api/v1/plans?limit=ten", "api-bad-limit"),
        ("/api/v1/plans?offset=-1", "api-bad-offset"),
        ("/api/v1/plans?phase=finished", "api-bad-filter"),
        ("/api/v1/plans?country=ECU", "api-bad-filter"),
        ("/api/v1/plans?country=E1", "api-bad-filter"),
        ("/api/v1/plans?ogp_plan_number=0", "api-bad-filter"),
        ("/api/v1/commitments?ogp_plan_number=two", "api-bad-filter"),
        ("/api/v1/plans?government=Ecuador%20!", "api-bad-filter"),
        ("/api/v1/milestones?status=late", "api-bad-filter"),
        ("/api/v1/updates?review_state=approved", "api-bad-filter"),
        ("/api/v1/milestones?commitment=12", "api-bad-filter"),
        ("/api/v1/commitments?plan=Not%20A%20Slug", "api-bad-filter"),
        ("/api/v1/updates?since=yesterday", "api-bad-filter"),
        ("/api/v1/plans/not-a-uuid", "api-bad-id"),
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            page.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap_or_default()
                .starts_with("application/json"),
            "{uri}"
        );
        let body = json(&page);
        assert_eq!(body["error"]["code"], code, "{uri}");
        assert_eq!(body["error"]["status"], 400);
    }
    let spanish = json(&app.get("/api/v1/plans?limit=0").await);
    assert_eq!(
        spanish["error"]["message"],
        "El parámetro «limit» debe ser un número entero entre 1 y 200."
    );
    let english = json(
        &app.get_with_cookie("/api/v1/plans?limit=0", "lang=en")
            .await,
    );
    assert_eq!(
        english["error"]["message"],
        "The “limit” parameter must be a whole number from 1 to 200."
    );
    let missing = app
        .get("/api/v1/plans/00000000-0000-7000-8000-000000000000")
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(json(&missing)["error"]["code"], "api-not-found");
}

#[tokio::test]
async fn an_unchanged_response_answers_304_to_its_etag() {
    let app = spawn_demo_app().await;
    let first = app.get("/api/v1/milestones").await;
    let etag = first.headers[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "strong: {etag}"
    );
    let again = |tag: &str| {
        Request::get("/api/v1/milestones")
            .header(header::IF_NONE_MATCH, tag)
            .body(Body::empty())
            .expect("request")
    };
    let cached = app.request(again(&etag)).await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);
    assert!(cached.body.is_empty());
    assert_eq!(cached.headers[header::ETAG], etag.as_str());
    let stale = app.request(again("\"something-else\"")).await;
    assert_eq!(stale.status, StatusCode::OK);

    // A new report changes the milestones, so the old ETag no longer matches.
    sqlx::query("UPDATE milestones SET current_progress = 1 WHERE current_progress = 0")
        .execute(&app.db)
        .await
        .expect("change a milestone");
    let changed = app.request(again(&etag)).await;
    assert_eq!(changed.status, StatusCode::OK);
}

#[tokio::test]
async fn api_and_downloads_are_open_to_other_sites_without_credentials() {
    let app = spawn_demo_app().await;
    for uri in [
        "/api/v1/plans",
        "/api/v1/openapi.json",
        "/open-data/abierto-open-data.zip",
    ] {
        let get = Request::get(uri)
            .header(header::ORIGIN, "https://reuser.example")
            .body(Body::empty())
            .expect("request");
        let page = app.request(get).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_eq!(
            page.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "*",
            "{uri}"
        );
        assert!(
            !page
                .headers
                .contains_key(header::ACCESS_CONTROL_ALLOW_CREDENTIALS)
        );

        let preflight = Request::options(uri)
            .header(header::ORIGIN, "https://reuser.example")
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
            .body(Body::empty())
            .expect("request");
        let page = app.request(preflight).await;
        assert_eq!(page.status, StatusCode::OK, "preflight {uri}");
        assert_eq!(page.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let methods = page.headers[header::ACCESS_CONTROL_ALLOW_METHODS]
            .to_str()
            .expect("ascii");
        assert!(
            methods.contains("GET") && !methods.contains("POST"),
            "{methods}"
        );
    }
    let page = app.get("/plans").await;
    assert!(
        !page
            .headers
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
        "pages stay same-origin"
    );
}

/// The download's bytes.
async fn zip_bytes(app: &TestApp) -> Vec<u8> {
    let page = app
        .request(
            Request::get("/open-data/abierto-open-data.zip")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/zip");
    page.bytes
}

/// The files of the download, by name.
pub async fn download(app: &TestApp) -> std::collections::BTreeMap<String, String> {
    let bytes = zip_bytes(app).await;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    let mut files = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 entry");
        let name = file.name().expect("entry name").into_owned();
        files.insert(name, text);
    }
    files
}

#[tokio::test]
async fn the_zip_holds_every_table_of_its_data_package_with_matching_headers() {
    let app = spawn_demo_app().await;
    let started = std::time::Instant::now();
    let bytes = zip_bytes(&app).await;
    eprintln!(
        "open-data ZIP of the demo: {} bytes in {} ms",
        bytes.len(),
        started.elapsed().as_millis()
    );
    let files = download(&app).await;
    let package: Value =
        serde_json::from_str(&files["datapackage.json"]).expect("datapackage.json");
    assert_eq!(package["profile"], "tabular-data-package");
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    let resources = package["resources"].as_array().expect("resources");
    let names: BTreeSet<_> = resources.iter().map(|r| r["name"].as_str()).collect();
    for wanted in [
        "governments",
        "institutions",
        "plans",
        "commitments",
        "commitment_actors",
        "milestones",
        "milestone_replans",
        "progress_updates",
        "evidence",
        "assessments",
        "proposals",
        "working_sessions",
        "forum_members",
        "forum_meetings",
    ] {
        assert!(names.contains(&Some(wanted)), "{wanted} missing");
    }
    for resource in resources {
        let path = resource["path"].as_str().expect("path");
        let csv_text = files
            .get(path)
            .unwrap_or_else(|| panic!("{path} listed but not in the ZIP"));
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        let fields: Vec<String> = resource["schema"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| f["name"].as_str().expect("name").to_owned())
            .collect();
        assert_eq!(header, fields, "{path}");
        for record in reader.records() {
            assert_eq!(record.expect("row").len(), fields.len(), "{path}");
        }
    }
    let commitments = csv::Reader::from_reader(files["commitments.csv"].as_bytes())
        .records()
        .count();
    assert_eq!(commitments, 11, "the 10 of the first plan and EC0014");
    for other in ["data-dictionary.csv", "data-dictionary.md", "LICENSE.md"] {
        assert!(files.contains_key(other), "{other}");
    }
    assert!(files["LICENSE.md"].contains("https://creativecommons.org/licenses/by/4.0/"));
}

#[tokio::test]
async fn nothing_private_reaches_the_zip_or_the_api() {
    let app = spawn_demo_app().await;
    // A hidden comment, a returned report with its private note, and a formula-like name.
    sqlx::query(
        "INSERT INTO comments (commitment_id, author_name, body, hidden_at, hidden_reason)
         SELECT id, 'Alguien', 'TEXTO-OCULTO-4711', now(), 'insulto' FROM commitments LIMIT 1",
    )
    .execute(&app.db)
    .await
    .expect("hidden comment");
    sqlx::query(
        "INSERT INTO progress_updates (milestone_id, author_name, progress, status, narrative,
                                       review_state, reviewed_at, review_note)
         SELECT m.id, 'Funcionario', 10, 'in_progress', 'Relato', 'returned', now(),
                'NOTA-PRIVADA-4711'
           FROM milestones m JOIN commitments c ON c.id = m.commitment_id
          WHERE c.ogp_id = 'EC0014' ORDER BY m.position LIMIT 1",
    )
    .execute(&app.db)
    .await
    .expect("returned report");
    sqlx::query(
        "INSERT INTO institutions (government_id, name, slug, sector)
         SELECT id, '=HYPERLINK(\"http://x\")', 'formula', 'civil_society' FROM governments LIMIT 1",
    )
    .execute(&app.db)
    .await
    .expect("institution");
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM users")
        .fetch_all(&app.db)
        .await
        .expect("emails");
    assert!(!emails.is_empty(), "the demo has accounts");

    let files = download(&app).await;
    let everything: String = files.values().cloned().collect();
    let api = get_json(&app, "/api/v1/updates?limit=200")
        .await
        .to_string();
    for text in [&everything, &api] {
        for email in &emails {
            assert!(!text.contains(email.as_str()), "{email} published");
        }
        assert!(!text.contains("@abierto.example"));
        assert!(!text.contains("TEXTO-OCULTO-4711"), "hidden comment text");
        assert!(
            !text.contains("NOTA-PRIVADA-4711"),
            "returned report's note"
        );
    }
    assert!(
        api.contains("\"review_state\":\"returned\""),
        "the returned report itself is public"
    );
    let institutions = &files["institutions.csv"];
    assert!(
        institutions.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{institutions}"
    );
    assert!(!institutions.contains(",=HYPERLINK"));
}

#[tokio::test]
async fn open_data_page_offers_the_download_licence_api_and_dictionary() {
    let app = spawn_demo_app().await;
    let page = app.get("/open-data").await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "Datos abiertos",
        "/open-data/abierto-open-data.zip",
        "/api/v1/openapi.json",
        "https://creativecommons.org/licenses/by/4.0/",
        "progress_updates.csv",
        "review_state",
        "Revisión: pending, validated, returned, contested",
        "Review: pending, validated, returned, contested",
    ] {
        assert!(page.body.contains(expected), "{expected}");
    }
    let english = app.get_with_cookie("/open-data", "lang=en").await;
    assert!(english.body.contains("Open data"));
    assert!(english.body.contains("Data dictionary"));
}

#[tokio::test]
async fn progress_updates_page_by_next_links_without_a_count() {
    let app = spawn_demo_app().await;
    let all = get_json(&app, "/api/v1/updates?limit=200").await;
    let n = all["items"].as_array().map_or(0, Vec::len);
    assert!(n >= 2, "the demo has reports");
    assert!(all["next"].is_null(), "everything fits in one page");
    let short = get_json(&app, &format!("/api/v1/updates?limit={}", n - 1)).await;
    assert_eq!(short["items"].as_array().map(Vec::len), Some(n - 1));
    assert_eq!(
        short["next"],
        format!("/api/v1/updates?limit={}&offset={}", n - 1, n - 1)
    );
    let last = get_json(
        &app,
        &format!("/api/v1/updates?limit={}&offset={}", n - 1, n - 1),
    )
    .await;
    assert_eq!(last["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(last["items"][0]["id"], all["items"][n - 1]["id"]);
    assert!(last["next"].is_null());
}

#[tokio::test]
async fn the_open_data_page_opens_with_a_table_of_contents_that_reaches_every_table() {
    let app = crate::helpers::spawn_demo_app().await;
    let page = app.get("/open-data").await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    let doc = scraper::Html::parse_document(&page.body);
    let links = scraper::Selector::parse("nav.toc a").expect("selector");
    let targets: Vec<String> = doc
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_owned)
        .collect();
    assert!(targets.len() >= 5, "{targets:?}");
    for target in &targets {
        let id = target.trim_start_matches('#');
        assert!(
            page.body.contains(&format!("id=\"{id}\"")),
            "{target} leads somewhere"
        );
    }
    let tables = scraper::Selector::parse("section[aria-labelledby^=table-]").expect("selector");
    let sections = doc.select(&tables).count();
    assert_eq!(
        targets.iter().filter(|t| t.starts_with("#table-")).count(),
        sections,
        "every table of the dictionary is in the contents"
    );
}

const ZIP: &str = "/open-data/abierto-open-data.zip";

/// What the page says of its download: the size as shown, and the `<time datetime>` with its text.
fn download_facts(page: &Page) -> (String, String, String) {
    let doc = scraper::Html::parse_document(&page.body);
    let facts = scraper::Selector::parse(&format!("a[href=\"{ZIP}\"] + span")).expect("selector");
    let time = scraper::Selector::parse("time").expect("selector");
    let facts = doc
        .select(&facts)
        .next()
        .expect("the download link is followed by its facts");
    let time = facts.select(&time).next().expect("a <time> for the date");
    let text: String = facts.text().collect();
    (
        text,
        time.value().attr("datetime").expect("datetime").to_owned(),
        time.text().collect(),
    )
}

/// The download with its ETag.
async fn zip_and_etag(app: &TestApp) -> (Vec<u8>, String) {
    let page = app.get(ZIP).await;
    assert_eq!(page.status, StatusCode::OK);
    let etag = page.headers[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    (page.bytes, etag)
}

fn tr(locale: abierto::i18n::Locale) -> abierto::i18n::Tr {
    abierto::i18n::Tr::new(locale)
}

#[tokio::test]
async fn the_page_shows_the_size_and_date_of_the_archive_its_link_downloads() {
    use abierto::i18n::Locale;
    use abierto::i18n::format::{file_size, long_moment};

    let app = spawn_demo_app().await;
    let page = app.get("/open-data").await;
    let (facts, datetime, shown) = download_facts(&page);
    let download = app.get(ZIP).await;
    let size = i64::try_from(download.bytes.len()).expect("size");
    assert!(
        facts.contains(&format!("ZIP, {};", file_size(&tr(Locale::Es), size))),
        "{facts}"
    );

    let produced = chrono::DateTime::parse_from_rfc3339(&datetime)
        .unwrap_or_else(|e| panic!("{datetime} is a valid datetime: {e}"))
        .with_timezone(&chrono::Utc);
    assert!(
        datetime.ends_with('Z') && !datetime.contains('.'),
        "whole seconds in UTC: {datetime}"
    );
    assert_eq!(shown, long_moment(&tr(Locale::Es), produced));
    assert!(facts.contains("datos al"), "{facts}");
    // The same moment in the archive's headers and in its data package.
    let last_modified = download.headers[header::LAST_MODIFIED]
        .to_str()
        .expect("ascii");
    assert_eq!(
        chrono::DateTime::parse_from_rfc2822(last_modified).expect("an HTTP date"),
        produced
    );
    let files = download_files(download.bytes);
    let package: Value = serde_json::from_str(&files["datapackage.json"]).expect("json");
    assert_eq!(package["created"], datetime);
    // The demo was loaded last: the archive holds the data as of that write.
    let loaded: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("SELECT max(at) FROM audit_log WHERE action = 'demo.load'")
            .fetch_one(&app.db)
            .await
            .expect("the demo's audit entry");
    assert_eq!(produced.timestamp(), loaded.timestamp());

    let english = app.get_with_cookie("/open-data", "lang=en").await;
    let (facts, _, shown) = download_facts(&english);
    assert!(
        facts.contains(&format!("ZIP, {};", file_size(&tr(Locale::En), size))),
        "{facts}"
    );
    assert!(facts.contains("data as of"), "{facts}");
    assert_eq!(shown, long_moment(&tr(Locale::En), produced));
}

/// The files of an archive, by name.
fn download_files(bytes: Vec<u8>) -> std::collections::BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 entry");
            (file.name().expect("entry name").into_owned(), text)
        })
        .collect()
}

#[tokio::test]
async fn a_new_progress_report_gives_a_new_archive_with_a_later_date() {
    use abierto::domain::Role;

    let app = spawn_demo_app().await;
    let (_, before, _) = download_facts(&app.get("/open-data").await);
    let (old_bytes, old_etag) = zip_and_etag(&app).await;
    // Dates are shown to the second: let one pass.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;

    let narrative = "Mesa técnica instalada con la sociedad civil (informe 4711).";
    let mut official = logged_in(
        &app,
        "oficial@asamblea.example",
        Role::Official,
        Some("asamblea-nacional"),
    )
    .await;
    let answer = official.report_progress(3, "60", narrative).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    let page = app.get("/open-data").await;
    let (facts, after, _) = download_facts(&page);
    let (new_bytes, new_etag) = zip_and_etag(&app).await;
    assert_ne!(new_etag, old_etag);
    assert_ne!(new_bytes, old_bytes);
    assert!(after > before, "{after} is later than {before}");
    let size = i64::try_from(new_bytes.len()).expect("size");
    let shown = abierto::i18n::format::file_size(&tr(abierto::i18n::Locale::Es), size);
    assert!(facts.contains(&shown), "{facts} shows {shown}");
    let files = download_files(new_bytes);
    assert!(files["progress_updates.csv"].contains(narrative));
    assert_eq!(
        serde_json::from_str::<Value>(&files["datapackage.json"]).expect("json")["created"],
        after
    );
}

#[tokio::test]
async fn the_kept_archive_answers_304_to_its_etag_and_last_modified() {
    let app = spawn_demo_app().await;
    let first = app.get(ZIP).await;
    let etag = first.headers[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    let last_modified = first.headers[header::LAST_MODIFIED]
        .to_str()
        .expect("date")
        .to_owned();
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "strong: {etag}"
    );
    let conditional = |name: header::HeaderName, value: &str| {
        Request::get(ZIP)
            .header(name, value)
            .body(Body::empty())
            .expect("request")
    };

    let cached = app.request(conditional(header::IF_NONE_MATCH, &etag)).await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);
    assert!(cached.bytes.is_empty());
    assert_eq!(cached.headers[header::ETAG], etag.as_str());
    assert_eq!(
        cached.headers[header::LAST_MODIFIED],
        last_modified.as_str()
    );
    let by_date = app
        .request(conditional(header::IF_MODIFIED_SINCE, &last_modified))
        .await;
    assert_eq!(by_date.status, StatusCode::NOT_MODIFIED);
    let other = app
        .request(conditional(header::IF_NONE_MATCH, "\"something-else\""))
        .await;
    assert_eq!(other.status, StatusCode::OK);
    assert_eq!(other.bytes, first.bytes);

    // Unchanged data: the kept archive, after one look at the data version.
    let (again, statements) = sql_count::count(app.get(ZIP)).await;
    assert_eq!(again.headers[header::ETAG], etag.as_str());
    assert_eq!(statements, 1, "only the data version is read");
}

#[tokio::test]
async fn every_node_serves_the_same_archive_for_the_same_data() {
    let app = spawn_demo_app().await;
    let other = app.second_node();
    let (a, b) = tokio::join!(zip_and_etag(&app), zip_and_etag(&other));
    assert_eq!(a.1, b.1, "one ETag on every node");
    assert_eq!(a.0, b.0);
}

#[tokio::test]
async fn the_archive_is_sent_as_kept_to_clients_that_accept_gzip() {
    let app = spawn_demo_app().await;
    let plain = app.get(ZIP).await;
    let gzip = app
        .request(
            Request::get(ZIP)
                .header(header::ACCEPT_ENCODING, "gzip, br")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert!(!gzip.headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(gzip.bytes, plain.bytes);
    assert_eq!(gzip.headers[header::ETAG], plain.headers[header::ETAG]);
}
