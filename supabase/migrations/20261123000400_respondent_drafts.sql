-- Respondent drafts: the answers of a survey that is under way, kept on the server so that the
-- survey works one page at a time without JavaScript, and can be finished later on another device.
--
-- A draft is keyed by the response id the respondent's browser carries in the address (a random
-- UUID made when they start) and can also be found by a short resume code shown on every page.
-- Neither says who the respondent is. Drafts expire 30 days after they were last saved, and are
-- deleted when the response is submitted (a trigger on app.responses, so that
-- api.submit_response is untouched).
--
-- The table lives in the private schema with row-level security and no grants to anon or
-- authenticated: respondents reach it only through api.save_draft and api.load_draft.

create table app.respondent_drafts (
  -- the id the response will have when it is submitted
  response_id uuid primary key,
  organisation_id uuid not null,
  wave_id uuid not null,
  -- 8 characters from an alphabet without look-alikes (no I, L, O, U, 0 or 1), shown as K7QP-2MXA
  resume_code text not null unique check (resume_code ~ '^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{8}$'),
  -- form field name -> value as posted: a question key, about.<dimension>, assistance, panel_code
  answers jsonb not null default '{}'::jsonb check (jsonb_typeof(answers) = 'object'),
  -- the page to return to (1 is the first question)
  step integer not null default 1 check (step between 1 and 1000),
  easy_read boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '30 days',
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);
create index respondent_drafts_expires_idx on app.respondent_drafts (expires_at);
comment on table app.respondent_drafts is
  'Answers of a survey under way, by the client-made response id. Anonymous; expire after 30 days; '
  'deleted when the response is submitted. Reached only through api.save_draft and api.load_draft.';

alter table app.respondent_drafts enable row level security;
-- No policies and no grants to anon or authenticated: nobody reads drafts but the API functions.
revoke all on app.respondent_drafts from anon, authenticated;
grant all on app.respondent_drafts to service_role;

create function app.new_resume_code()
returns text
language sql volatile
set search_path = ''
as $$
  select string_agg(substr('ABCDEFGHJKMNPQRSTVWXYZ23456789', 1 + (get_byte(b, i) % 30), 1), '' order by i)
  from (select extensions.gen_random_bytes(8) as b) r
  cross join generate_series(0, 7) i
$$;
comment on function app.new_resume_code is 'A random 8-character resume code (30 symbols, about 39 bits). Internal.';

create function app.draft_json(d app.respondent_drafts)
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
    'expires_at', d.expires_at)
$$;
comment on function app.draft_json is 'What api.save_draft and api.load_draft return for a draft. Internal.';

create function api.save_draft(
  p_response_id uuid,
  p_wave_slug text,
  p_answers jsonb default '{}'::jsonb,
  p_step integer default 1,
  p_easy_read boolean default false
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_status text;
  v_draft app.respondent_drafts;
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

  select * into v_draft from app.respondent_drafts d where d.response_id = p_response_id for update;
  if found and v_draft.wave_id <> v_wave.id then
    raise exception 'These answers belong to another survey.' using hint = 'wrong_wave';
  end if;

  if found and v_draft.expires_at > now() then
    update app.respondent_drafts d
    set answers = d.answers || p_answers, step = p_step, easy_read = coalesce(p_easy_read, false),
        updated_at = now(), expires_at = now() + interval '30 days'
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
        insert into app.respondent_drafts (response_id, organisation_id, wave_id, resume_code, answers, step, easy_read)
        values (p_response_id, v_wave.organisation_id, v_wave.id, app.new_resume_code(), p_answers, p_step,
                coalesce(p_easy_read, false))
        returning * into v_draft;
        exit;
      exception when unique_violation then
        -- the same resume code twice (about one in 600 billion): draw another; the same
        -- response id twice at the same moment: the other one was first, so update it
        if exists (select 1 from app.respondent_drafts d where d.response_id = p_response_id) then
          update app.respondent_drafts d
          set answers = d.answers || p_answers, step = p_step, updated_at = now(),
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
  'draft of another wave (wrong_wave). Returns the draft as api.load_draft does.';
grant execute on function api.save_draft to anon, authenticated, service_role;

create function api.load_draft(p_response_id uuid default null, p_resume_code text default null)
returns jsonb
language plpgsql stable security definer
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
    -- Typed by a person: any case, with or without the dash or spaces.
    v_code := upper(regexp_replace(p_resume_code, '[\s-]', '', 'g'));
    if v_code !~ '^[ABCDEFGHJKMNPQRSTVWXYZ2-9]{8}$' then
      return null;
    end if;
    select * into v_draft from app.respondent_drafts d
    where d.resume_code = v_code and d.expires_at > now();
    if not found then
      return null;
    end if;
  end if;

  return app.draft_json(v_draft);
end
$$;
comment on function api.load_draft is
  'Anyone (anon): a respondent who holds the response id, or who typed the resume code. Exactly one of '
  'the two. The draft (answers, page, resume code, wave) if it has not expired; {status: submitted} when '
  'the response id has already been sent; null otherwise. Never lists drafts.';
grant execute on function api.load_draft to anon, authenticated, service_role;

-- Submitting a response ends its draft, whoever inserted the response (the API, an import, the seed).
create function app.forget_submitted_drafts()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  delete from app.respondent_drafts d using submitted s where d.response_id = s.id;
  return null;
end
$$;
comment on function app.forget_submitted_drafts is
  'Trigger on app.responses: deletes the drafts of the responses just submitted. Internal.';

create trigger responses_forget_drafts
  after insert on app.responses
  referencing new table as submitted
  for each statement execute function app.forget_submitted_drafts();

-- ---------------------------------------------------------------------------------------------
-- Only the grants beside each function decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function api.save_draft to anon, authenticated, service_role;
grant execute on function api.load_draft to anon, authenticated, service_role;
