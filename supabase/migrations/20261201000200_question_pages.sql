-- A short group of questions a page: the builder puts a question on the same page as the one
-- before it. The respondent's pages are then fewer (src/lib/respondent/steps.ts groups them), and a
-- group of like questions (five agreement statements) is answered at one glance. A layout choice
-- only: it makes no new version of the question, and answers before and after compare.

alter table app.questions add column same_page boolean not null default false;
comment on column app.questions.same_page is
  'Shown on the same page as the question before it (ignored for the first question).';
grant insert (same_page), update (same_page) on app.questions to authenticated;

create function api.set_question_page(p_question_id uuid, p_same_page boolean)
returns void
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_organisation_id uuid;
begin
  select q.organisation_id into v_organisation_id from app.questions q where q.id = p_question_id;
  perform app.refuse_unless_survey_staff(v_organisation_id);
  if p_same_page is null then
    raise exception 'Say whether the question shares the page of the one before it.' using hint = 'invalid_request';
  end if;
  update app.questions q set same_page = p_same_page
  where q.id = p_question_id and q.same_page is distinct from p_same_page;
end
$$;
comment on function api.set_question_page is
  'Admins, leads and officers of the question''s organisation (not_permitted otherwise). Shows the '
  'question on the same page as the one before it (true) or on a page of its own (false). Layout '
  'only: no new version.';
grant execute on function api.set_question_page to authenticated, service_role;

-- The survey as the respondent and the builder see it, now with each question's same_page (as
-- 20261130000200_survey_about_set.sql defined them, with that one field more).
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

  return jsonb_build_object(
    'organisation', (select jsonb_build_object('name', o.name, 'slug', o.slug,
                                               'you_said_we_did_url', o.you_said_we_did_url)
                     from app.organisations o where o.id = v_survey.organisation_id),
    'survey', jsonb_build_object(
      'slug', v_survey.slug, 'title', v_survey.title, 'audience', v_survey.audience,
      'easy_read', v_survey.easy_read, 'introduction', v_survey.introduction,
      'privacy_notice', v_survey.privacy_notice),
    'wave', jsonb_build_object(
      'slug', v_wave.slug, 'label', v_wave.label, 'kind', v_wave.kind,
      'opens_at', v_wave.opens_at, 'closes_at', v_wave.closes_at,
      'status', app.wave_status(v_wave.opens_at, v_wave.closes_at)),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', q.key, 'kind', q.kind, 'prompt', q.prompt, 'easy_read_prompt', q.easy_read_prompt,
        'help_text', q.help_text, 'required', q.required, 'max_length', q.max_length,
        'min_value', q.min_value, 'max_value', q.max_value, 'symbol', q.symbol, 'same_page', q.same_page,
        'options', coalesce((
          select jsonb_agg(jsonb_build_object(
            'value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label, 'symbol', o.symbol)
            order by o.position)
          from app.question_options o where o.question_id = q.id), '[]'::jsonb))
        order by q.position)
      from app.questions q where q.survey_id = v_survey.id), '[]'::jsonb),
    -- the languages besides English, each with its translations (text key -> text; see app.survey_texts)
    'languages', coalesce((
      select jsonb_agg(jsonb_build_object(
        'code', l.code, 'name', l.name, 'direction', l.direction, 'translations', l.translations)
        order by l.position)
      from app.survey_languages l where l.survey_id = v_survey.id), '[]'::jsonb),
    'about', app.survey_about(v_survey.id)
  );
end
$$;
comment on function api.survey_for_respondent is
  'Anyone (anon). What a respondent needs to answer a wave: the organisation (with the address of its "you '
  'said, we did" page, or null), the survey, the wave and whether it is open, the questions with their options, '
  'the languages the survey is offered in besides English with their translations (text key -> text: title, '
  'introduction, privacy_notice, q:<key>:prompt|easy_read_prompt|help_text, o:<key>:<value>:label|easy_read_label, '
  'about:<dimension>:prompt, about:<dimension>:<code>:label), and the about-you questions the survey asks '
  '(possibly none). Each question says whether it shares the page of the one before (same_page). Null when no '
  'survey or wave has the slug.';
grant execute on function api.survey_for_respondent to anon, authenticated, service_role;

