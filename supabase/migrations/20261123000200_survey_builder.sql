-- The survey builder: staff (admin, lead, officer) create surveys, add, change, reorder and delete
-- questions, and add waves (a baseline and any number of repeats).
--
-- Questions belong to the survey, not to a wave: a repeat reuses them, and answers stay comparable
-- by question key across waves. Changing the wording of a question that people have already
-- answered keeps the question (same id, same key) and bumps its version; the previous wording is
-- kept in app.question_versions. A question or option that has answers cannot be deleted.
--
-- Every function here is security invoker: row-level security decides, and each function checks
-- the caller's role first only to give a clear message.

-- ---------------------------------------------------------------------------------------------
-- Earlier wordings of questions
-- ---------------------------------------------------------------------------------------------

create table app.question_versions (
  organisation_id uuid not null,
  question_id uuid not null,
  version integer not null check (version > 0),
  prompt text not null,
  easy_read_prompt text,
  -- the options as they were: [{id, value, label, easy_read_label, is_positive, position}]
  options jsonb not null default '[]'::jsonb check (jsonb_typeof(options) = 'array'),
  replaced_at timestamptz not null default now(),
  replaced_by uuid default auth.uid(),
  primary key (question_id, version),
  foreign key (question_id, organisation_id) references app.questions (id, organisation_id) on delete cascade
);
comment on table app.question_versions is
  'The wording a question had before it was changed after people had answered it: results from before '
  'and after the change may not compare. The question itself keeps its id and key.';

alter table app.question_versions enable row level security;
grant select on app.question_versions to authenticated;
grant all on app.question_versions to service_role;

create policy "members read earlier wordings" on app.question_versions
  for select to authenticated using (app.has_role(organisation_id));
create policy "survey staff keep earlier wordings" on app.question_versions
  for insert to authenticated with check (app.has_role(organisation_id, '{admin,lead,officer}'));
grant insert (organisation_id, question_id, version, prompt, easy_read_prompt, options) on app.question_versions
  to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Writes by survey staff: admin, lead and officer of the organisation. Forum, scrutiny,
-- safeguarding and other organisations are denied by these policies.
-- ---------------------------------------------------------------------------------------------

