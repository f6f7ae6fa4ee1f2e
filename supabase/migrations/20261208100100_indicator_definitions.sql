-- Indicator definitions (issue 13, "Indicators"): a label in plain words, the strategy priority it serves,
-- its baseline wave, an optional target (a share by a date), which direction is better, and whether it is
-- retired. Which answers count as positive stays on the question's options (edited in the builder).
--
-- One indicator per question. A question with positive options and no row here is a *default indicator*:
-- labelled with its prompt, under the question's priority, the survey's first baseline wave as its baseline,
-- higher is better, no target. Leads and admins save a row to change any of that (api.save_indicator) or to
-- retire it (api.retire_indicator). No backfill: a question given positive options in the builder after this
-- migration is an indicator at once, as before.
--
-- Members read the rows (api.list_indicators, security invoker, under the policy below); only admins and
-- leads write them, through the two security-definer functions. Figures are not here: the overview reads
-- them from api.indicator_trend, which applies the organisation's disclosure rule.

create table app.indicators (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  question_id uuid not null unique,
  label text not null check (length(btrim(label)) between 1 and 200),
  priority_id uuid,
  -- null: the survey's first baseline wave
  baseline_wave_id uuid references app.waves (id) on delete set null,
  -- a share in percent, reached by target_date; both or neither
  target_percent numeric check (target_percent between 0 and 100),
  target_date date,
  higher_is_better boolean not null default true,
  retired_at timestamptz,
  updated_at timestamptz not null default now(),
  foreign key (question_id, organisation_id) references app.questions (id, organisation_id) on delete cascade,
  foreign key (priority_id, organisation_id) references app.strategy_priorities (id, organisation_id)
    on delete set null (priority_id),
  check ((target_percent is null) = (target_date is null))
);
comment on table app.indicators is
  'How a question is read as an indicator: label, priority, baseline wave, target, direction, retired. '
  'Members read; admins and leads write through api.save_indicator and api.retire_indicator.';
create index indicators_organisation_idx on app.indicators (organisation_id);
-- every foreign key has an index that starts with its columns (tests/db/indexes.test.ts)
create index indicators_priority_idx on app.indicators (priority_id, organisation_id);
create index indicators_question_organisation_idx on app.indicators (question_id, organisation_id);
create index indicators_baseline_idx on app.indicators (baseline_wave_id);

alter table app.indicators enable row level security;
grant select on app.indicators to authenticated;
grant all on app.indicators to service_role;
create policy "members read indicators" on app.indicators
  for select to authenticated using (app.has_role(organisation_id));

-- ---------------------------------------------------------------------------------------------
-- api.list_indicators
-- ---------------------------------------------------------------------------------------------

create function api.list_indicators(p_organisation_id uuid, p_with_candidates boolean default false)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  with candidates as (
    select q.*, i.id as indicator_id, i.label as i_label, i.priority_id as i_priority_id,
      i.baseline_wave_id as i_baseline_wave_id, i.target_percent, i.target_date,
      coalesce(i.higher_is_better, true) as higher_is_better, i.retired_at
    from app.questions q
    left join app.indicators i on i.question_id = q.id
    where q.organisation_id = p_organisation_id
      and (i.id is not null
           or exists (select 1 from app.question_options o where o.question_id = q.id
                      and (o.is_positive or coalesce(p_with_candidates, false))))
  ), resolved as (
    select c.*,
      case when c.indicator_id is null then c.priority_id else c.i_priority_id end as eff_priority_id,
      coalesce(c.i_baseline_wave_id, (
        select w.id from app.waves w where w.survey_id = c.survey_id and w.kind = 'baseline'
        order by w.opens_at, w.id limit 1)) as eff_baseline_wave_id
    from candidates c
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'question_id', r.id,
      'indicator_id', r.indicator_id,
      'defined', r.indicator_id is not null,
      'survey_id', s.id, 'survey_slug', s.slug, 'survey_title', s.title,
      'key', r.key, 'prompt', r.prompt, 'kind', r.kind,
      'label', coalesce(r.i_label, r.prompt),
      'priority_id', p.id, 'priority_title', p.title, 'priority_position', p.position,
      'baseline_wave_id', bw.id, 'baseline_wave_label', bw.label,
      'baseline_chosen', r.i_baseline_wave_id is not null,
      'target_percent', r.target_percent, 'target_date', r.target_date,
      'higher_is_better', r.higher_is_better,
      'retired', r.retired_at is not null,
      'positive', coalesce((select jsonb_agg(o.label order by o.position) from app.question_options o
                            where o.question_id = r.id and o.is_positive), '[]'::jsonb),
      'waves', coalesce((select jsonb_agg(jsonb_build_object('id', w.id, 'label', w.label, 'kind', w.kind)
                                          order by w.opens_at, w.id)
                         from app.waves w where w.survey_id = s.id), '[]'::jsonb))
    order by r.retired_at is not null, p.position nulls last, s.title, r.position, r.id), '[]'::jsonb)
  from resolved r
  join app.surveys s on s.id = r.survey_id
  left join app.strategy_priorities p on p.id = r.eff_priority_id
  left join app.waves bw on bw.id = r.eff_baseline_wave_id
$$;
comment on function api.list_indicators is
  'Members of the organisation. Every indicator: each question with a saved definition, and each question '
  'with positive options and none (a default indicator: its prompt, its priority, the survey''s first baseline '
  'wave, higher is better, no target). Current ones first, by priority. With p_with_candidates, also each '
  'question with options none of which counts as positive yet (positive []: not an indicator; for the form that '
  'defines one). No figures: see api.indicator_trend.';

-- ---------------------------------------------------------------------------------------------
-- api.save_indicator
-- ---------------------------------------------------------------------------------------------

