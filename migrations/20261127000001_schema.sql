-- Abierto: the domain schema (DESIGN.md §2).
--
-- Conventions
--   * ids are uuid (the app generates UUID v7; gen_random_uuid() is only a fallback);
--   * times are timestamptz, calendar days are date;
--   * enumerations are text with a CHECK (not PostgreSQL enum types);
--   * text has length limits: names 200, titles 300, narrative 5000, long text 20000;
--   * foreign keys restrict deletion unless stated: the public record is never deleted.
-- Full-text search is in ..._search.sql; append-only guards and the audit log in
-- ..._append_only.sql.

-- ---------------------------------------------------------------------------------------
-- Shared helpers
-- ---------------------------------------------------------------------------------------

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION set_updated_at() IS
    'BEFORE UPDATE trigger: stamps updated_at with the transaction time.';

-- ---------------------------------------------------------------------------------------
-- Governments, institutions, accounts
-- ---------------------------------------------------------------------------------------

CREATE TABLE governments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    slug         text NOT NULL UNIQUE
                 CHECK (char_length(slug) <= 100 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    kind         text NOT NULL CHECK (kind IN ('national', 'local')),
    country_code char(2) NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE institutions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    government_id uuid NOT NULL REFERENCES governments (id),
    name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    acronym       text CHECK (char_length(acronym) BETWEEN 1 AND 30),
    slug          text NOT NULL UNIQUE
                  CHECK (char_length(slug) <= 100 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    sector        text NOT NULL
                  CHECK (sector IN ('government', 'civil_society', 'academia',
                                    'private_sector', 'multilateral')),
    website       text CHECK (char_length(website) <= 2000 AND website ~ '^https?://'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT institutions_government_name_key UNIQUE (government_id, name)
);

CREATE TABLE users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email          text NOT NULL
                   CHECK (char_length(email) BETWEEN 3 AND 254
                          AND email = btrim(email) AND position('@' IN email) > 1),
    display_name   text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
    -- Argon2id PHC string; NULL until the invitation is accepted.
    password_hash  text CHECK (char_length(password_hash) <= 512),
    role           text NOT NULL CHECK (role IN ('participant', 'official', 'nucleo', 'admin')),
    institution_id uuid REFERENCES institutions (id),
    locale         text NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'en')),
    active         boolean NOT NULL DEFAULT true,
    failed_logins  integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until   timestamptz,
    last_login_at  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_official_has_institution CHECK (role <> 'official' OR institution_id IS NOT NULL)
);

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_institution_id_idx ON users (institution_id);
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Invitations and password resets: single use, only the hash of the token is stored.
CREATE TABLE user_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) BETWEEN 16 AND 64),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX user_tokens_user_id_idx ON user_tokens (user_id);