create policy "survey staff add surveys" on app.surveys
  for insert to authenticated with check (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "survey staff change surveys" on app.surveys
  for update to authenticated
  using (app.has_role(organisation_id, '{admin,lead,officer}'))
  with check (app.has_role(organisation_id, '{admin,lead,officer}'));
grant insert (organisation_id, slug, title, audience, easy_read, introduction, privacy_notice) on app.surveys
  to authenticated;
grant update (title, audience, easy_read, introduction, privacy_notice) on app.surveys to authenticated;

create policy "survey staff add questions" on app.questions
  for insert to authenticated with check (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "survey staff change questions" on app.questions
  for update to authenticated
  using (app.has_role(organisation_id, '{admin,lead,officer}'))
  with check (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "survey staff delete questions" on app.questions
  for delete to authenticated using (app.has_role(organisation_id, '{admin,lead,officer}'));
grant insert (organisation_id, survey_id, key, position, kind, prompt, easy_read_prompt, help_text, required,
              max_length, min_value, max_value, priority_id) on app.questions to authenticated;
grant update (position, prompt, easy_read_prompt, help_text, required, max_length, min_value, max_value,
              priority_id, version) on app.questions to authenticated;
grant delete on app.questions to authenticated;

create policy "survey staff add options" on app.question_options
  for insert to authenticated with check (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "survey staff change options" on app.question_options
  for update to authenticated
  using (app.has_role(organisation_id, '{admin,lead,officer}'))
  with check (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "survey staff delete options" on app.question_options
  for delete to authenticated using (app.has_role(organisation_id, '{admin,lead,officer}'));
grant insert (organisation_id, question_id, value, label, easy_read_label, symbol, is_positive, position)
  on app.question_options to authenticated;
grant update (label, easy_read_label, symbol, is_positive, position) on app.question_options to authenticated;
grant delete on app.question_options to authenticated;

create policy "survey staff add waves" on app.waves
  for insert to authenticated with check (app.has_role(organisation_id, '{admin,lead,officer}'));
grant insert (organisation_id, survey_id, slug, kind, label, opens_at, closes_at) on app.waves to authenticated;

-- Officers run waves day to day, as they build the surveys: they may change a wave's dates too.
drop policy "admins and leads change waves" on app.waves;
create policy "survey staff change waves" on app.waves
  for update to authenticated
  using (app.has_role(organisation_id, '{admin,lead,officer}'))
  with check (app.has_role(organisation_id, '{admin,lead,officer}'));
comment on function api.set_wave_dates is
  'Admins, leads and officers of the wave''s organisation (RLS decides). Opens, closes or reschedules a wave.';

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

create function app.free_slug(p_text text, p_fallback text default 'survey', p_max integer default 60)
returns text
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_base text;
  v_slug text;
  i integer := 1;
begin
  v_base := btrim(regexp_replace(lower(coalesce(p_text, '')), '[^a-z0-9]+', '-', 'g'), '-');
  v_base := btrim(left(v_base, least(greatest(p_max, 8), 76)), '-');
  if v_base = '' then
    v_base := p_fallback;
  end if;
  v_slug := v_base;
  -- /s/<slug> names a wave or a survey: a new slug must be free in both.
  while exists (select 1 from app.surveys s where s.slug = v_slug)
     or exists (select 1 from app.waves w where w.slug = v_slug) loop
    i := i + 1;
    v_slug := btrim(left(v_base, 79 - length(i::text)), '-') || '-' || i;
  end loop;
  return v_slug;
end
$$;
comment on function app.free_slug is
  'Internal (survey staff, through the builder''s functions). A link name made from the text that no '
  'survey or wave of any organisation uses yet. Security definer: slugs are unique across organisations.';
grant execute on function app.free_slug to authenticated, service_role;

create function app.survey_field_errors(p_title text, p_audience text, p_introduction text, p_privacy_notice text)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'title', case
      when p_title is null or btrim(p_title) = '' then 'Enter a title.'
      when length(btrim(p_title)) > 200 then 'Keep the title to 200 characters or fewer.' end,
    'audience', case
      when p_audience is null or p_audience not in (select unnest(enum_range(null::app.survey_audience))::text)
        then 'Choose who the survey is for.' end,
    'introduction', case
      when length(p_introduction) > 4000 then 'Keep the introduction to 4,000 characters or fewer.' end,
    'privacy_notice', case
      when length(p_privacy_notice) > 4000 then 'Keep the privacy notice to 4,000 characters or fewer.' end))
$$;
comment on function app.survey_field_errors is 'Internal. Field -> message for a survey''s details; {} when all is well.';
grant execute on function app.survey_field_errors to authenticated, service_role;

create function app.has_answers(p_question_id uuid, p_option_id uuid default null)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  -- Raw answers, or counts without raw answers (an import of historic aggregated results).
  select case when p_option_id is null then
    exists (select 1 from app.answers a where a.question_id = p_question_id)
    or exists (select 1 from app.question_counts c where c.question_id = p_question_id and c.n > 0)
  else
    exists (select 1 from app.answers a where a.option_id = p_option_id)
    or exists (select 1 from app.option_counts c where c.option_id = p_option_id and c.n > 0)
  end
$$;
comment on function app.has_answers is
  'Internal (survey staff, through the builder''s functions). Whether anyone has answered the question, or '
  'chosen the option, in any wave. Security definer so that the answer does not depend on who may read answers.';
grant execute on function app.has_answers to authenticated, service_role;

create function app.refuse_unless_survey_staff(p_organisation_id uuid)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only an administrator, lead or officer of this local area can change its surveys.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
end
$$;
comment on function app.refuse_unless_survey_staff is
  'Internal. Raises not_permitted (42501) unless the caller is admin, lead or officer of the organisation.';
grant execute on function app.refuse_unless_survey_staff to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- API: the standard answer scales
-- ---------------------------------------------------------------------------------------------

create function api.standard_options(p_kind text)
returns jsonb
language sql immutable security invoker
set search_path = ''
as $$
  select case p_kind
    when 'agreement_5' then jsonb_build_array(
      jsonb_build_object('value', 'strongly_agree', 'label', 'Strongly agree', 'easy_read_label', 'Yes, a lot', 'is_positive', true),
      jsonb_build_object('value', 'agree', 'label', 'Agree', 'easy_read_label', 'Yes', 'is_positive', true),
      jsonb_build_object('value', 'neither', 'label', 'Neither agree nor disagree', 'easy_read_label', 'Not sure', 'is_positive', false),
      jsonb_build_object('value', 'disagree', 'label', 'Disagree', 'easy_read_label', 'No', 'is_positive', false),
      jsonb_build_object('value', 'strongly_disagree', 'label', 'Strongly disagree', 'easy_read_label', 'No, not at all', 'is_positive', false))
    when 'faces_3' then jsonb_build_array(
      jsonb_build_object('value', 'happy', 'label', 'Happy', 'easy_read_label', 'Happy', 'symbol', 'grinning-face', 'is_positive', true),
      jsonb_build_object('value', 'okay', 'label', 'Okay', 'easy_read_label', 'Okay', 'symbol', 'neutral-face', 'is_positive', false),
      jsonb_build_object('value', 'sad', 'label', 'Sad', 'easy_read_label', 'Sad', 'symbol', 'frowning-face', 'is_positive', false))
    when 'yes_no_unsure' then jsonb_build_array(
      jsonb_build_object('value', 'yes', 'label', 'Yes', 'easy_read_label', 'Yes', 'is_positive', true),
      jsonb_build_object('value', 'no', 'label', 'No', 'easy_read_label', 'No', 'is_positive', false),
      jsonb_build_object('value', 'not_sure', 'label', 'Not sure', 'easy_read_label', 'I do not know', 'is_positive', false))
    when 'rating_0_10' then (
      select jsonb_agg(jsonb_build_object(
        'value', i::text,
        'label', case i when 0 then '0 (lowest)' when 10 then '10 (highest)' else i::text end,
        'easy_read_label', i::text, 'is_positive', i >= 9) order by i)
      from generate_series(0, 10) i)
    else null
  end
$$;
comment on function api.standard_options is
  'Signed-in users. The options the database gives a question of a standard kind (agreement_5, faces_3, '
  'yes_no_unsure, rating_0_10), in order, with the ones that count as positive by default; null for other kinds.';
grant execute on function api.standard_options to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- API: surveys
-- ---------------------------------------------------------------------------------------------

create function api.create_survey(
  p_organisation_id uuid,
  p_title text,
  p_audience text,
  p_introduction text default '',
  p_privacy_notice text default '',
  p_easy_read boolean default false
)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_errors jsonb;
  v_row app.surveys;
begin
  perform app.refuse_unless_survey_staff(p_organisation_id);
  v_errors := app.survey_field_errors(p_title, p_audience, coalesce(p_introduction, ''), coalesce(p_privacy_notice, ''));
  if v_errors <> '{}'::jsonb then
    raise exception 'Some details of the survey need attention.' using hint = 'invalid_survey', detail = v_errors::text;
  end if;
  insert into app.surveys (organisation_id, slug, title, audience, easy_read, introduction, privacy_notice)
  values (p_organisation_id, app.free_slug(p_title, 'survey', 60), btrim(p_title), p_audience::app.survey_audience,
          coalesce(p_easy_read, false), btrim(coalesce(p_introduction, '')), btrim(coalesce(p_privacy_notice, '')))
  returning * into v_row;
  return jsonb_build_object('id', v_row.id, 'slug', v_row.slug, 'title', v_row.title);
end
$$;
comment on function api.create_survey is
  'Admins, leads and officers of the organisation (not_permitted otherwise). Creates a survey with a link '
  'name made from its title and free across every survey and wave. Invalid details raise hint '
  'invalid_survey with detail a JSON object of field -> message.';
grant execute on function api.create_survey to authenticated, service_role;

create function api.update_survey(
  p_survey_id uuid,
  p_title text,
  p_audience text,
  p_introduction text default '',
  p_privacy_notice text default '',
  p_easy_read boolean default false
)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_errors jsonb;
  v_row app.surveys;
begin
  select * into v_row from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_survey_staff(v_row.organisation_id);
  v_errors := app.survey_field_errors(p_title, p_audience, coalesce(p_introduction, ''), coalesce(p_privacy_notice, ''));
  if v_errors <> '{}'::jsonb then
    raise exception 'Some details of the survey need attention.' using hint = 'invalid_survey', detail = v_errors::text;
  end if;
  -- The slug stays: links to the survey have already been shared.
  update app.surveys
  set title = btrim(p_title), audience = p_audience::app.survey_audience, easy_read = coalesce(p_easy_read, false),
      introduction = btrim(coalesce(p_introduction, '')), privacy_notice = btrim(coalesce(p_privacy_notice, ''))
  where id = p_survey_id
  returning * into v_row;
  return jsonb_build_object('id', v_row.id, 'slug', v_row.slug, 'title', v_row.title);
end
$$;
comment on function api.update_survey is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Changes a survey''s '
  'title, audience, introduction, privacy notice and easy-read flag; its link stays the same. Invalid details '
  'raise hint invalid_survey with detail a JSON object of field -> message.';
grant execute on function api.update_survey to authenticated, service_role;

create function api.survey_for_builder(p_survey_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'id', s.id, 'slug', s.slug, 'title', s.title, 'audience', s.audience, 'easy_read', s.easy_read,
    'introduction', s.introduction, 'privacy_notice', s.privacy_notice,
    'organisation', (select jsonb_build_object('id', o.id, 'name', o.name)
                     from app.organisations o where o.id = s.organisation_id),
    'can_edit', app.has_role(s.organisation_id, '{admin,lead,officer}'),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', q.id, 'key', q.key, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt,
        'easy_read_prompt', q.easy_read_prompt, 'help_text', q.help_text, 'required', q.required,
        'max_length', q.max_length, 'min_value', q.min_value, 'max_value', q.max_value,
        'priority_id', q.priority_id,
        'priority', (select p.title from app.strategy_priorities p where p.id = q.priority_id),
        'version', q.version,
        'answered', app.has_answers(q.id),
        'answers', coalesce((select sum(c.n) from app.question_counts c
                             where c.question_id = q.id and c.dimension = '_all' and c.category = '_all'), 0),
        'options', coalesce((
          select jsonb_agg(jsonb_build_object(
            'id', o.id, 'value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label,
            'symbol', o.symbol, 'is_positive', o.is_positive, 'position', o.position,
            'answered', app.has_answers(q.id, o.id)) order by o.position)
          from app.question_options o where o.question_id = q.id), '[]'::jsonb),
        'versions', coalesce((
          select jsonb_agg(jsonb_build_object('version', v.version, 'prompt', v.prompt, 'replaced_at', v.replaced_at)
                           order by v.version)
          from app.question_versions v where v.question_id = q.id), '[]'::jsonb))
        order by q.position, q.created_at)
      from app.questions q where q.survey_id = s.id), '[]'::jsonb),
    'waves', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label,
        'opens_at', w.opens_at, 'closes_at', w.closes_at,
        'status', app.wave_status(w.opens_at, w.closes_at),
        'responses', coalesce((select c.n from app.wave_group_counts c
                               where c.wave_id = w.id and c.dimension = '_all' and c.category = '_all'), 0))
        order by w.opens_at, w.created_at)
      from app.waves w where w.survey_id = s.id), '[]'::jsonb),
    'priorities', coalesce((
      select jsonb_agg(jsonb_build_object('id', p.id, 'position', p.position, 'title', p.title) order by p.position)
      from app.strategy_priorities p where p.organisation_id = s.organisation_id), '[]'::jsonb))
  from app.surveys s
  where s.id = p_survey_id
