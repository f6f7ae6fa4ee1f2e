-- Waves answered only through invitation links (issue 12, "Anonymous submissions"): a council running a
-- panel of families at a key stage, or a survey for one school's council, must not have answers from
-- anyone who found the public address. A wave's invitation_only setting, changed by admins, leads and
-- officers (api.set_wave_access, recorded in the audit log); the database refuses, whatever calls it:
--   * a draft of such a wave that did not start from an invitation link (a trigger on
--     app.respondent_drafts; api.start_invitation says, for its own transaction, that it is starting one);
--   * a response submitted to it without an invitation's draft (a step of app.responses_submitted), unless
--     staff of the organisation add it (paper, phone and event answers keyed in by officers).
-- Respondents see the setting (app.respondent_wave_json) so the welcome page says to use the link sent.

alter table app.waves add column invitation_only boolean not null default false;
comment on column app.waves.invitation_only is
  'Answered only through invitation links: the public address shows the survey but takes no answers. Set by '
  'api.set_wave_access.';

-- ---------------------------------------------------------------------------------------------
-- Who may change it
-- ---------------------------------------------------------------------------------------------
create function api.set_wave_access(p_wave_id uuid, p_invitation_only boolean)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
begin
  select * into v_wave from app.waves w where w.id = p_wave_id;
  if not found or not app.has_role(v_wave.organisation_id, '{admin,lead,officer}') then
    raise exception 'Only an administrator, lead or officer of this local area can change who may answer a wave.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_invitation_only is null then
    raise exception 'Choose who may answer.'
      using hint = 'invalid_wave', detail = jsonb_build_object('invitation_only', 'Choose who may answer.')::text;
  end if;
  if v_wave.invitation_only is distinct from p_invitation_only then
    update app.waves w set invitation_only = p_invitation_only where w.id = p_wave_id returning * into v_wave;
    perform app.audit(v_wave.organisation_id, 'wave.access_changed', v_wave.id::text,
                      jsonb_build_object('wave', v_wave.label, 'invitation_only', p_invitation_only));
  end if;
  return jsonb_build_object('id', v_wave.id, 'invitation_only', v_wave.invitation_only);
end
$$;
comment on function api.set_wave_access is
  'Admins, leads and officers of the wave''s organisation (checked inside). Whether the wave is answered only '
  'through invitation links (p_invitation_only); a change is kept in the audit log. Returns id and '
  'invitation_only.';
revoke execute on function api.set_wave_access from public, anon;
grant execute on function api.set_wave_access to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- The database refuses answers that did not come through a link
-- ---------------------------------------------------------------------------------------------
create function app.drafts_need_invitation()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.invitation_id is null
     and coalesce(current_setting('app.starting_invitation', true), '') <> 'on'
     and exists (select 1 from app.waves w where w.id = new.wave_id and w.invitation_only) then
    raise exception 'This survey is answered only through the links sent to the people invited. Use the link you were sent.'
      using hint = 'invitation_only';
  end if;
  return new;
end
$$;
comment on function app.drafts_need_invitation is
  'Trigger on app.respondent_drafts: a draft of an invitation-only wave must come from an invitation link '
  '(api.start_invitation). Internal.';

create trigger respondent_drafts_need_invitation
  before insert or update on app.respondent_drafts
  for each row execute function app.drafts_need_invitation();

-- The one trigger on app.responses (tests/db/read-models.test.ts keeps it one), restated whole from
-- 20261202120100_respondent_limits.sql with a new step 1: a response to a wave answered only through
-- invitation links needs the draft its link started, unless staff of the organisation add it. It runs
-- before step 3 deletes the drafts.
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

  -- 1. waves answered only through invitation links
  if exists (
    select 1 from submitted s join app.waves w on w.id = s.wave_id
    where w.invitation_only
      and not app.has_role(s.organisation_id, '{admin,lead,officer}')
      and not exists (select 1 from app.respondent_drafts d
                      where d.response_id = s.id and d.invitation_id is not null)) then
    raise exception 'This survey is answered only through the links sent to the people invited. Use the link you were sent.'
      using hint = 'invitation_only';
  end if;

  -- 2. invitations
  update app.invitations i set used_at = now(), response_id = s.id
  from submitted s join app.respondent_drafts d on d.response_id = s.id
  where d.invitation_id = i.id and i.used_at is null;
  if exists (select 1 from submitted s
             join app.respondent_drafts d on d.response_id = s.id
             join app.invitations i on i.id = d.invitation_id
             where i.response_id is distinct from s.id) then
    raise exception 'This invitation link has already been used.' using hint = 'invitation_used';
  end if;

  -- 3. drafts
  delete from app.respondent_drafts d using submitted s where d.response_id = s.id;
  return null;
end
$$;
comment on function app.responses_submitted is
  'Trigger on app.responses, after insert: 0. for a respondent''s request, refuses a staff channel and '
  'counts the responses against the client address (app.limit_respondent_submissions); 1. refuses a response '
  'to an invitation-only wave that did not start from an invitation link, unless staff of the organisation '
  'add it (hint invitation_only); 2. marks the invitations of the responses just submitted used, refusing a '
  'response whose invitation another response used; 3. deletes their drafts. Internal.';

-- As in 20261201000100_about_translations.sql, saying for its own transaction that an invitation is
-- starting the draft (the trigger above lets it through; the draft is bound to the link at once).
create or replace function api.start_invitation(
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
  perform set_config('app.starting_invitation', 'on', true);
  -- save_draft checks the wave, the response id and the language, and makes the draft with its resume code
  perform api.save_draft(p_response_id, v_wave.slug, '{}'::jsonb, 1, coalesce(p_easy_read, false), p_language);
  update app.respondent_drafts d set invitation_id = v_inv.id
  where d.response_id = p_response_id
  returning * into v_draft;
  perform set_config('app.starting_invitation', '', true);
  return app.draft_json(v_draft);
end
$$;

-- What respondents see of a wave: now with whether only invitation links answer it.
create or replace function app.respondent_wave_json(w app.waves)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'slug', w.slug, 'label', w.label, 'kind', w.kind,
    'opens_at', w.opens_at, 'closes_at', w.closes_at,
    'status', app.wave_status(w.opens_at, w.closes_at),
    'invitation_only', w.invitation_only)
$$;

-- What the builder shows of a wave: the same.
create or replace function app.builder_wave_json(w app.waves)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select jsonb_build_object(
    'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label,
    'opens_at', w.opens_at, 'closes_at', w.closes_at,
    'status', app.wave_status(w.opens_at, w.closes_at),
    'invitation_only', w.invitation_only)
    || app.wave_responses_for_caller(w.id)
$$;

-- Only the grants beside each function decide who may call what.
revoke execute on function app.drafts_need_invitation() from public;
