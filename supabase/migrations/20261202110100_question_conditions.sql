-- Questions that depend on earlier answers (issue 14, "Logic").
--
-- A question may be shown only when earlier answers meet a condition. The condition lives on the
-- question itself (app.questions.conditions), so the question's own row-level security covers it:
--
--   {"match": "all" | "any",
--    "rules": [{"question": <id of an earlier question>, "test": "chosen", "values": [<option value>, …]},
--              {"question": <id>, "test": "between", "min": <number or null>, "max": <number or null>},
--              {"question": <id>, "test": "answered"},
--              {"question": <id>, "test": "not_answered"}]}
--
-- null: always shown. Each rule names a question on an earlier page (never the same page: the
-- server decides the next page from the answers of the pages before, without JavaScript). An
-- answer to a question that is itself hidden counts as not given, so conditions chain.
--
-- The database is the referee: app.check_response (so api.submit_response, api.enter_response and
-- api.import_responses) refuses an answer to a question that the response's own answers hide, and
-- requires a required question only when it is shown. api.set_question_conditions refuses a
-- condition on the question itself, on a later question or one on the same page, a circular one,
-- one naming an option that is no longer there, and one that can never be true, each with a
-- message beside the rule. Deleting an option or a question that a condition names is refused,
-- and so is a new order or page layout that would put a question before the answer it depends on.
-- A change of condition on a question that has answers is versioned like a change of wording.

alter table app.questions add column conditions jsonb
  check (conditions is null or (jsonb_typeof(conditions) = 'object'
         and conditions ->> 'match' in ('all', 'any')
         and jsonb_typeof(conditions -> 'rules') = 'array'
         and jsonb_array_length(conditions -> 'rules') between 1 and 20));
comment on column app.questions.conditions is
  'When the question is shown: null for always, else {match: all|any, rules: [{question, test: chosen|between|'
  'answered|not_answered, values?, min?, max?}]} on questions of earlier pages. Set by api.set_question_conditions.';

alter table app.question_versions add column conditions jsonb;
comment on column app.question_versions.conditions is
  'The condition the question had in this version (null: always shown).';

-- ---------------------------------------------------------------------------------------------
-- Evaluating a condition
-- ---------------------------------------------------------------------------------------------

