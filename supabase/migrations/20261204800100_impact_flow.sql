-- From feedback to decisions: the flow, and decisions on the trend of the indicators they cite (issue 11,
-- "Published").
--
--   - api.impact_flow(organisation): for admins, leads, officers, forum and scrutiny, the flow of feedback
--     items from their strategy priority tag, to the decision they support under that priority, to that
--     decision's status. The unit is a feedback item and each item flows once per priority it is tagged
--     with: to the decision under that priority that it supports (linked directly as evidence, or through a
--     linked theme) which is furthest along (done, in progress, agreed, proposed, not possible; then the
--     latest), or to "no decision yet". So for each priority the items going in equal the items going out,
--     and a decision's items all flow on to its status.
--     Items held for safeguarding never count, for anyone. Forum and scrutiny see published decisions only
--     (an item behind an unpublished decision flows to "no decision yet"), and every figure under the
--     organisation's disclosure rule: primary suppression (1 to threshold - 1 hidden as '[c]'), then
--     secondary suppression (app.complementary_suppression) in each priority's line (items in = the sum of
--     the items out), so that no hidden flow can be worked out as the priority's items minus the flows shown.
--     A priority's items in are the very figure api.feedback_overview publishes, so they are never chosen
--     for secondary suppression (hiding them here would hide nothing). Shown figures are rounded to the
--     rule's base. A decision's flow to its status is the same figure as its priority's flow to it.
--   - api.indicator_decisions(question): the decisions that cite a survey indicator as evidence, to mark
--     on its trend: staff see every one, forum and scrutiny (and safeguarding) the published ones.

-- ---------------------------------------------------------------------------------------------
-- The flow
-- ---------------------------------------------------------------------------------------------

create function app.decision_status_rank(p_status text)
returns integer
language sql immutable
set search_path = ''
as $$
  select case p_status when 'done' then 5 when 'in_progress' then 4 when 'agreed' then 3
                       when 'proposed' then 2 when 'not_possible' then 1 else 0 end
$$;
comment on function app.decision_status_rank is
  'Internal (app.impact_flow). How far along a decision is: done first, not possible last.';

