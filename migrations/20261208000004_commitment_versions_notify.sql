-- The public commitment page shows the change history, so a new version must reach the page
-- caches like any other public change.
CREATE TRIGGER commitment_versions_notify_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON commitment_versions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