$$;
comment on function api.survey_for_builder is
  'Members of the survey''s organisation (RLS decides; null for anyone else). A survey as its builder '
  'shows it: details, questions in order with their options, earlier wordings and how many answered, '
  'waves with their responses, the organisation''s strategy priorities, and whether the caller may edit.';
grant execute on function api.survey_for_builder to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- API: questions
-- ---------------------------------------------------------------------------------------------

create function app.question_field_errors(
  p_organisation_id uuid,
  p_kind app.question_kind,
  p_prompt text,
  p_easy_read_prompt text,
  p_help_text text,
  p_max_length integer,
  p_min_value numeric,
  p_max_value numeric,
  p_priority_id uuid
)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'prompt', case
      when p_prompt is null or btrim(p_prompt) = '' then 'Enter the question.'
      when length(btrim(p_prompt)) > 1000 then 'Keep the question to 1,000 characters or fewer.' end,
    'easy_read_prompt', case
      when length(btrim(p_easy_read_prompt)) > 1000 then 'Keep the easy-read wording to 1,000 characters or fewer.' end,
    'help_text', case
      when length(btrim(p_help_text)) > 2000 then 'Keep the help text to 2,000 characters or fewer.' end,
    'max_length', case
      when p_kind = 'free_text' and p_max_length is null then 'Enter the most characters an answer may have.'
      when p_kind = 'free_text' and (p_max_length < 1 or p_max_length > 10000)
        then 'Enter a number of characters from 1 to 10,000.' end,
    'max_value', case
      when p_kind = 'number' and p_min_value is not null and p_max_value is not null and p_max_value < p_min_value
        then 'The largest number must be at least the smallest.' end,
    'priority_id', case
      when p_priority_id is not null and not exists (
        select 1 from app.strategy_priorities p where p.id = p_priority_id and p.organisation_id = p_organisation_id)
        then 'Choose one of your strategy priorities.' end))
