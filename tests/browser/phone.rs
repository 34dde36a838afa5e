//! Every page of the route table on a phone screen (360 × 740), as a visitor and as each role,
//! in Spanish and in English: no page wider than the screen (a table may scroll inside its own
//! box), no word broken inside, no axe-core violation (WCAG 2.2 A and AA), and HTML the W3C Nu
//! checker finds no error in. Each page has one trail of breadcrumbs that starts at home,
//! ends with the page itself unlinked and agrees with the trails of the pages it links; a box
//! that scrolls is a named region. Every form a visitor can get wrong is also sent with input
//! the server refuses, and the page it comes back as is checked the same way and must show
//! its errors. A GET route added without an entry here fails
//! `every_get_route_is_a_phone_page_or_named_as_none`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use abierto::domain::Role;
use abierto::web::route_table;
use axum::http::Method;
use serde_json::Value;

use crate::axe;
use crate::driver::Browser;
use crate::journeys::log_in;
use crate::server::ServedApp;

const WIDTH: u32 = 360;
const HEIGHT: u32 = 740;

/// The visitors: anonymous, and one account of each role.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Visitor {
    Anonymous,
    Participant,
    Official,
    Counterpart,
    Nucleo,
    Admin,
}

impl Visitor {
    fn name(self) -> &'static str {
        match self {
            Visitor::Anonymous => "anonymous",
            Visitor::Participant => "participant",
            Visitor::Official => "official",
            Visitor::Counterpart => "counterpart",
            Visitor::Nucleo => "nucleo",
            Visitor::Admin => "admin",
        }
    }

    /// The account this visitor signs in with, if any.
    fn account(self) -> Option<(&'static str, Role, Option<&'static str>)> {
        match self {
            Visitor::Anonymous => None,
            Visitor::Participant => {
                Some(("participante.movil@example.org", Role::Participant, None))
            }
            Visitor::Official => Some((
                "oficial.movil@example.org",
                Role::Official,
                Some("asamblea-nacional"),
            )),
            Visitor::Counterpart => Some((
                "contraparte.movil@example.org",
                Role::Counterpart,
                Some("fundacion-ciudadania-y-desarrollo-fcd"),
            )),
            Visitor::Nucleo => Some(("nucleo.movil@example.org", Role::Nucleo, None)),
            Visitor::Admin => Some(("admin.movil@example.org", Role::Admin, None)),
        }
    }
}

/// Who a page is checked for: those who get the page itself (not a refusal or a redirect).
#[derive(Clone, Copy)]
enum Who {
    Everyone,
    Anonymous,
    SignedIn,
    Participant,
    Official,
    Counterpart,
    Nucleo,
    ForumAndAdmin,
    Admin,
}

impl Who {
    fn includes(self, visitor: Visitor) -> bool {
        use Visitor as V;
        match self {
            Who::Everyone => true,
            Who::Anonymous => visitor == V::Anonymous,
            Who::SignedIn => visitor != V::Anonymous,
            Who::Participant => visitor == V::Participant,
            Who::Official => visitor == V::Official,
            Who::Counterpart => visitor == V::Counterpart,
            Who::Nucleo => visitor == V::Nucleo,
            Who::ForumAndAdmin => matches!(visitor, V::Nucleo | V::Admin),
            Who::Admin => visitor == V::Admin,
        }
    }
}

