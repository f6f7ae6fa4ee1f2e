-- A several-answer indicator counts people, not ticks (issue 13).
--
-- The share positive of a several-answer (multi_choice) question was the sum of its positive answers' ticks
-- over the people who answered: someone who ticked two positive answers counted twice, so an indicator with
-- two positive options could show 100% when half the people ticked either, and more ticks than people (a share
-- over 1) broke the dashboard. A person now counts once as positive if any of their ticks is positive.
--
--   * app.question_counts.positive: of the n people of a group who answered a question, how many ticked at
--     least one answer that counts as positive. Kept by the submission itself (app.count_response) and by
--     app.rebuild_counts, like n; recounted for every wave of responses when an answer of the question starts
--     or stops counting as positive (app.recount_positive, from the question's own answers, once). Waves of
--     aggregated results have no answers: for them it stays null, and app.people_positive reads it from the
--     imported totals where they say it (a question with one positive answer: its ticks are its people).
--   * app.count_snapshots.positive: the same, in an open wave's daily snapshot.
--   * app.people_positive: a several-answer question's positive people for one group of one wave, exact for
--     staff, or through the organisation's disclosure rule: for everyone only (restricted readers get a
--     several-answer question for everyone only, as its table is published), hidden when the positive people or
--     the others are fewer than the threshold, and rounded as the table is.
--   * api.indicator_trend uses it for several-answer questions, and says when a wave's totals cannot tell
--     (people_unknown: imported ticks of several positive answers, which cannot be turned into people).
-- One-answer questions are unchanged: each person gives one answer, so ticks are people.

alter table app.question_counts add column positive integer check (positive >= 0);
comment on column app.question_counts.positive is
  'Of the n people of the group who answered the question, how many ticked at least one answer that counts as '
  'positive (a several-answer indicator counts people, not ticks). Null for waves of aggregated results.';
alter table app.count_snapshots add column positive integer;
comment on column app.count_snapshots.positive is 'app.question_counts.positive in the snapshot (question rows).';

-- ---------------------------------------------------------------------------------------------
-- Keeping the count
-- ---------------------------------------------------------------------------------------------

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

  -- positive moves with n: p_sign for a question where the response ticked a positive answer. The new value
  -- is read off the proposed row's positive, which carries the response's own 0 or 1 (times p_sign when taking
  -- away: such a row always exists already, so the proposed row is never inserted).
  insert into app.question_counts as c (organisation_id, wave_id, question_id, dimension, category, n, positive)
  select r.organisation_id, r.wave_id, q.question_id, g.dimension, g.category, greatest(p_sign, 0),
         q.positive
  from app.responses r
  cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  join (select a.question_id, max(case when o.is_positive then 1 else 0 end) as positive
        from app.answers a left join app.question_options o on o.id = a.option_id
        where a.response_id = p_response_id
        group by a.question_id) q on true
  where r.id = p_response_id
  order by q.question_id, g.dimension, g.category
  on conflict (wave_id, question_id, dimension, category)
  do update set n = c.n + p_sign, positive = coalesce(c.positive, 0) + p_sign * excluded.positive;

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
  'belongs to (see app.response_groups), with question_counts.positive when it ticked a positive answer. '
  'Internal.';

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

  insert into app.question_counts (organisation_id, wave_id, question_id, dimension, category, n, positive)
  select r.organisation_id, r.wave_id, a.question_id, g.dimension, g.category, count(*), count(*) filter (where a.positive)
  from (select a.response_id, a.question_id, bool_or(coalesce(o.is_positive, false)) as positive
        from app.answers a left join app.question_options o on o.id = a.option_id
        group by a.response_id, a.question_id) a
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
comment on function app.rebuild_counts is
  'Recomputes the running counts (with question_counts.positive) of one wave, or of all, from the raw answers; '
  'waves of aggregated results are left alone. Internal.';

