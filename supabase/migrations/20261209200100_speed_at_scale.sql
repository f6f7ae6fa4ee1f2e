-- Speed at the scale of a whole country (issue 13): dashboards stay fast at 20 million answers
-- (bench/scale.ts measures them), and a bulk load's counts are rebuilt in minutes, not hours.
--
--   * api.overview_trends(organisation[, survey]): every current indicator's trend in one call, for the
--     overview, which made one api.indicator_trend call per indicator. A reader who sees exact figures
--     (admins, leads, officers, the safeguarding lead) gets each wave's figures for everyone straight from
--     the running counts, the very figures api.indicator_trend gives them (tests/db/overview-trends.test.ts
--     compares the two row by row): api.indicator_trend works out the question's whole table of every group
--     to read its everyone row, about 5 ms a wave, 400 ms for 20 indicators of 4 waves. Forum and scrutiny
--     get api.indicator_trend's own rows, called here for each indicator: the disclosure rule is applied by
--     the one function that applies it to the trend, and nothing here can publish more.
--   * app.rebuild_counts works out each response's groups once (app.response_groups), then joins them to its
--     answers, rather than once per answer: the planner joined the answers to their responses first and
--     called the function 20 times a response (11 s for 800,000 answers; now 5 s).

-- ---------------------------------------------------------------------------------------------
-- The overview in one call
-- ---------------------------------------------------------------------------------------------

