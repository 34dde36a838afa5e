//! Messages about what happened to a commitment or a milestone: composed here in each
//! recipient's language (pure functions), sent by [`send_all`], which never fails the caller.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::i18n::format::maybe_date;
use crate::i18n::{Locale, Tr};
use crate::mail::{Mailer, OutgoingMail};
use crate::store::jobs::ReminderLine;
use crate::store::public::follows::ReviewAudience;

/// The recipient's catalogue; an unknown locale reads Spanish.
fn tr_for(locale: &str) -> Tr {
    Tr::new(Locale::parse(locale).unwrap_or_default())
}

fn paragraphs(parts: &[String]) -> String {
    let mut body = parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n");
    body.push('\n');
    body
}

/// What the review of a report tells its author and the commitment's followers: a returned
/// report goes to the official who made it, with the note; a validated or contested one to
/// every follower. A pending report tells nobody.
pub fn review_mails(config: &Config, audience: &ReviewAudience) -> Vec<OutgoingMail> {
    let commitment_link = config.public_link(&format!(
        "/plans/{}/commitments/{}",
        audience.plan_slug, audience.code
    ));
    let note = audience.review_note.clone().unwrap_or_default();
    match audience.review_state.as_str() {
        "returned" => audience
            .author
            .iter()
            .map(|author| {
                let tr = tr_for(&author.locale);
                OutgoingMail {
                    to: author.email.clone(),
                    subject: tr.t1("mail-returned-subject", "title", &audience.milestone_title),
                    body_text: paragraphs(&[
                        tr.t1("mail-returned-body", "title", &audience.milestone_title),
                        note.clone(),
                        tr.t1(
                            "mail-returned-link",
                            "link",
                            config.public_link("/implementation"),
                        ),
                    ]),
                }
            })
            .collect(),
        state @ ("validated" | "contested") => audience
            .followers
            .iter()
            .map(|follower| {
                let tr = tr_for(&follower.locale);
                let title = commitment_title(&tr, audience);
                let (subject, intro, reason) = if state == "validated" {
                    (
                        "mail-validated-subject",
                        "mail-validated-body",
                        String::new(),
                    )
                } else {
                    (
                        "mail-contested-subject",
                        "mail-contested-body",
                        note.clone(),
                    )
                };
                OutgoingMail {
                    to: follower.email.clone(),
                    subject: tr.t1(subject, "title", &title),
                    body_text: paragraphs(&[
                        tr.t(intro),
                        format!(
                            "{}\n{}",
                            title,
                            tr.t1("mail-review-milestone", "title", &audience.milestone_title)
                        ),
                        reason,
                        tr.t1("mail-commitment-link", "link", &commitment_link),
                        tr.t1("mail-unfollow-hint", "link", config.public_link("/account")),
                    ]),
                }
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The commitment's title in the reader's language when it was published in it.
fn commitment_title(tr: &Tr, audience: &ReviewAudience) -> String {
    match (&tr.locale, &audience.commitment_title_en) {
        (Locale::En, Some(en)) if !en.trim().is_empty() => en.clone(),
        _ => audience.commitment_title.clone(),
    }
}

/// One reminder per official, listing what falls due soon and what went without a report.
/// `lines` come ordered by person (see `store::jobs::reminder_lines`).
pub fn reminder_mails(config: &Config, lines: &[ReminderLine]) -> Vec<OutgoingMail> {
    let mut by_person: BTreeMap<&str, Vec<&ReminderLine>> = BTreeMap::new();
    for line in lines {
        by_person.entry(&line.email).or_default().push(line);
    }
    by_person
        .into_iter()
        .map(|(email, lines)| {
            let first = lines[0];
            let tr = tr_for(&first.locale);
            let section = |heading: String, chosen: Vec<&&ReminderLine>| {
                if chosen.is_empty() {
                    return String::new();
                }
                let items: Vec<String> = chosen
                    .iter()
                    .map(|l| {
                        format!(
                            "- {} ({} {}, {})\n  {}",
                            l.milestone_title,
                            tr.t("commitment"),
                            l.code,
                            tr.t1("reminder-due", "date", maybe_date(&tr, l.current_due)),
                            report_link(config, &tr, l)
                        )
                    })
                    .collect();
                format!("{heading}\n{}", items.join("\n"))
            };
            let due_soon = section(
                tr.t("reminder-due-soon"),
                lines.iter().filter(|l| l.due_soon).collect(),
            );
            let stale = section(
                tr.t("reminder-stale"),
                lines.iter().filter(|l| l.stale && !l.due_soon).collect(),
            );
            // A milestone listed above is not listed again for its round.
            let in_round: Vec<&&ReminderLine> = lines
                .iter()
                .filter(|l| l.round_label.is_some() && !l.due_soon && !l.stale)
                .collect();
            let round = match in_round.first() {
                Some(l) => {
                    let label = l.round_label.clone().unwrap_or_default();
                    let closes = maybe_date(&tr, l.round_closes_on);
                    let heading = tr.t2("reminder-round", ("round", &label), ("date", &closes));
                    section(heading, in_round)
                }
                None => String::new(),
            };
            let (subject, intro, dashboard) = if first.counterpart {
                (
                    "reminder-counterpart-subject",
                    "reminder-counterpart-intro",
                    "/counterpart",
                )
            } else {
                ("reminder-subject", "reminder-intro", "/implementation")
            };
            OutgoingMail {
                to: email.to_owned(),
                subject: tr.t1(subject, "institution", &first.institution),
                body_text: paragraphs(&[
                    tr.t1(intro, "institution", &first.institution),
                    due_soon,
                    stale,
                    round,
                    tr.t1("reminder-dashboard", "link", config.public_link(dashboard)),
                ]),
            }
        })
        .collect()
}

/// The line's report form: the institution's, or the counterpart's own.
fn report_link(config: &Config, tr: &Tr, l: &ReminderLine) -> String {
    let (key, form) = if l.counterpart {
        ("reminder-counterpart-link", "counterpart")
    } else {
        ("reminder-report-link", "implementation")
    };
    tr.t1(
        key,
        "link",
        config.public_link(&format!("/{form}/milestones/{}/report", l.milestone_id)),
    )
}

/// Sends every message; a failure is logged and the rest still go. Returns how many went.
pub async fn send_all(mailer: &Mailer, mails: Vec<OutgoingMail>) -> usize {
    let mut sent = 0;
    for mail in mails {
        let to = mail.to.clone();
        match mailer.send(mail).await {
            Ok(()) => sent += 1,
            Err(e) => tracing::warn!(error = %format!("{e:#}"), to = %to, "notification not sent"),
        }
    }
    sent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::public::follows::Recipient;
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn config() -> Config {
        Config::from_lookup(|key| {
            (key == "ABIERTO_PUBLIC_URL").then(|| "https://abierto.gob.ec".to_owned())
        })
        .expect("config")
    }

    fn audience(state: &str, note: Option<&str>) -> ReviewAudience {
        ReviewAudience {
            plan_slug: "ecuador-2022-2024".into(),
            code: "4".into(),
            commitment_title: "Parlamento abierto".into(),
            commitment_title_en: Some("Open parliament".into()),
            milestone_title: "Campaña de comunicación".into(),
            review_state: state.into(),
            review_note: note.map(str::to_owned),
            author: Some(Recipient {
                email: "oficial@asamblea.gob.ec".into(),
                locale: "es".into(),
            }),
            followers: vec![
                Recipient {
                    email: "ana@example.org".into(),
                    locale: "es".into(),
                },
                Recipient {
                    email: "bob@example.org".into(),
                    locale: "en".into(),
                },
            ],
        }
    }

    #[test]
    fn a_validated_report_tells_each_follower_in_their_language_with_a_link() {
        let mails = review_mails(&config(), &audience("validated", None));
        assert_eq!(mails.len(), 2);
        assert_eq!(mails[0].to, "ana@example.org");
        assert!(mails[0].subject.contains("Parlamento abierto"));
        assert!(
            mails[0]
                .body_text
                .contains("https://abierto.gob.ec/plans/ecuador-2022-2024/commitments/4")
        );
        assert_eq!(mails[1].to, "bob@example.org");
        assert!(
            mails[1].subject.contains("Open parliament"),
            "{}",
            mails[1].subject
        );
        assert_ne!(mails[0].subject, mails[1].subject);
    }

    #[test]
    fn a_contested_report_carries_the_public_reason() {
        let mails = review_mails(&config(), &audience("contested", Some("Sin acta firmada.")));
        assert_eq!(mails.len(), 2);
        assert!(
            mails
                .iter()
                .all(|m| m.body_text.contains("Sin acta firmada."))
        );
    }

    #[test]
    fn a_returned_report_tells_only_its_author_with_the_note() {
        let mails = review_mails(&config(), &audience("returned", Some("Falta el acta.")));
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].to, "oficial@asamblea.gob.ec");
        assert!(mails[0].body_text.contains("Falta el acta."));
        assert!(mails[0].subject.contains("Campaña de comunicación"));
    }

    #[test]
    fn a_returned_report_of_a_removed_author_tells_nobody() {
        let mut gone = audience("returned", Some("Falta el acta."));
        gone.author = None;
        assert!(review_mails(&config(), &gone).is_empty());
    }

    fn line(email: &str, title: &str, due_soon: bool, stale: bool) -> ReminderLine {
        ReminderLine {
            user_id: Uuid::nil(),
            email: email.into(),
            locale: "es".into(),
            institution: "Asamblea Nacional".into(),
            milestone_id: Uuid::nil(),
            milestone_title: title.into(),
            plan_slug: "ecuador-2022-2024".into(),
            code: "4".into(),
            current_due: NaiveDate::from_ymd_opt(2026, 12, 1),
            last_update_at: None,
            due_soon,
            stale,
            round_label: None,
            round_closes_on: None,
            counterpart: false,
        }
    }

    #[test]
    fn a_milestone_only_the_open_round_expects_is_listed_under_the_round() {
        let mut waiting = line("a@example.org", "Portal de datos", false, false);
        waiting.round_label = Some("Segundo semestre 2026".into());
        waiting.round_closes_on = NaiveDate::from_ymd_opt(2026, 12, 31);
        let mut late = line("a@example.org", "Ley de datos", true, false);
        late.round_label = Some("Segundo semestre 2026".into());
        let mails = reminder_mails(&config(), &[late, waiting]);
        assert_eq!(mails.len(), 1);
        let body = &mails[0].body_text;
        let (before, round) = body
            .split_once("Sin reporte en la ronda «Segundo semestre 2026», que cierra el 31")
            .expect("the round's section");
        assert!(round.contains("Portal de datos"));
        // Listed once: under "due soon", not again under the round.
        assert!(before.contains("Ley de datos") && !round.contains("Ley de datos"));
    }

    #[test]
    fn each_official_gets_one_reminder_with_due_and_stale_milestones_apart() {
        let mails = reminder_mails(
            &config(),
            &[
                line("a@asamblea.gob.ec", "Informe final", true, true),
                line("a@asamblea.gob.ec", "Encuesta", false, true),
                line("b@asamblea.gob.ec", "Informe final", true, false),
            ],
        );
        assert_eq!(mails.len(), 2);
        let body = &mails[0].body_text;
        let due = body.find("Vencen pronto").expect("due-soon section");
        let stale = body.find("Sin reporte").expect("stale section");
        assert!(body[due..stale].contains("Informe final"));
        assert!(body[stale..].contains("Encuesta"));
        assert!(!body[stale..].contains("Informe final"), "listed once");
        assert!(body.contains("1 de diciembre de 2026"), "{body}");
        assert!(!mails[1].body_text.contains("Sin reporte"));
    }
}
