//! Placeholder: replaced by the hash-chained audit log.
#[derive(Debug)]
pub struct NewAuditEntry {
    pub actor_id: Option<uuid::Uuid>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}
pub async fn record(_conn: &mut sqlx::PgConnection, _entry: NewAuditEntry) -> sqlx::Result<()> {
    Ok(())
}