create function api.save_indicator(
  p_question_id uuid,
  p_label text,
  p_priority_id uuid default null,
  p_baseline_wave_id uuid default null,
  p_target_percent numeric default null,
  p_target_date date default null,
  p_higher_is_better boolean default true
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_errors jsonb := '{}'::jsonb;
  v_before app.indicators;
  v_row app.indicators;
begin
  select * into v_q from app.questions where id = p_question_id;
  if v_q.id is null or not app.has_role(v_q.organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads define indicators.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if not exists (select 1 from app.question_options o where o.question_id = v_q.id and o.is_positive) then
    v_errors := v_errors || jsonb_build_object('question_id',
      'No answers count as positive for this question yet: choose them in the survey builder first.');
  end if;
  if p_label is null or length(btrim(p_label)) = 0 then
    v_errors := v_errors || jsonb_build_object('label', 'Enter a label in plain words.');
  elsif length(btrim(p_label)) > 200 then
    v_errors := v_errors || jsonb_build_object('label', 'Keep the label to 200 characters or fewer.');
  end if;
  if p_priority_id is not null and not exists (
      select 1 from app.strategy_priorities p where p.id = p_priority_id and p.organisation_id = v_q.organisation_id) then
    v_errors := v_errors || jsonb_build_object('priority_id', 'Choose one of your organisation''s strategy priorities.');
  end if;
  if p_baseline_wave_id is not null and not exists (
      select 1 from app.waves w where w.id = p_baseline_wave_id and w.survey_id = v_q.survey_id) then
    v_errors := v_errors || jsonb_build_object('baseline_wave_id', 'Choose a wave of this indicator''s own survey.');
  end if;
  if p_target_percent is not null and (p_target_percent < 0 or p_target_percent > 100) then
    v_errors := v_errors || jsonb_build_object('target_percent', 'A target is a share from 0% to 100%.');
  elsif p_target_percent is not null and p_target_date is null then
    v_errors := v_errors || jsonb_build_object('target_date', 'Give the date the target is to be met by.');
  elsif p_target_percent is null and p_target_date is not null then
    v_errors := v_errors || jsonb_build_object('target_percent', 'Give the share to reach by this date.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'The indicator is not complete.' using hint = 'invalid_indicator', detail = v_errors::text;
  end if;

  select * into v_before from app.indicators where question_id = v_q.id;
  insert into app.indicators (organisation_id, question_id, label, priority_id, baseline_wave_id,
                              target_percent, target_date, higher_is_better)
  values (v_q.organisation_id, v_q.id, btrim(p_label), p_priority_id, p_baseline_wave_id,
          p_target_percent, p_target_date, coalesce(p_higher_is_better, true))
  on conflict (question_id) do update
  set label = excluded.label, priority_id = excluded.priority_id, baseline_wave_id = excluded.baseline_wave_id,
      target_percent = excluded.target_percent, target_date = excluded.target_date,
      higher_is_better = excluded.higher_is_better, updated_at = now()
  returning * into v_row;
  perform app.audit(v_q.organisation_id, 'indicator.saved', v_q.id::text,
    jsonb_build_object(
      'before', case when v_before.id is null then null else jsonb_build_object(
        'label', v_before.label, 'priority_id', v_before.priority_id, 'baseline_wave_id', v_before.baseline_wave_id,
        'target_percent', v_before.target_percent, 'target_date', v_before.target_date,
        'higher_is_better', v_before.higher_is_better) end,
      'after', jsonb_build_object(
        'label', v_row.label, 'priority_id', v_row.priority_id, 'baseline_wave_id', v_row.baseline_wave_id,
        'target_percent', v_row.target_percent, 'target_date', v_row.target_date,
        'higher_is_better', v_row.higher_is_better)));
  return jsonb_build_object('id', v_row.id, 'question_id', v_row.question_id, 'label', v_row.label);
end
$$;
comment on function api.save_indicator is
  'Admins and leads. Defines the indicator read off a question (creates or changes its row): label, strategy '
  'priority (null: none), baseline wave (null: the survey''s first baseline), target percent and date (both or '
  'neither), whether higher is better. Refusals raise invalid_indicator with detail {field: message}: no '
  'positive answers chosen on the question, an unknown priority, a wave of another survey, a target outside '
  '0-100. Kept in the audit log.';

-- ---------------------------------------------------------------------------------------------
-- api.retire_indicator
-- ---------------------------------------------------------------------------------------------

create function api.retire_indicator(p_question_id uuid, p_retired boolean default true)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_row app.indicators;
begin
  select * into v_q from app.questions where id = p_question_id;
  if v_q.id is null or not app.has_role(v_q.organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads retire indicators.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  insert into app.indicators (organisation_id, question_id, label, priority_id, retired_at)
  values (v_q.organisation_id, v_q.id, left(btrim(v_q.prompt), 200), v_q.priority_id,
          case when coalesce(p_retired, true) then now() end)
  on conflict (question_id) do update
  set retired_at = case when coalesce(p_retired, true) then coalesce(app.indicators.retired_at, now()) end,
      updated_at = now()
  returning * into v_row;
  perform app.audit(v_q.organisation_id,
    case when v_row.retired_at is null then 'indicator.restored' else 'indicator.retired' end,
    v_q.id::text, jsonb_build_object('label', v_row.label));
  return jsonb_build_object('question_id', v_row.question_id, 'retired', v_row.retired_at is not null);
end
$$;
comment on function api.retire_indicator is
  'Admins and leads. Retires an indicator (p_retired true: no longer on the overview, kept with its answers) or '
  'brings it back (false). Kept in the audit log.';

revoke execute on function api.list_indicators, api.save_indicator, api.retire_indicator from public;
grant execute on function api.list_indicators, api.save_indicator, api.retire_indicator
  to authenticated, service_role;