$$;
comment on function app.question_field_errors is 'Internal. Field -> message for a question''s own fields; {} when all is well.';
grant execute on function app.question_field_errors to authenticated, service_role;

create function app.option_value(p_label text, p_taken text[])
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v_base text;
  v_value text;
  i integer := 1;
begin
  v_base := btrim(left(btrim(regexp_replace(lower(coalesce(p_label, '')), '[^a-z0-9]+', '_', 'g'), '_'), 36), '_');
  if v_base = '' then
    v_base := 'option';
  end if;
  v_value := v_base;
  while v_value = any (coalesce(p_taken, '{}')) loop
    i := i + 1;
    v_value := v_base || '_' || i;
  end loop;
  return v_value;
end
$$;
comment on function app.option_value is 'Internal. A stored value for a new option, made from its label, not in p_taken.';
grant execute on function app.option_value to authenticated, service_role;

create function api.add_question(
  p_survey_id uuid,
  p_kind text,
  p_prompt text,
  p_easy_read_prompt text default null,
  p_help_text text default null,
  p_required boolean default false,
  p_max_length integer default null,
  p_min_value numeric default null,
  p_max_value numeric default null,
  p_priority_id uuid default null,
  p_options jsonb default null,
  p_key text default null
)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_kind app.question_kind;
  v_errors jsonb := '{}'::jsonb;
  v_options jsonb := '[]'::jsonb;
  v_standard jsonb;
  v_key text;
  v_base text;
  v_taken text[] := '{}';
  v_label text;
  v_given jsonb;
  v_id uuid;
  e record;
  i integer := 1;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_survey_staff(v_survey.organisation_id);

  begin
    v_kind := p_kind::app.question_kind;
  exception when invalid_text_representation or null_value_not_allowed then
    v_errors := v_errors || jsonb_build_object('kind', 'Choose what kind of question this is.');
  end;
  if p_kind is null then
    v_errors := v_errors || jsonb_build_object('kind', 'Choose what kind of question this is.');
  end if;

  v_errors := v_errors || app.question_field_errors(v_survey.organisation_id, v_kind, p_prompt, p_easy_read_prompt,
                                                    p_help_text, p_max_length, p_min_value, p_max_value, p_priority_id);

  -- The key: given, or made from the question's words; unique in the survey.
  if nullif(btrim(p_key), '') is not null then
    v_key := lower(btrim(p_key));
    if v_key !~ '^[a-z][a-z0-9_]{0,62}$' then
      v_errors := v_errors || jsonb_build_object('key',
        'Use lower-case letters, numbers and underscores, starting with a letter, like felt_involved.');
    elsif exists (select 1 from app.questions q where q.survey_id = p_survey_id and q.key = v_key) then
      v_errors := v_errors || jsonb_build_object('key', 'Another question of this survey has this short name.');
    end if;
  else
    v_base := btrim(left(btrim(regexp_replace(lower(coalesce(p_prompt, '')), '[^a-z0-9]+', '_', 'g'), '_'), 40), '_');
    if v_base = '' then
      v_base := 'question';
    elsif v_base !~ '^[a-z]' then
      v_base := 'q_' || v_base;
    end if;
    v_key := v_base;
    while exists (select 1 from app.questions q where q.survey_id = p_survey_id and q.key = v_key) loop
      i := i + 1;
      v_key := v_base || '_' || i;
    end loop;
  end if;

  -- Options: the standard scale (its labels and positive answers may be changed), or the ones given.
  if v_kind is not null then
    v_standard := api.standard_options(v_kind::text);
    if p_options is not null and jsonb_typeof(p_options) <> 'array' then
      v_errors := v_errors || jsonb_build_object('options', 'Options must be a list.');
    elsif v_standard is not null then
      for e in select x.value as o from jsonb_array_elements(v_standard) x loop
        select g.value into v_given from jsonb_array_elements(coalesce(p_options, '[]'::jsonb)) g
          where g.value ->> 'value' = e.o ->> 'value'
          limit 1;
        v_options := v_options || jsonb_build_array(e.o || jsonb_strip_nulls(jsonb_build_object(
          'label', nullif(btrim(v_given ->> 'label'), ''),
          'easy_read_label', nullif(btrim(v_given ->> 'easy_read_label'), ''),
          'is_positive', (v_given ->> 'is_positive')::boolean)));
        if length(btrim(v_given ->> 'label')) > 300 or length(btrim(v_given ->> 'easy_read_label')) > 300 then
          v_errors := v_errors || jsonb_build_object('options', 'Keep each option to 300 characters or fewer.');
        end if;
        v_given := null;
      end loop;
      if exists (select 1 from jsonb_array_elements(coalesce(p_options, '[]'::jsonb)) g
                 where not exists (select 1 from jsonb_array_elements(v_standard) s where s ->> 'value' = g.value ->> 'value')) then
        v_errors := v_errors || jsonb_build_object('options', 'This kind of question has its own standard options.');
      end if;
    elsif v_kind in ('single_choice', 'multi_choice') then
      for e in select x.value as o, x.ordinality as n from jsonb_array_elements(coalesce(p_options, '[]'::jsonb)) with ordinality x loop
        v_label := btrim(e.o ->> 'label');
        if v_label is null or v_label = '' then
          continue;
        end if;
        if length(v_label) > 300 or length(btrim(e.o ->> 'easy_read_label')) > 300 then
          v_errors := v_errors || jsonb_build_object('options.' || (e.n - 1), 'Keep each option to 300 characters or fewer.');
        end if;
        if exists (select 1 from jsonb_array_elements(v_options) p where lower(p ->> 'label') = lower(v_label)) then
          v_errors := v_errors || jsonb_build_object('options.' || (e.n - 1), 'Each option must be different.');
        end if;
        v_taken := v_taken || app.option_value(coalesce(nullif(e.o ->> 'value', ''), v_label), v_taken);
        v_options := v_options || jsonb_build_array(jsonb_build_object(
          'value', v_taken[array_length(v_taken, 1)], 'label', v_label,
          'easy_read_label', nullif(btrim(e.o ->> 'easy_read_label'), ''),
          'is_positive', coalesce((e.o ->> 'is_positive')::boolean, false)));
      end loop;
      if jsonb_array_length(v_options) < 2 then
        v_errors := v_errors || jsonb_build_object('options', 'Give at least two options to choose from.');
      end if;
    elsif p_options is not null and jsonb_array_length(p_options) > 0 then
      v_errors := v_errors || jsonb_build_object('options', 'This kind of question has no options.');
    end if;
  end if;

  if v_errors <> '{}'::jsonb then
    raise exception 'Some details of the question need attention.' using hint = 'invalid_question', detail = v_errors::text;
  end if;

  insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, easy_read_prompt, help_text,
                             required, max_length, min_value, max_value, priority_id)
  values (v_survey.organisation_id, p_survey_id, v_key,
          coalesce((select max(q.position) from app.questions q where q.survey_id = p_survey_id), 0) + 1,
          v_kind, btrim(p_prompt), nullif(btrim(p_easy_read_prompt), ''), nullif(btrim(p_help_text), ''),
          coalesce(p_required, false),
          case when v_kind = 'free_text' then p_max_length end,
          case when v_kind = 'number' then p_min_value end,
          case when v_kind = 'number' then p_max_value end,
          p_priority_id)
  returning id into v_id;

  insert into app.question_options (organisation_id, question_id, value, label, easy_read_label, symbol, is_positive, position)
  select v_survey.organisation_id, v_id, x.value ->> 'value', x.value ->> 'label', x.value ->> 'easy_read_label',
         x.value ->> 'symbol', coalesce((x.value ->> 'is_positive')::boolean, false), x.ordinality
  from jsonb_array_elements(v_options) with ordinality x;

  return jsonb_build_object('id', v_id, 'key', v_key, 'version', 1);
