//! The rows of each open-data table, streamed as text cells in the column order of
//! `domain::opendata::RESOURCES`. Only published plans (not drafts) and what hangs from them;
//! no accounts, emails or internal ids of people; a returned report's note stays private.
//! Also the data version the archive is kept by, and the snapshot it is read in.

use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, Transaction};

/// One CSV row: a cell per column, `None` for an empty cell.
pub type Row = Vec<Option<String>>;

/// Which state of the data an archive holds: the latest audit entry that may concern it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataVersion {
    pub entry: i64,
    pub at: DateTime<Utc>,
}

/// The current data version, `None` before the first audited write. Entries about accounts
/// and sign-ins (`user`) and job bookkeeping (`job_run`) are skipped: the archive holds
/// neither. The chain's lock makes entries visible in id order (each append commits before
/// the next starts), so any write committed after this read has a larger id.
pub async fn data_version(db: impl PgExecutor<'_>) -> sqlx::Result<Option<DataVersion>> {
    sqlx::query_as!(
        DataVersion,
        "SELECT id AS entry, at FROM audit_log
          WHERE entity NOT IN ('user', 'job_run')
          ORDER BY id DESC LIMIT 1"
    )
    .fetch_optional(db)
    .await
}

/// A read-only transaction on one snapshot, so the whole archive and its version show the
/// data as of one moment.
pub async fn snapshot(db: &PgPool) -> sqlx::Result<Transaction<'static, Postgres>> {
    let mut tx = db.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// The rows of the table named `resource`, or `None` for an unknown name.
