//! The "Historial de cambios" of a commitment's public page: each version after the first,
//! with its date, who recorded it, why, and what changed (field, before, after).

use crate::domain::CommitmentState;
use crate::domain::versions::{Change, Field, diff};
use crate::i18n::Tr;
use crate::store::versions::{self, Version};
use crate::web::ui::views::{machine_moment, moment};

/// Longest value shown in a line of the diff; longer texts end in "…".
const SHOWN_CHARS: usize = 400;

pub struct VersionView {
    pub version: i32,
    pub date: String,
    pub datetime: String,
    pub author: String,
    pub reason: String,
    /// Only a milestone's current dates moved: a re-plan, listed with its decision above.
    pub is_replan: bool,
    pub changes: Vec<ChangeLine>,
}

pub struct ChangeLine {
    pub what: String,
    pub before: String,
    pub after: String,
}

/// The versions after the first, newest first, each against the one before it.
pub fn history(tr: &Tr, versions: &[Version]) -> Vec<VersionView> {
    let mut out: Vec<VersionView> = versions
        .windows(2)
        .map(|pair| VersionView::new(tr, &pair[0], &pair[1]))
        .collect();
    out.reverse();
    out
}

impl VersionView {
    fn new(tr: &Tr, old: &Version, new: &Version) -> Self {
        let changes = diff(&old.snapshot, &new.snapshot);
        let is_replan = !changes.is_empty()
            && changes.iter().all(|c| {
                matches!(
                    c.field,
                    Field::MilestoneCurrentStart | Field::MilestoneCurrentDue
                )
            });
        Self {
            version: new.version,
            date: moment(tr, new.recorded_at),
            datetime: machine_moment(new.recorded_at),
            author: if new.author.is_empty() {
                tr.t("version-author-system")
            } else {
                new.author.clone()
            },
            reason: reason(tr, &new.reason),
            is_replan,
            changes: changes.iter().map(|c| ChangeLine::new(tr, c)).collect(),
        }
    }
}

/// The reason as given; those the application records are named in the reader's language.
fn reason(tr: &Tr, reason: &str) -> String {
    match reason {
        "" => tr.t("version-no-reason"),
        versions::INITIAL
        | versions::IMPORT
        | versions::INSTITUTION_MERGE
        | versions::INSTITUTION_SPLIT => tr.t(&format!("version-reason-{reason}")),
        own => own.to_owned(),
    }
}

impl ChangeLine {
    fn new(tr: &Tr, c: &Change) -> Self {
        let field = tr.t(c.field.label_key());
        let what = match c.milestone {
            Some(position) => format!(
                "{} · {field}",
                tr.t1("version-milestone", "position", position)
            ),
            None => field,
        };
        let value = |v: &str| {
            if v.is_empty() {
                tr.t("version-empty")
            } else if c.field == Field::State {
                v.parse::<CommitmentState>()
                    .map(|s| tr.t(s.label_key()))
                    .unwrap_or_else(|_| v.to_owned())
            } else {
                shortened(v)
            }
        };
        Self {
            what,
            before: value(&c.before),
            after: value(&c.after),
        }
    }
}

fn shortened(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(SHOWN_CHARS).collect();
    format!("{}…", cut.trim_end())
}