/// How a GET route is checked: the pages that stand for it and who sees them, or why it
/// serves no page (a file, a feed, a redirect, JSON).
enum Entry {
    /// The pages, who sees them, and the status they come with.
    Pages(Vec<&'static str>, Who, u16),
    /// No page: a file, a feed, a redirect (the reason is written beside the route).
    NoPage,
}

/// GET route pattern → its entry. Placeholders in braces are filled with demo ids.
fn entries() -> BTreeMap<&'static str, Entry> {
    use Entry::{NoPage, Pages};
    let mut m = BTreeMap::new();
    let mut pages = |pattern: &'static str, paths: &[&'static str], who: Who| {
        let status = if pattern.ends_with("{token}") {
            410
        } else {
            200
        };
        m.insert(pattern, Pages(paths.to_vec(), who, status));
    };
    pages("/", &["/"], Who::Everyone);
    pages("/plans", &["/plans"], Who::Everyone);
    pages(
        "/plans/{plan}",
        &["/plans/ecuador-2019-2022", "/plans/ecuador-2022-2024"],
        Who::Everyone,
    );
    pages(
        "/plans/{plan}/commitments/{code}",
        &["/plans/ecuador-2019-2022/commitments/1", "{reported}"],
        Who::Everyone,
    );
    pages(
        "/plans/{plan}/forum",
        &["/plans/ecuador-2019-2022/forum"],
        Who::Everyone,
    );
    pages(
        "/institutions/{slug}",
        &["/institutions/asamblea-nacional"],
        Who::Everyone,
    );
    pages("/search", &["/search?q=datos"], Who::Everyone);
    pages(
        "/governments/{slug}",
        &["/governments/ecuador"],
        Who::Everyone,
    );
    pages(
        "/plans/{plan}/proposals",
        &[
            "/plans/ecuador-2022-2024/proposals",
            "/plans/plan-2026/proposals",
        ],
        Who::Everyone,
    );
    pages(
        "/plans/{plan}/proposals/register",
        &["/plans/ecuador-2022-2024/proposals/register"],
        Who::Everyone,
    );
    pages(
        "/plans/{plan}/proposals/{id}",
        &["/plans/plan-2026/proposals/{proposal}"],
        Who::Everyone,
    );
    pages(
        "/plans/{plan}/sessions",
        &["/plans/ecuador-2022-2024/sessions"],
        Who::Everyone,
    );
    pages("/open-data", &["/open-data"], Who::Everyone);
    pages(
        "/plans/{plan}/report",
        &["/plans/ecuador-2019-2022/report"],
        Who::Everyone,
    );
    pages(
        "/plans/{plan}/reports/{snapshot}",
        &["/plans/ecuador-2019-2022/reports/{snapshot}"],
        Who::Everyone,
    );
    pages("/login", &["/login"], Who::Anonymous);
    pages("/password-reset", &["/password-reset"], Who::Anonymous);
    // Spent or unknown tokens: the page that says so (410 Gone).
    pages(
        "/password-reset/{token}",
        &["/password-reset/no-such-token"],
        Who::Anonymous,
    );
    pages(
        "/invitations/{token}",
        &["/invitations/no-such-token"],
        Who::Anonymous,
    );
    pages("/account", &["/account"], Who::SignedIn);
    pages(
        "/plans/{plan}/proposals/new",
        &["/plans/plan-2026/proposals/new"],
        Who::Participant,
    );
    pages("/implementation", &["/implementation"], Who::Official);
    pages(
        "/implementation/milestones/{id}/report",
        &["/implementation/milestones/{milestone}/report"],
        Who::Official,
    );
    pages(
        "/implementation/milestones/{id}/replan",
        &["/implementation/milestones/{milestone}/replan"],
        Who::Official,
    );
    pages("/counterpart", &["/counterpart"], Who::Counterpart);
    pages(
        "/counterpart/milestones/{id}/report",
        &["/counterpart/milestones/{milestone}/report"],
        Who::Counterpart,
    );
    pages(
        "/invitations/new",
        &["/invitations/new"],
        Who::ForumAndAdmin,
    );
    pages("/monitoring", &["/monitoring"], Who::Nucleo);
    pages("/monitoring/updates", &["/monitoring/updates"], Who::Nucleo);
    pages("/monitoring/replans", &["/monitoring/replans"], Who::Nucleo);
    pages(
        "/implementation/commitments/{id}/indicators",
        &["/implementation/commitments/{commitment}/indicators"],
        Who::Official,
    );
    pages(
        "/monitoring/indicators",
        &["/monitoring/indicators"],
        Who::Nucleo,
    );
    pages(
        "/monitoring/commitments/{id}/assessments",
        &["/monitoring/commitments/{commitment}/assessments"],
        Who::Nucleo,
    );
    pages(
        "/monitoring/plans/{plan}/report",
        &["/monitoring/plans/ecuador-2019-2022/report"],
        Who::Nucleo,
    );
    pages(
        "/monitoring/plans/{plan}/rounds",
        &["/monitoring/plans/ecuador-2022-2024/rounds"],
        Who::Nucleo,
    );
    pages(
        "/monitoring/plans/{plan}/rounds/{id}",
        &["/monitoring/plans/ecuador-2022-2024/rounds/{round}"],
        Who::Nucleo,
    );
    pages(
        "/monitoring/plans/{plan}/rounds/{id}/commitments/{code}",
        &["/monitoring/plans/ecuador-2022-2024/rounds/{round}/commitments/4"],
        Who::Nucleo,
    );
    pages("/co-creation", &["/co-creation"], Who::Nucleo);
    pages(
        "/co-creation/plans/{plan}",
        &[
            "/co-creation/plans/ecuador-2022-2024",
            "/co-creation/plans/plan-2026",
        ],
        Who::Nucleo,
    );
    pages(
        "/co-creation/plans/{plan}/proposals",
        &["/co-creation/plans/plan-2026/proposals"],
        Who::Nucleo,
    );
    pages(
        "/co-creation/plans/{plan}/proposals/{id}",
        &["/co-creation/plans/plan-2026/proposals/{proposal}"],
        Who::Nucleo,
    );
    pages(
        "/co-creation/plans/{plan}/sessions",
        &["/co-creation/plans/ecuador-2022-2024/sessions"],
        Who::Nucleo,
    );
    pages(
        "/co-creation/plans/{plan}/forum",
        &["/co-creation/plans/ecuador-2022-2024/forum"],
        Who::Nucleo,
    );
    pages(
        "/co-creation/plans/{plan}/import",
        &["/co-creation/plans/ecuador-2022-2024/import"],
        Who::Nucleo,
    );
    pages(
        "/co-creation/plans/{plan}/commitments/new",
        &["/co-creation/plans/plan-2026/commitments/new"],
        Who::Nucleo,
    );
    pages(
        "/co-creation/plans/{plan}/commitments/{code}/edit",
        &["/co-creation/plans/ecuador-2022-2024/commitments/4/edit"],
        Who::Nucleo,
    );
    pages("/admin/users", &["/admin/users"], Who::Admin);
    pages("/admin/users/{id}", &["/admin/users/{user}"], Who::Admin);
    pages("/admin/institutions", &["/admin/institutions"], Who::Admin);
    pages(
        "/admin/institutions/{id}",
        &["/admin/institutions/{institution}"],
        Who::Admin,
    );
    pages(
        "/admin/institutions/{id}/merge",
        &["/admin/institutions/{institution}/merge"],
        Who::Admin,
    );
    pages(
        "/admin/institutions/{id}/split",
        &["/admin/institutions/{institution}/split"],
        Who::Admin,
    );
    pages("/admin/governments", &["/admin/governments"], Who::Admin);
    pages("/admin/ogp-import", &["/admin/ogp-import"], Who::Admin);
    pages(
        "/admin/ogp-import/{id}",
        &["/admin/ogp-import/{ogp_run}"],
        Who::Admin,
    );

    let mut none = |pattern: &'static str, _why: &'static str| {
        m.insert(pattern, NoPage);
    };
    none("/healthz", "a health probe");
    none("/readyz", "a readiness probe");
    none("/lang/{code}", "a redirect that sets the language");
    none("/admin", "a redirect to /admin/users");
    none("/static/{name}", "the stylesheet and the icon");
    none("/evidence/{id}", "an evidence file, as uploaded");
    none("/feeds/updates.atom", "an Atom feed");
    none("/plans/{plan}/feed.atom", "an Atom feed");
    none("/plans/{plan}/commitments/{code}/feed.atom", "an Atom feed");
    none("/plans/{plan}/proposals/register.csv", "a CSV download");
    none(
        "/co-creation/plans/{plan}/export.xlsx",
        "a workbook download",
    );
    none("/open-data/abierto-open-data.zip", "the open-data archive");
    none("/admin/ogp-import/{id}/report.csv", "a CSV download");
    m
}

