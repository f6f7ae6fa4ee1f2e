-- Decisions ("we did"), engagement activities, and the published "you said, we did" (issue 11).
--
--   - app.engagement_activities: events, forums, focus groups, inspections by young people, feedback
--     weeks...: date, type, level of participation (the ladder the strategies use), phase, and how
--     many took part by group. They count in reach.
--   - app.decisions: what people said (a summary), what was or will be done, the status (proposed,
--     agreed, in progress, done, or not possible with the reason), the body that took it and when, an
--     owner, the strategy priority, the level of participation behind it, the answers to the
--     organisation's test questions (app.organisations.decision_test_questions), and whether it is
--     published.
--   - app.decision_evidence: what a decision rests on: feedback items, themes, survey indicators
--     (questions) and engagement activities, each of the decision's own organisation.
--
-- Staff (admin, lead, officer) record decisions and activities and link evidence; admins and leads
-- publish. Writes go through the security definer functions below, each written to the audit log;
-- the tables grant `authenticated` only select, and only staff rows under row-level security.
--
-- "N people told us": the distinct people (a survey response, or one comment added by hand) behind the
-- feedback items linked to the decision, directly or through a linked theme. An item held for
-- safeguarding is never counted, for anyone. Staff get the exact number; forum, scrutiny and the public
-- get it under the organisation's disclosure rule (1 to threshold - 1 hidden as '[c]', others rounded to
-- the rule's base). Only one such figure is published per card and no totals across cards, so no hidden
-- count can be worked out from the others. Activities' numbers taking part are published the same way,
-- one total per activity, never by group and never added up.

-- ---------------------------------------------------------------------------------------------
-- The organisation's test questions
-- ---------------------------------------------------------------------------------------------

alter table app.organisations
  add column decision_test_questions text[] not null default '{}'
    check (cardinality(decision_test_questions) <= 10);
comment on column app.organisations.decision_test_questions is
  'The questions every decision is tested against (Essex: "Will this decision make things more equal?"...). '
  'Each decision keeps its answers with the question''s wording.';

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table app.engagement_activities (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  title text not null check (length(btrim(title)) between 1 and 200),
  held_on date not null,
  kind text not null check (kind in ('event', 'forum', 'focus_group', 'young_inspectors', 'feedback_week', 'other')),
  participation text not null check (participation in (
    'co_production', 'co_design', 'engagement', 'consultation', 'informing')),
  -- an about-you phase code (app.about_categories, dimension phase), or null for all phases
  phase text,
  -- group -> how many took part
  took_part jsonb not null default '{}'::jsonb check (jsonb_typeof(took_part) = 'object'),
  notes text check (length(notes) <= 4000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index engagement_activities_organisation_idx on app.engagement_activities (organisation_id, held_on desc);
comment on table app.engagement_activities is
  'Engagement activities (events, forums, focus groups, Young Inspectors, feedback weeks): when, what kind, the '
  'level of participation, the phase, and how many took part by group. They count in reach.';

create table app.decisions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  priority_id uuid references app.strategy_priorities (id) on delete restrict,
  you_said text not null check (length(btrim(you_said)) between 1 and 4000),
  we_did text check (length(we_did) <= 4000),
  status text not null default 'proposed' check (status in ('proposed', 'agreed', 'in_progress', 'done', 'not_possible')),
  not_possible_reason text check (length(not_possible_reason) <= 2000),
  decided_by text check (length(decided_by) <= 200),
  decided_on date,
  owner text check (length(owner) <= 200),
  participation text check (participation in (
    'co_production', 'co_design', 'engagement', 'consultation', 'informing')),
  -- [{question, answer}]: the organisation's test questions as they were worded, and the answers
  test_answers jsonb not null default '[]'::jsonb check (jsonb_typeof(test_answers) = 'array'),
  published boolean not null default false,
  published_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'not_possible' or length(btrim(coalesce(not_possible_reason, ''))) > 0),
  check (not published or length(btrim(coalesce(we_did, ''))) > 0),
  check (not published or published_at is not null)
);
create index decisions_organisation_idx on app.decisions (organisation_id, updated_at desc);
create index decisions_priority_idx on app.decisions (priority_id);
comment on table app.decisions is
  'What was done about what people said ("we did"), with its status, who decided and when, and whether it is '
  'published on the organisation''s "you said, we did" page.';

