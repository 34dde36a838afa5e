//! OGP's export at its hardest (`tests/data/ogp-commitments-hard.csv`): every date style,
//! every institution separator, long texts, local members, Kosovo, an unknown code, a
//! repeated number and every IRM label. Each value is checked as stored, each report line
//! as written, and a second import changes nothing.

use abierto::store::admin::ogp_import;
use abierto::store::cocreation::plan_transfer::Importer;
use abierto::transfer::ogp;
use chrono::NaiveDate;
use sqlx::PgPool;

use crate::helpers::spawn_app;
use crate::transfer::counts;

const HARD: &[u8] = include_bytes!("../data/ogp-commitments-hard.csv");

async fn import_hard(db: &PgPool) -> ogp_import::OgpSummary {
    let parsed = ogp::parse(HARD).expect("parse");
    ogp_import::import(db, &parsed, &Importer::cli(), || {})
        .await
        .expect("import")
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

async fn dates(db: &PgPool, ogp_id: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
    sqlx::query_as("SELECT start_date, end_date FROM commitments WHERE ogp_id = $1")
        .bind(ogp_id)
        .fetch_one(db)
        .await
        .expect(ogp_id)
}

/// `role: name [acronym] (sector)` for each actor, in order.
async fn actors(db: &PgPool, ogp_id: &str) -> Vec<String> {
    let rows: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT a.role, i.name, i.acronym, i.sector
           FROM commitment_actors a
           JOIN institutions i ON i.id = a.institution_id
           JOIN commitments c ON c.id = a.commitment_id
          WHERE c.ogp_id = $1
          ORDER BY a.role, a.position",
    )
    .bind(ogp_id)
    .fetch_all(db)
    .await
    .expect(ogp_id);
    rows.into_iter()
        .map(|(role, name, acronym, sector)| match acronym {
            Some(a) => format!("{role}: {name} [{a}] ({sector})"),
            None => format!("{role}: {name} ({sector})"),
        })
        .collect()
}

