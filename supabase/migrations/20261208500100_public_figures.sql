-- Public figures (issue 13): an organisation publishes chosen indicators on a public page, signed out, with
-- the same charts, suppression and downloads as forum and scrutiny get.
--
--   * app.public_indicators: which indicators (questions with answers that count as positive) an organisation
--     publishes. Members read it; nobody writes it directly.
--   * api.set_public_indicator: admins and leads publish an indicator, or stop; in the audit log.
--   * api.public_indicators: anyone, anon included: an organisation's name and the indicators it publishes.
--   * api.indicator_trend: anyone may read a published indicator, under the organisation's disclosure rule
--     (a signed-out reader never sees exact figures). Restated whole from 20261208400100_historic_totals.sql;
--     only who may read it is new.

create table app.public_indicators (
  question_id uuid primary key references app.questions (id) on delete cascade,
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  published_at timestamptz not null default now(),
  published_by uuid
);
create index public_indicators_organisation_idx on app.public_indicators (organisation_id);
alter table app.public_indicators enable row level security;
grant select on app.public_indicators to authenticated;
grant all on app.public_indicators to service_role;
create policy "members read what their organisation publishes" on app.public_indicators
  for select to authenticated using (app.has_role(organisation_id));
comment on table app.public_indicators is
  'The indicators an organisation publishes on its public page (/o/<slug>/figures). Written only through '
  'api.set_public_indicator.';

create function api.set_public_indicator(p_question_id uuid, p_public boolean)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  if not found or not app.has_role(v_q.organisation_id) then
    raise exception 'There is no such indicator.' using errcode = 'P0002', hint = 'not_found';
  end if;
  if not app.has_role(v_q.organisation_id, '{admin,lead}') then
    raise exception 'Only admins and leads choose what is published.' using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_public is null then
    raise exception 'Say whether to publish the indicator.' using hint = 'invalid_request';
  end if;
  if p_public and not exists (select 1 from app.question_options o where o.question_id = v_q.id and o.is_positive) then
    raise exception 'Only an indicator (a question with answers marked as positive) can be published.'
      using hint = 'invalid_request';
  end if;
  if p_public then
    insert into app.public_indicators (question_id, organisation_id, published_by)
    values (v_q.id, v_q.organisation_id, (select auth.uid()))
    on conflict (question_id) do nothing;
  else
    delete from app.public_indicators p where p.question_id = v_q.id;
  end if;
  perform app.audit(v_q.organisation_id, case when p_public then 'indicator.published' else 'indicator.unpublished' end,
                    v_q.id::text, jsonb_build_object('prompt', v_q.prompt));
  return jsonb_build_object('question_id', v_q.id, 'public', p_public);
end
$$;
comment on function api.set_public_indicator is
  'Admins and leads of the question''s organisation (not_permitted for its other members, not_found for anyone '
  'else). p_public true publishes the indicator on the organisation''s public page, false stops; only a question '
  'with answers that count as positive can be published (invalid_request). Kept in the audit log. Returns '
  '{question_id, public}.';
revoke all on function api.set_public_indicator(uuid, boolean) from public, anon;
grant execute on function api.set_public_indicator(uuid, boolean) to authenticated, service_role;

create function api.public_indicators(p_organisation_slug text)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select case when o.id is null then null else jsonb_build_object(
    'organisation', jsonb_build_object('name', o.name, 'slug', o.slug),
    'indicators', coalesce((
      select jsonb_agg(jsonb_build_object(
        'question_id', q.id, 'key', q.key, 'prompt', q.prompt, 'kind', q.kind,
        'survey', jsonb_build_object('slug', s.slug, 'title', s.title, 'audience', s.audience),
        'priority', (select p.title from app.strategy_priorities p where p.id = q.priority_id),
        'positive', (select coalesce(jsonb_agg(op.label order by op.position), '[]'::jsonb)
                     from app.question_options op where op.question_id = q.id and op.is_positive),
        'published_at', pi.published_at
      ) order by s.title, q.position, q.id)
      from app.public_indicators pi
      join app.questions q on q.id = pi.question_id
      join app.surveys s on s.id = q.survey_id
      where pi.organisation_id = o.id), '[]'::jsonb)) end
  from (select 1) one
  left join app.organisations o on o.slug = p_organisation_slug
