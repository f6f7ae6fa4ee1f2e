-- Issue 12: "the response id in the address is a bearer credential for the draft on a shared device".
-- /s/<slug>/<response id>/q/3 stays in the browser's history; until now that address alone opened the
-- draft, with every answer given so far, for whoever used the device next, and let them change it or
-- send it.
--
-- Now the address alone is not enough. A draft is kept under a key as well: a random string the app's
-- server makes when the survey is started (or resumed with a code) and that travels only inside the
-- pages' forms (a hidden field, never the address, never a cookie). The database keeps a SHA-256 hash of
-- it. To read a draft by its response id, change it, or send the response made from it, the same key
-- must come with the call:
--
--  * api.load_draft by response id answers {status: locked} without the right key, and never the answers;
--    by resume code it takes a new key (p_draft_key), which replaces the old one: the code is what a
--    respondent carries to another device, and the tab they left can no longer change the draft.
--  * api.save_draft makes a new draft under p_draft_key, and changes an existing one only with its key
--    (hint draft_locked otherwise).
--  * api.start_invitation passes its p_draft_key on to api.save_draft.
--  * api.submit_response refuses (draft_locked) to send a response whose draft is kept under another key,
--    so that someone with the address cannot send their answers in the respondent's place.
--
-- Drafts made before this migration have no key: they are found by their resume code alone (which gives
-- them one), as a respondent who typed the code would expect, and never by the address.

alter table app.respondent_drafts add column key_hash text
  check (key_hash ~ '^[0-9a-f]{64}$');
comment on column app.respondent_drafts.key_hash is
  'SHA-256 (hex) of the draft''s key, which the respondent''s pages carry in their forms. Null for a draft '
  'made before keys (found by its resume code only).';