create table app.decision_evidence (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  decision_id uuid not null references app.decisions (id) on delete cascade,
  kind text not null check (kind in ('feedback', 'theme', 'indicator', 'activity')),
  feedback_id uuid references app.feedback (id) on delete cascade,
  theme text check (theme = lower(btrim(theme)) and length(theme) between 1 and 80),
  question_id uuid references app.questions (id) on delete cascade,
  activity_id uuid references app.engagement_activities (id) on delete cascade,
  added_by uuid references auth.users (id) on delete set null,
  added_at timestamptz not null default now(),
  check (num_nonnulls(feedback_id, theme, question_id, activity_id) = 1),
  check ((kind = 'feedback') = (feedback_id is not null)),
  check ((kind = 'theme') = (theme is not null)),
  check ((kind = 'indicator') = (question_id is not null)),
  check ((kind = 'activity') = (activity_id is not null))
);
create unique index decision_evidence_feedback_idx on app.decision_evidence (decision_id, feedback_id) where feedback_id is not null;
create unique index decision_evidence_theme_idx on app.decision_evidence (decision_id, theme) where theme is not null;
create unique index decision_evidence_question_idx on app.decision_evidence (decision_id, question_id) where question_id is not null;
create unique index decision_evidence_activity_idx on app.decision_evidence (decision_id, activity_id) where activity_id is not null;
create index decision_evidence_feedback_fk_idx on app.decision_evidence (feedback_id);
create index decision_evidence_question_fk_idx on app.decision_evidence (question_id);
create index decision_evidence_activity_fk_idx on app.decision_evidence (activity_id);
create index decision_evidence_organisation_idx on app.decision_evidence (organisation_id);
create index decision_evidence_added_by_idx on app.decision_evidence (added_by);
create index decisions_created_by_idx on app.decisions (created_by);
create index engagement_activities_created_by_idx on app.engagement_activities (created_by);
-- the comments of a theme, for "N people told us" of a decision that cites the theme
create index feedback_themes_theme_idx on app.feedback_themes (organisation_id, theme);
comment on table app.decision_evidence is
  'What a decision rests on: feedback items, themes, survey indicators (questions) and engagement activities of '
  'its own organisation (checked by api.link_evidence).';

-- ---------------------------------------------------------------------------------------------
-- Row-level security: staff read; forum, scrutiny and the public read through the functions below
-- ---------------------------------------------------------------------------------------------

alter table app.engagement_activities enable row level security;
alter table app.decisions enable row level security;
alter table app.decision_evidence enable row level security;

grant select on app.engagement_activities, app.decisions, app.decision_evidence to authenticated;
grant all on app.engagement_activities, app.decisions, app.decision_evidence to service_role;

create policy "staff read engagement activities" on app.engagement_activities
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "staff read decisions" on app.decisions
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "staff read decision evidence" on app.decision_evidence
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer}'));

-- ---------------------------------------------------------------------------------------------
-- Pieces
-- ---------------------------------------------------------------------------------------------

create function app.decision_people(p_decision_id uuid)
returns integer
language sql stable security definer
set search_path = ''
as $$
  -- items linked directly, and items tagged with a linked theme; never one held for safeguarding
  select count(distinct coalesce(f.response_id::text, f.id::text))::integer
  from (select e.feedback_id as id from app.decision_evidence e
        where e.decision_id = p_decision_id and e.feedback_id is not null
        union
        select t.feedback_id from app.decision_evidence e
        join app.feedback_themes t on t.organisation_id = e.organisation_id and t.theme = e.theme
        where e.decision_id = p_decision_id and e.theme is not null) linked
  join app.feedback f on f.id = linked.id and not f.held
$$;
comment on function app.decision_people is
  'Internal. How many distinct people (responses, or comments added by hand) the decision''s linked feedback '
  'comes from, directly or through a linked theme; items held for safeguarding are never counted.';

create function app.ruled_count(p_n integer, p_rule app.disclosure_rules, p_exact boolean)
returns jsonb
language sql immutable
set search_path = ''
as $$
  select case
    when p_exact then jsonb_build_object('n', p_n, 'symbol', null, 'small', p_n between 1 and p_rule.threshold - 1)
    when p_n between 1 and p_rule.threshold - 1 then jsonb_build_object('n', null, 'symbol', '[c]', 'small', false)
    else jsonb_build_object('n', app.round_to(p_n, p_rule.rounding_base), 'symbol', null, 'small', false)
  end
$$;
comment on function app.ruled_count is
  'Internal. One count as {n, symbol, small}: exact (small when under the threshold) for staff, else under the '
  'rule: hidden as ''[c]'' from 1 to threshold - 1, otherwise rounded to the rule''s base.';

create function app.took_part_total(p_took_part jsonb)
returns integer
language sql immutable
set search_path = ''
as $$
  select coalesce(sum((v.value)::integer), 0)::integer from jsonb_each_text(p_took_part) v
$$;

create function app.activity_json(a app.engagement_activities, p_rule app.disclosure_rules, p_exact boolean)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', a.id, 'title', a.title, 'held_on', a.held_on, 'kind', a.kind, 'participation', a.participation,
    'phase', a.phase,
    'took_part', (app.ruled_count(app.took_part_total(a.took_part), p_rule, p_exact) ->> 'n')::integer,
    'took_part_symbol', app.ruled_count(app.took_part_total(a.took_part), p_rule, p_exact) ->> 'symbol',
    -- by group only for staff: a group's number could be worked out from the others and the total
    'by_group', case when p_exact then a.took_part else null end,
    'notes', case when p_exact then a.notes else null end)
