-- Read models from small builders, one rule under one name, trigger order in one place. Nothing a
-- caller sees changes (tests/db/read-models.test.ts compares every output before and after).
--
--   - api.survey_for_respondent and api.survey_for_builder were each written out whole four times
--     (first in 20261123000100 and 20261123000200, then both again in 20261123000600,
--     20261130000200 and 20261201000200) to add a field or two. They
--     are now short compositions of one small builder per entity: a question, an option, a wave, a
--     language, an about-you dimension. From now on a migration that adds a column restates the one
--     builder that shows it (a few lines), with `create or replace`, and not the whole read model.
--   - app.check_response was renamed app.check_response_answers and wrapped under its old name by
--     20261130000200_survey_about_set.sql. It is one function with one name again.
--   - Two statement triggers after insert on app.responses depended on firing in name order
--     (responses_claim_invitations before responses_forget_drafts). They are now one trigger,
--     responses_submitted, whose function takes the steps in the order it lists.

-- ---------------------------------------------------------------------------------------------
-- What a respondent sees (api.survey_for_respondent)
-- ---------------------------------------------------------------------------------------------
-- Internal builders: security invoker, so that inside api.survey_for_respondent (security definer)
-- they read as it does, and executable by no API role.

create function app.respondent_organisation_json(o app.organisations)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('name', o.name, 'slug', o.slug, 'you_said_we_did_url', o.you_said_we_did_url)
$$;
comment on function app.respondent_organisation_json is
  'Internal (api.survey_for_respondent). An organisation as a respondent sees it.';

create function app.respondent_survey_json(s app.surveys)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'slug', s.slug, 'title', s.title, 'audience', s.audience,
    'easy_read', s.easy_read, 'introduction', s.introduction,
    'privacy_notice', s.privacy_notice)
$$;
comment on function app.respondent_survey_json is
  'Internal (api.survey_for_respondent). A survey''s details as a respondent sees them.';

create function app.respondent_wave_json(w app.waves)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'slug', w.slug, 'label', w.label, 'kind', w.kind,
    'opens_at', w.opens_at, 'closes_at', w.closes_at,
    'status', app.wave_status(w.opens_at, w.closes_at))
$$;
comment on function app.respondent_wave_json is
  'Internal (api.survey_for_respondent). A wave as a respondent sees it, with whether it is open.';

create function app.respondent_option_json(o app.question_options)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label, 'symbol', o.symbol)
$$;
comment on function app.respondent_option_json is
  'Internal (api.survey_for_respondent). An answer to choose, as a respondent sees it.';

create function app.respondent_question_json(q app.questions)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'key', q.key, 'kind', q.kind, 'prompt', q.prompt, 'easy_read_prompt', q.easy_read_prompt,
    'help_text', q.help_text, 'required', q.required, 'max_length', q.max_length,
    'min_value', q.min_value, 'max_value', q.max_value, 'symbol', q.symbol, 'same_page', q.same_page,
    'options', coalesce((
      select jsonb_agg(app.respondent_option_json(o) order by o.position)
      from app.question_options o where o.question_id = q.id), '[]'::jsonb))
$$;
comment on function app.respondent_question_json is
  'Internal (api.survey_for_respondent). A question as a respondent sees it, with its answers in order.';

create function app.respondent_language_json(l app.survey_languages)
returns jsonb
language sql stable
set search_path = ''
as $$
  -- translations: text key -> text (see app.survey_texts)
  select jsonb_build_object('code', l.code, 'name', l.name, 'direction', l.direction, 'translations', l.translations)
$$;
comment on function app.respondent_language_json is
  'Internal (api.survey_for_respondent). A language the survey is offered in besides English, with its translations.';