/// Every GET route that is no `/api/` route: the API answers JSON only.
fn get_routes() -> Vec<&'static str> {
    route_table()
        .into_iter()
        .filter(|r| r.method == Method::GET && !r.path.starts_with("/api/"))
        .map(|r| r.path)
        .collect()
}

#[test]
fn every_get_route_is_a_phone_page_or_named_as_none() {
    let entries = entries();
    let routes = get_routes();
    let missing: Vec<_> = routes
        .iter()
        .filter(|r| !entries.contains_key(*r))
        .collect();
    assert!(
        missing.is_empty(),
        "GET routes the phone check does not know (add the pages, or say why there is none): {missing:?}"
    );
    let stale: Vec<_> = entries.keys().filter(|k| !routes.contains(k)).collect();
    assert!(
        stale.is_empty(),
        "entries for routes that no longer exist: {stale:?}"
    );
}

/// The demo ids the pages need, and what the test adds to the demo: a plan in co-creation
/// with a proposal, a progress report filed through the web with a link as evidence (its
/// timestamps carry microseconds), and a frozen monitoring report.
struct Ids(BTreeMap<&'static str, String>);

impl Ids {
    async fn prepare(served: &ServedApp) -> Ids {
        let db = &served.app.db;
        let proposal: uuid::Uuid = sqlx::query_scalar(
            "WITH plan AS (
               INSERT INTO action_plans (government_id, title, slug, period_start, period_end,
                                         phase, cocreation_opens, cocreation_closes)
               SELECT government_id, 'Plan de cocreación 2026', 'plan-2026', '2026-01-01',
                      '2028-12-31', 'co_creation', now() - interval '2 days',
                      now() + interval '9 days'
                 FROM action_plans LIMIT 1 RETURNING id)
             INSERT INTO proposals (plan_id, title, problem, proposal, theme)
             SELECT id, 'Compras públicas abiertas y trazables de principio a fin',
                    'Problema', 'Propuesta', 'Contratación' FROM plan
             RETURNING id",
        )
        .fetch_one(db)
        .await
        .expect("a plan in co-creation with a proposal");
        let user: uuid::Uuid =
            sqlx::query_scalar("SELECT id FROM users WHERE email = 'participante@abierto.example'")
                .fetch_one(db)
                .await
                .expect("demo participant");
        let institution: uuid::Uuid =
            sqlx::query_scalar("SELECT id FROM institutions WHERE slug = 'asamblea-nacional'")
                .fetch_one(db)
                .await
                .expect("demo institution");
        let (milestone, version, commitment, slug, code): (
            uuid::Uuid,
            i32,
            uuid::Uuid,
            String,
            String,
        ) = sqlx::query_as(
            "SELECT m.id, m.version, c.id, p.slug, c.code FROM milestones m
               JOIN commitments c ON c.id = m.commitment_id
               JOIN action_plans p ON p.id = c.plan_id
              WHERE c.ogp_id = 'EC0014' AND m.position = 3",
        )
        .fetch_one(db)
        .await
        .expect("a milestone of EC0014");

        let (email, role, institution_slug) = Visitor::Official.account().expect("an account");
        served.app.user(email, role, institution_slug).await;
        let mut official = served.app.browser();
        official.log_in(email).await;
        let form = format!("/implementation/milestones/{milestone}/report");
        let sent = official
            .post_form(
                &form,
                &form,
                &[
                    ("version", &version.to_string()),
                    ("progress", "70"),
                    ("status", "in_progress"),
                    ("challenges", "Retraso en la contratación."),
                    (
                        "narrative",
                        "Sistema de monitoreo legislativo publicado con sus datos abiertos.",
                    ),
                    (
                        "link_url_0",
                        "https://www.asambleanacional.gob.ec/es/transparencia/informes-de-gestion/sistema-de-monitoreo-legislativo-2024",
                    ),
                    ("link_type_0", "web_page"),
                    ("link_source_0", "Asamblea Nacional"),
                ],
            )
            .await;
        assert_eq!(
            sent.status.as_u16(),
            303,
            "the report is filed: {}",
            sent.body
        );

        let (email, role, _) = Visitor::Nucleo.account().expect("an account");
        served.app.user(email, role, None).await;
        let mut forum = served.app.browser();
        forum.log_in(email).await;
        let today = chrono::Utc::now().date_naive().to_string();
        let frozen = forum
            .post_form(
                "/monitoring/plans/ecuador-2019-2022/report",
                "/monitoring/plans/ecuador-2019-2022/snapshots",
                &[
                    ("period_label", "Primer semestre"),
                    ("as_of", &today),
                    ("confirm", "yes"),
                ],
            )
            .await;
        assert_eq!(frozen.status.as_u16(), 303, "the report is frozen");
        let location = frozen.headers["location"].to_str().expect("location");
        let snapshot = location
            .rsplit('/')
            .next()
            .expect("a snapshot id")
            .to_owned();

        for visitor in [Visitor::Participant, Visitor::Counterpart, Visitor::Admin] {
            let (email, role, institution) = visitor.account().expect("an account");
            served.app.user(email, role, institution).await;
        }
        // A finished OGP import whose report has a long value and a row left out.
        let long =
            "Ministerio de Economía y Finanzas; Secretaría Nacional de Planificación; ".repeat(3);
        let lines = serde_json::json!([
            {"row": 5, "ogp_id": "HD0004", "column": "Supporting Institution(s)", "value": long,
             "key": "ogp-text-clipped", "detail": "500 / 1200", "skipped": false},
            {"row": 9, "ogp_id": "", "column": "", "value": "", "key": "ogp-skip-no-id",
             "detail": "", "skipped": true},
        ]);
        let run: uuid::Uuid = sqlx::query_scalar(
            "INSERT INTO ogp_import_runs (id, actor_label, file_name, file_bytes, status,
                                          finished_at, commitments, value_lines, skipped_rows,
                                          lines)
             VALUES (gen_random_uuid(), 'admin@abierto.example',
                     'ogp-commitments-export-2026-with-a-long-file-name.csv', 117865, 'done',
                     now(), 34, 1, 1, $1)
             RETURNING id",
        )
        .bind(lines)
        .fetch_one(db)
        .await
        .expect("an OGP import run");
        // A reporting round open today: its page lists the milestones without a report.
        let round: uuid::Uuid = sqlx::query_scalar(
            "INSERT INTO reporting_rounds (id, plan_id, label, opens_on, closes_on)
             SELECT gen_random_uuid(), id, 'Segundo semestre de seguimiento ciudadano',
                    current_date - 30, current_date + 30
               FROM action_plans WHERE slug = 'ecuador-2022-2024'
             RETURNING id",
        )
        .fetch_one(db)
        .await
        .expect("a reporting round");
        // A counterpart's view that disagrees, with a long reason: the three voices show on
        // the commitment page, the round and the dashboard.
        sqlx::query(
            "INSERT INTO counterpart_reports (id, milestone_id, institution_id, author_name,
                                              completion, institution_fulfilled,
                                              fulfilment_note, perceived_change, endorses)
             SELECT gen_random_uuid(), m.id, i.id, 'Fundación Ciudadanía y Desarrollo',
                    'not_started', 'no',
                    repeat('Sin respuesta de la institución a las solicitudes de información. ', 8),
                    'Todavía no vemos el sistema publicado.', false
               FROM milestones m JOIN commitments c ON c.id = m.commitment_id,
                    LATERAL (SELECT id FROM institutions WHERE sector = 'civil_society'
                              ORDER BY name LIMIT 1) i
              WHERE c.ogp_id = 'EC0014' AND m.position = 4",
        )
        .execute(db)
        .await
        .expect("a counterpart report");
        Ids(BTreeMap::from([
            ("{round}", round.to_string()),
            ("{ogp_run}", run.to_string()),
            ("{proposal}", proposal.to_string()),
            ("{user}", user.to_string()),
            ("{institution}", institution.to_string()),
            ("{milestone}", milestone.to_string()),
            ("{commitment}", commitment.to_string()),
            ("{snapshot}", snapshot),
            ("{reported}", format!("/plans/{slug}/commitments/{code}")),
        ]))
    }

    fn concrete(&self, path: &str) -> String {
        self.0
            .iter()
            .fold(path.to_owned(), |path, (key, id)| path.replace(key, id))
    }
}

