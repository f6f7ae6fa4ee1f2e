-- From feedback to decisions, over time (issue 11, "Published"): for staff, forum and scrutiny,
--   * themes: each quarter, the feedback themes first raised in it, and how many of them have a published
--     response so far (a published decision citing the theme, or a comment that carries it);
--   * responses: each quarter, the comments that got their first published response in it, and the median
--     days from the comment to that response;
--   * activities: each quarter, the engagement activities held, by level of participation.
-- Comments held for safeguarding never count. Admins, leads and officers get exact figures; everyone else
-- gets the numbers of comments under the organisation's disclosure rule (app.ruled_count: 1 to
-- threshold - 1 hidden as [c], otherwise rounded), and a median only over at least the threshold of
-- comments. Themes and activities are counted as they are for everyone: a theme is a topic, whose name
-- every member already reads on /themes, and an activity a public event; neither is a count of people.

create function api.impact_over_time(p_organisation_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_exact boolean;
  v_rule app.disclosure_rules;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id) then
    raise exception 'Only members of this local area read how its feedback led to decisions.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_exact := app.has_role(p_organisation_id, '{admin,lead,officer}');
  v_rule := app.disclosure_rule_of(p_organisation_id);
  return (
  with items as (
    select f.id, f.given_on from app.feedback f
    where f.organisation_id = p_organisation_id and not f.held
  ), published as (
    select d.id, d.published_at from app.decisions d
    where d.organisation_id = p_organisation_id and d.published
  ), item_themes as (
    select t.theme, i.id as feedback_id, i.given_on
    from app.feedback_themes t join items i on i.id = t.feedback_id
  ), theme_first as (
    select it.theme, min(it.given_on) as first_on from item_themes it group by it.theme
  ), theme_answered as (
    -- cited as a theme, or through a comment that carries it
    select distinct e.theme from app.decision_evidence e join published p on p.id = e.decision_id
    where e.kind = 'theme'
    union
    select distinct it.theme from item_themes it
    join app.decision_evidence e on e.kind = 'feedback' and e.feedback_id = it.feedback_id
    join published p on p.id = e.decision_id
  ), themes_by_quarter as (
    select date_trunc('quarter', tf.first_on)::date as quarter, count(*)::integer as raised,
           count(*) filter (where tf.theme in (select ta.theme from theme_answered ta))::integer as answered
    from theme_first tf group by 1
  ), item_response as (
    -- each comment's first published response: cited itself, or through one of its themes
    select i.id, i.given_on, min(p.published_at) as published_at
    from items i
    join app.decision_evidence e on e.organisation_id = p_organisation_id and (
      (e.kind = 'feedback' and e.feedback_id = i.id)
      or (e.kind = 'theme' and e.theme in (select t.theme from app.feedback_themes t where t.feedback_id = i.id)))
    join published p on p.id = e.decision_id
    group by i.id, i.given_on
  ), responses_by_quarter as (
    select date_trunc('quarter', (r.published_at at time zone 'Europe/London'))::date as quarter,
           count(*)::integer as n,
           percentile_cont(0.5) within group (
             order by greatest(0, (r.published_at at time zone 'Europe/London')::date - r.given_on)) as median_days
    from item_response r group by 1
  ), activities_by_quarter as (
    select date_trunc('quarter', a.held_on)::date as quarter, a.participation, count(*)::integer as n
    from app.engagement_activities a where a.organisation_id = p_organisation_id
    group by 1, 2
  )
  select jsonb_build_object(
    'exact', v_exact,
    'rule', app.disclosure_rule_json(v_rule),
    'themes', coalesce((
      select jsonb_agg(jsonb_build_object(
          'quarter', q.quarter,
          'raised', q.raised,
          'answered', q.answered)
        order by q.quarter)
      from themes_by_quarter q), '[]'::jsonb),
    'responses', coalesce((
      select jsonb_agg(jsonb_build_object(
          'quarter', q.quarter,
          'comments', (app.ruled_count(q.n, v_rule, v_exact) ->> 'n')::integer,
          'comments_symbol', app.ruled_count(q.n, v_rule, v_exact) ->> 'symbol',
          'median_days', case when v_exact or q.n >= v_rule.threshold then round(q.median_days::numeric, 1) end)
        order by q.quarter)
      from responses_by_quarter q), '[]'::jsonb),
    'activities', coalesce((
      select jsonb_agg(jsonb_build_object('quarter', q.quarter, 'participation', q.participation, 'activities', q.n)
        order by q.quarter, q.participation)
      from activities_by_quarter q), '[]'::jsonb)));
end
$$;
comment on function api.impact_over_time is
  'Members (forum and scrutiny included). By quarter: themes (feedback themes first raised in the quarter, '
  'raised, and answered: those with a published response so far, cited as a theme or through a comment that '
  'carries it), responses (comments whose first published response came in the quarter, comments, and the '
  'median days from comment to response) and activities (engagement activities held, by participation level). '
  'Comments held for safeguarding never count. Exact for admins, leads and officers (exact true); for everyone '
  'else the numbers of comments under the disclosure rule (null with a ''[c]'' symbol when hidden, else rounded) '
  'and median_days only over at least the threshold of comments. Themes (topics, not people) and activities '
  '(public events) are counted exactly for everyone.';

revoke execute on function api.impact_over_time from public, anon;
grant execute on function api.impact_over_time to authenticated, service_role;
