//! Every route of the router, for every kind of visitor, with the status each must get.
//! A route added without an entry here fails `every_route_has_an_entry`.

use std::collections::BTreeMap;

use abierto::domain::Role;
use abierto::web::route_table;
use axum::http::{Method, StatusCode};

use crate::helpers::{Browser, TestApp, spawn_demo_app};

/// The visitors of the matrix, in column order.
const WHO: [&str; 6] = [
    "anonymous",
    "participant",
    "official_a",
    "official_b",
    "nucleo",
    "admin",
];

/// Expected status per visitor (same order as `WHO`).
pub(crate) type Row = [u16; 6];

const ALL_OK: Row = [200; 6];
const REDIRECT_ALL: Row = [303; 6];
/// Anonymous visitors are sent to log in; other roles are refused.
const ADMIN_ONLY: Row = [303, 403, 403, 403, 403, 200];
/// A write with incomplete input: only an administrator gets as far as the form errors.
const ADMIN_FORM_INVALID: Row = [401, 403, 403, 403, 403, 422];

/// How one route is exercised: a concrete path, the form fields posted, the statuses expected.
pub(crate) type Case = (&'static str, Vec<(&'static str, &'static str)>, Row);

/// (method, path pattern) → how to exercise it.
pub(crate) fn expectations() -> BTreeMap<(Method, &'static str), Case> {
    let mut m = BTreeMap::new();
    let mut add = |method: Method,
                   pattern: &'static str,
                   path: &'static str,
                   fields: Vec<(&'static str, &'static str)>,
                   row: Row| {
        m.insert((method, pattern), (path, fields, row));
    };
    use Method as M;
    add(M::GET, "/", "/", vec![], ALL_OK);
    add(M::GET, "/plans", "/plans", vec![], ALL_OK);
    add(
        M::GET,
        "/plans/{plan}",
        "/plans/ecuador-2019-2022",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/plans/{plan}/commitments/{code}",
        "/plans/ecuador-2022-2024/commitments/4",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/plans/{plan}/forum",
        "/plans/ecuador-2019-2022/forum",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/institutions/{slug}",
        "/institutions/asamblea-nacional",
        vec![],
        ALL_OK,
    );
    add(M::GET, "/search", "/search?q=datos", vec![], ALL_OK);
    add(
        M::GET,
        "/governments/{slug}",
        "/governments/ecuador",
        vec![],
        ALL_OK,
    );
    add(M::GET, "/healthz", "/healthz", vec![], ALL_OK);
    add(M::GET, "/readyz", "/readyz", vec![], ALL_OK);
    add(
        M::GET,
        "/lang/{code}",
        "/lang/en?next=/plans",
        vec![],
        REDIRECT_ALL,
    );
    add(
        M::GET,
        "/static/{name}",
        "/static/style.css",
        vec![],
        ALL_OK,
    );
    // Logged-in visitors are sent on to where they were going.
    add(
        M::GET,
        "/login",
        "/login",
        vec![],
        [200, 303, 303, 303, 303, 303],
    );
    add(
        M::POST,
        "/login",
        "/login",
        vec![
            ("email", "nobody@example.org"),
            ("password", "wrong password"),
        ],
        [401; 6],
    );
    add(M::POST, "/logout", "/logout", vec![], REDIRECT_ALL);
    add(
        M::GET,
        "/account",
        "/account",
        vec![],
        [303, 200, 200, 200, 200, 200],
    );
    add(
        M::POST,
        "/account/password",
        "/account/password",
        vec![],
        [401, 422, 422, 422, 422, 422],
    );
    add(
        M::POST,
        "/account/language",
        "/account/language",
        vec![("locale", "en")],
        [401, 303, 303, 303, 303, 303],
    );
    add(
        M::GET,
        "/invitations/new",
        "/invitations/new",
        vec![],
        [303, 403, 403, 403, 200, 200],
    );
    add(
        M::POST,
        "/invitations",
        "/invitations",
        vec![("role", "official")],
        [401, 403, 403, 403, 422, 422],
    );
    add(
        M::GET,
        "/invitations/{token}",
        "/invitations/no-such-token",
        vec![],
        [410; 6],
    );
    add(
        M::POST,
        "/invitations/{token}",
        "/invitations/no-such-token",
        vec![("password", "a long enough passphrase")],
        [410; 6],
    );
    add(
        M::GET,
        "/admin",
        "/admin",
        vec![],
        [303, 403, 403, 403, 403, 303],
    );
    add(M::GET, "/admin/users", "/admin/users", vec![], ADMIN_ONLY);
    add(
        M::GET,
        "/admin/users/{id}",
        "/admin/users/{user}",
        vec![],
        ADMIN_ONLY,
    );
    add(
        M::POST,
        "/admin/users/{id}",
        "/admin/users/{user}",
        vec![("role", "official")],
        ADMIN_FORM_INVALID,
    );
    add(
        M::GET,
        "/admin/institutions",
        "/admin/institutions",
        vec![],
        ADMIN_ONLY,
    );
    add(
        M::POST,
        "/admin/institutions",
        "/admin/institutions",
        vec![],
        ADMIN_FORM_INVALID,
    );
    add(
        M::GET,
        "/admin/institutions/{id}",
        "/admin/institutions/{institution}",
        vec![],
        ADMIN_ONLY,
    );
    add(
        M::POST,
        "/admin/institutions/{id}",
        "/admin/institutions/{institution}",
        vec![],
        ADMIN_FORM_INVALID,
    );
    add(
        M::GET,
        "/admin/institutions/{id}/merge",
        "/admin/institutions/{institution}/merge",
        vec![],
        ADMIN_ONLY,
    );
    // No institution to merge into: a bad request, and nothing merged.
    add(
        M::POST,
        "/admin/institutions/{id}/merge",
        "/admin/institutions/{institution}/merge",
        vec![],
        [401, 403, 403, 403, 403, 400],
    );
    add(
        M::GET,
        "/admin/institutions/{id}/split",
        "/admin/institutions/{institution}/split",
        vec![],
        ADMIN_ONLY,
    );
    add(
        M::POST,
        "/admin/institutions/{id}/split",
        "/admin/institutions/{institution}/split",
        vec![],
        ADMIN_FORM_INVALID,
    );
    add(
        M::GET,
        "/admin/governments",
        "/admin/governments",
        vec![],
        ADMIN_ONLY,
    );
    add(
        M::POST,
        "/admin/governments",
        "/admin/governments",
        vec![],
        ADMIN_FORM_INVALID,
    );
    // The OGP import creates governments: platform administrators only. Not a multipart
    // upload, the administrator gets as far as "choose a file"; no run has this id.
    add(
        M::GET,
        "/admin/ogp-import",
        "/admin/ogp-import",
        vec![],
        ADMIN_ONLY,
    );
    add(
        M::POST,
        "/admin/ogp-import",
        "/admin/ogp-import",
        vec![],
        [401, 403, 403, 403, 403, 400],
    );
    add(
        M::GET,
        "/admin/ogp-import/{id}",
        "/admin/ogp-import/0190a1b2-0000-7000-8000-000000000000",
        vec![],
        [303, 403, 403, 403, 403, 404],
    );
    add(
        M::GET,
        "/admin/ogp-import/{id}/report.csv",
        "/admin/ogp-import/0190a1b2-0000-7000-8000-000000000000/report.csv",
        vec![],
        [303, 403, 403, 403, 403, 404],
    );
    // Officials of Asamblea Nacional (A) report on its milestone; Defensoría's (B) may not.
    add(
        M::GET,
        "/implementation",
        "/implementation",
        vec![],
        [303, 403, 200, 200, 403, 403],
    );
    add(
        M::GET,
        "/implementation/milestones/{id}/report",
        "/implementation/milestones/{milestone}/report",
        vec![],
        [303, 403, 200, 403, 403, 403],
    );
    add(
        M::POST,
        "/implementation/milestones/{id}/report",
        "/implementation/milestones/{milestone}/report",
        // A stale version: official A passes every check and meets the conflict page.
        vec![
            ("version", "0"),
            ("progress", "10"),
            ("status", "in_progress"),
            ("challenges", "Retraso en la contratación."),
            ("narrative", "Informe"),
        ],
        [401, 403, 409, 403, 403, 403],
    );
    // Only a civil-society counterpart (none of these visitors) reports as one.
    add(
        M::GET,
        "/counterpart",
        "/counterpart",
        vec![],
        [303, 403, 403, 403, 403, 403],
    );
    add(
        M::GET,
        "/counterpart/milestones/{id}/report",
        "/counterpart/milestones/{milestone}/report",
        vec![],
        [303, 403, 403, 403, 403, 403],
    );
    add(
        M::POST,
        "/counterpart/milestones/{id}/report",
        "/counterpart/milestones/{milestone}/report",
        vec![
            ("completion", "limited"),
            ("institution_fulfilled", "yes"),
            ("perceived_change", "Cambio"),
            ("endorses", "yes"),
        ],
        [401, 403, 403, 403, 403, 403],
    );
    add(
        M::GET,
        "/monitoring/updates",
        "/monitoring/updates",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    add(
        M::GET,
        "/implementation/milestones/{id}/replan",
        "/implementation/milestones/{milestone}/replan",
        vec![],
        [303, 403, 200, 403, 403, 403],
    );
    add(
        M::POST,
        "/implementation/milestones/{id}/replan",
        "/implementation/milestones/{milestone}/replan",
        vec![("start", "2024-01-01"), ("due", "2024-02-01")],
        [401, 403, 422, 403, 403, 403],
    );
    add(
        M::GET,
        "/monitoring/replans",
        "/monitoring/replans",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    add(
        M::POST,
        "/monitoring/replans/{id}/decision",
        "/monitoring/replans/00000000-0000-7000-8000-000000000000/decision",
        vec![("decision", "approved")],
        [401, 403, 403, 403, 409, 403],
    );
    add(
        M::GET,
        "/evidence/{id}",
        "/evidence/00000000-0000-7000-8000-000000000000",
        vec![],
        [404; 6],
    );
    // No such report: the forum member gets as far as the conflict (nothing pending to review).
    add(
        M::POST,
        "/monitoring/updates/{id}/review",
        "/monitoring/updates/00000000-0000-7000-8000-000000000000/review",
        vec![("decision", "validated")],
        [401, 403, 403, 403, 409, 403],
    );
    add(
        M::GET,
        "/feeds/updates.atom",
        "/feeds/updates.atom",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/plans/{plan}/feed.atom",
        "/plans/ecuador-2022-2024/feed.atom",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/plans/{plan}/commitments/{code}/feed.atom",
        "/plans/ecuador-2022-2024/commitments/4/feed.atom",
        vec![],
        ALL_OK,
    );
    add(M::GET, "/password-reset", "/password-reset", vec![], ALL_OK);
    add(
        M::POST,
        "/password-reset",
        "/password-reset",
        vec![("email", "nobody@example.org")],
        ALL_OK,
    );
    add(
        M::GET,
        "/password-reset/{token}",
        "/password-reset/no-such-token",
        vec![],
        [410; 6],
    );
    add(
        M::POST,
        "/password-reset/{token}",
        "/password-reset/no-such-token",
        vec![("password", "a long enough passphrase")],
        [410; 6],
    );
    // --- following commitments ---
    // Any account may follow or unfollow (and is sent back to the commitment).
    add(
        M::POST,
        "/plans/{plan}/commitments/{code}/follow",
        "/plans/ecuador-2022-2024/commitments/4/follow",
        vec![],
        [401, 303, 303, 303, 303, 303],
    );
    add(
        M::POST,
        "/plans/{plan}/commitments/{code}/unfollow",
        "/plans/ecuador-2022-2024/commitments/4/unfollow",
        vec![],
        [401, 303, 303, 303, 303, 303],
    );
    // --- monitoring dashboard and assessments (the forum only) ---
    add(
        M::GET,
        "/monitoring",
        "/monitoring",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    add(
        M::GET,
        "/monitoring/commitments/{id}/assessments",
        "/monitoring/commitments/{commitment}/assessments",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    // Without a period the forum's assessment is refused as invalid.
    add(
        M::POST,
        "/monitoring/commitments/{id}/assessments",
        "/monitoring/commitments/{commitment}/assessments",
        vec![("as_of", "2024-06-30")],
        [401, 403, 403, 403, 422, 403],
    );
    // --- imports and export of a plan's spreadsheet (the forum only) ---
    add(
        M::GET,
        "/co-creation/plans/{plan}/import",
        "/co-creation/plans/ecuador-2022-2024/import",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    // Not a multipart upload: the forum member gets as far as "choose a file".
    add(
        M::POST,
        "/co-creation/plans/{plan}/import",
        "/co-creation/plans/ecuador-2022-2024/import",
        vec![("dry_run", "1")],
        [401, 403, 403, 403, 400, 403],
    );
    add(
        M::GET,
        "/co-creation/plans/{plan}/export.xlsx",
        "/co-creation/plans/ecuador-2022-2024/export.xlsx",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    // Co-creation by participants (the demo plan's window is closed; it is in implementation,
    // so comments are open) and the forum's triage, moderation and working sessions.
    const NUCLEO_PAGE: Row = [303, 403, 403, 403, 200, 403];
    const WINDOW_CLOSED: Row = [401, 403, 403, 403, 403, 403];
    add(
        M::GET,
        "/plans/{plan}/proposals",
        "/plans/ecuador-2022-2024/proposals",
        vec![],
        ALL_OK,
    );
    add(
        M::POST,
        "/plans/{plan}/proposals",
        "/plans/ecuador-2022-2024/proposals",
        vec![("title", "Propuesta")],
        WINDOW_CLOSED,
    );
    add(
        M::GET,
        "/plans/{plan}/proposals/new",
        "/plans/ecuador-2022-2024/proposals/new",
        vec![],
        [303, 403, 403, 403, 403, 403],
    );
    add(
        M::GET,
        "/plans/{plan}/proposals/register",
        "/plans/ecuador-2022-2024/proposals/register",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/plans/{plan}/proposals/register.csv",
        "/plans/ecuador-2022-2024/proposals/register.csv",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/plans/{plan}/proposals/{id}",
        "/plans/ecuador-2022-2024/proposals/{proposal}",
        vec![],
        ALL_OK,
    );
    add(
        M::POST,
        "/plans/{plan}/proposals/{id}/support",
        "/plans/ecuador-2022-2024/proposals/{proposal}/support",
        vec![],
        WINDOW_CLOSED,
    );
    add(
        M::POST,
        "/plans/{plan}/proposals/{id}/comments",
        "/plans/ecuador-2022-2024/proposals/{proposal}/comments",
        vec![("body", " ")],
        [401, 422, 422, 422, 422, 422],
    );
    add(
        M::GET,
        "/co-creation/plans/{plan}/proposals",
        "/co-creation/plans/ecuador-2022-2024/proposals",
        vec![],
        NUCLEO_PAGE,
    );
    add(
        M::GET,
        "/co-creation/plans/{plan}/proposals/{id}",
        "/co-creation/plans/ecuador-2022-2024/proposals/{proposal}",
        vec![],
        NUCLEO_PAGE,
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/proposals/{id}",
        "/co-creation/plans/ecuador-2022-2024/proposals/{proposal}",
        vec![("state", "not_accepted")],
        [401, 403, 403, 403, 422, 403],
    );
    // No such comment: the forum member gets as far as the conflict.
    add(
        M::POST,
        "/co-creation/proposal-comments/{id}/hide",
        "/co-creation/proposal-comments/00000000-0000-7000-8000-000000000000/hide",
        vec![("reason", "Ofensivo")],
        [401, 403, 403, 403, 409, 403],
    );
    add(
        M::GET,
        "/plans/{plan}/sessions",
        "/plans/ecuador-2022-2024/sessions",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/co-creation/plans/{plan}/sessions",
        "/co-creation/plans/ecuador-2022-2024/sessions",
        vec![],
        NUCLEO_PAGE,
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/sessions",
        "/co-creation/plans/ecuador-2022-2024/sessions",
        vec![],
        [401, 403, 403, 403, 422, 403],
    );
    // --- co-creation run by the forum (phases, drafting, comments, forum record) ---
    // The demo's 2022–2024 plan is in implementation: drafting there is refused (409), and
    // stale versions meet the conflict page; only forum members get that far.
    const FORUM_ONLY_PAGE: Row = [303, 403, 403, 403, 200, 403];
    add(
        M::GET,
        "/co-creation",
        "/co-creation",
        vec![],
        FORUM_ONLY_PAGE,
    );
    add(
        M::POST,
        "/co-creation/plans",
        "/co-creation/plans",
        vec![],
        [401, 403, 403, 403, 422, 403],
    );
    add(
        M::GET,
        "/co-creation/plans/{plan}",
        "/co-creation/plans/ecuador-2022-2024",
        vec![],
        FORUM_ONLY_PAGE,
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/phase",
        "/co-creation/plans/ecuador-2022-2024/phase",
        vec![("version", "0"), ("phase", "closed")],
        [401, 403, 403, 403, 409, 403],
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/window",
        "/co-creation/plans/ecuador-2022-2024/window",
        vec![
            ("version", "0"),
            ("opens", "2026-01-01"),
            ("closes", "2026-02-01"),
        ],
        [401, 403, 403, 403, 409, 403],
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/headline",
        "/co-creation/plans/ecuador-2022-2024/headline",
        vec![("headline_figure", "both")],
        [401, 403, 403, 403, 303, 403],
    );
    add(
        M::GET,
        "/co-creation/plans/{plan}/commitments/new",
        "/co-creation/plans/ecuador-2022-2024/commitments/new",
        vec![],
        [303, 403, 403, 403, 409, 403],
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/commitments",
        "/co-creation/plans/ecuador-2022-2024/commitments",
        vec![("code", "9"), ("title", "Nuevo")],
        [401, 403, 403, 403, 409, 403],
    );
    add(
        M::GET,
        "/co-creation/plans/{plan}/commitments/{code}/edit",
        "/co-creation/plans/ecuador-2022-2024/commitments/4/edit",
        vec![],
        FORUM_ONLY_PAGE,
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/commitments/{code}",
        "/co-creation/plans/ecuador-2022-2024/commitments/4",
        vec![("version", "0"), ("code", "4"), ("title", "Otro")],
        [401, 403, 403, 403, 409, 403],
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/commitments/{code}/state",
        "/co-creation/plans/ecuador-2022-2024/commitments/4/state",
        vec![("version", "0"), ("state", "withdrawn")],
        [401, 403, 403, 403, 409, 403],
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/commitments/{code}/comments/{id}/hide",
        "/co-creation/plans/ecuador-2022-2024/commitments/4/comments/00000000-0000-7000-8000-000000000000/hide",
        vec![("reason", "Spam")],
        [401, 403, 403, 403, 409, 403],
    );
    // The plan is in implementation and the commitment approved: every account may comment.
    add(
        M::POST,
        "/plans/{plan}/commitments/{code}/comments",
        "/plans/ecuador-2022-2024/commitments/4/comments",
        vec![("body", "Comentario de prueba")],
        [401, 303, 303, 303, 303, 303],
    );
    add(
        M::GET,
        "/co-creation/plans/{plan}/forum",
        "/co-creation/plans/ecuador-2022-2024/forum",
        vec![],
        FORUM_ONLY_PAGE,
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/forum/members",
        "/co-creation/plans/ecuador-2022-2024/forum/members",
        vec![],
        [401, 403, 403, 403, 422, 403],
    );
    add(
        M::POST,
        "/co-creation/plans/{plan}/forum/meetings",
        "/co-creation/plans/ecuador-2022-2024/forum/meetings",
        vec![],
        [401, 403, 403, 403, 422, 403],
    );
    // --- open data: everything public, the same for every visitor ---
    add(M::GET, "/open-data", "/open-data", vec![], ALL_OK);
    add(
        M::GET,
        "/open-data/abierto-open-data.zip",
        "/open-data/abierto-open-data.zip",
        vec![],
        ALL_OK,
    );
    for (pattern, path) in [
        ("/api/v1/openapi.json", "/api/v1/openapi.json"),
        ("/api/v1/plans", "/api/v1/plans"),
        ("/api/v1/commitments", "/api/v1/commitments"),
        ("/api/v1/milestones", "/api/v1/milestones"),
        ("/api/v1/updates", "/api/v1/updates"),
        ("/api/v1/assessments", "/api/v1/assessments"),
        ("/api/v1/counterpart-reports", "/api/v1/counterpart-reports"),
        ("/api/v1/round-assessments", "/api/v1/round-assessments"),
        ("/api/v1/indicators", "/api/v1/indicators"),
        ("/api/v1/proposals", "/api/v1/proposals"),
        ("/api/v1/milestones/{id}", "/api/v1/milestones/{milestone}"),
    ] {
        add(M::GET, pattern, path, vec![], ALL_OK);
    }
    for (pattern, path) in [
        (
            "/api/v1/plans/{id}",
            "/api/v1/plans/00000000-0000-7000-8000-000000000000",
        ),
        (
            "/api/v1/commitments/{id}",
            "/api/v1/commitments/00000000-0000-7000-8000-000000000000",
        ),
        (
            "/api/v1/updates/{id}",
            "/api/v1/updates/00000000-0000-7000-8000-000000000000",
        ),
        (
            "/api/v1/proposals/{id}",
            "/api/v1/proposals/00000000-0000-7000-8000-000000000000",
        ),
    ] {
        add(M::GET, pattern, path, vec![], [404; 6]);
    }
    // --- monitoring report ---
    add(
        M::GET,
        "/plans/{plan}/report",
        "/plans/ecuador-2019-2022/report",
        vec![],
        ALL_OK,
    );
    add(
        M::GET,
        "/monitoring/plans/{plan}/report",
        "/monitoring/plans/ecuador-2019-2022/report",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    add(
        M::POST,
        "/monitoring/plans/{plan}/snapshots",
        "/monitoring/plans/ecuador-2019-2022/snapshots",
        vec![
            ("period_label", "Corte de prueba"),
            ("as_of", "2021-06-30"),
            ("confirm", "yes"),
        ],
        [401, 403, 403, 403, 303, 403],
    );
    // Reporting rounds: the forum of the plan's government. An empty round form is a 422;
    // no round has the id below.
    add(
        M::GET,
        "/monitoring/plans/{plan}/rounds",
        "/monitoring/plans/ecuador-2022-2024/rounds",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    add(
        M::POST,
        "/monitoring/plans/{plan}/rounds",
        "/monitoring/plans/ecuador-2022-2024/rounds",
        vec![],
        [401, 403, 403, 403, 422, 403],
    );
    add(
        M::POST,
        "/monitoring/plans/{plan}/rounds/semiannual",
        "/monitoring/plans/ecuador-2022-2024/rounds/semiannual",
        vec![],
        [401, 403, 403, 403, 303, 403],
    );
    add(
        M::GET,
        "/monitoring/plans/{plan}/rounds/{id}",
        "/monitoring/plans/ecuador-2022-2024/rounds/00000000-0000-7000-8000-000000000000",
        vec![],
        [303, 403, 403, 403, 404, 403],
    );
    add(
        M::POST,
        "/monitoring/plans/{plan}/rounds/{id}/delete",
        "/monitoring/plans/ecuador-2022-2024/rounds/00000000-0000-7000-8000-000000000000/delete",
        vec![],
        [401, 403, 403, 403, 404, 403],
    );
    add(
        M::GET,
        "/monitoring/plans/{plan}/rounds/{id}/commitments/{code}",
        "/monitoring/plans/ecuador-2022-2024/rounds/00000000-0000-7000-8000-000000000000/commitments/4",
        vec![],
        [303, 403, 403, 403, 404, 403],
    );
    add(
        M::POST,
        "/monitoring/plans/{plan}/rounds/{id}/commitments/{code}",
        "/monitoring/plans/ecuador-2022-2024/rounds/00000000-0000-7000-8000-000000000000/commitments/4",
        vec![],
        [401, 403, 403, 403, 404, 403],
    );
    // No such frozen report: the forum member gets as far as the lookup.
    add(
        M::POST,
        "/monitoring/plans/{plan}/snapshots/{snapshot}/signoffs",
        "/monitoring/plans/ecuador-2019-2022/snapshots/00000000-0000-7000-8000-000000000000/signoffs",
        vec![],
        [401, 403, 403, 403, 404, 403],
    );
    add(
        M::GET,
        "/plans/{plan}/reports/{snapshot}",
        "/plans/ecuador-2019-2022/reports/00000000-0000-7000-8000-000000000000",
        vec![],
        [404; 6],
    );
    // Outcome indicators: officials of the lead institution (Asamblea Nacional, A) keep them.
    add(
        M::GET,
        "/implementation/commitments/{id}/indicators",
        "/implementation/commitments/{commitment}/indicators",
        vec![],
        [303, 403, 200, 403, 403, 403],
    );
    // An empty definition: official A passes every check and meets the form errors.
    add(
        M::POST,
        "/implementation/commitments/{id}/indicators",
        "/implementation/commitments/{commitment}/indicators",
        vec![],
        [401, 403, 422, 403, 403, 403],
    );
    add(
        M::POST,
        "/implementation/commitments/{id}/indicators/{indicator}/measurements",
        "/implementation/commitments/{commitment}/indicators/00000000-0000-7000-8000-000000000000/measurements",
        vec![],
        [401, 403, 422, 403, 403, 403],
    );
    add(
        M::GET,
        "/monitoring/indicators",
        "/monitoring/indicators",
        vec![],
        [303, 403, 403, 403, 200, 403],
    );
    // No such measurement: the forum member gets as far as the conflict.
    add(
        M::POST,
        "/monitoring/indicators/{id}/review",
        "/monitoring/indicators/00000000-0000-7000-8000-000000000000/review",
        vec![("decision", "validated")],
        [401, 403, 403, 403, 409, 403],
    );
    m
}

/// A browser logged in as the given visitor of the matrix.
async fn visitor<'a>(app: &'a TestApp, who: &str) -> Browser<'a> {
    let mut browser = app.browser();
    let account = match who {
        "anonymous" => None,
        "participant" => Some(("p@example.org", Role::Participant, None)),
        "official_a" => Some(("a@example.org", Role::Official, Some("asamblea-nacional"))),
        "official_b" => Some((
            "b@example.org",
            Role::Official,
            Some("defensoria-del-pueblo-de-ecuador"),
        )),
        "nucleo" => Some(("n@example.org", Role::Nucleo, None)),
        "admin" => Some(("admin@example.org", Role::Admin, None)),
        other => panic!("unknown visitor {other}"),
    };
    if let Some((email, role, institution)) = account {
        app.user(email, role, institution).await;
        let page = browser.log_in(email).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{who} logs in");
    }
    browser
}

#[test]
fn every_route_has_an_entry_and_every_entry_a_route() {
    let expected = expectations();
    let routes: Vec<_> = route_table()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    let missing: Vec<_> = routes
        .iter()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without an access-matrix entry: {missing:?}"
    );
    let stale: Vec<_> = expected.keys().filter(|k| !routes.contains(k)).collect();
    assert!(
        stale.is_empty(),
        "entries for routes that no longer exist: {stale:?}"
    );
}

#[tokio::test]
async fn every_route_answers_every_visitor_as_expected() {
    let app = spawn_demo_app().await;
    let expected = expectations();
    let ids = PathIds::load(&app).await;
    let concrete = |path: &str| ids.concrete(path);
    let mut failures = Vec::new();
    for (column, who) in WHO.iter().enumerate() {
        for ((method, pattern), (path, fields, row)) in &expected {
            // A fresh login per request: some routes (logout) end the session.
            let mut browser = visitor(&app, who).await;
            let path = concrete(path);
            let path = path.as_str();
            let page = if *method == Method::GET {
                browser.get(path).await
            } else {
                // The login form carries a token for anonymous visitors; every page does for others.
                let token_page = if *who == "anonymous" {
                    "/login"
                } else {
                    "/plans"
                };
                browser.post_form(token_page, path, fields).await
            };
            if page.status.as_u16() != row[column] {
                failures.push(format!(
                    "{method} {pattern} as {who}: got {}, expected {}",
                    page.status, row[column]
                ));
            }
            // Accounts are made once per visitor: drop them for the next login.
            sqlx::query("DELETE FROM tower_sessions.session")
                .execute(&app.db)
                .await
                .expect("clear sessions");
            sqlx::query(
                "UPDATE users SET email = email || '.' || id WHERE email LIKE '%@example.org'",
            )
            .execute(&app.db)
            .await
            .expect("retire accounts");
        }
    }
    let cells = WHO.len() * expected.len();
    assert!(
        failures.is_empty(),
        "{} of {cells} cells wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The demo ids that route patterns need: `{user}`, `{institution}`, `{milestone}`,
/// `{commitment}` and `{proposal}` (a proposal is added to the plan in implementation).
pub(crate) struct PathIds {
    user: uuid::Uuid,
    institution: uuid::Uuid,
    milestone: uuid::Uuid,
    commitment: uuid::Uuid,
    proposal: uuid::Uuid,
}

impl PathIds {
    pub(crate) async fn load(app: &TestApp) -> PathIds {
        let user =
            sqlx::query_scalar("SELECT id FROM users WHERE email = 'participante@abierto.example'")
                .fetch_one(&app.db)
                .await
                .expect("demo participant");
        let institution =
            sqlx::query_scalar("SELECT id FROM institutions WHERE slug = 'asamblea-nacional'")
                .fetch_one(&app.db)
                .await
                .expect("demo institution");
        let milestone = sqlx::query_scalar(
            "SELECT m.id FROM milestones m JOIN commitments c ON c.id = m.commitment_id
              WHERE c.ogp_id = 'EC0014' AND m.position = 3",
        )
        .fetch_one(&app.db)
        .await
        .expect("EC0014 milestone");
        let commitment = sqlx::query_scalar("SELECT id FROM commitments WHERE ogp_id = 'EC0014'")
            .fetch_one(&app.db)
            .await
            .expect("EC0014");
        let proposal = sqlx::query_scalar(
            "INSERT INTO proposals (plan_id, title, problem, proposal, theme)
             SELECT id, 'Propuesta', 'Problema', 'Propuesta', 'Tema' FROM action_plans
              WHERE slug = 'ecuador-2022-2024' RETURNING id",
        )
        .fetch_one(&app.db)
        .await
        .expect("demo proposal");
        PathIds {
            user,
            institution,
            milestone,
            commitment,
            proposal,
        }
    }

    pub(crate) fn concrete(&self, path: &str) -> String {
        path.replace("{user}", &self.user.to_string())
            .replace("{proposal}", &self.proposal.to_string())
            .replace("{commitment}", &self.commitment.to_string())
            .replace("{milestone}", &self.milestone.to_string())
            .replace("{institution}", &self.institution.to_string())
    }
}

/// Routes a forum member of any government may use: the lists of their own work (shown
/// without another government's plans) and the invitation form.
const ANY_GOVERNMENT: &[(Method, &str)] = &[
    (Method::GET, "/co-creation"),
    (Method::GET, "/monitoring"),
    (Method::GET, "/monitoring/updates"),
    (Method::GET, "/monitoring/replans"),
    (Method::GET, "/invitations/new"),
    (Method::GET, "/monitoring/indicators"),
];

#[tokio::test]
async fn a_forum_member_of_another_government_is_refused_every_forum_route_on_these_plans() {
    let app = spawn_demo_app().await;
    let expected = expectations();
    let ids = PathIds::load(&app).await;
    app.government("Kyrgyz Republic", "kyrgyz-republic", "KG")
        .await;
    let forum = (None, Some("kyrgyz-republic"));
    app.user_of("foro.kg@example.org", Role::Nucleo, forum)
        .await;
    let audited = |db| async move {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM audit_log WHERE entity <> 'user'")
            .fetch_one(db)
            .await
            .expect("count")
    };
    let before = audited(&app.db).await;
    let forum_column = WHO.iter().position(|w| *w == "nucleo").expect("nucleo");
    let participant = WHO
        .iter()
        .position(|w| *w == "participant")
        .expect("participant");
    let mut failures = Vec::new();
    let mut cells = 0;
    for ((method, pattern), (path, fields, row)) in &expected {
        // The forum's own routes: a forum member gets another answer than a participant.
        if row[forum_column] == row[participant] {
            continue;
        }
        cells += 1;
        let mut browser = app.browser();
        browser.log_in("foro.kg@example.org").await;
        let path = ids.concrete(path);
        let page = if *method == Method::GET {
            browser.get(&path).await
        } else {
            browser.post_form("/plans", &path, fields).await
        };
        let anywhere = ANY_GOVERNMENT.contains(&(method.clone(), *pattern));
        // Where the plan's own forum gets through, the other government's is refused; where
        // the case stops the own forum too (no such record, an incomplete form), the other
        // is stopped as well, by the refusal or the same answer.
        let own = row[forum_column];
        let got = page.status.as_u16();
        let right = if anywhere {
            got == 200
        } else if own < 400 {
            got == 403
        } else {
            got == 403 || got == own
        };
        if !right {
            failures.push(format!(
                "{method} {pattern}: got {}, the plan's own forum gets {own}",
                page.status
            ));
        }
        if anywhere && page.body.contains("ecuador-2022-2024") {
            failures.push(format!(
                "{method} {pattern} shows the other government's plan"
            ));
        }
    }
    // A real report waiting for the plan's forum: the other forum cannot decide it.
    let pending: Option<uuid::Uuid> = sqlx::query_scalar(
        "SELECT id FROM progress_updates WHERE review_state = 'pending' LIMIT 1",
    )
    .fetch_optional(&app.db)
    .await
    .expect("a pending report");
    if let Some(id) = pending {
        cells += 1;
        let mut browser = app.browser();
        browser.log_in("foro.kg@example.org").await;
        let queue = browser.get("/monitoring/updates").await;
        assert!(
            !queue.body.contains(&id.to_string()),
            "not in the other's queue"
        );
        let page = browser
            .post_form(
                "/plans",
                &format!("/monitoring/updates/{id}/review"),
                &[("decision", "validated"), ("note", "")],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "a real report");
        let state: String =
            sqlx::query_scalar("SELECT review_state FROM progress_updates WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db)
                .await
                .expect("state");
        assert_eq!(state, "pending", "the review rolled back");
    }
    assert!(cells > 20, "the forum's routes are checked: {cells}");
    assert!(
        failures.is_empty(),
        "{} of {cells} cells wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(audited(&app.db).await, before, "nothing was written");
}
