-- Whose plans an account may act on. An account with an institution belongs to the
-- institution's government; this column says it for accounts without one: a forum member
-- named by their government, or a government's administrator (an administrator without it
-- administers the whole platform).
ALTER TABLE users ADD COLUMN government_id uuid REFERENCES governments (id);

-- Forum members without an institution on an instance of one government belong to it.
UPDATE users
   SET government_id = (SELECT id FROM governments)
 WHERE role = 'nucleo' AND institution_id IS NULL
   AND (SELECT count(*) FROM governments) = 1;
