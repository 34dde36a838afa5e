//! The page that asks again before an irreversible step: what will happen, what cannot be
//! undone, and the same form once more with `confirm=yes`. Showing it writes nothing.

use crate::web::ui::trail::Trail;
use askama::Template;
use axum::response::Response;

use crate::domain::phases::Irreversible;
use crate::i18n::Tr;
use crate::web::http::error::AppError;
use crate::web::http::session::Viewer;
use crate::web::ui::views::render;

#[derive(Template)]
#[template(path = "components/confirm.html")]
pub struct ConfirmPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub title: String,
    pub consequences: Vec<String>,
    pub no_undo: String,
    /// Where the confirmed form posts: the action's own address.
    pub action: String,
    /// The form's fields as it was sent (without `csrf` and `confirm`).
    pub hidden: Vec<(&'static str, String)>,
    pub yes: String,
    pub back: String,
}

/// What the page names: the plan or commitment concerned, and the date the step takes
/// effect as of (closing day, report date), both already formatted.
pub struct Subject<'a> {
    pub name: &'a str,
    pub date: &'a str,
    /// The trail of the page that asks for the step; the confirmation sits one level below.
    pub from: Trail,
}

/// The confirmation page for `step`, posting the `hidden` fields back to `action`.
pub fn confirm_page(
    tr: Tr,
    viewer: Viewer,
    step: Irreversible,
    subject: Subject<'_>,
    (action, back): (&str, &str),
    hidden: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let prefix = match step {
        Irreversible::ClosePlan => "confirm-close-plan",
        Irreversible::ApproveCommitment => "confirm-approve",
        Irreversible::FreezeReport => "confirm-freeze",
    };
    let consequences = (1..=3)
        .map(|n| format!("{prefix}-what-{n}"))
        .filter(|key| tr.has(key))
        .map(|key| tr.t2(&key, ("name", subject.name), ("date", subject.date)))
        .collect();
    render(&ConfirmPage {
        trail: subject.from.clone().below(back, tr.t("confirm-step")),
        title: tr.t1(&format!("{prefix}-title"), "name", subject.name),
        consequences,
        no_undo: tr.t(&format!("{prefix}-no-undo")),
        yes: tr.t(&format!("{prefix}-yes")),
        path: action.to_owned(),
        action: action.to_owned(),
        back: back.to_owned(),
        hidden,
        viewer,
        tr,
    })
}
