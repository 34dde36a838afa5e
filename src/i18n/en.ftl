# Abierto message catalogue. Keys are kept in step with the other language by a test.

skip-to-content = Skip to content
nav-label = Main navigation
nav-plans = Action plans
nav-search = Search
switch-language = Español
footer-about = Abierto: public tracking of Open Government Partnership action plans, from co-creation to the last milestone. Data published under an open licence.
breadcrumbs = Breadcrumbs
home-title = Home
home-heading = Open Government action plans
home-intro = Read every commitment, milestone and progress report, with its evidence and its validation by the multi-stakeholder forum. No account needed.
home-active-plans = Current plans
home-no-active-plans = No plan is in co-creation or implementation right now.
home-earlier-plans = Earlier plans
plans-none = No plan has been published yet.
government-plans = Action plans
government-no-plans = This government has no published plan yet.
government-forums = Each plan's multi-stakeholder forum:
government-institutions = Institutions
government-no-institutions = No institution of this government is recorded yet.
plans-filters = Filter plans
plans-filter-country = Country
plans-filter-kind = National or local
plans-filter-phase = Phase
plans-filter-year = Year covered
plans-filter-invalid = That filter matches no value of its list (a two-letter country, national or local, a published phase, a year from 2011).
plans-showing = Plans { $first }–{ $last } of { $total }
plans-none-match = No published plan matches those filters.
plans-pages = Plan pages
plan-commitment-count =
    { $count ->
        [one] 1 commitment
       *[other] { $count } commitments
    }
milestone-count =
    { $count ->
        [one] 1 milestone
       *[other] { $count } milestones
    }
demo-notice-title = Demonstration data.
demo-notice = Plans, commitments, institutions and the forum come from the public sources cited on each page; milestones and reports marked as illustrative are invented examples that show how the tracker works.
illustrative-notice = This commitment is real, but its milestones or progress reports marked as illustrative are invented examples: the public sources do not publish that detail.
illustrative-milestone = Illustrative milestone (not from a source).
illustrative = illustrative
plan-phase = Phase
plan-overall-progress = Overall progress
plan-health-summary = Summary of commitment health
plan-commitments = Commitments
plan-no-commitments = No commitment matches the filters.
plan-reports = Monitoring reports
plan-live-report = Monitoring report to date (HTML, PDF, XLSX, CSV, JSON; any cut-off date)
forum-link = Multi-stakeholder forum (Grupo Núcleo) of this plan
filters = Filter commitments
filter-institution = Institution
filter-value = OGP value
filter-health = Health
filter-all = All
filter-apply = Filter
filter-clear = Clear filters
filter-showing = Showing { $count } commitments.
ogp-values = OGP values
progress = Progress
progress-actual = Progress: { $value } %
progress-expected = expected by now: { $value } %
progress-validated = Validated: { $value } %
progress-claim-pending = { $value } % reported by the institution, pending validation
progress-claim-contested = { $value } % reported by the institution, contested
commitment = Commitment
commitment-progress = Commitment progress
how-computed = How is this percentage computed?
how-computed-text = Each milestone has two figures. Validated progress is that of the latest report the forum validated; reported progress is that of the institution's latest report that was not returned, pending validation or contested included. On the bar, what is validated is solid and what is reported but not yet validated is hatched (red when contested). A commitment's progress is the weighted average of its milestones, for each figure; cancelled milestones do not count. The vertical tick is the progress expected by now, which grows linearly from each milestone's start to its due date. Health uses the figure that leads the plan, as the forum decides: validated progress when the plan shows both figures side by side (the default) or leads with the validated one, and reported progress only when the plan leads with the reported one. A commitment is at risk when it is more than 15 points behind expected, and a milestone is completed only once its complete report was validated.
progress-reported-column = Reported
progress-validated-column = Validated
result-progress-reported = reported progress: { $value } %
result-progress-validated = Validated progress: { $value } %
headline-validated = Validated by the forum
headline-reported = Reported by the institutions
headline-reported-pending = includes reports pending validation
headline-reported-contested = includes contested reports
headline-health-validated = Commitment health is computed from validated progress.
headline-health-reported = Commitment health is computed from reported progress, as the forum decided.
how-computed-plan-both = The plan has two figures. Validated progress is the plain average of its commitments that are not withdrawn, on what the forum validated; reported progress is the same average on what the institutions reported, reports pending validation and contested ones included (returned ones do not count). The forum chose to show both side by side; health is computed from validated progress.
how-computed-plan-validated = The plan has two figures. Validated progress is the plain average of its commitments that are not withdrawn, on what the forum validated; reported progress is the same average on what the institutions reported, reports pending validation and contested ones included (returned ones do not count). The forum chose to lead with validated progress, and health is computed from it.
how-computed-plan-reported = The plan has two figures. Validated progress is the plain average of its commitments that are not withdrawn, on what the forum validated; reported progress is the same average on what the institutions reported, reports pending validation and contested ones included (returned ones do not count). The forum chose to lead with reported progress, and health is computed from it; validated progress is shown beside it.
headline-figure-title = The plan's headline figure
headline-figure-legend = Which figure leads the plan's public page?
headline-figure-hint = Both figures are always shown, each with its name. The leading one comes first and commitment health is computed from it; with both side by side, health is computed from validated progress.
headline-figure-both = Both figures side by side (validated and reported)
headline-figure-validated = Progress validated by the forum
headline-figure-reported = Progress reported by the institutions
headline-figure-save = Save the headline figure
headline-figure-unknown = That headline figure does not exist: choose both, validated or reported.
flash-headline-saved = The plan's headline figure was saved.
result-expected = expected progress: { $value } %
milestone = Milestone
milestones = Milestones
weight = Weight
counted = Counted?
yes = Yes
no = No
actors = Responsible institutions and counterparts
institution = Institution
role = Role
sector = Sector
no-milestones = This commitment has no milestones yet.
expected-output = Deliverable
responsible = Responsible institution
responsible-unknown = Not given in the sources
baseline-dates = Baseline dates
current-dates = Current dates
slipped-days =
    { $days ->
        [one] 1 day late
       *[other] { $days } days late
    }
history = Progress history
no-history = No progress report yet.
reported-progress = Reported progress: { $value } %
review-note = Review note
reported-by = Reported by
commitment-template = Commitment template
field-problem = Problem addressed
field-causes = Causes
field-status-quo = Status quo
field-objective = Commitment and objective
field-description = Description of the solution
field-transparency = How it advances transparency
field-accountability = How it advances accountability
field-participation = How it advances civic participation
field-contact = Contact
field-not-in-sources = Not given in the sources consulted.
policy-areas = Policy areas (OGP)
assessments = Assessments
no-assessments = No assessment yet.
assessment-period = Period
verifiable = Verifiable
relevance = Relevance to OGP values
potential-impact = Potential impact
early-results = Early results
as-published = Rating as published
public-evidence = Dated public evidence
sources = Sources
forum-title = Multi-stakeholder forum (Grupo Núcleo)
forum-intro = The Grupo Núcleo is the multi-stakeholder forum of government, academia and civil society that co-creates the plan, accompanies its implementation and monitors its results.
forum-member-count =
    { $count ->
        [one] 1 member
       *[other] { $count } members
    }
forum-none = The forum's membership is not published for this plan.
representative = Representative
forum-role = Role in the forum
term = Term
term-as-published = As published in the plan
institution-commitments = Commitments it takes part in
institution-no-commitments = It takes part in no published commitment.
institution-milestones = Milestones it is responsible for
institution-no-milestones = It is responsible for no milestone.
due = Due
search-label = Search commitments, milestones, reports and institutions
search-button = Search
search-results =
    { $count ->
        [0] No results
        [one] 1 result
       *[other] { $count } results
    }
