-- Responses out, faster still (issue 14: 100,000 responses in under 2.5 s). Measured on PostgreSQL
-- 15 with 100,000 responses of 20 answers, the download was limited by the database: about 2.3
-- CPU-s for 20 pages read one after the other, because keyset paging needs a page's last response
-- before it can ask for the next.
--
-- * api.response_export_bounds gives, in one index-only pass, the last response of every page of
--   the download; the app then asks for two pages at once (two database sessions), each between
--   its two ends (api.response_export_rows' new p_before_submitted_at and p_before_id).
-- * api.response_export_rows picks the page's responses and builds their rows in one pass over
--   each wave's index. Before, a download of every wave ("wave_id = any(waves)") could not start
--   from the index and sorted the survey's responses on every page, and the rows were joined back
--   to the responses by a hash of the whole table.
--
-- The same security as before: admins, leads and officers of the survey's organisation only,
-- free text left out, nothing written.

drop function api.response_export_rows(uuid, uuid, timestamptz, uuid, integer);

-- What both functions below check first: the caller may download the survey's responses, a page
-- holds 1 to 10,000, and the wave (if one is named) is the survey's.
create function app.refuse_unless_export_pages(p_survey_id uuid, p_wave_id uuid, p_limit integer)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  perform app.refuse_unless_exporter((select s.organisation_id from app.surveys s where s.id = p_survey_id));
  if p_limit is null or p_limit not between 1 and 10000 then
    raise exception 'A page holds 1 to 10,000 responses.' using hint = 'invalid_request';
  end if;
  if p_wave_id is not null and not exists (
    select from app.waves w where w.id = p_wave_id and w.survey_id = p_survey_id
  ) then
    raise exception 'That wave is not one of this survey''s.' using hint = 'invalid_request';
  end if;
end
$$;
comment on function app.refuse_unless_export_pages is
  'Internal (api.response_export_rows, api.response_export_bounds). Raises not_permitted unless the caller '
  'is admin, lead or officer of the survey''s organisation, and invalid_request for a page size outside 1 '
  'to 10,000 or a wave that is not the survey''s.';
grant execute on function app.refuse_unless_export_pages to authenticated, service_role;

create function api.response_export_rows(
  p_survey_id uuid,
  p_wave_id uuid default null,
  p_after_submitted_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 5000,
  p_before_submitted_at timestamptz default null,
  p_before_id uuid default null
)
returns json
language plpgsql stable security definer
set search_path = ''
-- a few plain queries a page: compiling them would cost PostgreSQL more than running them
set jit = off
as $$
declare
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
  perform app.refuse_unless_export_pages(p_survey_id, p_wave_id, p_limit);

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

  -- the page: the next p_limit responses in the order they were sent, after the page before (and
  -- up to p_before, when given), with their rows, in one pass. Each wave is read in order from its
  -- index (wave_id, submitted_at, id), from the first response after the page before: a condition
  -- "wave_id = any(waves)" could not start from the index and sorted the whole survey on every page.
  select coalesce(array_agg(r.id order by r.submitted_at, r.id), '{}'),
         coalesce(json_agg(json_build_array(
           r.id, array_position(v_wave_ids, r.wave_id), r.submitted_at, r.channel, r.language,
           r.assistance, r.about) order by r.submitted_at, r.id), '[]')
    into v_page, v_rows
  from (
    select r.* from unnest(v_wave_ids) w (id)
    cross join lateral (
      select r.id, r.wave_id, r.submitted_at, r.channel, r.language, r.assistance, r.about
      from app.responses r
      where r.wave_id = w.id
        and (r.submitted_at, r.id) > (coalesce(p_after_submitted_at, '-infinity'::timestamptz),
                                      coalesce(p_after_id, '00000000-0000-0000-0000-000000000000'::uuid))
        and (r.submitted_at, r.id) <= (coalesce(p_before_submitted_at, 'infinity'::timestamptz),
                                       coalesce(p_before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid))
      order by r.submitted_at, r.id
      limit p_limit
    ) r
    order by r.submitted_at, r.id
    limit p_limit
  ) r;

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
  'sent (submitted_at, id), after the last one of the page before (p_after_submitted_at, p_after_id) and, '
  'when given, up to and including p_before_submitted_at, p_before_id (the ends given by '
  'api.response_export_bounds, so that several pages can be read at once): {waves: [slug], options: [[question key, '
  'option value]], numbers: [question key], rows: [[id, wave (from 1, in waves), submitted_at, channel, '
  'language, assistance, about]], answers: {rows, options} (each option chosen: its row, from 1, and its '
  'number, from 1, in options), numbered: {rows, questions, values} (each number given: its row, its '
  'question, from 1, in numbers, and the number)}. Free text is left out.';
revoke all on function api.response_export_rows from public, anon;
grant execute on function api.response_export_rows to authenticated, service_role;

create function api.response_export_bounds(
  p_survey_id uuid,
  p_wave_id uuid default null,
  p_limit integer default 5000
)
returns json
language plpgsql stable security definer
set search_path = ''
set jit = off
as $$
declare
  v_wave_ids uuid[];
  v_bounds json;
begin
  perform app.refuse_unless_export_pages(p_survey_id, p_wave_id, p_limit);
  select coalesce(array_agg(w.id), '{}') into v_wave_ids
  from app.waves w
  where w.survey_id = p_survey_id and (p_wave_id is null or w.id = p_wave_id);

  -- once a download: a pass over the survey's responses in the order they were sent (about 40 ms for
  -- 100,000), one wave or every wave alike
  select coalesce(json_agg(json_build_array(r.submitted_at, r.id) order by r.n), '[]') into v_bounds
  from (
    select r.submitted_at, r.id, row_number() over (order by r.submitted_at, r.id) as n
    from app.responses r where r.wave_id = any(v_wave_ids)
  ) r
  where r.n % p_limit = 0;
  return v_bounds;
end
$$;
comment on function api.response_export_bounds is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). The ends of the '
  'pages of a download of responses (one wave, or every wave with p_wave_id null), p_limit responses a '
  'page (1 to 10,000): [[submitted_at, id]] of the last response of every full page, in the order they '
  'were sent. Each page can then be read at once with api.response_export_rows (after the end before, up '
  'to its own end); the responses after the last end are read after it.';
revoke all on function api.response_export_bounds from public, anon;
grant execute on function api.response_export_bounds to authenticated, service_role;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
