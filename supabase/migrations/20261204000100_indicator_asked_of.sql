-- Indicators know who was asked (issue 14, "Logic"): a question shown only when earlier answers meet a
-- condition is counted over the people who were shown it and answered, and the dashboard must say so
-- ("Asked only of people who answered Yes to ‘Does your child have an EHC plan?’"). api.list_surveys now
-- gives each indicator its conditions and, to say them in words, the questions they name (id, prompt and
-- options). Question wording is not a disclosure risk: every member may already read the survey's
-- questions. Restated whole from 20261202000300_disclosure_control.sql; only 'conditions' and
-- 'condition_questions' are new, and indicators are ordered by position then id (positions need not be
-- unique within a survey).

create or replace function api.list_surveys(p_organisation_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_exact boolean;
  v_rule app.disclosure_rules;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id) then
    return '[]'::jsonb;
  end if;
  v_exact := app.sees_exact_figures(p_organisation_id);
  v_rule := app.disclosure_rule_of(p_organisation_id);
  return (
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', s.id, 'slug', s.slug, 'title', s.title, 'audience', s.audience, 'easy_read', s.easy_read,
    'waves', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label,
        'opens_at', w.opens_at, 'closes_at', w.closes_at,
        'status', app.wave_status(w.opens_at, w.closes_at)) || app.published_responses(w.id, v_exact, v_rule)
        order by w.opens_at)
      from app.waves w where w.survey_id = s.id), '[]'::jsonb),
    'indicators', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', q.id, 'key', q.key, 'prompt', q.prompt, 'kind', q.kind,
        'priority', (select p.title from app.strategy_priorities p where p.id = q.priority_id),
        'positive', (select jsonb_agg(o.label order by o.position) from app.question_options o
                     where o.question_id = q.id and o.is_positive),
        'conditions', q.conditions,
        'condition_questions', coalesce((
          select jsonb_agg(jsonb_build_object(
            'id', cq.id, 'prompt', cq.prompt,
            'options', coalesce((select jsonb_agg(jsonb_build_object('value', co.value, 'label', co.label)
                                                  order by co.position)
                                 from app.question_options co where co.question_id = cq.id), '[]'::jsonb))
            order by cq.position, cq.id)
          from app.questions cq
          where cq.survey_id = s.id
            and cq.id::text in (select r ->> 'question' from jsonb_array_elements(q.conditions -> 'rules') r)),
          '[]'::jsonb))
        order by q.position, q.id)
      from app.questions q
      where q.survey_id = s.id
        and exists (select 1 from app.question_options o where o.question_id = q.id and o.is_positive)), '[]'::jsonb))
    order by s.title), '[]'::jsonb)
  from app.surveys s
  where s.organisation_id = p_organisation_id);
end
$$;
comment on function api.list_surveys is
  'Members of the organisation (others get an empty list; not anon). Its surveys with their waves and the '
  'questions that have positive answers (indicators). Each wave has responses (how many responded), '
  'responses_symbol and responses_small: staff (admin, lead, officer, safeguarding) get the exact live number, '
  'responses_small true when under the threshold; forum, scrutiny and every other restricted caller get it under '
  'the disclosure rule: null with responses_symbol ''[c]'' from 1 to under the threshold, rounded to the rule''s '
  'base, and for an open wave as of its daily snapshot rounded to at least 5. Each indicator carries its '
  'conditions (null when everyone is asked) and condition_questions, the questions they name with their '
  'options, so that the dashboard can say who was asked.';
grant execute on function api.list_surveys to authenticated, service_role;