search-kind-commitment = commitment
search-kind-milestone = milestone
search-kind-institution = institution
search-range = Results { $first }–{ $last } of { $total }
search-filters = Narrow the search
search-filter-type = Type
search-filter-government = Government
search-in-plan = Only in the plan “{ $plan }”
search-whole-record = search every plan
search-in-this-plan = Search this plan
error-search-filter = That search filter does not exist: choose the type and the government from the lists.
search-pages = Result pages
search-previous = ← Previous
search-next = Next →
search-kind-update = progress report
date-unknown = no date
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
error-not-found-title = Page not found
error-server-title = Something went wrong
error-request-title = The request could not be handled
error-not-found = This address matches no published page. Check the link or go back to the start page.
error-unavailable = The service is unavailable right now. Please try again in a few seconds.
error-internal = An unexpected error occurred. If it persists, share the request id with the support team.
error-bad-request = The request is not valid.
error-method = This action is not available at this address.
error-too-large = The upload exceeds the maximum size allowed.
error-timeout = The request took too long. Please try again.
error-bad-page = That page of results does not exist.
error-search-too-long = The search is too long: use at most 200 characters.
error-request-id = Request id:
error-back-home = Back to the start page
password-too-short = The password must have at least 12 characters. A phrase of several words is easy to remember and hard to guess.
password-too-long = The password can have at most 128 characters.
password-common = That password is among the most used and is easy to guess. Choose another, for example a phrase of several words.
password-contains-personal-data = The password must not contain your email address or be your name.
password-repetitive = The password cannot be a single character repeated.
plan-phase-draft = Draft
plan-phase-co-creation = Co-creation
plan-phase-implementation = Implementation
plan-phase-closed = Closed
commitment-state-draft = Draft
commitment-state-consultation = In public consultation
commitment-state-approved = Approved
commitment-state-withdrawn = Withdrawn
milestone-status-not-started = Not started
milestone-status-in-progress = In progress
milestone-status-completed = Completed
milestone-status-delayed = Delayed
milestone-status-cancelled = Cancelled
milestone-status-claimed-pending = Reported as completed, pending validation
milestone-status-claimed-contested = Reported as completed, contested
review-state-pending = Reported, awaiting validation
review-state-validated = Validated
review-state-returned = Returned
review-state-contested = Contested
health-completed = Completed
health-on-track = On track
health-at-risk = At risk
health-overdue = Overdue
health-not-started = Not started
health-unmeasured = No milestones to measure
progress-unmeasured = No milestones to measure
irm-status = IRM: { $completion }
irm-status-early = IRM, early results: { $early }
irm-status-both = IRM: { $completion } · early results: { $early }
irm-summary = Commitments without milestones, by the IRM's completion rating:
irm-completion-none = No completion rating
health-cancelled = Cancelled
ogp-value-access-to-information = Access to information
ogp-value-civic-participation = Civic participation
ogp-value-public-accountability = Public accountability
ogp-value-technology-innovation = Technology and innovation for transparency and accountability
sector-government = Government
sector-civil-society = Civil society
sector-academia = Academia
sector-private-sector = Private sector
sector-multilateral = Multilateral organisation
actor-role-lead = Lead institution
actor-role-civil-society-co-lead = Civil-society counterpart
actor-role-supporting = Supporting actor
role-participant = Participant
role-official = Official
role-counterpart = Civil-society counterpart
fulfilment-yes = Yes
fulfilment-partly = Partly
fulfilment-no = No
role-nucleo = Forum member
role-admin = Administrator
evidence-type-document = Document
evidence-type-dataset = Dataset
evidence-type-legal-act = Legal act
evidence-type-photo = Photo
evidence-type-minutes = Minutes
evidence-type-web-page = Web page
proposal-state-submitted = Submitted
proposal-state-under-review = Under review
proposal-state-accepted = Accepted
proposal-state-merged = Merged into a commitment
proposal-state-not-accepted = Not accepted
forum-role-chair = Chair
forum-role-co-chair = Co-chair
forum-role-member = Member
forum-role-observer = Observer
impact-none = None
impact-minor = Minor
impact-moderate = Moderate
impact-transformative = Transformative
impact-unclear = Unclear
impact-modest = Modest
impact-substantial = Substantial
completion-no-evidence = No evidence available
completion-not-started = Not started
completion-limited = Limited
completion-substantial = Substantial
completion-complete = Complete
completion-withdrawn = Withdrawn
completion-unclear = Unclear
early-results-worsened = Worsened
early-results-did-not-change = Did not change
early-results-marginal = Marginal
early-results-major = Major
early-results-outstanding = Outstanding
early-results-no-notable = No notable results
early-results-moderate = Moderate
early-results-no-early-results = No early results to report yet
irm-absence-not-reviewed = Not reviewed
irm-absence-no-data = No data
early-results-significant = Significant
assessment-source-forum = Forum
assessment-source-irm-import = IRM, imported
assessment-source-irm = IRM

# Accounts and access
nav-login = Log in
nav-logout = Log out
nav-account = My account
nav-user-menu = Signed in as { $name }
login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
field-email = Email
field-password = Password
login-too-many-from-address = Too many failed attempts from this connection. Wait 15 minutes before trying again.
login-refused = The email or the password is not correct. After several failed attempts the account is locked for { $minutes } minutes: wait, or reset your password.
error-busy = Many passwords are being checked right now. Wait a few seconds and try again.
reset-too-many-from-address = Too many reset requests from this connection. Wait 15 minutes before trying again.
account-password-changed-others-ended = Your password was changed. Your sessions on other devices were closed.
error-unauthorized-title = You need to log in
error-unauthorized = This action needs an account. Log in and try again.
error-forbidden-title = Action not allowed
error-role-needed = Role needed: { $roles }.
error-csrf = The form expired or did not come from this site. Reload the page and try again; nothing was saved.
error-too-many = Too many requests. Wait a few minutes and try again.
policy-role-needed = Your account does not have the role this action needs.
policy-other-institution = You may only act on your own institution's milestones.
policy-not-co-lead = Your institution is not a civil-society co-lead of this commitment.
policy-other-government = This account acts on its own government's plans; this plan belongs to another. Ask someone of that forum or the platform's administration.
policy-platform-admin = Only the platform's administration adds governments; this account administers one government.
policy-plan-not-in-implementation = The plan is not in its implementation phase: progress cannot be reported.
policy-window-closed = This plan's co-creation window is closed: proposals are no longer accepted.
policy-comments-closed = Comments are closed in this phase of the plan.

# Account, invitations, password resets
field-name = Name
account-change-password = Change password
account-current-password = Current password
account-new-password = New password
account-current-wrong = The current password is not correct.
account-password-changed = Your password was changed.
account-language = Interface language
account-save-language = Save language
password-hint = At least 12 characters; a phrase of several words makes a good password.
invite-title = Invite a person
invite-hint-forum = (officials of the responsible institutions, or forum members, so that each has an account of their own)
invite-submit = Send invitation
invite-no-institution = No institution
invite-email-invalid = Enter a valid email address.
invite-email-taken = An account with that email exists already.
invite-name-required = Enter the person's name (up to 200 characters).
invite-institution-required = An official or a counterpart needs an institution.
invite-sent = Invitation sent to { $email }.
invite-link-shown = No mail server is configured; share this single-use link:
invite-mail-subject = Invitation to Abierto
invite-mail-body =
    You have been invited to Abierto, the tracker of the Open Government action plan.

    Choose your password at this link (valid 14 days, single use):
    { $link }
invitation-title = Accept the invitation
set-password-submit = Save password
reset-title = Reset your password
reset-submit = Send link
reset-sent = If an account exists with that email, we sent it a link to choose a new password. The link is valid for 2 hours.
reset-mail-subject = Reset your Abierto password
reset-mail-body =
    Someone asked to reset the password of your Abierto account. If it was you, choose a new one at this link (valid 2 hours, single use):
    { $link }

    If you did not ask, ignore this message.
token-invalid = The link is not valid: it was used already or has expired. Ask for a new one.
# Administration
nav-admin = Administration
admin-nav-label = Administration sections
admin-users = User accounts
admin-institutions = Institutions
admin-governments = Governments
admin-filter-users = Filter accounts
admin-user-count =
    { $count ->
        [one] 1 account
       *[other] { $count } accounts
    }
admin-field-role = Role
admin-field-display-name = Name
admin-field-institution = Institution
admin-field-active = Active
admin-field-active-explained = Active account (can log in)
admin-field-last-login = Last login
admin-field-name = Name
admin-field-acronym = Acronym
admin-field-sector = Sector
admin-field-website = Website
admin-field-government = Government
admin-field-public-page = Public page
admin-field-kind = Kind
admin-field-country-code = Country code
admin-field-slug = Identifier in addresses
admin-country-code-hint = Two letters as in ISO 3166-1, for example EC.
admin-never = Never
admin-no-institution = No institution
admin-choose = Choose an option
admin-save = Save
admin-saved = The changes were saved.
admin-form-has-errors = Nothing was saved: correct the fields marked.
admin-back-to-users = Back to the accounts
admin-back-to-institutions = Back to the institutions
admin-new-institution = New institution
admin-no-institutions = There are no institutions yet.
admin-housekeeping = Tidy the directory
admin-merge-link = Merge with another institution (the same institution recorded twice)
admin-split-link = Split into several institutions (a list recorded as one name)
admin-back-to = Back to { $name }
admin-merge = Merge
admin-merge-title = Merge “{ $name }” with another institution
admin-merge-explained = Choose the institution that stays: everything that names this one moves to it and this one leaves the directory. Only institutions of the same government are offered.
admin-merge-into = Institution that stays
admin-merge-preview = See what will move
admin-merge-what = Merging “{ $name }” into “{ $into }” moves to “{ $into }”:
admin-merge-address = The address /institutions/{ $old } will lead to /institutions/{ $new }.
admin-merge-name-kept = A later OGP import that brings “{ $name }” links the institution that stays instead of creating it again.
admin-merge-no-undo = A merge cannot be undone; it stays in the audit log.
admin-merge-yes = Merge into “{ $into }”
admin-merged = Institutions merged.
admin-error-merge-target = Choose another institution of the same government.
admin-refs-none = Nothing names it yet.
admin-refs-commitment-links =
    { $count ->
        [one] 1 part in a commitment
       *[other] { $count } parts in commitments
    }
admin-refs-milestones =
    { $count ->
        [one] 1 milestone in its charge
       *[other] { $count } milestones in its charge
    }
admin-refs-accounts =
    { $count ->
        [one] 1 account
       *[other] { $count } accounts
    }
admin-refs-forum-seats =
    { $count ->
        [one] 1 forum seat
       *[other] { $count } forum seats
    }
admin-refs-proposals =
    { $count ->
        [one] 1 proposal
       *[other] { $count } proposals
    }
admin-refs-aliases =
    { $count ->
        [one] 1 earlier name already merged
       *[other] { $count } earlier names already merged
    }
