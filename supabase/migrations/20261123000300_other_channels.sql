-- Other channels: responses given on paper, at an event, by phone or in a focus group and typed in
-- by staff; responses imported from a CSV file (a dry run first, then all rows or none); and
-- aggregated results of a wave run on a previous tool, written straight into the running counts so
-- that a historic baseline anchors the trend.
--
-- One set of rules: api.submit_response, api.enter_response and api.import_responses all check a
-- response with app.check_response and write it with app.record_response.

-- ---------------------------------------------------------------------------------------------
-- Waves that hold counts only
-- ---------------------------------------------------------------------------------------------

alter table app.waves
  add column source text not null default 'responses' check (source in ('responses', 'aggregate'));
comment on column app.waves.source is
  'responses: counts are kept from the responses of the wave; aggregate: the wave holds imported totals '
  '(a historic wave run on a previous tool), has no responses, takes none, and is left alone by app.rebuild_counts.';

-- ---------------------------------------------------------------------------------------------
-- The rules for one response
-- ---------------------------------------------------------------------------------------------

create function app.check_response(
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
  'range, text length), about-you categories, channel, assistance, panel code and language. Returns '
  '{errors: field -> message, rows: answers to insert, about, channel, assistance, panel_code, language}; '
  'writes nothing. Internal: the one set of rules of every way a response arrives.';

create function app.record_response(
  p_response_id uuid,
  p_wave app.waves,
  p_checked jsonb,
  p_submitted_at timestamptz default null
)
returns boolean
language plpgsql volatile
set search_path = ''
as $$
begin
  insert into app.responses (id, organisation_id, wave_id, submitted_at, channel, assistance, panel_code, language, about)
  values (p_response_id, p_wave.organisation_id, p_wave.id, coalesce(p_submitted_at, now()),
          (p_checked ->> 'channel')::app.response_channel, (p_checked ->> 'assistance')::app.response_assistance,
          p_checked ->> 'panel_code', coalesce(p_checked ->> 'language', 'en'),
          coalesce(p_checked -> 'about', '{}'::jsonb))
  on conflict (id) do nothing;
  if not found then
    return false;
  end if;

  insert into app.answers (organisation_id, response_id, question_id, option_id, text_value, number_value)
  select p_wave.organisation_id, p_response_id, (x ->> 'q')::uuid, (x ->> 'o')::uuid, x ->> 't', (x ->> 'n')::numeric
  from jsonb_array_elements(coalesce(p_checked -> 'rows', '[]'::jsonb)) x;

  perform app.count_response(p_response_id);
  return true;
end
$$;
comment on function app.record_response is
  'Writes one response that app.check_response passed (p_checked is what it returned) and adds it to the '
  'running counts. False, writing nothing, when a response with this id exists already. Internal.';

-- ---------------------------------------------------------------------------------------------
-- Dates a response was given on
-- ---------------------------------------------------------------------------------------------

create function app.parse_day(p_text text)
returns date
language plpgsql immutable
set search_path = ''
as $$
declare
  v text := btrim(coalesce(p_text, ''));
  m text[];
begin
  -- 2024-03-27 (optionally followed by a time), or 27/03/2024 as people in the UK write it
  m := regexp_match(v, '^(\d{4})-(\d{1,2})-(\d{1,2})([T ].*)?$');
  if m is null then
    m := regexp_match(v, '^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$');
    if m is null then
      return null;
    end if;
    m := array[m[3], m[2], m[1]];
  end if;
  return make_date(m[1]::integer, m[2]::integer, m[3]::integer);
exception when others then
  return null;
end
$$;
comment on function app.parse_day is
  'A day written as 2024-03-27 or 27/03/2024; null when it is not a real day in either form. Internal.';

create function app.given_on_error(p_wave app.waves, p_given_on date)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_first date := (p_wave.opens_at at time zone 'Europe/London')::date;
  v_last date := ((p_wave.closes_at - interval '1 second') at time zone 'Europe/London')::date;
  v_today date := (now() at time zone 'Europe/London')::date;
begin
  if p_given_on is null then
    return 'Enter the date the answers were given.';
  elsif p_given_on > v_today then
    return 'The date the answers were given cannot be in the future.';
  elsif p_given_on < v_first or p_given_on > v_last then
    return format('The date must be between %s and %s, when this wave ran.',
      to_char(v_first, 'FMDD FMMonth YYYY'), to_char(v_last, 'FMDD FMMonth YYYY'));
  end if;
  return null;
end
$$;
comment on function app.given_on_error is
  'Why a response cannot have been given on this day for the wave (missing, in the future, or outside '
  'the wave''s dates in London), or null. Internal.';

create function app.given_on_at(p_wave app.waves, p_given_on date)
returns timestamptz
language sql stable
set search_path = ''
as $$
  -- Midday in London on the day, kept inside the wave and not after now.
  select greatest(p_wave.opens_at,
                  least(p_wave.closes_at - interval '1 second', now(),
                        (p_given_on + time '12:00') at time zone 'Europe/London'))
$$;
comment on function app.given_on_at is 'The submitted_at of a response given on a day. Internal.';

-- ---------------------------------------------------------------------------------------------
-- Respondents: the same rules, now shared
-- ---------------------------------------------------------------------------------------------

create or replace function api.submit_response(
  p_response_id uuid,
  p_wave_slug text,
  p_answers jsonb,
  p_about jsonb default '{}'::jsonb,
  p_channel text default 'online',
  p_panel_code text default null,
  p_assistance text default null,
  p_language text default 'en'
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_status text;
  v_checked jsonb;
begin
  if p_response_id is null then
    raise exception 'A response id is required.' using hint = 'invalid_request';
  end if;

  -- The same submission sent again is the same response: answer as the first time did.
  if exists (select 1 from app.responses r where r.id = p_response_id) then
    return jsonb_build_object('response_id', p_response_id, 'duplicate', true);
  end if;

  select * into v_wave from app.waves w where w.slug = lower(p_wave_slug);
  if not found then
    raise exception 'There is no survey at this address.' using hint = 'not_found';
  end if;

  v_status := app.wave_status(v_wave.opens_at, v_wave.closes_at);
  if v_status = 'closed' then
    raise exception 'This survey closed on %.', to_char(v_wave.closes_at at time zone 'Europe/London', 'FMDD FMMonth YYYY')
      using hint = 'wave_closed', detail = jsonb_build_object('closes_at', v_wave.closes_at)::text;
  elsif v_status = 'not_yet_open' then
    raise exception 'This survey opens on %.', to_char(v_wave.opens_at at time zone 'Europe/London', 'FMDD FMMonth YYYY')
      using hint = 'wave_not_open', detail = jsonb_build_object('opens_at', v_wave.opens_at)::text;
  elsif v_wave.source = 'aggregate' then
    -- a historic wave of imported totals, even if someone moved its dates
    raise exception 'This survey is not taking answers.'
      using hint = 'wave_closed', detail = jsonb_build_object('closes_at', v_wave.closes_at)::text;
  end if;

  if p_answers is null or jsonb_typeof(p_answers) <> 'object' then
    raise exception 'Answers must be an object keyed by question.' using hint = 'invalid_request';
  end if;
  if octet_length(p_answers::text) > 200000 then
    raise exception 'The answers are too long to accept.' using hint = 'invalid_request';
  end if;

  v_checked := app.check_response(v_wave, p_answers, p_about, p_channel, p_panel_code, p_assistance, p_language);
  if v_checked -> 'errors' <> '{}'::jsonb then
    raise exception 'Some answers need attention.'
      using hint = 'invalid_answers', detail = (v_checked -> 'errors')::text;
  end if;

  if not app.record_response(p_response_id, v_wave, v_checked) then
    -- sent twice at the same moment: the other one was first
    return jsonb_build_object('response_id', p_response_id, 'duplicate', true);
  end if;
  return jsonb_build_object('response_id', p_response_id, 'duplicate', false);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Staff: responses given on paper, at an event, by phone or in a focus group
-- ---------------------------------------------------------------------------------------------

create function app.staff_wave(p_wave_id uuid)
returns app.waves
language plpgsql stable
set search_path = ''
as $$
declare
  v_wave app.waves;
begin
  select * into v_wave from app.waves w where w.id = p_wave_id;
  if not found or not app.has_role(v_wave.organisation_id, '{admin,lead,officer}') then
    raise exception 'No wave you can add responses to has this id.' using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_wave.source = 'aggregate' then
    raise exception 'This wave holds imported totals from a previous tool, so responses cannot be added to it.'
      using hint = 'aggregate_wave';
  end if;
  return v_wave;
end
$$;
comment on function app.staff_wave is
  'The wave, when the caller is an admin, lead or officer of its organisation and it takes responses; '
  'raises not_permitted (42501) or aggregate_wave otherwise. Internal.';

create function api.enter_response(
  p_wave_id uuid,
  p_response_id uuid,
  p_answers jsonb,
  p_about jsonb default '{}'::jsonb,
  p_channel text default 'paper',
  p_given_on date default null,
  p_assistance text default null,
  p_panel_code text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves := app.staff_wave(p_wave_id);
  v_existing uuid;
  v_checked jsonb;
  v_errors jsonb;
  v_date_error text;
begin
  if p_response_id is null then
    raise exception 'A response id is required.' using hint = 'invalid_request';
  end if;
  select r.wave_id into v_existing from app.responses r where r.id = p_response_id;
  if found then
    if v_existing = v_wave.id then
      -- the same form sent twice
      return jsonb_build_object('response_id', p_response_id, 'duplicate', true);
    end if;
    raise exception 'A response with this id belongs to another wave.' using hint = 'invalid_request';
  end if;
  if p_answers is null or jsonb_typeof(p_answers) <> 'object' then
    raise exception 'Answers must be an object keyed by question.' using hint = 'invalid_request';
  end if;
  if octet_length(p_answers::text) > 200000 then
    raise exception 'The answers are too long to accept.' using hint = 'invalid_request';
  end if;

  v_checked := app.check_response(v_wave, p_answers, p_about, p_channel, p_panel_code, p_assistance, 'en');
  v_errors := v_checked -> 'errors';
  if coalesce(p_channel, '') not in ('paper', 'event', 'phone', 'focus_group') then
    v_errors := v_errors || jsonb_build_object('channel',
      'Choose how the answers were given: on paper, at an event, by phone or in a focus group.');
  end if;
  v_date_error := app.given_on_error(v_wave, p_given_on);
  if v_date_error is not null then
    v_errors := v_errors || jsonb_build_object('given_on', v_date_error);
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'Some answers need attention.' using hint = 'invalid_answers', detail = v_errors::text;
  end if;

  if not app.record_response(p_response_id, v_wave, v_checked, app.given_on_at(v_wave, p_given_on)) then
    return jsonb_build_object('response_id', p_response_id, 'duplicate', true);
  end if;
  return jsonb_build_object('response_id', p_response_id, 'duplicate', false);
end
$$;
comment on function api.enter_response is
  'Admins, leads and officers of the wave''s organisation. Records one response given on paper, at an event, '
  'by phone or in a focus group (p_channel), typed in by staff, on the day p_given_on, which must fall within '
  'the wave''s dates (the wave may be closed). Same rules as api.submit_response; idempotent on p_response_id. '
  'Invalid input raises hint invalid_answers with detail a JSON object of field -> message (given_on, channel, '
  'question keys, about.<dimension>), writing nothing.';

-- ---------------------------------------------------------------------------------------------
-- Staff: responses from a CSV file, all or none
-- ---------------------------------------------------------------------------------------------

create function api.import_responses(p_wave_id uuid, p_rows jsonb, p_dry_run boolean default true)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves := app.staff_wave(p_wave_id);
  v_columns text[];
  v_known text[];
  v_unknown text[];
  v_missing text[];
  v_file_errors text[] := '{}';
  v_bad jsonb[] := '{}';
  v_ids text[] := '{}';
  v_rows integer;
  v_written integer := 0;
  v_skipped integer := 0;
  v_valid integer := 0;
  v_report jsonb;
  r record;
  v_q record;
  v jsonb;
  v_answers jsonb;
  v_about jsonb;
  v_checked jsonb;
  v_errors jsonb;
  v_out jsonb;
  v_day date;
  v_id uuid;
  v_skip boolean;
  v_existing uuid;
  v_text text;
  v_choices text;
  e record;
begin
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' then
    raise exception 'The rows must be a list.' using hint = 'invalid_request';
  end if;
  if exists (select 1 from jsonb_array_elements(p_rows) x where jsonb_typeof(x) <> 'object') then
    raise exception 'Each row must be an object keyed by column.' using hint = 'invalid_request';
  end if;
  v_rows := jsonb_array_length(p_rows);
  if v_rows = 0 then
    v_file_errors := v_file_errors || 'The file has no rows under its header row.'::text;
  elsif v_rows > 5000 then
    raise exception 'The file has % rows. Import at most 5,000 rows at a time: split the file.', v_rows
      using hint = 'invalid_request';
  end if;

  -- Columns: the survey's question keys, about_<dimension>, and the columns about the response.
  select coalesce(array_agg(distinct k), '{}') into v_columns
  from jsonb_array_elements(p_rows) x cross join lateral jsonb_object_keys(x) k;
  select array_agg(c) into v_known from (
    select q.key as c from app.questions q where q.survey_id = v_wave.survey_id
    union all select 'about_' || d.key from app.about_dimensions d
    union all select unnest(array['channel', 'given_on', 'panel_code', 'assistance', 'response_id'])
  ) k;
  select array_agg(c order by c) into v_unknown from unnest(v_columns) c where not c = any (v_known);
  if v_unknown is not null then
    v_file_errors := v_file_errors || format(
      'These columns are not questions of this survey or known columns: %s. Check the spelling against the list of columns below.',
      array_to_string(v_unknown, ', '));
  end if;
  select array_agg(c order by c) into v_missing from (
    select 'given_on' as c
    union all select q.key from app.questions q where q.survey_id = v_wave.survey_id and q.required
  ) m where v_rows > 0 and not m.c = any (v_columns);
  if v_missing is not null then
    v_file_errors := v_file_errors || format('These columns are missing: %s.', array_to_string(v_missing, ', '));
  end if;

  if cardinality(v_file_errors) = 0 then
    for r in select x, i::integer as i from jsonb_array_elements(p_rows) with ordinality t(x, i) loop
      v_answers := '{}'::jsonb;
      v_about := '{}'::jsonb;
      for v_q in select q.key, q.kind from app.questions q where q.survey_id = v_wave.survey_id loop
        v := r.x -> v_q.key;
        if v is null then
          continue;
        end if;
        -- several choices in one cell: separated by semicolons
        if v_q.kind = 'multi_choice' and jsonb_typeof(v) = 'string' then
          v := to_jsonb(array(
            select btrim(s) from regexp_split_to_table(v #>> '{}', ';') s where btrim(s) <> ''));
        end if;
        v_answers := v_answers || jsonb_build_object(v_q.key, v);
      end loop;
      for e in select key, value from jsonb_each(r.x) where key like 'about\_%' loop
        v_about := v_about || jsonb_build_object(substr(e.key, 7), e.value);
      end loop;

      v_checked := app.check_response(v_wave, v_answers, v_about,
        coalesce(nullif(btrim(r.x ->> 'channel'), ''), 'import'), r.x ->> 'panel_code',
        nullif(btrim(r.x ->> 'assistance'), ''), 'en');

      -- The same rules, said for a spreadsheet: name the column and what it may hold.
      v_out := '{}'::jsonb;
      for e in select key, value #>> '{}' as message from jsonb_each(v_checked -> 'errors') loop
        if e.key like 'about.%' then
          select format('“%s” is not a category of %s. Use one of: %s.', v_about ->> substr(e.key, 7),
                        substr(e.key, 7), string_agg(c.code, ', ' order by c.position, c.code))
            into v_text
          from app.about_categories c
          where c.dimension = substr(e.key, 7)
            and (c.organisation_id is null or c.organisation_id = v_wave.organisation_id);
          v_out := v_out || jsonb_build_object('about_' || substr(e.key, 7), v_text);
        elsif e.key = 'channel' then
          v_out := v_out || jsonb_build_object('channel',
            'Write one of: paper, event, phone, focus_group, online, easy_read, import; or leave it empty.');
        elsif e.key = 'assistance' then
          v_out := v_out || jsonb_build_object('assistance', 'Write one of: own, helped, on_behalf; or leave it empty.');
        elsif e.message = 'Answer this question to continue.' then
          v_out := v_out || jsonb_build_object(e.key, 'This question must be answered, and the cell is empty.');
        elsif e.message in ('Choose one of the answers given.', 'Choose from the answers given.') then
          select string_agg(o.value, ', ' order by o.position) into v_choices
          from app.question_options o join app.questions q on q.id = o.question_id
          where q.survey_id = v_wave.survey_id and q.key = e.key;
          v_out := v_out || jsonb_build_object(e.key, format('“%s” is not one of its answers. Use one of: %s%s.',
            left(coalesce(r.x ->> e.key, ''), 60), v_choices,
            case when v_answers -> e.key is not null and jsonb_typeof(v_answers -> e.key) = 'array'
                 then ' (several separated by ;)' else '' end));
        else
          v_out := v_out || jsonb_build_object(e.key, e.message);
        end if;
      end loop;

      if nullif(btrim(r.x ->> 'given_on'), '') is null then
        v_out := v_out || jsonb_build_object('given_on', 'Enter the date the answers were given, like 2024-03-27.');
      else
        v_day := app.parse_day(r.x ->> 'given_on');
        if v_day is null then
          v_out := v_out || jsonb_build_object('given_on',
            format('“%s” is not a date. Write it as 2024-03-27 or 27/03/2024.', left(r.x ->> 'given_on', 40)));
        elsif app.given_on_error(v_wave, v_day) is not null then
          v_out := v_out || jsonb_build_object('given_on', app.given_on_error(v_wave, v_day));
        end if;
      end if;

      -- A response_id makes a re-import of the same file harmless.
      v_skip := false;
      v_id := null;
      v_text := nullif(btrim(r.x ->> 'response_id'), '');
      if v_text is not null then
        if v_text !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
          v_out := v_out || jsonb_build_object('response_id', 'A response_id is a UUID, like 0b7c5a1e-3f7d-4c1e-9a57-2f1b8c3d4e5f.');
        elsif lower(v_text) = any (v_ids) then
          v_out := v_out || jsonb_build_object('response_id', 'Another row of the file has the same response_id.');
        else
          v_id := v_text::uuid;
          v_ids := v_ids || lower(v_text);
          select x.wave_id into v_existing from app.responses x where x.id = v_id;
          if found and v_existing <> v_wave.id then
            v_out := v_out || jsonb_build_object('response_id', 'A response with this id belongs to another wave.');
          elsif found then
            v_skip := true;
          end if;
        end if;
      end if;

      if v_out <> '{}'::jsonb then
        v_bad := v_bad || jsonb_build_object('row', r.i, 'errors', v_out);
      elsif v_skip then
        v_skipped := v_skipped + 1;
      else
        v_valid := v_valid + 1;
        -- A real run writes as it goes; one bad row later raises and undoes every write.
        if not p_dry_run and cardinality(v_bad) = 0 then
          if app.record_response(coalesce(v_id, gen_random_uuid()), v_wave, v_checked, app.given_on_at(v_wave, v_day)) then
            v_written := v_written + 1;
          end if;
        end if;
      end if;
    end loop;
  end if;

  v_report := jsonb_build_object(
    'dry_run', p_dry_run,
    'rows', v_rows,
    'valid', v_valid,
    'already_imported', v_skipped,
    'written', v_written,
    'file_errors', to_jsonb(v_file_errors),
    'bad_rows', to_jsonb(v_bad));

  if not p_dry_run and (cardinality(v_file_errors) > 0 or cardinality(v_bad) > 0) then
    raise exception 'Nothing was imported: % of % rows need attention.', cardinality(v_bad), v_rows
      using hint = 'invalid_rows', detail = (v_report || jsonb_build_object('written', 0))::text;
  end if;
  return v_report;
end
$$;
comment on function api.import_responses is
  'Admins, leads and officers of the wave''s organisation. Imports responses to one wave (open or closed), '
  'one object a row: question keys (several choices separated by ;), about_<dimension>, channel (default import), '
  'given_on (2024-03-27 or 27/03/2024, within the wave), panel_code, assistance, and an optional response_id that '
  'makes a re-import skip rows already imported. A dry run writes nothing and reports every bad row '
  '({row, errors: column -> message}, row 1 being the first under the header) and file_errors (wrong columns). '
  'A real run writes every row or none: with any bad row it raises hint invalid_rows with the report as detail.';

-- ---------------------------------------------------------------------------------------------
-- Staff: aggregated results of a historic wave
-- ---------------------------------------------------------------------------------------------

create function api.import_aggregate(p_survey_id uuid, p_wave jsonb, p_counts jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_fields jsonb := '{}'::jsonb;
  v_problems jsonb[] := '{}';
  v_items jsonb[] := '{}';
  v_label text := btrim(coalesce(p_wave ->> 'label', ''));
  v_kind text := coalesce(p_wave ->> 'kind', '');
  v_slug text := lower(btrim(coalesce(p_wave ->> 'slug', '')));
  v_opens timestamptz;
  v_closes timestamptz;
  v_wave_id uuid;
  r record;
  v_q app.questions;
  v_option uuid;
  v_n bigint;
  v_dim text;
  v_cat text;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  if not found or not app.has_role(v_survey.organisation_id, '{admin,lead,officer}') then
    raise exception 'No survey you can import into has this id.' using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_wave is null or jsonb_typeof(p_wave) <> 'object' or p_counts is null or jsonb_typeof(p_counts) <> 'array' then
    raise exception 'The wave must be an object and the counts a list.' using hint = 'invalid_request';
  end if;

  -- The wave
  if v_label = '' or char_length(v_label) > 120 then
    v_fields := v_fields || jsonb_build_object('label', 'Enter a name for the wave, up to 120 characters.');
  end if;
  if v_kind not in ('baseline', 'repeat') then
    v_fields := v_fields || jsonb_build_object('kind', 'Choose baseline or repeat.');
  elsif v_kind = 'baseline' and exists (select 1 from app.waves w where w.survey_id = p_survey_id and w.kind = 'baseline') then
    v_fields := v_fields || jsonb_build_object('kind',
      'This survey has a baseline already. Import this wave as a repeat, or remove the other baseline first.');
  end if;
  if v_slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' or length(v_slug) > 80 then
    v_fields := v_fields || jsonb_build_object('slug',
      'Use lower-case letters, numbers and single hyphens, up to 80 characters, like send-survey-2019.');
  elsif exists (select 1 from app.waves w where w.slug = v_slug) then
    v_fields := v_fields || jsonb_build_object('slug', 'Another wave has this link name. Choose another.');
  end if;
  begin
    v_opens := (p_wave ->> 'opens_at')::timestamptz;
  exception when others then
    v_opens := null;
  end;
  begin
    v_closes := (p_wave ->> 'closes_at')::timestamptz;
  exception when others then
    v_closes := null;
  end;
  if v_opens is null then
    v_fields := v_fields || jsonb_build_object('opens_at', 'Enter the date the wave opened.');
  end if;
  if v_closes is null then
    v_fields := v_fields || jsonb_build_object('closes_at', 'Enter the date the wave closed.');
  elsif v_opens is not null and v_closes <= v_opens then
    v_fields := v_fields || jsonb_build_object('closes_at', 'The closing date must be after the opening date.');
  elsif v_closes > now() then
    v_fields := v_fields || jsonb_build_object('closes_at',
      'Aggregated results are for a wave that has closed: the closing date must be before today.');
  end if;

  -- The counts, one item a row: no question_key is the number of respondents in the group; a
  -- question_key with no option_value is the number who answered that question; both is an option.
  if jsonb_array_length(p_counts) = 0 then
    v_problems := v_problems || jsonb_build_object('row', null, 'message', 'There are no counts to import.');
  elsif jsonb_array_length(p_counts) > 20000 then
    raise exception 'Import at most 20,000 counts at a time.' using hint = 'invalid_request';
  end if;
  for r in
    select x, i::integer as i,
      nullif(btrim(x ->> 'question_key'), '') as qk,
      nullif(btrim(x ->> 'option_value'), '') as ov,
      nullif(btrim(x ->> 'dimension'), '') as dim,
      nullif(btrim(x ->> 'category'), '') as cat
    from jsonb_array_elements(p_counts) with ordinality t(x, i)
  loop
    if jsonb_typeof(r.x) <> 'object' then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message', 'Each count must be an object.');
      continue;
    end if;
    v_n := null;
    begin
      if jsonb_typeof(r.x -> 'n') = 'number' or btrim(r.x ->> 'n') ~ '^-?\d+$' then
        v_n := (r.x ->> 'n')::numeric;
        if v_n <> (r.x ->> 'n')::numeric then
          v_n := null;
        end if;
      end if;
    exception when others then
      v_n := null;
    end;
    if v_n is null then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        format('n must be a whole number; it is “%s”.', left(coalesce(r.x ->> 'n', ''), 40)));
      continue;
    elsif v_n < 0 then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message', 'n must be 0 or more.');
      continue;
    elsif v_n > 10000000 then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message', 'n is too large.');
      continue;
    end if;

    if (r.dim is null) <> (r.cat is null) or r.dim = '_all' then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        'Give both a dimension and a category for a group, or neither for everyone.');
      continue;
    end if;
    v_dim := coalesce(r.dim, '_all');
    v_cat := coalesce(r.cat, '_all');
    if v_dim <> '_all' and not exists (
      select 1 from app.about_categories c
      where c.dimension = v_dim and c.code = v_cat
        and (c.organisation_id is null or c.organisation_id = v_survey.organisation_id)) then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        case when exists (select 1 from app.about_dimensions d where d.key = v_dim)
             then format('“%s” is not a category of %s.', r.cat, r.dim)
             else format('“%s” is not an about-you dimension.', r.dim) end);
      continue;
    end if;

    if r.qk is null then
      if r.ov is not null then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message', 'An option_value needs its question_key.');
        continue;
      end if;
      v_items := v_items || jsonb_build_object('row', r.i, 'what', 'group', 'd', v_dim, 'c', v_cat, 'n', v_n);
      continue;
    end if;

    select * into v_q from app.questions q where q.survey_id = p_survey_id and q.key = r.qk;
    if not found then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        format('“%s” is not a question of this survey.', left(r.qk, 60)));
      continue;
    end if;
    if r.ov is null then
      v_items := v_items || jsonb_build_object('row', r.i, 'what', 'question', 'q', v_q.id, 'key', v_q.key,
        'kind', v_q.kind, 'd', v_dim, 'c', v_cat, 'n', v_n);
      continue;
    end if;
    select o.id into v_option from app.question_options o where o.question_id = v_q.id and o.value = r.ov;
    if v_option is null then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        format('“%s” is not an answer to %s. Use one of: %s.', left(r.ov, 60), v_q.key,
          (select string_agg(o.value, ', ' order by o.position) from app.question_options o where o.question_id = v_q.id)));
      continue;
    end if;
    v_items := v_items || jsonb_build_object('row', r.i, 'what', 'option', 'q', v_q.id, 'key', v_q.key,
      'kind', v_q.kind, 'o', v_option, 'positive',
      (select o.is_positive from app.question_options o where o.id = v_option), 'd', v_dim, 'c', v_cat, 'n', v_n);
  end loop;

  -- Checks across rows
  create temporary table if not exists pg_temp.aggregate_items (
    ord integer, what text, q uuid, key text, kind text, o uuid, positive boolean, d text, c text, n bigint
  ) on commit drop;
  truncate pg_temp.aggregate_items;
  insert into pg_temp.aggregate_items
  select (x ->> 'row')::integer, x ->> 'what', (x ->> 'q')::uuid, x ->> 'key', x ->> 'kind', (x ->> 'o')::uuid,
         (x ->> 'positive')::boolean, x ->> 'd', x ->> 'c', (x ->> 'n')::bigint
  from unnest(v_items) x;

  for r in
    select max(ord) as ord from pg_temp.aggregate_items
    group by what, q, o, d, c having count(*) > 1
  loop
    v_problems := v_problems || jsonb_build_object('row', r.ord, 'message', 'An earlier row gives this same count.');
  end loop;

  if cardinality(v_problems) = 0 then
    if not exists (select 1 from pg_temp.aggregate_items where what = 'group' and d = '_all') then
      v_problems := v_problems || jsonb_build_object('row', null, 'message',
        'Give the number of respondents: a row with n and no question_key, dimension or category.');
    end if;
    for r in
      select min(i.ord) as ord, i.d, i.c from pg_temp.aggregate_items i
      where i.what <> 'group'
        and not exists (select 1 from pg_temp.aggregate_items g where g.what = 'group' and g.d = i.d and g.c = i.c)
      group by i.d, i.c
    loop
      v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
        format('Give the number of respondents in %s %s: a row with no question_key.', r.d, r.c));
    end loop;
    for r in
      select max(g.ord) as ord, g.d from pg_temp.aggregate_items g
      where g.what = 'group' and g.d <> '_all'
      group by g.d
      having sum(g.n) > (select a.n from pg_temp.aggregate_items a where a.what = 'group' and a.d = '_all')
    loop
      v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
        format('The groups of %s add up to more than the number of respondents.', r.d));
    end loop;
  end if;

  if cardinality(v_problems) = 0 then
    -- Per question and group: who answered (given, or the sum of the options of a one-answer question,
    -- or everyone in the group for several choices), against its options and the group.
    create temporary table if not exists pg_temp.aggregate_answered (
      ord integer, q uuid, key text, kind text, d text, c text, answered bigint, given boolean,
      options bigint, positive bigint, largest bigint, respondents bigint
    ) on commit drop;
    truncate pg_temp.aggregate_answered;
    insert into pg_temp.aggregate_answered
    select min(i.ord), i.q, min(i.key), min(i.kind), i.d, i.c,
      coalesce(max(i.n) filter (where i.what = 'question'),
               case when min(i.kind) = 'multi_choice' then max(g.n) else sum(i.n) filter (where i.what = 'option') end,
               0),
      bool_or(i.what = 'question'),
      coalesce(sum(i.n) filter (where i.what = 'option'), 0),
      coalesce(sum(i.n) filter (where i.what = 'option' and i.positive), 0),
      coalesce(max(i.n) filter (where i.what = 'option'), 0),
      max(g.n)
    from pg_temp.aggregate_items i
    join pg_temp.aggregate_items g on g.what = 'group' and g.d = i.d and g.c = i.c
    where i.what in ('question', 'option')
    group by i.q, i.d, i.c;

    for r in select * from pg_temp.aggregate_answered order by ord loop
      if r.answered > r.respondents then
        v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
          format('More people answered %s (%s) than there were respondents (%s).', r.key, r.answered, r.respondents));
      elsif r.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10')
            and r.given and r.options <> r.answered then
        v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
          format('The answers to %s add up to %s, not the %s who answered it.', r.key, r.options, r.answered));
      elsif r.positive > r.answered or r.largest > r.answered then
        v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
          format('An answer to %s has more people than answered the question (%s).', r.key, r.answered));
      end if;
    end loop;
  end if;

  if v_fields <> '{}'::jsonb or cardinality(v_problems) > 0 then
    raise exception 'Nothing was imported: the wave or the counts need attention.'
      using hint = 'invalid_aggregate',
            detail = jsonb_build_object('fields', v_fields, 'rows', to_jsonb(v_problems))::text;
  end if;

  insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at, source)
  values (v_survey.organisation_id, v_survey.id, v_slug, v_kind::app.wave_kind, v_label, v_opens, v_closes, 'aggregate')
  returning id into v_wave_id;

  insert into app.wave_group_counts (organisation_id, wave_id, dimension, category, n)
  select v_survey.organisation_id, v_wave_id, d, c, n from pg_temp.aggregate_items where what = 'group';
  insert into app.question_counts (organisation_id, wave_id, question_id, dimension, category, n)
  select v_survey.organisation_id, v_wave_id, q, d, c, answered from pg_temp.aggregate_answered;
  insert into app.option_counts (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select v_survey.organisation_id, v_wave_id, q, o, d, c, n from pg_temp.aggregate_items where what = 'option';

  return jsonb_build_object('wave_id', v_wave_id, 'slug', v_slug,
    'respondents', (select n from pg_temp.aggregate_items where what = 'group' and d = '_all'),
    'counts', cardinality(v_items));
end
$$;
comment on function api.import_aggregate is
  'Admins, leads and officers of the survey''s organisation. Creates a closed wave of aggregated results from '
  'a previous tool (source aggregate; p_wave: label, kind, opens_at, closes_at, slug) and writes p_counts straight '
  'into the running counts, so indicator_trend reads it with the other waves. p_counts is a list of '
  '{question_key, option_value, n, dimension, category}: no question_key is the number of respondents in the group '
  '(required for everyone), no option_value the number who answered the question (else the sum of its options, '
  'or everyone in the group for a several-choice question). All or nothing: invalid input raises hint '
  'invalid_aggregate with detail {fields: field -> message, rows: [{row, message}]}.';

-- ---------------------------------------------------------------------------------------------
-- Staff: what they can add responses to
-- ---------------------------------------------------------------------------------------------

create function api.import_choices(p_organisation_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', s.id, 'slug', s.slug, 'title', s.title,
    'waves', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label, 'source', w.source,
        'opens_at', w.opens_at, 'closes_at', w.closes_at,
        'status', app.wave_status(w.opens_at, w.closes_at),
        'responses', coalesce((select c.n from app.wave_group_counts c
                               where c.wave_id = w.id and c.dimension = '_all' and c.category = '_all'), 0))
        order by w.opens_at)
      from app.waves w where w.survey_id = s.id), '[]'::jsonb))
    order by s.title), '[]'::jsonb)
  from app.surveys s
  where s.organisation_id = p_organisation_id
    and app.has_role(s.organisation_id, '{admin,lead,officer}')