/// What one page looks like on the phone, measured in the page itself.
const MEASURE: &str = r#"
const width = window.innerWidth;
const wide = [];
if (document.documentElement.scrollWidth > width) {
  wide.push('the page is ' + document.documentElement.scrollWidth + ' px wide');
}
const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
  + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
const scrolls = e => {
  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    const x = getComputedStyle(p).overflowX;
    if (x !== 'visible') return true;
  }
  return false;
};
for (const e of document.body.querySelectorAll('*')) {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.right <= width + 0.5 || scrolls(e)) continue;
  wide.push(describe(e) + ' reaches ' + Math.round(r.right) + ' px');
  if (wide.length > 10) break;
}
// A word broken inside: its letters lie on more than one line. Addresses and identifiers
// (.url, code) may break anywhere; a break after a hyphen or a slash is a break between words.
const broken = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const range = document.createRange();
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const parent = n.parentElement;
  if (!parent || parent.closest('.url, code, script, style, select, textarea')) continue;
  const words = /[^\s\-\u2010-\u2014\/]{2,}/g;
  let m;
  while ((m = words.exec(n.data)) && broken.length < 10) {
    range.setStart(n, m.index);
    range.setEnd(n, m.index + m[0].length);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
      .map(r => Math.round(r.top)));
    if (tops.size > 1) broken.push(m[0] + ' in ' + describe(parent));
  }
}
// The breadcrumbs: how many trails, the links of the one, and the page's own step (the last,
// marked as the current page and not a link), with where the browser is.
const navs = document.querySelectorAll('nav.breadcrumbs');
const text = e => e.textContent.replace(/\s+/g, ' ').trim();
let trail = null;
if (navs.length === 1) {
  const last = navs[0].querySelector('li:last-child');
  trail = {
    links: [...navs[0].querySelectorAll('a')].map(a => [text(a), a.getAttribute('href')]),
    current: last && last.getAttribute('aria-current') === 'page' && !last.querySelector('a')
      ? text(last) : null,
  };
}
const errors = document.querySelectorAll(
  '[aria-invalid="true"], .notice-error, .error-summary, .field-error').length;