create function api.impact_flow(p_organisation_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_staff boolean;
  v_rule app.disclosure_rules;
  v_links jsonb := '[]'::jsonb;
  v_priority record;
  v_parts record;
  v_values integer[];
  v_hidden boolean[];
  v_class integer[];
  v_targets text[];
  v_hidden_after boolean[];
  v_cells integer;
  i integer;
begin
  if p_organisation_id is null
     or not app.has_role(p_organisation_id, '{admin,lead,officer,forum,scrutiny}') then
    raise exception 'Only staff, forum and scrutiny members of this local area read the flow from feedback to decisions.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_staff := app.has_role(p_organisation_id, '{admin,lead,officer}');
  v_rule := app.disclosure_rule_of(p_organisation_id);

  for v_priority in
    select p.id, p.code, p.title, p.position,
           (select count(*)::integer from app.feedback_priorities fp
            join app.feedback f on f.id = fp.feedback_id and not f.held
            where fp.priority_id = p.id) as items
    from app.strategy_priorities p
    where p.organisation_id = p_organisation_id
    order by p.position, p.id
  loop
    continue when v_priority.items = 0;
    -- each item tagged with the priority, to the decision under it that it supports and is furthest along
    v_values := '{}'; v_targets := '{}'; v_class := '{}';
    for v_parts in
      with items as (
        select f.id, coalesce(f.response_id::text, f.id::text) as person
        from app.feedback_priorities fp join app.feedback f on f.id = fp.feedback_id and not f.held
        where fp.priority_id = v_priority.id
      ), supports as (
        select it.id as item, d.id as decision, d.status, d.decided_on, d.created_at
        from items it
        join app.decision_evidence e on e.feedback_id = it.id
        join app.decisions d on d.id = e.decision_id
        where d.priority_id = v_priority.id and (v_staff or d.published)
        union
        select it.id, d.id, d.status, d.decided_on, d.created_at
        from items it
        join app.feedback_themes t on t.feedback_id = it.id
        join app.decision_evidence e on e.theme = t.theme and e.organisation_id = t.organisation_id
        join app.decisions d on d.id = e.decision_id
        where d.priority_id = v_priority.id and (v_staff or d.published)
      ), chosen as (
        select it.id,
               (select s.decision from supports s where s.item = it.id
                order by app.decision_status_rank(s.status) desc, s.decided_on desc nulls last,
                         s.created_at desc, s.decision
                limit 1) as decision
        from items it
      )
      select c.decision, count(*)::integer as n from chosen c
      group by c.decision
      order by c.decision nulls last
    loop
      v_values := v_values || v_parts.n;
      v_targets := v_targets || coalesce('d:' || v_parts.decision::text, 'none');
      v_class := v_class || 0;
    end loop;
    -- the line: the parts, then the priority's items (its total, published by api.feedback_overview too)
    v_values := v_values || v_priority.items;
    v_targets := v_targets || 'total'::text;
    v_class := v_class || 9;
    v_cells := cardinality(v_values);
    v_hidden := array(select not v_staff and x between 1 and v_rule.threshold - 1 from unnest(v_values) x);
    if v_staff then
      v_hidden_after := v_hidden;
    else
      v_hidden_after := app.complementary_suppression(
        v_values, v_hidden, v_class,
        array(select generate_series(1, v_cells)), array[1, v_cells + 1],
        array_fill(0, array[v_cells]));
    end if;
    for i in 1 .. v_cells loop
      v_links := v_links || jsonb_build_object(
        'source', case when v_targets[i] = 'total' then 'feedback' else 'p:' || v_priority.id end,
        'target', case when v_targets[i] = 'total' then 'p:' || v_priority.id else v_targets[i] end,
        'value', case when v_hidden_after[i] then null
                      when v_staff then v_values[i]
                      else app.round_to(v_values[i], v_rule.rounding_base) end,
        'symbol', case when v_hidden_after[i] then '[c]' end,
        'small', v_staff and v_values[i] between 1 and v_rule.threshold - 1);
      -- the decision's items flow on to its status: the same figure
      if v_targets[i] like 'd:%' then
        v_links := v_links || jsonb_build_object(
          'source', v_targets[i],
          'target', 's:' || (select d.status from app.decisions d where d.id = substr(v_targets[i], 3)::uuid),
          'value', case when v_hidden_after[i] then null
                        when v_staff then v_values[i]
                        else app.round_to(v_values[i], v_rule.rounding_base) end,
          'symbol', case when v_hidden_after[i] then '[c]' end,
          'small', v_staff and v_values[i] between 1 and v_rule.threshold - 1);
      end if;
    end loop;
  end loop;

  return jsonb_build_object(
    'exact', v_staff,
    'rule', app.disclosure_rule_json(v_rule),
    'nodes', coalesce((
      select jsonb_agg(n.node order by n.layer, n.position, n.key)
      from (
        select 0 as layer, 0 as position, 'feedback' as key,
               jsonb_build_object('key', 'feedback', 'kind', 'feedback', 'label', 'Feedback') as node
        where jsonb_array_length(v_links) > 0
        union all
        select 1, p.position, 'p:' || p.id,
               jsonb_build_object('key', 'p:' || p.id, 'kind', 'priority',
                                  'label', concat_ws(' ', p.code, p.title))
        from app.strategy_priorities p
        where p.organisation_id = p_organisation_id
          and exists (select 1 from jsonb_array_elements(v_links) l where l ->> 'target' = 'p:' || p.id)
        union all
        -- decisions in the order of their priorities, so that the bands cross as little as they can
        select 2, coalesce((select p.position from app.strategy_priorities p where p.id = d.priority_id), 0),
               'd:' || d.id,
               jsonb_build_object('key', 'd:' || d.id, 'kind', 'decision', 'label', d.you_said,
                                  'we_did', d.we_did, 'status', d.status,
                                  'decided_on', d.decided_on, 'published', d.published)
        from app.decisions d
        where d.organisation_id = p_organisation_id
          and exists (select 1 from jsonb_array_elements(v_links) l where l ->> 'target' = 'd:' || d.id)
        union all
        select 2, 2147483647, 'none', jsonb_build_object('key', 'none', 'kind', 'none',
                                                'label', case when v_staff then 'No decision yet'
                                                              else 'No published decision yet' end)
        where exists (select 1 from jsonb_array_elements(v_links) l where l ->> 'target' = 'none')
        union all
        select 3, app.decision_status_rank(s.status) * -1, 's:' || s.status,
               jsonb_build_object('key', 's:' || s.status, 'kind', 'status', 'status', s.status)
        from (values ('done'), ('in_progress'), ('agreed'), ('proposed'), ('not_possible')) s (status)
        where exists (select 1 from jsonb_array_elements(v_links) l where l ->> 'target' = 's:' || s.status)
      ) n), '[]'::jsonb),
    'links', v_links);
end
$$;
comment on function api.impact_flow is
  'Admins, leads, officers, forum and scrutiny. The flow of feedback items (never one held for safeguarding) '
  'from each strategy priority they are tagged with, to the decision under that priority they support (linked '
  'directly or through a theme; the one furthest along) or to "none", and on to the decision''s status. nodes: '
  '{key, kind (feedback, priority, decision, none, status), label, ...} in layer order; links: {source, target, '
  'value, symbol, small}. Staff: exact, every decision (small marks counts under the threshold). Forum and '
  'scrutiny: published decisions only, under the disclosure rule: value null with symbol ''[c]'' when hidden, '
  'also when it could be worked out from the priority''s items and the other flows (secondary suppression); '
  'else rounded to the rule''s base.';

-- ---------------------------------------------------------------------------------------------
-- Decisions on an indicator's trend
-- ---------------------------------------------------------------------------------------------

create function api.indicator_decisions(p_question_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_org uuid;
  v_staff boolean;
begin
  select q.organisation_id into v_org from app.questions q where q.id = p_question_id;
  if v_org is null or not app.has_role(v_org) then
    raise exception 'Only members of this local area read the decisions that cite its indicators.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_staff := app.has_role(v_org, '{admin,lead,officer}');
  return coalesce((
    select jsonb_agg(jsonb_build_object(
        'id', d.id, 'you_said', d.you_said, 'we_did', d.we_did, 'status', d.status, 'published', d.published,
        'decided_on', coalesce(d.decided_on, d.published_at::date, d.created_at::date),
        'date_recorded', d.decided_on is null)
      order by coalesce(d.decided_on, d.published_at::date, d.created_at::date), d.created_at, d.id)
    from app.decisions d
    where d.organisation_id = v_org
      and (v_staff or d.published)
      and exists (select 1 from app.decision_evidence e where e.decision_id = d.id and e.question_id = p_question_id)),
    '[]'::jsonb);
end
$$;
comment on function api.indicator_decisions is
  'Members. The decisions citing this survey indicator (question) as evidence, in date order: id, you_said, '
  'we_did, status, published, decided_on (the date it was taken, else when it was published or recorded: '
  'date_recorded true). Admins, leads and officers: every one; everyone else: the published ones.';

-- ---------------------------------------------------------------------------------------------
-- Only the grants below decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function api.impact_flow, api.indicator_decisions to authenticated, service_role;
