-- api.save_draft: one rule for a draft's key, on every path (issue 12's drafts; noticed in review).
--
-- Two first saves of the same response at the same moment (two tabs, a double press; on PostgreSQL's
-- separate connections) meet at the draft's primary key: the second one's insert fails, and it then
-- changed the first one's draft through an update of its own, which left easy_read as the first save
-- set it, with its own copy of the key check and of the refusal. Now the second save changes the draft as
-- any later save does: one update, which sets everything a save sets, of a draft of the same wave, and
-- one key check, that update's own condition (a draft kept before keys takes the first key it is given,
-- as before). A refusal raised after the address's save was counted takes the count back with it (the
-- call is one transaction).
--
-- Otherwise unchanged from 20261211000100_draft_keys.sql; create or replace keeps its grants (the server's
-- service_role only) and its comment. tests/db/drafts.test.ts races two first saves on PostgreSQL.

create or replace function api.save_draft(
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

  -- every save counts against the address's limit, and a new draft against its own as well (a refusal
  -- below takes its count back with it: the call is one transaction)
  perform app.count_call('draft_save');
  if v_new then
    perform app.count_call('draft_new');
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
        -- the same resume code twice: draw another; the same response id twice at the same moment: the
        -- other one was first, and this save changes its draft as any later save does, below
        if exists (select 1 from app.respondent_drafts d where d.response_id = p_response_id) then
          v_new := false;
          exit;
        end if;
      end;
    end loop;
  end if;

  -- a draft kept under a key is changed only with it (one made before keys takes the first key it is given)
  if not v_new then
    update app.respondent_drafts d
    set answers = d.answers || p_answers, step = p_step, easy_read = coalesce(p_easy_read, false),
        language = v_language, updated_at = now(), expires_at = now() + interval '30 days',
        key_hash = coalesce(d.key_hash, v_hash)
    where d.response_id = p_response_id and d.wave_id = v_wave.id and (d.key_hash is null or d.key_hash = v_hash)
    returning * into v_draft;
    if not found then
      raise exception 'These answers can be changed only from the pages they were given on, or with their resume code.'
        using errcode = '42501', hint = 'draft_locked';
    end if;
  end if;

  -- what the draft holds altogether, sent in however many pieces
  if octet_length(v_draft.answers::text) > 100000
     or (select count(*) from jsonb_object_keys(v_draft.answers)) > 500 then
    raise exception 'The answers are too long to keep.' using hint = 'invalid_request';
  end if;

  return app.draft_json(v_draft);
end
$$;
