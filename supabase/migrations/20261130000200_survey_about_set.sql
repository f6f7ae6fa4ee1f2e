-- Survey settings: which about-you questions a survey asks, and where an organisation publishes
-- its "you said, we did".
--
-- A survey asks a chosen set of the standard about-you dimensions (all of them unless staff choose
-- fewer: a survey for young children may ask only age band and area, a schools survey none).
-- Respondents see only those; an about-you answer for any other dimension is dropped, whichever way
-- the response arrives, so a survey's counts never hold a group it did not ask about.
--
-- An organisation records the https address of its own "you said, we did" page (councils publish
-- these on their Local Offer website); the thank-you page links to it.

-- ---------------------------------------------------------------------------------------------
-- The about-you set of a survey
-- ---------------------------------------------------------------------------------------------

create function app.is_about_set(p_dimensions text[])
returns boolean
language sql stable
set search_path = ''
as $$
  -- every element a known dimension, none twice, none null
  select p_dimensions is not null
     and array_position(p_dimensions, null) is null
     and cardinality(p_dimensions) = (select count(distinct x) from unnest(p_dimensions) x)
     and not exists (select 1 from unnest(p_dimensions) x
                     where not exists (select 1 from app.about_dimensions d where d.key = x))
$$;
comment on function app.is_about_set is
  'Internal (the check of app.surveys.about_dimensions, so callable by whoever writes surveys). Whether a list '
  'names known about-you dimensions, each once.';
grant execute on function app.is_about_set to authenticated, service_role;

alter table app.surveys
  add column about_dimensions text[] not null
    default '{phase,age_band,support,setting,ethnicity,gender,area,care_experience}'
    constraint surveys_about_dimensions_known check (app.is_about_set(about_dimensions));
comment on column app.surveys.about_dimensions is
  'The about-you dimensions (app.about_dimensions.key) the survey asks, in the dimensions'' order; empty for none. '
  'Every survey asks all of them until staff choose fewer.';
grant update (about_dimensions) on app.surveys to authenticated;