create function app.condition_rule_met(p_rule jsonb, p_given jsonb)
returns boolean
language sql immutable
set search_path = ''
as $$
  -- p_given: question id -> the answer given to a shown question (an option value, a list of them,
  -- a number, a text); a question not answered, or hidden, is not in it.
  select case p_rule ->> 'test'
    when 'answered' then p_given ? (p_rule ->> 'question')
    when 'not_answered' then not p_given ? (p_rule ->> 'question')
    when 'chosen' then exists (
      select 1
      from jsonb_array_elements_text(case jsonb_typeof(p_given -> (p_rule ->> 'question'))
                                       when 'array' then p_given -> (p_rule ->> 'question')
                                       else jsonb_build_array(p_given -> (p_rule ->> 'question')) end) x
      where x is not null and (p_rule -> 'values') ? x)
    when 'between' then coalesce((
      select n >= coalesce((p_rule ->> 'min')::numeric, n) and n <= coalesce((p_rule ->> 'max')::numeric, n)
      from (select (p_given ->> (p_rule ->> 'question'))::numeric as n
            where jsonb_typeof(p_given -> (p_rule ->> 'question')) in ('number', 'string')
              and (p_given ->> (p_rule ->> 'question')) ~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$') x), false)
    else false end
$$;
comment on function app.condition_rule_met is
  'Internal. Whether one rule of a condition holds for the answers given so far (question id -> answer).';

create function app.condition_met(p_conditions jsonb, p_given jsonb)
returns boolean
language sql immutable
set search_path = ''
as $$
  select case
    when p_conditions is null then true
    when p_conditions ->> 'match' = 'any' then coalesce((
      select bool_or(app.condition_rule_met(r, p_given)) from jsonb_array_elements(p_conditions -> 'rules') r), true)
    else coalesce((
      select bool_and(app.condition_rule_met(r, p_given)) from jsonb_array_elements(p_conditions -> 'rules') r), true)
  end
$$;
comment on function app.condition_met is
  'Internal. Whether a question with these conditions is shown, given the answers to the questions shown '
  'before it (question id -> answer). null conditions: always.';

-- The page a question is on: the position of the first question of its page.
create function app.question_page(p_question app.questions)
returns integer
language sql stable
set search_path = ''
as $$
  select coalesce(max(q.position), p_question.position)
  from app.questions q
  where q.survey_id = p_question.survey_id and q.position <= p_question.position
    and (not q.same_page or q.position = (select min(f.position) from app.questions f
                                          where f.survey_id = p_question.survey_id))
$$;
comment on function app.question_page is
  'Internal. The position of the first question of the page a question is on (questions put on the same '
  'page as the one before them share it).';

-- ---------------------------------------------------------------------------------------------
-- The rules for one response: as 20261202000100_read_model_builders.sql defined them, and now a
-- question hidden by the response's own answers takes no answer and is never required.
-- ---------------------------------------------------------------------------------------------

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
  -- the answers of the questions shown so far, by question id, for the conditions of later ones
  v_given jsonb := '{}'::jsonb;
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
  v_bad boolean;
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
      if v_q.required and app.condition_met(v_q.conditions, v_given) then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Answer this question to continue.');
      end if;
      continue;
    end if;

    -- hidden by the answers before it: not asked, so not answered either
    if not app.condition_met(v_q.conditions, v_given) then
      v_errors := v_errors || jsonb_build_object(v_q.key,
        'This question is not asked after the answers given before it. Leave it out.');
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
      v_given := v_given || jsonb_build_object(v_q.id::text, v #>> '{}');

    elsif v_q.kind = 'multi_choice' then
      if jsonb_typeof(v) = 'string' then
        v := jsonb_build_array(v);
      end if;
      if jsonb_typeof(v) <> 'array' then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose from the answers given.');
        continue;
      end if;
      v_seen := '{}';
      v_bad := false;
      for v_item in select jsonb_array_elements_text(v) loop
        select o.id into v_option from app.question_options o where o.question_id = v_q.id and o.value = v_item;
        if v_option is null then
          v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose from the answers given.');
          v_bad := true;
          exit;
        end if;
        if not v_item = any (v_seen) then
          v_seen := v_seen || v_item;
          v_rows := v_rows || jsonb_build_object('q', v_q.id, 'o', v_option);
        end if;
      end loop;
      if not v_bad then
        v_given := v_given || jsonb_build_object(v_q.id::text, to_jsonb(v_seen));
      end if;

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
      v_given := v_given || jsonb_build_object(v_q.id::text, v_num);

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
      v_given := v_given || jsonb_build_object(v_q.id::text, v_text);
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
  'Checks one response against its wave''s survey: answers (required questions when shown, known options, '
  'numbers in range, text length, no answer to a question the response''s own earlier answers hide), about-you '
  'categories (an answer for a dimension the survey does not ask is dropped), channel, assistance, panel code '
  'and language. Returns {errors: field -> message, rows: answers to insert, about, channel, assistance, '
  'panel_code, language}; writes nothing. Internal: the one set of rules of every way a response arrives.';

-- ---------------------------------------------------------------------------------------------
-- Setting a condition (survey staff)
-- ---------------------------------------------------------------------------------------------

create function app.quoted_prompt(p_question app.questions)
returns text
language sql immutable
set search_path = ''
as $$
  select '“' || case when length(p_question.prompt) > 80 then left(p_question.prompt, 77) || '…'
                     else p_question.prompt end || '”'
$$;
comment on function app.quoted_prompt is 'Internal. A question''s wording in quotes, shortened, for messages.';

create function api.set_question_conditions(p_question_id uuid, p_match text, p_rules jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_d app.questions;
  v_errors jsonb := '{}'::jsonb;
  v_rules jsonb := '[]'::jsonb;
  v_new jsonb;
  v_rule jsonb;
  v_field text;
  v_values jsonb;
  v_min numeric;
  v_max numeric;
  v_changed boolean;
  v_answered boolean;
  e record;
  c record;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  perform app.refuse_unless_survey_staff(v_q.organisation_id);

  if p_rules is not null and jsonb_typeof(p_rules) <> 'array' then
    raise exception 'The conditions must be a list.' using hint = 'invalid_request';
  end if;
  if jsonb_array_length(coalesce(p_rules, '[]'::jsonb)) > 20 then
    v_errors := v_errors || jsonb_build_object('rules', 'Give at most 20 conditions.');
  end if;
  if jsonb_array_length(coalesce(p_rules, '[]'::jsonb)) > 1 and coalesce(p_match, '') not in ('all', 'any') then
    v_errors := v_errors || jsonb_build_object('match', 'Choose whether all the conditions or any one of them must be met.');
  end if;

  for e in select x.value as r, (x.ordinality - 1)::integer as i
           from jsonb_array_elements(coalesce(p_rules, '[]'::jsonb)) with ordinality x loop
    v_field := 'rules.' || e.i;
    if jsonb_typeof(e.r) <> 'object' then
      v_errors := v_errors || jsonb_build_object(v_field, 'Choose an earlier question and the answer it needs.');
      continue;
    end if;
    v_d := null;
    if coalesce(e.r ->> 'question', '') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      select * into v_d from app.questions q where q.id = (e.r ->> 'question')::uuid and q.survey_id = v_q.survey_id;
    end if;
    if v_d.id is null then
      v_errors := v_errors || jsonb_build_object(v_field, 'Choose an earlier question of this survey.');
      continue;
    end if;
    if v_d.id = v_q.id then
      v_errors := v_errors || jsonb_build_object(v_field,
        'A question cannot depend on its own answer. Choose an earlier question.');
      continue;
    end if;
    -- circular: the earlier answer is itself shown only depending on this question (perhaps through others)
    if exists (
      with recursive deps (id) as (
        select (r ->> 'question')::uuid from jsonb_array_elements(coalesce(v_d.conditions -> 'rules', '[]'::jsonb)) r
        union
        select (r ->> 'question')::uuid
        from deps join app.questions q on q.id = deps.id
        cross join lateral jsonb_array_elements(coalesce(q.conditions -> 'rules', '[]'::jsonb)) r
      )
      select 1 from deps where deps.id = v_q.id
    ) then
      v_errors := v_errors || jsonb_build_object(v_field, format(
        'This would go round in a circle: %s is itself shown only depending on the answer to this question. '
        'Remove that condition first.', app.quoted_prompt(v_d)));
      continue;
    end if;
    if v_d.position > v_q.position then
      v_errors := v_errors || jsonb_build_object(v_field, format(
        '%s comes after this question. A question can only depend on the answer to an earlier question.',
        app.quoted_prompt(v_d)));
      continue;
    end if;
    if app.question_page(v_d) = app.question_page(v_q) then
      v_errors := v_errors || jsonb_build_object(v_field, format(
        '%s is on the same page as this question. Put this question on a page of its own first: the next '
        'page is chosen from the answers on the pages before it.', app.quoted_prompt(v_d)));
      continue;
    end if;

    case e.r ->> 'test'
    when 'chosen' then
      if v_d.kind not in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'multi_choice', 'rating_0_10') then
        v_errors := v_errors || jsonb_build_object(v_field, format(
          '%s has no answers to choose from. Use “answered”, “not answered” or a number range.', app.quoted_prompt(v_d)));
        continue;
      end if;
      v_values := case when jsonb_typeof(e.r -> 'values') = 'array' then e.r -> 'values'
                       when jsonb_typeof(e.r -> 'values') = 'string' then jsonb_build_array(e.r -> 'values')
                       else '[]'::jsonb end;
      select coalesce(jsonb_agg(distinct x), '[]'::jsonb) into v_values
      from jsonb_array_elements_text(v_values) x where btrim(x) <> '';
      if jsonb_array_length(v_values) = 0 then
        v_errors := v_errors || jsonb_build_object(v_field, format(
          'Choose at least one answer to %s.', app.quoted_prompt(v_d)));
        continue;
      end if;
      if exists (select 1 from jsonb_array_elements_text(v_values) x
                 where not exists (select 1 from app.question_options o where o.question_id = v_d.id and o.value = x)) then
        v_errors := v_errors || jsonb_build_object(v_field, format(
          'An answer chosen is no longer one of the answers to %s: it may have been deleted. Choose again.',
          app.quoted_prompt(v_d)));
        continue;
      end if;
      v_rule := jsonb_build_object('question', v_d.id, 'test', 'chosen', 'values', v_values);
    when 'between' then
      if v_d.kind not in ('number', 'rating_0_10') then
        v_errors := v_errors || jsonb_build_object(v_field, format(
          '%s does not take a number. Choose answers instead.', app.quoted_prompt(v_d)));
        continue;
      end if;
      begin
        v_min := nullif(btrim(e.r ->> 'min'), '')::numeric;
        v_max := nullif(btrim(e.r ->> 'max'), '')::numeric;
      exception when others then
        v_errors := v_errors || jsonb_build_object(v_field, 'Enter the lowest and highest numbers as numbers, like 5.');
        continue;
      end;
      if v_min is null and v_max is null then
        v_errors := v_errors || jsonb_build_object(v_field, 'Enter the lowest number, the highest number, or both.');
        continue;
      end if;
      if v_min > v_max then
        v_errors := v_errors || jsonb_build_object(v_field, format(
          'This can never be true: the lowest number (%s) is more than the highest (%s).', v_min, v_max));
        continue;
      end if;
      if (v_d.kind = 'number' and ((v_d.max_value is not null and v_min > v_d.max_value)
                                   or (v_d.min_value is not null and v_max < v_d.min_value)))
         or (v_d.kind = 'rating_0_10' and (v_min > 10 or v_max < 0)) then
        v_errors := v_errors || jsonb_build_object(v_field, format(
          'This can never be true: %s takes numbers from %s to %s.', app.quoted_prompt(v_d),
          case when v_d.kind = 'rating_0_10' then '0' else coalesce(v_d.min_value::text, 'any') end,
          case when v_d.kind = 'rating_0_10' then '10' else coalesce(v_d.max_value::text, 'any') end));
        continue;
      end if;
      v_rule := jsonb_build_object('question', v_d.id, 'test', 'between', 'min', v_min, 'max', v_max);
    when 'answered' then
      v_rule := jsonb_build_object('question', v_d.id, 'test', 'answered');
    when 'not_answered' then
      if v_d.required and v_d.conditions is null then
        v_errors := v_errors || jsonb_build_object(v_field, format(
          'This can never be true: everyone must answer %s.', app.quoted_prompt(v_d)));
        continue;
      end if;
      v_rule := jsonb_build_object('question', v_d.id, 'test', 'not_answered');
    else
      v_errors := v_errors || jsonb_build_object(v_field, 'Choose what the earlier answer must be.');
      continue;
    end case;
    v_rules := v_rules || jsonb_build_array(v_rule || jsonb_build_object('i', e.i));
  end loop;

  -- All of them at once: rules on the same question that cannot hold together.
  if v_errors = '{}'::jsonb and jsonb_array_length(v_rules) > 1 and p_match = 'all' then
    for c in
      select a.value ->> 'i' as i, a.value as a, b.value as b, v_d2.prompt, v_d2.kind
      from jsonb_array_elements(v_rules) a
      join jsonb_array_elements(v_rules) b
        on (a.value ->> 'question') = (b.value ->> 'question') and (a.value ->> 'i')::integer > (b.value ->> 'i')::integer
      join app.questions v_d2 on v_d2.id = (a.value ->> 'question')::uuid
    loop
      if (c.a ->> 'test' = 'not_answered') <> (c.b ->> 'test' = 'not_answered')
         or (c.a ->> 'test' = 'chosen' and c.b ->> 'test' = 'chosen' and c.kind <> 'multi_choice'
             and not exists (select 1 from jsonb_array_elements_text(c.a -> 'values') x where (c.b -> 'values') ? x))
         or (c.a ->> 'test' = 'between' and c.b ->> 'test' = 'between'
             and (coalesce((c.a ->> 'min')::numeric, '-Infinity') > coalesce((c.b ->> 'max')::numeric, 'Infinity')
                  or coalesce((c.b ->> 'min')::numeric, '-Infinity') > coalesce((c.a ->> 'max')::numeric, 'Infinity'))) then
        v_errors := v_errors || jsonb_build_object('rules.' || c.i, format(
          'This can never be true together with the condition above it on “%s”. Choose “any” of the conditions, '
          'or change one.', c.prompt));
      end if;
    end loop;
  end if;

  if v_errors <> '{}'::jsonb then
    raise exception 'Some conditions need attention.' using hint = 'invalid_condition', detail = v_errors::text;
  end if;

  select case when jsonb_array_length(v_rules) = 0 then null
              else jsonb_build_object(
                'match', case when jsonb_array_length(v_rules) = 1 then 'all' else p_match end,
                'rules', (select jsonb_agg(r - 'i' order by (r ->> 'i')::integer) from jsonb_array_elements(v_rules) r)) end
    into v_new;

  v_changed := v_new is distinct from v_q.conditions;
  v_answered := app.has_answers(v_q.id);
  if v_changed and v_answered then
    insert into app.question_versions (organisation_id, question_id, version, prompt, easy_read_prompt, options, conditions)
    values (v_q.organisation_id, v_q.id, v_q.version, v_q.prompt, v_q.easy_read_prompt,
            coalesce((select jsonb_agg(jsonb_build_object(
                        'id', o.id, 'value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label,
                        'symbol', o.symbol, 'is_positive', o.is_positive, 'position', o.position) order by o.position)
                      from app.question_options o where o.question_id = v_q.id), '[]'::jsonb),
            v_q.conditions);
  end if;
  if v_changed then
    update app.questions q
    set conditions = v_new,
        version = case when v_answered then q.version + 1 else q.version end
    where q.id = v_q.id
    returning * into v_q;
  end if;

  return jsonb_build_object(
    'id', v_q.id, 'key', v_q.key, 'version', v_q.version, 'conditions', v_q.conditions,
    'versioned', v_changed and v_answered,
    'warning', case when v_changed and v_answered then
      'People have already answered this question. Results before and after this change may not be comparable.' end);
end
$$;
comment on function api.set_question_conditions is
  'Admins, leads and officers of the question''s organisation (not_permitted otherwise). Shows the question '
  'only when earlier answers meet the conditions: p_rules a list of {question (id of a question on an earlier '
  'page), test: chosen (values: option values, any of them) | between (min, max: either may be empty) | '
  'answered | not_answered}; p_match all or any. An empty list (or null) clears them: always shown. Refuses a '
  'rule on the question itself, a later question or one on the same page, a circular one, one naming an option '
  'that is no longer there, and one that can never be true, with hint invalid_condition and detail '
  'rules.<n> -> message, writing nothing. On a question that has answers a change makes a new version, as a '
  'change of wording does, and the result carries the same warning.';
grant execute on function api.set_question_conditions to authenticated, service_role;

create function api.clear_question_conditions(p_question_id uuid)
returns jsonb
language sql volatile security definer
set search_path = ''
as $$
  select api.set_question_conditions(p_question_id, 'all', '[]'::jsonb)
$$;
comment on function api.clear_question_conditions is
  'Admins, leads and officers of the question''s organisation (not_permitted otherwise). Shows the question '
  'to everyone again (see api.set_question_conditions).';
grant execute on function api.clear_question_conditions to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- What a condition names stays there, and in order
-- ---------------------------------------------------------------------------------------------

create function app.options_keep_conditions()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_dependent app.questions;
begin
  -- a whole question (or survey) going takes its options with it: nothing to say
  if not exists (select 1 from app.questions q where q.id = old.question_id) then
    return old;
  end if;
  select q.* into v_dependent
  from app.questions q join app.questions d on d.id = old.question_id
  cross join lateral jsonb_array_elements(coalesce(q.conditions -> 'rules', '[]'::jsonb)) r
  where q.survey_id = d.survey_id and r ->> 'question' = old.question_id::text
    and r ->> 'test' = 'chosen' and (r -> 'values') ? old.value
  limit 1;
  if found then
    raise exception 'The option “%” cannot be deleted: % is shown only to people who chose it. Change that condition first.',
      old.label, app.quoted_prompt(v_dependent)
      using hint = 'invalid_question',
            detail = jsonb_build_object('options', format(
              'The option “%s” cannot be deleted: %s is shown only to people who chose it. Change that condition first.',
              old.label, app.quoted_prompt(v_dependent)))::text;
  end if;
  return old;
end
$$;
comment on function app.options_keep_conditions is
  'Trigger on app.question_options, before delete: refuses to delete an option that a condition names. Internal.';

create trigger question_options_keep_conditions
  before delete on app.question_options
  for each row execute function app.options_keep_conditions();

create function app.questions_keep_conditions()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_dependent app.questions;
begin
  -- the whole survey going: its conditions go with it
  if not exists (select 1 from app.surveys s where s.id = old.survey_id) then
    return old;
  end if;
  select q.* into v_dependent
  from app.questions q cross join lateral jsonb_array_elements(coalesce(q.conditions -> 'rules', '[]'::jsonb)) r
  where q.survey_id = old.survey_id and q.id <> old.id and r ->> 'question' = old.id::text
  limit 1;
  if found then
    raise exception '% cannot be deleted: % is shown depending on its answer. Change that condition first.',
      app.quoted_prompt(old), app.quoted_prompt(v_dependent)
      using hint = 'has_conditions';
  end if;
  return old;
end
$$;
comment on function app.questions_keep_conditions is
  'Trigger on app.questions, before delete: refuses to delete a question that another question''s condition '
  'names (hint has_conditions). Internal.';

create trigger questions_keep_conditions
  before delete on app.questions
  for each row execute function app.questions_keep_conditions();

create function app.questions_keep_condition_order()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  r record;
begin
  for r in
    select q.prompt as q_prompt, q.*, d.prompt as d_prompt, d.position as d_position
    from app.questions q
    cross join lateral jsonb_array_elements(coalesce(q.conditions -> 'rules', '[]'::jsonb)) x
    join app.questions d on d.id = (x ->> 'question')::uuid
    where q.survey_id in (select n.survey_id from changed n) and q.conditions is not null
      and (d.position >= q.position or app.question_page(d) = app.question_page(q))
    limit 1
  loop
    raise exception '“%” depends on the answer to “%”, so it must stay on a later page than that question. Change its condition first.',
      r.q_prompt, r.d_prompt
      using hint = 'condition_order';
  end loop;
  return null;
end
$$;
comment on function app.questions_keep_condition_order is
  'Trigger on app.questions, after update: refuses an order or page layout that would put a question with a '
  'condition on the same page as, or before, a question it depends on (hint condition_order). Internal.';

create trigger questions_keep_condition_order
  after update on app.questions
  referencing new table as changed
  for each statement execute function app.questions_keep_condition_order();

-- ---------------------------------------------------------------------------------------------
-- The read models: each question with its condition
-- ---------------------------------------------------------------------------------------------

-- As 20261202000100_read_model_builders.sql defined it, with show_if: the condition with question keys.
create or replace function app.respondent_question_json(q app.questions)
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
      from app.question_options o where o.question_id = q.id), '[]'::jsonb),
    'show_if', case when q.conditions is not null then jsonb_build_object(
      'match', q.conditions ->> 'match',
      'rules', (select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                         'question', d.key, 'test', r ->> 'test', 'values', r -> 'values',
                         'min', r -> 'min', 'max', r -> 'max')) order by n)
                from jsonb_array_elements(q.conditions -> 'rules') with ordinality x (r, n)
                join app.questions d on d.id = (r ->> 'question')::uuid)) end)
