use axum::http::StatusCode;

use crate::helpers::{spawn_app, spawn_demo_app, sql_count};

const FIRST_PLAN: &str = "/plans/ecuador-2019-2022";

const FIRST_PLAN_TITLES: [&str; 10] = [
    "Elaboración colaborativa de la política de datos abiertos y la guía para su implementación",
    "Re-diseño y actualización del portal de datos abiertos",
    "Plataforma de Información Abierta de Contratación Pública",
    "Implementación de los derechos de participación y acceso a la información",
    "Co-diseño de la hoja de ruta para la implementación del Estándar EITI",
    "Desarrollo de capacidades para garantizar la transparencia y el acceso",
    "Cocreación del Plan Nacional de Prevención y Erradicación de la Violencia",
    "Primer laboratorio de innovación ciudadana de Ecuador",
    "Ciudadanización de la mejora de los trámites (simplificación)",
    "Cocreación de una estrategia para la mejora de la Calidad de los Servi",
];

#[tokio::test]
async fn plan_list_shows_ecuadors_first_action_plan() {
    let app = spawn_demo_app().await;
    let page = app.get("/plans").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Primer Plan de Acción de Gobierno Abierto Ecuador 2019-2022")
    );
    assert!(page.body.contains(&format!("href=\"{FIRST_PLAN}\"")));
}

#[tokio::test]
async fn plan_overview_lists_all_ten_real_commitments() {
    let app = spawn_demo_app().await;
    let page = app.get(FIRST_PLAN).await;
    assert_eq!(page.status, StatusCode::OK);
    for title in FIRST_PLAN_TITLES {
        assert!(page.body.contains(title), "missing commitment {title:?}");
    }
    assert!(
        page.body
            .contains("Servicio Nacional de Contratación Pública (SERCOP)")
    );
    assert!(
        page.body.contains("Datos de demostración"),
        "illustrative data must be announced"
    );
}

#[tokio::test]
async fn plan_overview_runs_four_statements_whatever_the_data() {
    let app = spawn_demo_app().await;
    let (page, statements) = sql_count::count(app.get(FIRST_PLAN)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        statements, 4,
        "plan, commitments with actors, milestone figures, frozen reports with sign-off counts"
    );
}

#[tokio::test]
async fn plan_overview_filters_by_institution_value_and_health() {
    let app = spawn_demo_app().await;
    let page = app
        .get(&format!(
            "{FIRST_PLAN}?institution=servicio-nacional-de-contratacion-publica"
        ))
        .await;
    assert!(
        page.body
            .contains("Plataforma de Información Abierta de Contratación Pública")
    );
    assert!(
        !page
            .body
            .contains("Primer laboratorio de innovación ciudadana")
    );

    let page = app
        .get(&format!("{FIRST_PLAN}?value=civic_participation"))
        .await;
    assert!(
        page.body
            .contains("Ciudadanización de la mejora de los trámites")
    );
    assert!(
        !page.body.contains("Re-diseño y actualización del portal"),
        "no values known for EC0002"
    );

    let page = app.get(&format!("{FIRST_PLAN}?health=completed")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Plataforma de Información Abierta de Contratación Pública")
    );
    assert!(
        !page
            .body
            .contains("Co-diseño de la hoja de ruta para la implementación del Estándar EITI")
    );
}

