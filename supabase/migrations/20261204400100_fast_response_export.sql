-- Responses out, fast (issue 14: "streamed, never built in memory", 100,000 responses in under
-- 2.5 s). api.response_export_page built a jsonb object for every response and a sorted jsonb
-- aggregate for every answer (about 1.7 s a page of 5,000 on PostgreSQL), and its keyset condition
-- ("is null or after") made every page scan the wave from its start. api.response_export_rows gives
-- the same responses in the same order (submitted_at, id; keyset paging after the last one of the
-- page before) as plain arrays: the page's responses, then every answer of the page as (row, number
-- of its option in the page's list of options), from one pass over the answers' own index with the
-- options in a hash: no object, grouping or sort per response. The app's downloads read it;
-- api.response_export_page stays for callers of the API.
--
-- The same security: admins, leads and officers of the survey's organisation only (checked once,
-- then security definer so that the policies are not run on each of two million answer rows), free
-- text left out, nothing written (the download is logged by api.start_response_export).
--
-- Also: the data dictionary ordered questions by position only, and two questions may share a
-- position; they now come in the order of position, then key.

create or replace function api.start_response_export(
  p_survey_id uuid,
  p_wave_id uuid default null,
  p_format text default 'csv',
  p_labels boolean default true
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_wave app.waves;
  v_responses integer;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_exporter(v_survey.organisation_id);
  if p_wave_id is not null then
    select * into v_wave from app.waves w where w.id = p_wave_id and w.survey_id = p_survey_id;
    if not found then
      raise exception 'That wave is not one of this survey''s.' using hint = 'invalid_request';
    end if;
  end if;
  if p_format is null or p_format not in ('csv', 'xlsx') then
    raise exception 'Choose CSV or a spreadsheet (XLSX).' using hint = 'invalid_request';
  end if;

  select count(*)::int into v_responses
  from app.responses r join app.waves w on w.id = r.wave_id
  where w.survey_id = p_survey_id and (p_wave_id is null or r.wave_id = p_wave_id);

  insert into app.response_exports
    (organisation_id, survey_id, wave_id, wave_label, format, labels, responses, exported_by)
  values
    (v_survey.organisation_id, v_survey.id, v_wave.id, v_wave.label, p_format, coalesce(p_labels, true),
     v_responses, auth.uid());

  return jsonb_build_object(
    'survey', jsonb_build_object('id', v_survey.id, 'title', v_survey.title, 'slug', v_survey.slug),
    'organisation', (select o.name from app.organisations o where o.id = v_survey.organisation_id),
    'responses', v_responses,
    'waves', coalesce((
      select jsonb_agg(jsonb_build_object('id', w.id, 'slug', w.slug, 'label', w.label, 'kind', w.kind)
                       order by w.opens_at, w.slug)
      from app.waves w
      where w.survey_id = p_survey_id and (p_wave_id is null or w.id = p_wave_id)), '[]'::jsonb),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', q.key, 'kind', q.kind, 'prompt', q.prompt, 'version', q.version,
        'exported', q.kind <> 'free_text',
        'options', coalesce((
          select jsonb_agg(jsonb_build_object('value', o.value, 'label', o.label) order by o.position)
          from app.question_options o where o.question_id = q.id), '[]'::jsonb),
        -- each earlier wording's version and when it was replaced: a response sent before then
        -- answered that version
        'versions', coalesce((
          select jsonb_agg(jsonb_build_object('version', v.version, 'prompt', v.prompt,
                                              'replaced_at', v.replaced_at) order by v.version)
          from app.question_versions v where v.question_id = q.id), '[]'::jsonb)
      -- two questions may share a position: the key (unique in a survey) settles their order
      ) order by q.position, q.key)
      from app.questions q where q.survey_id = p_survey_id), '[]'::jsonb),
    'about', app.survey_about(p_survey_id)
  );
end
$$;
comment on function api.start_response_export is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Starts a download '
  'of the responses of one wave (or of every wave, p_wave_id null): records it in app.response_exports '
  '(who, when, which wave, as what) and returns the data dictionary: the survey, its waves, its questions '
  '(kind, wording, version, options, earlier wordings; free text marked exported = false) and about-you '
  'categories. The responses themselves come from api.response_export_page.';
revoke all on function api.start_response_export from public, anon;
grant execute on function api.start_response_export to authenticated, service_role;

create or replace function api.response_export_rows(
  p_survey_id uuid,
  p_wave_id uuid default null,
  p_after_submitted_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 5000
)
returns json
language plpgsql stable security definer
set search_path = ''
-- a few plain queries a page: compiling them would cost PostgreSQL more than running them
set jit = off
as $$
declare
  v_organisation_id uuid;
  v_options json;
  v_option_ids uuid[];
  v_numbers json;
  v_number_ids uuid[];
  v_waves json;
  v_wave_ids uuid[];
  v_page uuid[];
  v_rows json;
  v_answer_rows integer[];
  v_answer_options integer[];
  v_number_rows integer[];
  v_number_questions integer[];
  v_number_values numeric[];
