-- Languages: a survey's texts in more than one language. English is the survey's own language (the
-- texts of app.surveys, app.questions and app.question_options); a council adds any other, with its
-- own name (Polski, اردو), the direction it is written in, and translations of the texts. A
-- respondent chooses one on the welcome page; anything not translated is shown in English.
--
-- Translations are one JSON object per language, text key -> translated text:
--   title, introduction, privacy_notice                       the survey's
--   q:<question key>:prompt | easy_read_prompt | help_text    a question's
--   o:<question key>:<option value>:label | easy_read_label   an option's
-- Keys name questions and options by key and value, which never change, so a translation stays
-- with its text when questions are reordered. app.survey_texts lists the keys a survey has now.
--
-- The functions that write are security invoker, as the builder's are: row-level security decides.
-- A respondent's draft remembers the language chosen, and the response records it
-- (app.responses.language, set by api.submit_response's p_language).

create function app.is_translations(p_translations jsonb)
returns boolean
language sql immutable
set search_path = ''
as $$
  select jsonb_typeof(p_translations) = 'object'
    and not exists (
      select 1 from jsonb_each(p_translations) e
      where e.key !~ '^(title|introduction|privacy_notice|q:[a-z][a-z0-9_]{0,62}:(prompt|easy_read_prompt|help_text)|o:[a-z][a-z0-9_]{0,62}:[a-z0-9_]{1,40}:(label|easy_read_label))$'
         or jsonb_typeof(e.value) <> 'string'
         or length(btrim(e.value #>> '{}')) not between 1 and 4000)
$$;
comment on function app.is_translations is
  'Internal. Whether a language''s translations are an object of text key (see app.survey_texts) -> '
  'text of 1 to 4,000 characters.';
grant execute on function app.is_translations to authenticated, service_role;

create table app.survey_languages (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  survey_id uuid not null,
  -- a BCP 47 language tag, as app.responses.language: pl, ur, pa-IN; never English
  code text not null check (code ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' and code !~ '^en(-|$)'),
  -- the language's own name, as its speakers write it: Polski, اردو
  name text not null check (length(btrim(name)) between 1 and 60),
  direction text not null default 'ltr' check (direction in ('ltr', 'rtl')),
  position integer not null check (position > 0),
  translations jsonb not null default '{}'::jsonb check (app.is_translations(translations)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (survey_id, organisation_id) references app.surveys (id, organisation_id) on delete cascade,
  unique (survey_id, code)
);
comment on table app.survey_languages is
  'The languages a survey is offered in besides English, each with its own name, direction (ltr or rtl) '
  'and translations: text key (see app.survey_texts) -> text. Untranslated texts are shown in English.';

alter table app.survey_languages enable row level security;
grant select on app.survey_languages to authenticated;
grant all on app.survey_languages to service_role;

create policy "members read survey languages" on app.survey_languages
  for select to authenticated using (app.has_role(organisation_id));
create policy "survey staff add survey languages" on app.survey_languages
  for insert to authenticated with check (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "survey staff change survey languages" on app.survey_languages
  for update to authenticated
  using (app.has_role(organisation_id, '{admin,lead,officer}'))
  with check (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "survey staff remove survey languages" on app.survey_languages
  for delete to authenticated using (app.has_role(organisation_id, '{admin,lead,officer}'));
grant insert (organisation_id, survey_id, code, name, direction, position, translations)
  on app.survey_languages to authenticated;
grant update (name, direction, position, translations, updated_at) on app.survey_languages to authenticated;
grant delete on app.survey_languages to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The texts a survey has to translate
-- ---------------------------------------------------------------------------------------------

create function app.survey_texts(p_survey_id uuid)
returns table (key text, english text, max_length integer)
language sql stable
set search_path = ''
as $$
  -- In the order a respondent meets them; only texts that the survey has in English.
  select t.key, t.english, t.max_length
  from (
    select 0 as q, 0 as o, 1 as f, 'title' as key, s.title as english, 200 as max_length
      from app.surveys s where s.id = p_survey_id
    union all
    select 0, 0, 2, 'introduction', s.introduction, 4000
      from app.surveys s where s.id = p_survey_id and btrim(s.introduction) <> ''
    union all
    select 0, 0, 3, 'privacy_notice', s.privacy_notice, 4000
      from app.surveys s where s.id = p_survey_id and btrim(s.privacy_notice) <> ''
    union all
    select q.position, 0, 1, 'q:' || q.key || ':prompt', q.prompt, 1000
      from app.questions q where q.survey_id = p_survey_id
    union all
    select q.position, 0, 2, 'q:' || q.key || ':easy_read_prompt', q.easy_read_prompt, 1000
      from app.questions q where q.survey_id = p_survey_id and q.easy_read_prompt is not null
    union all
    select q.position, 0, 3, 'q:' || q.key || ':help_text', q.help_text, 2000
      from app.questions q where q.survey_id = p_survey_id and q.help_text is not null
    union all
    select q.position, o.position, 1, 'o:' || q.key || ':' || o.value || ':label', o.label, 300
      from app.questions q join app.question_options o on o.question_id = q.id where q.survey_id = p_survey_id
    union all
    select q.position, o.position, 2, 'o:' || q.key || ':' || o.value || ':easy_read_label', o.easy_read_label, 300
      from app.questions q join app.question_options o on o.question_id = q.id
      where q.survey_id = p_survey_id and o.easy_read_label is not null
  ) t
  order by t.q, t.o, t.f
$$;
comment on function app.survey_texts is
  'Internal (survey staff and respondents, through the API). The texts of a survey that a language '
  'translates, in the order a respondent meets them: key, the English, and the most characters it may have. '
  'Security invoker: a caller sees the texts of surveys they may read.';
grant execute on function app.survey_texts to authenticated, service_role;

-- A right-to-left language unless said otherwise: the ones spoken in England that are written so.
create function app.language_direction(p_code text)
returns text
language sql immutable
set search_path = ''
as $$
  select case when split_part(lower(p_code), '-', 1) in ('ar', 'ur', 'fa', 'ps', 'he', 'yi', 'ckb', 'sd', 'ug', 'dv')
    then 'rtl' else 'ltr' end
$$;
comment on function app.language_direction is 'Internal. The usual direction (ltr or rtl) of a language by its code.';
grant execute on function app.language_direction to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- API: languages and their translations
-- ---------------------------------------------------------------------------------------------

create function api.add_survey_language(
  p_survey_id uuid,
  p_code text,
  p_name text,
  p_direction text default null
)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_code text := btrim(coalesce(p_code, ''));
  v_errors jsonb := '{}'::jsonb;
  v_row app.survey_languages;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_survey_staff(v_survey.organisation_id);

  -- the language subtag in lower case, as BCP 47 writes it (pl, pa-IN)
  v_code := lower(split_part(v_code, '-', 1)) || substr(v_code, length(split_part(v_code, '-', 1)) + 1);
  if v_code = '' then
    v_errors := v_errors || jsonb_build_object('code', 'Enter the language''s code, like pl for Polish.');
  elsif v_code !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' then
    v_errors := v_errors || jsonb_build_object('code',
      'Enter a code of 2 or 3 letters, like pl or ur, with a region if you need one, like pa-IN.');
  elsif v_code ~ '^en(-|$)' then
    v_errors := v_errors || jsonb_build_object('code', 'English is the survey''s own language.');
  elsif exists (select 1 from app.survey_languages l where l.survey_id = p_survey_id and l.code = v_code) then
    v_errors := v_errors || jsonb_build_object('code', 'The survey already has this language.');
  end if;
  if p_name is null or btrim(p_name) = '' then
    v_errors := v_errors || jsonb_build_object('name', 'Enter the language''s name as its speakers write it, like Polski.');
  elsif length(btrim(p_name)) > 60 then
    v_errors := v_errors || jsonb_build_object('name', 'Keep the name to 60 characters or fewer.');
  end if;
  if p_direction is not null and p_direction not in ('ltr', 'rtl') then
    v_errors := v_errors || jsonb_build_object('direction', 'Choose the direction the language is written in.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'Some details of the language need attention.' using hint = 'invalid_language', detail = v_errors::text;
  end if;

  begin
    insert into app.survey_languages (organisation_id, survey_id, code, name, direction, position)
    values (v_survey.organisation_id, p_survey_id, v_code, btrim(p_name),
            coalesce(p_direction, app.language_direction(v_code)),
            coalesce((select max(l.position) from app.survey_languages l where l.survey_id = p_survey_id), 0) + 1)
    returning * into v_row;
  exception when unique_violation then
    -- the same language added at the same moment
    raise exception 'Some details of the language need attention.' using hint = 'invalid_language',
      detail = jsonb_build_object('code', 'The survey already has this language.')::text;
  end;
  return jsonb_build_object('id', v_row.id, 'code', v_row.code, 'name', v_row.name, 'direction', v_row.direction);
end
$$;
comment on function api.add_survey_language is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Offers the survey in '
  'another language: p_code a BCP 47 tag (pl, ur, pa-IN; not English), p_name its own name (Polski), '
  'p_direction ltr or rtl (null: rtl for Arabic, Urdu, Farsi, Pashto, Hebrew and others written so, else ltr). '
  'It starts with no translations. Invalid input raises hint invalid_language with detail field -> message.';
grant execute on function api.add_survey_language to authenticated, service_role;

create function api.remove_survey_language(p_survey_id uuid, p_code text)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_removed integer;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_survey_staff(v_survey.organisation_id);
  delete from app.survey_languages l where l.survey_id = p_survey_id and l.code = p_code;
  get diagnostics v_removed = row_count;
  return jsonb_build_object('code', p_code, 'removed', v_removed > 0);
end
$$;
comment on function api.remove_survey_language is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Stops offering the '
  'survey in the language and forgets its translations. Responses given in it keep their language; '
  'a respondent part-way through sees the rest in English.';
grant execute on function api.remove_survey_language to authenticated, service_role;

create function api.save_survey_translations(p_survey_id uuid, p_code text, p_translations jsonb)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_lang app.survey_languages;
  v_errors jsonb := '{}'::jsonb;
  v_kept jsonb := '{}'::jsonb;
  v_max integer;
  v_text text;
  e record;
begin
  select * into v_lang from app.survey_languages l where l.survey_id = p_survey_id and l.code = p_code;
  if not found then
    -- a member who may not edit sees the same message as for a survey they cannot see
    perform app.refuse_unless_survey_staff((select s.organisation_id from app.surveys s where s.id = p_survey_id));
    raise exception 'The survey is not offered in this language.' using hint = 'not_found';
  end if;
  perform app.refuse_unless_survey_staff(v_lang.organisation_id);

  if p_translations is null or jsonb_typeof(p_translations) <> 'object' then
    raise exception 'Translations must be an object of text key -> text.' using hint = 'invalid_request';
  end if;
  for e in select x.key, x.value from jsonb_each(p_translations) x loop
    select t.max_length into v_max from app.survey_texts(p_survey_id) t where t.key = e.key;
    if not found then
      v_errors := v_errors || jsonb_build_object(e.key, 'The survey has no such text to translate.');
      continue;
    end if;
    if jsonb_typeof(e.value) = 'null' then
      continue;
    end if;
    if jsonb_typeof(e.value) <> 'string' then
      v_errors := v_errors || jsonb_build_object(e.key, 'Enter the translation as text.');
      continue;
    end if;
    v_text := btrim(e.value #>> '{}');
    if v_text = '' then
      continue; -- not translated: shown in English
    end if;
    if length(v_text) > v_max then
      v_errors := v_errors || jsonb_build_object(e.key,
        format('Keep the translation to %s characters or fewer.', to_char(v_max, 'FM9,999')));
    end if;
    v_kept := v_kept || jsonb_build_object(e.key, v_text);
  end loop;
  if v_errors <> '{}'::jsonb then
    raise exception 'Some translations need attention.' using hint = 'invalid_translations', detail = v_errors::text;
  end if;

  update app.survey_languages l set translations = v_kept, updated_at = now()
  where l.id = v_lang.id;
  return jsonb_build_object(
    'code', v_lang.code,
    'translated', (select count(*) from app.survey_texts(p_survey_id) t where v_kept ? t.key),
    'texts', (select count(*) from app.survey_texts(p_survey_id)));
end
$$;
comment on function api.save_survey_translations is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Replaces the '
  'translations of one of the survey''s languages with p_translations: text key (see app.survey_texts) -> '
  'text; an empty or null text is left untranslated (shown in English). Returns how many of the survey''s '
  'texts are translated. A key the survey does not have or a text too long raises hint invalid_translations '
  'with detail key -> message; a language the survey does not offer raises not_found.';
grant execute on function api.save_survey_translations to authenticated, service_role;

-- The builder and the respondent see the languages: api.survey_for_builder (texts, languages) and
-- api.survey_for_respondent (languages) are redefined once, with the about-you set too, in
-- 20261130000200_survey_about_set.sql.

-- ---------------------------------------------------------------------------------------------
-- Drafts remember the language chosen
-- ---------------------------------------------------------------------------------------------

alter table app.respondent_drafts
  add column language text check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$');
comment on column app.respondent_drafts.language is
  'The language the respondent chose (one of the survey''s app.survey_languages), or null for English.';

create or replace function app.draft_json(d app.respondent_drafts)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'status', 'draft',
    'response_id', d.response_id,
    'wave_slug', (select w.slug from app.waves w where w.id = d.wave_id),
    'resume_code', substr(d.resume_code, 1, 4) || '-' || substr(d.resume_code, 5, 4),
    'answers', d.answers,
    'step', d.step,
    'easy_read', d.easy_read,
    'language', d.language,
    'expires_at', d.expires_at)
$$;
comment on function app.draft_json is 'What api.save_draft and api.load_draft return for a draft. Internal.';

drop function api.save_draft(uuid, text, jsonb, integer, boolean);

create function api.save_draft(
  p_response_id uuid,
  p_wave_slug text,
  p_answers jsonb default '{}'::jsonb,
  p_step integer default 1,
  p_easy_read boolean default false,
  p_language text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_status text;
  v_draft app.respondent_drafts;
  v_language text;
  k text;
  v jsonb;
begin
  if p_response_id is null then
    raise exception 'A response id is required.' using hint = 'invalid_request';
  end if;
  if exists (select 1 from app.responses r where r.id = p_response_id) then
    raise exception 'These answers have already been sent.' using hint = 'already_submitted';
  end if;

  select * into v_wave from app.waves w where w.slug = lower(p_wave_slug);
  if not found then
    raise exception 'There is no survey at this address.' using hint = 'not_found';
  end if;
  v_status := app.wave_status(v_wave.opens_at, v_wave.closes_at);
  if v_status = 'closed' then
    raise exception 'This survey has closed.' using hint = 'wave_closed';
  elsif v_status = 'not_yet_open' then
    raise exception 'This survey is not open yet.' using hint = 'wave_not_open';
  end if;

  -- Only what a form could hold: field names, and text or lists of text of bounded size.
  if p_answers is null or jsonb_typeof(p_answers) <> 'object' then
    raise exception 'Answers must be an object keyed by field.' using hint = 'invalid_request';
  end if;
  if octet_length(p_answers::text) > 200000 then
    raise exception 'The answers are too long to keep.' using hint = 'invalid_request';
  end if;
  for k, v in select key, value from jsonb_each(p_answers) loop
    if k !~ '^[a-z][a-z0-9_.]{0,80}$'
       or not (jsonb_typeof(v) = 'string'
               or (jsonb_typeof(v) = 'array'
                   and not exists (select 1 from jsonb_array_elements(v) x where jsonb_typeof(x) <> 'string'))) then
      raise exception 'Answers must be text, or lists of text, by field name.' using hint = 'invalid_request';
    end if;
  end loop;
  if p_step is null or p_step not between 1 and 1000 then
    raise exception 'The page number is out of range.' using hint = 'invalid_request';
  end if;

  -- A language the survey offers; English (null) for any other, such as one removed meanwhile.
  select l.code into v_language from app.survey_languages l
  where l.survey_id = v_wave.survey_id and l.code = p_language;

  select * into v_draft from app.respondent_drafts d where d.response_id = p_response_id for update;
  if found and v_draft.wave_id <> v_wave.id then
    raise exception 'These answers belong to another survey.' using hint = 'wrong_wave';
  end if;

  if found and v_draft.expires_at > now() then
    update app.respondent_drafts d
    set answers = d.answers || p_answers, step = p_step, easy_read = coalesce(p_easy_read, false),
        language = v_language, updated_at = now(), expires_at = now() + interval '30 days'
    where d.response_id = p_response_id
    returning * into v_draft;
  else
    -- A new draft (or one that had expired, which starts again). Expired drafts of anyone are
    -- cleared now and then, so the table holds only what can still be resumed.
    delete from app.respondent_drafts d where d.response_id = p_response_id;
    delete from app.respondent_drafts d
    where d.response_id in (select x.response_id from app.respondent_drafts x
                            where x.expires_at <= now() order by x.expires_at limit 100);
    loop
      begin
        insert into app.respondent_drafts (response_id, organisation_id, wave_id, resume_code, answers, step, easy_read,
                                           language)
        values (p_response_id, v_wave.organisation_id, v_wave.id, app.new_resume_code(), p_answers, p_step,
                coalesce(p_easy_read, false), v_language)
        returning * into v_draft;
        exit;
      exception when unique_violation then
        -- the same resume code twice (about one in 600 billion): draw another; the same
        -- response id twice at the same moment: the other one was first, so update it
        if exists (select 1 from app.respondent_drafts d where d.response_id = p_response_id) then
          update app.respondent_drafts d
          set answers = d.answers || p_answers, step = p_step, language = v_language, updated_at = now(),
              expires_at = now() + interval '30 days'
          where d.response_id = p_response_id
          returning * into v_draft;
          exit;
        end if;
      end;
    end loop;
  end if;

  return app.draft_json(v_draft);
end
$$;
comment on function api.save_draft is
  'Anyone (anon): a respondent whose browser holds the response id. Keeps the answers of a survey under '
  'way: p_answers (form field -> text or list of text) is merged into what was kept before; p_step is the '
  'page to return to. Creates the draft, with a new resume code, the first time. Refuses a closed or not '
  'yet open wave (hint wave_closed / wave_not_open), a response already sent (already_submitted) and a '
  'draft of another wave (wrong_wave). p_language is the language chosen, one the survey offers (see '
  'api.survey_for_respondent); null or any other keeps the draft in English. Returns the draft as '
  'api.load_draft does, with its language.';
grant execute on function api.save_draft to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Only the grants below and beside each function decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function api.save_draft to anon, authenticated, service_role;
grant execute on function api.load_draft to anon, authenticated, service_role;
