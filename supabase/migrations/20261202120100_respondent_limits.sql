-- Respondents' limits in the database (issue 12: resume codes, anonymous submissions, drafts).
--
-- Before: api.load_draft and api.save_draft were callable by anon with no limit (500 guessed resume
-- codes in 2.7 s were all answered), and the only limit on resume codes lived in the web server's
-- memory, with a bucket shared by everyone that let one guesser stop every respondent resuming.
-- Now:
--   1. Drafts are reached only through the app's server. api.load_draft and api.save_draft are
--      executable by service_role alone: the server calls them with the service role key, which never
--      leaves it, and passes the respondent's address in the X-Client-Address header. A resume code or
--      a response id is useless to anyone calling the API directly.
--   2. Limits are kept per client address, in app.client_limits, so they hold on Supabase and with
--      several server processes alike. The address is read from the request's headers as PostgREST
--      passes them (request.headers): X-Client-Address when the caller is the server (service_role;
--      nobody else is trusted to name an address), else the first entry of X-Forwarded-For, as
--      Supabase's gateway sets it. Only a hash of the address is kept, and a row is forgotten a day
--      after its last use. There is no limit shared by all addresses: one guesser blocks only itself.
--      A request that names no address (staff, the server's own tools, SQL) is not limited.
--   3. Wrong resume codes: 20 per address in 10 minutes, then that address is refused for 10 minutes,
--      doubling at each further block within a day (10, 20, 40 minutes … at most 24 hours). Codes are
--      now 12 characters from 30 symbols without look-alikes (about 59 bits), shown as K7QP-2MXA-9RTW;
--      the 8-character codes of drafts already kept still work until those drafts end.
--   4. Anonymous submissions: 300 per address an hour; new drafts 300 and draft saves 3,000 per
--      address an hour. A school computer room behind one address (30 pupils, 20 pages each, all
--      within minutes, some starting twice) stays far below each. Refusals are SQLSTATE PT429
--      (HTTP 429 from PostgREST and from the embedded stand-in), hint rate_limited, and the seconds to
--      wait in details.
--   5. A draft holds at most 500 fields and 100,000 bytes of answers, whatever it is sent in pieces.
--   6. A respondent's channel is online or easy read: anon (or the server for a respondent) can no
--      longer send a response as given on paper, by phone, at an event or in a focus group.

-- ---------------------------------------------------------------------------------------------
-- The counts
-- ---------------------------------------------------------------------------------------------

create table app.client_limits (
  -- sha256 of the client's address (hex): never the address itself
  address_hash text not null check (address_hash ~ '^[0-9a-f]{64}$'),
  action text not null check (action in ('resume_miss', 'draft_new', 'draft_save', 'submit')),
  window_start timestamptz not null default now(),
  hits integer not null default 0 check (hits >= 0),
  -- back-off (resume_miss): how many times this address has been blocked lately, and until when
  strikes integer not null default 0 check (strikes >= 0),
  blocked_until timestamptz,
  updated_at timestamptz not null default now(),
  primary key (address_hash, action)
);
create index client_limits_updated_idx on app.client_limits (updated_at);
comment on table app.client_limits is
  'Respondents'' calls counted per client address (a hash of it) and action, for the limits on resume '
  'codes, drafts and submissions. Forgotten a day after last use. Reached only through app functions.';

alter table app.client_limits enable row level security;
-- No policies and no grants to anon or authenticated: only the security-definer functions below use it.
revoke all on app.client_limits from anon, authenticated;
grant all on app.client_limits to service_role;

-- ---------------------------------------------------------------------------------------------
-- Who is calling
-- ---------------------------------------------------------------------------------------------

create function app.client_address()
returns text
language sql stable
set search_path = ''
as $$
  select case
    when (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role') = 'service_role'
      then nullif(btrim(h ->> 'x-client-address'), '')
    else nullif(btrim(split_part(h ->> 'x-forwarded-for', ',', 1)), '')
  end
  from (select nullif(current_setting('request.headers', true), '')::jsonb as h) x
$$;
comment on function app.client_address is
  'The address of the respondent this request is for: X-Client-Address when the caller is the app''s '
  'server (service_role), else X-Forwarded-For''s first entry; null when the request names none. Internal.';

create function app.client_key()
returns text
language sql stable
set search_path = ''
as $$
  -- No address, no limit: staff and the server's own tools name none, and a bucket shared by every
  -- caller without one would let one of them lock out all the others. Supabase's gateway always sets
  -- X-Forwarded-For; the embedded stand-in is reached only from inside the app's own process.
  select encode(extensions.digest(convert_to(a, 'UTF8'), 'sha256'), 'hex')
  from (select app.client_address() as a) x
  where a is not null
$$;
comment on function app.client_key is
  'The key the limits count this request under (a hash of its client address), or null when it names '
  'none (then it is not limited). Internal.';

create function app.client_limit_rule(p_action text, out max_hits integer, out span interval)
language sql immutable
set search_path = ''
as $$
  select r.max_hits, r.span
  from (values ('resume_miss', 20, interval '10 minutes'),
               ('draft_new', 300, interval '1 hour'),
               ('draft_save', 3000, interval '1 hour'),
               ('submit', 300, interval '1 hour')) r (action, max_hits, span)
  where r.action = p_action
$$;
comment on function app.client_limit_rule is
  'How many of an action one client address may make in how long. Internal.';

create function app.too_many(p_seconds integer)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_minutes integer := greatest(1, ceil(p_seconds / 60.0)::integer);
begin
  raise exception using
    errcode = 'PT429',
    message = format('Too many tries from your connection. Please try again in %s minute%s.',
                     v_minutes, case when v_minutes = 1 then '' else 's' end),
    detail = greatest(1, p_seconds)::text,
    hint = 'rate_limited';
end
$$;
comment on function app.too_many is
  'Refuses a call over a limit: SQLSTATE PT429 (HTTP 429), hint rate_limited, details the seconds to wait. Internal.';

create function app.count_call(p_action text, p_n integer default 1)
returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  v_key text := app.client_key();
  v_rule record;
  v_row app.client_limits;
begin
  if v_key is null or coalesce(p_n, 0) <= 0 then
    return;
  end if;
  v_rule := app.client_limit_rule(p_action);
  insert into app.client_limits as l (address_hash, action, window_start, hits)
  values (v_key, p_action, now(), p_n)
  on conflict (address_hash, action) do update
    set hits = case when l.window_start <= now() - v_rule.span then p_n else l.hits + p_n end,
        window_start = case when l.window_start <= now() - v_rule.span then now() else l.window_start end,
        updated_at = now()
  returning * into v_row;
  if v_row.hits > v_rule.max_hits then
    -- the count rolls back with the refusal, so the address is refused until its window ends
    perform app.too_many(ceil(extract(epoch from v_row.window_start + v_rule.span - now()))::integer);
  end if;
  -- now and then, forget addresses not seen for a day
  if random() < 0.02 then
    delete from app.client_limits l
    where (l.address_hash, l.action) in (
      select x.address_hash, x.action from app.client_limits x
      where x.updated_at < now() - interval '1 day' and (x.blocked_until is null or x.blocked_until < now())
      order by x.updated_at limit 200);
  end if;
end
$$;
comment on function app.count_call is
  'Counts p_n calls of p_action from this request''s client address, and refuses (PT429) the call that '
  'goes over the limit, and every call after it until the window ends. Internal.';

create function app.refuse_if_blocked(p_action text)
returns void
language plpgsql stable
set search_path = ''
as $$
declare
  v_key text := app.client_key();
  v_until timestamptz;
begin
  if v_key is null then
    return;
  end if;
  select l.blocked_until into v_until from app.client_limits l
  where l.address_hash = v_key and l.action = p_action;
  if v_until > now() then
    perform app.too_many(ceil(extract(epoch from v_until - now()))::integer);
  end if;
end
$$;
comment on function app.refuse_if_blocked is
  'Refuses (PT429) a client address that is blocked from p_action. Internal.';

create function app.count_miss(p_action text)
returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  v_key text := app.client_key();
  v_rule record;
  v_row app.client_limits;
begin
  if v_key is null then
    return;
  end if;
  v_rule := app.client_limit_rule(p_action);
  insert into app.client_limits as l (address_hash, action, window_start, hits)
  values (v_key, p_action, now(), 1)
  on conflict (address_hash, action) do update
    set hits = case when l.window_start <= now() - v_rule.span then 1 else l.hits + 1 end,
        window_start = case when l.window_start <= now() - v_rule.span then now() else l.window_start end,
        updated_at = now()
  returning * into v_row;
  if v_row.hits >= v_rule.max_hits then
    -- blocked: the window's length the first time, doubling at each block within a day of the last
    -- one ended, at most a day; the count starts again when the block ends
    update app.client_limits l
    set strikes = case when l.blocked_until > now() - interval '1 day' then l.strikes + 1 else 1 end,
        blocked_until = now() + least(
          v_rule.span * power(2, case when l.blocked_until > now() - interval '1 day' then least(l.strikes, 10) else 0 end),
          interval '1 day'),
        hits = 0,
        window_start = now()
    where l.address_hash = v_key and l.action = p_action;
    -- and the window starts at the block's end
    update app.client_limits l set window_start = l.blocked_until
    where l.address_hash = v_key and l.action = p_action;
  end if;
end
$$;
comment on function app.count_miss is
  'Counts a miss (a wrong resume code) from this request''s client address; at the limit, blocks the '
  'address for the window''s length, doubling at each block within a day, at most a day. Never '
  'refuses the call it counts (the count must stay). Internal.';

-- ---------------------------------------------------------------------------------------------
-- Longer resume codes
-- ---------------------------------------------------------------------------------------------

alter table app.respondent_drafts drop constraint respondent_drafts_resume_code_check;
alter table app.respondent_drafts add constraint respondent_drafts_resume_code_check
  check (resume_code ~ '^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{12}$' or resume_code ~ '^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{8}$');
comment on column app.respondent_drafts.resume_code is
  '12 characters from an alphabet without look-alikes (no I, L, O, U, 0 or 1), shown as K7QP-2MXA-9RTW; '
  'drafts made before 2 December 2026 keep their 8-character codes (K7QP-2MXA).';

create or replace function app.new_resume_code()
returns text
language sql volatile
set search_path = ''
as $$
  select string_agg(substr('ABCDEFGHJKMNPQRSTVWXYZ23456789', 1 + (get_byte(b, i) % 30), 1), '' order by i)
  from (select extensions.gen_random_bytes(12) as b) r
  cross join generate_series(0, 11) i
$$;
comment on function app.new_resume_code is
  'A random 12-character resume code (30 symbols, about 59 bits). Internal.';

create or replace function app.draft_json(d app.respondent_drafts)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'status', 'draft',
    'response_id', d.response_id,
    'wave_slug', (select w.slug from app.waves w where w.id = d.wave_id),
    -- in groups of four: K7QP-2MXA-9RTW
    'resume_code', array_to_string(array(
      select substr(d.resume_code, i, 4) from generate_series(1, length(d.resume_code), 4) i order by i), '-'),
    'answers', d.answers,
    'step', d.step,
    'easy_read', d.easy_read,
    'language', d.language,
    'expires_at', d.expires_at)
$$;
comment on function app.draft_json is 'What api.save_draft and api.load_draft return for a draft. Internal.';

-- ---------------------------------------------------------------------------------------------
-- api.load_draft: the server's only; wrong codes limited per address with back-off
-- ---------------------------------------------------------------------------------------------

create or replace function api.load_draft(p_response_id uuid default null, p_resume_code text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_draft app.respondent_drafts;
  v_code text;
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
  else
    -- an address that has tried too many wrong codes is refused before its code is looked at
    perform app.refuse_if_blocked('resume_miss');
    -- typed by a person: any case, with or without the dashes or spaces
    v_code := upper(regexp_replace(left(p_resume_code, 100), '[\s-]', '', 'g'));
    if v_code ~ '^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{12}$' or v_code ~ '^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{8}$' then
      select * into v_draft from app.respondent_drafts d
      where d.resume_code = v_code and d.expires_at > now();
    end if;
    if v_draft.response_id is null then
      perform app.count_miss('resume_miss');
      return null;
    end if;
  end if;

  return app.draft_json(v_draft);
end
$$;
comment on function api.load_draft is
  'The app''s server (service_role) only, for a respondent who holds the response id or typed the resume '
  'code (exactly one of the two). The draft (answers, page, resume code, wave) if it has not expired; '
  '{status: submitted} when the response id has already been sent; null otherwise. Never lists drafts. '
  'Wrong codes are counted per client address (X-Client-Address): 20 in 10 minutes block the address for '
  '10 minutes, doubling at each further block within a day (hint rate_limited, HTTP 429, details: seconds).';
revoke execute on function api.load_draft(uuid, text) from public, anon, authenticated;
grant execute on function api.load_draft(uuid, text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- api.save_draft: the server's only; new drafts and saves limited per address; a draft's size capped
-- ---------------------------------------------------------------------------------------------

create or replace function api.save_draft(
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
  v_new boolean;
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

  -- every save counts against the address's limit, and a new draft against its own as well
  perform app.count_call('draft_save');
  if v_new then
    perform app.count_call('draft_new');
  end if;

  if not v_new then
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
        -- the same resume code twice: draw another; the same response id twice at the same moment:
        -- the other one was first, so update it
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

  -- what the draft holds altogether, sent in however many pieces
  if octet_length(v_draft.answers::text) > 100000
     or (select count(*) from jsonb_object_keys(v_draft.answers)) > 500 then
    raise exception 'The answers are too long to keep.' using hint = 'invalid_request';
  end if;

  return app.draft_json(v_draft);
end
$$;
comment on function api.save_draft is
  'The app''s server (service_role) only, for a respondent whose browser holds the response id. Keeps the '
  'answers of a survey under way: p_answers (form field -> text or list of text) is merged into what was '
  'kept before, at most 500 fields and 100,000 bytes in all; p_step is the page to return to. Creates the '
  'draft, with a new 12-character resume code, the first time. Refuses a closed or not yet open wave (hint '
  'wave_closed / wave_not_open), a response already sent (already_submitted) and a draft of another wave '
  '(wrong_wave). Per client address (X-Client-Address), at most 3,000 saves and 300 new drafts an hour '
  '(hint rate_limited, HTTP 429, details: seconds to wait). p_language is the language chosen, one the '
  'survey offers; null or any other keeps the draft in English. Returns the draft as api.load_draft does.';
revoke execute on function api.save_draft(uuid, text, jsonb, integer, boolean, text) from public, anon, authenticated;
grant execute on function api.save_draft(uuid, text, jsonb, integer, boolean, text) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Submissions: counted per address whoever inserts them for a respondent
-- ---------------------------------------------------------------------------------------------

-- A step of the one trigger on app.responses (app.responses_submitted, 20261202000100) rather than a
-- change to api.submit_response: the limit holds for every way a respondent can add a response (anon
-- directly, or the server on a respondent's behalf), while staff entering or importing responses
-- (authenticated, no client address) are not counted. The same step decides a respondent's channel:
-- online or easy read, as the server sets it. Paper, event, phone, focus group and import are for
-- staff (api.enter_response, api.import_responses); anon may no longer claim them through
-- api.submit_response.
create function app.limit_respondent_submissions(p_count integer, p_staff_channel boolean)
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  if app.client_key() is null
     and (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role') is distinct from 'anon' then
    return; -- staff, the server's own tools, SQL: not a respondent's request
  end if;
  if p_staff_channel then
    raise exception 'Answers given on paper, at an event, by phone or in a focus group are entered by staff.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  perform app.count_call('submit', p_count);
end
$$;
comment on function app.limit_respondent_submissions is
  'Step 0 of app.responses_submitted: for a respondent''s request (one with a client address, or anon), '
  'refuses a channel other than online or easy_read (42501, hint not_permitted), and counts the responses '
  'added against the address (300 an hour), refusing the insert over it (PT429). Internal.';

create or replace function app.responses_submitted()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- 0. a respondent's request: their channel, and the limit on their address (before anything is used)
  perform app.limit_respondent_submissions(
    (select count(*)::integer from submitted),
    exists (select 1 from submitted s where s.channel not in ('online', 'easy_read')));

  -- 1. invitations
  update app.invitations i set used_at = now(), response_id = s.id
  from submitted s join app.respondent_drafts d on d.response_id = s.id
  where d.invitation_id = i.id and i.used_at is null;
  if exists (select 1 from submitted s
             join app.respondent_drafts d on d.response_id = s.id
             join app.invitations i on i.id = d.invitation_id
             where i.response_id is distinct from s.id) then
    raise exception 'This invitation link has already been used.' using hint = 'invitation_used';
  end if;

  -- 2. drafts
  delete from app.respondent_drafts d using submitted s where d.response_id = s.id;
  return null;
end
$$;
comment on function app.responses_submitted is
  'Trigger on app.responses, after insert: 0. for a respondent''s request, refuses a staff channel and '
  'counts the responses against the client address (app.limit_respondent_submissions); 1. marks the '
  'invitations of the responses just submitted used, refusing a response whose invitation another '
  'response used; 2. deletes their drafts. Internal.';

revoke execute on all functions in schema app from public;
