-- What OGP's commitments export holds, kept whole (docs/imports.md):
-- titles up to 1,000 characters and descriptions up to 100,000 (room for the long texts some
-- members publish); institution names up to 500 (lists written as one name);
-- the IRM's "No early results to report yet", which is not "did not change"; and why a
-- rating is empty: not reviewed (NR) or no data (ND), by field.

ALTER TABLE commitments
    DROP CONSTRAINT commitments_title_check,
    ADD CONSTRAINT commitments_title_check CHECK (char_length(title) BETWEEN 1 AND 1000),
    DROP CONSTRAINT commitments_title_en_check,
    ADD CONSTRAINT commitments_title_en_check CHECK (char_length(title_en) <= 1000),
    DROP CONSTRAINT commitments_description_check,
    ADD CONSTRAINT commitments_description_check CHECK (char_length(description) <= 100000);

ALTER TABLE institutions
    DROP CONSTRAINT institutions_name_check,
    ADD CONSTRAINT institutions_name_check CHECK (char_length(name) BETWEEN 1 AND 500);

ALTER TABLE assessments
    DROP CONSTRAINT assessments_early_results_check,
    ADD CONSTRAINT assessments_early_results_check
        CHECK (early_results IN ('worsened', 'did_not_change', 'marginal', 'major', 'outstanding',
                                 'no_early_results', 'no_notable', 'moderate', 'significant')),
    -- {"specificity": "not_reviewed", "completion": "no_data", ...}: only for empty ratings.
    ADD COLUMN absent_marks jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT assessments_absent_marks_check
        CHECK (jsonb_typeof(absent_marks) = 'object'
               AND NOT jsonb_path_exists(absent_marks,
                                         '$.* ? (@ != "not_reviewed" && @ != "no_data")'));