-- tower-sessions-sqlx-store (PostgresStore) would create this itself; it exists here so the
-- schema is complete and the store's own migrate() is a no-op.
CREATE SCHEMA IF NOT EXISTS tower_sessions;
CREATE TABLE IF NOT EXISTS tower_sessions.session (
    id          text PRIMARY KEY NOT NULL,
    data        bytea NOT NULL,
    expiry_date timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS session_expiry_date_idx ON tower_sessions.session (expiry_date);

-- ---------------------------------------------------------------------------------------
-- Action plans and the multi-stakeholder forum
-- ---------------------------------------------------------------------------------------

CREATE TABLE action_plans (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    government_id     uuid NOT NULL REFERENCES governments (id),
    title             text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    slug              text NOT NULL UNIQUE
                      CHECK (char_length(slug) <= 100 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    -- The label OGP uses, e.g. 'Ecuador Action Plan 2019-2022'.
    ogp_label         text CHECK (char_length(ogp_label) <= 200),
    period_start      date NOT NULL,
    period_end        date NOT NULL,
    phase             text NOT NULL DEFAULT 'draft'
                      CHECK (phase IN ('draft', 'co_creation', 'implementation', 'closed')),
    cocreation_opens  timestamptz,
    cocreation_closes timestamptz,
    summary           text NOT NULL DEFAULT '' CHECK (char_length(summary) <= 20000),
    -- Illustrative demonstration content (shown with a notice).
    is_demo           boolean NOT NULL DEFAULT false,
    version           integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT action_plans_period_order CHECK (period_end >= period_start),
    CONSTRAINT action_plans_cocreation_window_order
        CHECK (cocreation_opens IS NULL OR cocreation_closes IS NULL
               OR cocreation_closes > cocreation_opens)
);

CREATE INDEX action_plans_government_id_idx ON action_plans (government_id);
CREATE TRIGGER action_plans_set_updated_at BEFORE UPDATE ON action_plans
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The forum (Grupo Núcleo) as constituted for a plan.
CREATE TABLE nucleo_members (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id          uuid NOT NULL REFERENCES action_plans (id),
    institution_id   uuid REFERENCES institutions (id),
    -- The institution's name as printed in the source.
    institution_name text NOT NULL CHECK (char_length(institution_name) BETWEEN 1 AND 300),
    representative   text CHECK (char_length(representative) <= 200),
    sector           text NOT NULL
                     CHECK (sector IN ('government', 'civil_society', 'academia',
                                       'private_sector', 'multilateral')),
    forum_role       text NOT NULL DEFAULT 'member'
                     CHECK (forum_role IN ('chair', 'co_chair', 'member', 'observer')),
    term_start       date,
    term_end         date,
    source           text CHECK (char_length(source) <= 20000),
    position         integer NOT NULL DEFAULT 0,
    CONSTRAINT nucleo_members_term_order
        CHECK (term_start IS NULL OR term_end IS NULL OR term_end >= term_start)
);

CREATE INDEX nucleo_members_plan_id_idx ON nucleo_members (plan_id, position);
CREATE INDEX nucleo_members_institution_id_idx ON nucleo_members (institution_id);

CREATE TABLE forum_meetings (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id    uuid NOT NULL REFERENCES action_plans (id),
    held_on    date NOT NULL,
    -- Members present.
    attendance integer NOT NULL DEFAULT 0 CHECK (attendance >= 0),
    quorum_met boolean NOT NULL DEFAULT false,
    minutes    text NOT NULL DEFAULT '' CHECK (char_length(minutes) <= 20000),
    decisions  text NOT NULL DEFAULT '' CHECK (char_length(decisions) <= 20000),
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX forum_meetings_plan_id_idx ON forum_meetings (plan_id, held_on DESC);

CREATE TABLE forum_meeting_attendees (
    meeting_id uuid NOT NULL REFERENCES forum_meetings (id) ON DELETE CASCADE,
    member_id  uuid NOT NULL REFERENCES nucleo_members (id),
    PRIMARY KEY (meeting_id, member_id)
);

CREATE INDEX forum_meeting_attendees_member_id_idx ON forum_meeting_attendees (member_id);

-- ---------------------------------------------------------------------------------------
-- Commitments (OGP commitment template) and milestones
-- ---------------------------------------------------------------------------------------

CREATE TABLE commitments (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id                 uuid NOT NULL REFERENCES action_plans (id),
    -- '1', '2', … as published in the plan.
    code                    text NOT NULL CHECK (char_length(code) BETWEEN 1 AND 20),
    -- OGP's id, e.g. 'EC0003'.
    ogp_id                  text CHECK (char_length(ogp_id) BETWEEN 1 AND 20),
    title                   text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    title_en                text CHECK (char_length(title_en) <= 300),
    slug                    text NOT NULL
                            CHECK (char_length(slug) <= 100 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    problem                 text NOT NULL DEFAULT '' CHECK (char_length(problem) <= 20000),
    causes                  text NOT NULL DEFAULT '' CHECK (char_length(causes) <= 20000),
    status_quo              text NOT NULL DEFAULT '' CHECK (char_length(status_quo) <= 20000),
    objective               text NOT NULL DEFAULT '' CHECK (char_length(objective) <= 20000),
    description             text NOT NULL DEFAULT '' CHECK (char_length(description) <= 20000),
    advances_transparency   text NOT NULL DEFAULT ''
                            CHECK (char_length(advances_transparency) <= 20000),
    advances_accountability text NOT NULL DEFAULT ''
                            CHECK (char_length(advances_accountability) <= 20000),
    advances_participation  text NOT NULL DEFAULT ''
                            CHECK (char_length(advances_participation) <= 20000),
    ogp_values              text[] NOT NULL DEFAULT '{}'
                            CHECK (ogp_values <@ ARRAY['access_to_information', 'civic_participation',
                                                      'public_accountability',
                                                      'technology_innovation']::text[]),
    policy_areas            text[] NOT NULL DEFAULT '{}'
                            CHECK (array_position(policy_areas, NULL) IS NULL),
    sdgs                    smallint[] NOT NULL DEFAULT '{}'
                            CHECK (sdgs <@ ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                                                 15, 16, 17]::smallint[]),
    start_date              date,
    end_date                date,
    state                   text NOT NULL DEFAULT 'draft'
                            CHECK (state IN ('draft', 'consultation', 'approved', 'withdrawn')),
    contact                 text NOT NULL DEFAULT '' CHECK (char_length(contact) <= 1000),
    -- Illustrative demonstration content (shown with a notice).
    is_illustrative         boolean NOT NULL DEFAULT false,
    -- Where the published facts come from (URLs, one a line).
    source                  text NOT NULL DEFAULT '' CHECK (char_length(source) <= 20000),
    approved_at             timestamptz,
    version                 integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT commitments_plan_code_key UNIQUE (plan_id, code),
    CONSTRAINT commitments_plan_slug_key UNIQUE (plan_id, slug),
    CONSTRAINT commitments_date_order
        CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
);

-- commitments(plan_id) lookups use the unique index on (plan_id, code).
CREATE INDEX commitments_ogp_id_idx ON commitments (ogp_id) WHERE ogp_id IS NOT NULL;
CREATE TRIGGER commitments_set_updated_at BEFORE UPDATE ON commitments
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Government and civil society share responsibility for a commitment.
CREATE TABLE commitment_actors (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commitment_id  uuid NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    institution_id uuid NOT NULL REFERENCES institutions (id),
    role           text NOT NULL CHECK (role IN ('lead', 'civil_society_co_lead', 'supporting')),
    position       integer NOT NULL DEFAULT 0,
    CONSTRAINT commitment_actors_commitment_institution_role_key
        UNIQUE (commitment_id, institution_id, role)
);

CREATE INDEX commitment_actors_institution_id_idx ON commitment_actors (institution_id);

CREATE TABLE milestones (
    id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commitment_id              uuid NOT NULL REFERENCES commitments (id),
    position                   integer NOT NULL,
    title                      text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    -- The deliverable.
    expected_output            text NOT NULL DEFAULT '' CHECK (char_length(expected_output) <= 5000),
    responsible_institution_id uuid REFERENCES institutions (id),
    weight                     integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 100),
    -- Frozen at approval.
    baseline_start             date,
    baseline_due               date,
    -- Current plan (changed only through milestone_replans).
    current_start              date,
    current_due                date,
    is_illustrative            boolean NOT NULL DEFAULT false,
    -- Cache of the latest counting progress update, kept in the same transaction.
    current_progress           smallint NOT NULL DEFAULT 0 CHECK (current_progress BETWEEN 0 AND 100),
    current_status             text NOT NULL DEFAULT 'not_started'
                               CHECK (current_status IN ('not_started', 'in_progress', 'completed',
                                                         'delayed', 'cancelled')),
    last_update_at             timestamptz,
    -- Optimistic locking; bumped by each new report.
    version                    integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT milestones_commitment_position_key UNIQUE (commitment_id, position),
    CONSTRAINT milestones_baseline_order
        CHECK (baseline_start IS NULL OR baseline_due IS NULL OR baseline_due >= baseline_start),
    CONSTRAINT milestones_current_order
        CHECK (current_start IS NULL OR current_due IS NULL OR current_due >= current_start)
);

-- milestones(commitment_id) lookups use the unique index on (commitment_id, position).
CREATE INDEX milestones_responsible_institution_id_idx ON milestones (responsible_institution_id);
CREATE TRIGGER milestones_set_updated_at BEFORE UPDATE ON milestones
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Every change of planned dates, with its reason: slippage is always visible.
CREATE TABLE milestone_replans (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    milestone_id  uuid NOT NULL REFERENCES milestones (id),
    old_start     date,
    old_due       date,
    new_start     date,
    new_due       date,
    reason        text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 5000),
    state         text NOT NULL DEFAULT 'requested'
                  CHECK (state IN ('requested', 'approved', 'rejected')),
    requested_by  uuid REFERENCES users (id),
    requested_at  timestamptz NOT NULL DEFAULT now(),
    decided_by    uuid REFERENCES users (id),
    decided_at    timestamptz,
    decision_note text CHECK (char_length(decision_note) <= 5000),
    CONSTRAINT milestone_replans_new_order
        CHECK (new_start IS NULL OR new_due IS NULL OR new_due >= new_start),
    CONSTRAINT milestone_replans_decided
        CHECK ((state = 'requested') = (decided_at IS NULL))
);

CREATE INDEX milestone_replans_milestone_id_idx ON milestone_replans (milestone_id, requested_at DESC);

-- Append-only (see ..._append_only.sql): a correction is a new update, never an edit. Only the
-- review columns change after insertion.
CREATE TABLE progress_updates (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    milestone_id    uuid NOT NULL REFERENCES milestones (id),
    author_id       uuid REFERENCES users (id),
    -- The author as shown at the time.
    author_name     text NOT NULL CHECK (char_length(author_name) BETWEEN 1 AND 200),
    reported_at     timestamptz NOT NULL DEFAULT now(),
    progress        smallint NOT NULL CHECK (progress BETWEEN 0 AND 100),
    status          text NOT NULL
                    CHECK (status IN ('not_started', 'in_progress', 'completed', 'delayed',
                                      'cancelled')),
    narrative       text NOT NULL CHECK (char_length(narrative) BETWEEN 1 AND 5000),
    is_illustrative boolean NOT NULL DEFAULT false,
    review_state    text NOT NULL DEFAULT 'pending'
                    CHECK (review_state IN ('pending', 'validated', 'returned', 'contested')),
    reviewed_by     uuid REFERENCES users (id),
    reviewed_at     timestamptz,
    -- Public: the reason for returning or contesting.
    review_note     text CHECK (char_length(review_note) <= 5000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT progress_updates_reviewed_at
        CHECK (review_state = 'pending' OR reviewed_at IS NOT NULL),
    CONSTRAINT progress_updates_review_reason
        CHECK (review_state NOT IN ('returned', 'contested') OR review_note IS NOT NULL)
);

CREATE INDEX progress_updates_milestone_reported_idx ON progress_updates (milestone_id, reported_at DESC);
-- The validation queue.
CREATE INDEX progress_updates_pending_idx ON progress_updates (reported_at) WHERE review_state = 'pending';
CREATE INDEX progress_updates_author_id_idx ON progress_updates (author_id);

-- ---------------------------------------------------------------------------------------
-- Co-creation
-- ---------------------------------------------------------------------------------------

-- Working sessions (mesas de trabajo).
CREATE TABLE cocreation_sessions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id      uuid NOT NULL REFERENCES action_plans (id),
    held_on      date NOT NULL,
    place        text NOT NULL DEFAULT '' CHECK (char_length(place) <= 300),
    online       boolean NOT NULL DEFAULT false,
    sectors      text[] NOT NULL DEFAULT '{}'
                 CHECK (sectors <@ ARRAY['government', 'civil_society', 'academia',
                                         'private_sector', 'multilateral']::text[]),
    participants integer NOT NULL DEFAULT 0 CHECK (participants >= 0),
    summary      text NOT NULL DEFAULT '' CHECK (char_length(summary) <= 20000),
    created_by   uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX cocreation_sessions_plan_id_idx ON cocreation_sessions (plan_id, held_on DESC);

-- A link or an uploaded file. Attached to exactly one of: a progress update (then
-- append-only), a co-creation session, or a commitment as a whole (dated public evidence).
CREATE TABLE evidence (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    update_id     uuid REFERENCES progress_updates (id),
    session_id    uuid REFERENCES cocreation_sessions (id),
    commitment_id uuid REFERENCES commitments (id),
    kind          text NOT NULL CHECK (kind IN ('link', 'file')),
    evidence_type text NOT NULL
                  CHECK (evidence_type IN ('document', 'dataset', 'legal_act', 'photo', 'minutes',
                                           'web_page')),
    title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    url           text CHECK (char_length(url) <= 2000 AND url ~ '^https?://'),
    source        text NOT NULL DEFAULT '' CHECK (char_length(source) <= 1000),
    evidence_date date,
    -- The date as the source gives it ('2020', 'by 2022', '2021-12-15').
    date_label    text NOT NULL DEFAULT '' CHECK (char_length(date_label) <= 100),
    file_name     text CHECK (char_length(file_name) BETWEEN 1 AND 255),
    -- Sniffed from the content, not taken from the upload.
    media_type    text CHECK (char_length(media_type) <= 255),
    size_bytes    bigint CHECK (size_bytes >= 0),
    sha256        text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key   text CHECK (char_length(storage_key) BETWEEN 1 AND 500),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT evidence_kind_fields
        CHECK ((kind = 'link' AND url IS NOT NULL)
               OR (kind = 'file' AND storage_key IS NOT NULL AND sha256 IS NOT NULL)),
    CONSTRAINT evidence_one_target CHECK (num_nonnulls(update_id, session_id, commitment_id) = 1)
);

CREATE INDEX evidence_update_id_idx ON evidence (update_id) WHERE update_id IS NOT NULL;
CREATE INDEX evidence_session_id_idx ON evidence (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX evidence_commitment_id_idx ON evidence (commitment_id) WHERE commitment_id IS NOT NULL;

CREATE TABLE proposals (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id        uuid NOT NULL REFERENCES action_plans (id),
    author_id      uuid REFERENCES users (id),
    title          text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    problem        text NOT NULL CHECK (char_length(problem) <= 20000),
    proposal       text NOT NULL CHECK (char_length(proposal) <= 20000),
    theme          text NOT NULL DEFAULT '' CHECK (char_length(theme) <= 200),
    institution_id uuid REFERENCES institutions (id),
    state          text NOT NULL DEFAULT 'submitted'
                   CHECK (state IN ('submitted', 'under_review', 'accepted', 'merged',
                                    'not_accepted')),
    -- The forum's reasoned response (public).
    response       text CHECK (char_length(response) <= 20000),
    responded_by   uuid REFERENCES users (id),
    responded_at   timestamptz,
    commitment_id  uuid REFERENCES commitments (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT proposals_reasoned_response
        CHECK (state IN ('submitted', 'under_review') OR response IS NOT NULL)
);

CREATE INDEX proposals_plan_state_idx ON proposals (plan_id, state);
CREATE INDEX proposals_author_id_idx ON proposals (author_id);
CREATE INDEX proposals_commitment_id_idx ON proposals (commitment_id) WHERE commitment_id IS NOT NULL;
CREATE TRIGGER proposals_set_updated_at BEFORE UPDATE ON proposals
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One support per user and proposal.
CREATE TABLE supports (
    proposal_id uuid NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (proposal_id, user_id)
);

CREATE INDEX supports_user_id_idx ON supports (user_id);

-- On a proposal, a commitment or a milestone. Moderation hides, never deletes.
CREATE TABLE comments (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    proposal_id   uuid REFERENCES proposals (id),
    commitment_id uuid REFERENCES commitments (id),
    milestone_id  uuid REFERENCES milestones (id),
    author_id     uuid REFERENCES users (id),
    author_name   text NOT NULL CHECK (char_length(author_name) BETWEEN 1 AND 200),
    body          text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
    hidden_at     timestamptz,
    hidden_by     uuid REFERENCES users (id),
    hidden_reason text CHECK (char_length(hidden_reason) BETWEEN 1 AND 1000),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT comments_one_target CHECK (num_nonnulls(proposal_id, commitment_id, milestone_id) = 1),
    CONSTRAINT comments_hidden_reason CHECK (hidden_at IS NULL OR hidden_reason IS NOT NULL)
);

CREATE INDEX comments_proposal_id_idx ON comments (proposal_id, created_at) WHERE proposal_id IS NOT NULL;
CREATE INDEX comments_commitment_id_idx ON comments (commitment_id, created_at) WHERE commitment_id IS NOT NULL;
CREATE INDEX comments_milestone_id_idx ON comments (milestone_id, created_at) WHERE milestone_id IS NOT NULL;
CREATE INDEX comments_author_id_idx ON comments (author_id);

-- ---------------------------------------------------------------------------------------
-- Monitoring
-- ---------------------------------------------------------------------------------------

-- Aligned with the IRM scales (DESIGN.md §6); source_label keeps the rating as published.
CREATE TABLE assessments (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commitment_id    uuid NOT NULL REFERENCES commitments (id),
    period_label     text NOT NULL CHECK (char_length(period_label) BETWEEN 1 AND 200),
    as_of            date,
    verifiable       boolean,
    -- IRM specificity (before 2021): none / low / medium / high.
    specificity      text CHECK (specificity IN ('none', 'low', 'medium', 'high')),
    relevance        text[] NOT NULL DEFAULT '{}'
                     CHECK (relevance <@ ARRAY['access_to_information', 'civic_participation',
                                               'public_accountability',
                                               'technology_innovation']::text[]),
    -- Potential impact (none…transformative) or, from 2020, potential for results
    -- (unclear, modest, substantial).
    potential_impact text CHECK (potential_impact IN ('none', 'minor', 'moderate', 'transformative',
                                                      'unclear', 'modest', 'substantial')),
    completion       text CHECK (completion IN ('no_evidence', 'not_started', 'limited',
                                                'substantial', 'complete', 'withdrawn', 'unclear')),
    -- Did it open government (worsened…outstanding) or early results (no_notable, moderate,
    -- significant).
    early_results    text CHECK (early_results IN ('worsened', 'did_not_change', 'marginal', 'major',
                                                   'outstanding', 'no_notable', 'moderate',
                                                   'significant')),
    starred          boolean,
    narrative        text NOT NULL DEFAULT '' CHECK (char_length(narrative) <= 20000),
    source           text NOT NULL DEFAULT 'forum' CHECK (source IN ('forum', 'irm_import', 'irm')),
    source_label     text NOT NULL DEFAULT '' CHECK (char_length(source_label) <= 1000),
    author_id        uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX assessments_commitment_id_idx ON assessments (commitment_id, as_of DESC);

CREATE TABLE follows (
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    commitment_id uuid NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, commitment_id)
);

-- Who to notify about a commitment.
CREATE INDEX follows_commitment_id_idx ON follows (commitment_id);

-- A frozen monitoring report (corte). Immutable (see ..._append_only.sql).
CREATE TABLE report_snapshots (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id      uuid NOT NULL REFERENCES action_plans (id),
    period_label text NOT NULL CHECK (char_length(period_label) BETWEEN 1 AND 200),
    as_of        date NOT NULL,
    report_json  jsonb NOT NULL,
    -- Hex SHA-256 of the exact report bytes published.
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by   uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX report_snapshots_plan_id_idx ON report_snapshots (plan_id, as_of DESC);

CREATE TABLE report_signoffs (
    snapshot_id uuid NOT NULL REFERENCES report_snapshots (id),
    member_id   uuid NOT NULL REFERENCES nucleo_members (id),
    signed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (snapshot_id, member_id)
);

CREATE INDEX report_signoffs_member_id_idx ON report_signoffs (member_id);

-- ---------------------------------------------------------------------------------------
-- Operations
-- ---------------------------------------------------------------------------------------

-- The daily job's "ran once" record: INSERT … ON CONFLICT DO NOTHING claims the day.
CREATE TABLE job_runs (
    name   text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    run_on date NOT NULL,
    ran_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, run_on)
);