create function app.recount_positive(p_question_id uuid)
returns void
language sql volatile
set search_path = ''
as $$
  -- Once, when an answer of the question starts or stops counting as positive: its positive people in every
  -- wave of responses and every group, from the question's own answers (answers_question_idx).
  with people as (
    select a.response_id from app.answers a
    join app.question_options o on o.id = a.option_id and o.is_positive
    where a.question_id = p_question_id
    group by a.response_id
  ), tally as (
    select r.wave_id, g.dimension, g.category, count(*)::integer as positive
    from people p
    join app.responses r on r.id = p.response_id
    cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
    group by r.wave_id, g.dimension, g.category
  )
  update app.question_counts c set positive = coalesce(t.positive, 0)
  from app.question_counts k
  left join tally t on t.wave_id = k.wave_id and t.dimension = k.dimension and t.category = k.category
  where c.question_id = p_question_id
    and k.wave_id = c.wave_id and k.question_id = c.question_id and k.dimension = c.dimension and k.category = c.category
    and exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'responses');
$$;
comment on function app.recount_positive is
  'Recounts question_counts.positive of one question in every wave of responses, from its answers. Internal.';

create function app.recount_positive_on_change()
returns trigger
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  perform app.recount_positive(new.question_id);
  return null;
end
$$;
comment on function app.recount_positive_on_change is
  'Trigger: an answer starts or stops counting as positive, so its question''s positive people are recounted. '
  'Internal.';
revoke all on function app.recount_positive(uuid) from public, anon, authenticated;
revoke all on function app.recount_positive_on_change() from public, anon, authenticated;

create trigger question_options_positive_recount
  after update of is_positive on app.question_options
  for each row when (old.is_positive is distinct from new.is_positive)
  execute function app.recount_positive_on_change();

-- The counts kept so far
select app.recount_positive(q.id) from app.questions q
where exists (select 1 from app.question_counts c where c.question_id = q.id);
-- every other row of a wave of responses: nobody in it ticked a positive answer
update app.question_counts c set positive = 0
where c.positive is null and exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'responses');

create or replace function app.open_wave_snapshot(p_wave_id uuid)
returns timestamptz
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_day date := (now() at time zone 'utc')::date;
  v_at timestamptz;
begin
  select d.taken_at into v_at from app.count_snapshot_days d where d.wave_id = p_wave_id and d.taken_on = v_day;
  if found then
    return v_at;
  end if;
  insert into app.count_snapshot_days (wave_id, taken_on) values (p_wave_id, v_day)
  on conflict do nothing
  returning taken_at into v_at;
  if v_at is null then
    -- taken by a reader at the same moment
    select d.taken_at into v_at from app.count_snapshot_days d where d.wave_id = p_wave_id and d.taken_on = v_day;
    return v_at;
  end if;
  delete from app.count_snapshot_days d where d.wave_id = p_wave_id and d.taken_on < v_day;
  insert into app.count_snapshots (wave_id, taken_on, question_id, option_id, dimension, category, n, positive)
  select c.wave_id, v_day, null::uuid, null::uuid, c.dimension, c.category, c.n, null::integer from app.wave_group_counts c where c.wave_id = p_wave_id
  union all
  select c.wave_id, v_day, c.question_id, null::uuid, c.dimension, c.category, c.n, c.positive from app.question_counts c where c.wave_id = p_wave_id
  union all
  select c.wave_id, v_day, c.question_id, c.option_id, c.dimension, c.category, c.n, null::integer from app.option_counts c where c.wave_id = p_wave_id;
  return v_at;
end
$$;
comment on function app.open_wave_snapshot is
  'Today''s (UTC) snapshot of an open wave''s running counts, taken now if there is none yet; returns when it '
  'was taken. Internal.';

-- ---------------------------------------------------------------------------------------------
-- Reading it
-- ---------------------------------------------------------------------------------------------

