//! Who may do what: every access decision of the application, in one pure function.
//!
//! Handlers describe the action (with the facts it depends on: the object's institution,
//! the plan's phase, the co-creation window) and ask [`decide`]; store queries also scope by
//! institution, so a forgotten check cannot leak another institution's data.

use uuid::Uuid;

use super::vocab::{PlanPhase, Role};

/// The person asking, as far as rules are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// Always set for officials; optional for others.
    pub institution_id: Option<Uuid>,
    /// The government whose plans the person acts on: their institution's, or the one their
    /// account names. An administrator without one administers the whole platform.
    pub government_id: Option<Uuid>,
}

/// Something a person wants to do, with the facts the decision depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Change one's own password or language.
    ManageOwnAccount,
    /// See the administration pages and manage users and institutions (of one's government,
    /// or all of them for a platform administrator).
    Administer,
    /// Add OGP members (governments) to the instance: platform administrators only.
    ManageGovernments,
    /// Invite a person with this role.
    Invite { role: Role },
    /// See one's institution's implementation dashboard.
    ViewImplementationDashboard,
    /// Report progress on a milestone.
    ReportProgress {
        responsible_institution: Option<Uuid>,
        phase: PlanPhase,
    },
    /// File the civil-society counterpart's own report on a milestone: `co_leads` says whether
    /// the person's institution is a civil-society co-lead of the milestone's commitment.
    ReportAsCounterpart { co_leads: bool, phase: PlanPhase },
    /// See the counterpart's dashboard (the milestones its institution co-leads).
    ViewCounterpartDashboard,
    /// Ask for new dates for a milestone (like a report: only while its plan is implemented).
    RequestReplan {
        responsible_institution: Option<Uuid>,
        phase: PlanPhase,
    },
    /// Validate, return or contest progress reports; approve re-plans.
    ReviewProgress,
    /// Define an outcome indicator of a commitment: `leads` says whether the person's
    /// institution is a lead of the commitment (the institution responsible for it).
    DefineIndicator { leads: bool, phase: PlanPhase },
    /// Record a measurement of one of those indicators (same rule).
    RecordMeasurement { leads: bool, phase: PlanPhase },
    /// Validate or return an indicator's measurement (the forum, within its government).
    ReviewMeasurement,
    /// Run co-creation: phases, responses to proposals, sessions, drafting, approval.
    RunCoCreation,
    /// Record monitoring assessments and freeze reports.
    Monitor,
    /// Hide or restore comments.
    Moderate,
    /// Submit or support a proposal.
    Propose { window_open: bool },
    /// Comment on a proposal, commitment or milestone.
    Comment { window_open: bool, phase: PlanPhase },
    /// Follow a commitment to get notifications.
    Follow,
    /// Sign off a frozen monitoring report for one's forum seat: a nucleo account whose
    /// institution holds a seat (a `nucleo_members` row) in the report's plan.
    SignOffReport { holds_seat: bool },
    /// Import a plan's commitments and milestones from the template, or download it.
    TransferPlan,
    /// Choose which figure leads a plan's public headline (and decides its health).
    ChooseHeadlineFigure,
}

/// The answer, with what a refused person needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Anonymous: log in first.
    LogIn,
    /// Logged in, but the action needs one of these roles (or another institution, or
    /// another moment: `reason_key` says which).
    Refuse {
        needed: &'static [Role],
        reason_key: &'static str,
    },
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

const ANY_ACCOUNT: &[Role] = &[
    Role::Participant,
    Role::Official,
    Role::Counterpart,
    Role::Nucleo,
    Role::Admin,
];
const OFFICIAL: &[Role] = &[Role::Official];
const COUNTERPART: &[Role] = &[Role::Counterpart];
const NUCLEO: &[Role] = &[Role::Nucleo];
const ADMIN: &[Role] = &[Role::Admin];
const ADMIN_OR_NUCLEO: &[Role] = &[Role::Admin, Role::Nucleo];

fn refuse(needed: &'static [Role]) -> Decision {
    Decision::Refuse {
        needed,
        reason_key: "policy-role-needed",
    }
}

fn allow_if(condition: bool, needed: &'static [Role]) -> Decision {
    if condition {
        Decision::Allow
    } else {
        refuse(needed)
    }
}