$$;
comment on function app.activity_json is
  'Internal. One engagement activity: staff get the numbers by group and notes; anyone else one total under the rule.';

create function app.decision_json(d app.decisions, p_rule app.disclosure_rules, p_exact boolean)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', d.id,
    'priority_id', d.priority_id,
    'you_said', d.you_said,
    'we_did', d.we_did,
    'status', d.status,
    'not_possible_reason', d.not_possible_reason,
    'decided_by', d.decided_by,
    'decided_on', d.decided_on,
    'owner', d.owner,
    'participation', d.participation,
    'test_answers', d.test_answers,
    'published', d.published,
    'published_at', d.published_at,
    'updated_at', d.updated_at,
    'people', (c.people ->> 'n')::integer,
    'people_symbol', c.people ->> 'symbol',
    'people_small', (c.people ->> 'small')::boolean,
    'indicators', coalesce((
      select jsonb_agg(jsonb_build_object('id', q.id, 'prompt', q.prompt, 'survey_title', s.title)
                       order by s.title, q.position)
      from app.decision_evidence e join app.questions q on q.id = e.question_id join app.surveys s on s.id = q.survey_id
      where e.decision_id = d.id), '[]'::jsonb),
    'activities', coalesce((
      select jsonb_agg(app.activity_json(a, p_rule, p_exact) order by a.held_on desc, a.id)
      from app.decision_evidence e join app.engagement_activities a on a.id = e.activity_id
      where e.decision_id = d.id), '[]'::jsonb),
    'themes', coalesce((
      select jsonb_agg(e.theme order by e.theme) from app.decision_evidence e
      where e.decision_id = d.id and e.theme is not null), '[]'::jsonb))
  from (select app.ruled_count(app.decision_people(d.id), p_rule, p_exact) as people) c
$$;
comment on function app.decision_json is
  'Internal. One decision as a card: "people" is how many people told us (app.decision_people), exact for staff '
  'or under the rule (people_symbol ''[c]'' when hidden).';

create function app.decision_field_errors(
  p_organisation_id uuid, p_you_said text, p_we_did text, p_status text, p_not_possible_reason text,
  p_decided_by text, p_decided_on date, p_owner text, p_priority_id uuid, p_participation text, p_test_answers jsonb
)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_errors jsonb := '{}'::jsonb;
begin
  if p_you_said is null or length(btrim(p_you_said)) = 0 then
    v_errors := v_errors || jsonb_build_object('you_said', 'Summarise what people said.');
  elsif length(btrim(p_you_said)) > 4000 then
    v_errors := v_errors || jsonb_build_object('you_said', 'Keep the summary to 4,000 characters or fewer.');
  end if;
  if length(btrim(p_we_did)) > 4000 then
    v_errors := v_errors || jsonb_build_object('we_did', 'Keep what was done to 4,000 characters or fewer.');
  end if;
  if p_status is null or p_status not in ('proposed', 'agreed', 'in_progress', 'done', 'not_possible') then
    v_errors := v_errors || jsonb_build_object('status', 'Choose the status.');
  elsif p_status = 'not_possible' and length(btrim(coalesce(p_not_possible_reason, ''))) = 0 then
    v_errors := v_errors || jsonb_build_object('not_possible_reason', 'Say why it is not possible: people deserve to know.');
  end if;
  if length(btrim(p_not_possible_reason)) > 2000 then
    v_errors := v_errors || jsonb_build_object('not_possible_reason', 'Keep the reason to 2,000 characters or fewer.');
  end if;
  if length(btrim(p_decided_by)) > 200 then
    v_errors := v_errors || jsonb_build_object('decided_by', 'Keep the name of the body to 200 characters or fewer.');
  end if;
  if p_decided_on > (now() at time zone 'Europe/London')::date + 366 then
    v_errors := v_errors || jsonb_build_object('decided_on', 'Enter a date within the next year.');
  elsif p_decided_on < date '2000-01-01' then
    v_errors := v_errors || jsonb_build_object('decided_on', 'Enter a date from 2000 on.');
  end if;
  if length(btrim(p_owner)) > 200 then
    v_errors := v_errors || jsonb_build_object('owner', 'Keep the owner to 200 characters or fewer.');
  end if;
  if p_priority_id is not null and not exists (
      select 1 from app.strategy_priorities p where p.id = p_priority_id and p.organisation_id = p_organisation_id) then
    v_errors := v_errors || jsonb_build_object('priority_id', 'Choose one of your own strategy priorities.');
  end if;
  if p_participation is not null
     and p_participation not in ('co_production', 'co_design', 'engagement', 'consultation', 'informing') then
    v_errors := v_errors || jsonb_build_object('participation', 'Choose a level of participation.');
  end if;
  if p_test_answers is not null and (case when jsonb_typeof(p_test_answers) <> 'array' then true else
      exists (select 1 from jsonb_array_elements(p_test_answers) x
              where jsonb_typeof(x) <> 'object' or length(btrim(coalesce(x ->> 'question', ''))) = 0
                 or length(x ->> 'question') > 500 or length(coalesce(x ->> 'answer', '')) > 2000) end) then
    v_errors := v_errors || jsonb_build_object('test_answers', 'Keep each answer to 2,000 characters or fewer.');
  end if;
  return v_errors;
