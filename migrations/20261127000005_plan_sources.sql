-- Where a plan's published facts come from (plan document, OGP page, IRM reports).
ALTER TABLE action_plans ADD COLUMN sources text[] NOT NULL DEFAULT '{}';