// A box that takes the keyboard's focus only to scroll is a region named by what it holds.
const unnamed = [...document.querySelectorAll('main [tabindex="0"]')]
  .filter(e => !e.matches('a, button, input, select, textarea, summary'))
  .filter(e => {
    const label = document.getElementById(e.getAttribute('aria-labelledby') || '');
    return e.getAttribute('role') !== 'region' || !label || !text(label);
  })
  .map(describe);
return [width, document.documentElement.lang, wide, broken, navs.length, trail,
        location.pathname + location.search, errors, unnamed];
"#;

/// The page's HTML as the server sent it (not as the browser's DOM serializes it), fetched with
/// the browser's own session.
const RAW_HTML: &str = "const done = arguments[arguments.length - 1];
  fetch(location.href).then(async r => done([r.status, await r.text()]),
                            e => done([0, 'fetch failed: ' + e]));";

/// Where a page came from: a GET answered with this status (the check fetches the very bytes
/// again), or a form just posted (the check takes the browser's copy of the page).
#[derive(Clone, Copy)]
enum Arrival<'a> {
    Get(u16),
    /// Sent from the form on this page: the answer stands in its place.
    Posted(&'a str),
}

/// A page's breadcrumbs: the links above it (label, address) and its own step.
#[derive(Clone, Debug, PartialEq)]
struct Crumbs {
    links: Vec<(String, String)>,
    current: String,
}

/// Problems found on the pages, one line each, the time spent in axe-core, and the trail of
/// each page seen (by language and address).
#[derive(Default)]
struct Findings(
    Vec<String>,
    std::time::Duration,
    BTreeMap<(String, String), Crumbs>,
);

impl Findings {
    /// The trail of a page as the browser shows it: one, starting at the home page, ending
    /// with the page named and not linked, never linking the page itself. The home page has
    /// none.
    /// A form sent back stands in the place of the page it was sent `from`, whatever the
    /// address it was sent to.
    fn trail(&mut self, label: &str, lang: &str, measured: &Value, from: Option<&str>) {
        let (count, trail, at) = (&measured[4], &measured[5], measured[6].as_str());
        let at = from.or(at).unwrap_or_default().to_owned();
        if at == "/" {
            if count.as_u64() != Some(0) {
                self.0.push(format!("{label}: the home page has a trail"));
            }
            return;
        }
        if count.as_u64() != Some(1) {
            self.0
                .push(format!("{label}: {count} trails, expected one"));
            return;
        }
        let links: Vec<(String, String)> =
            serde_json::from_value(trail["links"].clone()).unwrap_or_default();
        let Some(current) = trail["current"].as_str() else {
            self.0.push(format!(
                "{label}: the trail does not end with the page itself, unlinked"
            ));
            return;
        };
        if links.first().map(|(_, href)| href.as_str()) != Some("/") {
            self.0.push(format!(
                "{label}: the trail does not start at home: {links:?}"
            ));
        }
        if let Some((_, href)) = links.iter().find(|(_, href)| *href == at) {
            self.0
                .push(format!("{label}: the trail links the page itself ({href})"));
        }
        let crumbs = Crumbs {
            links,
            current: current.to_owned(),
        };
        match self.2.get(&(lang.to_owned(), at.clone())) {
            Some(seen) if *seen != crumbs => self.0.push(format!(
                "{label}: the trail is {crumbs:?} here, {seen:?} on the same address before"
            )),
            Some(_) => {}
            None => {
                self.2.insert((lang.to_owned(), at), crumbs);
            }
        }
    }