/// Decides one action for one person (`None`: not logged in).
pub fn decide(actor: Option<&Actor>, action: Action) -> Decision {
    let Some(actor) = actor else {
        return Decision::LogIn;
    };
    let role = actor.role;
    match action {
        Action::ManageOwnAccount | Action::Follow => {
            allow_if(ANY_ACCOUNT.contains(&role), ANY_ACCOUNT)
        }
        Action::Administer => allow_if(role == Role::Admin, ADMIN),
        Action::ManageGovernments if role == Role::Admin && actor.government_id.is_some() => {
            Decision::Refuse {
                needed: ADMIN,
                reason_key: "policy-platform-admin",
            }
        }
        Action::ManageGovernments => allow_if(role == Role::Admin, ADMIN),
        Action::Invite { role: invited } => match role {
            Role::Admin => Decision::Allow,
            Role::Nucleo
                if matches!(invited, Role::Official | Role::Counterpart | Role::Nucleo) =>
            {
                Decision::Allow
            }
            Role::Nucleo => refuse(ADMIN),
            _ => refuse(ADMIN_OR_NUCLEO),
        },
        Action::ViewImplementationDashboard => allow_if(role == Role::Official, OFFICIAL),
        Action::ViewCounterpartDashboard => allow_if(role == Role::Counterpart, COUNTERPART),
        Action::ReportAsCounterpart { co_leads, phase } => {
            if role != Role::Counterpart {
                refuse(COUNTERPART)
            } else if !co_leads {
                Decision::Refuse {
                    needed: COUNTERPART,
                    reason_key: "policy-not-co-lead",
                }
            } else if phase != PlanPhase::Implementation {
                Decision::Refuse {
                    needed: COUNTERPART,
                    reason_key: "policy-plan-not-in-implementation",
                }
            } else {
                Decision::Allow
            }
        }
        Action::ReportProgress {
            responsible_institution,
            phase,
        }
        | Action::RequestReplan {
            responsible_institution,
            phase,
        } => {
            if role != Role::Official {
                refuse(OFFICIAL)
            } else if !own_institution(actor, responsible_institution) {
                Decision::Refuse {
                    needed: OFFICIAL,
                    reason_key: "policy-other-institution",
                }
            } else if phase != PlanPhase::Implementation {
                Decision::Refuse {
                    needed: OFFICIAL,
                    reason_key: "policy-plan-not-in-implementation",
                }
            } else {
                Decision::Allow
            }
        }
        Action::DefineIndicator { leads, phase } | Action::RecordMeasurement { leads, phase } => {
            if role != Role::Official {
                refuse(OFFICIAL)
            } else if !leads {
                Decision::Refuse {
                    needed: OFFICIAL,
                    reason_key: "policy-other-institution",
                }
            } else if phase != PlanPhase::Implementation {
                Decision::Refuse {
                    needed: OFFICIAL,
                    reason_key: "policy-plan-not-in-implementation",
                }
            } else {
                Decision::Allow
            }
        }
        Action::ReviewProgress
        | Action::ReviewMeasurement
        | Action::RunCoCreation
        | Action::Monitor
        | Action::Moderate
        | Action::TransferPlan
        | Action::ChooseHeadlineFigure => allow_if(role == Role::Nucleo, NUCLEO),
        Action::SignOffReport { holds_seat } => {
            if role != Role::Nucleo {
                refuse(NUCLEO)
            } else if holds_seat {
                Decision::Allow
            } else {
                Decision::Refuse {
                    needed: NUCLEO,
                    reason_key: "policy-no-forum-seat",
                }
            }
        }
        Action::Propose { window_open } => {
            if window_open {
                Decision::Allow
            } else {
                Decision::Refuse {
                    needed: ANY_ACCOUNT,
                    reason_key: "policy-window-closed",
                }
            }
        }
        Action::Comment { window_open, phase } => {
            if window_open || phase == PlanPhase::Implementation {
                Decision::Allow
            } else {
                Decision::Refuse {
                    needed: ANY_ACCOUNT,
                    reason_key: "policy-comments-closed",
                }
            }
        }
    }
}

/// Whether a person may act on a plan (or a record) of `government`, once their role allows
/// the action: forum members, officials and government administrators only within their own
/// government; platform administrators (no government) and participants anywhere. A forum
/// account that names no government acts on none.
pub fn within(actor: &Actor, government: Uuid) -> Decision {
    let own = actor.government_id == Some(government);
    let allowed = match actor.role {
        Role::Participant => true,
        Role::Admin => actor.government_id.is_none() || own,
        Role::Official | Role::Counterpart | Role::Nucleo => own,
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Refuse {
            needed: &[],
            reason_key: "policy-other-government",
        }
    }
}