create function app.group_sign(p_dimension text, p_category text, p_want_dimension text, p_want_category text)
returns integer
language sql immutable
set search_path = ''
as $$
  -- How a row of the running counts adds up to a group: +1 for the group's own row; for 'not stated'
  -- (everyone who did not say), +1 for everyone and -1 for each category of the dimension; else 0.
  select case
    when p_want_category = '_not_stated' then
      case when p_dimension = '_all' then 1 when p_dimension = p_want_dimension then -1 else 0 end
    when p_dimension = p_want_dimension and p_category = p_want_category then 1
    else 0 end
$$;
comment on function app.group_sign is
  'How a row of the running counts adds up to a group: 1, -1 (not stated is everyone less each category) or 0. '
  'Internal.';
revoke all on function app.group_sign(text, text, text, text) from public, anon, authenticated;

create function app.people_positive(
  p_question_id uuid, p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules,
  p_dimension text, p_category text,
  out o_positive integer, out o_hidden boolean, out o_unknown boolean
)
language plpgsql volatile
set search_path = ''
as $$
-- The people of one group of one wave who ticked at least one positive answer of a several-answer question.
-- o_unknown: a wave of aggregated results whose totals cannot say it (several positive answers' ticks).
-- Staff (p_exact) get the live count. A restricted reader gets everyone only (the question's table is published
-- for everyone only), from the open wave's daily snapshot as the table is, hidden when the positive people or
-- the others are fewer than the rule's threshold, else rounded to the table's base.
declare
  v_q app.questions;
  v_w app.waves;
  v_n integer;
  v_base integer;
  v_snapshot date;
  v_positive_options integer;
begin
  o_hidden := false;
  o_unknown := false;
  select * into v_q from app.questions q where q.id = p_question_id;
  select * into v_w from app.waves w where w.id = p_wave_id and w.survey_id = v_q.survey_id;
  if v_q.id is null or v_w.id is null then
    return;
  end if;
  if not p_exact and (p_dimension, p_category) is distinct from ('_all', '_all') then
    o_hidden := true;
    return;
  end if;

  -- a group's rows count +1; 'not stated' is everyone less every group of its dimension (app.group_sign)
  if v_w.source = 'aggregate' then
    select count(*) into v_positive_options from app.question_options o where o.question_id = v_q.id and o.is_positive;
    select sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.n) into v_n from app.question_counts c
    where c.wave_id = v_w.id and c.question_id = v_q.id and app.group_sign(c.dimension, c.category, p_dimension, p_category) <> 0;
    if v_positive_options = 1 then
      -- one positive answer: its ticks are its people
      select coalesce(sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.n), 0) into o_positive
      from app.option_counts c
      join app.question_options o on o.id = c.option_id and o.is_positive
      where c.wave_id = v_w.id and c.question_id = v_q.id
        and app.group_sign(c.dimension, c.category, p_dimension, p_category) <> 0;
    elsif v_positive_options = 0 then
      o_positive := 0;
    else
      o_unknown := coalesce(v_n, 0) > 0;
      o_positive := null;
      return;
    end if;
  else
    if not p_exact and app.wave_status(v_w.opens_at, v_w.closes_at) = 'open' then
      perform app.open_wave_snapshot(v_w.id);
      v_snapshot := (now() at time zone 'utc')::date;
      select sum(app.group_sign(s.dimension, s.category, p_dimension, p_category) * s.n),
             sum(app.group_sign(s.dimension, s.category, p_dimension, p_category) * s.positive)
      into v_n, o_positive from app.count_snapshots s
      where s.wave_id = v_w.id and s.taken_on = v_snapshot and s.question_id = v_q.id and s.option_id is null
        and app.group_sign(s.dimension, s.category, p_dimension, p_category) <> 0;
    else
      select sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.n),
             sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.positive)
      into v_n, o_positive from app.question_counts c
      where c.wave_id = v_w.id and c.question_id = v_q.id
        and app.group_sign(c.dimension, c.category, p_dimension, p_category) <> 0;
    end if;
    o_positive := coalesce(o_positive, 0);
  end if;
  v_n := coalesce(v_n, 0);

  if p_exact then
    return;
  end if;
  if o_positive < p_rule.threshold or v_n - o_positive < p_rule.threshold then
    o_positive := null;
    o_hidden := true;
    return;
  end if;
  v_base := p_rule.rounding_base;
  if v_snapshot is not null then
    v_base := greatest(v_base, 5);
  end if;
  o_positive := app.round_to(o_positive, v_base);