end
$$;
comment on function api.add_question is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Adds a question at the '
  'end of the survey. Its key is p_key, or made from the prompt. For agreement_5, faces_3, yes_no_unsure and '
  'rating_0_10 the database gives the standard options (see api.standard_options); p_options may change their '
  'label, easy_read_label and is_positive by value. single_choice and multi_choice take p_options, a list of '
  '{label, easy_read_label?, is_positive?}. Invalid input raises hint invalid_question with detail a JSON object '
  'of field -> message (options.<n> for the n-th option, from 0).';
grant execute on function api.add_question to authenticated, service_role;

create function api.update_question(
  p_question_id uuid,
  p_prompt text,
  p_easy_read_prompt text default null,
  p_help_text text default null,
  p_required boolean default false,
  p_max_length integer default null,
  p_min_value numeric default null,
  p_max_value numeric default null,
  p_priority_id uuid default null,
  p_options jsonb default null
)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_q app.questions;
  v_errors jsonb := '{}'::jsonb;
  v_answered boolean;
  v_old jsonb;
  v_new jsonb := '[]'::jsonb;
  v_taken text[];
  v_label text;
  v_id uuid;
  v_changed boolean;
  v_removed uuid[];
  e record;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  perform app.refuse_unless_survey_staff(v_q.organisation_id);

  v_errors := app.question_field_errors(v_q.organisation_id, v_q.kind, p_prompt, p_easy_read_prompt, p_help_text,
                                        p_max_length, p_min_value, p_max_value, p_priority_id);
  v_answered := app.has_answers(v_q.id);

  select coalesce(jsonb_agg(jsonb_build_object(
           'id', o.id, 'value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label,
           'is_positive', o.is_positive, 'position', o.position) order by o.position), '[]'::jsonb),
         coalesce(array_agg(o.value), '{}')
    into v_old, v_taken
  from app.question_options o where o.question_id = v_q.id;

  -- The options as they will be, in order: {id (null for a new one), value, label, easy_read_label, is_positive}.
  if p_options is null then
    v_new := v_old;
  elsif jsonb_typeof(p_options) <> 'array' then
    v_errors := v_errors || jsonb_build_object('options', 'Options must be a list.');
  else
    for e in select x.value as o, x.ordinality as n from jsonb_array_elements(p_options) with ordinality x loop
      v_label := btrim(e.o ->> 'label');
      v_id := nullif(e.o ->> 'id', '')::uuid;
      if v_id is not null and not exists (select 1 from jsonb_array_elements(v_old) p where (p ->> 'id')::uuid = v_id) then
        v_errors := v_errors || jsonb_build_object('options.' || (e.n - 1), 'This option is not part of this question.');
        continue;
      end if;
      if v_id is null and v_q.kind not in ('single_choice', 'multi_choice') then
        v_errors := v_errors || jsonb_build_object('options', 'This kind of question has its own standard options.');
        continue;
      end if;
      if v_label is null or v_label = '' then
        if v_id is null then
          continue; -- an empty row for a new option
        end if;
        v_errors := v_errors || jsonb_build_object('options.' || (e.n - 1), 'Enter the wording of the option.');
        continue;
      end if;
      if length(v_label) > 300 or length(btrim(e.o ->> 'easy_read_label')) > 300 then
        v_errors := v_errors || jsonb_build_object('options.' || (e.n - 1), 'Keep each option to 300 characters or fewer.');
      end if;
      if exists (select 1 from jsonb_array_elements(v_new) p where lower(p ->> 'label') = lower(v_label)) then
        v_errors := v_errors || jsonb_build_object('options.' || (e.n - 1), 'Each option must be different.');
      end if;
      if v_id is null then
        v_taken := v_taken || app.option_value(v_label, v_taken);
      end if;
      v_new := v_new || jsonb_build_array(jsonb_build_object(
        'id', v_id,
        'value', coalesce((select p ->> 'value' from jsonb_array_elements(v_old) p where (p ->> 'id')::uuid = v_id),
                          v_taken[array_length(v_taken, 1)]),
        'label', v_label,
        'easy_read_label', nullif(btrim(e.o ->> 'easy_read_label'), ''),
        'is_positive', coalesce((e.o ->> 'is_positive')::boolean, false)));
    end loop;

    select coalesce(array_agg((p ->> 'id')::uuid), '{}') into v_removed
    from jsonb_array_elements(v_old) p
    where not exists (select 1 from jsonb_array_elements(v_new) n where n ->> 'id' = p ->> 'id');

    if v_q.kind not in ('single_choice', 'multi_choice') and cardinality(v_removed) > 0 then
      v_errors := v_errors || jsonb_build_object('options', 'This kind of question keeps all its standard options.');
    elsif v_q.kind in ('single_choice', 'multi_choice') and jsonb_array_length(v_new) < 2 then
      v_errors := v_errors || jsonb_build_object('options', 'Give at least two options to choose from.');
    end if;
    if v_errors = '{}'::jsonb and exists (select 1 from unnest(v_removed) r where app.has_answers(v_q.id, r)) then
      raise exception 'People have already chosen an option you removed, so it cannot be deleted. Keep it, or change its wording.'
        using hint = 'has_answers',
              detail = jsonb_build_object('options', 'People have already chosen an option you removed, so it cannot be deleted.')::text;
    end if;
  end if;

  if v_errors <> '{}'::jsonb then
    raise exception 'Some details of the question need attention.' using hint = 'invalid_question', detail = v_errors::text;
  end if;

  -- The wording: the question, its easy-read wording, and the options' labels (and which options there are).
  v_changed := btrim(p_prompt) is distinct from v_q.prompt
    or nullif(btrim(p_easy_read_prompt), '') is distinct from v_q.easy_read_prompt
    or (select coalesce(jsonb_agg(jsonb_build_array(p ->> 'value', p ->> 'label', p ->> 'easy_read_label')), '[]'::jsonb)
        from jsonb_array_elements(v_old) p)
       is distinct from
       (select coalesce(jsonb_agg(jsonb_build_array(p ->> 'value', p ->> 'label', p ->> 'easy_read_label')), '[]'::jsonb)
        from jsonb_array_elements(v_new) p);

  if v_changed and v_answered then
    insert into app.question_versions (organisation_id, question_id, version, prompt, easy_read_prompt, options)
    values (v_q.organisation_id, v_q.id, v_q.version, v_q.prompt, v_q.easy_read_prompt, v_old);
  end if;

  update app.questions
  set prompt = btrim(p_prompt),
      easy_read_prompt = nullif(btrim(p_easy_read_prompt), ''),
      help_text = nullif(btrim(p_help_text), ''),
      required = coalesce(p_required, false),
      max_length = case when kind = 'free_text' then p_max_length end,
      min_value = case when kind = 'number' then p_min_value end,
      max_value = case when kind = 'number' then p_max_value end,
      priority_id = p_priority_id,
      version = case when v_changed and v_answered then version + 1 else version end
  where id = v_q.id
  returning * into v_q;

  if p_options is not null then
    delete from app.question_options o where o.id = any (v_removed);
    -- positions are unique per question: move every option out of the way first
    update app.question_options o set position = o.position + 10000 where o.question_id = v_q.id;
    for e in select x.value as o, x.ordinality as n from jsonb_array_elements(v_new) with ordinality x loop
      if e.o ->> 'id' is not null then
        update app.question_options o
        set label = e.o ->> 'label', easy_read_label = e.o ->> 'easy_read_label',
            is_positive = (e.o ->> 'is_positive')::boolean, position = e.n
        where o.id = (e.o ->> 'id')::uuid;
      else
        insert into app.question_options (organisation_id, question_id, value, label, easy_read_label, is_positive, position)
        values (v_q.organisation_id, v_q.id, e.o ->> 'value', e.o ->> 'label', e.o ->> 'easy_read_label',
                (e.o ->> 'is_positive')::boolean, e.n);
      end if;
    end loop;
  end if;

  return jsonb_build_object(
    'id', v_q.id, 'key', v_q.key, 'version', v_q.version, 'versioned', v_changed and v_answered,
    'warning', case when v_changed and v_answered then
      'People have already answered this question. Results before and after this change may not be comparable.' end);
