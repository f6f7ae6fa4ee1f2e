-- A survey before its first wave opens (issue 12: "a survey whose first wave has not opened is
-- readable by anyone who knows its slug; show only that it is not open yet"). Its questions, and
-- their translations, are the builders' work in progress: api.survey_for_respondent now gives anyone
-- but the staff who may build it (admins, leads and officers of its organisation, who preview it)
-- only the survey's title, introduction, organisation and when its wave opens. Once any of its
-- waves has opened, the questions are public as before (a repeat wave asks what the baseline asked).

create or replace function api.survey_for_respondent(p_slug text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_survey app.surveys;
  v_unlaunched boolean;
begin
  -- A wave's own link names that wave; a survey's link names its open wave, else the next one
  -- to open, else the last one that closed.
  select * into v_wave from app.waves w where w.slug = lower(p_slug);
  if not found then
    select w.* into v_wave
    from app.waves w join app.surveys s on s.id = w.survey_id
    where s.slug = lower(p_slug)
    order by
      case app.wave_status(w.opens_at, w.closes_at) when 'open' then 0 when 'not_yet_open' then 1 else 2 end,
      case when app.wave_status(w.opens_at, w.closes_at) = 'not_yet_open' then w.opens_at end asc,
      w.closes_at desc
    limit 1;
    if not found then
      return null;
    end if;
  end if;

  select * into v_survey from app.surveys s where s.id = v_wave.survey_id;

  -- no wave of the survey has opened yet, and the caller may not build it
  v_unlaunched := not exists (
      select from app.waves w where w.survey_id = v_survey.id and w.opens_at <= now())
    and not app.has_role(v_survey.organisation_id, '{admin,lead,officer}');

  return jsonb_build_object(
    'organisation', (select app.respondent_organisation_json(o)
                     from app.organisations o where o.id = v_survey.organisation_id),
    'survey', app.respondent_survey_json(v_survey),
    'wave', app.respondent_wave_json(v_wave),
    'questions', case when v_unlaunched then '[]'::jsonb else coalesce((
      select jsonb_agg(app.respondent_question_json(q) order by q.position)
      from app.questions q where q.survey_id = v_survey.id), '[]'::jsonb) end,
    'languages', coalesce((
      select jsonb_agg(
               case when v_unlaunched
                 -- the survey's own texts only: no question's or option's (keys q:… and o:…)
                 then app.respondent_language_json(l) || jsonb_build_object('translations', coalesce((
                        select jsonb_object_agg(t.key, t.value)
                        from jsonb_each(l.translations) t
                        where t.key !~ '^[qo]:'), '{}'::jsonb))
                 else app.respondent_language_json(l)
               end order by l.position)
      from app.survey_languages l where l.survey_id = v_survey.id), '[]'::jsonb),
    'about', app.survey_about(v_survey.id)
  );
end
$$;
comment on function api.survey_for_respondent is
  'Anyone (anon included). A survey as its respondents see it, by a wave''s slug or the survey''s (its open '
  'wave, else the next to open, else the last closed): organisation, survey, wave and its status, questions, '
  'languages with their translations, about-you questions; null for an unknown slug. Before any of its waves '
  'has opened, only admins, leads and officers of its organisation get its questions and their translations; '
  'anyone else gets no questions and only the survey''s own translated texts.';