begin
  select s.organisation_id into v_organisation_id from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_exporter(v_organisation_id);
  if p_limit is null or p_limit not between 1 and 10000 then
    raise exception 'A page holds 1 to 10,000 responses.' using hint = 'invalid_request';
  end if;
  if p_wave_id is not null and not exists (
    select from app.waves w where w.id = p_wave_id and w.survey_id = p_survey_id
  ) then
    raise exception 'That wave is not one of this survey''s.' using hint = 'invalid_request';
  end if;

  -- the page's lists: an answer is the number (from 1) of its option in `options`, a response's wave
  -- the number of its wave in `waves`. Free text is not among them: it stays in the database until
  -- the safeguarding review lets it out.
  select coalesce(array_agg(o.id order by q.position, q.key, o.position), '{}'),
         coalesce(json_agg(json_build_array(q.key, o.value) order by q.position, q.key, o.position), '[]')
    into v_option_ids, v_options
  from app.questions q join app.question_options o on o.question_id = q.id
  where q.survey_id = p_survey_id and q.kind <> 'free_text';
  -- questions answered with a number (no options)
  select coalesce(array_agg(q.id order by q.position, q.key), '{}'),
         coalesce(json_agg(q.key order by q.position, q.key), '[]')
    into v_number_ids, v_numbers
  from app.questions q
  where q.survey_id = p_survey_id and q.kind <> 'free_text'
    and not exists (select from app.question_options o where o.question_id = q.id);
  select coalesce(array_agg(w.id order by w.opens_at, w.slug), '{}'),
         coalesce(json_agg(w.slug order by w.opens_at, w.slug), '[]')
    into v_wave_ids, v_waves
  from app.waves w
  where w.survey_id = p_survey_id and (p_wave_id is null or w.id = p_wave_id);

  -- the page: the next p_limit responses in the order they were sent, after the page before, by
  -- one condition the index can start from (an "is null or" would scan the wave from its start on
  -- every page, as api.response_export_page does). One wave is read in order from its index
  -- (wave_id, submitted_at, id).
  if p_wave_id is not null then
    select coalesce(array_agg(r.id order by r.submitted_at, r.id), '{}') into v_page
    from (
      select r.id, r.submitted_at from app.responses r
      where r.wave_id = p_wave_id
        and (r.submitted_at, r.id) > (coalesce(p_after_submitted_at, '-infinity'::timestamptz),
                                      coalesce(p_after_id, '00000000-0000-0000-0000-000000000000'::uuid))
      order by r.submitted_at, r.id
      limit p_limit
    ) r;
  else
    select coalesce(array_agg(r.id order by r.submitted_at, r.id), '{}') into v_page
    from (
      select r.id, r.submitted_at from app.responses r
      where r.wave_id = any(v_wave_ids)
        and (r.submitted_at, r.id) > (coalesce(p_after_submitted_at, '-infinity'::timestamptz),
                                      coalesce(p_after_id, '00000000-0000-0000-0000-000000000000'::uuid))
      order by r.submitted_at, r.id
      limit p_limit
    ) r;
  end if;

  select coalesce(json_agg(json_build_array(
           r.id, array_position(v_wave_ids, r.wave_id), r.submitted_at, r.channel, r.language,
           r.assistance, r.about) order by p.k), '[]')
    into v_rows
  from unnest(v_page) with ordinality p (id, k)
  join app.responses r on r.id = p.id;

  -- every option chosen on the page, as (row, option): one pass over the answers' unique index
  -- (response, question, option), the options looked up in a hash, no grouping or sorting
  select coalesce(array_agg(p.k::integer), '{}'), coalesce(array_agg(m.n::integer), '{}')
    into v_answer_rows, v_answer_options
  from unnest(v_page) with ordinality p (id, k)
  join app.answers a on a.response_id = p.id
  join unnest(v_option_ids) with ordinality m (id, n) on m.id = a.option_id;

  if cardinality(v_number_ids) > 0 then
    select coalesce(array_agg(p.k::integer), '{}'), coalesce(array_agg(m.n::integer), '{}'),
           coalesce(array_agg(a.number_value), '{}')
      into v_number_rows, v_number_questions, v_number_values
    from unnest(v_page) with ordinality p (id, k)
    join app.answers a on a.response_id = p.id
    join unnest(v_number_ids) with ordinality m (id, n) on m.id = a.question_id
    where a.number_value is not null;
  end if;

  return json_build_object(
    'waves', v_waves, 'options', v_options, 'numbers', v_numbers, 'rows', v_rows,
    'answers', json_build_object('rows', v_answer_rows, 'options', v_answer_options),
    'numbered', json_build_object('rows', coalesce(v_number_rows, '{}'),
                                  'questions', coalesce(v_number_questions, '{}'),
                                  'values', coalesce(v_number_values, '{}')));
end
$$;
comment on function api.response_export_rows is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). One page of a '
  'download of responses (what api.response_export_page gives, in a compact form), in the order they were '
  'sent (submitted_at, id), after the last one of the page before: {waves: [slug], options: [[question key, '
  'option value]], numbers: [question key], rows: [[id, wave (from 1, in waves), submitted_at, channel, '
  'language, assistance, about]], answers: {rows, options} (each option chosen: its row, from 1, and its '
  'number, from 1, in options), numbered: {rows, questions, values} (each number given: its row, its '
  'question, from 1, in numbers, and the number)}. Free text is left out.';
revoke all on function api.response_export_rows from public, anon;
grant execute on function api.response_export_rows to authenticated, service_role;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