end
$$;
comment on function api.update_question is
  'Admins, leads and officers of the question''s organisation (not_permitted otherwise). Changes a question; '
  'its kind and key stay. p_options, when given, is the full list of options in order: {id?, label, '
  'easy_read_label?, is_positive}; an option left out is deleted and one without id is added (single and '
  'multi choice only). When the wording (prompt, easy-read prompt, options) of a question that has answers '
  'changes, the question keeps its id and key, its version goes up, the old wording is kept in '
  'app.question_versions, and the result carries a warning to show. Removing an option that has answers '
  'raises hint has_answers; invalid input raises hint invalid_question with detail field -> message.';
grant execute on function api.update_question to authenticated, service_role;

create function api.reorder_questions(p_survey_id uuid, p_question_ids uuid[])
returns void
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_organisation_id uuid;
begin
  select s.organisation_id into v_organisation_id from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_survey_staff(v_organisation_id);
  if p_question_ids is null
     or cardinality(p_question_ids) <> (select count(distinct x) from unnest(p_question_ids) x)
     or (select coalesce(array_agg(q.id order by q.id), '{}') from app.questions q where q.survey_id = p_survey_id)
        is distinct from (select coalesce(array_agg(x order by x), '{}') from unnest(p_question_ids) x) then
    raise exception 'The list must name every question of the survey once. Reload the page and try again.'
      using hint = 'invalid_order';
  end if;
  update app.questions q set position = x.n
  from unnest(p_question_ids) with ordinality x (id, n)
  where q.id = x.id and q.position is distinct from x.n;
