//! The audit log's chain rule: each entry's hash covers the previous entry's hash and the
//! entry's own content, so editing, removing or reordering a stored entry breaks every hash
//! after it.
//!
//! The content is encoded canonically before hashing, so the same entry always gives the
//! same bytes:
//!
//! 1. the tag `abierto.audit_log.v1`;
//! 2. the previous entry's hash, or 32 zero bytes for the first entry;
//! 3. each field in declaration order, as one presence byte (`0` absent, `1` present) and,
//!    when present, its length in bytes (`u64`, big-endian) followed by its UTF-8 text.
//!
//! A field's text is: `at` in RFC 3339 with microseconds in UTC
//! (`2026-11-27T10:15:00.123456Z`), `actor_id` hyphenated in lower case, JSON as
//! `serde_json::to_string` writes it (object keys sorted: serde_json's `preserve_order`
//! feature must stay off), and every other field as it is.
//!
//! Hash what is read back: PostgreSQL keeps microseconds (finer digits are ignored here) and
//! `jsonb` rewrites numbers, so the store hashes JSON as the database returns it.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Names the encoding; a new encoding gets a new tag.
const ENCODING_TAG: &[u8] = b"abierto.audit_log.v1";

/// The hash before the first entry.
const GENESIS: [u8; 32] = [0; 32];

/// The content of one audit log entry: who did what to which entity, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: Option<String>,
}

/// The hash of `record` chained to the hash of the entry before it (`None` for the first).
pub fn chain_hash(prev: Option<&[u8; 32]>, record: &AuditRecord) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(ENCODING_TAG);
    hasher.update(prev.unwrap_or(&GENESIS));
    let at = record.at.to_rfc3339_opts(SecondsFormat::Micros, true);
    let actor_id = record.actor_id.map(|id| id.hyphenated().to_string());
    let before = record.before.as_ref().map(Value::to_string);
    let after = record.after.as_ref().map(Value::to_string);
    let fields = [
        Some(at.as_str()),
        actor_id.as_deref(),
        Some(record.actor_label.as_str()),
        Some(record.action.as_str()),
        Some(record.entity.as_str()),
        record.entity_id.as_deref(),
        before.as_deref(),
        after.as_deref(),
        record.request_id.as_deref(),
    ];
    for field in fields {
        match field {
            None => hasher.update([0]),
            Some(text) => {
                hasher.update([1]);
                hasher.update((text.len() as u64).to_be_bytes());
                hasher.update(text.as_bytes());
            }
        }
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde_json::json;

    use super::*;

    fn record() -> AuditRecord {
        AuditRecord {
            at: Utc
                .with_ymd_and_hms(2026, 11, 27, 10, 15, 0)
                .single()
                .expect("valid time")
                + chrono::Duration::microseconds(123_456),
            actor_id: Some(Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0001)),
            actor_label: "Ana Torres".to_owned(),
            action: "user.create".to_owned(),
            entity: "user".to_owned(),
            entity_id: Some("42".to_owned()),
            before: None,
            after: Some(json!({"email": "ana@example.org", "role": "official"})),
            request_id: Some("req-1".to_owned()),
        }
    }

    /// A change to one field, named for the failure message.
    type Edit = fn(&mut AuditRecord);

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_same_entry_always_hashes_the_same() {
        assert_eq!(chain_hash(None, &record()), chain_hash(None, &record()));
    }

    #[test]
    fn the_encoding_does_not_drift() {
        // Computed independently from the encoding described above. Stored chains depend on
        // these bytes: a change here needs a new ENCODING_TAG.
        assert_eq!(
            hex(&chain_hash(None, &record())),
            "998d01f9fad415234d3e30e0a357a5e5dc2737a49a2290e3e801bfd97cddcc2b"
        );
    }

    #[test]
    fn changing_any_field_changes_the_hash() {
        let original = chain_hash(None, &record());
        let edits: [(&str, Edit); 13] = [
            ("at", |r| r.at += chrono::Duration::microseconds(1)),
            ("actor_id", |r| r.actor_id = Some(Uuid::nil())),
            ("actor_id absent", |r| r.actor_id = None),
            ("actor_label", |r| r.actor_label.push('.')),
            ("action", |r| r.action = "user.update".to_owned()),
            ("entity", |r| r.entity = "users".to_owned()),
            ("entity_id", |r| r.entity_id = Some("43".to_owned())),
            ("entity_id absent", |r| r.entity_id = None),
            ("before", |r| r.before = Some(json!({}))),
            ("after", |r| {
                r.after = Some(json!({"email": "ana@example.org"}))
            }),
            ("after absent", |r| r.after = None),
            ("request_id", |r| r.request_id = Some("req-2".to_owned())),
            ("request_id absent", |r| r.request_id = None),
        ];
        for (field, edit) in edits {
            let mut changed = record();
            edit(&mut changed);
            assert_ne!(chain_hash(None, &changed), original, "{field}");
        }
    }

    #[test]
    fn the_previous_hash_is_part_of_the_hash() {
        let first = chain_hash(None, &record());
        let after_first = chain_hash(Some(&first), &record());
        let after_other = chain_hash(Some(&[7; 32]), &record());
        assert_ne!(after_first, first);
        assert_ne!(after_first, after_other);
    }

    #[test]
    fn the_first_entry_chains_to_zeros() {
        assert_eq!(
            chain_hash(None, &record()),
            chain_hash(Some(&[0; 32]), &record())
        );
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let mut split_early = record();
        split_early.actor_label = "ab".to_owned();
        split_early.action = "c".to_owned();
        let mut split_late = record();
        split_late.actor_label = "a".to_owned();
        split_late.action = "bc".to_owned();
        assert_ne!(
            chain_hash(None, &split_early),
            chain_hash(None, &split_late)
        );
    }

    #[test]
    fn an_empty_field_differs_from_an_absent_one() {
        let mut empty = record();
        empty.entity_id = Some(String::new());
        let mut absent = record();
        absent.entity_id = None;
        assert_ne!(chain_hash(None, &empty), chain_hash(None, &absent));
    }

    #[test]
    fn json_key_order_does_not_matter() {
        let mut one = record();
        one.after = Some(serde_json::from_str(r#"{"b": 1, "a": {"d": 2, "c": 3}}"#).expect("json"));
        let mut other = record();
        other.after =
            Some(serde_json::from_str(r#"{"a": {"c": 3, "d": 2}, "b": 1}"#).expect("json"));
        assert_eq!(chain_hash(None, &one), chain_hash(None, &other));
    }

    #[test]
    fn time_finer_than_a_microsecond_is_not_hashed() {
        // PostgreSQL stores microseconds: the row read back must hash as it did when written.
        let mut finer = record();
        finer.at += chrono::Duration::nanoseconds(999);
        assert_eq!(chain_hash(None, &finer), chain_hash(None, &record()));
    }
}
