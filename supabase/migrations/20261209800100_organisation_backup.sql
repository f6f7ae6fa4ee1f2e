-- Backup and restore of one organisation (issue 12, "Faults"): every row the organisation owns, as one
-- JSON document, and back into a database at the same migration.
--
--   * app.organisation_tables: every table that holds the organisation's data, by name, each an array of
--     its rows. Granted to no one: the two functions below read with their owner's rights. A table added
--     later must be added here and to app.restore_organisation (tests/db/backup.test.ts finds, in the
--     catalog, every table with an organisation_id column and fails on one that is missing).
--   * api.export_organisation: the organisation's administrators (the settings page's download) and the
--     service role (`npm run backup`). The document holds more than any one role reads day to day (raw
--     answers, safeguarding flags, the audit log, members' email addresses): an administrator is who a
--     council makes answerable for its data, and every download is in the audit log.
--   * app.restore_organisation: the database's owner only (`npm run restore`, with the server stopped):
--     never over HTTP. One call, so one transaction: a refusal leaves the database as it was.
--
-- Accounts: the document names each account its rows refer to by id and email address, never a password
-- hash. A restore uses the account of the same address where there is one (its id replaces the file's
-- everywhere in the document), and otherwise creates one with the file's id and no password: the restore
-- script gives it a password, shown once, and on Supabase the member may ask for a reset instead.
--
-- Running counts, daily snapshots of open waves and imported totals of earlier waves are exported as
-- they are, not rebuilt: the totals of a wave imported from a spreadsheet exist nowhere else.

create function app.organisation_tables(p_organisation_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'organisations', (select coalesce(jsonb_agg(to_jsonb(t)), '[]') from app.organisations t
                       where t.id = p_organisation_id),
    'memberships', (select coalesce(jsonb_agg(to_jsonb(t) order by t.user_id, t.role), '[]')
                     from app.memberships t where t.organisation_id = p_organisation_id),
    'strategy_priorities', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                             from app.strategy_priorities t where t.organisation_id = p_organisation_id),
    'surveys', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                 from app.surveys t where t.organisation_id = p_organisation_id),
    'survey_languages', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                          from app.survey_languages t where t.organisation_id = p_organisation_id),
    'questions', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                   from app.questions t where t.organisation_id = p_organisation_id),
    'question_options', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                          from app.question_options t where t.organisation_id = p_organisation_id),
    'question_versions', (select coalesce(jsonb_agg(to_jsonb(t) order by t.question_id, t.version), '[]')
                           from app.question_versions t where t.organisation_id = p_organisation_id),
    'waves', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
               from app.waves t where t.organisation_id = p_organisation_id),
    'positive_answer_changes', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                                 from app.positive_answer_changes t where t.organisation_id = p_organisation_id),
    'kept_positive_counts', (select coalesce(jsonb_agg(to_jsonb(t) order by t.question_id, t.version, t.wave_id,
                                                       t.dimension, t.category), '[]')
                              from app.kept_positive_counts t where t.organisation_id = p_organisation_id),
    'about_categories', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                          from app.about_categories t where t.organisation_id = p_organisation_id),
    'disclosure_rules', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                          from app.disclosure_rules t where t.organisation_id = p_organisation_id),
    'invitations', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                     from app.invitations t where t.organisation_id = p_organisation_id),
    'respondent_drafts', (select coalesce(jsonb_agg(to_jsonb(t) order by t.response_id), '[]')
                           from app.respondent_drafts t where t.organisation_id = p_organisation_id),
    'responses', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                   from app.responses t where t.organisation_id = p_organisation_id),
    'answers', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                 from app.answers t where t.organisation_id = p_organisation_id),
    'wave_group_counts', (select coalesce(jsonb_agg(to_jsonb(t) order by t.wave_id, t.dimension, t.category), '[]')
                           from app.wave_group_counts t where t.organisation_id = p_organisation_id),
    'question_counts', (select coalesce(jsonb_agg(to_jsonb(t) order by t.wave_id, t.question_id, t.dimension,
                                                  t.category), '[]')
                         from app.question_counts t where t.organisation_id = p_organisation_id),
    'option_counts', (select coalesce(jsonb_agg(to_jsonb(t) order by t.wave_id, t.question_id, t.option_id,
                                                t.dimension, t.category), '[]')
                       from app.option_counts t where t.organisation_id = p_organisation_id),
    -- the daily snapshots of open waves belong to the organisation through their wave
    'count_snapshot_days', (select coalesce(jsonb_agg(to_jsonb(t) order by t.wave_id, t.taken_on), '[]')
                             from app.count_snapshot_days t
                             join app.waves w on w.id = t.wave_id and w.organisation_id = p_organisation_id),
    'count_snapshots', (select coalesce(jsonb_agg(to_jsonb(t) order by t.wave_id, t.taken_on, t.question_id,
                                                  t.option_id, t.dimension, t.category), '[]')
                         from app.count_snapshots t
                         join app.waves w on w.id = t.wave_id and w.organisation_id = p_organisation_id),
    -- reach's and journeys' read models, and an open wave's reach as at its daily snapshot
    'wave_language_counts', (select coalesce(jsonb_agg(to_jsonb(t) order by t.wave_id, t.language), '[]')
                              from app.wave_language_counts t where t.organisation_id = p_organisation_id),
    'panel_waves', (select coalesce(jsonb_agg(to_jsonb(t) order by t.panel_code, t.wave_id), '[]')
                     from app.panel_waves t where t.organisation_id = p_organisation_id),
    'panel_wave_pairs', (select coalesce(jsonb_agg(to_jsonb(t) order by t.wave_id, t.other_wave_id), '[]')
                          from app.panel_wave_pairs t where t.organisation_id = p_organisation_id),
    'panel_answers', (select coalesce(jsonb_agg(to_jsonb(t) order by t.question_id, t.wave_id, t.panel_code,
                                                t.response_id), '[]')
                       from app.panel_answers t where t.organisation_id = p_organisation_id),
    'journey_counts', (select coalesce(jsonb_agg(to_jsonb(t) order by t.question_id, t.from_wave_id, t.to_wave_id,
                                                 t.from_option_id, t.to_option_id), '[]')
                        from app.journey_counts t where t.organisation_id = p_organisation_id),
    'reach_snapshots', (select coalesce(jsonb_agg(to_jsonb(t) order by t.wave_id, t.taken_on, t.language,
                                                  t.other_wave_id, t.n), '[]')
                         from app.reach_snapshots t
                         join app.waves w on w.id = t.wave_id and w.organisation_id = p_organisation_id),
    'feedback', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                  from app.feedback t where t.organisation_id = p_organisation_id),
    'feedback_priorities', (select coalesce(jsonb_agg(to_jsonb(t) order by t.feedback_id, t.priority_id), '[]')
                             from app.feedback_priorities t where t.organisation_id = p_organisation_id),
    'feedback_themes', (select coalesce(jsonb_agg(to_jsonb(t) order by t.feedback_id, t.theme), '[]')
                         from app.feedback_themes t where t.organisation_id = p_organisation_id),
    'safeguarding_phrases', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                              from app.safeguarding_phrases t where t.organisation_id = p_organisation_id),
    'safeguarding_flags', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                            from app.safeguarding_flags t where t.organisation_id = p_organisation_id),
    'safeguarding_notices', (select coalesce(jsonb_agg(to_jsonb(t)), '[]')
                              from app.safeguarding_notices t where t.organisation_id = p_organisation_id),
    'engagement_activities', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                               from app.engagement_activities t where t.organisation_id = p_organisation_id),
    'decisions', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                   from app.decisions t where t.organisation_id = p_organisation_id),
    'decision_evidence', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                           from app.decision_evidence t where t.organisation_id = p_organisation_id),
    'priority_keywords', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                           from app.priority_keywords t where t.organisation_id = p_organisation_id),
    'suggestion_rejections', (select coalesce(jsonb_agg(to_jsonb(t) order by t.feedback_id, t.priority_id), '[]')
                               from app.suggestion_rejections t where t.organisation_id = p_organisation_id),
    'indicators', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                    from app.indicators t where t.organisation_id = p_organisation_id),
    'populations', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                     from app.populations t where t.organisation_id = p_organisation_id),
    'population_counts', (select coalesce(jsonb_agg(to_jsonb(t) order by t.population_id, t.dimension,
                                                    t.category), '[]')
                           from app.population_counts t where t.organisation_id = p_organisation_id),
    'public_indicators', (select coalesce(jsonb_agg(to_jsonb(t) order by t.question_id), '[]')
                           from app.public_indicators t where t.organisation_id = p_organisation_id),
    'response_exports', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                          from app.response_exports t where t.organisation_id = p_organisation_id),
    'audit_log', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]')
                   from app.audit_log t where t.organisation_id = p_organisation_id)
  )
