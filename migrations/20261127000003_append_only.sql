-- Append-only history and the audit log.
--
-- The public record is kept, not edited: a correction is a new progress update, a hidden
-- comment stays in the table, a frozen report stays frozen. These triggers enforce that for
-- every client, not only the app. Violations raise SQLSTATE 23001 (restrict_violation).
-- An operator who truly must repair data does it explicitly (ALTER TABLE … DISABLE TRIGGER)
-- and the act is visible in the server log.

-- Rejects DELETE and TRUNCATE; on UPDATE, rejects any change outside the columns named as
-- trigger arguments. The whole row is compared (as jsonb, with IS DISTINCT FROM), so a
-- column added later is protected without touching this function.
CREATE FUNCTION append_only_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    mutable text[] := coalesce(TG_ARGV::text[], '{}');
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
            IF cardinality(mutable) = 0 THEN
                RAISE EXCEPTION '% is append-only: UPDATE is not allowed', TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END IF;
            RAISE EXCEPTION '% is append-only: only % may change', TG_TABLE_NAME,
                array_to_string(mutable, ', ')
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

COMMENT ON FUNCTION append_only_guard() IS
    'Trigger: rejects DELETE/TRUNCATE, and UPDATE of any column not listed in the trigger arguments.';

-- Progress updates: only the review may change. ("search" is generated from narrative.)
CREATE TRIGGER progress_updates_append_only
    BEFORE UPDATE OR DELETE ON progress_updates
    FOR EACH ROW
    EXECUTE FUNCTION append_only_guard('review_state', 'reviewed_by', 'reviewed_at', 'review_note', 'search');
CREATE TRIGGER progress_updates_no_truncate
    BEFORE TRUNCATE ON progress_updates
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();

-- Evidence attached to a progress update is part of the report: never edited or removed,
-- and existing evidence cannot be attached to a report afterwards.
CREATE FUNCTION evidence_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'evidence may hold reported evidence: TRUNCATE is not allowed'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.update_id IS NOT NULL OR (TG_OP = 'UPDATE' AND NEW.update_id IS NOT NULL) THEN
        RAISE EXCEPTION 'evidence of a progress update is append-only: % is not allowed', TG_OP
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER evidence_append_only
    BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_guard();
CREATE TRIGGER evidence_no_truncate
    BEFORE TRUNCATE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_guard();

-- Comments are hidden by moderation, never deleted.
CREATE TRIGGER comments_no_delete
    BEFORE DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION append_only_guard();

-- A frozen report (corte) never changes once stored.
CREATE TRIGGER report_snapshots_immutable
    BEFORE UPDATE OR DELETE ON report_snapshots
    FOR EACH ROW EXECUTE FUNCTION append_only_guard();

-- ---------------------------------------------------------------------------------------
-- Audit log: every write, hash-chained
-- ---------------------------------------------------------------------------------------
-- hash = SHA-256 over (prev_hash ‖ canonical row content), computed by the app; a
-- verification command walks the rows in id order. Appends must be serialised by the writer
-- (e.g. pg_advisory_xact_lock): the unique indexes below make a forked chain impossible
-- (a concurrent append fails instead of silently branching).
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    actor_label text NOT NULL CHECK (char_length(actor_label) <= 200),
    action      text NOT NULL CHECK (char_length(action) BETWEEN 1 AND 100),
    entity      text NOT NULL CHECK (char_length(entity) BETWEEN 1 AND 100),
    entity_id   text CHECK (char_length(entity_id) <= 200),
    before      jsonb,
    after       jsonb,
    request_id  text CHECK (char_length(request_id) <= 200),
    prev_hash   bytea CHECK (octet_length(prev_hash) = 32),
    hash        bytea NOT NULL CHECK (octet_length(hash) = 32)
);

COMMENT ON TABLE audit_log IS
    'Append-only, hash-chained record of every write; actor_id deliberately has no foreign key.';

CREATE UNIQUE INDEX audit_log_hash_key ON audit_log (hash);
CREATE UNIQUE INDEX audit_log_prev_hash_key ON audit_log (prev_hash);
-- Only one row may start the chain.
CREATE UNIQUE INDEX audit_log_genesis_key ON audit_log ((true)) WHERE prev_hash IS NULL;
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor_id_idx ON audit_log (actor_id, id) WHERE actor_id IS NOT NULL;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard();
