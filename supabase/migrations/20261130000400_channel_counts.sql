-- How the answers were given, counted like an about-you group.
--
-- The issue asks that the way answers were given (on their own, helped, on someone's behalf) and the
-- channel (online, easy read, paper, event, phone, focus group, import) be analysable later. They
-- become two more groups of the running counts, dimension 'channel' and 'assistance', so that
-- indicator_trend and the dashboards can split any figure by them without reading raw answers.

create function app.response_groups(p_about jsonb, p_channel text, p_assistance text)
returns table (dimension text, category text)
language sql immutable
set search_path = ''
as $$
  -- Everyone ('_all'), the about-you group of each dimension the respondent answered, the channel,
  -- and how the answers were given when the respondent said.
  select '_all', '_all'
  union all
  select e.key, e.value from jsonb_each_text(coalesce(p_about, '{}'::jsonb)) e
  union all
  select 'channel', p_channel where p_channel is not null
  union all
  select 'assistance', p_assistance where p_assistance is not null
$$;
comment on function app.response_groups(jsonb, text, text) is 'The groups a response counts towards. Internal.';

create or replace function app.count_response(p_response_id uuid, p_sign integer default 1)
returns void
language sql volatile
set search_path = ''
as $$
  -- Rows are upserted in key order so that concurrent submissions lock counters in one order.
  insert into app.wave_group_counts as c (organisation_id, wave_id, dimension, category, n)
  select r.organisation_id, r.wave_id, g.dimension, g.category, greatest(p_sign, 0)
  from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  where r.id = p_response_id
  order by g.dimension, g.category
  on conflict (wave_id, dimension, category) do update set n = c.n + p_sign;

  insert into app.question_counts as c (organisation_id, wave_id, question_id, dimension, category, n)
  select r.organisation_id, r.wave_id, q.question_id, g.dimension, g.category, greatest(p_sign, 0)
  from app.responses r
  cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  join (select distinct a.question_id from app.answers a where a.response_id = p_response_id) q on true
  where r.id = p_response_id
  order by q.question_id, g.dimension, g.category
  on conflict (wave_id, question_id, dimension, category) do update set n = c.n + p_sign;

  insert into app.option_counts as c (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category, greatest(p_sign, 0)
  from app.responses r
  cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  join app.answers a on a.response_id = r.id and a.option_id is not null
  where r.id = p_response_id
  order by a.question_id, a.option_id, g.dimension, g.category
  on conflict (wave_id, question_id, option_id, dimension, category) do update set n = c.n + p_sign;
$$;

comment on function app.count_response is
  'Adds one response (p_sign 1) to the running counts, or takes it away (p_sign -1), in every group it '
  'belongs to (see app.response_groups). Internal.';

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
  from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, g.dimension, g.category;

  insert into app.question_counts (organisation_id, wave_id, question_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, g.dimension, g.category, count(*)
  from (select distinct response_id, question_id from app.answers) a
  join app.responses r on r.id = a.response_id
  cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, a.question_id, g.dimension, g.category;

  insert into app.option_counts (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category, count(*)
  from app.answers a
  join app.responses r on r.id = a.response_id
  cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  where a.option_id is not null and (p_wave_id is null or r.wave_id = p_wave_id)
  group by r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category;
$$;

drop function app.response_groups(jsonb);

-- The responses already given join their channel and assistance groups.
select app.rebuild_counts();

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