end
$$;
comment on function app.people_positive is
  'The people of one group of one wave who ticked at least one positive answer of a several-answer question: '
  'exact for staff, or for everyone only through the disclosure rule (hidden under the threshold, or when the '
  'others are; rounded). o_unknown for aggregated totals that give several positive answers'' ticks only. '
  'Internal.';
revoke all on function app.people_positive(uuid, uuid, boolean, app.disclosure_rules, text, text) from public, anon, authenticated;

drop function api.indicator_trend(uuid, text, text);
create function api.indicator_trend(p_question_id uuid, p_dimension text default '_all', p_category text default '_all')
returns table (
  wave_id uuid, wave_label text, wave_kind app.wave_kind, opens_at timestamptz, closes_at timestamptz,
  n integer, positive integer, share numeric, suppressed boolean, n_suppressed boolean,
  small_numbers boolean, rounded_to integer, as_of timestamptz, rule jsonb, people_unknown boolean
)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_w app.waves;
  v_several boolean;
  v_pp_positive integer;
  v_pp_hidden boolean := false;
  v_pp_unknown boolean := false;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  if not found or not (app.has_role(v_q.organisation_id) or app.sees_exact_figures(v_q.organisation_id)) then
    return;
  end if;
  v_exact := app.sees_exact_figures(v_q.organisation_id);
  v_rule := app.disclosure_rule_of(v_q.organisation_id);
  v_several := v_q.kind = 'multi_choice';
  for v_w in select * from app.waves w where w.survey_id = v_q.survey_id order by w.opens_at, w.id loop
    if v_several then
      select pp.o_positive, pp.o_hidden, pp.o_unknown into v_pp_positive, v_pp_hidden, v_pp_unknown
      from app.people_positive(v_q.id, v_w.id, v_exact, v_rule,
        coalesce(p_dimension, '_all'), coalesce(p_category, '_all')) pp;
    end if;
    return query
    with f as (
      select * from app.question_figures(v_q.id, v_w.id, v_exact, v_rule) x
    ), grp as (
      select f.group_index from f where f.dimension = coalesce(p_dimension, '_all') and f.category = coalesce(p_category, '_all')
      limit 1
    ), withheld as (
      -- a group of a question that a restricted reader gets for everyone only
      select not v_exact and not exists (select 1 from grp) and not coalesce((select bool_or(f.grouped) from f), false) as w
    ), cells as (
      select f.* from f join grp on grp.group_index = f.group_index
    ), agg as (
      select
        max(case when v_exact then c.exact else c.published end) filter (where c.col is null) as n,
        -- a group a restricted reader gets no row for (a question published for everyone only) is withheld
        coalesce(bool_or(c.hidden) filter (where c.col is null), (select x.w from withheld x)) as n_hidden,
        -- several answers: the people with a positive tick (app.people_positive); one answer: its positive answers
        case when v_several then v_pp_positive
             else coalesce(sum(case when v_exact then c.exact else c.published end) filter (where c.positive), 0)::integer
        end as positive,
        case when v_several then v_pp_hidden or (select x.w from withheld x)
             else coalesce(bool_or(c.hidden) filter (where c.positive), (select x.w from withheld x)) end as positive_hidden,
        coalesce(bool_or(c.small), false)
          or coalesce(v_several and v_exact and v_pp_positive between 1 and v_rule.threshold - 1, false) as small
      from cells c
    )
    select v_w.id, v_w.label, v_w.kind, v_w.opens_at, v_w.closes_at,
      case when a.n_hidden then null else coalesce(a.n, 0) end,
      case when a.n_hidden or a.positive_hidden then null else a.positive end,
      case when a.n_hidden or a.positive_hidden or coalesce(a.n, 0) = 0 or a.positive is null then null
           when not v_exact and a.n < v_rule.threshold then null
           else least(1, round(a.positive::numeric / a.n, 4)) end,
      coalesce(a.n_hidden or a.positive_hidden, false),
      coalesce(a.n_hidden, false),
      a.small,
      (select max(f.rounded_to) from f),
      (select max(f.as_of) from f),
      app.disclosure_rule_json(v_rule),
      v_several and coalesce(v_pp_unknown, false) and not coalesce(a.n_hidden, false)
    from agg a;
  end loop;