admin-split-title = Split
admin-split-heading = Split “{ $name }” into several institutions
admin-split-explained = The first line stays as this institution's name (its address does not change); each other line becomes an institution of the same government and sector, taking part in the same commitments in the same role. Its milestones, accounts and forum seats stay with the first: review them afterwards.
admin-split-refs = This institution has:
admin-split-names = Institutions, one per line
admin-split-names-hint = Proposed as the OGP import would split the name; correct it before splitting. 2 to 50 different names of up to 500 characters.
admin-split-yes = Split
admin-split = Institution split.
admin-error-split-few = Write at least two names, one per line.
admin-error-split-many = A split creates at most 50 institutions.
admin-error-split-too-long = Each name has at most 500 characters.
admin-error-split-repeated = Some names are repeated.
admin-error-split-exists = That government already has an institution with one of those names: merge it instead of creating it.
admin-filter-institutions = Search institutions
admin-filter-invalid = That filter does not exist: choose one of the options in the list.
admin-search-words = Search
admin-search-users-hint = Email, name or institution; accents and case are ignored.
admin-search-institutions-hint = Name or acronym; accents and case are ignored.
admin-list-showing = { $first }–{ $last } of { $total }
admin-list-pages = Pages of the list
admin-none-match = Nothing matches that search.
admin-institution-count =
    { $count ->
        [one] 1 institution
       *[other] { $count } institutions
    }
admin-field-commitments = Commitments
admin-field-milestones = Milestones in charge
admin-field-accounts = Accounts
admin-new-government = New government
admin-no-governments = There are no governments yet.
admin-slug-explained = The address of the public page is made from the name.
admin-slug-kept = The address of the public page does not change when the institution is renamed, so published links keep working.
government-kind-national = National
government-kind-local = Local
admin-error-required = This field is required.
admin-error-too-long = Write at most { $max } characters.
admin-error-website = Write a full address starting with https:// or http://.
admin-error-country-code = Write two letters, for example EC.
admin-error-choose = Choose one of the options in the list.
admin-error-official-needs-institution = An official's or a counterpart's account needs an institution.
admin-error-cannot-demote-self = You cannot remove the administrator role from yourself.
admin-error-cannot-deactivate-self = You cannot deactivate your own account.
admin-error-institution-exists = An institution with this name, or with the same page address, already exists.
admin-error-government-exists = A government with this name, or with the same page address, already exists.
admin-error-name-needs-letters = The name needs at least one letter or digit.

# Implementation tracking
implementation-title = Implementation: my institution's milestones
implementation-summary = Milestones by urgency
implementation-none = Your institution has no milestones in plans under implementation.
urgency-overdue = Overdue
urgency-due-soon = Due within 30 days
urgency-at-risk = At risk
urgency-stale = No report in 60 days
urgency-rest = Up to date
last-report = Last report
never = never
report-progress = Report progress
report-latest = Latest report
report-field-progress = Progress (0 to 100 %)
report-field-status = Status
report-field-narrative = What was done and what remains
report-narrative-hint = Up to 5,000 characters. This text will be public.
report-evidence-links = Evidence (links)
report-link-url = Link
report-link-type = Evidence type
report-link-source = Source
report-link-date = Date
report-submit = Submit report
form-has-errors = Check the marked fields; your text was kept.
error-summary-title = There is a problem
report-photo-or-file = Add a photo or file
report-link-details = Type, source and date of link
report-more-evidence = Add another file or link
report-conflict-title = Another report arrived first.
report-conflict = While you were writing, the report shown below was recorded. Your text is still in the form: review it and send it again.
report-progress-invalid = Enter a whole number from 0 to 100.
report-status-invalid = Choose a status.
report-narrative-required = Describe the progress: the text is required.
report-narrative-too-long = The text may have at most 5,000 characters.
report-completed-needs-100 = A completed milestone has 100 % progress.
report-100-needs-completed = At 100 % progress, the status is «Completed».
report-link-invalid = The link must start with http:// or https:// and point to a web site.
report-link-type-invalid = Choose the evidence type.
report-link-date-invalid = Enter the date as YYYY-MM-DD.
implementation-nav = My milestones

# Monitoring
queue-title = Reports awaiting validation
queue-count =
    { $count ->
        [0] No pending reports.
        [one] 1 pending report.
       *[other] { $count } pending reports.
    }
review-decision = Decision
review-validate = Validate
review-return = Return to the institution
review-contest = Contest
review-note-label = Note (required to return or contest)
review-submit = Record decision
review-note-visibility = When you validate or contest, the note is published with the report. When you return it, only the reporting institution sees the note.
review-earlier = Earlier reports on this milestone
review-evidence-download = download
review-evidence-none = This report carries no evidence.
review-evidence = Evidence
review-dates = Milestone's current dates
review-until-now = Validated so far
review-reported = Reported
review-decision-invalid = Choose validate, return or contest.
review-note-required = To return or contest a report, write the reason.
review-note-too-long = The note may have at most 2,000 characters.
review-already-done = This report was reviewed already by someone else.
monitoring-nav = Monitoring
rounds-title = Reporting rounds
rounds-link = Reporting rounds: which milestones still lack a report
rounds-explained = In each round the forum expects a report on every milestone under way (OGP asks for the repository to be updated at least twice a year). A report counts for the round that holds the day (UTC) it was filed; a plan's rounds do not overlap.
rounds-none = This plan has no reporting rounds yet.
rounds-add-semiannual = Add semi-annual rounds for the plan's whole period
rounds-new = New round
rounds-add = Add the round
round-field-label = Round name
round-field-opens = Opens on
round-field-closes = Closes on
round-open-now = Open now
round-counts = { $count ->
    [0] No milestone expected in this round
   *[other] { $reported } of { $count } milestones reported
}
round-missing = { $count ->
    [0] Every expected milestone has a report
    [one] 1 milestone without a report in this round
   *[other] { $count } milestones without a report in this round
}
round-responsible = Responsible institution
round-last-report = Last report
round-never-reported = Never
round-delete = Remove this round
round-delete-explained = Reports are not deleted: they only stop counting for this round.
round-semester-label = { $half ->
    [1] First half { $year }
   *[other] Second half { $year }
}
round-added = The round was added.
round-added-semiannual = The semi-annual rounds that meet no existing round were added.
round-deleted = The round was removed.
round-error-label = Write a name for the round.
round-error-label-long = The name takes up to 200 characters.
round-error-date = Write a valid date (YYYY-MM-DD).
round-error-order = The round cannot close before it opens.
round-error-overlap = The dates overlap another round of the plan.
round-error-label-taken = The plan already has a round with that name.
round-error-too-many = The plan already has the maximum of 60 rounds.

# Feeds
feed-all = Abierto: reported progress
feed-link = Subscribe to progress (Atom)
feed-reported-pending = { $value } % reported by the institution, pending validation
feed-reported-validated = { $value } % reported by the institution, validated by the forum
feed-reported-returned = { $value } % reported by the institution, returned by the forum (does not count)
feed-reported-contested = { $value } % reported by the institution, contested by the forum
feed-commitment-validated = The commitment's validated progress: { $value } %.
feed-counterpart = Counterpart ({ $institution }): { $completion }; { $endorsement }
feed-forum = Forum, { $round }: { $completion }
feed-forum-communication = Communication strategy carried out: { $value }.

# Re-planning
replan-title = Ask for new dates
replan-intro = Baseline dates never change: the public page will show both and the days of slippage. The forum approves or rejects the request.
replan-new-start = New start date
replan-new-due = New due date
replan-reason = Reason for the change
replan-submit = Send request
replan-date-invalid = Enter the date as YYYY-MM-DD.
replan-reason-required = Explain the reason (up to 2,000 characters).
replan-due-before-start = The due date cannot come before the start.
replan-same-dates = The dates asked for are the current ones.
replans-title = Requests for new dates
replans-none = No pending requests.
replan-proposed = Dates asked for
replan-approve = Approve
replan-reject = Reject
replan-note = Note (optional)
replan-link = Ask for new dates

# Evidence files
report-evidence-files = Evidence (files)
report-files-hint = PDF, images (PNG, JPEG, WebP), documents and spreadsheets (ODT, ODS, DOCX, XLSX), CSV or text; up to 20 MB each. If the form comes back with an error, choose the files again.
report-file = File
report-file-too-large = The file exceeds the { $megabytes } MB maximum; nothing was saved.
report-file-type-refused = This file is not of an accepted type (judged by its content, not its name): use PDF, an image, a document, a spreadsheet, CSV or text. Nothing was saved.
replan-state-requested = Requested, awaiting decision
replan-state-approved = Approved by the forum
replan-state-rejected = Rejected by the forum