#[tokio::test]
async fn the_hard_ogp_file_is_stored_value_by_value() {
    let app = spawn_app().await;
    let summary = import_hard(&app.db).await;
    assert_eq!(summary.skipped, vec![], "no row is refused");
    assert_eq!(summary.commitments, 34);

    for (id, start, end) in [
        ("HD0001", "2014-05-28", "2016-12-31"),
        ("HD0002", "2014-05-28", "2016-12-31"),
        ("HD0003", "2014-07-01", "2016-12-31"),
        ("HD0004", "2015-04-03", "2016-06-05"),
        ("HD0005", "2015-03-04", "2016-05-06"),
        ("HD0006", "2014-01-01", "2019-09-30"),
        ("HD0007", "2021-01-01", "2021-12-31"),
        ("HD0008", "2014-05-01", "2015-05-31"),
        ("HD0009", "2014-05-01", "2016-12-31"),
        ("HD0010", "2019-03-01", "2020-12-31"),
        ("HD0011", "", ""),
        ("HD0021", "2017-02-01", "2018-12-31"),
    ] {
        assert_eq!(dates(&app.db, id).await, (day(start), day(end)), "{id}");
    }

    for (id, expected) in [
        (
            "HD0012",
            &[
                "lead: Ministerio de Hacienda (government)",
                "lead: Contraloría General de la República (government)",
                "supporting: Ministry of Health (government)",
                "supporting: Ministry of Education (government)",
            ][..],
        ),
        (
            "HD0013",
            &[
                "lead: Oficina de Planificación (government)",
                "lead: Oficina de Presupuesto (government)",
                "supporting: Congreso de la República. Senado (government)",
                "supporting: Cámara de Representantes (government)",
            ],
        ),
        (
            "HD0014",
            &[
                "lead: Defensoría del Pueblo [DPE] (government)",
                "lead: Asamblea Nacional (government)",
                "supporting: Servicio Electoral (government)",
                "supporting: Consejo para la Transparencia (government)",
                "supporting: Biblioteca del Congreso (government)",
                "supporting: Universidad de Chile (academia)",
            ],
        ),
        (
            "HD0015",
            &[
                "lead: Ministry of Finance (government)",
                "lead: Central Bank (government)",
                "lead: Tax Office (government)",
                "supporting: Ministerio de Salud (government)",
                "supporting: Ministerio de Educación (government)",
            ],
        ),
        (
            "HD0016",
            &[
                "lead: Head of Bureau for Sessions (government)",
                "lead: Acting Head Bureau for Media (government)",
                "lead: Head of Personnel (government)",
                "supporting: Department of Treasury (government)",
                "supporting: Auditor General's Office (government)",
            ],
        ),
        (
            "HD0017",
            &[
                "lead: Gouvernement de la Côte d'Ivoire (government)",
                "lead: Ministère de la Justice & des Droits (government)",
                "supporting: Ministry of Trade, Industry and Tourism (government)",
            ],
        ),
        (
            "HD0018",
            &["supporting: Fundación Ciudadanía Inteligente (civil_society)"],
        ),
    ] {
        assert_eq!(actors(&app.db, id).await, expected, "{id}");
    }
    let hd0019 = actors(&app.db, "HD0019").await;
    assert_eq!(
        hd0019[1..],
        [
            "supporting: World Bank (multilateral)",
            "supporting: UNDP (multilateral)",
            "supporting: USAID (multilateral)",
            "supporting: Local NGOs (civil_society)",
            "supporting: Association des Maires (civil_society)",
            "supporting: Université de Dakar (academia)",
            "supporting: AGESIC (government)",
        ]
    );
    let long: String = sqlx::query_scalar(
        "SELECT i.name FROM institutions i JOIN commitment_actors a ON a.institution_id = i.id
           JOIN commitments c ON c.id = a.commitment_id
          WHERE c.ogp_id = 'HD0019' AND a.role = 'lead'",
    )
    .fetch_one(&app.db)
    .await
    .expect("the long lead");
    assert_eq!(long.chars().count(), 450, "kept whole, one institution");
    assert!(
        long.starts_with(
            "Comisión Nacional para la Integridad Pública y la Transparencia, encargada"
        )
    );
    assert!(
        hd0019[0].starts_with("lead: Comisión Nacional") && hd0019[0].ends_with("(government)")
    );

    let (title, description): (String, String) =
        sqlx::query_as("SELECT title, description FROM commitments WHERE ogp_id = 'HD0020'")
            .fetch_one(&app.db)
            .await
            .expect("HD0020");
    assert_eq!(title.chars().count(), 1000);
    assert_eq!(description.chars().count(), 100_000);
    assert!(
        description.starts_with("Primer párrafo.\n\nSegundo párrafo,\ncon un salto de línea.\n\n"),
        "paragraphs kept"
    );

    let governments: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT name, kind, country_code FROM governments
          WHERE name IN ('Buenos Aires', 'Scotland', 'Kosovo', 'Atlantis', 'Jalisco')
          ORDER BY name",
    )
    .fetch_all(&app.db)
    .await
    .expect("governments");
    let governments: Vec<(&str, &str, &str)> = governments
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        governments,
        [
            ("Atlantis", "national", "ZZ"),
            ("Buenos Aires", "local", "AR"),
            ("Jalisco", "local", "MX"),
            ("Kosovo", "national", "XK"),
            ("Scotland", "local", "GB"),
        ]
    );

    let codes: Vec<(String, String)> = sqlx::query_as(
        "SELECT ogp_id, code FROM commitments WHERE ogp_id IN ('HD0026', 'HD0027') ORDER BY ogp_id",
    )
    .fetch_all(&app.db)
    .await
    .expect("codes");
    assert_eq!(
        codes,
        [
            ("HD0026".to_owned(), "2.1".to_owned()),
            ("HD0027".to_owned(), "2.1-b".to_owned())
        ]
    );

    type Ratings = (
        String,
        String,
        Option<String>,
        Option<bool>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<bool>,
        String,
    );
    let ratings: Vec<Ratings> = sqlx::query_as(
        "SELECT c.ogp_id, a.period_label, a.specificity, a.verifiable, a.potential_impact,
                a.completion, a.early_results, a.starred, a.absent_marks::text
           FROM assessments a JOIN commitments c ON c.id = a.commitment_id
          WHERE c.ogp_id BETWEEN 'HD0028' AND 'HD0034'
          ORDER BY c.ogp_id, a.period_label DESC",
    )
    .fetch_all(&app.db)
    .await
    .expect("ratings");
    let shown: Vec<String> = ratings
        .iter()
        .map(|(id, period, spec, verifiable, impact, completion, early, starred, absent)| {
            format!(
                "{id} {period}: {spec:?} {verifiable:?} {impact:?} {completion:?} {early:?} {starred:?} {absent}"
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            r#"HD0028 IRM progress report 2016: Some("none") Some(true) Some("none") Some("withdrawn") None Some(false) {}"#,
            r#"HD0028 IRM end-of-term report 2018: None None None Some("not_started") Some("worsened") None {}"#,
            r#"HD0029 IRM progress report 2016: Some("low") Some(false) Some("minor") Some("limited") None None {}"#,
            r#"HD0029 IRM end-of-term report 2018: None None None Some("substantial") Some("did_not_change") None {}"#,
            r#"HD0030 IRM progress report 2016: Some("medium") Some(true) Some("moderate") None None None {}"#,
            r#"HD0030 IRM end-of-term report 2018: None None None Some("complete") Some("no_early_results") None {}"#,
            r#"HD0031 IRM progress report 2016: Some("high") Some(false) Some("transformative") None None None {}"#,
            r#"HD0031 IRM end-of-term report 2018: None None None Some("complete") Some("marginal") Some(true) {}"#,
            r#"HD0032 IRM progress report 2016: None None Some("unclear") None None None {"verifiable": "not_reviewed", "specificity": "not_reviewed"}"#,
            r#"HD0032 IRM end-of-term report 2018: None None None None Some("major") None {"completion": "no_data"}"#,
            r#"HD0033 IRM progress report 2016: None None Some("modest") None None None {"verifiable": "no_data", "specificity": "no_data"}"#,
            r#"HD0033 IRM end-of-term report 2018: None None None None Some("outstanding") None {"completion": "not_reviewed"}"#,
            r#"HD0034 IRM progress report 2016: None None Some("substantial") Some("not_started") None None {}"#,
            r#"HD0034 IRM end-of-term report 2018: None None None Some("unclear") None None {}"#,
        ]
    );

    let lines: Vec<String> = summary
        .report
        .iter()
        .map(|l| {
            let value: String = l.value.chars().take(40).collect();
            format!(
                "{} {} [{}] {value:?} {} {}",
                l.row, l.ogp_id, l.column, l.key, l.detail
            )
        })
        .collect();
    let title_shown: String = "Título muy largo de un compromiso sobre gobierno abierto ".repeat(2);
    let title_shown: String = title_shown.chars().take(40).collect();
    let expected = [
        r#"4 HD0003 [Start Date] "1/7/2014" ogp-date-order-from-other-date 2014-07-01 (day-first)"#.to_owned(),
        r#"5 HD0004 [Start Date] "3/4/2015" ogp-date-ambiguous 2015-04-03 (day-first, CL)"#.to_owned(),
        r#"5 HD0004 [End Date] "5/6/2016" ogp-date-ambiguous 2016-06-05 (day-first, CL)"#.to_owned(),
        r#"6 HD0005 [Start Date] "3/4/2015" ogp-date-ambiguous 2015-03-04 (month-first, PH)"#.to_owned(),
        r#"6 HD0005 [End Date] "5/6/2016" ogp-date-ambiguous 2016-05-06 (month-first, PH)"#.to_owned(),
        r#"7 HD0006 [Start Date] "Quarter 1 2014" ogp-date-quarter 2014-01-01"#.to_owned(),
        r#"7 HD0006 [End Date] "Q3 2019" ogp-date-quarter 2019-09-30"#.to_owned(),
        r#"8 HD0007 [Start Date] "I quarter of 2021" ogp-date-quarter 2021-01-01"#.to_owned(),
        r#"8 HD0007 [End Date] "IV quarter of 2021" ogp-date-quarter 2021-12-31"#.to_owned(),
        r#"9 HD0008 [Start Date] "May 2014" ogp-date-month-only 2014-05-01"#.to_owned(),
        r#"9 HD0008 [End Date] "5/2015" ogp-date-month-only 2015-05-31"#.to_owned(),
        r#"10 HD0009 [Start Date] "2014-05" ogp-date-month-only 2014-05-01"#.to_owned(),
        r#"10 HD0009 [End Date] "2016" ogp-date-year-only 2016-12-31"#.to_owned(),
        r#"11 HD0010 [Start Date] "43525" ogp-date-serial 2019-03-01"#.to_owned(),
        r#"11 HD0010 [End Date] "44196" ogp-date-serial 2020-12-31"#.to_owned(),
        r#"12 HD0011 [Start Date] "soon" ogp-date-unreadable "#.to_owned(),
        r#"12 HD0011 [End Date] "TBD" ogp-date-unreadable "#.to_owned(),
        r#"13 HD0012 [Lead Institution] "Ministerio de Hacienda; Contraloría Gene" ogp-institutions-split Ministerio de Hacienda | Contraloría General de la República"#.to_owned(),
        r#"13 HD0012 [Supporting Institution(s)] "Ministry of Health\nMinistry of Education" ogp-institutions-split Ministry of Health | Ministry of Education"#.to_owned(),
        r#"14 HD0013 [Lead Institution] "- Oficina de Planificación\n- Oficina de " ogp-institutions-split Oficina de Planificación | Oficina de Presupuesto"#.to_owned(),
        r#"14 HD0013 [Supporting Institution(s)] "Congreso de la República. Senado – Cámar" ogp-institutions-split Congreso de la República. Senado | Cámara de Representantes"#.to_owned(),
        r#"15 HD0014 [Lead Institution] "• Defensoría del Pueblo (DPE) • Asamblea" ogp-institutions-split Defensoría del Pueblo (DPE) | Asamblea Nacional"#.to_owned(),
        r#"15 HD0014 [Supporting Institution(s)] "· Servicio Electoral\n▪ Consejo para la T" ogp-institutions-split Servicio Electoral | Consejo para la Transparencia | Biblioteca del Congreso | Universidad de Chile"#.to_owned(),
        r#"16 HD0015 [Lead Institution] "(a) Ministry of Finance (b) Central Bank" ogp-institutions-split Ministry of Finance | Central Bank | Tax Office"#.to_owned(),
        r#"16 HD0015 [Lead Institution] "Central Bank" ogp-sector-guessed government"#.to_owned(),
        r#"16 HD0015 [Supporting Institution(s)] "a) Ministerio de Salud b) Ministerio de " ogp-institutions-split Ministerio de Salud | Ministerio de Educación"#.to_owned(),
        r#"17 HD0016 [Lead Institution] "1. Head of Bureau for Sessions, 2. Actin" ogp-institutions-split Head of Bureau for Sessions | Acting Head Bureau for Media | Head of Personnel"#.to_owned(),
        r#"17 HD0016 [Lead Institution] "Head of Personnel" ogp-sector-guessed government"#.to_owned(),
        r#"17 HD0016 [Supporting Institution(s)] "Department of Treasury, Auditor General'" ogp-institutions-split Department of Treasury | Auditor General's Office"#.to_owned(),
        r#"18 HD0017 [Lead Institution] "Gouvernement de la Côte d&#39;Ivoire; Mi" ogp-institutions-split Gouvernement de la Côte d'Ivoire | Ministère de la Justice & des Droits"#.to_owned(),
        r#"19 HD0018 [Lead Institution] "Unclear" ogp-institution-placeholder "#.to_owned(),
        r#"19 HD0018 [Supporting Institution(s)] "N/A; TBD; Fundación Ciudadanía Inteligen" ogp-institutions-split N/A | TBD | Fundación Ciudadanía Inteligente"#.to_owned(),
        r#"19 HD0018 [Supporting Institution(s)] "N/A" ogp-institution-placeholder "#.to_owned(),
        r#"19 HD0018 [Supporting Institution(s)] "TBD" ogp-institution-placeholder "#.to_owned(),
        r#"20 HD0019 [Supporting Institution(s)] "World Bank; UNDP; USAID; Local NGOs; Ass" ogp-institutions-split World Bank | UNDP | USAID | Local NGOs | Association des Maires | Université de Dakar | AGESIC"#.to_owned(),
        r#"20 HD0019 [Supporting Institution(s)] "AGESIC" ogp-sector-guessed government"#.to_owned(),
        format!("21 HD0020 [Commitment Title] {title_shown:?} ogp-text-clipped 1000 / 1200"),
        r#"21 HD0020 [Full Text] "Primer párrafo.\n\nSegundo párrafo,\ncon un" ogp-text-clipped 100000 / 105357"#.to_owned(),
        r#"22 HD0021 [Code] "ARBA" ogp-country-local-member AR"#.to_owned(),
        r#"22 HD0021 [Start Date] "1/2/2017" ogp-date-order-from-other-date 2017-02-01 (day-first)"#.to_owned(),
        r#"23 HD0022 [Code] "GBSC" ogp-country-local-member GB"#.to_owned(),
        r#"24 HD0023 [Code] "XKX" ogp-country-kosovo XK"#.to_owned(),
        r#"25 HD0024 [Code] "ATL" ogp-country-unknown ZZ"#.to_owned(),
        r#"35 HD0034 [Verifiable] "Maybe" ogp-irm-unreadable yes, no"#.to_owned(),
        r#"35 HD0034 [_OpenGovernment] "9" ogp-irm-unreadable worsened, did_not_change, marginal, major, outstanding"#.to_owned(),
        r#"28 HD0027 [Commitment Number] "2.1" ogp-code-repeated 2.1-b"#.to_owned(),
    ];
    assert_eq!(lines, expected);
}