$$;
comment on function api.import_choices is
  'Admins, leads and officers of the organisation (others get an empty list). Its surveys and their waves, '
  'with each wave''s source (responses or aggregate), status and number of responses: what staff can add to.';

-- ---------------------------------------------------------------------------------------------
-- Rebuilding counts leaves imported totals alone
-- ---------------------------------------------------------------------------------------------

create or replace function app.rebuild_counts(p_wave_id uuid default null)
returns void
language sql volatile
set search_path = ''
as $$
  -- Recomputes the running counts from the raw answers: after a bulk load, or to check them.
  -- Waves of aggregated results have no answers: their counts are the data, and stay as they are.
  delete from app.wave_group_counts c where (p_wave_id is null or c.wave_id = p_wave_id)
    and not exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'aggregate');
  delete from app.question_counts c where (p_wave_id is null or c.wave_id = p_wave_id)
    and not exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'aggregate');
  delete from app.option_counts c where (p_wave_id is null or c.wave_id = p_wave_id)
    and not exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'aggregate');

  insert into app.wave_group_counts (organisation_id, wave_id, dimension, category, n)
  select r.organisation_id, r.wave_id, g.dimension, g.category, count(*)
  from app.responses r cross join lateral app.response_groups(r.about) g
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, g.dimension, g.category;

  insert into app.question_counts (organisation_id, wave_id, question_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, g.dimension, g.category, count(*)
  from (select distinct response_id, question_id from app.answers) a
  join app.responses r on r.id = a.response_id
  cross join lateral app.response_groups(r.about) g
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, a.question_id, g.dimension, g.category;

  insert into app.option_counts (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category, count(*)
  from app.answers a
  join app.responses r on r.id = a.response_id
  cross join lateral app.response_groups(r.about) g
  where a.option_id is not null and (p_wave_id is null or r.wave_id = p_wave_id)
  group by r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category;
$$;

-- ---------------------------------------------------------------------------------------------
-- Only the grants decide who may call what. `revoke ... from public` leaves the grants to named
-- roles in place (the foundation's included); the new API functions are for signed-in staff, and
-- check the caller's role themselves.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
grant execute on function api.enter_response to authenticated, service_role;
grant execute on function api.import_responses to authenticated, service_role;
grant execute on function api.import_aggregate to authenticated, service_role;
grant execute on function api.import_choices to authenticated, service_role;
