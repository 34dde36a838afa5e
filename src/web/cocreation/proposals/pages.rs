//! View models of the co-creation pages: complete before rendering.

use crate::web::ui::trail::Trail;
use askama::Template;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{ListFilters, ProposalForm};
use crate::domain::ProposalState;
use crate::domain::phases::{Consultation, consultation};
use crate::domain::work_session::panel_figures;
use crate::i18n::Tr;
use crate::store::cocreation::proposals::{
    Comment, Pick, PlanCounts, PlanWindow, Proposal, ProposalLine, RegisterLine,
};
use crate::web::http::forms::FieldErrors;
use crate::web::http::session::Viewer;
use crate::web::ui::views::{Choice, long_date, moment, vocab};

/// The co-creation panel of a plan.
pub struct PanelView {
    pub proposals: i64,
    pub answered_percent: i64,
    pub sessions: i64,
    pub sectors: Vec<String>,
    /// Empty when the window was never opened.
    pub days_open: String,
    /// "Open until …" / "Closed" / "Not open".
    pub window: String,
}

impl PanelView {
    pub fn new(tr: &Tr, plan: &PlanWindow, counts: &PlanCounts) -> Self {
        let now = Utc::now();
        let f = panel_figures(
            counts.proposals,
            counts.answered,
            counts.sessions,
            counts.sectors.len(),
            (plan.opens, plan.closes),
            now,
        );
        let window = consultation_words(tr, plan, now);
        Self {
            proposals: f.proposals,
            answered_percent: f.answered_percent,
            sessions: f.sessions,
            sectors: counts
                .sectors
                .iter()
                .map(|s| vocab(tr, "sector", s))
                .collect(),
            days_open: f.days_open.map(|d| d.to_string()).unwrap_or_default(),
            window,
        }
    }
}

/// When the consultation is (or was, or will be) open, in words: a visitor learns when to
/// take part.
pub fn consultation_words(tr: &Tr, plan: &PlanWindow, now: DateTime<Utc>) -> String {
    let day = |d| long_date(tr, d);
    match consultation(plan.phase, plan.opens, plan.closes, now) {
        Consultation::Open { last_day } => tr.t1("window-open-until", "date", day(last_day)),
        Consultation::Upcoming { opens, last_day } => tr.t2(
            "window-upcoming",
            ("opens", &day(opens)),
            ("closes", &day(last_day)),
        ),
        Consultation::Over { opens, last_day } => tr.t2(
            "window-over",
            ("opens", &day(opens)),
            ("closes", &day(last_day)),
        ),
        Consultation::NotSet => tr.t("window-dates-unknown"),
    }
}

pub struct LineView {
    pub id: Uuid,
    pub title: String,
    pub theme: String,
    pub state: String,
    pub state_label: String,
    pub institution: String,
    pub date: String,
    pub supports: i64,
    pub comments: i64,
}

pub fn line_view(tr: &Tr, l: ProposalLine) -> LineView {
    LineView {
        state_label: vocab(tr, "proposal-state", &l.state),
        date: moment(tr, l.created_at),
        institution: l.institution.unwrap_or_default(),
        id: l.id,
        title: l.title,
        theme: l.theme,
        state: l.state,
        supports: l.supports,
        comments: l.comments,
    }
}

/// One state of the filter, with its count.
pub struct StateCount {
    pub choice: Choice,
    pub count: i64,
}

pub fn state_counts(tr: &Tr, counts: &PlanCounts, selected: Option<&str>) -> Vec<StateCount> {
    ProposalState::ALL
        .iter()
        .map(|s| StateCount {
            choice: Choice {
                value: s.as_str().to_owned(),
                label: tr.t(s.label_key()),
                selected: selected == Some(s.as_str()),
            },
            count: counts.by_state.get(s.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "cocreation/proposals/list.html")]
pub struct ListPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanWindow,
    pub open: bool,
    pub panel: PanelView,
    pub states: Vec<StateCount>,
    pub themes: Vec<Choice>,
    pub filtered: bool,
    pub lines: Vec<LineView>,
}

impl ListPage {
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        plan: PlanWindow,
        open: bool,
        lines: Vec<ProposalLine>,
        counts: PlanCounts,
        filters: &ListFilters,
    ) -> Self {
        Self {
            trail: Trail::plan(&tr, &plan.title, &plan.slug).here(tr.t("proposals-title")),
            path: format!("/plans/{}/proposals", plan.slug),
            panel: PanelView::new(&tr, &plan, &counts),
            states: state_counts(&tr, &counts, filters.state()),
            themes: counts
                .themes
                .iter()
                .map(|t| Choice {
                    value: t.clone(),
                    label: t.clone(),
                    selected: filters.theme() == Some(t.as_str()),
                })
                .collect(),
            filtered: filters.state().is_some() || filters.theme().is_some(),
            lines: lines.into_iter().map(|l| line_view(&tr, l)).collect(),
            open,
            plan,
            tr,
            viewer,
        }
    }
}

#[derive(Template)]
#[template(path = "cocreation/proposals/new.html")]
pub struct NewProposalPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanWindow,
    pub form: ProposalForm,
    pub institutions: Vec<Choice>,
    pub errors: FieldErrors,
}