    /// Every trail agrees with the pages it links: a page linked as level `i` of a trail has
    /// the trail's first `i` levels as its own, and its own name is the link's label. A level
    /// skipped, or named two ways, fails here.
    fn trails_agree(&mut self, visitor: Visitor) {
        let mut problems = Vec::new();
        for ((lang, at), crumbs) in &self.2 {
            for (i, (label, href)) in crumbs.links.iter().enumerate().skip(1) {
                let Some(above) = self.2.get(&(lang.clone(), href.clone())) else {
                    continue;
                };
                let expected = Crumbs {
                    links: crumbs.links[..i].to_vec(),
                    current: label.clone(),
                };
                if *above != expected {
                    problems.push(format!(
                        "[{} {lang}] {at}: its trail says {expected:?} for {href}, whose own is {above:?}",
                        visitor.name()
                    ));
                }
            }
        }
        self.0.extend(problems);
    }
}

/// Checks the page the browser is on: width, broken words, status, axe (unless told not to);
/// saves its HTML for the Nu check.
async fn check_page(
    browser: &Browser,
    label: &str,
    lang: &str,
    arrival: Arrival<'_>,
    run_axe: bool,
    html_dir: &Path,
    findings: &mut Findings,
) {
    let measured = browser
        .client
        .execute(MEASURE, vec![])
        .await
        .expect("measure the page");
    let width = measured[0].as_u64().unwrap_or_default();
    assert_eq!(
        width,
        u64::from(WIDTH),
        "{label}: the viewport is {width} px wide"
    );
    if measured[1] != Value::String(lang.to_owned()) {
        findings.0.push(format!("{label}: lang is {}", measured[1]));
    }
    for wide in measured[2].as_array().into_iter().flatten() {
        findings.0.push(format!(
            "{label}: wider than the screen: {}",
            wide.as_str().unwrap_or_default()
        ));
    }
    for word in measured[3].as_array().into_iter().flatten() {
        findings.0.push(format!(
            "{label}: word broken inside: {}",
            word.as_str().unwrap_or_default()
        ));
    }
    for scroll in measured[8].as_array().into_iter().flatten() {
        findings.0.push(format!(
            "{label}: a scrolling box is no named region: {}",
            scroll.as_str().unwrap_or_default()
        ));
    }
    let from = match arrival {
        Arrival::Posted(from) => Some(from),
        Arrival::Get(_) => None,
    };
    findings.trail(label, lang, &measured, from);
    if from.is_some() && measured[7].as_u64().unwrap_or_default() == 0 {
        findings
            .0
            .push(format!("{label}: the form came back with no error shown"));
    }
    let html = match arrival {
        Arrival::Get(status) => {
            let sent = browser
                .client
                .execute_async(RAW_HTML, vec![])
                .await
                .expect("the page's HTML");
            if sent[0].as_u64() != Some(u64::from(status)) {
                findings
                    .0
                    .push(format!("{label}: status {}, expected {status}", sent[0]));
            }
            sent[1].as_str().unwrap_or_default().to_owned()
        }
        Arrival::Posted(_) => {
            let source = browser.client.source().await.expect("the page's HTML");
            if source.starts_with("<!DOCTYPE") {
                source
            } else {
                format!("<!DOCTYPE html>{source}")
            }
        }
    };
    let name: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    std::fs::write(html_dir.join(format!("{name}.html")), html).expect("save the page's HTML");
    if !run_axe {
        return;
    }
    let started = std::time::Instant::now();
    let violations = axe::violations(browser).await;
    findings.1 += started.elapsed();
    for v in violations {
        findings.0.push(format!(
            "{label}: axe {} ({}) {} at {}",
            v.rule,
            v.impact,
            v.help,
            v.targets.join(", ")
        ));
    }
}

/// One visitor's round: every page it sees, in Spanish and in English, in one browser.
async fn visit_all(served: &ServedApp, ids: &Ids, visitor: Visitor, html_dir: &Path) -> Findings {
    let mut findings = Findings::default();
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(WIDTH, HEIGHT)
        .await
        .expect("a phone-sized window");
    if let Some((email, ..)) = visitor.account() {
        log_in(&browser, served, email).await;
    }
    let entries = entries();
    // axe-core takes half the time. A public page differs between signed-in visitors only in
    // the header's links, which each role's own pages put through axe, and in what the forum
    // may do, which the forum member's round covers: the other roles skip axe there.
    let axe_on_public_pages = matches!(visitor, Visitor::Anonymous | Visitor::Nucleo);
    let pages: Vec<(String, u16, bool)> = entries
        .values()
        .filter_map(|e| match e {
            Entry::Pages(paths, who, status) if who.includes(visitor) => {
                let axe = axe_on_public_pages || !matches!(who, Who::Everyone);
                Some(paths.iter().map(move |p| (ids.concrete(p), *status, axe)))
            }
            _ => None,
        })
        .flatten()
        .collect();
    for lang in ["es", "en"] {
        browser
            .goto(&served.url(&format!("/lang/{lang}?next=/")))
            .await;
        for (page, status, axe) in &pages {
            browser.goto(&served.url(page)).await;
            let label = format!("[{} {lang}] {page}", visitor.name());
            check_page(
                &browser,
                &label,
                lang,
                Arrival::Get(*status),
                *axe,
                html_dir,
                &mut findings,
            )
            .await;
        }
        forms_with_errors(
            &browser,
            served,
            ids,
            visitor,
            lang,
            html_dir,
            &mut findings,
        )
        .await;
    }
    let _ = browser.client.close().await;
    findings.trails_agree(visitor);
    findings
}