/// The same for a record that may belong to no government (a participant's account, a
/// platform administrator's): only a platform administrator acts on those.
pub fn within_record(actor: &Actor, government: Option<Uuid>) -> Decision {
    match government {
        Some(government) => within(actor, government),
        None if actor.role == Role::Admin && actor.government_id.is_none() => Decision::Allow,
        None => Decision::Refuse {
            needed: &[],
            reason_key: "policy-other-government",
        },
    }
}

/// An official acts only for their own institution; an object without one belongs to nobody.
fn own_institution(actor: &Actor, object_institution: Option<Uuid>) -> bool {
    matches!((actor.institution_id, object_institution), (Some(mine), Some(theirs)) if mine == theirs)
}

/// Where a person's work starts: the page signing in leads to when they asked for no other
/// (officials report, the forum monitors, administrators keep the directory).
pub fn work_home(role: Role) -> &'static str {
    match role {
        Role::Official => "/implementation",
        Role::Counterpart => "/counterpart",
        Role::Nucleo => "/monitoring",
        Role::Admin => "/admin/users",
        Role::Participant => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_platform_administrator_adds_governments_or_touches_records_of_none() {
        let g = Uuid::now_v7();
        let platform = Actor {
            role: Role::Admin,
            institution_id: None,
            government_id: None,
        };
        let of_one = Actor {
            government_id: Some(g),
            ..platform
        };
        assert!(decide(Some(&platform), Action::ManageGovernments).is_allowed());
        assert!(!decide(Some(&of_one), Action::ManageGovernments).is_allowed());
        assert!(decide(Some(&of_one), Action::Administer).is_allowed());
        assert!(within_record(&platform, None).is_allowed());
        assert!(!within_record(&of_one, None).is_allowed());
        assert!(within_record(&of_one, Some(g)).is_allowed());
        assert!(!within_record(&of_one, Some(Uuid::now_v7())).is_allowed());
    }

    #[test]
    fn a_forum_official_or_government_admin_acts_only_within_their_government() {
        let (mine, theirs) = (Uuid::now_v7(), Uuid::now_v7());
        let person = |role, government| Actor {
            role,
            institution_id: None,
            government_id: government,
        };
        // (who, their government, the plan's government, allowed)
        let table = [
            (Role::Nucleo, Some(mine), mine, true),
            (Role::Nucleo, Some(mine), theirs, false),
            (Role::Nucleo, None, mine, false),
            (Role::Official, Some(mine), mine, true),
            (Role::Official, Some(mine), theirs, false),
            (Role::Admin, None, theirs, true),
            (Role::Admin, Some(mine), mine, true),
            (Role::Admin, Some(mine), theirs, false),
            (Role::Participant, None, theirs, true),
        ];
        for (role, government, plan, allowed) in table {
            let decision = within(&person(role, government), plan);
            assert_eq!(
                decision.is_allowed(),
                allowed,
                "{role:?} of {government:?} on {plan}"
            );
            if !allowed {
                assert!(matches!(
                    decision,
                    Decision::Refuse {
                        reason_key: "policy-other-government",
                        ..
                    }
                ));
            }
        }
    }

    #[test]
    fn only_an_official_of_a_lead_institution_keeps_indicators_while_implemented() {
        let official = actor(Role::Official, Some(Uuid::now_v7()));
        for action in [
            |leads, phase| Action::DefineIndicator { leads, phase },
            |leads, phase| Action::RecordMeasurement { leads, phase },
        ] {
            let on = |who: &Actor, leads, phase| decide(Some(who), action(leads, phase));
            assert!(on(&official, true, PlanPhase::Implementation).is_allowed());
            assert_eq!(
                on(&official, false, PlanPhase::Implementation),
                Decision::Refuse {
                    needed: OFFICIAL,
                    reason_key: "policy-other-institution"
                }
            );
            assert!(!on(&official, true, PlanPhase::Closed).is_allowed());
            for role in [
                Role::Nucleo,
                Role::Counterpart,
                Role::Admin,
                Role::Participant,
            ] {
                let who = actor(role, Some(Uuid::now_v7()));
                assert_eq!(on(&who, true, PlanPhase::Implementation), refuse(OFFICIAL));
            }
        }
        let nucleo = actor(Role::Nucleo, None);
        assert!(decide(Some(&nucleo), Action::ReviewMeasurement).is_allowed());
        assert!(!decide(Some(&official), Action::ReviewMeasurement).is_allowed());
    }

    #[test]
    fn each_role_starts_at_its_work_and_its_home_page_lets_it_in() {
        for role in Role::ALL.iter().copied() {
            let home = work_home(role);
            let allowed = match home {
                "/implementation" => decide(
                    Some(&actor(role, None)),
                    Action::ViewImplementationDashboard,
                ),
                "/monitoring" => decide(Some(&actor(role, None)), Action::ReviewProgress),
                "/counterpart" => {
                    decide(Some(&actor(role, None)), Action::ViewCounterpartDashboard)
                }
                "/admin/users" => decide(Some(&actor(role, None)), Action::Administer),
                _ => Decision::Allow,
            };
            assert!(allowed.is_allowed(), "{role:?} is sent to {home}");
        }
        assert_eq!(work_home(Role::Official), "/implementation");
        assert_eq!(work_home(Role::Nucleo), "/monitoring");
        assert_eq!(work_home(Role::Admin), "/admin/users");
        assert_eq!(work_home(Role::Participant), "/");
    }

    fn actor(role: Role, institution: Option<Uuid>) -> Actor {
        Actor {
            role,
            institution_id: institution,
            government_id: None,
        }
    }

    fn report(on: Uuid) -> Action {
        Action::ReportProgress {
            responsible_institution: Some(on),
            phase: PlanPhase::Implementation,
        }
    }

    #[test]
    fn a_counterpart_reports_only_on_commitments_its_institution_co_leads_while_implemented() {
        let counterpart = actor(Role::Counterpart, Some(Uuid::now_v7()));
        let on = |co_leads, phase| {
            decide(
                Some(&counterpart),
                Action::ReportAsCounterpart { co_leads, phase },
            )
        };
        assert!(on(true, PlanPhase::Implementation).is_allowed());
        assert_eq!(
            on(false, PlanPhase::Implementation),
            Decision::Refuse {
                needed: COUNTERPART,
                reason_key: "policy-not-co-lead"
            }
        );
        assert!(!on(true, PlanPhase::Closed).is_allowed());
        for role in [Role::Official, Role::Nucleo, Role::Admin, Role::Participant] {
            let who = actor(role, Some(Uuid::now_v7()));
            let action = Action::ReportAsCounterpart {
                co_leads: true,
                phase: PlanPhase::Implementation,
            };
            assert_eq!(decide(Some(&who), action), refuse(COUNTERPART));
        }
        // Nor does a counterpart report as the institution.
        assert_eq!(
            decide(Some(&counterpart), report(Uuid::now_v7())),
            refuse(OFFICIAL)
        );
    }

    #[test]
    fn anonymous_visitors_are_asked_to_log_in_for_any_action() {
        assert_eq!(decide(None, Action::ManageOwnAccount), Decision::LogIn);
        assert_eq!(decide(None, Action::ReviewProgress), Decision::LogIn);
    }

    #[test]
    fn official_reports_only_on_own_institutions_milestones() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let official = actor(Role::Official, Some(a));
        assert!(decide(Some(&official), report(a)).is_allowed());
        assert_eq!(
            decide(Some(&official), report(b)),
            Decision::Refuse {
                needed: OFFICIAL,
                reason_key: "policy-other-institution"
            }
        );
    }

    #[test]
    fn nobody_reports_on_a_milestone_without_responsible_institution() {
        let official = actor(Role::Official, Some(Uuid::now_v7()));
        let action = Action::ReportProgress {
            responsible_institution: None,
            phase: PlanPhase::Implementation,
        };
        assert!(!decide(Some(&official), action).is_allowed());
    }

    #[test]
    fn reports_wait_for_the_implementation_phase() {
        let a = Uuid::now_v7();
        let official = actor(Role::Official, Some(a));
        let action = Action::ReportProgress {
            responsible_institution: Some(a),
            phase: PlanPhase::Closed,
        };
        assert!(!decide(Some(&official), action).is_allowed());
    }

    #[test]
    fn replans_wait_for_the_implementation_phase_like_reports() {
        let a = Uuid::now_v7();
        let official = actor(Role::Official, Some(a));
        for phase in [PlanPhase::Draft, PlanPhase::CoCreation, PlanPhase::Closed] {
            let action = Action::RequestReplan {
                responsible_institution: Some(a),
                phase,
            };
            assert!(!decide(Some(&official), action).is_allowed(), "{phase:?}");
        }
        let action = Action::RequestReplan {
            responsible_institution: Some(a),
            phase: PlanPhase::Implementation,
        };
        assert!(decide(Some(&official), action).is_allowed());
    }

    #[test]
    fn nucleo_and_admin_do_not_report_progress() {
        let a = Uuid::now_v7();
        for role in [Role::Nucleo, Role::Admin, Role::Participant] {
            assert_eq!(
                decide(Some(&actor(role, Some(a))), report(a)),
                refuse(OFFICIAL)
            );
        }
    }

    #[test]
    fn only_a_nucleo_account_holding_a_seat_signs_off_a_report() {
        let seat = Action::SignOffReport { holds_seat: true };
        assert!(decide(Some(&actor(Role::Nucleo, Some(Uuid::now_v7()))), seat).is_allowed());
        assert_eq!(
            decide(
                Some(&actor(Role::Nucleo, None)),
                Action::SignOffReport { holds_seat: false }
            ),
            Decision::Refuse {
                needed: NUCLEO,
                reason_key: "policy-no-forum-seat"
            }
        );
        for role in [Role::Participant, Role::Official, Role::Admin] {
            assert_eq!(decide(Some(&actor(role, None)), seat), refuse(NUCLEO));
        }
        assert_eq!(decide(None, seat), Decision::LogIn);
    }

    #[test]
    fn only_nucleo_validates_runs_cocreation_and_monitors() {
        for action in [
            Action::ReviewProgress,
            Action::RunCoCreation,
            Action::Monitor,
            Action::Moderate,
        ] {
            assert!(decide(Some(&actor(Role::Nucleo, None)), action).is_allowed());
            for role in [Role::Participant, Role::Official, Role::Admin] {
                assert_eq!(decide(Some(&actor(role, None)), action), refuse(NUCLEO));
            }
        }
    }

    #[test]
    fn nucleo_invites_officials_and_nucleo_but_not_admins() {
        let nucleo = actor(Role::Nucleo, None);
        assert!(
            decide(
                Some(&nucleo),
                Action::Invite {
                    role: Role::Official
                }
            )
            .is_allowed()
        );
        assert!(decide(Some(&nucleo), Action::Invite { role: Role::Nucleo }).is_allowed());
        assert!(!decide(Some(&nucleo), Action::Invite { role: Role::Admin }).is_allowed());
        assert!(
            !decide(
                Some(&nucleo),
                Action::Invite {
                    role: Role::Participant
                }
            )
            .is_allowed()
        );
        let admin = actor(Role::Admin, None);
        assert!(decide(Some(&admin), Action::Invite { role: Role::Admin }).is_allowed());
        let official = actor(Role::Official, Some(Uuid::now_v7()));
        assert!(
            !decide(
                Some(&official),
                Action::Invite {
                    role: Role::Official
                }
            )
            .is_allowed()
        );
    }

    #[test]
    fn proposals_only_while_the_cocreation_window_is_open() {
        let participant = actor(Role::Participant, None);
        assert!(decide(Some(&participant), Action::Propose { window_open: true }).is_allowed());
        assert!(!decide(Some(&participant), Action::Propose { window_open: false }).is_allowed());
    }

    #[test]
    fn comments_open_during_cocreation_and_implementation() {
        let p = actor(Role::Participant, None);
        let comment = |window_open, phase| decide(Some(&p), Action::Comment { window_open, phase });
        assert!(comment(true, PlanPhase::CoCreation).is_allowed());
        assert!(comment(false, PlanPhase::Implementation).is_allowed());
        assert!(!comment(false, PlanPhase::Closed).is_allowed());
    }

    #[test]
    fn only_admins_administer() {
        assert!(decide(Some(&actor(Role::Admin, None)), Action::Administer).is_allowed());
        for role in [Role::Participant, Role::Official, Role::Nucleo] {
            assert!(!decide(Some(&actor(role, None)), Action::Administer).is_allowed());
        }
    }

    #[test]
    fn only_the_forum_imports_and_exports_plan_spreadsheets() {
        assert!(decide(Some(&actor(Role::Nucleo, None)), Action::TransferPlan).is_allowed());
        for role in [Role::Admin, Role::Official, Role::Participant] {
            let who = actor(role, Some(Uuid::now_v7()));
            assert_eq!(decide(Some(&who), Action::TransferPlan), refuse(NUCLEO));
        }
        assert_eq!(decide(None, Action::TransferPlan), Decision::LogIn);
    }

    #[test]
    fn only_the_forum_chooses_which_figure_leads_a_plan() {
        let choose = Action::ChooseHeadlineFigure;
        assert!(decide(Some(&actor(Role::Nucleo, None)), choose).is_allowed());
        for role in [Role::Admin, Role::Official, Role::Participant] {
            let who = actor(role, Some(Uuid::now_v7()));
            assert_eq!(decide(Some(&who), choose), refuse(NUCLEO));
        }
        assert_eq!(decide(None, choose), Decision::LogIn);
    }
}