$$;
comment on function app.respondent_question_json is
  'Internal (api.survey_for_respondent). A question as a respondent sees it, with its answers in order and '
  'show_if: when it is shown ({match, rules: [{question: key of an earlier question, test, values?, min?, max?}]}, '
  'or null for always).';

-- As 20261202000300_disclosure_control.sql defined it, with conditions (and each earlier version's).
create or replace function app.builder_question_json(q app.questions)
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
    'conditions', q.conditions,
    'answered', app.has_answers(q.id),
    'answers', case when app.sees_exact_figures(q.organisation_id) then
                 coalesce((select sum(c.n) from app.question_counts c
                           where c.question_id = q.id and c.dimension = '_all' and c.category = '_all'), 0) end,
    'options', coalesce((
      select jsonb_agg(app.builder_option_json(o) order by o.position)
      from app.question_options o where o.question_id = q.id), '[]'::jsonb),
    'versions', coalesce((
      select jsonb_agg(jsonb_build_object('version', v.version, 'prompt', v.prompt, 'replaced_at', v.replaced_at,
                                          'conditions', v.conditions)
                       order by v.version)
      from app.question_versions v where v.question_id = q.id), '[]'::jsonb))
$$;
comment on function app.builder_question_json is
  'Internal (api.survey_for_builder). A question as the builder shows it: its options, its conditions (null: '
  'always shown), earlier wordings and how many answered (null for callers who see only published figures).';

-- ---------------------------------------------------------------------------------------------
-- Only the grants below decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function api.set_question_conditions to authenticated, service_role;
grant execute on function api.clear_question_conditions to authenticated, service_role;
grant execute on function app.builder_question_json to authenticated, service_role;