$$;
revoke all on function app.organisation_tables(uuid) from public, anon, authenticated, service_role;
comment on function app.organisation_tables is
  'Internal: every row the organisation owns, by table, for api.export_organisation. Granted to no one.';

-- The accounts the organisation's rows name, by id and email address (never a password hash).
create function app.organisation_accounts(p_organisation_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
  with named (id) as (
    select user_id from app.memberships where organisation_id = p_organisation_id
    union select created_by from app.invitations where organisation_id = p_organisation_id
    union select chosen_by from app.disclosure_rules where organisation_id = p_organisation_id
    union select added_by from app.feedback where organisation_id = p_organisation_id
    union select quote_reviewed_by from app.feedback where organisation_id = p_organisation_id
    union select added_by from app.safeguarding_phrases where organisation_id = p_organisation_id
    union select raised_by from app.safeguarding_flags where organisation_id = p_organisation_id
    union select closed_by from app.safeguarding_flags where organisation_id = p_organisation_id
    union select created_by from app.engagement_activities where organisation_id = p_organisation_id
    union select created_by from app.decisions where organisation_id = p_organisation_id
    union select added_by from app.decision_evidence where organisation_id = p_organisation_id
    union select added_by from app.priority_keywords where organisation_id = p_organisation_id
    union select rejected_by from app.suggestion_rejections where organisation_id = p_organisation_id
    union select loaded_by from app.populations where organisation_id = p_organisation_id
    union select replaced_by from app.question_versions where organisation_id = p_organisation_id
    union select changed_by from app.positive_answer_changes where organisation_id = p_organisation_id
    union select exported_by from app.response_exports where organisation_id = p_organisation_id
    union select published_by from app.public_indicators where organisation_id = p_organisation_id
    union select actor from app.audit_log where organisation_id = p_organisation_id
  )
  select coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'email', u.email) order by u.id), '[]')
    from auth.users u join named n on n.id = u.id