pub fn rows<'a>(
    db: &'a mut PgConnection,
    resource: &str,
    public_url: &'a str,
) -> Option<BoxStream<'a, sqlx::Result<Row>>> {
    let stream = match resource {
        "governments" => sqlx::query_scalar!(
            r#"SELECT ARRAY[g.id::text, g.name, g.slug, g.kind, g.country_code::text]
                      AS "row!: Row"
                 FROM governments g ORDER BY g.name, g.id"#
        )
        .fetch(db),
        "institutions" => sqlx::query_scalar!(
            r#"SELECT ARRAY[i.id::text, i.government_id::text, i.name, i.acronym, i.slug,
                            i.sector, i.website] AS "row!: Row"
                 FROM institutions i ORDER BY i.name, i.id"#
        )
        .fetch(db),
        "plans" => sqlx::query_scalar!(
            r#"SELECT ARRAY[p.id::text, p.government_id::text, p.title, p.slug, p.ogp_label,
                            p.period_start::text, p.period_end::text, p.phase,
                            open_data_time(p.cocreation_opens), open_data_time(p.cocreation_closes),
                            p.summary, p.is_demo::text, array_to_string(p.sources, ';'),
                            open_data_time(p.created_at), open_data_time(p.updated_at)]
                      AS "row!: Row"
                 FROM action_plans p WHERE p.phase <> 'draft'
                ORDER BY p.period_start, p.id"#
        )
        .fetch(db),
        "commitments" => sqlx::query_scalar!(
            r#"SELECT ARRAY[c.id::text, c.plan_id::text, c.code, c.ogp_id, c.title, c.title_en,
                            c.slug, c.problem, c.causes, c.status_quo, c.objective,
                            c.description, c.advances_transparency, c.advances_accountability,
                            c.advances_participation, array_to_string(c.ogp_values, ';'),
                            array_to_string(c.policy_areas, ';'), array_to_string(c.sdgs, ';'),
                            c.start_date::text, c.end_date::text, c.state, c.contact,
                            c.is_illustrative::text, c.source, open_data_time(c.approved_at),
                            open_data_time(c.created_at), open_data_time(c.updated_at)]
                      AS "row!: Row"
                 FROM commitments c JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY p.period_start, length(c.code), c.code"#
        )
        .fetch(db),
        "commitment_actors" => sqlx::query_scalar!(
            r#"SELECT ARRAY[a.id::text, a.commitment_id::text, a.institution_id::text, a.role,
                            a.position::text] AS "row!: Row"
                 FROM commitment_actors a
                 JOIN commitments c ON c.id = a.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY a.commitment_id, a.position, a.id"#
        )
        .fetch(db),
        "milestones" => sqlx::query_scalar!(
            r#"SELECT ARRAY[m.id::text, m.commitment_id::text, m.position::text, m.title,
                            m.expected_output, m.responsible_institution_id::text,
                            m.weight::text, m.baseline_start::text, m.baseline_due::text,
                            m.current_start::text, m.current_due::text,
                            m.is_illustrative::text, m.current_progress::text,
                            m.current_status, open_data_time(m.last_update_at),
                            m.claim_review, m.validated_progress::text, m.validated_status,
                            open_data_time(m.validated_update_at),
                            open_data_time(m.updated_at)] AS "row!: Row"
                 FROM milestones m
                 JOIN commitments c ON c.id = m.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY m.commitment_id, m.position"#
        )
        .fetch(db),
        "milestone_replans" => sqlx::query_scalar!(
            r#"SELECT ARRAY[r.id::text, r.milestone_id::text, r.old_start::text,
                            r.old_due::text, r.new_start::text, r.new_due::text, r.reason,
                            r.state, open_data_time(r.requested_at),
                            open_data_time(r.decided_at), r.decision_note] AS "row!: Row"
                 FROM milestone_replans r
                 JOIN milestones m ON m.id = r.milestone_id
                 JOIN commitments c ON c.id = m.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY r.requested_at, r.id"#
        )
        .fetch(db),
        "progress_updates" => sqlx::query_scalar!(
            r#"SELECT ARRAY[u.id::text, u.milestone_id::text, u.author_name,
                            open_data_time(u.reported_at), u.progress::text, u.status,
                            u.narrative, u.is_illustrative::text, u.review_state,
                            open_data_time(u.reviewed_at),
                            CASE WHEN u.review_state <> 'returned' THEN u.review_note END,
                            u.counterpart_fulfilled, u.counterpart_fulfilment_note,
                            u.activities_with_others::text, u.participants::text,
                            array_to_string(u.participant_sectors, ';'), u.challenges,
                            u.next_steps, u.actual_start::text, u.actual_completion::text]
                      AS "row!: Row"
                 FROM progress_updates u
                 JOIN milestones m ON m.id = u.milestone_id
                 JOIN commitments c ON c.id = m.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY u.reported_at, u.id"#
        )
        .fetch(db),
        "counterpart_reports" => sqlx::query_scalar!(
            r#"SELECT ARRAY[r.id::text, r.milestone_id::text, r.institution_id::text,
                            r.author_name, open_data_time(r.reported_at), r.completion,
                            r.institution_fulfilled, r.fulfilment_note, r.perceived_change,
                            r.endorses::text] AS "row!: Row"
                 FROM counterpart_reports r
                 JOIN milestones m ON m.id = r.milestone_id
                 JOIN commitments c ON c.id = m.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY r.reported_at, r.id"#
        )
        .fetch(db),
        "evidence" => sqlx::query_scalar!(
            r#"SELECT ARRAY[e.id::text, e.update_id::text, e.counterpart_report_id::text,
                            e.session_id::text,
                            e.commitment_id::text, e.kind, e.evidence_type, e.title, e.url,
                            e.source, e.evidence_date::text, e.date_label, e.file_name,
                            e.media_type, e.size_bytes::text, e.sha256,
                            CASE WHEN e.kind = 'file' THEN $1 || '/evidence/' || e.id::text END,
                            open_data_time(e.created_at)] AS "row!: Row"
                 FROM evidence e
                 LEFT JOIN progress_updates u ON u.id = e.update_id
                 LEFT JOIN counterpart_reports r ON r.id = e.counterpart_report_id
                 LEFT JOIN milestones m ON m.id = COALESCE(u.milestone_id, r.milestone_id)
                 LEFT JOIN cocreation_sessions s ON s.id = e.session_id
                 LEFT JOIN commitments c ON c.id = COALESCE(e.commitment_id, m.commitment_id)
                 JOIN action_plans p ON p.id = COALESCE(c.plan_id, s.plan_id)
                WHERE p.phase <> 'draft'
                ORDER BY e.created_at, e.id"#,
            public_url
        )
        .fetch(db),
        "assessments" => sqlx::query_scalar!(
            r#"SELECT ARRAY[a.id::text, a.commitment_id::text, a.period_label, a.as_of::text,
                            a.verifiable::text, a.specificity,
                            array_to_string(a.relevance, ';'), a.potential_impact,
                            a.completion, a.early_results, a.starred::text, a.narrative,
                            a.source, a.source_label, open_data_time(a.created_at)]
                      AS "row!: Row"
                 FROM assessments a
                 JOIN commitments c ON c.id = a.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY a.commitment_id, a.as_of, a.id"#
        )
        .fetch(db),
        "round_assessments" => sqlx::query_scalar!(
            r#"SELECT ARRAY[a.id::text, a.commitment_id::text, rr.id::text, rr.label,
                            rr.opens_on::text, rr.closes_on::text, a.author_name,
                            open_data_time(a.assessed_at), a.completion, a.narrative,
                            a.communication, a.communication_note] AS "row!: Row"
                 FROM round_assessments a
                 JOIN reporting_rounds rr ON rr.id = a.round_id
                 JOIN commitments c ON c.id = a.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY rr.opens_on, rr.id, a.commitment_id, a.assessed_at, a.id"#
        )
        .fetch(db),
        "indicators" => sqlx::query_scalar!(
            r#"SELECT ARRAY[i.id::text, i.commitment_id::text, i.milestone_id::text, i.name,
                            i.unit, i.direction, i.baseline_value::text, i.baseline_date::text,
                            i.baseline_source, i.target_value::text, i.target_date::text,
                            open_data_time(i.created_at)] AS "row!: Row"
                 FROM indicators i
                 JOIN commitments c ON c.id = i.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY i.commitment_id, i.position, i.created_at, i.id"#
        )
        .fetch(db),
        "indicator_measurements" => sqlx::query_scalar!(
            r#"SELECT ARRAY[m.id::text, m.indicator_id::text, m.value::text,
                            m.measured_on::text, m.source, m.evidence_url,
                            (SELECT string_agg(d.key || ': ' || d.value, '; ' ORDER BY d.key)
                               FROM jsonb_each_text(m.disaggregation) d),
                            m.author_name, open_data_time(m.recorded_at), m.review_state,
                            open_data_time(m.reviewed_at)] AS "row!: Row"
                 FROM indicator_measurements m
                 JOIN indicators i ON i.id = m.indicator_id
                 JOIN commitments c ON c.id = i.commitment_id
                 JOIN action_plans p ON p.id = c.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY m.indicator_id, m.measured_on, m.recorded_at, m.id"#
        )
        .fetch(db),
        "proposals" => sqlx::query_scalar!(
            r#"SELECT ARRAY[o.id::text, o.plan_id::text, o.title, o.problem, o.proposal,
                            o.theme, o.institution_id::text, o.state, o.response,
                            open_data_time(o.responded_at), o.commitment_id::text,
                            (SELECT count(*) FROM supports s WHERE s.proposal_id = o.id)::text,
                            open_data_time(o.created_at), open_data_time(o.updated_at)]
                      AS "row!: Row"
                 FROM proposals o JOIN action_plans p ON p.id = o.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY o.created_at, o.id"#
        )
        .fetch(db),
        "working_sessions" => sqlx::query_scalar!(
            r#"SELECT ARRAY[s.id::text, s.plan_id::text, s.held_on::text, s.place,
                            s.online::text, array_to_string(s.sectors, ';'),
                            s.participants::text, s.summary] AS "row!: Row"
                 FROM cocreation_sessions s JOIN action_plans p ON p.id = s.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY s.held_on, s.id"#
        )
        .fetch(db),
        "forum_members" => sqlx::query_scalar!(
            r#"SELECT ARRAY[n.id::text, n.plan_id::text, n.institution_id::text,
                            n.institution_name, n.representative, n.sector, n.forum_role,
                            n.term_start::text, n.term_end::text, n.source, n.position::text]
                      AS "row!: Row"
                 FROM nucleo_members n JOIN action_plans p ON p.id = n.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY n.plan_id, n.position, n.id"#
        )
        .fetch(db),
        "forum_meetings" => sqlx::query_scalar!(
            r#"SELECT ARRAY[f.id::text, f.plan_id::text, f.held_on::text, f.attendance::text,
                            f.quorum_met::text, f.minutes, f.decisions] AS "row!: Row"
                 FROM forum_meetings f JOIN action_plans p ON p.id = f.plan_id
                WHERE p.phase <> 'draft'
                ORDER BY f.held_on, f.id"#
        )
        .fetch(db),
        _ => return None,
    };
    Some(stream)
}
