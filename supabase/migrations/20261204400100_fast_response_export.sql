-- Responses out, fast (issue 14: "streamed, never built in memory", 100,000 responses in under
-- 2.5 s). api.response_export_page built a jsonb object for every response and a sorted jsonb
-- aggregate for every answer (about 1.7 s a page of 5,000 on PostgreSQL). api.response_export_rows
-- gives the same responses in the same order (submitted_at, id; keyset paging after the last one of
-- the page before) as plain JSON arrays: each answer is the number of its option in the page's list
-- of options (question key, option value), read from the answers' own index with no join, no
-- grouping and no sort per response. The app's downloads read it; api.response_export_page stays
-- for callers of the API.
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
-- one query over a page: compiling it costs PostgreSQL more than running it
set jit = off
as $$
declare
  v_organisation_id uuid;
  v_numbers json;
  v_options json;
  v_option_ids uuid[];
  v_waves json;
  v_wave_ids uuid[];
  v_number_ids uuid[];
  v_rows json;
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
  -- questions answered with a number (no options): an answer is [its number in `numbers`, value]
  select coalesce(json_agg(q.key order by q.position, q.key), '[]'),
         coalesce(array_agg(q.id order by q.position, q.key), '{}')
    into v_numbers, v_number_ids
  from app.questions q
  where q.survey_id = p_survey_id and q.kind <> 'free_text'
    and not exists (select from app.question_options o where o.question_id = q.id);
  select coalesce(array_agg(w.id order by w.opens_at, w.slug), '{}'),
         coalesce(json_agg(w.slug order by w.opens_at, w.slug), '[]')
    into v_wave_ids, v_waves
  from app.waves w
  where w.survey_id = p_survey_id and (p_wave_id is null or w.id = p_wave_id);

  -- one wave: read in order from its index (wave_id, submitted_at, id); every wave: the survey's
  -- responses after the page before, the first p_limit of them
  if p_wave_id is not null then
    select coalesce(json_agg(json_build_array(
             r.id, array_position(v_wave_ids, r.wave_id), r.submitted_at, r.channel, r.language,
             r.assistance, r.about,
             -- the options chosen, read from the answers' unique index (response, question, option)
             array(select array_position(v_option_ids, a.option_id)
                   from app.answers a where a.response_id = r.id and a.option_id is not null),
             -- the numbers given, as [question's number in `numbers`, value], when there are such questions
             case when cardinality(v_number_ids) > 0 then
               (select json_agg(json_build_array(array_position(v_number_ids, a.question_id), a.number_value))
                from app.answers a
                where a.response_id = r.id and a.number_value is not null and a.question_id = any(v_number_ids))
             end
           ) order by r.submitted_at, r.id), '[]')
      into v_rows
    from (
      select r.* from app.responses r
      where r.wave_id = p_wave_id
        -- one condition the index can start from (an "is null or" would scan the wave from the start
        -- on every page, as api.response_export_page does)
        and (r.submitted_at, r.id) > (coalesce(p_after_submitted_at, '-infinity'::timestamptz),
                                      coalesce(p_after_id, '00000000-0000-0000-0000-000000000000'::uuid))
      order by r.submitted_at, r.id
      limit p_limit
    ) r;
  else
    select coalesce(json_agg(json_build_array(
             r.id, array_position(v_wave_ids, r.wave_id), r.submitted_at, r.channel, r.language,
             r.assistance, r.about,
             -- the options chosen, read from the answers' unique index (response, question, option)
             array(select array_position(v_option_ids, a.option_id)
                   from app.answers a where a.response_id = r.id and a.option_id is not null),
             -- the numbers given, as [question's number in `numbers`, value], when there are such questions
             case when cardinality(v_number_ids) > 0 then
               (select json_agg(json_build_array(array_position(v_number_ids, a.question_id), a.number_value))
                from app.answers a
                where a.response_id = r.id and a.number_value is not null and a.question_id = any(v_number_ids))
             end
           ) order by r.submitted_at, r.id), '[]')
      into v_rows
    from (
      select r.* from app.responses r
      where r.wave_id = any(v_wave_ids)
        -- one condition the index can start from (an "is null or" would scan the wave from the start
        -- on every page, as api.response_export_page does)
        and (r.submitted_at, r.id) > (coalesce(p_after_submitted_at, '-infinity'::timestamptz),
                                      coalesce(p_after_id, '00000000-0000-0000-0000-000000000000'::uuid))
      order by r.submitted_at, r.id
      limit p_limit
    ) r;
  end if;

  return json_build_object('waves', v_waves, 'options', v_options, 'numbers', v_numbers, 'rows', v_rows);
end
$$;
comment on function api.response_export_rows is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). One page of a '
  'download of responses (what api.response_export_page gives, in a compact form), in the order they were '
  'sent (submitted_at, id), after the last one of the page before: {waves: [slug], options: [[question key, '
  'option value]], numbers: [question key], rows: [[id, wave (from 1, in waves), submitted_at, channel, '
  'language, assistance, about, [options chosen (from 1, in options)], [[question (from 1, in numbers), '
  'number]] or null]]}. Free text is left out.';
revoke all on function api.response_export_rows from public, anon;
grant execute on function api.response_export_rows to authenticated, service_role;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
