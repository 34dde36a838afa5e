-- The account a login session belongs to, so that a password change or reset can end the
-- account's other sessions. NULL for a session without a login (an anonymous form token).
ALTER TABLE tower_sessions.session ADD COLUMN user_id uuid;

-- Sessions logged in before this column existed: the id is in the session data (`auth`).
UPDATE tower_sessions.session
   SET user_id = (convert_from(data, 'UTF8')::jsonb -> 'auth' ->> 'user_id')::uuid
 WHERE convert_from(data, 'UTF8')::jsonb -> 'auth' ->> 'user_id'
       ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

CREATE INDEX session_user_id_idx ON tower_sessions.session (user_id) WHERE user_id IS NOT NULL;