$$;
comment on function api.public_indicators is
  'Anyone, anon included. The organisation (name, slug) with the slug and the indicators it publishes on its '
  'public page: [{question_id, key, prompt, kind, survey {slug, title, audience}, priority, positive (the labels '
  'of the answers that count as positive), published_at}]; null for no such organisation. Their figures come from '
  'api.indicator_trend, under the organisation''s disclosure rule.';
revoke all on function api.public_indicators(text) from public;
grant execute on function api.public_indicators(text) to anon, authenticated, service_role;

create or replace function api.indicator_trend(p_question_id uuid, p_dimension text default '_all', p_category text default '_all')
returns table (
  wave_id uuid, wave_label text, wave_kind app.wave_kind, opens_at timestamptz, closes_at timestamptz,
  n integer, positive integer, share numeric, suppressed boolean, n_suppressed boolean,
  small_numbers boolean, rounded_to integer, as_of timestamptz, rule jsonb, people_unknown boolean,
  reconstructed boolean
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
  v_reconstructed boolean;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  -- members of the organisation, and anyone at all for an indicator it publishes on its public page
  if not found or not (app.has_role(v_q.organisation_id) or app.sees_exact_figures(v_q.organisation_id)
                       or exists (select 1 from app.public_indicators p where p.question_id = v_q.id)) then
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
    -- an answer of the group's figures was imported as a published percentage of a base
    v_reconstructed := v_w.source = 'aggregate' and exists (
      select 1 from app.option_counts c
      where c.wave_id = v_w.id and c.question_id = v_q.id and c.published_share is not null
        and app.group_sign(c.dimension, c.category, coalesce(p_dimension, '_all'), coalesce(p_category, '_all')) <> 0);
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
      v_several and coalesce(v_pp_unknown, false) and not coalesce(a.n_hidden, false),
      v_reconstructed
    from agg a;
  end loop;
end
$$;
comment on function api.indicator_trend is
  'Members of the question''s organisation, and anyone (anon included) for an indicator the organisation '
  'publishes on its public page (app.public_indicators), who gets the figures under the disclosure rule as forum '
  'and scrutiny do. One row per wave of the question''s survey (in order): how many in '
  'the group answered (n), how many gave a positive answer and the share, exact for admins, leads, officers and '
  'the safeguarding lead (small_numbers true on a count under the threshold), else through the organisation''s '
  'disclosure rule (suppressed, n_suppressed, rounded_to; an open wave as of its daily snapshot, as_of). A '
  'several-answer question counts people, not ticks: a person is positive once if any of their ticks is; '
  'people_unknown is true for a wave of aggregated results whose totals give the ticks of several positive '
  'answers only, which cannot say how many people (positive and share null). reconstructed is true for a wave '
  'of aggregated results whose answers to the question (in the group) were imported as published percentages '
  'of a base and rounded to whole people. rule is the rule followed.';

comment on table app.audit_log is
  'Every staff change to tags, quotes, safeguarding flags and phrases, strategy priorities, decisions and their '
  'evidence, test questions and engagement activities, and every import of a wave''s totals and deletion of a '
  'wave. Append-only.';

-- ---------------------------------------------------------------------------------------------
-- Only the grants decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke all on function api.import_aggregate(uuid, jsonb, jsonb) from public, anon;
revoke all on function api.delete_wave(uuid, text) from public, anon;
revoke all on function api.indicator_trend(uuid, text, text) from public;
grant execute on function api.import_aggregate(uuid, jsonb, jsonb) to authenticated, service_role;
grant execute on function api.delete_wave(uuid, text) to authenticated, service_role;
grant execute on function api.indicator_trend(uuid, text, text) to anon, authenticated, service_role;