#[tokio::test]
async fn importing_the_hard_ogp_file_twice_changes_nothing() {
    let app = spawn_app().await;
    import_hard(&app.db).await;
    let before = counts(&app.db).await;
    let stored = |db: PgPool| async move {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT ogp_id, code, title FROM commitments WHERE ogp_id LIKE 'HD%' ORDER BY ogp_id",
        )
        .fetch_all(&db)
        .await
        .expect("commitments");
        rows
    };
    let first = stored(app.db.clone()).await;

    let second = import_hard(&app.db).await;

    assert_eq!(
        (
            second.governments,
            second.plans,
            second.institutions,
            second.commitments,
            second.assessments
        ),
        (0, 0, 0, 0, 0)
    );
    assert_eq!(second.skipped.len(), 34);
    assert!(second.skipped.iter().all(|s| s.reason == "ogp-skip-exists"));
    assert_eq!(counts(&app.db).await, before);
    assert_eq!(stored(app.db.clone()).await, first);
}

#[tokio::test]
async fn an_imported_full_text_shows_its_paragraphs() {
    let app = spawn_app().await;
    import_hard(&app.db).await;
    let (plan, code): (String, String) = sqlx::query_as(
        "SELECT p.slug, c.code FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE c.ogp_id = 'HD0020'",
    )
    .fetch_one(&app.db)
    .await
    .expect("HD0020");

    let page = app.get(&format!("/plans/{plan}/commitments/{code}")).await;

    assert_eq!(page.status, axum::http::StatusCode::OK);
    assert!(
        page.body.contains(
            "<dd class=\"prewrap\">Primer párrafo.\n\nSegundo párrafo,\ncon un salto de línea."
        ),
        "the description keeps its line breaks where the page shows them"
    );
}

