-- Symbols for questions and options: a curated set of OpenMoji (CC BY-SA 4.0) ships with the app in
-- static/symbols/openmoji/<hexcode>.svg, and a symbol is stored as its hexcode, like 1F68C (bus).
-- Staff choose them in the builder; respondents see them beside the words (easy read, faces).
--
-- Earlier, option symbols were OpenMoji names such as 'grinning-face'; they become hexcodes here.
-- add_question and update_question gain p_symbol (last, with a default): callers that name their
-- arguments, as PostgREST's RPC does, are unaffected.

create function app.is_symbol(p_symbol text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_symbol is null or p_symbol ~ '^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$'
$$;
comment on function app.is_symbol is
  'Internal. Whether a symbol is null or has the form of an OpenMoji hexcode (1F600, 1F468-200D-1F469).';
grant execute on function app.is_symbol to authenticated, service_role;

update app.question_options
set symbol = case symbol
  when 'grinning-face' then '1F600'
  when 'slightly-smiling-face' then '1F642'
  when 'neutral-face' then '1F610'
  when 'frowning-face' then '1F641'
  when 'slightly-frowning-face' then '1F641'
  when 'thumbs-up' then '1F44D'
  when 'thumbs-down' then '1F44E'
  when 'check-mark' then '2714'
  when 'cross-mark' then '274C'
  when 'question-mark' then '2753'
  else case when symbol ~ '^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$' then symbol end
end
where symbol is not null;

alter table app.question_options
  add constraint question_options_symbol_hexcode check (symbol ~ '^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$');

alter table app.questions
  add column symbol text constraint questions_symbol_hexcode check (symbol ~ '^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$');
comment on column app.questions.symbol is
  'The question''s symbol: an OpenMoji hexcode (static/symbols/openmoji/<hexcode>.svg), or null.';
grant insert (symbol) on app.questions to authenticated;
grant update (symbol) on app.questions to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Functions that carry the symbols
-- ---------------------------------------------------------------------------------------------

create or replace function api.standard_options(p_kind text)
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
      jsonb_build_object('value', 'happy', 'label', 'Happy', 'easy_read_label', 'Happy', 'symbol', '1F600', 'is_positive', true),
      jsonb_build_object('value', 'okay', 'label', 'Okay', 'easy_read_label', 'Okay', 'symbol', '1F610', 'is_positive', false),
      jsonb_build_object('value', 'sad', 'label', 'Sad', 'easy_read_label', 'Sad', 'symbol', '1F641', 'is_positive', false))
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

create or replace function api.survey_for_respondent(p_slug text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_survey app.surveys;
begin
  -- A wave's own link names that wave; a survey's link names its open wave, else the next one
  -- to open, else the last one that closed.
  select * into v_wave from app.waves w where w.slug = lower(p_slug);
  if not found then
    select w.* into v_wave
    from app.waves w join app.surveys s on s.id = w.survey_id
    where s.slug = lower(p_slug)
    order by
      case app.wave_status(w.opens_at, w.closes_at) when 'open' then 0 when 'not_yet_open' then 1 else 2 end,
      case when app.wave_status(w.opens_at, w.closes_at) = 'not_yet_open' then w.opens_at end asc,
      w.closes_at desc
    limit 1;
    if not found then
      return null;
    end if;
  end if;

  select * into v_survey from app.surveys s where s.id = v_wave.survey_id;

  return jsonb_build_object(
    'organisation', (select jsonb_build_object('name', o.name, 'slug', o.slug)
                     from app.organisations o where o.id = v_survey.organisation_id),
    'survey', jsonb_build_object(
      'slug', v_survey.slug, 'title', v_survey.title, 'audience', v_survey.audience,
      'easy_read', v_survey.easy_read, 'introduction', v_survey.introduction,
      'privacy_notice', v_survey.privacy_notice),
    'wave', jsonb_build_object(
      'slug', v_wave.slug, 'label', v_wave.label, 'kind', v_wave.kind,
      'opens_at', v_wave.opens_at, 'closes_at', v_wave.closes_at,
      'status', app.wave_status(v_wave.opens_at, v_wave.closes_at)),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', q.key, 'kind', q.kind, 'prompt', q.prompt, 'easy_read_prompt', q.easy_read_prompt,
        'help_text', q.help_text, 'required', q.required, 'max_length', q.max_length,
        'min_value', q.min_value, 'max_value', q.max_value, 'symbol', q.symbol,
        'options', coalesce((
          select jsonb_agg(jsonb_build_object(
            'value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label, 'symbol', o.symbol)
            order by o.position)
          from app.question_options o where o.question_id = q.id), '[]'::jsonb))
        order by q.position)
      from app.questions q where q.survey_id = v_survey.id), '[]'::jsonb),
    'about', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', d.key, 'label', d.label,
        'categories', (
          select jsonb_agg(jsonb_build_object('code', c.code, 'label', c.label) order by c.position, c.label)
          from app.about_categories c
          where c.dimension = d.key
            and (c.organisation_id is null or c.organisation_id = v_survey.organisation_id)))
        order by d.position)
      from app.about_dimensions d
      where exists (select 1 from app.about_categories c
                    where c.dimension = d.key and c.code <> 'prefer_not_to_say'
                      and (c.organisation_id is null or c.organisation_id = v_survey.organisation_id))),
      '[]'::jsonb)
  );
end
$$;
comment on function api.survey_for_respondent is
  'Anyone (anon). What a respondent needs to answer a wave: the survey, the wave and whether it is open, '
  'the questions with their options, and the about-you vocabulary. Null when no survey or wave has the slug.';