-- As 20261201000200_question_pages.sql defined it, composed of the builders above and
-- app.survey_about (the about-you questions the survey asks).
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
    'organisation', (select app.respondent_organisation_json(o)
                     from app.organisations o where o.id = v_survey.organisation_id),
    'survey', app.respondent_survey_json(v_survey),
    'wave', app.respondent_wave_json(v_wave),
    'questions', coalesce((
      select jsonb_agg(app.respondent_question_json(q) order by q.position)
      from app.questions q where q.survey_id = v_survey.id), '[]'::jsonb),
    'languages', coalesce((
      select jsonb_agg(app.respondent_language_json(l) order by l.position)
      from app.survey_languages l where l.survey_id = v_survey.id), '[]'::jsonb),
    'about', app.survey_about(v_survey.id)
  );
end
$$;

-- ---------------------------------------------------------------------------------------------
-- What the survey builder sees (api.survey_for_builder)
-- ---------------------------------------------------------------------------------------------
-- Internal builders: security invoker, so that row-level security decides for the caller what
-- they count (responses), exactly as inside api.survey_for_builder; executable by authenticated
-- for that reason (they reveal nothing the caller could not select).

create function app.builder_about_json(d app.about_dimensions, s app.surveys)
returns jsonb
language sql stable
set search_path = ''
as $$
  -- a few of its categories as examples, and how many it has ("prefer not to say" aside)
  select jsonb_build_object(
    'key', d.key, 'label', d.label, 'asked', d.key = any (s.about_dimensions),
    'examples', coalesce((
      select jsonb_agg(c.label order by c.position, c.label)
      from (select c.label, c.position from app.about_categories c
            where c.dimension = d.key and c.code <> 'prefer_not_to_say'
              and (c.organisation_id is null or c.organisation_id = s.organisation_id)
            order by c.position, c.label limit 3) c), '[]'::jsonb),
    'categories', (select count(*) from app.about_categories c
                   where c.dimension = d.key and c.code <> 'prefer_not_to_say'
                     and (c.organisation_id is null or c.organisation_id = s.organisation_id)))
$$;
comment on function app.builder_about_json is
  'Internal (api.survey_for_builder). An about-you question as the builder shows it for a survey: whether '
  'the survey asks it, a few example categories and how many there are.';

create function app.builder_option_json(o app.question_options)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', o.id, 'value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label,
    'symbol', o.symbol, 'is_positive', o.is_positive, 'position', o.position,
    'answered', app.has_answers(o.question_id, o.id))
$$;
comment on function app.builder_option_json is
  'Internal (api.survey_for_builder). An answer of a question as the builder shows it, with whether anyone chose it.';

create function app.builder_question_json(q app.questions)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', q.id, 'key', q.key, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt,
    'easy_read_prompt', q.easy_read_prompt, 'help_text', q.help_text, 'required', q.required,
    'max_length', q.max_length, 'min_value', q.min_value, 'max_value', q.max_value,
    'priority_id', q.priority_id, 'symbol', q.symbol, 'same_page', q.same_page,
    'priority', (select p.title from app.strategy_priorities p where p.id = q.priority_id),
    'version', q.version,
    'answered', app.has_answers(q.id),
    'answers', coalesce((select sum(c.n) from app.question_counts c
                         where c.question_id = q.id and c.dimension = '_all' and c.category = '_all'), 0),
    'options', coalesce((
      select jsonb_agg(app.builder_option_json(o) order by o.position)
      from app.question_options o where o.question_id = q.id), '[]'::jsonb),
    'versions', coalesce((
      select jsonb_agg(jsonb_build_object('version', v.version, 'prompt', v.prompt, 'replaced_at', v.replaced_at)
                       order by v.version)
      from app.question_versions v where v.question_id = q.id), '[]'::jsonb))
$$;
comment on function app.builder_question_json is
  'Internal (api.survey_for_builder). A question as the builder shows it: its options, earlier wordings '
  'and how many answered.';

create function app.builder_wave_json(w app.waves)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label,
    'opens_at', w.opens_at, 'closes_at', w.closes_at,
    'status', app.wave_status(w.opens_at, w.closes_at),
    'responses', coalesce((select c.n from app.wave_group_counts c
                           where c.wave_id = w.id and c.dimension = '_all' and c.category = '_all'), 0))
$$;
comment on function app.builder_wave_json is
  'Internal (api.survey_for_builder). A wave as the builder shows it, with its status and responses.';

