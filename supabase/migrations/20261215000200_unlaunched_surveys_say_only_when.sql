-- A survey before its first wave opens says only when it opens (issue 12: "a survey whose first wave
-- has not opened is readable by anyone who knows its slug; show only that it is not open yet").
-- 20261207100200_unlaunched_surveys.sql withheld such a survey's questions and their translations,
-- but api.survey_for_respondent still gave anyone its introduction, privacy notice, audience, closing
-- date, about-you questions and the translations of them: the builders' work in progress, which
-- the page saying "not open yet" never shows but which anyone could read from the function (and from
-- the page's SvelteKit data, /s/<slug>/__data.json, which carried what the function gave).
--
-- Now, before any of its waves has opened (the same test as before: no wave of the survey has an
-- opening time in the past), anyone but the staff who may build it (admins, leads and officers of its
-- organisation, who preview it whole) gets only what that page shows:
--   organisation  its name, and its slug (public: its pages are under /o/<slug>; the server checks by
--                 it whether a member of staff asking for a preview may have one)
--   survey        its title, and whether it is easy read throughout (the page's easy-read styling)
--   wave          its label, when it opens, and its status (not_yet_open)
--   languages     each language's code, name and direction (the page's language choice), and the
--                 translation of the title alone
-- No questions, about-you questions, introduction, privacy notice, audience, closing date, kind,
-- slugs of the survey or wave, or invitation-only flag. Once any of its waves has opened, everyone
-- gets the whole survey as before; the function's signature, security definer and grants are as
-- they were.

create or replace function api.survey_for_respondent(p_slug text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_survey app.surveys;
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

  -- no wave of the survey has opened yet, and the caller may not build it: only when it opens
  if not exists (select from app.waves w where w.survey_id = v_survey.id and w.opens_at <= now())
     and not app.has_role(v_survey.organisation_id, '{admin,lead,officer}') then
    return jsonb_build_object(
      'organisation', (select jsonb_build_object('name', o.name, 'slug', o.slug)
                       from app.organisations o where o.id = v_survey.organisation_id),
      'survey', jsonb_build_object('title', v_survey.title, 'easy_read', v_survey.easy_read),
      'wave', jsonb_build_object(
        'label', v_wave.label,
        'opens_at', v_wave.opens_at,
        'status', app.wave_status(v_wave.opens_at, v_wave.closes_at)),
      'languages', coalesce((
        select jsonb_agg(
                 jsonb_build_object(
                   'code', l.code, 'name', l.name, 'direction', l.direction,
                   -- the title's translation alone, when there is one
                   'translations', jsonb_strip_nulls(jsonb_build_object('title', l.translations -> 'title')))
                 order by l.position)
        from app.survey_languages l where l.survey_id = v_survey.id), '[]'::jsonb)
    );
  end if;

  return jsonb_build_object(
    'organisation', (select app.respondent_organisation_json(o)
                     from app.organisations o where o.id = v_survey.organisation_id),
    'survey', app.respondent_survey_json(v_survey),
    'wave', app.respondent_wave_json(v_wave),
    'questions', coalesce((
      select jsonb_agg(app.respondent_question_json(q) order by q.position)
      from app.questions q where q.survey_id = v_survey.id), '[]'::jsonb),
    'languages', coalesce((
      select jsonb_agg(app.respondent_language_json(l) order by l.position)
      from app.survey_languages l where l.survey_id = v_survey.id), '[]'::jsonb),
    'about', app.survey_about(v_survey.id)
  );
end
$$;
comment on function api.survey_for_respondent is
  'Anyone (anon included). A survey as its respondents see it, by a wave''s slug or the survey''s (its open '
  'wave, else the next to open, else the last closed): organisation, survey, wave and its status, questions, '
  'languages with their translations, about-you questions; null for an unknown slug. Before any of its waves '
  'has opened, anyone but admins, leads and officers of its organisation gets only what says it is not open '
  'yet: the organisation''s name and slug, the survey''s title and easy_read, the wave''s label, opens_at and '
  'status, and its languages (code, name, direction) with the title''s translation alone.';
