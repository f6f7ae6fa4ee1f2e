-- Languages, continued (see 20261130000100_survey_languages.sql):
--
--   - the about-you questions a survey asks are translated with the rest of it. Their wording and
--     their answers come from the shared vocabulary (app.about_dimensions, app.about_categories,
--     the organisation's own categories such as its areas), in English; each survey language may now
--     translate them, under two more kinds of text key:
--       about:<dimension>:prompt                   an about-you question (the dimension's label)
--       about:<dimension>:<category code>:label    one of its answers, "Prefer not to say" too
--     app.survey_texts lists them after the questions, for the dimensions the survey asks only;
--   - survey staff change a language's own name and direction (api.update_survey_language), where
--     before they could only remove it and add it again;
--   - a one-time invitation link starts the draft in the language the respondent chose on it
--     (api.start_invitation's p_language), as the survey's own welcome page does.

-- ---------------------------------------------------------------------------------------------
-- The text keys of a translation
-- ---------------------------------------------------------------------------------------------

-- As in 20261130000100_survey_languages.sql, with the about-you keys. (The check of
-- app.survey_languages.translations calls this function, so existing rows keep to it.)
create or replace function app.is_translations(p_translations jsonb)
returns boolean
language sql immutable
set search_path = ''
as $$
  select jsonb_typeof(p_translations) = 'object'
    and not exists (
      select 1 from jsonb_each(p_translations) e
      where e.key !~ ('^(title|introduction|privacy_notice'
                      || '|q:[a-z][a-z0-9_]{0,62}:(prompt|easy_read_prompt|help_text)'
                      || '|o:[a-z][a-z0-9_]{0,62}:[a-z0-9_]{1,40}:(label|easy_read_label)'
                      || '|about:[a-z][a-z0-9_]{0,39}:(prompt|[a-z0-9_]{1,40}:label))$')
         or jsonb_typeof(e.value) <> 'string'
         or length(btrim(e.value #>> '{}')) not between 1 and 4000)
$$;
comment on function app.is_translations is
  'Internal. Whether a language''s translations are an object of text key (see app.survey_texts) -> '
  'text of 1 to 4,000 characters.';

-- As in 20261130000100_survey_languages.sql, with the about-you questions the survey asks and their
-- answers (as app.survey_about gives them to respondents), after the survey's own questions.
create or replace function app.survey_texts(p_survey_id uuid)
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
    union all
    -- the about-you questions, on the page after the questions: each one's wording, then its answers
    select 1000000 + d.position, 0, 1, 'about:' || d.key || ':prompt', d.label, 200
      from app.surveys s join app.about_dimensions d on d.key = any (s.about_dimensions)
      where s.id = p_survey_id
        and exists (select 1 from app.about_categories c
                    where c.dimension = d.key and c.code <> 'prefer_not_to_say'
                      and (c.organisation_id is null or c.organisation_id = s.organisation_id))
    union all
    select 1000000 + d.position, c.position, 1, 'about:' || d.key || ':' || c.code || ':label', c.label, 300
      from app.surveys s
      join app.about_dimensions d on d.key = any (s.about_dimensions)
      join app.about_categories c
        on c.dimension = d.key and (c.organisation_id is null or c.organisation_id = s.organisation_id)
      where s.id = p_survey_id
        and exists (select 1 from app.about_categories x
                    where x.dimension = d.key and x.code <> 'prefer_not_to_say'
                      and (x.organisation_id is null or x.organisation_id = s.organisation_id))
  ) t
  order by t.q, t.o, t.f, t.key
$$;
comment on function app.survey_texts is
  'Internal (survey staff and respondents, through the API). The texts of a survey that a language '
  'translates, in the order a respondent meets them: key, the English, and the most characters it may have. '
  'Keys: title, introduction, privacy_notice; q:<question key>:prompt|easy_read_prompt|help_text; '
  'o:<question key>:<option value>:label|easy_read_label; about:<dimension>:prompt and '
  'about:<dimension>:<category code>:label for the about-you questions the survey asks. '
  'Security invoker: a caller sees the texts of surveys they may read.';

comment on function api.survey_for_respondent is
  'Anyone (anon). What a respondent needs to answer a wave: the organisation (with the address of its "you '
  'said, we did" page, or null), the survey, the wave and whether it is open, the questions with their options, '
  'the languages the survey is offered in besides English with their translations (text key -> text: title, '
  'introduction, privacy_notice, q:<key>:prompt|easy_read_prompt|help_text, o:<key>:<value>:label|easy_read_label, '
  'about:<dimension>:prompt, about:<dimension>:<code>:label), and the about-you questions the survey asks '
  '(possibly none). Null when no survey or wave has the slug.';

-- ---------------------------------------------------------------------------------------------
-- API: a language's own name and direction
-- ---------------------------------------------------------------------------------------------

create function api.update_survey_language(p_survey_id uuid, p_code text, p_name text, p_direction text)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_lang app.survey_languages;
  v_errors jsonb := '{}'::jsonb;
begin
  select * into v_lang from app.survey_languages l where l.survey_id = p_survey_id and l.code = p_code;
  if not found then
    -- a member who may not edit sees the same message as for a survey they cannot see
    perform app.refuse_unless_survey_staff((select s.organisation_id from app.surveys s where s.id = p_survey_id));
    raise exception 'The survey is not offered in this language.' using hint = 'not_found';
  end if;
  perform app.refuse_unless_survey_staff(v_lang.organisation_id);

  if p_name is null or btrim(p_name) = '' then
    v_errors := v_errors || jsonb_build_object('name', 'Enter the language''s name as its speakers write it, like Polski.');
  elsif length(btrim(p_name)) > 60 then
    v_errors := v_errors || jsonb_build_object('name', 'Keep the name to 60 characters or fewer.');
  end if;
  if p_direction is null or p_direction not in ('ltr', 'rtl') then
    v_errors := v_errors || jsonb_build_object('direction', 'Choose the direction the language is written in.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'Some details of the language need attention.' using hint = 'invalid_language', detail = v_errors::text;
  end if;

  update app.survey_languages l set name = btrim(p_name), direction = p_direction, updated_at = now()
  where l.id = v_lang.id
  returning * into v_lang;
  return jsonb_build_object('id', v_lang.id, 'code', v_lang.code, 'name', v_lang.name, 'direction', v_lang.direction);
end
$$;
comment on function api.update_survey_language is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Changes the own name '
  '(p_name, as its speakers write it, 1 to 60 characters) and direction (p_direction, ltr or rtl) of one of the '
  'survey''s languages; its code and translations stay. Invalid input raises hint invalid_language with detail '
  'field -> message; a language the survey does not offer raises not_found.';
grant execute on function api.update_survey_language to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- An invitation link starts the draft in the language chosen on it
-- ---------------------------------------------------------------------------------------------

-- As in 20261123000500_invitations.sql, with p_language passed on to api.save_draft.
drop function api.start_invitation(text, uuid, boolean);

create function api.start_invitation(
  p_token text,
  p_response_id uuid,
  p_easy_read boolean default false,
  p_language text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv app.invitations;
  v_wave app.waves;
  v_draft app.respondent_drafts;
begin
  select * into v_inv from app.invitations i where i.token = p_token;
  if p_token is null or not found then
    raise exception 'This invitation link is not known.' using hint = 'not_found';
  end if;
  if v_inv.used_at is not null then
    raise exception 'This invitation link has already been used.' using hint = 'invitation_used';
  end if;
  select * into v_wave from app.waves w where w.id = v_inv.wave_id;
  -- save_draft checks the wave, the response id and the language, and makes the draft with its resume code
  perform api.save_draft(p_response_id, v_wave.slug, '{}'::jsonb, 1, coalesce(p_easy_read, false), p_language);
  update app.respondent_drafts d set invitation_id = v_inv.id
  where d.response_id = p_response_id
  returning * into v_draft;
  return app.draft_json(v_draft);
end
$$;
comment on function api.start_invitation is
  'Anyone (anon) holding the token. Starts a draft (as api.save_draft) bound to the invitation, so that '
  'submitting its response uses the link; p_language is the language chosen, one the survey offers (null or any '
  'other: English). Refuses a used link (invitation_used), an unknown one (not_found), and a closed or not yet '
  'open wave as api.save_draft does.';

-- ---------------------------------------------------------------------------------------------
-- Only the grants below and beside each function decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function app.is_translations to authenticated, service_role;
grant execute on function app.survey_texts to authenticated, service_role;
grant execute on function api.update_survey_language to authenticated, service_role;
grant execute on function api.start_invitation to anon, authenticated, service_role;