/// A form sent back with its errors: who sends it, the page it is on, the form (CSS), and
/// what is typed. Every other text field of the form is left blank, and the browser's own
/// checks are off, so the server answers.
struct Broken {
    who: Visitor,
    page: &'static str,
    form: &'static str,
    typed: &'static [(&'static str, &'static str)],
}

/// Every form a visitor can get wrong, with input the server refuses. Forms whose blank
/// state is valid (a choice of language, of headline figure) are not here: they cannot be
/// sent back with errors.
fn broken_forms() -> Vec<Broken> {
    use Visitor as V;
    let b = |who, page, form, typed| Broken {
        who,
        page,
        form,
        typed,
    };
    vec![
        b(
            V::Anonymous,
            "/login",
            "form[action='/login']",
            &[
                ("#email", "nadie@example.org"),
                ("#password", "una contraseña equivocada"),
            ],
        ),
        b(
            V::Participant,
            "/plans/plan-2026/proposals/new",
            "form[action$='/proposals']",
            &[],
        ),
        b(
            V::Participant,
            "/plans/plan-2026/proposals/{proposal}",
            "form[action*='/comments']",
            &[],
        ),
        b(
            V::Participant,
            "/plans/ecuador-2022-2024/commitments/4",
            "form[action*='/comments']",
            &[],
        ),
        b(
            V::Participant,
            "/account",
            "form[action='/account/password']",
            &[],
        ),
        b(
            V::Official,
            "/implementation/milestones/{milestone}/report",
            "form[action*='/report']",
            &[("#progress", "150")],
        ),
        b(
            V::Official,
            "/implementation/milestones/{milestone}/replan",
            "form[action$='/replan']",
            &[],
        ),
        b(
            V::Official,
            "/implementation/commitments/{commitment}/indicators",
            "form[action*='/indicators#']",
            &[("#baseline_value", "diez")],
        ),
        b(
            V::Nucleo,
            "/co-creation",
            "form[action='/co-creation/plans']",
            &[],
        ),
        b(
            V::Nucleo,
            "/co-creation/plans/plan-2026",
            "form[action$='/window']",
            &[],
        ),
        b(
            V::Nucleo,
            "/co-creation/plans/plan-2026/commitments/new",
            "form[action$='/commitments']",
            &[],
        ),
        b(
            V::Nucleo,
            "/co-creation/plans/ecuador-2022-2024/sessions",
            "form[action$='/sessions']",
            &[],
        ),
        b(
            V::Nucleo,
            "/co-creation/plans/ecuador-2022-2024/forum",
            "form[action$='/forum/members']",
            &[],
        ),
        b(
            V::Nucleo,
            "/co-creation/plans/ecuador-2022-2024/forum",
            "form[action$='/forum/meetings']",
            &[],
        ),
        b(
            V::Nucleo,
            "/co-creation/plans/plan-2026/proposals/{proposal}",
            "form[action*='/proposals/']",
            &[("#state", "not_accepted")],
        ),
        b(
            V::Nucleo,
            "/co-creation/plans/ecuador-2022-2024/import",
            "form[action$='/import']",
            &[],
        ),
        b(
            V::Nucleo,
            "/monitoring/commitments/{commitment}/assessments",
            "form[action$='/assessments']",
            &[],
        ),
        b(
            V::Nucleo,
            "/monitoring/plans/ecuador-2019-2022/report",
            "form.freeze-form",
            &[],
        ),
        b(
            V::Nucleo,
            "/invitations/new",
            "form[action='/invitations']",
            &[("#email", "no es un correo")],
        ),
        b(
            V::Admin,
            "/admin/governments",
            "form[action='/admin/governments']",
            &[],
        ),
        b(
            V::Admin,
            "/admin/institutions",
            "form[method=post][action='/admin/institutions']",
            &[],
        ),
        b(
            V::Admin,
            "/admin/institutions/{institution}/split",
            "form[method=post][action$='/split']",
            &[],
        ),
        b(
            V::Admin,
            "/admin/institutions/{institution}",
            "form[action^='/admin/institutions/']",
            &[],
        ),
    ]
}

/// Blanks the text fields of a form (`arguments[0]`), types `arguments[1]` (CSS → value)
/// and turns the browser's own checks off; the driver then presses the form's button.
const BLANK_FORM: &str = r#"
const form = document.querySelector(arguments[0]);
if (!form) return false;
form.noValidate = true;
for (const f of form.querySelectorAll('input, textarea')) {
  if (['hidden', 'checkbox', 'radio', 'file', 'submit', 'button'].includes(f.type)) continue;
  f.value = '';
}
for (const [css, value] of arguments[1]) form.querySelector(css).value = value;
window.abiertoSent = true;
return true;
"#;

