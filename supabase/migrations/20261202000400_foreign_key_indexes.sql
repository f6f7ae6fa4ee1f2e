-- An index for every foreign key of app (22 had none), so that deleting or changing a referenced
-- row, and the joins along the key (the builder counting answers for each option shown, a wave's
-- responses, a survey's questions), never scan the whole referencing table.
-- tests/db/indexes.test.ts fails on a foreign key without an index whose leading columns are its own.
-- (auth.refresh_tokens is the local stand-in's own table: its indexes are in supabase/compat/bootstrap.sql.)

create index if not exists about_categories_dimension_idx on app.about_categories (dimension);
create index if not exists about_categories_organisation_id_idx on app.about_categories (organisation_id);
create index if not exists answers_option_id_idx on app.answers (option_id);
create index if not exists answers_question_id_organisation_id_idx on app.answers (question_id, organisation_id);
create index if not exists invitations_created_by_idx on app.invitations (created_by);
create index if not exists invitations_wave_id_organisation_id_idx on app.invitations (wave_id, organisation_id);
create index if not exists option_counts_option_id_idx on app.option_counts (option_id);
create index if not exists option_counts_question_id_idx on app.option_counts (question_id);
create index if not exists option_counts_wave_id_organisation_id_idx on app.option_counts (wave_id, organisation_id);
create index if not exists question_counts_question_id_idx on app.question_counts (question_id);
create index if not exists question_counts_wave_id_organisation_id_idx on app.question_counts (wave_id, organisation_id);
create index if not exists question_options_question_id_organisation_id_idx on app.question_options (question_id, organisation_id);
create index if not exists question_versions_question_id_organisation_id_idx on app.question_versions (question_id, organisation_id);
create index if not exists questions_priority_id_organisation_id_idx on app.questions (priority_id, organisation_id);
create index if not exists questions_survey_id_organisation_id_idx on app.questions (survey_id, organisation_id);
create index if not exists respondent_drafts_invitation_id_idx on app.respondent_drafts (invitation_id);
create index if not exists respondent_drafts_wave_id_organisation_id_idx on app.respondent_drafts (wave_id, organisation_id);
create index if not exists responses_wave_id_organisation_id_idx on app.responses (wave_id, organisation_id);
create index if not exists survey_languages_survey_id_organisation_id_idx on app.survey_languages (survey_id, organisation_id);
create index if not exists surveys_organisation_id_idx on app.surveys (organisation_id);
create index if not exists wave_group_counts_wave_id_organisation_id_idx on app.wave_group_counts (wave_id, organisation_id);
create index if not exists waves_survey_id_organisation_id_idx on app.waves (survey_id, organisation_id);