## --- imports and backup ---
import-title = Import commitments and milestones
import-intro = Upload the plan template (XLSX with the sheets "commitments" and "milestones", or one CSV with a "kind" column). Commitments are updated by their code and milestones by commitment code and position; nothing is deleted. With the dry run on, the file is only checked and nothing changes.
import-download-template = Download the plan as a template (XLSX)
import-file = File (XLSX or CSV)
import-file-hint = The template is the download's own format: edit it and upload it.
import-dry-run = Dry run: check the file without saving anything
import-submit = Import
import-no-file = Choose an .xlsx or .csv file.
import-unreadable = The file cannot be read as an XLSX or CSV spreadsheet.
import-refused-hint = Nothing was read or saved. Download the template, copy your data into it and upload it again.
import-refused-declared-count = The file declares more text entries than it can hold (the mark of files made to exhaust the server's memory).
import-refused-grid = A sheet uses cells beyond a template's maximum: 5,000 rows and 64 columns (up to BL).
import-refused-csv-size = The CSV has more than 5,000 rows or more than 64 columns, more than any plan.
archive-refused-damaged = The file is not a valid XLSX, DOCX or ODS: it is damaged or not what its name says.
archive-refused-entries = The file holds too many internal parts to be an ordinary document or spreadsheet.
archive-refused-size = Uncompressed, the file would take more than a document or spreadsheet may.
archive-refused-ratio = A part of the file expands abnormally when uncompressed (the mark of files made to exhaust memory).
archive-refused-unsupported = The file has encrypted parts or parts compressed in an unsupported way: save it without a password and upload it again.
archive-refused-lies = The file's content does not match the sizes it declares: it is damaged or tampered with.
import-errors-caption = Problems found in the file
import-sheet = Sheet
import-row-heading = Row
import-column = Column
import-message = Problem
import-row = row { $row }
import-failed = { $count ->
    [one] The file has one problem; nothing was saved.
   *[other] The file has { $count } problems; nothing was saved.
}
import-dry-run-done = Dry run without problems: this is what the import would do (nothing was saved).
import-done = Import finished.
import-created = { $count ->
    [one] 1 new row
   *[other] { $count } new rows
}
import-updated = { $count ->
    [one] 1 row updated
   *[other] { $count } rows updated
}
import-unchanged = { $count ->
    [one] 1 row unchanged
   *[other] { $count } rows unchanged
}
import-error-required = This value is missing.
import-error-too-long = The text is longer than { $value } characters.
import-error-date = "{ $value }" is not a YYYY-MM-DD date.
import-error-date-order = The end date is before the start date.
import-error-number = Must be a whole number between { $value }.
import-error-value = Value not allowed; use: { $value }.
import-error-missing-column = The header lacks this column.
import-error-missing-sheet = The sheet is missing.
import-error-duplicate = "{ $value }" appears more than once in the file.
import-error-unknown-institution = There is no institution with the identifier "{ $value }".
import-error-unknown-commitment = There is no commitment with the code "{ $value }" in the file or the plan.
import-error-dates-frozen = The commitment is approved: its milestones' dates change only through a re-plan request.
import-error-approval-no-milestones = An approved commitment needs at least one milestone: add its rows to the "milestones" sheet.
import-error-approval-no-responsible = Milestone { $value } of an approved commitment needs a responsible institution.
import-error-approval-no-dates = Milestone { $value } of an approved commitment needs baseline start and due dates.
import-error-approval-dates-outside-period = Milestone { $value } of an approved commitment has baseline dates outside the plan's period.
import-error-approval-current-dates = Milestone { $value } of an approved commitment needs current dates equal to its baseline dates (approval sets them so; later they change only through a re-plan request).
import-error-baseline-frozen = The commitment was approved before it was withdrawn: its milestones' baseline dates no longer change.
ogp-created = OGP import finished. Created:
ogp-created-governments = { $count ->
    [one] 1 government
   *[other] { $count } governments
}
ogp-created-plans = { $count ->
    [one] 1 plan
   *[other] { $count } plans
}
ogp-created-institutions = { $count ->
    [one] 1 institution
   *[other] { $count } institutions
}
ogp-created-commitments = { $count ->
    [one] 1 commitment
   *[other] { $count } commitments
}
ogp-created-assessments = { $count ->
    [one] 1 IRM assessment
   *[other] { $count } IRM assessments
}
ogp-skipped = { $count ->
    [one] 1 row skipped:
   *[other] { $count } rows skipped:
}
ogp-report = { $count ->
    [one] 1 report line (a value read with an interpretation, or not read):
   *[other] { $count } report lines (values read with an interpretation, or not read):
}
ogp-date-unreadable = no date could be read: left empty
ogp-date-ambiguous = day and month could be either way: read as { $value }
ogp-date-order-from-other-date = the order of day and month follows the row's other date: { $value }
ogp-date-quarter = a quarter: read as { $value }
ogp-date-month-only = a month without a day: read as { $value }
ogp-date-year-only = a year alone: read as { $value }
ogp-date-serial = a spreadsheet serial number: read as { $value }
ogp-date-end-before-start = the end is before the start ({ $value }): end left empty
ogp-institutions-split = several institutions: { $value }
ogp-institution-placeholder = names no institution: left out
ogp-sector-guessed = the name tells no sector: { $value } assumed
ogp-text-clipped = longer than the limit: kept the first characters ({ $value })
ogp-country-kosovo = Kosovo: stored with the code { $value }
ogp-country-local-member = a local member: a local government of { $value }
ogp-country-unknown = unknown country code: a government of its own, code { $value }
ogp-code-unreadable = not a commitment number: the OGP id { $value } used instead
ogp-code-repeated = the plan has this number already: stored as { $value }
ogp-irm-unreadable = not a value of the scale ({ $value }): left empty
ogp-skip-exists = the commitment exists already (same OGP id)
ogp-skip-code-taken = the plan has another commitment with the code { $value }
ogp-skip-no-id = the commitment identifier is missing
ogp-skip-no-country = the country or locality is missing
ogp-skip-unknown-country = unknown country code "{ $value }"
ogp-skip-no-plan-number = invalid plan number "{ $value }"
ogp-skip-no-title = the title is missing
ogp-skip-no-years = the plan's year of submission is missing
ogp-unreadable-csv = The file cannot be read as CSV ({ $value }). Nothing was stored.
ogp-unreadable-column = The header lacks the column "{ $value }": use OGP's commitments export as downloaded. Nothing was stored.
ogp-import-title = Import OGP data
ogp-import-intro = Upload OGP's commitments export (CSV, the columns OGP publishes). It creates the governments (by country code; local members as local governments of their country), their plans by OGP plan number, the institutions by name and the commitments with their IRM assessments.
ogp-import-twice = A commitment already imported (same OGP id) is skipped: importing the same file twice creates nothing new.
ogp-import-report-explained = Every value that could not be read or was read with an interpretation (ambiguous dates, quarters, institution lists, clipped texts…) goes into the import's report, which can be downloaded as CSV.
ogp-import-file = OGP commitments export (CSV)
ogp-import-file-hint = The file is checked when it arrives; if it is not OGP's export, nothing is stored.
ogp-import-submit = Import
ogp-import-runs = Earlier imports
ogp-import-no-runs = No file has been imported from this page yet.
commitment-unmeasured-explained = This commitment has no milestones to measure (it came so from OGP's data): its status is the IRM's latest assessment, detailed below.
commitment-unmeasured-no-irm = This commitment has no milestones to measure and the IRM did not assess its completion: there is no progress figure to show.
ogp-run-received = File received: the import is being stored.
ogp-run-status-running = Running
ogp-run-status-done = Finished
ogp-run-status-failed = Failed: nothing was stored
ogp-run-status-interrupted = Interrupted (the server stopped during the import): nothing was stored
ogp-run-running-explained = The file was read and the import is being stored in one transaction: until it ends, none of it is visible.
ogp-run-check-again = Check the status now
ogp-run-download-report = Download the report (CSV)
ogp-run-id = OGP id
ogp-run-value = Value
ogp-run-done = What was done
ogp-run-more-lines = The first { $shown } of { $count } lines are shown; the CSV has them all.
ogp-run-nothing-stored = The whole import was undone; you can try again.
ogp-run-back = Back to the OGP imports
ogp-run-failed-store = The database refused the import (the server's log says why).
ogp-run-skipped = { $count ->
    [0] No row skipped
    [one] 1 row skipped
   *[other] { $count } rows skipped
}
ogp-run-values = { $count ->
    [0] No value read with an interpretation
    [one] 1 value read with an interpretation, or not read
   *[other] { $count } values read with an interpretation, or not read
}

## --- co-creation: proposals, responses, working sessions ---
proposals-title = Citizen proposals
proposals-intro = The public's proposals for this plan, with the support they receive and the forum's reasoned response.
proposals-received = Proposals received
proposals-none = No proposals yet.
proposals-back = Back to the proposals
cocreation-panel = Co-creation panel
panel-proposals = proposals received
panel-answered = with a reasoned response
panel-sessions = working sessions held
panel-sectors = sectors represented
panel-days-open = days the consultation was open
window-open-until = The consultation is open until { $date }.
window-upcoming = The consultation opens on { $opens } and stays open until { $closes } (last day included). You can then send proposals and comment on the commitments under consultation.
window-over = The consultation was open from { $opens } to { $closes }.
window-dates-unknown = The consultation has no dates yet. The forum will publish them here; you can then send proposals and comment on the commitments under consultation.
proposals-none-yet = No proposals yet. Those that participants send will appear here, each with the forum's reasoned response.
proposals-none-filtered = No proposal matches these filters.
filter-proposal-state = State
filter-theme = Theme
proposal-new = Submit a proposal
proposal-new-intro = Describe the problem and what you propose. The forum will answer every proposal publicly.
proposal-field-title = Title
proposal-field-problem = Problem
proposal-field-proposal = Proposal
proposal-field-theme = Theme
proposal-field-institution = Institution addressed
proposal-no-institution = None in particular
proposal-submit = Submit proposal
proposal-field-required = This field is required.
proposal-field-too-long = The text is too long.
proposal-institution-invalid = Choose an institution from the list.
proposal-supports =
    { $count ->
        [one] 1 supporter
       *[other] { $count } supporters
    }
proposal-comments =
    { $count ->
        [one] 1 comment
       *[other] { $count } comments
    }
proposal-support = Support this proposal
proposal-unsupport = Withdraw my support
proposal-response = Reasoned response
proposal-no-response = No response yet.
proposal-responded-on = Answered on
proposal-commitment = Commitment
comment-new = Your comment
comment-submit = Comment
comment-log-in = Log in to comment.
comment-hidden = Comment hidden by moderation. Reason:
comment-hide = Hide
comment-hide-reason = Reason
comment-hide-reason-required = Give the reason for hiding the comment.
comment-already-hidden = The comment was already hidden.
register-title = Register of proposals and responses
register-intro = Every input received, the forum's response and the commitment it shaped.
register-link = Register of proposals and responses
register-answered = answered
register-shaped = shaped a commitment
register-csv = Download the register (CSV)
register-date = Date
register-state = Decision
register-supports = Supporters
triage-title = Proposals to answer
triage-intro = Review each proposal and publish a reasoned response: it is required to accept, merge or not accept it.
respond-title = Respond
respond-hint = Published on the proposal's page and in the register. Required except for "Received" and "Under review".
respond-no-commitment = None
respond-public-page = See the public page
respond-submit = Save the response
response-required = Write the reasoned response: this decision requires it.
response-state-invalid = Choose a decision from the list.
response-commitment-required = Choose the commitment the proposal is merged into.
response-commitment-invalid = Choose a commitment of this plan.
response-mail-subject = Response to your proposal
response-mail-intro = The forum answered your proposal "{ $title }".
sessions-title = Working sessions
sessions-intro = The working sessions of this plan's co-creation: date, place, sectors, participants and summary.
sessions-link = Working sessions
sessions-none = No working sessions recorded yet.
sessions-manage-title = Record a working session
session-date = Date
session-place = Place
session-online = Online
session-sectors = Sectors taking part
session-participants = Number of participants
session-participants-count =
    { $count ->
        [one] 1 participant
       *[other] { $count } participants
    }
session-summary = Summary or minutes
session-evidence = Evidence (links)
session-link = Link
session-submit = Record the session
session-date-invalid = Give the date (YYYY-MM-DD).
session-place-required = Give the place or tick "Online".
session-sector-invalid = Choose sectors from the list.
session-participants-invalid = Give a number of participants (0 or more).
session-link-invalid = Each link must start with http:// or https://.
## --- co-creation: phases, drafting, consultation comments, forum ---
cocreation-title = Co-creation
cocreation-intro = The forum takes each plan from draft to co-creation, implementation and closing, drafts the commitments and keeps the forum's record.
cocreation-plan = Plan
cocreation-government = Government
cocreation-period = Period
cocreation-window = Co-creation window
cocreation-commitments = Commitments
plan-new = New action plan
plan-title-field = Plan title
plan-slug-field = Short address
plan-slug-hint = Lower-case letters, digits and hyphens, e.g. ecuador-2026-2028. It forms the plan's public address.
plan-period-start = Period start
plan-period-end = Period end
plan-create = Create plan (draft)
plan-title-invalid = Enter a title of up to 300 characters.
plan-slug-invalid = Use only lower-case letters, digits and hyphens (up to 100 characters).
plan-slug-taken = Another plan already uses this address.
plan-period-order = The period cannot end before it starts.
plan-version-stale = Someone else changed this plan while you had the form open. Reopen the page to see where it stands; nothing was saved.
form-version-invalid = The form is incomplete (its version is missing). Reopen the page.
phase-unknown = That phase does not exist.
phase-move-co-creation = Open co-creation
phase-move-implementation = Move to implementation
phase-move-closed = Close the plan
phase-refused-backwards = Phases only move forward: a plan never returns to an earlier phase.
phase-refused-same = The plan is already in that phase.
phase-refused-skip = Phases are not skipped: the plan goes through co-creation and implementation.
phase-refused-gaps = The plan cannot move to implementation yet. What is missing is listed below.
window-intro = While the window is open, participants submit proposals and comment on commitments in consultation.
window-opens = Opens on
window-closes = Closes on (last day included)
window-date-invalid = Enter the date as YYYY-MM-DD.
window-closes-before-opens = The window cannot close before it opens.
window-change = Change the window
window-only-in-cocreation = The window is changed while the plan is in co-creation.
window-not-set = Not set
window-open-now = open now
gaps-title = What is missing before implementation
gap-commitment = Commitment { $code }
gap-milestone = Milestone { $position }
gap-not-approved = is neither approved nor withdrawn
gap-no-milestones = has no milestones
gap-no-responsible = has no responsible institution
gap-no-dates = has no start and due dates
gap-dates-outside-period = has dates outside the plan's period
gap-no-commitments = The plan has no commitments.
forum-manage = Manage the forum
public-page = Public page
commitment-new = New commitment
commitment-edit = Commitment
commitments-none = No commitments yet.
commitment-code = Number
commitment-ogp-id = OGP id
commitment-title-field = Title
commitment-title-en = Title in English
commitment-state = State
commitment-save = Save
commitment-move-draft = Back to drafting
commitment-move-consultation = Open public consultation
commitment-move-approved = Approve
commitment-move-withdrawn = Withdraw
commitment-version-stale = Someone else changed this commitment while you had the form open. Reopen it; nothing was saved.
commitment-state-unknown = That state does not exist.
commitment-state-same = The commitment is already in that state.
commitment-state-approved-final = An approved commitment can only be withdrawn.
commitment-state-withdrawn-final = A withdrawn commitment no longer changes state.
consultation-needs-cocreation = Public consultation opens only while the plan is in co-creation.
drafting-closed = Commitments are drafted while the plan is a draft or in co-creation.
drafting-closed-read-only = This plan is past co-creation: the commitment is shown as approved and cannot be edited; new dates are requested from each milestone.
approval-refused-gaps = The commitment cannot be approved yet:
baseline-frozen-note = the baseline was frozen at approval
template-legend = Commitment template (OGP)
template-policy-areas-hint = Separated by commas.
template-sdgs = Sustainable Development Goals
sdg-number = SDG { $number }
template-start = Start date
template-end = End date
milestones-form-hint = Leave a row blank to skip it. After approval the milestones and their baseline dates stay fixed (date changes are requested as new dates).
milestone-title-field = Milestone title
milestone-output-field = Expected output
milestone-responsible-field = Responsible institution
milestone-weight-field = Weight
milestone-baseline-start = Start (baseline)
milestone-baseline-due = Due (baseline)
draft-code-invalid = Use letters, digits, dots or hyphens, starting with a letter or digit (up to 20 characters).
draft-code-taken = Another commitment of this plan already has that number.
draft-title-required = Enter the title (up to 300 characters).
draft-text-too-long = The text is too long.
draft-date-invalid = Enter the date as YYYY-MM-DD.
draft-end-before-start = The end date cannot be before the start date.
draft-choice-invalid = Choose an option from the list.
draft-actor-twice = An institution appears twice in the same role.
draft-policy-areas-invalid = Up to 10 areas of up to 100 characters each.
draft-milestone-title-required = Each milestone needs a title.
draft-weight-invalid = The weight is a number from 1 to 100.
draft-too-many-milestones = A commitment has at most 30 milestones.
draft-baseline-frozen = The commitment is approved: this baseline date no longer changes. Request new dates during implementation.
draft-milestones-frozen = The commitment is approved: milestones are neither added nor removed.
commitment-comments = Comments
comments-none = No comments yet.
comments-closed = Comments are closed for this commitment.
comments-commitment-closed = This commitment takes no comments now: comments are open during public consultation in co-creation, or once approved during implementation.
comment-add = Your comment
comment-body-required = Write your comment.
comment-body-too-long = The comment is longer than 5,000 characters.
comment-hide-reason-too-long = The reason is longer than 1,000 characters.
comment-hidden-placeholder = Comment hidden by the forum.
comment-hidden-reason = Reason
forum-public-page = The forum's public page
forum-members = Members
forum-member-add = Add a member
forum-term-start = Term start
forum-term-end = Term end
forum-meeting-add = Record a meeting
forum-meeting-date = Meeting date
forum-meeting-attendees = Attendees
forum-quorum-met = Quorum met
forum-minutes = Minutes
forum-decisions = Decisions
meeting-date-future = A meeting is recorded once held: the date cannot be in the future.
forum-balance = Balance of sectors
forum-meetings = Meetings
forum-attendance = Attendance
forum-no-meetings = No meetings recorded yet. When the forum records its meetings (date, attendance, quorum and minutes) they will appear here, with the check that the forum meets at least every six months.
forum-regular-yes = The forum met at least every six months.
forum-regular-no = The forum did not meet at least every six months.
forum-longest-gap = Longest interval
forum-gaps-too-long = Intervals of more than six months without a meeting:
days-count = { $count ->
    [one] 1 day
   *[other] { $count } days
}
## --- implementation tracking: follows, notifications, reminders ---
follow-button = Follow this commitment
unfollow-button = Unfollow
follow-hint = We will email you when the forum validates or contests a progress report.
follow-login = Log in to follow this commitment and get email notices
following-notice = You follow this commitment.
account-follows = Commitments you follow
account-follows-none = You do not follow any commitment yet. Use the "Follow this commitment" button on a commitment's page.
changes-history = Changes of state and dates
commitment-state-change = Commitment state
mail-validated-subject = Report validated: { $title }
mail-contested-subject = Report contested: { $title }
mail-validated-body = The forum validated a progress report of a commitment you follow.
mail-contested-body = The forum contested a progress report of a commitment you follow. This is its public reason:
mail-review-milestone = Milestone: { $title }
mail-commitment-link = See the commitment and its history: { $link }
mail-unfollow-hint = To stop these messages, unfollow the commitment from your account: { $link }
mail-returned-subject = Report returned: { $title }
mail-returned-body = The forum returned your progress report on the milestone "{ $title }". It no longer counts towards the published progress. The forum's note:
mail-returned-link = Send a new report from your dashboard: { $link }
reminder-subject = Milestones of { $institution } that need attention
reminder-intro = Milestones of { $institution } due within the next 14 days, without a progress report for more than 60 days, or still without a report in the open reporting round.
reminder-due-soon = Due soon:
reminder-stale = No report in 60 days:
reminder-round = No report yet in the round "{ $round }", which closes on { $date }:
reminder-due = due: { $date }
reminder-report-link = Report progress: { $link }
reminder-dashboard = Your dashboard: { $link }
reminder-counterpart-subject = Milestones { $institution } co-leads await its counterpart report
reminder-counterpart-intro = As the civil-society counterpart, { $institution } has not yet reported on these milestones in the open reporting round.
reminder-counterpart-link = Report as the counterpart: { $link }

## --- monitoring: dashboard and assessments ---
monitoring-title = Plan monitoring
monitoring-plan = Action plan
monitoring-show = Show
monitoring-no-plan = No plan has been published yet.
monitoring-commitments = { $count ->
    [one] 1 commitment
   *[other] { $count } commitments
}
monitoring-overdue-count = { $count ->
    [one] 1 overdue milestone
   *[other] { $count } overdue milestones
}
monitoring-stale-count = { $count ->
    [one] 1 milestone without a report in 60 days
   *[other] { $count } milestones without a report in 60 days
}
monitoring-pending = { $count ->
    [one] 1 report awaiting validation
   *[other] { $count } reports awaiting validation
}
monitoring-by-health = Commitments by health
monitoring-by-institution = Commitments by lead institution
monitoring-by-value = Commitments by OGP value
milestone-health-label = Health
milestone-status-label = Status
monitoring-health = Health
monitoring-commitments-col = Commitments
monitoring-average-progress = Average progress
monitoring-overdue = Overdue milestones
monitoring-stale = Milestones without a report in 60 days
monitoring-none = None.
monitoring-last-report = Last report
monitoring-never-reported = Never
assessment-title = Commitment assessment
assessment-intro = Scales of the Independent Reporting Mechanism (IRM). Each assessment is added to the public history; nothing is overwritten.
assessment-add = Record an assessment
assessment-as-of = As of
assessment-period-hint = For example: "Midterm report 2023" or "June 2024 cut-off".
assessment-completion = Completion
assessment-did-it-open = Early results: did it open government?
assessment-narrative = Narrative
assessment-not-assessed = — not assessed —
assessment-submit = Save assessment
assessment-history = Assessment history
assessment-period-required = Write the period assessed (up to 200 characters).
assessment-as-of-invalid = Write the as-of date as YYYY-MM-DD.
assessment-as-of-future = The as-of date cannot be later than today.
assessment-value-invalid = Choose a value from the list.
assessment-technology-alone = Technology and innovation counts only alongside another OGP value.
assessment-narrative-too-long = The narrative may be up to 20,000 characters.
## --- open data ---
open-data-title = Open data
open-data-intro = Everything published in Abierto can be downloaded and reused: plans, commitments, actors, milestones and their date changes, progress reports with their review state, evidence (links and file metadata), assessments, proposals with their responses, working sessions and the multi-stakeholder forum. No accounts or email addresses are published.
open-data-contents = On this page
open-data-downloads = Downloads
open-data-zip-contents = one CSV file per table (UTF-8), the data dictionary (CSV and Markdown), the licence and a Frictionless data package (datapackage.json).
open-data-zip-size = ZIP, { $size }
open-data-zip-as-of = data as of
open-data-license = Licence
open-data-license-intro = The data is published under the licence
open-data-api = API
open-data-api-intro = A read-only JSON API, open to any site (CORS), described by an OpenAPI 3 document:
open-data-api-paging = Lists are paged with
open-data-dictionary = Data dictionary
open-data-field = Field
open-data-type = Type
api-bad-limit = The “{ $name }” parameter must be a whole number from 1 to 200.
api-bad-offset = The “{ $name }” parameter must be a whole number from 0 up.
api-bad-filter = The value of the “{ $name }” filter is not valid.
api-bad-id = The identifier is not valid: it must be a UUID.
api-not-found = There is no such published item.
## --- monitoring report ---
mreport-title = Monitoring report
mreport-as-of = Cut-off date
mreport-as-of-line = Status as of { $date }
mreport-demo-notice = Includes demonstration data (illustrative milestones and reports).
mreport-summary = Summary
mreport-chart = Progress by commitment
mreport-chart-legend = Bar: progress validated by the forum (the progress the institutions reported is in the commitments table); vertical line: progress expected from elapsed time.
mreport-plan = Plan
mreport-government = Government
mreport-period-start = Period start
mreport-period-end = Period end
mreport-commitments = Commitments
mreport-milestones = Milestones
mreport-updates = Progress reports
mreport-assessments = Assessments
mreport-none = None as of the cut-off date.
mreport-page = Page { $page }
mreport-col-field = Item
mreport-col-value = Value
mreport-col-code = Code
mreport-col-ogp-id = OGP id
mreport-col-title = Commitment
mreport-col-state = State
mreport-col-lead = Lead institution
mreport-col-start = Start
mreport-col-end = End
mreport-col-progress = Progress
mreport-col-validated = Validated progress
mreport-col-reported = Reported progress
mreport-col-expected = Expected progress
mreport-col-health = Health
mreport-col-position = No.
mreport-col-milestone = Milestone
mreport-col-responsible = Responsible
mreport-col-weight = Weight
mreport-col-baseline-start = Baseline start
mreport-col-baseline-due = Baseline due
mreport-col-due = Due
mreport-col-status = Reported status
mreport-col-last-report = Last report
mreport-col-reported-at = Reported on
mreport-col-author = Author
mreport-col-review = Validation
mreport-col-reviewed-at = Reviewed on
mreport-col-review-note = Review note
mreport-col-narrative = Narrative
mreport-col-period = Period
mreport-col-source = Source
mreport-col-verifiable = Verifiable
mreport-col-specificity = Specificity
mreport-col-relevance = Relevance
mreport-col-impact = Potential impact
mreport-col-completion = Completion
mreport-col-early-results = Results
mreport-col-starred = Starred
mreport-tools = Cut-off date, downloads and frozen reports
mreport-show = Show report
mreport-downloads = Download
mreport-period-label = Name of the period (e.g. "First half of 2024")
mreport-freeze = Freeze this report as a period
mreport-snapshots = Frozen reports
mreport-snapshots-none = No frozen report for this plan yet.
mreport-signoff-count = { $count ->
    [one] one sign-off
   *[other] { $count } sign-offs
}
mreport-frozen-heading = Frozen report: { $label }
mreport-frozen-on = Frozen on { $date }. This report does not change when new progress reports arrive.
mreport-sha256 = SHA-256 of the published JSON
mreport-download-json = Download JSON
mreport-signoffs = Forum sign-offs
mreport-signoffs-none = No member has signed it yet.
mreport-sign = Sign this report for my institution
mreport-as-of-invalid = The cut-off date is not valid: use the format YYYY-MM-DD.
mreport-as-of-future = The cut-off date cannot be later than today.
mreport-format-invalid = Report format not available: use html, pdf, xlsx, csv or json.
mreport-period-label-invalid = Give the period a name (up to 200 characters). Nothing was saved.
mreport-already-signed = Your institution has already signed this report.
mreport-sheet-summary = Summary
mreport-sheet-commitments = Commitments
mreport-sheet-milestones = Milestones
mreport-sheet-updates = Progress reports
mreport-sheet-assessments = Assessments
mreport-sheet-signoffs = Frozen report and sign-offs
mreport-col-member = Forum member
mreport-col-representative = Representative
mreport-col-signed-at = Signed on
mreport-snapshot-label = Frozen report
mreport-frozen-at = Frozen on
policy-no-forum-seat = Only members of this plan's forum sign: your account must belong to an institution with a seat in the forum.

## --- template text moved into the catalogues ---
open-data-max = max.
open-data-description-es = Description (Spanish)
open-data-description-en = Description (English)
plan-ogp-label = OGP name
error-unstorable-text = The text contains characters that cannot be stored (a null character, for example). Remove them and try again; nothing was saved.

## --- long histories ---
history-shortened = Showing the { $shown } most recent reports of { $total }, and the latest of each milestone.
history-show-all = Show the whole history
history-grouped =
    { $count ->
        [one] 1 report in all. Each milestone shows its latest report and, folded, the earlier ones.
       *[other] { $count } reports in all. Each milestone shows its latest report and, folded, the earlier ones.
    }
milestone-report-count =
    { $count ->
        [one] 1 report
       *[other] { $count } reports
    }
milestone-latest-report = Latest report
milestone-no-reports = No report on this milestone yet.
milestone-earlier-reports =
    { $count ->
        [one] 1 earlier report
       *[other] { $count } earlier reports
    }
milestone-earlier-hidden =
    { $count ->
        [one] 1 older one in the whole history
       *[other] { $count } older ones in the whole history
    }
# Charts of the public pages: progress over time, health, a milestone's dates.
progress-expected-explained = The vertical tick on each bar is the progress expected by now: what there would be if work advanced evenly from the start date to the due date.
commitment-chart-heading = Progress over time
commitment-chart-explained = Each point marks a day when the institution reported progress or the forum decided on a report; between two points the figure holds. Expected progress grows in a straight line from each milestone's start to its due date.
plan-charts-heading = The plan in charts
plan-chart-heading = Plan progress over time
plan-chart-explained = Each figure is the average of the plan's commitments (withdrawn ones do not count) as they stood that day.
plan-health-chart = Commitments by health
chart-legend-reported = Reported by the institution, pending and contested included (dashed line, circles)
chart-legend-validated = Validated by the forum (solid line, squares)
chart-legend-expected = Expected by elapsed time (dotted line)
chart-legend-today = Today (vertical line)
chart-data = Show the chart's data
chart-col-date = Date
chart-col-reported = Reported
chart-col-validated = Validated
chart-col-expected = Expected
chart-col-health = Health
chart-col-commitments = Commitments
chart-percent = { $value } %
chart-today = today
chart-today-capital = Today
chart-today-date = { $value } (today)
chart-reported = Reported
chart-validated = Validated
chart-expected = Expected
chart-reported-value = reported { $value } %
chart-validated-value = validated { $value } %
chart-expected-value = expected { $value } %
chart-event-days =
    { $count ->
        [one] 1 day with reports or reviews.
       *[other] { $count } days with reports or reviews.
    }
chart-note-pending =
    { $count ->
        [one] 1 milestone pending validation
       *[other] { $count } milestones pending validation
    }
chart-note-contested =
    { $count ->
        [one] 1 milestone contested
       *[other] { $count } milestones contested
    }
milestone-dates-chart = Dates of milestone { $value }
dates-row-baseline = Baseline: { $value }
dates-row-current = Current: { $value }
dates-row-actual-done = Actual: { $value } (completed)
dates-row-actual-open = Actual: { $value } (latest report)
dates-row-actual-none = Actual: no report yet
actual-dates = Actual dates
actual-none = No report yet.
actual-first = first report: { $value }
actual-completed = completed: { $value }
actual-last = latest report: { $value }
declared-dates = Actual dates as the institution reports them
declared-start = start: { $value } ({ $against })
declared-completion = end: { $value } ({ $against })
declared-on-plan = on the planned day
declared-no-plan = no planned date
declared-after-plan =
    { $days ->
        [one] 1 day after the plan
       *[other] { $days } days after the plan
    }
declared-before-plan =
    { $days ->
        [one] 1 day before the plan
       *[other] { $days } days before the plan
    }

## --- hardening: uploads, files ---
report-too-many-files = A report may carry at most 3 files. Nothing was saved.
evidence-file-missing = The file of this evidence is not available on the server. The report's record is kept; please tell the administrators.

# One-shot confirmations after a write
flash-signed-in = You are signed in.
flash-password-set = Password saved. You are signed in.
flash-saved = Changes saved.
flash-report-sent = Report sent. It now waits for the forum's validation.
flash-review-recorded = Decision recorded.
flash-replan-sent = Request for new dates sent to the forum.
flash-replan-decided = Decision on the new dates recorded.

# The official's reports and what the forum decided
my-reports = My reports
my-reports-none = Your institution has not sent reports in plans under implementation yet.
my-reports-needs-action = Returned reports: they need your correction
my-reports-correct = Correct and report again
my-reports-next-pending = Waiting for the forum's validation.
my-reports-next-returned = Returned: correct what the note says and send a new report.
my-reports-next-contested = Contested: answer with a new report if you have more evidence.
my-reports-next-none = Nothing pending.
report-returned-next = The forum returned this report: it does not count towards progress. Correct what the note says and send a new report.

# Confirmation before an irreversible step
confirm-lead = This cannot be undone. Before you go on, this is what will happen:
confirm-back = Back
confirm-step = Confirm
confirm-close-plan-title = Close the plan “{ $name }”?
confirm-close-plan-what-1 = Institutions will no longer be able to send progress reports or request replans.
confirm-close-plan-what-2 = The plan's figures are frozen as they stand on { $date }.
confirm-close-plan-what-3 = The plan stays public: its page, its commitments, its monitoring reports and its open data.
confirm-close-plan-no-undo = This cannot be undone: a closed plan does not go back to implementation.
confirm-close-plan-yes = Yes, close the plan
confirm-close-plan-hint = Closing the plan cannot be undone: no more progress reports, and the figures are frozen as of that day. You will be asked to confirm.
confirm-approve-title = Approve commitment { $name }?
confirm-approve-what-1 = Each milestone's start and due dates become its baseline.
confirm-approve-what-2 = From then on a change of dates can only be requested as a replan, which the forum reviews.
confirm-approve-no-undo = This cannot be undone: an approved commitment does not go back to draft; it can only be withdrawn.
confirm-approve-yes = Yes, approve the commitment
confirm-freeze-title = Freeze the report “{ $name }”?
confirm-freeze-what-1 = A fixed copy of the monitoring report is kept, with the figures as of { $date }.
confirm-freeze-what-2 = The copy is published on the plan's page and the forum's members can sign it.
confirm-freeze-no-undo = This cannot be undone: the frozen copy cannot be changed or deleted.
confirm-freeze-yes = Yes, freeze the report

## Three voices: institution, counterpart, forum
voices-heading = The three voices
voices-institution = Responsible institution
voices-counterpart = Civil-society counterpart
voices-forum = Forum
voices-none = No report yet.
voices-institution-says = Did the counterpart fulfil its part?
voices-counterpart-says = Did the institution fulfil its part?
voices-endorses = Endorses the progress reported
voices-not-endorses = Does not endorse the progress reported
voices-change = Perceived change
voices-disagreement = Institution and counterpart disagree:
voices-disagree-state = on the milestone's state
voices-disagree-fulfilment = on how responsibilities were fulfilled
voices-forum-validation = Review of the institution's latest report
voices-forum-round = Round assessment
voices-forum-none = The forum has not assessed this commitment in a round yet.
voices-explained = Each milestone shows the responsible institution's latest report (the latest not returned) and the civil-society counterpart's; the forum validates reports and assesses the commitment each round. A frame marks where institution and counterpart disagree.
voices-counterpart-history = Counterpart reports
voices-round-history = The forum's round assessments
round-counterpart-counts = { $count ->
    [0] No milestone expects a counterpart report
   *[other] { $reported } of { $count } milestones with the counterpart's report
}
round-assessed-counts = { $count ->
    [0] No commitment to assess
   *[other] { $assessed } of { $count } commitments assessed by the forum
}
round-missing-counterpart = { $count ->
    [0] Every counterpart reported in this round
    [one] 1 milestone without the counterpart's report
   *[other] { $count } milestones without the counterpart's report
}
round-counterpart = Counterpart
round-disagreements = { $count ->
    [0] No disagreements in this round
    [one] 1 milestone where institution and counterpart disagree
   *[other] { $count } milestones where institution and counterpart disagree
}
round-assessments = The forum's assessment per commitment
round-assessments-explained = The forum's own view of each commitment in this round, beside its validation of each report.
round-no-commitments = The plan has no approved commitments.
round-not-assessed = Not assessed
round-assessed-as = Assessed as
round-assessment-title = Round assessment
round-assessment-voices = What was reported in the round
round-assessment-voices-explained = Each party's latest report filed within the round's dates.
round-assessment-earlier = Earlier assessments in this round
round-assessment-new = New assessment
round-assessment-completion = Completion as the forum sees it
round-assessment-narrative = The forum's assessment
round-assessment-communication = Was the co-created communication strategy carried out?
round-assessment-communication-note = About the communication strategy (required unless fully carried out)
round-assessment-save = Save the assessment
round-assessment-recorded = The round assessment was recorded.
round-assessment-error-completion = Choose the completion.
round-assessment-error-narrative = Write the forum's assessment.
round-assessment-error-narrative-long = The assessment takes up to 5,000 characters.
round-assessment-error-communication = Say whether the communication strategy was carried out.
round-assessment-error-note = Explain what was missing from the communication strategy.
round-assessment-error-note-long = The note takes up to 2,000 characters.
round-delete-has-assessments = This round has forum assessments: it cannot be removed.
monitoring-disagreements = { $count ->
    [0] No disagreements between institutions and counterparts
    [one] 1 milestone where institution and counterpart disagree
   *[other] { $count } milestones where institution and counterpart disagree
}
mreport-disagreements = Milestones where institution and counterpart disagree
mreport-col-disagreement = Disagreement
# The civil-society counterpart's dashboard and report
counterpart-nav = Counterpart
counterpart-title = My commitments as counterpart
counterpart-intro = The milestones of approved commitments your organisation accompanies as civil-society counterpart, in plans under implementation. Your report is your own voice: it does not change the responsible institution's, and it is published on the commitment's page.
counterpart-none = Your organisation is not the civil-society counterpart of any approved commitment in a plan under implementation. Once the forum records it as a commitment's counterpart, its milestones show here.
counterpart-institution-latest = The institution's latest report
counterpart-own-latest = Your organisation's latest report
counterpart-no-institution-report = The institution has not reported yet.
counterpart-no-own-report = Your organisation has not reported yet.
counterpart-endorsed = endorsed
counterpart-not-endorsed = not endorsed
counterpart-report-link = Report
counterpart-report-title = Counterpart's report
counterpart-report-intro = Say how your organisation sees the milestone. The report is public and cannot be changed; a later report supersedes it as the latest.
counterpart-choose = Choose an option
counterpart-field-completion = The milestone's state as your organisation sees it
counterpart-field-fulfilled = Did the responsible institution fulfil its commitments to the counterpart?
counterpart-field-note = Justification
counterpart-note-hint = Required when the answer is "partly" or "no" (up to 2000 characters).
counterpart-field-change = Perceived change (situation before and after)
counterpart-change-hint = Up to 5000 characters.
counterpart-field-endorses = We endorse the progress reported
counterpart-endorses-yes = Yes
counterpart-endorses-no = No
counterpart-submit = Send the counterpart's report
counterpart-completion-invalid = Choose the milestone's state.
counterpart-fulfilled-invalid = Say whether the institution fulfilled its commitments.
counterpart-note-required = Explain why the institution did not fully fulfil them.
counterpart-note-too-long = The justification takes up to 2000 characters.
counterpart-change-required = Describe the change you perceive.
counterpart-change-too-long = The perceived change takes up to 5000 characters.
counterpart-endorses-required = Say whether you endorse the progress reported.
flash-counterpart-report-sent = Counterpart's report published.
## Progress report: co-responsibility and participation (PAGA)
report-participation-legend = Co-responsibility and participation
report-field-counterpart-fulfilled = Did the civil-society counterpart fulfil its responsibilities?
report-counterpart-fulfilled-hint = Leave it unanswered if the commitment has no civil-society counterpart.
report-fulfilment-unanswered = Not answered
report-field-fulfilment-note = Justification
report-fulfilment-note-hint = Required if the counterpart fulfilled them partly or not at all (up to 2000 characters).
report-since-previous = The participation figures count what happened since the previous report.
report-field-activities = Activities with other actors
report-field-participants = People who took part
report-field-sectors = Sectors of the people who took part
report-field-challenges = Challenges
report-challenges-hint = Required if the milestone is delayed, at risk or not started.
report-challenges-hint-today = Required if you report less than { $least } % (what keeps the milestone on track today), or if it is delayed or not started.
report-field-next-steps = Next steps
report-field-actual-start = Actual start date
report-field-actual-completion = Actual completion date
report-fulfilment-invalid = Choose an answer from the list.
report-fulfilment-note-required = Explain why the counterpart fulfilled its responsibilities partly or not at all.
report-fulfilment-note-too-long = The justification takes up to 2000 characters.
report-activities-invalid = Enter a whole number between 0 and 100000.
report-participants-invalid = Enter a whole number between 0 and 10000000.
report-sector-invalid = Choose the sectors from the list.
report-challenges-required = Describe the challenges: the milestone is delayed, at risk or not started.
report-challenges-too-long = The challenges take up to 5000 characters.
report-next-steps-too-long = The next steps take up to 5000 characters.
report-actual-date-invalid = Enter the date as YYYY-MM-DD.
report-actual-completion-future = The actual completion date cannot be later than today.
report-actual-completion-before-start = The actual completion date cannot be earlier than the start.
report-detail-fulfilled = Counterpart fulfilled
report-detail-activities = Activities with other actors
report-detail-participants = People who took part
report-detail-sectors = Sectors
report-detail-challenges = Challenges
report-detail-next-steps = Next steps
report-detail-actual = Actual dates
planned-vs-actual = Planned / actual
participation-heading = Participation
participation-explained = What the institutions' progress reports (those not returned) say of participation since the previous report, added up per reporting round and for the whole plan; sectors are those any of them names.
participation-period = Period
participation-people = People who took part
participation-activities = Activities with other actors
participation-sectors = Sectors
participation-reports = Reports with figures
participation-whole-plan = Whole plan

## --- versions and change history ---
version-history = Change history
version-history-intro = Every change to the commitment, its actors or its milestones is recorded: who, when, why and what changed.
version-history-none = No changes since its first version.
version-number = Version { $version }
version-by = by { $author }
version-author-system = the system
version-reason = Reason
version-no-reason = No reason given (before approval)
version-reason-initial = Initial version
version-reason-import = Plan import
version-reason-institution-merge = Institutions merged
version-reason-institution-split = An institution split
version-see-replans = Re-plan: see the changes of dates
version-what = What
version-before = Before
version-after = After
version-empty = —
version-milestone = Milestone { $position }
version-field-code = Code
version-field-ogp-id = OGP identifier
version-field-title = Title
version-field-title-en = English title
version-field-sdgs = SDGs
version-field-start = Start
version-field-end = End
version-field-state = State
version-field-position = Position
version-field-milestone-title = Milestone title
version-field-output = Expected output
version-field-weight = Weight
version-field-responsible = Responsible institution
version-field-baseline-start = Baseline start
version-field-baseline-due = Baseline end
version-field-current-start = Current start
version-field-current-due = Current end
version-actor-added = Actor added
version-actor-removed = Actor removed
version-milestone-added = Milestone added
version-milestone-removed = Milestone removed
version-reason-field = Reason for the change
version-reason-required-mark = required: the commitment is approved
version-reason-hint = Published in the commitment's change history. Once approved, adding or removing a milestone is the forum's decision and needs a reason.
version-reason-required = Explain the reason for the change
version-reason-too-long = The reason takes up to 2000 characters.
version-milestone-has-history = A milestone with reports, re-plans or comments is not removed: mark it cancelled in its next report.

## --- indicators ---
indicators-heading = Outcome indicators
indicators-explained = What the commitment means to change: each indicator goes from a baseline towards a target. The share of the way counts only measurements validated by the forum.
indicators-title = Outcome indicators
indicators-intro = Define the commitment's indicators and record their measurements; the forum validates each measurement before it counts.
indicators-public-page = See the public page
indicators-none = This commitment has no indicators yet.
indicator-baseline = Baseline
indicator-target = Target
indicator-latest = Latest validated value
indicator-share-label = Share of the way to target
indicator-share = { $share } % of the way from baseline to target
indicator-share-raw = { $share } % of the way from baseline to target (computed: { $raw } %)
indicator-none-validated = No validated measurement yet
indicator-no-measurements = No measurements yet.
indicator-measurements = Measurements
indicator-chart-title = Measurements of “{ $name }”
indicator-chart-desc = Each measurement as a share of the way from the baseline ({ $baseline }, at the bottom) to the target ({ $target }, dotted line at the top). Squares are validated measurements.
indicator-col-date = Date measured
indicator-col-value = Value
indicator-col-source = Source
indicator-col-evidence = Evidence
indicator-col-review = Review
indicator-col-disaggregation = Disaggregation
indicator-direction = Which is better?
indicator-direction-increase = Higher
indicator-direction-decrease = Lower
indicator-new = New indicator
indicator-name = Indicator name
indicator-unit = Unit (for example %, requests, days)
indicator-baseline-value = Baseline value
indicator-baseline-date = Baseline date
indicator-baseline-source = Baseline source
indicator-target-value = Target value
indicator-target-date = Target date
indicator-define-submit = Save indicator
indicator-record = Record a measurement
indicator-record-submit = Record measurement
indicator-value = Value measured
indicator-measured-on = Date of the measurement
indicator-source = Source
indicator-evidence-url = Link to the evidence (optional)
indicator-disaggregation = Disaggregation (optional)
indicator-disaggregation-hint = One line per group, such as “women: 12”; up to 20 groups.
indicator-name-required = Enter the indicator's name.
indicator-unit-required = Enter the unit.
indicator-source-required = Give the source.
indicator-text-too-long = The text is too long.
indicator-direction-invalid = Choose whether higher or lower is better.
indicator-value-required = Enter a value.
indicator-value-invalid = Enter a number (for example 30 or 12.5).
indicator-date-invalid = Enter a valid date.
indicator-date-future = The measurement's date cannot be in the future.
indicator-target-equals-baseline = The target must differ from the baseline.
indicator-target-wrong-way = The target lies the other way from the direction chosen.
indicator-target-before-baseline = The target date cannot be before the baseline date.
indicator-url-invalid = Enter a full web address (https://…).
indicator-disaggregation-invalid = Enter one line per group, such as “women: 12”, without repeating a group.
indicator-disaggregation-too-many = At most 20 groups.
indicator-queue-title = Indicator measurements to validate
indicator-queue-count =
    { $count ->
        [0] No measurements waiting.
        [one] 1 measurement waiting.
       *[other] { $count } measurements waiting.
    }
indicator-review-note-hint = Required to return; it is public.
flash-indicator-defined = Indicator saved.
flash-measurement-recorded = Measurement recorded; the forum will review it.