/// Every field the OGP import stores, one line per row, named by slugs and OGP ids (not by
/// generated ids), by table.
async fn dump(db: &PgPool) -> Vec<(&'static str, Vec<String>)> {
    let tables = [
        (
            "governments",
            "SELECT concat_ws(' | ', name, slug, kind, country_code)
               FROM governments ORDER BY slug",
        ),
        (
            "plans",
            "SELECT concat_ws(' | ', g.slug, p.title, p.slug, coalesce(p.ogp_label, '∅'),
                              p.period_start, p.period_end, p.phase,
                              coalesce(p.ogp_plan_number::text, '∅'))
               FROM action_plans p JOIN governments g ON g.id = p.government_id
              ORDER BY p.slug",
        ),
        (
            "institutions",
            "SELECT concat_ws(' | ', g.slug, i.name, coalesce(i.acronym, '∅'), i.slug, i.sector)
               FROM institutions i JOIN governments g ON g.id = i.government_id
              ORDER BY i.slug",
        ),
        (
            "commitments",
            "SELECT concat_ws(' | ', p.slug, c.code, c.ogp_id, c.title, coalesce(c.title_en, '∅'),
                              c.slug, c.description, coalesce(c.start_date::text, '∅'),
                              coalesce(c.end_date::text, '∅'), c.ogp_values::text,
                              c.policy_areas::text, c.source, c.state)
               FROM commitments c JOIN action_plans p ON p.id = c.plan_id
              ORDER BY c.ogp_id",
        ),
        (
            "actors",
            "SELECT concat_ws(' | ', c.ogp_id, a.role, a.position, i.slug)
               FROM commitment_actors a
               JOIN commitments c ON c.id = a.commitment_id
               JOIN institutions i ON i.id = a.institution_id
              ORDER BY c.ogp_id, a.role, a.position",
        ),
        (
            "assessments",
            "SELECT concat_ws(' | ', c.ogp_id, a.period_label, coalesce(a.specificity, '∅'),
                              coalesce(a.verifiable::text, '∅'), a.relevance::text,
                              coalesce(a.potential_impact, '∅'), coalesce(a.completion, '∅'),
                              coalesce(a.early_results, '∅'), coalesce(a.starred::text, '∅'),
                              a.absent_marks::text, a.source, a.source_label)
               FROM assessments a JOIN commitments c ON c.id = a.commitment_id
              ORDER BY c.ogp_id, a.period_label",
        ),
    ];
    let mut out = Vec::new();
    for (table, sql) in tables {
        let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(db).await.expect(table);
        out.push((table, rows));
    }
    out
}