end
$$;
comment on function api.reorder_questions is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Puts the survey''s '
  'questions in the order given, which must name each of them once (hint invalid_order otherwise).';
grant execute on function api.reorder_questions to authenticated, service_role;

create function api.delete_question(p_question_id uuid)
returns void
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_q app.questions;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  perform app.refuse_unless_survey_staff(v_q.organisation_id);
  if app.has_answers(v_q.id) then
    raise exception 'People have already answered this question, so it cannot be deleted. You can change its wording instead.'
      using hint = 'has_answers';
  end if;
  delete from app.questions q where q.id = v_q.id;
  -- close the gap
  update app.questions q set position = q.position - 1
  where q.survey_id = v_q.survey_id and q.position > v_q.position;
end
$$;
comment on function api.delete_question is
  'Admins, leads and officers of the question''s organisation (not_permitted otherwise). Deletes a question '
  'and its options; refused with hint has_answers when anyone has answered it in any wave.';
grant execute on function api.delete_question to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- API: waves
-- ---------------------------------------------------------------------------------------------

create function api.create_wave(
  p_survey_id uuid,
  p_kind text,
  p_label text,
  p_opens_at timestamptz,
  p_closes_at timestamptz
)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_baseline app.waves;
  v_errors jsonb := '{}'::jsonb;
  v_row app.waves;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_survey_staff(v_survey.organisation_id);
  select * into v_baseline from app.waves w where w.survey_id = p_survey_id and w.kind = 'baseline';

  if p_kind is null or p_kind not in ('baseline', 'repeat') then
    v_errors := v_errors || jsonb_build_object('kind', 'Choose baseline or repeat.');
  elsif p_kind = 'baseline' and v_baseline.id is not null then
    v_errors := v_errors || jsonb_build_object('kind', 'This survey already has a baseline. Add a repeat instead.');
  elsif p_kind = 'repeat' and v_baseline.id is null then
    v_errors := v_errors || jsonb_build_object('kind', 'Add the baseline first: each repeat is compared with it.');
  end if;
  if p_label is null or btrim(p_label) = '' then
    v_errors := v_errors || jsonb_build_object('label', 'Enter a name for the wave, like Autumn 2026.');
  elsif length(btrim(p_label)) > 120 then
    v_errors := v_errors || jsonb_build_object('label', 'Keep the name to 120 characters or fewer.');
  end if;
  if p_opens_at is null then
    v_errors := v_errors || jsonb_build_object('opens_at', 'Enter the opening date.');
  elsif p_kind = 'repeat' and v_baseline.id is not null and p_opens_at <= v_baseline.opens_at then
    v_errors := v_errors || jsonb_build_object('opens_at', format('A repeat must open after the baseline opens (%s).',
      to_char(v_baseline.opens_at at time zone 'Europe/London', 'FMDD FMMonth YYYY')));
  end if;
  if p_closes_at is null then
    v_errors := v_errors || jsonb_build_object('closes_at', 'Enter the closing date.');
  elsif p_opens_at is not null and p_closes_at <= p_opens_at then
    v_errors := v_errors || jsonb_build_object('closes_at', 'The closing date must be after the opening date.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'Some details of the wave need attention.' using hint = 'invalid_wave', detail = v_errors::text;
  end if;

  begin
    insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
    values (v_survey.organisation_id, p_survey_id, app.free_slug(v_survey.slug || '-' || p_label, 'wave', 76),
            p_kind::app.wave_kind, btrim(p_label), p_opens_at, p_closes_at)
    returning * into v_row;
  exception when unique_violation then
    -- another baseline was added at the same moment
    raise exception 'Some details of the wave need attention.' using hint = 'invalid_wave',
      detail = jsonb_build_object('kind', 'This survey already has a baseline. Add a repeat instead.')::text;
  end;
  return jsonb_build_object('id', v_row.id, 'slug', v_row.slug, 'kind', v_row.kind, 'label', v_row.label,
                            'opens_at', v_row.opens_at, 'closes_at', v_row.closes_at,
                            'status', app.wave_status(v_row.opens_at, v_row.closes_at));
end
$$;
comment on function api.create_wave is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Adds a wave with its '
  'own link: the baseline (one per survey, first) or a repeat (opening after the baseline opens). A repeat '
  'asks the survey''s questions, the same ones as the baseline. Invalid input raises hint invalid_wave with '
  'detail a JSON object of field -> message.';
grant execute on function api.create_wave to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Only the grants above decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