create or replace function api.survey_for_builder(p_survey_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'id', s.id, 'slug', s.slug, 'title', s.title, 'audience', s.audience, 'easy_read', s.easy_read,
    'introduction', s.introduction, 'privacy_notice', s.privacy_notice,
    'organisation', (select jsonb_build_object('id', o.id, 'name', o.name)
                     from app.organisations o where o.id = s.organisation_id),
    'can_edit', app.has_role(s.organisation_id, '{admin,lead,officer}'),
    'about_dimensions', to_jsonb(s.about_dimensions),
    'about', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', d.key, 'label', d.label, 'asked', d.key = any (s.about_dimensions),
        'examples', coalesce((
          select jsonb_agg(c.label order by c.position, c.label)
          from (select c.label, c.position from app.about_categories c
                where c.dimension = d.key and c.code <> 'prefer_not_to_say'
                  and (c.organisation_id is null or c.organisation_id = s.organisation_id)
                order by c.position, c.label limit 3) c), '[]'::jsonb),
        'categories', (select count(*) from app.about_categories c
                       where c.dimension = d.key and c.code <> 'prefer_not_to_say'
                         and (c.organisation_id is null or c.organisation_id = s.organisation_id)))
        order by d.position)
      from app.about_dimensions d), '[]'::jsonb),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', q.id, 'key', q.key, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt,
        'easy_read_prompt', q.easy_read_prompt, 'help_text', q.help_text, 'required', q.required,
        'max_length', q.max_length, 'min_value', q.min_value, 'max_value', q.max_value,
        'priority_id', q.priority_id, 'symbol', q.symbol, 'same_page', q.same_page,
        'priority', (select p.title from app.strategy_priorities p where p.id = q.priority_id),
        'version', q.version,
        'answered', app.has_answers(q.id),
        'answers', coalesce((select sum(c.n) from app.question_counts c
                             where c.question_id = q.id and c.dimension = '_all' and c.category = '_all'), 0),
        'options', coalesce((
          select jsonb_agg(jsonb_build_object(
            'id', o.id, 'value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label,
            'symbol', o.symbol, 'is_positive', o.is_positive, 'position', o.position,
            'answered', app.has_answers(q.id, o.id)) order by o.position)
          from app.question_options o where o.question_id = q.id), '[]'::jsonb),
        'versions', coalesce((
          select jsonb_agg(jsonb_build_object('version', v.version, 'prompt', v.prompt, 'replaced_at', v.replaced_at)
                           order by v.version)
          from app.question_versions v where v.question_id = q.id), '[]'::jsonb))
        order by q.position, q.created_at)
      from app.questions q where q.survey_id = s.id), '[]'::jsonb),
    'waves', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label,
        'opens_at', w.opens_at, 'closes_at', w.closes_at,
        'status', app.wave_status(w.opens_at, w.closes_at),
        'responses', coalesce((select c.n from app.wave_group_counts c
                               where c.wave_id = w.id and c.dimension = '_all' and c.category = '_all'), 0))
        order by w.opens_at, w.created_at)
      from app.waves w where w.survey_id = s.id), '[]'::jsonb),
    'priorities', coalesce((
      select jsonb_agg(jsonb_build_object('id', p.id, 'position', p.position, 'title', p.title) order by p.position)
      from app.strategy_priorities p where p.organisation_id = s.organisation_id), '[]'::jsonb),
    'texts', coalesce((
      select jsonb_agg(jsonb_build_object('key', t.key, 'english', t.english, 'max_length', t.max_length))
      from app.survey_texts(s.id) t), '[]'::jsonb),
    'languages', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', l.id, 'code', l.code, 'name', l.name, 'direction', l.direction, 'position', l.position,
        'translations', l.translations,
        'translated', (select count(*) from app.survey_texts(s.id) t where l.translations ? t.key),
        -- responses given in the language, as far as the caller may read responses (RLS)
        'responses', (select count(*) from app.responses r join app.waves w on w.id = r.wave_id
                      where w.survey_id = s.id and r.language = l.code))
        order by l.position)
      from app.survey_languages l where l.survey_id = s.id), '[]'::jsonb))
  from app.surveys s
  where s.id = p_survey_id
$$;
comment on function api.survey_for_builder is
  'Members of the survey''s organisation (RLS decides; null for anyone else). A survey as its builder '
  'shows it: details, the about-you questions it asks (about_dimensions) beside every one it could ask (about: '
  'key, label, asked, a few example categories and how many there are), questions in order with their options, '
  'earlier wordings and how many answered, waves with their responses, the organisation''s strategy priorities, '
  'whether the caller may edit, the texts a language translates (key, English, most characters) and the '
  'languages with their translations, how many texts each has translated and how many responses were given in '
  'each (those the caller may read).';
grant execute on function api.survey_for_builder to authenticated, service_role;

-- As every migration that adds functions does: only the grants to named roles decide who may call them.
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