impl NewProposalPage {
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        plan: PlanWindow,
        institutions: Vec<Pick>,
        form: ProposalForm,
        errors: FieldErrors,
    ) -> Self {
        Self {
            trail: proposals_trail(&tr, &plan).here(tr.t("proposal-new")),
            path: format!("/plans/{}/proposals/new", plan.slug),
            institutions: institutions
                .into_iter()
                .map(|i| Choice {
                    selected: form.institution == i.id.to_string(),
                    value: i.id.to_string(),
                    label: i.label,
                })
                .collect(),
            errors,
            form,
            plan,
            tr,
            viewer,
        }
    }
}

pub struct CommentView {
    pub id: Uuid,
    pub author: String,
    pub date: String,
    pub body: String,
    /// Set when the forum hid the comment: the reason is shown instead of the text.
    pub hidden_reason: String,
}

#[derive(Template)]
#[template(path = "cocreation/proposals/detail.html")]
pub struct ProposalPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanWindow,
    pub p: Proposal,
    pub state_label: String,
    pub date: String,
    pub responded: String,
    pub open: bool,
    pub may_comment: bool,
    pub may_moderate: bool,
    pub comments: Vec<CommentView>,
    pub comment_text: String,
    pub comment_error: String,
}

impl ProposalPage {
    pub fn build(
        tr: Tr,
        viewer: Viewer,
        plan: PlanWindow,
        p: Proposal,
        comments: Vec<Comment>,
        (open, may_comment): (bool, bool),
        (comment_text, comment_error): (String, Option<String>),
    ) -> Self {
        Self {
            trail: proposals_trail(&tr, &plan).here(p.title.clone()),
            path: format!("/plans/{}/proposals/{}", plan.slug, p.id),
            state_label: vocab(&tr, "proposal-state", &p.state),
            date: moment(&tr, p.created_at),
            responded: p.responded_at.map(|t| moment(&tr, t)).unwrap_or_default(),
            may_moderate: viewer.may(crate::domain::Action::Moderate),
            comments: comments
                .into_iter()
                .map(|c| CommentView {
                    id: c.id,
                    author: c.author_name,
                    date: moment(&tr, c.created_at),
                    body: c.body.unwrap_or_default(),
                    hidden_reason: c.hidden_reason.unwrap_or_default(),
                })
                .collect(),
            comment_text,
            comment_error: comment_error.unwrap_or_default(),
            open,
            may_comment,
            p,
            plan,
            tr,
            viewer,
        }
    }
}

pub struct RegisterView {
    pub id: Uuid,
    pub date: String,
    pub title: String,
    pub theme: String,
    pub state_label: String,
    pub response: String,
    pub responded: String,
    pub commitment_code: String,
    pub commitment_title: String,
    pub supports: i64,
}

#[derive(Template)]
#[template(path = "cocreation/proposals/register.html")]
pub struct RegisterPage {
    pub tr: Tr,
    pub path: String,
    pub trail: Trail,
    pub viewer: Viewer,
    pub plan: PlanWindow,
    pub total: usize,
    pub answered: usize,
    pub shaped: usize,
    pub states: Vec<(String, usize)>,
    pub lines: Vec<RegisterView>,
    /// When the consultation is open, for the page with nothing on it yet.
    pub window: String,
}

impl RegisterPage {
    pub fn build(tr: Tr, viewer: Viewer, plan: PlanWindow, lines: Vec<RegisterLine>) -> Self {
        let states = ProposalState::ALL
            .iter()
            .map(|s| {
                let n = lines.iter().filter(|l| l.state == s.as_str()).count();
                (tr.t(s.label_key()), n)
            })
            .collect();
        Self {
            trail: proposals_trail(&tr, &plan).here(tr.t("register-title")),
            window: consultation_words(&tr, &plan, Utc::now()),
            path: format!("/plans/{}/proposals/register", plan.slug),
            total: lines.len(),
            answered: lines.iter().filter(|l| l.response.is_some()).count(),
            shaped: lines.iter().filter(|l| l.commitment_code.is_some()).count(),
            states,
            lines: lines
                .into_iter()
                .map(|l| RegisterView {
                    id: l.id,
                    date: moment(&tr, l.created_at),
                    state_label: vocab(&tr, "proposal-state", &l.state),
                    responded: l.responded_at.map(|t| moment(&tr, t)).unwrap_or_default(),
                    title: l.title,
                    theme: l.theme,
                    response: l.response.unwrap_or_default(),
                    commitment_code: l.commitment_code.unwrap_or_default(),
                    commitment_title: l.commitment_title.unwrap_or_default(),
                    supports: l.supports,
                })
                .collect(),
            plan,
            tr,
            viewer,
        }
    }
}

/// Home › Planes › the plan › Propuestas: the levels above a proposal page.
fn proposals_trail(tr: &Tr, plan: &PlanWindow) -> Trail {
    Trail::plan(tr, &plan.title, &plan.slug).up(
        tr.t("proposals-title"),
        format!("/plans/{}/proposals", plan.slug),
    )
}