grant execute on function api.survey_for_respondent to anon, authenticated, service_role;

create or replace function api.survey_for_builder(p_survey_id uuid)
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
        'priority_id', q.priority_id, 'symbol', q.symbol,
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

drop function api.add_question(uuid, text, text, text, text, boolean, integer, numeric, numeric, uuid, jsonb, text);

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
  p_key text default null,
  p_symbol text default null
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
          'is_positive', (v_given ->> 'is_positive')::boolean))
          || case when v_given ? 'symbol' then jsonb_build_object('symbol', nullif(btrim(v_given ->> 'symbol'), ''))
                  else '{}'::jsonb end);
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
          'symbol', nullif(btrim(e.o ->> 'symbol'), ''),
          'is_positive', coalesce((e.o ->> 'is_positive')::boolean, false)));
      end loop;
      if jsonb_array_length(v_options) < 2 then
        v_errors := v_errors || jsonb_build_object('options', 'Give at least two options to choose from.');
      end if;
    elsif p_options is not null and jsonb_array_length(p_options) > 0 then
      v_errors := v_errors || jsonb_build_object('options', 'This kind of question has no options.');
    end if;
  end if;

  if not app.is_symbol(nullif(btrim(p_symbol), '')) then
    v_errors := v_errors || jsonb_build_object('symbol', 'Choose a symbol from the list, or no symbol.');
  end if;
  for e in select x.value as o, x.ordinality as n from jsonb_array_elements(v_options) with ordinality x loop
    if not app.is_symbol(e.o ->> 'symbol') then
      v_errors := v_errors || jsonb_build_object('options.' || (e.n - 1), 'Choose a symbol from the list, or no symbol.');
    end if;
  end loop;

  if v_errors <> '{}'::jsonb then
    raise exception 'Some details of the question need attention.' using hint = 'invalid_question', detail = v_errors::text;
  end if;

  insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, easy_read_prompt, help_text,
                             required, max_length, min_value, max_value, priority_id, symbol)
  values (v_survey.organisation_id, p_survey_id, v_key,
          coalesce((select max(q.position) from app.questions q where q.survey_id = p_survey_id), 0) + 1,
          v_kind, btrim(p_prompt), nullif(btrim(p_easy_read_prompt), ''), nullif(btrim(p_help_text), ''),
          coalesce(p_required, false),
          case when v_kind = 'free_text' then p_max_length end,
          case when v_kind = 'number' then p_min_value end,
          case when v_kind = 'number' then p_max_value end,
          p_priority_id, nullif(btrim(p_symbol), ''))
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
  '{label, easy_read_label?, symbol?, is_positive?}; for standard options a symbol given by value replaces the '
  'standard one (empty for none). p_symbol is the question''s symbol: an OpenMoji hexcode like 1F68C, or null. Invalid input raises hint invalid_question with detail a JSON object '
  'of field -> message (options.<n> for the n-th option, from 0).';
grant execute on function api.add_question to authenticated, service_role;

drop function api.update_question(uuid, text, text, text, boolean, integer, numeric, numeric, uuid, jsonb);

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
  p_options jsonb default null,
  p_symbol text default null
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
           'symbol', o.symbol, 'is_positive', o.is_positive, 'position', o.position) order by o.position), '[]'::jsonb),
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
        -- a symbol given replaces the option's ('' for none); left out, the option keeps its own
        'symbol', case when e.o ? 'symbol' then nullif(btrim(e.o ->> 'symbol'), '')
                       else (select p ->> 'symbol' from jsonb_array_elements(v_old) p where (p ->> 'id')::uuid = v_id) end,
        'is_positive', coalesce((e.o ->> 'is_positive')::boolean, false)));
      if not app.is_symbol(v_new -> -1 ->> 'symbol') then
        v_errors := v_errors || jsonb_build_object('options.' || (e.n - 1), 'Choose a symbol from the list, or no symbol.');
      end if;
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

  if not app.is_symbol(nullif(btrim(p_symbol), '')) then
    v_errors := v_errors || jsonb_build_object('symbol', 'Choose a symbol from the list, or no symbol.');
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
      symbol = case when p_symbol is null then symbol else nullif(btrim(p_symbol), '') end,
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
        set label = e.o ->> 'label', easy_read_label = e.o ->> 'easy_read_label', symbol = e.o ->> 'symbol',
            is_positive = (e.o ->> 'is_positive')::boolean, position = e.n
        where o.id = (e.o ->> 'id')::uuid;
      else
        insert into app.question_options (organisation_id, question_id, value, label, easy_read_label, symbol, is_positive, position)
        values (v_q.organisation_id, v_q.id, e.o ->> 'value', e.o ->> 'label', e.o ->> 'easy_read_label', e.o ->> 'symbol',
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
  'easy_read_label?, symbol?, is_positive}; an option left out is deleted and one without id is added (single and '
  'multi choice only). When the wording (prompt, easy-read prompt, options) of a question that has answers '
  'changes, the question keeps its id and key, its version goes up, the old wording is kept in '
  'app.question_versions, and the result carries a warning to show. Removing an option that has answers '
  'raises hint has_answers; invalid input raises hint invalid_question with detail field -> message. p_symbol is the question''s symbol (an OpenMoji hexcode; empty for none; '
  'null keeps it); '
  'a symbol is not wording, so changing one never makes a new version.';
grant execute on function api.update_question to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Only the grants above decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