create function app.draft_key_hash(p_key text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_key is null then
    return null;
  end if;
  -- as the server makes them: 16 or more random bytes in base64url
  if p_key !~ '^[A-Za-z0-9_-]{22,128}$' then
    raise exception 'The draft key is not one this server made.' using hint = 'invalid_request';
  end if;
  return encode(sha256(convert_to(p_key, 'UTF8')), 'hex');
end
$$;
comment on function app.draft_key_hash is
  'The hash kept of a draft key (SHA-256, hex); null for null; invalid_request for a string that is not '
  'a key as the server makes them. Internal.';

-- ---------------------------------------------------------------------------------------------
-- api.load_draft
-- ---------------------------------------------------------------------------------------------

drop function api.load_draft(uuid, text);
create function api.load_draft(
  p_response_id uuid default null,
  p_resume_code text default null,
  p_draft_key text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_draft app.respondent_drafts;
  v_code text;
  v_hash text := app.draft_key_hash(p_draft_key);
begin
  if (p_response_id is null) = (p_resume_code is null) then
    raise exception 'Give a response id or a resume code.' using hint = 'invalid_request';
  end if;

  if p_response_id is not null then
    select * into v_draft from app.respondent_drafts d
    where d.response_id = p_response_id and d.expires_at > now();
    if not found then
      if exists (select 1 from app.responses r where r.id = p_response_id) then
        return jsonb_build_object('status', 'submitted', 'response_id', p_response_id);
      end if;
      return null;
    end if;
    -- the address alone (or a key of another draft, or a draft made before keys): nothing of it
    if v_draft.key_hash is null or v_hash is distinct from v_draft.key_hash then
      return jsonb_build_object('status', 'locked', 'response_id', p_response_id);
    end if;
    return app.draft_json(v_draft);
  end if;

  if v_hash is null then
    raise exception 'A new draft key comes with a resume code.' using hint = 'invalid_request';
  end if;
  -- an address that has tried too many wrong codes is refused before its code is looked at
  perform app.refuse_if_blocked('resume_miss');
  -- typed by a person: any case, with or without the dashes or spaces
  v_code := upper(regexp_replace(left(p_resume_code, 100), '[\s-]', '', 'g'));
  if v_code ~ '^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{12}$' or v_code ~ '^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{8}$' then
    update app.respondent_drafts d set key_hash = v_hash
    where d.resume_code = v_code and d.expires_at > now()
    returning * into v_draft;
  end if;
  if v_draft.response_id is null then
    perform app.count_miss('resume_miss');
    return null;
  end if;
  return app.draft_json(v_draft);
end
$$;
comment on function api.load_draft is
  'The app''s server (service_role) only. By p_response_id with the draft''s key (p_draft_key): the draft '
  '(answers, page, resume code, wave) if it has not expired; {status: locked} without the right key (the '
  'address alone, or a draft made before keys); {status: submitted} when the response id has already been '
  'sent; null otherwise. By p_resume_code (typed by the respondent) with a new key: the draft, now kept '
  'under that key, or null. Never lists drafts. Wrong codes are counted per client address '
  '(X-Client-Address): 20 in 10 minutes block the address for 10 minutes, doubling at each further block '
  'within a day (hint rate_limited, HTTP 429, details: seconds).';
revoke execute on function api.load_draft(uuid, text, text) from public, anon, authenticated;
grant execute on function api.load_draft(uuid, text, text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- api.save_draft
-- ---------------------------------------------------------------------------------------------

drop function api.save_draft(uuid, text, jsonb, integer, boolean, text);
create function api.save_draft(
  p_response_id uuid,
  p_wave_slug text,
  p_answers jsonb default '{}'::jsonb,
  p_step integer default 1,
  p_easy_read boolean default false,
  p_language text default null,
  p_draft_key text default null
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
  v_new boolean;
  v_hash text := app.draft_key_hash(p_draft_key);
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
  if octet_length(p_answers::text) > 100000 then
    raise exception 'The answers are too long to keep.' using hint = 'invalid_request';
  end if;
  for k, v in select key, value from jsonb_each(p_answers) loop
    if k !~ '^[a-z][a-z0-9_.]{0,80}$'
       or not (jsonb_typeof(v) = 'string'
               or (jsonb_typeof(v) = 'array' and jsonb_array_length(v) <= 200
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
  v_new := not (found and v_draft.expires_at > now());
  -- a draft kept under a key is changed only with it (one made before keys takes the first key it is given)
  if not v_new and v_draft.key_hash is not null and v_hash is distinct from v_draft.key_hash then
    raise exception 'These answers can be changed only from the pages they were given on, or with their resume code.'
      using errcode = '42501', hint = 'draft_locked';
  end if;

  -- every save counts against the address's limit, and a new draft against its own as well
  perform app.count_call('draft_save');
  if v_new then
    perform app.count_call('draft_new');
  end if;

  if not v_new then
    update app.respondent_drafts d
    set answers = d.answers || p_answers, step = p_step, easy_read = coalesce(p_easy_read, false),
        language = v_language, updated_at = now(), expires_at = now() + interval '30 days',
        key_hash = coalesce(d.key_hash, v_hash)
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
                                           language, key_hash)
        values (p_response_id, v_wave.organisation_id, v_wave.id, app.new_resume_code(), p_answers, p_step,
                coalesce(p_easy_read, false), v_language, v_hash)
        returning * into v_draft;
        exit;
      exception when unique_violation then
        -- the same resume code twice: draw another; the same response id twice at the same moment:
        -- the other one was first, so update it (with its key)
        if exists (select 1 from app.respondent_drafts d where d.response_id = p_response_id) then
          update app.respondent_drafts d
          set answers = d.answers || p_answers, step = p_step, language = v_language, updated_at = now(),
              expires_at = now() + interval '30 days'
          where d.response_id = p_response_id and d.key_hash is not distinct from v_hash
          returning * into v_draft;
          if not found then
            raise exception 'These answers can be changed only from the pages they were given on, or with their resume code.'
              using errcode = '42501', hint = 'draft_locked';
          end if;
          exit;
        end if;
      end;
    end loop;
  end if;

  -- what the draft holds altogether, sent in however many pieces
  if octet_length(v_draft.answers::text) > 100000
     or (select count(*) from jsonb_object_keys(v_draft.answers)) > 500 then
    raise exception 'The answers are too long to keep.' using hint = 'invalid_request';
  end if;

  return app.draft_json(v_draft);
end
$$;
comment on function api.save_draft is
  'The app''s server (service_role) only, for a respondent whose pages hold the response id and the draft''s '
  'key (p_draft_key). Keeps the answers of a survey under way: p_answers (form field -> text or list of '
  'text) is merged into what was kept before, at most 500 fields and 100,000 bytes in all; p_step is the '
  'page to return to. Creates the draft, under p_draft_key and with a new 12-character resume code, the '
  'first time; changes it only with that key (hint draft_locked otherwise). Refuses a closed or not yet '
  'open wave (hint wave_closed / wave_not_open), a response already sent (already_submitted) and a draft '
  'of another wave (wrong_wave). Per client address (X-Client-Address), at most 3,000 saves and 300 new '
  'drafts an hour (hint rate_limited, HTTP 429, details: seconds to wait). p_language is the language '
  'chosen, one the survey offers; null or any other keeps the draft in English. Returns the draft as '
  'api.load_draft does.';
revoke execute on function api.save_draft(uuid, text, jsonb, integer, boolean, text, text) from public, anon, authenticated;
grant execute on function api.save_draft(uuid, text, jsonb, integer, boolean, text, text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- api.start_invitation
-- ---------------------------------------------------------------------------------------------

drop function api.start_invitation(text, uuid, boolean, text);
create function api.start_invitation(
  p_token text,
  p_response_id uuid,
  p_easy_read boolean default false,
  p_language text default null,
  p_draft_key text default null
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
  perform set_config('app.starting_invitation', 'on', true);
  -- save_draft checks the wave, the response id, the key and the language, and makes the draft with its
  -- resume code
  perform api.save_draft(p_response_id, v_wave.slug, '{}'::jsonb, 1, coalesce(p_easy_read, false), p_language,
                         p_draft_key);
  update app.respondent_drafts d set invitation_id = v_inv.id
  where d.response_id = p_response_id
  returning * into v_draft;
  perform set_config('app.starting_invitation', '', true);
  return app.draft_json(v_draft);
end
$$;
comment on function api.start_invitation is
  'Anyone (anon) holding the token. Starts a draft (as api.save_draft, under p_draft_key) bound to the '
  'invitation, so that submitting its response uses the link. Refuses a used link (invitation_used), an '
  'unknown one (not_found), and a closed or not yet open wave as api.save_draft does.';
revoke execute on function api.start_invitation(text, uuid, boolean, text, text) from public;
grant execute on function api.start_invitation(text, uuid, boolean, text, text) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- api.submit_response
-- ---------------------------------------------------------------------------------------------

drop function api.submit_response(uuid, text, jsonb, jsonb, text, text, text, text);
create function api.submit_response(
  p_response_id uuid,
  p_wave_slug text,
  p_answers jsonb,
  p_about jsonb default '{}'::jsonb,
  p_channel text default 'online',
  p_panel_code text default null,
  p_assistance text default null,
  p_language text default 'en',
  p_draft_key text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_status text;
  v_checked jsonb;
  v_hash text := app.draft_key_hash(p_draft_key);
begin
  if p_response_id is null then
    raise exception 'A response id is required.' using hint = 'invalid_request';
  end if;

  -- The same submission sent again is the same response: answer as the first time did.
  if exists (select 1 from app.responses r where r.id = p_response_id) then
    return jsonb_build_object('response_id', p_response_id, 'duplicate', true);
  end if;

  -- the answers of a draft kept under a key are sent only with it
  if exists (select 1 from app.respondent_drafts d
             where d.response_id = p_response_id and d.key_hash is not null
               and d.key_hash is distinct from v_hash) then
    raise exception 'These answers can be sent only from the pages they were given on.'
      using errcode = '42501', hint = 'draft_locked';
  end if;

  select * into v_wave from app.waves w where w.slug = lower(p_wave_slug);
  if not found then
    raise exception 'There is no survey at this address.' using hint = 'not_found';
  end if;

  v_status := app.wave_status(v_wave.opens_at, v_wave.closes_at);
  if v_status = 'closed' then
    raise exception 'This survey closed on %.', to_char(v_wave.closes_at at time zone 'Europe/London', 'FMDD FMMonth YYYY')
      using hint = 'wave_closed', detail = jsonb_build_object('closes_at', v_wave.closes_at)::text;
  elsif v_status = 'not_yet_open' then
    raise exception 'This survey opens on %.', to_char(v_wave.opens_at at time zone 'Europe/London', 'FMDD FMMonth YYYY')
      using hint = 'wave_not_open', detail = jsonb_build_object('opens_at', v_wave.opens_at)::text;
  elsif v_wave.source = 'aggregate' then
    -- a historic wave of imported totals, even if someone moved its dates
    raise exception 'This survey is not taking answers.'
      using hint = 'wave_closed', detail = jsonb_build_object('closes_at', v_wave.closes_at)::text;
  end if;

  if p_answers is null or jsonb_typeof(p_answers) <> 'object' then
    raise exception 'Answers must be an object keyed by question.' using hint = 'invalid_request';
  end if;
  if octet_length(p_answers::text) > 200000 then
    raise exception 'The answers are too long to accept.' using hint = 'invalid_request';
  end if;

  v_checked := app.check_response(v_wave, p_answers, p_about, p_channel, p_panel_code, p_assistance, p_language);
  if v_checked -> 'errors' <> '{}'::jsonb then
    raise exception 'Some answers need attention.'
      using hint = 'invalid_answers', detail = (v_checked -> 'errors')::text;
  end if;

  if not app.record_response(p_response_id, v_wave, v_checked) then
    -- sent twice at the same moment: the other one was first
    return jsonb_build_object('response_id', p_response_id, 'duplicate', true);
  end if;
  return jsonb_build_object('response_id', p_response_id, 'duplicate', false);
end
$$;
comment on function api.submit_response is
  'Anyone (anon). Records one response to an open wave, idempotent on the client-made p_response_id. '
  'p_answers maps question keys to an option value, a list of option values, a number or text. '
  'Refuses a closed or not yet open wave (hint wave_closed / wave_not_open), invalid answers '
  '(hint invalid_answers, detail a JSON object of field -> message), and the response of a draft kept '
  'under another key than p_draft_key (draft_locked), writing nothing.';
revoke execute on function api.submit_response(uuid, text, jsonb, jsonb, text, text, text, text, text) from public;
grant execute on function api.submit_response(uuid, text, jsonb, jsonb, text, text, text, text, text)
  to anon, authenticated, service_role;

revoke execute on function app.draft_key_hash(text) from public;
