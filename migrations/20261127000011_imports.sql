-- Imports from OGP's commitments data export: the plan's number within its government
-- ("Action Plan Number", 1 for a member's first plan) is the natural key an import matches
-- plans by, so importing the same file twice creates nothing new.
ALTER TABLE action_plans ADD COLUMN ogp_plan_number smallint
    CHECK (ogp_plan_number BETWEEN 1 AND 100);

ALTER TABLE action_plans ADD CONSTRAINT action_plans_government_plan_number_key
    UNIQUE (government_id, ogp_plan_number);