end
$$;
comment on function api.indicator_trend is
  'Members of the question''s organisation. One row per wave of the question''s survey (in order): how many in '
  'the group answered (n), how many gave a positive answer and the share, exact for admins, leads, officers and '
  'the safeguarding lead (small_numbers true on a count under the threshold), else through the organisation''s '
  'disclosure rule (suppressed, n_suppressed, rounded_to; an open wave as of its daily snapshot, as_of). A '
  'several-answer question counts people, not ticks: a person is positive once if any of their ticks is; '
  'people_unknown is true for a wave of aggregated results whose totals give the ticks of several positive '
  'answers only, which cannot say how many people (positive and share null). rule is the rule followed.';
revoke all on function api.indicator_trend from public, anon;
grant execute on function api.indicator_trend to authenticated, service_role;

-- The table behind the dashboard's groups: a several-answer question's rows give their positive people too,
-- so a group's share counts people. Restated whole from 20261203000100_restricted_tables_two_columns.sql; only
-- people_positive and people_positive_symbol are new.
create or replace function api.published_table(p_question_id uuid, p_wave_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_w app.waves;
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_result jsonb;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  if not found or not (app.has_role(v_q.organisation_id) or app.sees_exact_figures(v_q.organisation_id)) then
    raise exception 'There is no such question.' using errcode = 'P0002', hint = 'not_found';
  end if;
  select * into v_w from app.waves w where w.id = p_wave_id and w.survey_id = v_q.survey_id;
  if not found then
    raise exception 'Choose a wave of this question''s survey.' using hint = 'invalid_request';
  end if;
  if v_q.kind not in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10', 'multi_choice') then
    raise exception 'Tables are made for questions with answers to choose.' using hint = 'invalid_request';
  end if;
  v_exact := app.sees_exact_figures(v_q.organisation_id);
  v_rule := app.disclosure_rule_of(v_q.organisation_id);

  with f as (
    select * from app.question_figures(v_q.id, v_w.id, v_exact, v_rule)
  ), rows_ as (
    select f.group_index, f.dimension, f.category,
      (select x.published from f x where x.group_index = f.group_index and x.col is null) as n,
      (select x.exact from f x where x.group_index = f.group_index and x.col is null) as n_exact,
      bool_or(f.hidden) filter (where f.col is null) as n_hidden,
      bool_or(f.small) as small,
      jsonb_agg(jsonb_build_object(
        'value', f.value,
        'count', case when v_exact then f.exact else f.published end,
        'symbol', case when f.hidden then '[c]' end,
        'small', f.small) order by f.col) filter (where f.col is not null) as cells
    from f
    group by f.group_index, f.dimension, f.category
  )
  select jsonb_build_object(
    'question_id', v_q.id, 'question_kind', v_q.kind,
    'wave', jsonb_build_object('id', v_w.id, 'label', v_w.label, 'kind', v_w.kind,
                               'status', app.wave_status(v_w.opens_at, v_w.closes_at)),
    'exact', v_exact,
    'rule', app.disclosure_rule_json(v_rule),
    'as_of', (select max(f.as_of) from f),
    'rounded_to', (select max(f.rounded_to) from f),
    'grouped', coalesce((select bool_or(f.grouped) from f), false),
    'options', (select coalesce(jsonb_agg(jsonb_build_object('value', f.value, 'label', f.label, 'positive', f.positive,
                                                             'answers', f.answers) order by f.col), '[]'::jsonb)
                from f where f.group_index = 1 and f.col is not null),
    'rows', coalesce(jsonb_agg(jsonb_build_object(
      'dimension', r.dimension, 'category', r.category,
      'label', case when r.dimension = '_all' then 'Everyone' when r.category = '_not_stated' then 'Not stated'
                    else coalesce((select c.label from app.about_categories c
                                    where c.dimension = r.dimension and c.code = r.category
                                      and (c.organisation_id is null or c.organisation_id = v_q.organisation_id)
                                    limit 1), r.category) end,
      'n', case when v_exact then r.n_exact else r.n end,
      'n_symbol', case when r.n_hidden then '[c]' end,
      -- several answers: the people with at least one positive tick (app.people_positive), not the ticks
      'people_positive', case when v_q.kind = 'multi_choice' then pp.o_positive end,
      'people_positive_symbol', case when v_q.kind = 'multi_choice' and pp.o_hidden then '[c]' end,
      'small', r.small,
      'cells', (select jsonb_agg(c || jsonb_build_object('share',
                   case when (c ->> 'symbol') is null and not r.n_hidden and coalesce(r.n, 0) >= v_rule.threshold
                             and (c ->> 'count') is not null
                        then round((c ->> 'count')::numeric / (case when v_exact then r.n_exact else r.n end), 4) end))
                from jsonb_array_elements(r.cells) c))
      order by r.group_index), '[]'::jsonb))
  into v_result
  from rows_ r
  left join lateral app.people_positive(v_q.id, v_w.id, v_exact, v_rule, r.dimension, r.category) pp
    on v_q.kind = 'multi_choice';
  return v_result;
end
$$;
comment on function api.published_table is
  'Members of the question''s organisation (any role; not_found for anyone else; not anon). For one question '
  'with answers to choose and one wave of its survey: rows for everyone (dimension _all), for each category of '
  'every dimension counted in the wave (about-you dimensions, channel, assistance) and, where some did not say, '
  'category _not_stated, so that each dimension''s rows add up to everyone. Each row: dimension, category, '
  'label, n (how many in the group answered the question), n_symbol, small, and cells (one per column in order: '
  'value, count, symbol, small, share). options {value,label,positive,answers} are the columns (answers: the '
  'option values each counts). Staff (admin, lead, officer, safeguarding) get a column per option, exact and '
  'live, exact true, grouped false, with small true on counts under the threshold. Forum, scrutiny and every '
  'other restricted caller get controlled figures: for a one-answer question with answers that count as positive, '
  'two columns (positive: its positive answers; not_positive: the others; grouped true) by every group; for any '
  'other question, a column per option for everyone only (no group rows). A hidden figure has count (or n) null '
  'and symbol (n_symbol) ''[c]''; shown counts are rounded to rounded_to; an open wave''s figures are as of its '
  'daily snapshot (as_of) and rounded to at least 5; share is count / n only where n is shown and at least the '
  'threshold. A several-answer question''s rows also give people_positive: how many in the group ticked at least '
  'one positive answer (people, not ticks; null with people_positive_symbol ''[c]'' when hidden, and null for '
  'groups a restricted reader gets no row for); null for other questions. Also returns question_id, question_kind, wave {id,label,kind,status} and rule '
  '{id,kind,threshold,rounding_base,label,chosen_at} (the rule followed).';