end
$$;
comment on function app.decision_field_errors is 'Internal. What is wrong with a decision, field -> message.';

-- ---------------------------------------------------------------------------------------------
-- API: decisions
-- ---------------------------------------------------------------------------------------------

create function api.save_decision(
  p_organisation_id uuid,
  p_you_said text,
  p_status text,
  p_id uuid default null,
  p_we_did text default null,
  p_not_possible_reason text default null,
  p_decided_by text default null,
  p_decided_on date default null,
  p_owner text default null,
  p_priority_id uuid default null,
  p_participation text default null,
  p_test_answers jsonb default '[]'::jsonb
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_errors jsonb;
  v_before app.decisions;
  v_row app.decisions;
  v_answers jsonb;
  v_fields text[] := array['you_said', 'we_did', 'status', 'not_possible_reason', 'decided_by', 'decided_on',
                           'owner', 'priority_id', 'participation', 'test_answers'];
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers record decisions.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_id is not null then
    select * into v_before from app.decisions where id = p_id and organisation_id = p_organisation_id;
    if v_before.id is null then
      raise exception 'This decision is not there any more.' using hint = 'invalid_decision',
        detail = jsonb_build_object('you_said', 'This decision is not there any more.')::text;
    end if;
  end if;
  v_errors := app.decision_field_errors(p_organisation_id, p_you_said, p_we_did, p_status, p_not_possible_reason,
    p_decided_by, p_decided_on, p_owner, p_priority_id, p_participation, p_test_answers);
  if v_before.published and length(btrim(coalesce(p_we_did, ''))) = 0 then
    v_errors := v_errors || jsonb_build_object('we_did',
      'This decision is published: say what was done, or take it off the public page first.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'The decision is not complete.' using hint = 'invalid_decision', detail = v_errors::text;
  end if;
  v_answers := coalesce((
    select jsonb_agg(jsonb_build_object('question', btrim(x ->> 'question'), 'answer', nullif(btrim(x ->> 'answer'), ''))
                     order by n)
    from jsonb_array_elements(coalesce(p_test_answers, '[]'::jsonb)) with ordinality as t(x, n)), '[]'::jsonb);

  if p_id is null then
    insert into app.decisions (organisation_id, priority_id, you_said, we_did, status, not_possible_reason, decided_by,
                               decided_on, owner, participation, test_answers, created_by)
    values (p_organisation_id, p_priority_id, btrim(p_you_said), nullif(btrim(p_we_did), ''), p_status,
            case when p_status = 'not_possible' then nullif(btrim(p_not_possible_reason), '') end,
            nullif(btrim(p_decided_by), ''), p_decided_on, nullif(btrim(p_owner), ''), p_participation, v_answers,
            auth.uid())
    returning * into v_row;
  else
    update app.decisions
    set priority_id = p_priority_id, you_said = btrim(p_you_said), we_did = nullif(btrim(p_we_did), ''),
        status = p_status,
        not_possible_reason = case when p_status = 'not_possible' then nullif(btrim(p_not_possible_reason), '') end,
        decided_by = nullif(btrim(p_decided_by), ''), decided_on = p_decided_on, owner = nullif(btrim(p_owner), ''),
        participation = p_participation, test_answers = v_answers, updated_at = now()
    where id = p_id
    returning * into v_row;
  end if;
  perform app.audit(p_organisation_id, case when p_id is null then 'decision.added' else 'decision.changed' end,
    v_row.id::text,
    jsonb_build_object(
      'before', case when p_id is null then null
                     else (select jsonb_object_agg(k, to_jsonb(v_before) -> k) from unnest(v_fields) k) end,
      'after', (select jsonb_object_agg(k, to_jsonb(v_row) -> k) from unnest(v_fields) k)));
  return jsonb_build_object('id', v_row.id, 'published', v_row.published);
end
$$;
comment on function api.save_decision is
  'Admins, leads and officers. Records a decision (p_id null) or changes one: what people said, what was done, '
  'status (not_possible needs a reason), the body and date, owner, priority (the organisation''s), level of '
  'participation and the answers to the test questions [{question, answer}]. A published decision keeps a "what '
  'we did". Refusals raise invalid_decision with detail {field: message}. Kept in the audit log.';

create function api.publish_decision(p_id uuid, p_published boolean default true)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row app.decisions;
begin
  select * into v_row from app.decisions where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads publish decisions.' using errcode = '42501', hint = 'not_permitted';
  end if;
  if coalesce(p_published, true) and length(btrim(coalesce(v_row.we_did, ''))) = 0 then
    raise exception 'Say what was done before publishing.' using hint = 'invalid_decision',
      detail = jsonb_build_object('we_did',
        'Say what was done or will be done before publishing: a card with no "we did" tells people nothing.')::text;
  end if;
  if v_row.published is distinct from coalesce(p_published, true) then
    update app.decisions
    set published = coalesce(p_published, true),
        published_at = case when coalesce(p_published, true) then coalesce(published_at, now()) else published_at end,
        updated_at = now()
    where id = p_id returning * into v_row;
    perform app.audit(v_row.organisation_id,
      case when v_row.published then 'decision.published' else 'decision.unpublished' end, p_id::text, '{}'::jsonb);
  end if;
  return jsonb_build_object('id', v_row.id, 'published', v_row.published, 'published_at', v_row.published_at);
end
$$;
comment on function api.publish_decision is
  'Admins and leads. Puts a decision on the organisation''s public "you said, we did" page (p_published true) or '
  'takes it off. A decision with no "what we did" is refused (invalid_decision, detail {we_did: message}). Kept in '
  'the audit log.';

create function api.list_decisions(
  p_organisation_id uuid,
  p_status text default null,
  p_priority_id uuid default null
)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_staff boolean;
  v_rule app.disclosure_rules;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id) then
    raise exception 'Only members of this local area read its decisions.' using errcode = '42501', hint = 'not_permitted';
  end if;
  v_staff := app.has_role(p_organisation_id, '{admin,lead,officer}');
  v_rule := app.disclosure_rule_of(p_organisation_id);
  return jsonb_build_object(
    'exact', v_staff,
    'rule', app.disclosure_rule_json(v_rule),
    'decisions', coalesce((
      select jsonb_agg(app.decision_json(d, v_rule, v_staff)
                       order by d.published_at desc nulls first, d.updated_at desc, d.id)
      from app.decisions d
      where d.organisation_id = p_organisation_id
        and (v_staff or d.published)
        and (p_status is null or d.status = p_status)
        and (p_priority_id is null or d.priority_id = p_priority_id)), '[]'::jsonb));
end
$$;
comment on function api.list_decisions is
  'Members of the organisation. Admins, leads and officers: every decision, with exact counts (exact true). Forum, '
  'scrutiny and safeguarding: published decisions only, "people" under the disclosure rule (rule). Filters by '
  'status and priority.';

create function api.decision(p_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_row app.decisions;
  v_rule app.disclosure_rules;
begin
  select * into v_row from app.decisions where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,lead,officer}') then
    return null;
  end if;
  v_rule := app.disclosure_rule_of(v_row.organisation_id);
  return app.decision_json(v_row, v_rule, true) || jsonb_build_object(
    'evidence', coalesce((
      select jsonb_agg(jsonb_build_object(
          'id', e.id, 'kind', e.kind,
          'label', case e.kind
            when 'feedback' then (select case when f.held then 'A comment held for the safeguarding lead' else f.body end
                                  from app.feedback f where f.id = e.feedback_id)
            when 'theme' then e.theme
            when 'indicator' then (select q.prompt from app.questions q where q.id = e.question_id)
            else (select a.title from app.engagement_activities a where a.id = e.activity_id) end,
          'held', coalesce((select f.held from app.feedback f where f.id = e.feedback_id), false),
          'ref', coalesce(e.feedback_id::text, e.theme, e.question_id::text, e.activity_id::text))
        order by e.kind, e.added_at, e.id)
      from app.decision_evidence e where e.decision_id = p_id), '[]'::jsonb));
end
$$;
comment on function api.decision is
  'Admins, leads and officers. One decision with exact counts and its evidence [{id, kind, label, held, ref}] (an '
  'item held for safeguarding is listed without its text); null when it is not there or not the caller''s.';

create function api.link_evidence(
  p_decision_id uuid,
  p_feedback_id uuid default null,
  p_theme text default null,
  p_question_id uuid default null,
  p_activity_id uuid default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_decision app.decisions;
  v_theme text := nullif(lower(btrim(p_theme)), '');
  v_kind text;
  v_id uuid;
begin
  select * into v_decision from app.decisions where id = p_decision_id;
  if v_decision.id is null or not app.has_role(v_decision.organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers record decisions.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if num_nonnulls(p_feedback_id, v_theme, p_question_id, p_activity_id) <> 1 then
    raise exception 'Choose one piece of evidence.' using hint = 'invalid_evidence',
      detail = jsonb_build_object('evidence', 'Choose one comment, theme, indicator or activity to link.')::text;
  end if;
  if p_feedback_id is not null then
    v_kind := 'feedback';
    if not exists (select 1 from app.feedback f where f.id = p_feedback_id
                   and f.organisation_id = v_decision.organisation_id and not f.held) then
      raise exception 'That comment is not one of this local area''s.' using hint = 'invalid_evidence',
        detail = jsonb_build_object('evidence',
          'That comment is not one of this local area''s feedback (or it is with the safeguarding lead).')::text;
    end if;
  elsif v_theme is not null then
    v_kind := 'theme';
    if not exists (select 1 from app.feedback_themes t where t.theme = v_theme
                   and t.organisation_id = v_decision.organisation_id) then
      raise exception 'No feedback has that theme.' using hint = 'invalid_evidence',
        detail = jsonb_build_object('evidence', format('No feedback of this local area has the theme "%s".', v_theme))::text;
    end if;
  elsif p_question_id is not null then
    v_kind := 'indicator';
    if not exists (select 1 from app.questions q where q.id = p_question_id
                   and q.organisation_id = v_decision.organisation_id) then
      raise exception 'That indicator is not one of this local area''s.' using hint = 'invalid_evidence',
        detail = jsonb_build_object('evidence', 'That question is not one of this local area''s surveys.')::text;
    end if;
  else
    v_kind := 'activity';
    if not exists (select 1 from app.engagement_activities a where a.id = p_activity_id
                   and a.organisation_id = v_decision.organisation_id) then
      raise exception 'That activity is not one of this local area''s.' using hint = 'invalid_evidence',
        detail = jsonb_build_object('evidence', 'That activity is not one of this local area''s.')::text;
    end if;
  end if;

  select e.id into v_id from app.decision_evidence e
  where e.decision_id = p_decision_id
    and (e.feedback_id = p_feedback_id or e.theme = v_theme or e.question_id = p_question_id
         or e.activity_id = p_activity_id);
  if v_id is null then
    insert into app.decision_evidence (organisation_id, decision_id, kind, feedback_id, theme, question_id, activity_id,
                                       added_by)
    values (v_decision.organisation_id, p_decision_id, v_kind, p_feedback_id, v_theme, p_question_id, p_activity_id,
            auth.uid())
    returning id into v_id;
    update app.decisions set updated_at = now() where id = p_decision_id;
    perform app.audit(v_decision.organisation_id, 'decision.evidence_linked', p_decision_id::text,
      jsonb_build_object('evidence_id', v_id, 'kind', v_kind,
                         'ref', coalesce(p_feedback_id::text, v_theme, p_question_id::text, p_activity_id::text)));
  end if;
  return jsonb_build_object('id', v_id, 'kind', v_kind, 'people', app.decision_people(p_decision_id));
end
$$;
comment on function api.link_evidence is
  'Admins, leads and officers. Links one piece of evidence to a decision: a feedback item (not held), a theme '
  'some feedback has, a question of a survey, or an activity, each of the decision''s organisation; anything else is '
  'refused (invalid_evidence, detail {evidence: message}). Linking twice links once. Returns {id, kind, people}. '
  'Kept in the audit log.';

create function api.unlink_evidence(p_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row app.decision_evidence;
begin
  select * into v_row from app.decision_evidence where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers record decisions.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  delete from app.decision_evidence where id = p_id;
  update app.decisions set updated_at = now() where id = v_row.decision_id;
  perform app.audit(v_row.organisation_id, 'decision.evidence_unlinked', v_row.decision_id::text,
    jsonb_build_object('evidence_id', v_row.id, 'kind', v_row.kind,
                       'ref', coalesce(v_row.feedback_id::text, v_row.theme, v_row.question_id::text,
                                       v_row.activity_id::text)));
  return jsonb_build_object('id', p_id, 'decision_id', v_row.decision_id);
end
$$;
comment on function api.unlink_evidence is
  'Admins, leads and officers. Removes one piece of evidence from a decision. Kept in the audit log.';

create function api.set_decision_test_questions(p_organisation_id uuid, p_questions text[])
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_questions text[];
  v_before text[];
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads keep the test questions.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_questions := array(select btrim(q) from unnest(coalesce(p_questions, '{}')) with ordinality as x(q, n)
                       where length(btrim(q)) > 0 order by n);
  if cardinality(v_questions) > 10 or exists (select 1 from unnest(v_questions) q where length(q) > 500) then
    raise exception 'Too many or too long.' using hint = 'invalid_settings',
      detail = jsonb_build_object('questions', 'Keep to 10 questions of 500 characters or fewer.')::text;
  end if;
  select decision_test_questions into v_before from app.organisations where id = p_organisation_id;
  update app.organisations set decision_test_questions = v_questions where id = p_organisation_id;
  perform app.audit(p_organisation_id, 'decision.test_questions', p_organisation_id::text,
    jsonb_build_object('before', to_jsonb(v_before), 'after', to_jsonb(v_questions)));
  return jsonb_build_object('questions', to_jsonb(v_questions));
end
$$;
comment on function api.set_decision_test_questions is
  'Admins and leads. The questions each decision is tested against (up to 10). Kept in the audit log.';

create function api.decision_test_questions(p_organisation_id uuid)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select to_jsonb(o.decision_test_questions) from app.organisations o
  where o.id = p_organisation_id and app.has_role(o.id)
$$;
comment on function api.decision_test_questions is 'Members. The organisation''s test questions, or null.';

-- ---------------------------------------------------------------------------------------------
-- API: engagement activities
-- ---------------------------------------------------------------------------------------------

create function api.save_activity(
  p_organisation_id uuid,
  p_title text,
  p_held_on date,
  p_kind text,
  p_participation text,
  p_id uuid default null,
  p_phase text default null,
  p_took_part jsonb default '{}'::jsonb,
  p_notes text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_errors jsonb := '{}'::jsonb;
  v_before app.engagement_activities;
  v_row app.engagement_activities;
  v_phase text := nullif(btrim(p_phase), '');
  v_took jsonb := coalesce(p_took_part, '{}'::jsonb);
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers record engagement activities.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_id is not null then
    select * into v_before from app.engagement_activities where id = p_id and organisation_id = p_organisation_id;
    if v_before.id is null then
      raise exception 'This activity is not there any more.' using hint = 'invalid_activity',
        detail = jsonb_build_object('title', 'This activity is not there any more.')::text;
    end if;
  end if;
  if p_title is null or length(btrim(p_title)) = 0 then
    v_errors := v_errors || jsonb_build_object('title', 'Enter a name for the activity.');
  elsif length(btrim(p_title)) > 200 then
    v_errors := v_errors || jsonb_build_object('title', 'Keep the name to 200 characters or fewer.');
  end if;
  if p_held_on is null then
    v_errors := v_errors || jsonb_build_object('held_on', 'Enter the date it took place.');
  elsif p_held_on > (now() at time zone 'Europe/London')::date then
    v_errors := v_errors || jsonb_build_object('held_on', 'The date cannot be in the future: record it once it has taken place.');
  end if;
  if p_kind is null or p_kind not in ('event', 'forum', 'focus_group', 'young_inspectors', 'feedback_week', 'other') then
    v_errors := v_errors || jsonb_build_object('kind', 'Choose the type of activity.');
  end if;
  if p_participation is null
     or p_participation not in ('co_production', 'co_design', 'engagement', 'consultation', 'informing') then
    v_errors := v_errors || jsonb_build_object('participation', 'Choose the level of participation.');
  end if;
  if v_phase is not null and not exists (
      select 1 from app.about_categories c where c.dimension = 'phase' and c.code = v_phase
        and (c.organisation_id is null or c.organisation_id = p_organisation_id)) then
    v_errors := v_errors || jsonb_build_object('phase', 'Choose a stage of education, or all.');
  end if;
  if (case when jsonb_typeof(v_took) <> 'object' then true else
       exists (select 1 from jsonb_each(v_took) g
               where case when g.key not in ('children_young_people', 'parent_carers', 'professionals', 'others')
                               or jsonb_typeof(g.value) <> 'number' then true
                          else (g.value)::numeric <> floor((g.value)::numeric)
                               or (g.value)::numeric < 0 or (g.value)::numeric > 100000 end) end) then
    v_errors := v_errors || jsonb_build_object('took_part', 'Enter how many took part as whole numbers from 0 to 100,000.');
  end if;
  if length(p_notes) > 4000 then
    v_errors := v_errors || jsonb_build_object('notes', 'Keep the notes to 4,000 characters or fewer.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'The activity is not complete.' using hint = 'invalid_activity', detail = v_errors::text;
  end if;
  -- groups with nobody are left out
  v_took := coalesce((select jsonb_object_agg(g.key, g.value) from jsonb_each(v_took) g where (g.value)::numeric > 0),
                     '{}'::jsonb);

  if p_id is null then
    insert into app.engagement_activities (organisation_id, title, held_on, kind, participation, phase, took_part,
                                           notes, created_by)
    values (p_organisation_id, btrim(p_title), p_held_on, p_kind, p_participation, v_phase, v_took,
            nullif(btrim(p_notes), ''), auth.uid())
    returning * into v_row;
  else
    update app.engagement_activities
    set title = btrim(p_title), held_on = p_held_on, kind = p_kind, participation = p_participation, phase = v_phase,
        took_part = v_took, notes = nullif(btrim(p_notes), ''), updated_at = now()
    where id = p_id returning * into v_row;
  end if;
  perform app.audit(p_organisation_id, case when p_id is null then 'activity.added' else 'activity.changed' end,
    v_row.id::text,
    jsonb_build_object('before', case when p_id is null then null
                                      else to_jsonb(v_before) - 'organisation_id' - 'created_by' - 'created_at' end,
                       'after', to_jsonb(v_row) - 'organisation_id' - 'created_by' - 'created_at'));
  return jsonb_build_object('id', v_row.id, 'took_part', app.took_part_total(v_row.took_part));
end
$$;
comment on function api.save_activity is
  'Admins, leads and officers. Records an engagement activity (p_id null) or changes one: name, date (not in the '
  'future), kind, level of participation, phase (an about-you phase code, or null for all) and how many took part '
  'by group {children_young_people, parent_carers, professionals, others}. Refusals raise invalid_activity with '
  'detail {field: message}. Kept in the audit log.';

create function api.list_activities(p_organisation_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_staff boolean;
  v_rule app.disclosure_rules;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id) then
    raise exception 'Only members of this local area read its activities.' using errcode = '42501', hint = 'not_permitted';
  end if;
  v_staff := app.has_role(p_organisation_id, '{admin,lead,officer}');
  v_rule := app.disclosure_rule_of(p_organisation_id);
  return jsonb_build_object(
    'exact', v_staff,
    'rule', app.disclosure_rule_json(v_rule),
    'activities', coalesce((
      select jsonb_agg(app.activity_json(a, v_rule, v_staff) order by a.held_on desc, a.created_at desc, a.id)
      from app.engagement_activities a where a.organisation_id = p_organisation_id), '[]'::jsonb),
    -- reach: how many took part, by group, across every activity (staff only: see the top of this file)
    'reach', case when v_staff then coalesce((
      select jsonb_object_agg(g.key, g.n) from (
        select x.key, sum((x.value)::integer)::integer as n
        from app.engagement_activities a, jsonb_each_text(a.took_part) x
        where a.organisation_id = p_organisation_id group by x.key) g), '{}'::jsonb) end);
end
$$;
comment on function api.list_activities is
  'Members. The organisation''s engagement activities, newest first. Admins, leads and officers get the numbers '
  'by group, the notes and the reach across all activities by group (exact true); everyone else one total per '
  'activity under the disclosure rule, and no reach.';

-- ---------------------------------------------------------------------------------------------
-- API: the public "you said, we did"
-- ---------------------------------------------------------------------------------------------

create function api.you_said_we_did(p_slug text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_org app.organisations;
  v_rule app.disclosure_rules;
begin
  select * into v_org from app.organisations o where o.slug = p_slug;
  if v_org.id is null then
    return null;
  end if;
  v_rule := app.disclosure_rule_of(v_org.id);
  return jsonb_build_object(
    'organisation', jsonb_build_object('name', v_org.name, 'slug', v_org.slug),
    'rule', app.disclosure_rule_json(v_rule),
    'test_questions', to_jsonb(v_org.decision_test_questions),
    'priorities', coalesce((
      select jsonb_agg(jsonb_build_object(
          'id', g.priority_id, 'code', p.code, 'title', coalesce(p.title, 'Other decisions'),
          'cards', g.cards)
        order by p.position nulls last)
      from (select d.priority_id,
                   jsonb_agg(app.decision_json(d, v_rule, false) - 'published' - 'owner' - 'people_small' - 'themes'
                             order by coalesce(d.decided_on, d.published_at::date) desc, d.published_at desc, d.id) as cards
            from app.decisions d
            where d.organisation_id = v_org.id and d.published
            group by d.priority_id) g
      left join app.strategy_priorities p on p.id = g.priority_id), '[]'::jsonb));
end
$$;
comment on function api.you_said_we_did(text) is
  'Anyone, signed in or not. The published decisions of the organisation with this slug, as cards grouped by '
  'strategy priority (in the strategy''s order; those under none last): what people said and "people" who told us '
  'under the disclosure rule (null with people_symbol ''[c]'' when hidden, rounded to the rule''s base), what was '
  'done, status, body, date, level of participation, test answers, indicators and activities (one total taking part '
  'each, under the rule); never the owner nor the themes (staff''s own words). rule is the rule it followed. Null '
  'for an unknown slug.';

-- ---------------------------------------------------------------------------------------------
-- Priorities with decisions filed under them are retired, never deleted
-- ---------------------------------------------------------------------------------------------

create or replace function api.remove_priority(p_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row app.strategy_priorities;
  v_filed boolean;
begin
  select * into v_row from app.strategy_priorities where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads change the strategy priorities.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_filed := exists (select 1 from app.feedback_priorities where priority_id = p_id)
          or exists (select 1 from app.decisions where priority_id = p_id);
  if v_filed then
    update app.strategy_priorities set retired_at = coalesce(retired_at, now()) where id = p_id;
  else
    delete from app.strategy_priorities where id = p_id;
    update app.strategy_priorities set position = position - 1
    where organisation_id = v_row.organisation_id and position > v_row.position;
  end if;
  perform app.audit(v_row.organisation_id, case when v_filed then 'priority.retired' else 'priority.deleted' end,
    p_id::text, jsonb_build_object('code', v_row.code, 'title', v_row.title));
  return jsonb_build_object('id', p_id, 'retired', v_filed);
end
$$;
comment on function api.remove_priority is
  'Admins and leads. Deletes a priority with no feedback or decisions filed under it; one with either is retired '
  'instead (kept, no longer offered for tagging). Returns {id, retired}. Kept in the audit log.';

-- ---------------------------------------------------------------------------------------------
-- Only the grants below decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function api.save_decision, api.publish_decision, api.list_decisions, api.decision,
  api.link_evidence, api.unlink_evidence, api.set_decision_test_questions, api.decision_test_questions,
  api.save_activity, api.list_activities to authenticated, service_role;
grant execute on function api.you_said_we_did(text) to anon, authenticated, service_role;

comment on table app.audit_log is
  'Every staff change to tags, safeguarding flags and phrases, strategy priorities, decisions and their evidence, '
  'test questions and engagement activities. Append-only.';