create function app.survey_about(p_survey_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
  -- The dimensions the survey asks, each with its categories (standard and the organisation's own);
  -- a dimension with nothing to choose but "prefer not to say" is left out.
  select coalesce((
    select jsonb_agg(jsonb_build_object(
      'key', d.key, 'label', d.label,
      'categories', (
        select jsonb_agg(jsonb_build_object('code', c.code, 'label', c.label) order by c.position, c.label)
        from app.about_categories c
        where c.dimension = d.key
          and (c.organisation_id is null or c.organisation_id = s.organisation_id)))
      order by d.position)
    from app.about_dimensions d
    where d.key = any (s.about_dimensions)
      and exists (select 1 from app.about_categories c
                  where c.dimension = d.key and c.code <> 'prefer_not_to_say'
                    and (c.organisation_id is null or c.organisation_id = s.organisation_id))),
    '[]'::jsonb)
  from app.surveys s
  where s.id = p_survey_id
$$;
comment on function app.survey_about is
  'Internal (api.survey_for_respondent). The about-you questions a survey asks: [{key, label, categories: '
  '[{code, label}]}] in order; [] when it asks none.';
grant execute on function app.survey_about to service_role;

create function api.set_survey_about(p_survey_id uuid, p_dimensions text[])
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_row app.surveys;
  v_unknown text[];
begin
  select * into v_row from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_survey_staff(v_row.organisation_id);
  if p_dimensions is null then
    raise exception 'Choose the about-you questions to ask, or none.'
      using hint = 'invalid_survey',
            detail = jsonb_build_object('about_dimensions', 'Choose the about-you questions to ask, or none.')::text;
  end if;
  select array_agg(x order by x) into v_unknown
  from unnest(p_dimensions) x
  where x is null or not exists (select 1 from app.about_dimensions d where d.key = x);
  if v_unknown is not null then
    raise exception 'Some about-you questions are not known.'
      using hint = 'invalid_survey',
            detail = jsonb_build_object('about_dimensions',
              format('Choose from the about-you questions listed. Not known: %s.',
                     array_to_string(v_unknown, ', ', '(empty)')))::text;
  end if;
  -- Kept in the dimensions' own order, each once.
  update app.surveys
  set about_dimensions = array(select d.key from app.about_dimensions d
                               where d.key = any (p_dimensions) order by d.position)
  where id = p_survey_id
  returning * into v_row;
  return jsonb_build_object('id', v_row.id, 'about_dimensions', to_jsonb(v_row.about_dimensions));
end
$$;
comment on function api.set_survey_about is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Chooses which about-you '
  'questions the survey asks: p_dimensions lists app.about_dimensions keys, empty for none. Unknown keys raise '
  'hint invalid_survey with detail {about_dimensions: message}. Answers already given are kept; respondents '
  'from now on are asked only these.';
grant execute on function api.set_survey_about to authenticated, service_role;

-- An about-you answer for a dimension the survey does not ask is dropped before the rules of
-- app.check_response (kept as app.check_response_answers) see it: every way a response arrives
-- (online, typed in by staff, imported) goes through here. A dimension that does not exist is
-- still refused, field by field, as before.
alter function app.check_response(app.waves, jsonb, jsonb, text, text, text, text)
  rename to check_response_answers;

create function app.check_response(
  p_wave app.waves,
  p_answers jsonb,
  p_about jsonb,
  p_channel text,
  p_panel_code text,
  p_assistance text,
  p_language text
)
returns jsonb
language sql stable
set search_path = ''
as $$
  select app.check_response_answers(
    p_wave, p_answers,
    case when jsonb_typeof(p_about) = 'object' then coalesce((
      select jsonb_object_agg(e.key, e.value)
      from jsonb_each(p_about) e join app.surveys s on s.id = p_wave.survey_id
      -- a dimension that does not exist at all stays, for the rules to refuse as before
      where e.key = any (s.about_dimensions)
         or not exists (select 1 from app.about_dimensions d where d.key = e.key)), '{}'::jsonb)
    else p_about end,
    p_channel, p_panel_code, p_assistance, p_language)
$$;
comment on function app.check_response is
  'Checks one response against its wave''s survey (see app.check_response_answers), after dropping about-you '
  'answers for dimensions the survey does not ask. Internal: the one set of rules of every way a response arrives.';

-- ---------------------------------------------------------------------------------------------
-- The organisation's "you said, we did" page
-- ---------------------------------------------------------------------------------------------

create function app.is_https_url(p_url text)
returns boolean
language sql immutable
set search_path = ''
as $$
  -- A full https address of a named host (no user name or password, no spaces), 500 characters at most.
  select p_url is null or (
    length(p_url) <= 500
    and p_url ~* '^https://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:[0-9]{1,5})?([/?#][^[:space:]<>"]*)?$')
$$;
comment on function app.is_https_url is
  'Internal. Whether a text is null or a full https:// address of a named host, 500 characters at most.';
grant execute on function app.is_https_url to authenticated, service_role;

alter table app.organisations
  add column you_said_we_did_url text
    constraint organisations_you_said_we_did_url_https check (app.is_https_url(you_said_we_did_url));
comment on column app.organisations.you_said_we_did_url is
  'The https address of the organisation''s own "you said, we did" page (often on its Local Offer website), or null. '
  'The thank-you page links to it.';

create policy "admins and leads change their organisation's settings" on app.organisations
  for update to authenticated
  using (app.has_role(id, '{admin,lead}'))
  with check (app.has_role(id, '{admin,lead}'));
grant update (you_said_we_did_url) on app.organisations to authenticated;

create function api.organisation_settings(p_organisation_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'id', o.id, 'slug', o.slug, 'name', o.name, 'you_said_we_did_url', o.you_said_we_did_url,
    'can_edit', app.has_role(o.id, '{admin,lead}'))
  from app.organisations o
  where o.id = p_organisation_id
$$;
comment on function api.organisation_settings is
  'Members of the organisation (RLS decides; null for anyone else). Its settings: name, slug, the address of '
  'its "you said, we did" page, and whether the caller may change them (admin, lead).';
grant execute on function api.organisation_settings to authenticated, service_role;

create function api.set_you_said_we_did_url(p_organisation_id uuid, p_url text)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_url text := nullif(btrim(p_url), '');
  v_row app.organisations;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead}') then
    raise exception 'Only an administrator or lead of this local area can change its settings.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if length(v_url) > 500 then
    raise exception 'The address is too long.'
      using hint = 'invalid_settings',
            detail = jsonb_build_object('you_said_we_did_url', 'Keep the address to 500 characters or fewer.')::text;
  elsif not app.is_https_url(v_url) then
    raise exception 'The address is not a full https address.'
      using hint = 'invalid_settings',
            detail = jsonb_build_object('you_said_we_did_url',
              'Enter the full address of the page, starting https://, like https://www.example.gov.uk/local-offer/you-said-we-did.')::text;
  end if;
  update app.organisations set you_said_we_did_url = v_url where id = p_organisation_id
  returning * into v_row;
  return jsonb_build_object('id', v_row.id, 'you_said_we_did_url', v_row.you_said_we_did_url);
end
$$;
comment on function api.set_you_said_we_did_url is
  'Admins and leads of the organisation (not_permitted otherwise). Sets the address of its "you said, we did" '
  'page: a full https:// address, 500 characters at most; empty or null removes it. Anything else raises hint '
  'invalid_settings with detail {you_said_we_did_url: message}.';
grant execute on function api.set_you_said_we_did_url to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- What respondents and the builder see
-- ---------------------------------------------------------------------------------------------

-- As in 20261123000600_question_symbols.sql, with the survey's languages and their translations
-- (20261130000100_survey_languages.sql), the organisation's you_said_we_did_url and the about-you
-- questions the survey asks (app.survey_about).
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
        'min_value', q.min_value, 'max_value', q.max_value, 'symbol', q.symbol,
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
  'introduction, privacy_notice, q:<key>:prompt|easy_read_prompt|help_text, o:<key>:<value>:label|easy_read_label), '
  'and the about-you questions the survey asks (possibly none). Null when no survey or wave has the slug.';
grant execute on function api.survey_for_respondent to anon, authenticated, service_role;

-- As in 20261123000600_question_symbols.sql, with the about-you questions: about_dimensions (the
-- keys asked) and about (every dimension, whether it is asked, and a few of its categories); and the
-- texts a language translates and the survey's languages (20261130000100_survey_languages.sql).
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
        'priority_id', q.priority_id, 'symbol', q.symbol,
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

-- ---------------------------------------------------------------------------------------------
-- Only the grants above decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function app.is_about_set to authenticated, service_role;
grant execute on function app.is_https_url to authenticated, service_role;
grant execute on function app.survey_about to service_role;
grant execute on function api.set_survey_about to authenticated, service_role;
grant execute on function api.organisation_settings to authenticated, service_role;
grant execute on function api.set_you_said_we_did_url to authenticated, service_role;
grant execute on function api.survey_for_respondent to anon, authenticated, service_role;
grant execute on function api.survey_for_builder to authenticated, service_role;
