-- A burst of answers is visible to staff (issue 12, anonymous submissions: "a burst of submissions
-- is visible to staff"). Respondents' answers (online and easy read) arrive a few an hour; a script
-- or a crowd sent one link can add hundreds in an hour and move every figure. The limits refuse more
-- than 300 an hour from one address; answers spread over many addresses get through, and the staff
-- who rely on the figures should see that they came.
--
-- api.response_bursts(survey) lists each hour in which a wave received at least 30 answers online or
-- in easy read and at least five times its usual rate (its online answers over the hours it has been
-- open so far). Answers keyed in by staff (paper, phone, events, imports) are left out: they arrive
-- in batches by design. Never who sent them: the addresses are not kept.

create function api.response_bursts(p_survey_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_survey app.surveys;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  if not found or not app.has_role(v_survey.organisation_id, '{admin,lead,officer,safeguarding}') then
    raise exception 'Only the staff who read the responses see when they arrived.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  return coalesce((
    with waves as (
      -- each wave's online answers an hour, over the whole hours it has been open so far
      select w.id, w.label,
             (select count(*) from app.responses a
               where a.wave_id = w.id and a.channel in ('online', 'easy_read'))::numeric
               / greatest(1, ceil(extract(epoch from least(now(), w.closes_at) - w.opens_at) / 3600)) as usual
      from app.waves w where w.survey_id = p_survey_id
    ), hours as (
      select r.wave_id, date_trunc('hour', r.submitted_at) as hour, count(*)::int as responses
      from app.responses r
      where r.wave_id in (select id from waves) and r.channel in ('online', 'easy_read')
      group by r.wave_id, date_trunc('hour', r.submitted_at)
    ), bursts as (
      select w.id as wave_id, w.label as wave_label, h.hour, h.responses, round(w.usual, 1) as usual
      from hours h join waves w on w.id = h.wave_id
      where h.responses >= 30 and h.responses >= 5 * w.usual
      order by h.hour desc
      limit 50
    )
    select jsonb_agg(jsonb_build_object(
             'wave_id', b.wave_id, 'wave_label', b.wave_label, 'hour', b.hour,
             'responses', b.responses, 'usual', b.usual)
           order by b.hour desc)
    from bursts b), '[]'::jsonb);
end
$$;
comment on function api.response_bursts is
  'Admins, leads, officers and safeguarding members of the survey''s organisation (not_permitted otherwise). '
  'The hours in which a wave of the survey received at least 30 answers online or in easy read and at '
  'least five times its usual rate (its online answers over the whole hours it has been open so far), '
  'newest first, at most 50: [{wave_id, wave_label, hour, responses, usual}]. Answers keyed in by staff are '
  'left out. Nothing about who sent them.';
revoke all on function api.response_bursts from public, anon;
grant execute on function api.response_bursts to authenticated, service_role;