/// `abierto export ogp` into a file of this test's own; the file's bytes.
async fn export_ogp(db: &PgPool, name: &str, government: Option<&str>) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("abierto-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}-{}.csv", uuid::Uuid::now_v7().simple()));
    abierto::commands::transfer::export_ogp(db, &path, government)
        .await
        .expect("export ogp");
    std::fs::read(&path).expect("the export")
}

#[tokio::test]
async fn the_hard_ogp_file_exported_and_imported_again_stores_the_same() {
    let first = spawn_app().await;
    import_hard(&first.db).await;
    let before = dump(&first.db).await;
    let started = std::time::Instant::now();
    let exported = export_ogp(&first.db, "hard", None).await;
    eprintln!(
        "export ogp of the hard file: {} bytes in {} ms",
        exported.len(),
        started.elapsed().as_millis()
    );
    let parsed = ogp::parse(&exported).expect("the export parses");
    assert_eq!(parsed.skipped, vec![]);
    assert_eq!(parsed.commitments.len(), 34, "one row per commitment");
    let text = String::from_utf8_lossy(&exported);
    assert!(
        text.contains("NR") && text.contains("-b,"),
        "marks and codes"
    );

    // Into a fresh database: everything stored the same, field by field.
    let second = spawn_app().await;
    let summary = ogp_import::import(&second.db, &parsed, &Importer::cli(), || {})
        .await
        .expect("import the export");
    assert_eq!(summary.skipped, vec![]);
    assert_eq!(summary.commitments, 34);
    let after = dump(&second.db).await;
    for ((table, a), (_, b)) in before.iter().zip(&after) {
        assert!(!a.is_empty(), "{table} has rows");
        assert_eq!(a, b, "{table}");
    }
    assert!(
        before[5].1.iter().any(|a| a.contains("not_reviewed"))
            && before[5].1.iter().any(|a| a.contains("no_early_results")),
        "the dump holds the marks"
    );
    assert_eq!(
        String::from_utf8_lossy(&export_ogp(&second.db, "again", None).await),
        text,
        "the second database exports the same file"
    );

    // Into the same database: nothing new, nothing changed.
    let summary = ogp_import::import(&first.db, &parsed, &Importer::cli(), || {})
        .await
        .expect("import into the same database");
    assert_eq!(
        (
            summary.governments,
            summary.plans,
            summary.institutions,
            summary.commitments,
            summary.assessments
        ),
        (0, 0, 0, 0, 0)
    );
    assert_eq!(summary.skipped.len(), 34, "every row exists");
    assert_eq!(dump(&first.db).await, before);
}