$$;
revoke all on function app.organisation_accounts(uuid) from public, anon, authenticated, service_role;
comment on function app.organisation_accounts is
  'Internal: the accounts (id, email) named by the organisation''s rows, for api.export_organisation.';

create function api.export_organisation(p_organisation_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
-- times written the same way whoever exports, so that two backups of the same data are the same text
set timezone = 'UTC'
as $$
declare
  v_org app.organisations;
  v_server boolean := (select auth.role()) = 'service_role';
  v_tables jsonb;
  v_rows bigint;
  v_version text;
begin
  select * into v_org from app.organisations o where o.id = p_organisation_id;
  if not found or not (v_server or app.has_role(v_org.id)) then
    raise exception 'There is no such organisation.' using errcode = 'P0002', hint = 'not_found';
  end if;
  if not (v_server or app.has_role(v_org.id, '{admin}')) then
    raise exception 'Only an administrator can download the organisation''s backup.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_tables := app.organisation_tables(v_org.id);
  select sum(jsonb_array_length(t.value)) into v_rows from jsonb_each(v_tables) t;
  select max(m.version) into v_version from supabase_migrations.schema_migrations m;
  -- written after the rows are read: a backup does not hold its own entry
  perform app.audit(v_org.id, 'organisation.exported', v_org.id::text, jsonb_build_object('rows', v_rows));
  return jsonb_build_object(
    'format', 'coproduction-impact/organisation-backup',
    'format_version', 1,
    'schema_version', v_version,
    'exported_at', now(),
    'organisation', jsonb_build_object('id', v_org.id, 'slug', v_org.slug, 'name', v_org.name),
    'accounts', app.organisation_accounts(v_org.id),
    'tables', v_tables
  );
end
$$;
revoke all on function api.export_organisation(uuid) from public, anon;
grant execute on function api.export_organisation(uuid) to authenticated, service_role;
comment on function api.export_organisation is
  'Administrators of the organisation, and the service role: every row the organisation owns, table by '
  'table, with the accounts they name (id and email address) and the migration the database is at, as a '
  'backup that app.restore_organisation puts back. Each call is in the audit log.';

create function app.restore_organisation(p_backup jsonb)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  v_expected constant text[] := array[
    'about_categories', 'answers', 'audit_log', 'count_snapshot_days', 'count_snapshots', 'decision_evidence',
    'decisions', 'disclosure_rules', 'engagement_activities', 'feedback', 'feedback_priorities',
    'feedback_themes', 'indicators', 'invitations', 'journey_counts', 'kept_positive_counts', 'memberships',
    'option_counts', 'organisations', 'panel_answers', 'panel_wave_pairs', 'panel_waves', 'population_counts',
    'populations', 'positive_answer_changes', 'priority_keywords', 'public_indicators', 'question_counts',
    'question_options', 'question_versions', 'questions', 'reach_snapshots', 'respondent_drafts',
    'response_exports', 'responses', 'safeguarding_flags', 'safeguarding_notices', 'safeguarding_phrases',
    'strategy_priorities', 'suggestion_rejections', 'survey_languages', 'surveys', 'wave_group_counts',
    'wave_language_counts', 'waves'];
  v_t jsonb := p_backup -> 'tables';
  v_keys text[];
  v_version text;
  v_org app.organisations;
  v_account jsonb;
  v_old uuid;
  v_new uuid;
  v_text text;
  v_created jsonb := '[]';
  v_matched integer := 0;
  v_rows bigint;
begin
  if jsonb_typeof(p_backup) is distinct from 'object'
     or p_backup ->> 'format' is distinct from 'coproduction-impact/organisation-backup' then
    raise exception 'This is not a backup of an organisation.' using hint = 'invalid_backup';
  end if;
  if p_backup ->> 'format_version' is distinct from '1' then
    raise exception 'This backup is of format %, and this version of the app reads format 1.',
      coalesce(p_backup ->> 'format_version', 'unknown') using hint = 'invalid_backup';
  end if;
  select max(m.version) into v_version from supabase_migrations.schema_migrations m;
  if p_backup ->> 'schema_version' is distinct from v_version then
    raise exception 'This backup was made at migration %, and this database is at migration %: restore it into '
      'a database at the same migration.', coalesce(p_backup ->> 'schema_version', 'unknown'),
      coalesce(v_version, 'none') using hint = 'other_version';
  end if;
  if jsonb_typeof(v_t) is distinct from 'object'
     or exists (select 1 from jsonb_each(v_t) e where jsonb_typeof(e.value) <> 'array') then
    raise exception 'The backup''s tables are not in the form this app writes them.' using hint = 'invalid_backup';
  end if;
  select coalesce(array_agg(k order by k collate "C"), '{}') into v_keys from jsonb_object_keys(v_t) k;
  if v_keys is distinct from v_expected then
    raise exception 'The backup''s tables are not this database''s: missing %, unknown %.',
      coalesce((select string_agg(x, ', ') from unnest(v_expected) x where x <> all (v_keys)), 'none'),
      coalesce((select string_agg(x, ', ') from unnest(v_keys) x where x <> all (v_expected)), 'none')
      using hint = 'invalid_backup';
  end if;
  if jsonb_array_length(v_t -> 'organisations') <> 1 then
    raise exception 'A backup holds one organisation.' using hint = 'invalid_backup';
  end if;
  v_org := jsonb_populate_record(null::app.organisations, v_t -> 'organisations' -> 0);
  if exists (select 1 from jsonb_each(v_t) e cross join jsonb_array_elements(e.value) r
              where r ? 'organisation_id' and r ->> 'organisation_id' is distinct from v_org.id::text)
     or exists (select 1 from jsonb_array_elements(v_t -> 'count_snapshot_days') r
                 where not exists (select 1 from jsonb_array_elements(v_t -> 'waves') w
                                    where w ->> 'id' = r ->> 'wave_id')) then
    raise exception 'The backup holds rows of another organisation.' using hint = 'invalid_backup';
  end if;
  if exists (select 1 from app.organisations o where o.id = v_org.id or o.slug = v_org.slug) then
    raise exception 'The organisation "%" (%) is already in this database: a backup is restored only into a '
      'database without it.', v_org.name, v_org.slug using hint = 'already_exists';
  end if;

  -- Accounts: the one of the same address, or a new one without a password (the file's id if it is free)
  v_text := v_t::text;
  for v_account in select a.value from jsonb_array_elements(coalesce(p_backup -> 'accounts', '[]')) a loop
    v_old := (v_account ->> 'id')::uuid;
    select u.id into v_new from auth.users u where lower(u.email) = lower(v_account ->> 'email');
    if not found then
      v_new := case when exists (select 1 from auth.users u where u.id = v_old) then gen_random_uuid() else v_old end;
      insert into auth.users (instance_id, id, aud, role, email)
      values ('00000000-0000-0000-0000-000000000000', v_new, 'authenticated', 'authenticated', v_account ->> 'email');
      v_created := v_created || jsonb_build_object('id', v_new, 'email', v_account ->> 'email');
    elsif v_new <> v_old then
      v_matched := v_matched + 1;
    end if;
    if v_new <> v_old then
      v_text := replace(v_text, '"' || v_old::text || '"', '"' || v_new::text || '"');
    end if;
  end loop;
  v_t := v_text::jsonb;

  -- The rows as they were: what the insert triggers would add (an organisation's first disclosure rule and
  -- safeguarding phrases, running counts, feedback from free text, safeguarding flags) is in the file already.
  alter table app.organisations disable trigger user;
  alter table app.responses disable trigger user;
  alter table app.answers disable trigger user;
  alter table app.respondent_drafts disable trigger user;
  alter table app.feedback disable trigger user;

  begin
    insert into app.organisations select * from jsonb_populate_recordset(null::app.organisations, v_t -> 'organisations');
    insert into app.memberships select * from jsonb_populate_recordset(null::app.memberships, v_t -> 'memberships');
    insert into app.strategy_priorities
      select * from jsonb_populate_recordset(null::app.strategy_priorities, v_t -> 'strategy_priorities');
    insert into app.surveys select * from jsonb_populate_recordset(null::app.surveys, v_t -> 'surveys');
    insert into app.survey_languages
      select * from jsonb_populate_recordset(null::app.survey_languages, v_t -> 'survey_languages');
    insert into app.questions select * from jsonb_populate_recordset(null::app.questions, v_t -> 'questions');
    insert into app.question_options
      select * from jsonb_populate_recordset(null::app.question_options, v_t -> 'question_options');
    insert into app.question_versions
      select * from jsonb_populate_recordset(null::app.question_versions, v_t -> 'question_versions');
    insert into app.waves select * from jsonb_populate_recordset(null::app.waves, v_t -> 'waves');
    insert into app.positive_answer_changes
      select * from jsonb_populate_recordset(null::app.positive_answer_changes, v_t -> 'positive_answer_changes');
    insert into app.kept_positive_counts
      select * from jsonb_populate_recordset(null::app.kept_positive_counts, v_t -> 'kept_positive_counts');
    insert into app.about_categories
      select * from jsonb_populate_recordset(null::app.about_categories, v_t -> 'about_categories');
    insert into app.disclosure_rules
      select * from jsonb_populate_recordset(null::app.disclosure_rules, v_t -> 'disclosure_rules');
    insert into app.invitations select * from jsonb_populate_recordset(null::app.invitations, v_t -> 'invitations');
    insert into app.respondent_drafts
      select * from jsonb_populate_recordset(null::app.respondent_drafts, v_t -> 'respondent_drafts');
    insert into app.responses select * from jsonb_populate_recordset(null::app.responses, v_t -> 'responses');
    insert into app.answers overriding system value
      select * from jsonb_populate_recordset(null::app.answers, v_t -> 'answers');
    insert into app.wave_group_counts
      select * from jsonb_populate_recordset(null::app.wave_group_counts, v_t -> 'wave_group_counts');
    insert into app.question_counts
      select * from jsonb_populate_recordset(null::app.question_counts, v_t -> 'question_counts');
    insert into app.option_counts
      select * from jsonb_populate_recordset(null::app.option_counts, v_t -> 'option_counts');
    insert into app.count_snapshot_days
      select * from jsonb_populate_recordset(null::app.count_snapshot_days, v_t -> 'count_snapshot_days');
    insert into app.count_snapshots
      select * from jsonb_populate_recordset(null::app.count_snapshots, v_t -> 'count_snapshots');
    insert into app.wave_language_counts
      select * from jsonb_populate_recordset(null::app.wave_language_counts, v_t -> 'wave_language_counts');
    insert into app.panel_waves select * from jsonb_populate_recordset(null::app.panel_waves, v_t -> 'panel_waves');
    insert into app.panel_wave_pairs
      select * from jsonb_populate_recordset(null::app.panel_wave_pairs, v_t -> 'panel_wave_pairs');
    insert into app.panel_answers
      select * from jsonb_populate_recordset(null::app.panel_answers, v_t -> 'panel_answers');
    insert into app.journey_counts
      select * from jsonb_populate_recordset(null::app.journey_counts, v_t -> 'journey_counts');
    insert into app.reach_snapshots
      select * from jsonb_populate_recordset(null::app.reach_snapshots, v_t -> 'reach_snapshots');
    insert into app.feedback select * from jsonb_populate_recordset(null::app.feedback, v_t -> 'feedback');
    insert into app.feedback_priorities
      select * from jsonb_populate_recordset(null::app.feedback_priorities, v_t -> 'feedback_priorities');
    insert into app.feedback_themes
      select * from jsonb_populate_recordset(null::app.feedback_themes, v_t -> 'feedback_themes');
    insert into app.safeguarding_phrases
      select * from jsonb_populate_recordset(null::app.safeguarding_phrases, v_t -> 'safeguarding_phrases');
    insert into app.safeguarding_flags
      select * from jsonb_populate_recordset(null::app.safeguarding_flags, v_t -> 'safeguarding_flags');
    insert into app.safeguarding_notices
      select * from jsonb_populate_recordset(null::app.safeguarding_notices, v_t -> 'safeguarding_notices');
    insert into app.engagement_activities
      select * from jsonb_populate_recordset(null::app.engagement_activities, v_t -> 'engagement_activities');
    insert into app.decisions select * from jsonb_populate_recordset(null::app.decisions, v_t -> 'decisions');
    insert into app.decision_evidence
      select * from jsonb_populate_recordset(null::app.decision_evidence, v_t -> 'decision_evidence');
    insert into app.priority_keywords
      select * from jsonb_populate_recordset(null::app.priority_keywords, v_t -> 'priority_keywords');
    insert into app.suggestion_rejections
      select * from jsonb_populate_recordset(null::app.suggestion_rejections, v_t -> 'suggestion_rejections');
    insert into app.indicators select * from jsonb_populate_recordset(null::app.indicators, v_t -> 'indicators');
    insert into app.populations select * from jsonb_populate_recordset(null::app.populations, v_t -> 'populations');
    insert into app.population_counts
      select * from jsonb_populate_recordset(null::app.population_counts, v_t -> 'population_counts');
    insert into app.public_indicators
      select * from jsonb_populate_recordset(null::app.public_indicators, v_t -> 'public_indicators');
    insert into app.response_exports overriding system value
      select * from jsonb_populate_recordset(null::app.response_exports, v_t -> 'response_exports');
    insert into app.audit_log overriding system value
      select * from jsonb_populate_recordset(null::app.audit_log, v_t -> 'audit_log');
    -- the deferred foreign keys (answers to their questions and options) are checked here, not at commit
    set constraints all immediate;
  exception
    when unique_violation then
      raise exception 'The backup''s rows clash with rows already in this database (%): restore it into an empty '
        'database.', sqlerrm using hint = 'already_exists';
    when foreign_key_violation or check_violation or not_null_violation or invalid_text_representation
         or invalid_parameter_value or datetime_field_overflow or numeric_value_out_of_range
         or string_data_right_truncation or invalid_datetime_format or restrict_violation then
      raise exception 'The backup holds a row this database refuses (%): it is not whole, or was changed.',
        sqlerrm using hint = 'invalid_backup';
  end;

  alter table app.organisations enable trigger user;
  alter table app.responses enable trigger user;
  alter table app.answers enable trigger user;
  alter table app.respondent_drafts enable trigger user;
  alter table app.feedback enable trigger user;

  -- identities carry on after the restored rows
  perform setval(pg_get_serial_sequence('app.answers', 'id'), m) from (select max(id) m from app.answers) s
    where m is not null;
  perform setval(pg_get_serial_sequence('app.response_exports', 'id'), m)
    from (select max(id) m from app.response_exports) s where m is not null;
  perform setval(pg_get_serial_sequence('app.audit_log', 'id'), m) from (select max(id) m from app.audit_log) s
    where m is not null;

  select sum(jsonb_array_length(t.value)) into v_rows from jsonb_each(v_t) t;
  insert into app.audit_log (organisation_id, actor, action, subject_id, detail)
  values (v_org.id, null, 'organisation.restored', v_org.id::text,
          jsonb_build_object('rows', v_rows, 'exported_at', p_backup -> 'exported_at'));
  return jsonb_build_object('organisation_id', v_org.id, 'slug', v_org.slug, 'name', v_org.name, 'rows', v_rows,
                            'accounts_created', v_created, 'accounts_matched', v_matched);
end
$$;
revoke all on function app.restore_organisation(jsonb) from public, anon, authenticated, service_role;
comment on function app.restore_organisation is
  'The database owner only (npm run restore): puts an organisation''s backup (api.export_organisation) into '
  'this database, at the same migration and without that organisation, in one transaction; accounts are '
  'matched by email address or created without a password. In the audit log.';