/// Whether the page the form was sent from has been replaced by the answer, fully loaded.
const ANSWERED: &str =
    "return window.abiertoSent === undefined && document.readyState === 'complete';";

/// Each form of the visitor, sent with what the server refuses; the page it comes back as
/// is checked like any other, and must show its errors.
async fn forms_with_errors(
    browser: &Browser,
    served: &ServedApp,
    ids: &Ids,
    visitor: Visitor,
    lang: &str,
    html_dir: &Path,
    findings: &mut Findings,
) {
    for broken in broken_forms().into_iter().filter(|b| b.who == visitor) {
        let page = ids.concrete(broken.page);
        browser.goto(&served.url(&page)).await;
        let typed: Vec<Value> = broken
            .typed
            .iter()
            .map(|(css, value)| serde_json::json!([css, value]))
            .collect();
        let found = browser
            .client
            .execute(BLANK_FORM, vec![broken.form.into(), Value::Array(typed)])
            .await
            .expect("blank the form");
        let label = format!(
            "[{} {lang}] {page} {} (errors)",
            visitor.name(),
            broken.form
        );
        if found != Value::Bool(true) {
            findings.0.push(format!("{label}: no such form"));
            continue;
        }
        browser
            .click(&format!("{} button[type=submit]", broken.form))
            .await;
        for _ in 0..100 {
            let answered = browser.client.execute(ANSWERED, vec![]).await;
            if answered.is_ok_and(|a| a == Value::Bool(true)) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        check_page(
            browser,
            &label,
            lang,
            Arrival::Posted(&page),
            true,
            html_dir,
            findings,
        )
        .await;
    }
}

const VNU_VERSION: &str = "26.9.27";

/// vnu.jar, the W3C Nu HTML checker from the npm package `vnu-jar`, installed with npm into the
/// build's scratch folder when missing.
fn vnu_jar() -> &'static Path {
    static JAR: OnceLock<PathBuf> = OnceLock::new();
    JAR.get_or_init(|| {
        let prefix = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("vnu-{VNU_VERSION}"));
        let jar = prefix.join("node_modules/vnu-jar/build/dist/vnu.jar");
        let has_java = Command::new("java")
            .arg("-version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !has_java {
            // Debian's Java, as the harness installs Chromium.
            crate::driver::apt_install("default-jre-headless");
        }
        if !jar.exists() {
            let installed = Command::new("npm")
                .args([
                    "install",
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                ])
                .arg(&prefix)
                .arg(format!("vnu-jar@{VNU_VERSION}"))
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                installed && jar.exists(),
                "the HTML check needs the Nu checker: npm install vnu-jar@{VNU_VERSION}"
            );
        }
        jar
    })
}

/// The Nu checker's errors for every HTML file of the folder, in one Java run.
fn html_errors(dir: &Path) -> Vec<String> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "json"])
        .arg(dir)
        .output()
        .expect("run the Nu checker (java, 17 or newer)");
    // The report comes on standard error.
    let report: Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "the Nu checker's report is no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            let file = m["url"].as_str().unwrap_or_default();
            let file = file.rsplit('/').next().unwrap_or(file);
            format!(
                "{file}:{}: {} [{}]",
                m["lastLine"],
                m["message"].as_str().unwrap_or_default(),
                m["extract"].as_str().unwrap_or_default().trim()
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_with_no_accessibility_violation_and_valid_html() {
    let begun = std::time::Instant::now();
    let served = ServedApp::demo().await;
    let ids = Ids::prepare(&served).await;
    let html_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("phone-html");
    let _ = std::fs::remove_dir_all(&html_dir);
    std::fs::create_dir_all(&html_dir).expect("a folder for the pages' HTML");
    // Two browsers at a time: the visitors in two queues.
    let queue = |visitors: &'static [Visitor]| {
        let (served, ids, html_dir) = (&served, &ids, &html_dir);
        async move {
            let mut all = Findings::default();
            for visitor in visitors {
                let found = visit_all(served, ids, *visitor, html_dir).await;
                all.0.extend(found.0);
                all.1 += found.1;
            }
            all
        }
    };
    let (first, second) = tokio::join!(
        queue(&[Visitor::Anonymous, Visitor::Participant, Visitor::Admin]),
        queue(&[Visitor::Official, Visitor::Counterpart, Visitor::Nucleo]),
    );
    let started = std::time::Instant::now();
    let mut findings: Vec<String> = first.0.into_iter().chain(second.0).collect();
    let pages = std::fs::read_dir(&html_dir).expect("saved pages").count();
    findings.extend(html_errors(&html_dir));
    eprintln!(
        "phone: {pages} pages in {:.0?}; axe-core {:.0?} of it in each browser on average; Nu checker {:.0?}",
        begun.elapsed(),
        (first.1 + second.1) / 2,
        started.elapsed()
    );
    assert!(
        findings.is_empty(),
        "{} problems on {pages} pages at {WIDTH} × {HEIGHT}:\n{}",
        findings.len(),
        findings.join("\n")
    );
}