#[tokio::test]
async fn export_ogp_can_take_one_government() {
    let app = spawn_app().await;
    import_hard(&app.db).await;
    let slug: String = sqlx::query_scalar(
        "SELECT g.slug FROM governments g JOIN commitments c
             ON c.plan_id IN (SELECT id FROM action_plans WHERE government_id = g.id)
          WHERE c.ogp_id = 'HD0001'",
    )
    .fetch_one(&app.db)
    .await
    .expect("HD0001's government");
    let one = ogp::parse(&export_ogp(&app.db, "one", Some(&slug)).await).expect("parses");
    let all: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM commitments c JOIN action_plans p ON p.id = c.plan_id
           JOIN governments g ON g.id = p.government_id WHERE g.slug = $1",
    )
    .bind(&slug)
    .fetch_one(&app.db)
    .await
    .expect("count");
    assert_eq!(one.commitments.len() as i64, all);
    assert!(one.commitments.iter().any(|c| c.ogp_id == "HD0001"));
    assert!(one.commitments.len() < 34);
}

/// The Frictionless version the open data is validated with (pinned; 5.21.0 is the newest 5.x
/// at the time of writing).
const FRICTIONLESS: &str = "5.18.1";

/// Frictionless 5.18.1 in a virtual environment under `target/`, installed with pip when
/// missing; the `frictionless` program's path.
fn ensure_frictionless() -> &'static std::path::Path {
    static READY: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    READY.get_or_init(|| {
        let venv =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/frictionless-venv");
        let program = venv.join("bin/frictionless");
        let present = || {
            std::process::Command::new(&program)
                .arg("--version")
                .output()
                .is_ok_and(|o| {
                    o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == FRICTIONLESS
                })
        };
        if !present() {
            let made = std::process::Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .is_ok_and(|s| s.success());
            let installed = made
                && std::process::Command::new(venv.join("bin/pip"))
                    .args(["install", "-q", &format!("frictionless=={FRICTIONLESS}")])
                    .status()
                    .is_ok_and(|s| s.success());
            assert!(
                installed,
                "could not install frictionless into {}",
                venv.display()
            );
        }
        assert!(
            present(),
            "the open-data test needs frictionless 5: python3 -m venv target/frictionless-venv \
             && target/frictionless-venv/bin/pip install frictionless==5.18.1"
        );
        program
    })
}