create function app.builder_language_json(l app.survey_languages)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', l.id, 'code', l.code, 'name', l.name, 'direction', l.direction, 'position', l.position,
    'translations', l.translations,
    'translated', (select count(*) from app.survey_texts(l.survey_id) t where l.translations ? t.key),
    -- responses given in the language, as far as the caller may read responses (RLS)
    'responses', (select count(*) from app.responses r join app.waves w on w.id = r.wave_id
                  where w.survey_id = l.survey_id and r.language = l.code))
$$;
comment on function app.builder_language_json is
  'Internal (api.survey_for_builder). A language of a survey as the builder shows it: its translations, how '
  'many texts it has translated, and how many responses the caller may read were given in it.';

-- As 20261201000200_question_pages.sql defined it, composed of the builders above.
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
    'about_dimensions', to_jsonb(s.about_dimensions),
    'about', coalesce((
      select jsonb_agg(app.builder_about_json(d, s) order by d.position)
      from app.about_dimensions d), '[]'::jsonb),
    'questions', coalesce((
      select jsonb_agg(app.builder_question_json(q) order by q.position, q.created_at)
      from app.questions q where q.survey_id = s.id), '[]'::jsonb),
    'waves', coalesce((
      select jsonb_agg(app.builder_wave_json(w) order by w.opens_at, w.created_at)
      from app.waves w where w.survey_id = s.id), '[]'::jsonb),
    'priorities', coalesce((
      select jsonb_agg(jsonb_build_object('id', p.id, 'position', p.position, 'title', p.title) order by p.position)
      from app.strategy_priorities p where p.organisation_id = s.organisation_id), '[]'::jsonb),
    'texts', coalesce((
      select jsonb_agg(jsonb_build_object('key', t.key, 'english', t.english, 'max_length', t.max_length))
      from app.survey_texts(s.id) t), '[]'::jsonb),
    'languages', coalesce((
      select jsonb_agg(app.builder_language_json(l) order by l.position)
      from app.survey_languages l where l.survey_id = s.id), '[]'::jsonb))
  from app.surveys s
  where s.id = p_survey_id
$$;

-- ---------------------------------------------------------------------------------------------
-- The rules for one response: one function, one name
-- ---------------------------------------------------------------------------------------------
-- app.check_response_answers (the rules of 20261123000300_other_channels.sql) and the wrapper that
-- 20261130000200_survey_about_set.sql put in front of it under the old name (dropping about-you
-- answers for dimensions the survey does not ask) become one app.check_response again, with the
-- same arguments, so its callers (api.submit_response, api.enter_response, api.import_responses)
-- are unchanged.