#[tokio::test]
async fn unknown_filter_values_are_ignored_not_errors() {
    let app = spawn_demo_app().await;
    let page = app
        .get(&format!("{FIRST_PLAN}?health=bogus&value=%3Cscript%3E"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>"));
}

#[tokio::test]
async fn commitment_page_shows_milestones_history_and_computation() {
    let app = spawn_demo_app().await;
    let page = app.get(&format!("{FIRST_PLAN}/commitments/3")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("Plataforma de Información Abierta de Contratación Pública"));
    assert!(body.contains("EC0003"));
    assert!(
        body.contains("Diagnóstico y línea de base"),
        "milestones are listed"
    );
    assert!(body.contains("Fechas de línea de base"));
    assert!(body.contains("Historial de avances"));
    assert!(
        body.contains("Validado"),
        "review state of each report is shown"
    );
    assert!(body.contains("¿Cómo se calcula este porcentaje?"));
    assert!(
        body.contains("Hito ilustrativo"),
        "invented milestones are flagged"
    );
    assert!(
        body.contains("Outstanding"),
        "the IRM rating is shown as published"
    );
    assert!(
        body.contains("Fundación Ciudadanía y Desarrollo"),
        "civil-society counterpart"
    );
}

#[tokio::test]
async fn completed_commitment_shows_one_hundred_percent() {
    // Commitment 3's illustrative history completes every milestone.
    let app = spawn_demo_app().await;
    let page = app.get(&format!("{FIRST_PLAN}/commitments/3")).await;
    assert!(
        page.body.contains("Avance validado: 100 %"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn real_milestones_of_ec0014_are_not_flagged_illustrative() {
    let app = spawn_demo_app().await;
    let page = app.get("/plans/ecuador-2022-2024/commitments/4").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Construyendo más y mejor información legislativa en Ecuador")
    );
    assert!(
        page.body
            .contains("Metodología: cocrear un nuevo catálogo de información legislativa.")
    );
    assert!(
        page.body.contains("30 de junio de 2023"),
        "due date of milestone 1"
    );
    assert!(!page.body.contains("Hito ilustrativo"));
}

#[tokio::test]
async fn commitment_page_runs_a_fixed_number_of_statements() {
    let app = spawn_demo_app().await;
    let (_, small) = sql_count::count(app.get("/plans/ecuador-2022-2024/commitments/4")).await;
    let (_, large) = sql_count::count(app.get(&format!("{FIRST_PLAN}/commitments/3"))).await;
    assert_eq!(
        small, large,
        "statements must not grow with milestones or reports"
    );
    assert_eq!(
        small, 8,
        "plan, commitment, milestones, history, assessments, evidence, re-plans, comments"
    );
}

#[tokio::test]
async fn unknown_commitment_is_a_translated_404() {
    let app = spawn_demo_app().await;
    let page = app.get(&format!("{FIRST_PLAN}/commitments/99")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Página no encontrada"));
    let page = app.get_with_cookie("/no/such/page", "lang=en").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found"));
    assert!(page.headers.contains_key("x-request-id"));
}

#[tokio::test]
async fn forum_page_lists_grupo_nucleo_members_by_sector() {
    let app = spawn_demo_app().await;
    let page = app.get(&format!("{FIRST_PLAN}/forum")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Fundación Esquel"));
    assert!(page.body.contains("Universidad Técnica Particular de Loja"));
    assert!(page.body.contains("Sociedad civil (4)"));
    assert!(page.body.contains("Academia (3)"));
}

#[tokio::test]
async fn institution_page_lists_its_commitments_and_milestones() {
    let app = spawn_demo_app().await;
    let page = app.get("/institutions/asamblea-nacional").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Asamblea Nacional"));
    assert!(
        page.body
            .contains("Construyendo más y mejor información legislativa en Ecuador")
    );
    assert!(page.body.contains("Campaña de comunicación."));
}

#[tokio::test]
async fn search_is_accent_insensitive_spanish_full_text() {
    let app = spawn_demo_app().await;
    let page = app.get("/search?q=contratacion").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Plataforma de Información Abierta de Contratación Pública")
    );
    // Stemming: "legislativo" finds "legislativa".
    let page = app.get("/search?q=legislativo").await;
    assert!(
        page.body
            .contains("Construyendo más y mejor información legislativa en Ecuador")
    );
}

#[tokio::test]
async fn search_escapes_what_the_visitor_typed() {
    let app = spawn_demo_app().await;
    let page = app.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert(1)"));
    assert!(page.body.contains("&lt;script&gt;") || page.body.contains("&#60;script&#62;"));
}

#[tokio::test]
async fn overlong_search_is_a_clear_400() {
    let app = spawn_demo_app().await;
    let page = app.get(&format!("/search?q={}", "a".repeat(300))).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("200 caracteres"));
}

#[tokio::test]
async fn english_switch_persists_in_a_cookie() {
    let app = spawn_demo_app().await;
    let switch = app.get("/lang/en?next=/plans").await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.headers["location"], "/plans");
    let cookie = switch.headers["set-cookie"].to_str().expect("ascii");
    assert!(cookie.starts_with("lang=en"));
    let page = app.get_with_cookie("/plans", "lang=en").await;
    assert!(page.body.contains("<html lang=\"en\">"));
    assert!(page.body.contains("Action plans"));
    // Only same-site paths are followed.
    let switch = app.get("/lang/es?next=//evil.example").await;
    assert_eq!(switch.headers["location"], "/");
}

#[tokio::test]
async fn empty_database_shows_no_plans_rather_than_failing() {
    let app = spawn_app().await;
    let page = app.get("/plans").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Todavía no hay planes publicados."));
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn pages_are_accessible_html_without_inline_script_or_style() {
    let app = spawn_demo_app().await;
    for uri in [
        "/",
        "/plans",
        FIRST_PLAN,
        "/plans/ecuador-2019-2022/commitments/1",
        "/search?q=datos",
    ] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let body = &page.body;
        assert!(body.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(body.contains("<main id=\"main\""), "{uri}: main landmark");
        assert!(body.contains("<h1>"), "{uri}: a heading");
        assert!(!body.contains("style=\""), "{uri}: inline style attribute");
        assert!(!body.contains("<script"), "{uri}: inline script");
        assert!(
            body.contains("role=\"img\" aria-label=") || !body.contains("progress-track"),
            "{uri}: progress bars need text"
        );
    }
}

#[tokio::test]
async fn a_long_history_shows_the_newest_reports_and_links_to_all_of_them() {
    let app = spawn_demo_app().await;
    sqlx::query(
        "INSERT INTO progress_updates (milestone_id, author_name, reported_at, progress, status, narrative)
         SELECT m.id, 'Oficial', timestamptz '2030-01-01' + n * interval '1 day', 1, 'in_progress',
                'Reporte número ' || n || '.'
           FROM milestones m JOIN commitments c ON c.id = m.commitment_id,
                generate_series(1, 40) n
          WHERE c.ogp_id = 'EC0014' AND m.position = 1",
    )
    .execute(&app.db)
    .await
    .expect("forty reports");
    let uri = "/plans/ecuador-2022-2024/commitments/4";
    let page = app.get(uri).await;
    assert!(
        page.body.contains("Reporte número 40."),
        "the newest is shown"
    );
    assert!(page.body.contains("Reporte número 16."));
    assert!(
        !page.body.contains("Reporte número 15."),
        "older ones are one link away"
    );
    assert!(
        page.body
            .contains("Se muestran los 25 reportes más recientes de")
    );
    assert!(page.body.contains("href=\"?history=all#history-heading\""));

    let all = app.get(&format!("{uri}?history=all")).await;
    assert!(all.body.contains("Reporte número 1."));
    assert!(all.body.contains("Reporte número 40."));
    assert!(!all.body.contains("Ver el historial completo"));
}