#[tokio::test]
async fn the_open_data_of_the_hard_ogp_file_passes_frictionless_validation() {
    let app = spawn_app().await;
    import_hard(&app.db).await;
    validate_open_data(&app, "hard").await;
}

/// The demo fills the tables the OGP file leaves empty (milestones, updates, evidence,
/// proposals, forum): their types are checked on rows too.
#[tokio::test]
async fn the_open_data_of_the_demo_and_the_hard_ogp_file_passes_frictionless_validation() {
    let app = crate::helpers::spawn_demo_app().await;
    import_hard(&app.db).await;
    validate_open_data(&app, "demo").await;
}

/// Downloads the open-data ZIP, unpacks it and runs `frictionless validate datapackage.json`.
async fn validate_open_data(app: &crate::helpers::TestApp, name: &str) {
    let frictionless = ensure_frictionless();
    let page = app
        .request(
            axum::http::Request::get("/open-data/abierto-open-data.zip")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    let dir = std::env::temp_dir()
        .join(format!("abierto-test-{}", std::process::id()))
        .join(format!(
            "open-data-{name}-{}",
            uuid::Uuid::now_v7().simple()
        ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    zip::ZipArchive::new(std::io::Cursor::new(page.bytes))
        .expect("a ZIP")
        .extract(&dir)
        .expect("unpacked");
    let package = walk(&dir)
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == "datapackage.json"))
        .expect("a datapackage.json");
    let started = std::time::Instant::now();
    let output = std::process::Command::new(frictionless)
        .arg("validate")
        .arg(package.file_name().expect("name"))
        .current_dir(package.parent().expect("folder"))
        .output()
        .expect("frictionless runs");
    eprintln!(
        "frictionless validate ({name}): {} ms",
        started.elapsed().as_millis()
    );
    assert!(
        output.status.success(),
        "frictionless validate failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[tokio::test]
async fn an_imported_plan_without_milestones_shows_the_irm_status_not_zero_and_overdue() {
    let app = spawn_app().await;
    import_hard(&app.db).await;
    // The plan with most commitments, and one of its commitments the IRM rated complete.
    let (plan, code): (String, String) = sqlx::query_as(
        "SELECT p.slug, c.code FROM commitments c JOIN action_plans p ON p.id = c.plan_id
           JOIN assessments a ON a.commitment_id = c.id AND a.completion = 'complete'
          ORDER BY (SELECT count(*) FROM commitments o WHERE o.plan_id = p.id) DESC, c.code
          LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("a commitment rated complete");

    let page = app.get(&format!("/plans/{plan}")).await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    assert!(
        !page.body.contains("health-overdue"),
        "nothing is overdue: {}",
        page.body
    );
    assert!(
        !page.body.contains("esperado a la fecha"),
        "nothing is expected"
    );
    assert!(
        !page.body.contains("class=\"headline-value\">0 %"),
        "no 0 % headline"
    );
    assert!(
        page.body
            .contains("<p class=\"headline headline-unmeasured\">Sin hitos que medir</p>")
    );
    assert!(
        page.body
            .contains("según la evaluación de cumplimiento del IRM")
    );
    assert!(
        page.body.contains("IRM: Completo"),
        "the card's status is the IRM's"
    );
    let complete: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $1 AND (SELECT a.completion FROM assessments a
                                  WHERE a.commitment_id = c.id AND a.completion IS NOT NULL
                                  ORDER BY a.as_of DESC NULLS LAST, a.created_at DESC LIMIT 1) = 'complete'",
    )
    .bind(&plan)
    .fetch_one(&app.db)
    .await
    .expect("count");
    assert!(
        page.body
            .contains(&format!("<li><strong>{complete}</strong> Completo</li>")),
        "the plan counts its commitments rated complete ({complete})"
    );

    let commitment = app.get(&format!("/plans/{plan}/commitments/{code}")).await;
    assert_eq!(commitment.status, axum::http::StatusCode::OK);
    assert!(!commitment.body.contains("health-overdue"));
    assert!(commitment.body.contains("Sin hitos que medir"));
    assert!(
        !commitment
            .body
            .contains("<span class=\"progress-value\">0 %</span>")
    );
    // Its status is the IRM's rating; no percentage is explained or charted.
    assert!(
        commitment
            .body
            .contains("<span class=\"irm-status\">IRM: Completo"),
        "{}",
        commitment.body
    );
    assert!(
        commitment
            .body
            .contains("su estado es la evaluación más reciente del IRM")
    );
    for absent in [
        "¿Cómo se calcula este porcentaje?",
        "reportado 0 %",
        "esperado a la fecha",
    ] {
        assert!(!commitment.body.contains(absent), "{absent}");
        assert!(!page.body.contains(absent), "{absent}");
    }
}