create function api.overview_trends(p_organisation_id uuid, p_survey_id uuid default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_rule_json jsonb;
  v_result jsonb;
begin
  -- another organisation's indicators look the same as none
  if p_organisation_id is null
     or not (app.has_role(p_organisation_id) or app.sees_exact_figures(p_organisation_id)) then
    return '[]'::jsonb;
  end if;
  v_exact := app.sees_exact_figures(p_organisation_id);
  v_rule := app.disclosure_rule_of(p_organisation_id);
  v_rule_json := app.disclosure_rule_json(v_rule);

  if not v_exact then
    -- forum and scrutiny: exactly what api.indicator_trend publishes to them, indicator by indicator
    select coalesce(jsonb_agg(jsonb_build_object(
             'question_id', q.id,
             'trend', (select coalesce(jsonb_agg(to_jsonb(t) - 'ordinality' order by t.ordinality), '[]'::jsonb)
                       from api.indicator_trend(q.id) with ordinality as t)) order by q.survey_id, q.position, q.id),
           '[]'::jsonb)
    into v_result
    from app.questions q
    where q.organisation_id = p_organisation_id and (p_survey_id is null or q.survey_id = p_survey_id)
      and exists (select 1 from app.question_options o where o.question_id = q.id and o.is_positive)
      and not exists (select 1 from app.indicators i where i.question_id = q.id and i.retired_at is not null);
    return v_result;
  end if;

  -- Staff: each wave's figures for everyone from the running counts, as api.indicator_trend reads them
  -- through app.question_figures for a reader who sees exact figures (nothing hidden, nothing rounded): n
  -- the people who answered; positive the positive answers' count, or for several answers the people with
  -- a positive tick (app.people_positive); small when any count of everyone's row is from 1 to the
  -- threshold - 1.
  with q as (
    select q.id, q.survey_id, q.position, q.kind = 'multi_choice' as several,
      -- the definition in force, and every change of definition or wording (as api.indicator_trend lists them)
      (select coalesce(max(c.version), 1) from app.positive_answer_changes c where c.question_id = q.id) as latest,
      app.definition_changes(q.id) as changes
    from app.questions q
    where q.organisation_id = p_organisation_id and (p_survey_id is null or q.survey_id = p_survey_id)
      and exists (select 1 from app.question_options o where o.question_id = q.id and o.is_positive)
      and not exists (select 1 from app.indicators i where i.question_id = q.id and i.retired_at is not null)
  ), cells as (
    select q.id as question_id, q.several, w.*,
      coalesce((select c.n from app.question_counts c
                where c.wave_id = w.id and c.question_id = q.id and c.dimension = '_all' and c.category = '_all'), 0) as n,
      (select coalesce(sum(c.n) filter (where o.is_positive), 0)::integer
       from app.option_counts c join app.question_options o on o.id = c.option_id
       where c.wave_id = w.id and c.question_id = q.id and c.dimension = '_all' and c.category = '_all') as option_positive,
      exists (select 1 from app.option_counts c
              where c.wave_id = w.id and c.question_id = q.id and c.dimension = '_all' and c.category = '_all'
                and c.n between 1 and v_rule.threshold - 1) as small_option,
      pp.o_positive as pp_positive, pp.o_unknown as pp_unknown
    from q
    join app.waves w on w.survey_id = q.survey_id
    left join lateral app.people_positive(q.id, w.id, true, v_rule, '_all', '_all') pp on q.several
  ), rows_ as (
    select c.*, case when c.several then c.pp_positive else c.option_positive end as positive
    from cells c
  )
  select coalesce(jsonb_agg(jsonb_build_object('question_id', t.question_id, 'trend', t.trend)
                            order by t.survey_id, t.position, t.question_id), '[]'::jsonb)
  into v_result
  from (
    select q.id as question_id, q.survey_id, q.position,
      coalesce((select jsonb_agg(jsonb_build_object(
          'wave_id', r.id, 'wave_label', r.label, 'wave_kind', r.kind, 'opens_at', r.opens_at,
          'closes_at', r.closes_at,
          'n', r.n,
          'positive', r.positive,
          'share', case when r.n = 0 or r.positive is null then null
                        else least(1, round(r.positive::numeric / r.n, 4)) end,
          'suppressed', false,
          'n_suppressed', false,
          'small_numbers', r.n between 1 and v_rule.threshold - 1 or r.small_option
                           or coalesce(r.several and r.pp_positive between 1 and v_rule.threshold - 1, false),
          'rounded_to', 1,
          'as_of', now(),
          'rule', v_rule_json,
          'people_unknown', r.several and coalesce(r.pp_unknown, false),
          'reconstructed', r.source = 'aggregate' and exists (
            select 1 from app.option_counts c
            where c.wave_id = r.id and c.question_id = r.question_id and c.published_share is not null
              and app.group_sign(c.dimension, c.category, '_all', '_all') <> 0),
          'not_counted', false,
          'definition', q.latest,
          'latest_definition', q.latest,
          'definition_changes', q.changes)
        order by r.opens_at, r.id)
        from rows_ r where r.question_id = q.id), '[]'::jsonb) as trend
    from q
  ) t;
  return v_result;
end
$$;

comment on function api.overview_trends is
  'Members of the organisation. Every current indicator''s trend (questions with answers that count as positive, '
  'not retired; of one survey when given) in one call, for the overview: [{question_id, trend}], each trend the '
  'rows api.indicator_trend gives the caller for everyone, wave by wave. Exact for admins, leads, officers and '
  'the safeguarding lead, from the running counts; for forum and scrutiny api.indicator_trend''s own rows, under '
  'the organisation''s disclosure rule. Another organisation: [].';

revoke all on function api.overview_trends(uuid, uuid) from public, anon;
grant execute on function api.overview_trends(uuid, uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Rebuilding the counts: each response's groups once
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
  from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, g.dimension, g.category;

  -- each response's groups, worked out once a response (materialized: else the planner may join the answers
  -- to their responses first and work them out once an answer)
  with groups as materialized (
    select r.id, r.organisation_id, r.wave_id, g.dimension, g.category
    from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
    where p_wave_id is null or r.wave_id = p_wave_id
  )
  insert into app.question_counts (organisation_id, wave_id, question_id, dimension, category, n, positive)
  select g.organisation_id, g.wave_id, a.question_id, g.dimension, g.category, count(*), count(*) filter (where a.positive)
  from (select a.response_id, a.question_id, bool_or(coalesce(o.is_positive, false)) as positive
        from app.answers a left join app.question_options o on o.id = a.option_id
        where p_wave_id is null or a.response_id in (select r.id from app.responses r where r.wave_id = p_wave_id)
        group by a.response_id, a.question_id) a
  join groups g on g.id = a.response_id
  group by g.organisation_id, g.wave_id, a.question_id, g.dimension, g.category;

  with groups as materialized (
    select r.id, r.organisation_id, r.wave_id, g.dimension, g.category
    from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
    where p_wave_id is null or r.wave_id = p_wave_id
  )
  insert into app.option_counts (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select g.organisation_id, g.wave_id, a.question_id, a.option_id, g.dimension, g.category, count(*)
  from app.answers a
  join groups g on g.id = a.response_id
  where a.option_id is not null
  group by g.organisation_id, g.wave_id, a.question_id, a.option_id, g.dimension, g.category;
$$;
comment on function app.rebuild_counts is
  'Recomputes the running counts (with question_counts.positive) of one wave, or of all, from the raw answers; '
  'waves of aggregated results are left alone. Each response''s groups are worked out once. Internal.';
revoke all on function app.rebuild_counts(uuid) from public, anon, authenticated;

-- a response belongs to at most 11 groups (everyone, 8 about-you dimensions, channel, how it was answered):
-- the planner's guess for a set-returning function is 1,000
alter function app.response_groups(jsonb, text, text) rows 8;
