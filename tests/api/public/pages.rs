use axum::http::StatusCode;
use scraper::{ElementRef, Html, Selector};

use crate::helpers::{spawn_app, spawn_demo_app, sql_count};

const FIRST_PLAN: &str = "/plans/ecuador-2019-2022";
const EC0014: &str = "/plans/ecuador-2022-2024/commitments/4";

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
async fn plan_overview_runs_five_statements_whatever_the_data() {
    let app = spawn_demo_app().await;
    let (page, statements) = sql_count::count(app.get(FIRST_PLAN)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        statements, 7,
        "plan, commitments with actors, milestone figures, frozen reports with sign-off counts, \
         every report of the plan for its progress over time, participation, reporting rounds"
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
    // …and the voices, the round assessments, the counterparts' reports and their links, the
    // outcome indicators and their measurements.
    assert_eq!(
        small, 15,
        "plan, commitment, milestones, history, assessments, evidence, re-plans, comments, versions, indicators, measurements"
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
    assert!(
        page.body.contains("href=\"?history=all#milestone-1\""),
        "the shortened milestone links to its whole history"
    );

    let all = app.get(&format!("{uri}?history=all")).await;
    assert!(all.body.contains("Reporte número 1."));
    assert!(all.body.contains("Reporte número 40."));
    assert!(!all.body.contains("Ver el historial completo"));
    assert!(
        all.body
            .contains("<details class=\"earlier-reports\" open>"),
        "asked for the whole history, the earlier reports are unfolded"
    );
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("valid selector");
    doc.select(&selector).collect()
}

fn text(element: &ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

/// The cells of each row of the data table beside a chart, as text.
fn chart_table(doc: &Html, figure: &str) -> Vec<Vec<String>> {
    select(doc, &format!("figure#{figure} details.chart-data tbody tr"))
        .iter()
        .map(|row| {
            row.child_elements()
                .map(|cell| text(&cell).replace('\u{a0}', " "))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn commitment_page_draws_progress_over_time_beside_a_table_of_the_same_figures() {
    let app = spawn_demo_app().await;
    let page = app.get(EC0014).await;
    let doc = Html::parse_document(&page.body);
    let chart = select(&doc, "figure#commitment-progress-chart svg[role=img]");
    assert_eq!(chart.len(), 1, "one chart");
    assert_eq!(
        chart[0].value().attr("aria-labelledby"),
        Some("commitment-progress-chart-title commitment-progress-chart-desc")
    );
    let title = select(&doc, "#commitment-progress-chart-title");
    assert_eq!(text(&title[0]), "Avance a lo largo del tiempo");
    let desc = text(&select(&doc, "#commitment-progress-chart-desc")[0]);
    assert!(desc.contains("Hoy: reportado"), "{desc}");
    for series in ["series-reported", "series-validated", "series-expected"] {
        assert_eq!(
            select(
                &doc,
                &format!("#commitment-progress-chart svg[role=img] g.{series}")
            )
            .len(),
            1,
            "{series}"
        );
    }
    assert!(
        page.body
            .contains("Validado por el Grupo Núcleo (línea continua, cuadrados)"),
        "the legend names each series in words"
    );

    let rows = chart_table(&doc, "commitment-progress-chart");
    let row = |date: &str| {
        rows.iter()
            .find(|r| r[0].starts_with(date))
            .unwrap_or_else(|| panic!("no row for {date}: {rows:?}"))
            .clone()
    };
    // Milestone 1's first report waited a week for the forum: reported first, validated after.
    let reported = row("28 de febrero de 2023");
    assert_eq!(reported[1..3], ["8 %", "0 %"], "{reported:?}");
    assert!(reported[0].contains("1 hito pendiente de validación"));
    assert_eq!(row("7 de marzo de 2023")[1..3], ["8 %", "8 %"]);
    assert!(
        row("8 de noviembre de 2023")[0].contains("1 hito impugnado"),
        "a contested claim stays reported and is marked"
    );
    let today = select(&doc, "figure#commitment-progress-chart tr.is-today");
    assert_eq!(today.len(), 1, "today's figures close the table");
    assert!(text(&today[0]).contains("(hoy)"));
    // Each day something was reported or decided is a marker in the chart.
    let markers = select(
        &doc,
        "#commitment-progress-chart svg[role=img] .markers-reported circle",
    );
    let event_rows = rows.iter().filter(|r| !r[1].is_empty()).count();
    assert!(!markers.is_empty() && markers.len() <= event_rows);
}

#[tokio::test]
async fn commitment_history_is_grouped_under_each_milestone() {
    let app = spawn_demo_app().await;
    let page = app.get(EC0014).await;
    let doc = Html::parse_document(&page.body);
    let articles = select(&doc, "article.milestone");
    assert_eq!(articles.len(), 4);
    for (i, article) in articles.iter().enumerate() {
        let anchor = format!("milestone-{}", i + 1);
        assert_eq!(article.value().attr("id"), Some(anchor.as_str()));
        let inside = |css: &str| {
            article
                .select(&Selector::parse(css).expect("selector"))
                .count()
        };
        assert_eq!(inside(".latest-report"), 1, "{anchor}: its latest report");
        assert_eq!(
            inside("details.earlier-reports li"),
            2,
            "{anchor}: its two earlier reports, folded"
        );
        assert_eq!(
            inside("svg[role=img] title"),
            1,
            "{anchor}: its dates chart"
        );
        assert!(
            select(&doc, &format!("ul.history-index a[href=\"#{anchor}\"]")).len() == 1,
            "{anchor}: linked from the history"
        );
    }
    let latest = text(
        &articles[0]
            .select(&Selector::parse(".latest-report").expect("selector"))
            .next()
            .expect("latest"),
    );
    assert!(latest.contains("Reportado por"), "{latest}");
    assert!(latest.contains("Validado") || latest.contains("Pendiente"));
    assert!(
        select(&doc, "#history-heading ~ ol.timeline").is_empty(),
        "no flat list mixing milestones"
    );
    assert!(
        page.body.contains("/commitments/4/feed.atom"),
        "the feed stays"
    );
    assert!(
        page.body
            .contains("La marca vertical sobre cada barra es el avance esperado"),
        "the expected tick is explained in words"
    );
    assert!(page.body.contains("class=\"progress-legend\""));
}

#[tokio::test]
async fn a_milestone_search_hit_links_to_its_article_on_the_commitment_page() {
    let app = spawn_demo_app().await;
    let page = app.get("/search?q=catalogo").await;
    let doc = Html::parse_document(&page.body);
    let milestone_hits: Vec<String> = select(&doc, "li.search-hit")
        .iter()
        .filter(|hit| text(hit).contains("(hito)"))
        .filter_map(|hit| {
            hit.select(&Selector::parse("a").expect("selector"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .map(str::to_owned)
        })
        .collect();
    assert!(
        milestone_hits.contains(&format!("{EC0014}#milestone-2")),
        "{milestone_hits:?}"
    );
    let (path, anchor) = milestone_hits[0].split_once('#').expect("an anchor");
    let target = app.get(path).await;
    assert!(
        target
            .body
            .contains(&format!("<article class=\"milestone\" id=\"{anchor}\"")),
        "the anchor exists on the page"
    );
    let commitment = app.get("/search?q=contratacion").await;
    assert!(
        commitment
            .body
            .contains("href=\"/plans/ecuador-2019-2022/commitments/3\""),
        "a commitment hit links to the top of its page"
    );
}

#[tokio::test]
async fn plan_page_draws_progress_over_time_and_commitments_by_health() {
    let app = spawn_demo_app().await;
    let page = app.get(FIRST_PLAN).await;
    let doc = Html::parse_document(&page.body);
    for id in ["plan-progress-chart", "plan-health-chart"] {
        assert_eq!(
            select(
                &doc,
                &format!("svg[role=img][aria-labelledby=\"{id}-title {id}-desc\"]")
            )
            .len(),
            1,
            "{id}"
        );
    }
    // The plan's figures today are the headline's.
    let headline = select(&doc, ".headline-figure")
        .into_iter()
        .map(|f| text(&f).replace('\u{a0}', " "))
        .find(|f| f.starts_with("Validado"))
        .expect("the validated figure in the headline");
    let headline = headline
        .trim_start_matches("Validado por el Grupo Núcleo")
        .trim()
        .to_owned();
    let rows = chart_table(&doc, "plan-progress-chart");
    let today = rows.last().expect("today's row");
    assert!(today[0].contains("(hoy)"));
    assert_eq!(today[2], headline, "validated today: {today:?}");
    // Commitments by health: the same counts as the page's summary.
    let health: Vec<Vec<String>> = select(&doc, ".plan-charts figure:not([id]) tbody tr")
        .iter()
        .map(|r| r.child_elements().map(|c| text(&c)).collect())
        .collect();
    assert_eq!(
        health,
        [["Completado", "2"], ["Vencido", "8"]],
        "{health:?}"
    );
    let desc = text(&select(&doc, "#plan-health-chart-desc")[0]);
    assert_eq!(desc, "Completado: 2; Vencido: 8");
}

#[tokio::test]
async fn an_english_reader_reads_the_english_title_and_each_status_word_is_labelled() {
    let app = spawn_demo_app().await;
    let (title, english): (String, String) =
        sqlx::query_as("SELECT title, title_en FROM commitments WHERE ogp_id = 'EC0014'")
            .fetch_one(&app.db)
            .await
            .expect("EC0014 has both titles");
    let page = app.get_with_cookie(EC0014, "lang=en").await;
    let doc = Html::parse_document(&page.body);
    let h1 = select(&doc, "h1")[0];
    assert!(
        h1.inner_html()
            .contains(&format!("<span lang=\"en\">{english}</span>")),
        "{}",
        h1.inner_html()
    );
    assert!(!text(&h1).contains(&title), "the heading is in English");
    assert!(
        text(&select(&doc, "h1 + p.muted")[0]).contains(&title),
        "the published title is still given"
    );
    let spanish = Html::parse_document(&app.get(EC0014).await.body);
    assert!(text(&select(&spanish, "h1")[0]).contains(&title));
    let milestone = text(&select(&spanish, "article.milestone")[0]);
    assert!(
        milestone.contains("Salud: ") && milestone.contains("Estado: "),
        "two status words, each with its label: {milestone}"
    );
}

#[tokio::test]
async fn search_finds_institutions_names_each_hits_plan_and_pages_through_many() {
    let app = spawn_demo_app().await;
    let page = app.get("/search?q=Asamblea").await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = Html::parse_document(&page.body);
    let hits = select(&doc, "li.search-hit");
    let institution = hits
        .iter()
        .find(|h| {
            h.inner_html()
                .contains("href=\"/institutions/asamblea-nacional\"")
        })
        .expect("the institution is a hit");
    assert!(
        text(institution).contains("institución"),
        "{}",
        text(institution)
    );
    assert!(text(institution).contains("Ecuador"), "its government");
    // Every other hit names its plan and government.
    for hit in hits
        .iter()
        .filter(|h| h.inner_html().contains("/commitments/"))
    {
        let words = text(hit);
        assert!(
            words.contains("Plan") && words.contains("Ecuador"),
            "{words}"
        );
    }

    // Many hits come in pages of 20, with links that keep the query.
    sqlx::query(
        "INSERT INTO institutions (government_id, name, slug, sector)
         SELECT g.id, 'Fundación Paginada ' || n, 'fundacion-paginada-' || n, 'civil_society'
           FROM governments g, generate_series(1, 25) n LIMIT 25",
    )
    .execute(&app.db)
    .await
    .expect("25 institutions");
    let first = app.get("/search?q=paginada").await;
    let doc = Html::parse_document(&first.body);
    assert_eq!(select(&doc, "li.search-hit").len(), 20);
    assert!(first.body.contains("25 resultados"), "{}", first.body);
    assert!(first.body.contains("Resultados 1–20"));
    let next = select(&doc, "a[rel=next]");
    assert_eq!(
        next[0].value().attr("href"),
        Some("/search?q=paginada&page=2"),
        "the next page keeps the query"
    );
    assert!(!first.body.contains("rel=\"prev\""));
    let second = app.get("/search?q=paginada&page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    let doc = Html::parse_document(&second.body);
    assert_eq!(select(&doc, "li.search-hit").len(), 5);
    assert!(second.body.contains("Resultados 21–25"));
    assert!(second.body.contains("rel=\"prev\""));
    assert!(!second.body.contains("rel=\"next\""));
    for bad in ["0", "51", "x"] {
        let refused = app.get(&format!("/search?q=datos&page={bad}")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "page={bad}");
        assert!(refused.body.contains("Esa página de resultados no existe."));
    }
}

#[tokio::test]
async fn search_narrows_to_a_plan_a_government_or_a_kind_and_its_pages_keep_the_filters() {
    let app = spawn_demo_app().await;
    // A second government whose plan and institution also speak of "datos".
    sqlx::query(
        "WITH py AS (INSERT INTO governments (name, slug, kind, country_code)
                     VALUES ('Paraguay', 'paraguay', 'national', 'PY') RETURNING id),
              i AS (INSERT INTO institutions (government_id, name, slug, sector)
                    SELECT py.id, 'Dirección de Datos Abiertos', 'datos-py', 'government'
                      FROM py),
              p AS (INSERT INTO action_plans (government_id, title, slug, period_start,
                                              period_end, phase)
                    SELECT py.id, 'Plan paraguayo', 'py-2020', '2020-01-01', '2021-12-31',
                           'implementation' FROM py RETURNING id)
         INSERT INTO commitments (plan_id, code, slug, title, problem, state)
         SELECT p.id, '1', 'datos', 'Datos abiertos paraguayos', 'Faltan datos', 'approved'
           FROM p",
    )
    .execute(&app.db)
    .await
    .expect("Paraguay");
    let contexts = |page: &crate::helpers::Page| -> Vec<String> {
        let doc = Html::parse_document(&page.body);
        select(&doc, "li.search-hit").iter().map(text).collect()
    };
    let everywhere = app.get("/search?q=datos").await;
    let all = contexts(&everywhere);
    assert!(all.iter().any(|h| h.contains("Paraguay")));
    assert!(all.iter().any(|h| h.contains("Ecuador")));
    let doc = Html::parse_document(&everywhere.body);
    let governments: Vec<String> = select(&doc, "#f-government option")
        .iter()
        .map(text)
        .collect();
    assert_eq!(governments, ["Todos", "Ecuador", "Paraguay"]);

    let paraguay = app.get("/search?q=datos&government=paraguay").await;
    let hits = contexts(&paraguay);
    assert_eq!(
        hits.len(),
        2,
        "its commitment and its institution: {hits:?}"
    );
    assert!(hits.iter().all(|h| h.contains("Paraguay")), "{hits:?}");
    assert!(
        paraguay
            .body
            .contains("<option value=\"paraguay\" selected>Paraguay</option>")
    );

    let institutions = app.get("/search?q=datos&type=institution").await;
    let hits = contexts(&institutions);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.contains("(institución)")), "{hits:?}");

    let plan = app.get("/search?q=datos&plan=ecuador-2019-2022").await;
    let hits = contexts(&plan);
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h.contains("Primer Plan de Acción de Gobierno Abierto Ecuador")),
        "{hits:?}"
    );
    assert!(
        !hits.iter().any(|h| h.contains("(institución)")),
        "a plan's search has no institutions"
    );
    let doc = Html::parse_document(&plan.body);
    let narrowed = text(&select(&doc, "#search-plan")[0]);
    assert!(narrowed.contains("Solo en el plan"), "{narrowed}");
    let wider = select(&doc, "#search-plan a");
    assert_eq!(wider[0].value().attr("href"), Some("/search?q=datos"));
    assert_eq!(
        select(&doc, "form.search input[name=plan]")[0]
            .value()
            .attr("value"),
        Some("ecuador-2019-2022"),
        "a new query stays in the plan"
    );

    // The plan page offers the narrowed search.
    let page = app.get("/plans/ecuador-2019-2022").await;
    let doc = Html::parse_document(&page.body);
    assert_eq!(
        select(&doc, "form[action=\"/search\"] input[name=plan]")[0]
            .value()
            .attr("value"),
        Some("ecuador-2019-2022")
    );

    // Pages keep every filter.
    sqlx::query(
        "INSERT INTO institutions (government_id, name, slug, sector)
         SELECT g.id, 'Fundación Paginada ' || n, 'fundacion-paginada-' || n, 'civil_society'
           FROM governments g, generate_series(1, 25) n WHERE g.slug = 'paraguay'",
    )
    .execute(&app.db)
    .await
    .expect("25 institutions");
    let first = app
        .get("/search?q=paginada&government=paraguay&type=institution")
        .await;
    let doc = Html::parse_document(&first.body);
    assert_eq!(
        select(&doc, "a[rel=next]")[0].value().attr("href"),
        Some("/search?q=paginada&government=paraguay&type=institution&page=2")
    );

    for bad in ["type=hito", "government=Para%20guay", "plan=%C3%B1"] {
        let refused = app.get(&format!("/search?q=datos&{bad}")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            refused.body.contains("Ese filtro de búsqueda no existe"),
            "{bad}"
        );
    }
    let empty = app.get("/search?q=datos&type=&government=&plan=").await;
    assert_eq!(empty.status, StatusCode::OK, "empty filters are no filters");
    assert_eq!(contexts(&empty).len(), all.len());
}

/// 46 published plans besides the demo's two: 30 of a national government of Paraguay
/// (2012–2041, one a year), 16 of a local government of Mexico (Jalisco), in implementation.
async fn many_plans(app: &crate::helpers::TestApp) {
    sqlx::query(
        "WITH py AS (INSERT INTO governments (name, slug, kind, country_code)
                     VALUES ('Paraguay', 'paraguay', 'national', 'PY') RETURNING id),
              jal AS (INSERT INTO governments (name, slug, kind, country_code)
                      VALUES ('Jalisco', 'jalisco', 'local', 'MX') RETURNING id)
         INSERT INTO action_plans (government_id, title, slug, period_start, period_end, phase)
         SELECT py.id, 'Plan ' || y, 'py-' || y, make_date(y, 1, 1), make_date(y, 12, 31),
                'closed'
           FROM py, generate_series(2012, 2041) AS y
         UNION ALL
         SELECT jal.id, 'Plan local ' || n, 'jal-' || n, make_date(2020, 1, 1),
                make_date(2021, 12, 31), 'implementation'
           FROM jal, generate_series(1, 16) AS n",
    )
    .execute(&app.db)
    .await
    .expect("many plans");
}

fn cards(page: &crate::helpers::Page) -> Vec<String> {
    let doc = Html::parse_document(&page.body);
    let title = Selector::parse("ul.cards > li h2").expect("css");
    doc.select(&title)
        .map(|h| h.text().collect::<String>().trim().to_owned())
        .collect()
}

#[tokio::test]
async fn the_plan_list_filters_by_country_kind_phase_and_year_and_pages_by_twenty() {
    let app = spawn_demo_app().await;
    many_plans(&app).await;
    let (first, statements) = sql_count::count(app.get("/plans")).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(cards(&first).len(), 20);
    assert!(first.body.contains("Planes 1–20 de 48"), "{}", first.body);
    assert!(first.body.contains("href=\"/plans?page=2\""));
    assert_eq!(
        statements, 5,
        "a page of plans, the count, their facts, the countries and the years to choose"
    );
    let last = app.get("/plans?page=3").await;
    assert_eq!(cards(&last).len(), 8);
    assert!(last.body.contains("Planes 41–48 de 48"));
    assert!(!last.body.contains("rel=\"next\""));

    let local = app.get("/plans?kind=local").await;
    assert!(local.body.contains("Planes 1–16 de 16"));
    assert!(cards(&local).iter().all(|t| t.starts_with("Plan local")));
    let mexico = app.get("/plans?country=mx&phase=implementation").await;
    assert_eq!(cards(&mexico).len(), 16);
    let year = app.get("/plans?country=PY&year=2030").await;
    assert_eq!(cards(&year), ["Plan 2030"]);
    let ecuador = app.get("/plans?country=EC&year=2023").await;
    assert_eq!(
        cards(&ecuador).len(),
        1,
        "only the 2022–2024 plan covers 2023"
    );
    // The pager keeps the filters.
    let paraguay = app.get("/plans?country=PY").await;
    let doc = Html::parse_document(&paraguay.body);
    let next = Selector::parse("nav.pager a[rel=next]").expect("css");
    let href = doc
        .select(&next)
        .next()
        .and_then(|a| a.value().attr("href"));
    assert_eq!(href, Some("/plans?country=PY&page=2"));
    let none = app.get("/plans?country=PY&kind=local").await;
    assert!(
        none.body
            .contains("Ningún plan publicado cumple esos filtros.")
    );

    for bad in [
        "/plans?country=Ecuador",
        "/plans?kind=regional",
        "/plans?phase=draft",
        "/plans?year=1990",
        "/plans?page=4",
        "/plans?page=0",
    ] {
        let page = app.get(bad).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn a_government_page_lists_its_plans_forums_and_institutions_and_no_others() {
    let app = spawn_demo_app().await;
    many_plans(&app).await;
    let (page, statements) = sql_count::count(app.get("/governments/ecuador")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        statements, 4,
        "government, plans, their facts, institutions"
    );
    assert_eq!(cards(&page).len(), 0, "plan cards sit under an h3 here");
    assert!(
        page.body
            .contains("href=\"/plans/ecuador-2022-2024/forum\"")
    );
    assert!(
        page.body
            .contains("href=\"/institutions/asamblea-nacional\"")
    );
    assert!(
        !page.body.contains("py-2030"),
        "no plan of another government"
    );
    let paraguay = app.get("/governments/paraguay").await;
    assert!(paraguay.body.contains("Planes de acción (30)"));
    assert!(!paraguay.body.contains("asamblea-nacional"));
    let plan = app.get("/plans/ecuador-2022-2024").await;
    assert!(
        plan.body.contains("href=\"/governments/ecuador\""),
        "the plan links its government"
    );
    assert_eq!(
        app.get("/governments/atlantida").await.status,
        StatusCode::NOT_FOUND
    );
}
