-- Every foreign key has an index that starts with its columns (tests/db/indexes.test.ts): the tables
-- added today by disclosure control, feedback and safeguarding, and the downloads of responses. Without
-- them, deleting a user, a survey, a question or a response scans these tables, and the feedback inbox
-- scans app.feedback by survey.

create index disclosure_rules_chosen_by_idx on app.disclosure_rules (chosen_by);
create index feedback_added_by_idx on app.feedback (added_by);
create index feedback_question_id_idx on app.feedback (question_id);
create index feedback_response_id_idx on app.feedback (response_id);
create index feedback_survey_id_idx on app.feedback (survey_id);
create index feedback_priorities_organisation_id_idx on app.feedback_priorities (organisation_id);
create index feedback_themes_organisation_id_idx on app.feedback_themes (organisation_id);
create index response_exports_survey_id_idx on app.response_exports (survey_id, organisation_id);
create index response_exports_wave_id_idx on app.response_exports (wave_id, organisation_id);
create index safeguarding_flags_closed_by_idx on app.safeguarding_flags (closed_by);
create index safeguarding_flags_raised_by_idx on app.safeguarding_flags (raised_by);
create index safeguarding_phrases_added_by_idx on app.safeguarding_phrases (added_by);