create or replace function app.check_response(
  p_wave app.waves,
  p_answers jsonb,
  p_about jsonb,
  p_channel text,
  p_panel_code text,
  p_assistance text,
  p_language text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  v_errors jsonb := '{}'::jsonb;
  v_rows jsonb := '[]'::jsonb;
  v_about jsonb := '{}'::jsonb;
  v_panel text;
  v_channel app.response_channel;
  v_assistance app.response_assistance;
  v_q record;
  v jsonb;
  v_text text;
  v_num numeric;
  v_option uuid;
  v_item text;
  v_seen text[];
  e record;
begin
  if p_answers is null or jsonb_typeof(p_answers) <> 'object' then
    return jsonb_build_object('errors', jsonb_build_object('answers', 'Answers must be an object keyed by question.'));
  end if;

  -- About-you answers for a dimension the survey does not ask are dropped first; a dimension
  -- that does not exist at all stays, for the rules below to refuse.
  if jsonb_typeof(p_about) = 'object' then
    p_about := coalesce((
      select jsonb_object_agg(a.key, a.value)
      from jsonb_each(p_about) a join app.surveys s on s.id = p_wave.survey_id
      where a.key = any (s.about_dimensions)
         or not exists (select 1 from app.about_dimensions d where d.key = a.key)), '{}'::jsonb);
  end if;

  -- Unknown questions
  for e in
    select k from jsonb_object_keys(p_answers) k
    where not exists (select 1 from app.questions q where q.survey_id = p_wave.survey_id and q.key = k)
  loop
    v_errors := v_errors || jsonb_build_object(e.k, 'This question is not part of this survey.');
  end loop;

  for v_q in
    select * from app.questions where survey_id = p_wave.survey_id order by position
  loop
    v := p_answers -> v_q.key;
    if v is null or jsonb_typeof(v) = 'null'
       or (jsonb_typeof(v) = 'string' and btrim(v #>> '{}') = '')
       or (jsonb_typeof(v) = 'array' and jsonb_array_length(v) = 0) then
      if v_q.required then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Answer this question to continue.');
      end if;
      continue;
    end if;

    if v_q.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10') then
      if jsonb_typeof(v) not in ('string', 'number') then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose one of the answers given.');
        continue;
      end if;
      select o.id into v_option from app.question_options o where o.question_id = v_q.id and o.value = v #>> '{}';
      if v_option is null then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose one of the answers given.');
        continue;
      end if;
      v_rows := v_rows || jsonb_build_object('q', v_q.id, 'o', v_option);

    elsif v_q.kind = 'multi_choice' then
      if jsonb_typeof(v) = 'string' then
        v := jsonb_build_array(v);
      end if;
      if jsonb_typeof(v) <> 'array' then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose from the answers given.');
        continue;
      end if;
      v_seen := '{}';
      for v_item in select jsonb_array_elements_text(v) loop
        select o.id into v_option from app.question_options o where o.question_id = v_q.id and o.value = v_item;
        if v_option is null then
          v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose from the answers given.');
          exit;
        end if;
        if not v_item = any (v_seen) then
          v_seen := v_seen || v_item;
          v_rows := v_rows || jsonb_build_object('q', v_q.id, 'o', v_option);
        end if;
      end loop;

    elsif v_q.kind = 'number' then
      begin
        v_num := (v #>> '{}')::numeric;
      exception when others then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Enter a number, like 5.');
        continue;
      end;
      if v_num in ('NaN'::numeric, 'Infinity'::numeric, '-Infinity'::numeric) then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Enter a number, like 5.');
        continue;
      end if;
      if (v_q.min_value is not null and v_num < v_q.min_value) or (v_q.max_value is not null and v_num > v_q.max_value) then
        v_errors := v_errors || jsonb_build_object(v_q.key,
          format('Enter a number from %s to %s.', coalesce(v_q.min_value::text, 'any'), coalesce(v_q.max_value::text, 'any')));
        continue;
      end if;
      v_rows := v_rows || jsonb_build_object('q', v_q.id, 'n', v_num);

    else -- free_text
      if jsonb_typeof(v) <> 'string' then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Write your answer as text.');
        continue;
      end if;
      v_text := btrim(v #>> '{}');
      if char_length(v_text) > v_q.max_length then
        v_errors := v_errors || jsonb_build_object(v_q.key,
          format('Keep your answer to %s characters or fewer. It has %s.', v_q.max_length, char_length(v_text)));
        continue;
      end if;
      v_rows := v_rows || jsonb_build_object('q', v_q.id, 't', v_text);
    end if;
  end loop;

  -- About you: every answer optional; each must be a known category of a known dimension.
  if p_about is not null and jsonb_typeof(p_about) <> 'object' then
    v_errors := v_errors || jsonb_build_object('about', 'About-you answers must be an object.');
  elsif p_about is not null then
    for e in select key, value from jsonb_each(p_about) loop
      if jsonb_typeof(e.value) = 'null' or (jsonb_typeof(e.value) = 'string' and e.value #>> '{}' = '') then
        continue;
      end if;
      if not exists (
        select 1 from app.about_categories c
        where c.dimension = e.key and c.code = e.value #>> '{}'
          and (c.organisation_id is null or c.organisation_id = p_wave.organisation_id)
      ) then
        v_errors := v_errors || jsonb_build_object('about.' || e.key, 'Choose one of the answers given.');
      else
        v_about := v_about || jsonb_build_object(e.key, e.value #>> '{}');
      end if;
    end loop;
  end if;

  begin
    v_channel := coalesce(nullif(p_channel, ''), 'online')::app.response_channel;
  exception when invalid_text_representation then
    v_errors := v_errors || jsonb_build_object('channel', 'Choose how the answers were given.');
  end;

  begin
    v_assistance := nullif(p_assistance, '')::app.response_assistance;
  exception when invalid_text_representation then
    v_errors := v_errors || jsonb_build_object('assistance', 'Choose who gave the answers.');
  end;

  v_panel := nullif(upper(regexp_replace(coalesce(p_panel_code, ''), '[\s-]', '', 'g')), '');
  if v_panel is not null then
    if v_panel !~ '^[A-Z0-9]{8}$' then
      v_errors := v_errors || jsonb_build_object('panel_code',
        'A panel code is 8 letters and numbers, like K7QP-2MXA. Leave it empty if you do not have one.');
    else
      v_panel := substr(v_panel, 1, 4) || '-' || substr(v_panel, 5, 4);
    end if;
  end if;

  if coalesce(p_language, 'en') !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' then
    v_errors := v_errors || jsonb_build_object('language', 'Unknown language.');
  end if;

  return jsonb_build_object(
    'errors', v_errors,
    'rows', v_rows,
    'about', v_about,
    'channel', v_channel,
    'assistance', v_assistance,
    'panel_code', v_panel,
    'language', coalesce(p_language, 'en'));
end
$$;
comment on function app.check_response is
  'Checks one response against its wave''s survey: answers (required questions, known options, numbers in '
  'range, text length), about-you categories (an answer for a dimension the survey does not ask is dropped), '
  'channel, assistance, panel code and language. Returns {errors: field -> message, rows: answers to insert, '
  'about, channel, assistance, panel_code, language}; writes nothing. Internal: the one set of rules of every '
  'way a response arrives.';

drop function app.check_response_answers(app.waves, jsonb, jsonb, text, text, text, text);

-- ---------------------------------------------------------------------------------------------
-- After responses are inserted: one trigger, its steps in order
-- ---------------------------------------------------------------------------------------------
-- Whoever inserts responses (the API, an import, the seed), in this order:
--   1. use the invitation each response's draft was started from, and refuse the whole insert if
--      that invitation was used by another response (20261123000500_invitations.sql);
--   2. delete the drafts of the responses (20261123000400_respondent_drafts.sql). Step 1 reads the
--      drafts, so it must come first.
-- This is the only trigger on app.responses; add a step here, in its place, rather than a trigger.

create function app.responses_submitted()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- 1. invitations
  update app.invitations i set used_at = now(), response_id = s.id
  from submitted s join app.respondent_drafts d on d.response_id = s.id
  where d.invitation_id = i.id and i.used_at is null;
  if exists (select 1 from submitted s
             join app.respondent_drafts d on d.response_id = s.id
             join app.invitations i on i.id = d.invitation_id
             where i.response_id is distinct from s.id) then
    raise exception 'This invitation link has already been used.' using hint = 'invitation_used';
  end if;

  -- 2. drafts
  delete from app.respondent_drafts d using submitted s where d.response_id = s.id;
  return null;
end
$$;
comment on function app.responses_submitted is
  'Trigger on app.responses, after insert: 1. marks the invitations of the responses just submitted used, '
  'refusing a response whose invitation another response used; 2. deletes their drafts. Internal.';

drop trigger responses_claim_invitations on app.responses;
drop trigger responses_forget_drafts on app.responses;
drop function app.claim_invitations();
drop function app.forget_submitted_drafts();

create trigger responses_submitted
  after insert on app.responses
  referencing new table as submitted
  for each statement execute function app.responses_submitted();

-- ---------------------------------------------------------------------------------------------
-- Only the grants below decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function app.builder_about_json to authenticated, service_role;
grant execute on function app.builder_option_json to authenticated, service_role;
grant execute on function app.builder_question_json to authenticated, service_role;
grant execute on function app.builder_wave_json to authenticated, service_role;
grant execute on function app.builder_language_json to authenticated, service_role;
