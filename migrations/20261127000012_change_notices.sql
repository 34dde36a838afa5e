-- Each app node keeps anonymous pages in memory and must learn at once of any change that
-- could alter one, whichever node (or script) made it. Every table the public pages and the
-- open-data API read carries a statement trigger that sends NOTIFY abierto_changes with the
-- table's name; PostgreSQL delivers it at commit and folds repeats within one transaction.

CREATE FUNCTION notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('abierto_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

-- Left out: the audit log (each audited change also writes its own table), sign-in tokens and
-- job bookkeeping (never shown), and the migrations table.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT tablename FROM pg_tables
        WHERE schemaname = 'public'
          AND tablename NOT IN ('users', 'audit_log', 'user_tokens', 'job_runs', '_sqlx_migrations')
    LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                 FOR EACH STATEMENT EXECUTE FUNCTION notify_change()',
            t || '_notify_change', t);
    END LOOP;
END;
$$;

-- People's names and roles show on public pages; their sign-in bookkeeping (last login,
-- failed attempts, password) changes often and shows nowhere.
CREATE TRIGGER users_notify_change
    AFTER INSERT OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER users_notify_profile_change
    AFTER UPDATE OF display_name, role, institution_id, active, email ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
