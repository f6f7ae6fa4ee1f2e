-- One-time invitation links: for surveys given at a key stage of a family's journey (after an
-- annual review, say), staff make links that each take one response.
--
-- A link is /s/i/<token>, the token 128 random bits in base64url. Opening it starts a draft bound
-- to the invitation (api.start_invitation); when that draft's response is submitted, a trigger on
-- app.responses marks the invitation used in the same transaction, and refuses the response if
-- the invitation was used meanwhile (two tabs), so a link never takes two responses and
-- api.submit_response is untouched.

create table app.invitations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  wave_id uuid not null,
  token text not null unique check (token ~ '^[A-Za-z0-9_-]{22}$'),
  -- a note for staff such as "after annual review"; never a name
  label text check (label is null or char_length(label) between 1 and 120),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  used_at timestamptz,
  response_id uuid unique,
  check ((used_at is null) = (response_id is null)),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);
create index invitations_wave_idx on app.invitations (wave_id, created_at);
comment on table app.invitations is
  'One-time links to answer a wave. Survey staff and safeguarding read their organisation''s (a token '
  'lets anyone answer once, so forum and scrutiny do not see them); made only by '
  'api.create_invitations (admin, lead, officer); used only by the trigger on app.responses.';

alter table app.invitations enable row level security;
revoke all on app.invitations from anon, authenticated;
grant select on app.invitations to authenticated;
grant all on app.invitations to service_role;
create policy "survey staff read invitations" on app.invitations
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));

-- a draft started from an invitation
alter table app.respondent_drafts add column invitation_id uuid references app.invitations (id) on delete set null;

create function app.new_invitation_token()
returns text
language sql volatile
set search_path = ''
as $$
  select translate(rtrim(encode(extensions.gen_random_bytes(16), 'base64'), '='), '+/', '-_')
$$;
comment on function app.new_invitation_token is 'A random 128-bit token in base64url (22 characters). Internal.';

create function api.create_invitations(p_wave_id uuid, p_count integer, p_label text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_label text := nullif(btrim(coalesce(p_label, '')), '');
  v_rows jsonb;
begin
  select * into v_wave from app.waves w where w.id = p_wave_id;
  if not found or not app.has_role(v_wave.organisation_id, '{admin,lead,officer}') then
    raise exception 'Only an administrator, lead or officer of this local area can make invitation links.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_count is null or p_count not between 1 and 200 then
    raise exception 'Make between 1 and 200 links at a time.'
      using hint = 'invalid_invitations', detail = jsonb_build_object('count', 'Enter a number from 1 to 200.')::text;
  end if;
  if v_label is not null and char_length(v_label) > 120 then
    raise exception 'Keep the note to 120 characters or fewer.'
      using hint = 'invalid_invitations', detail = jsonb_build_object('label', 'Keep the note to 120 characters or fewer.')::text;
  end if;
  with made as (
    insert into app.invitations (organisation_id, wave_id, token, label, created_by)
    select v_wave.organisation_id, v_wave.id, app.new_invitation_token(), v_label, auth.uid()
    from generate_series(1, p_count)
    returning id, token, label, created_at
  )
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'token', token, 'label', label, 'created_at', created_at)), '[]'::jsonb)
  into v_rows from made;
  return v_rows;
end
$$;
comment on function api.create_invitations is
  'Admins, leads and officers of the wave''s organisation (checked inside: security definer). Makes '
  'p_count (1 to 200) one-time links for the wave, with an optional note (p_label, never a name). '
  'Returns the new links: id, token, label, created_at.';

create function api.list_invitations(p_wave_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', i.id, 'token', i.token, 'label', i.label, 'created_at', i.created_at, 'used_at', i.used_at)
    order by i.created_at desc, i.id), '[]'::jsonb)
  from app.invitations i where i.wave_id = p_wave_id
$$;
comment on function api.list_invitations is
  'Members of the wave''s organisation (RLS decides). The wave''s invitation links, newest first, with '
  'when each was used.';

create function api.invitation_status(p_token text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_inv app.invitations;
  v_wave app.waves;
  v_status text;
begin
  if p_token is null or p_token !~ '^[A-Za-z0-9_-]{22}$' then
    return null;
  end if;
  select * into v_inv from app.invitations i where i.token = p_token;
  if not found then
    return null;
  end if;
  select * into v_wave from app.waves w where w.id = v_inv.wave_id;
  v_status := app.wave_status(v_wave.opens_at, v_wave.closes_at);
  return jsonb_build_object(
    'wave_slug', v_wave.slug,
    'status', case when v_inv.used_at is not null then 'used'
                   when v_status = 'open' then 'unused'
                   else v_status end);
end
$$;
comment on function api.invitation_status is
  'Anyone (anon) holding the token. The wave''s slug and the link''s status: unused, used, closed or '
  'not_yet_open. Null for a token that is not known. Never lists invitations.';

create function api.start_invitation(p_token text, p_response_id uuid, p_easy_read boolean default false)
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
  -- save_draft checks the wave and the response id, and makes the draft with its resume code
  perform api.save_draft(p_response_id, v_wave.slug, '{}'::jsonb, 1, coalesce(p_easy_read, false));
  update app.respondent_drafts d set invitation_id = v_inv.id
  where d.response_id = p_response_id
  returning * into v_draft;
  return app.draft_json(v_draft);
end
$$;
comment on function api.start_invitation is
  'Anyone (anon) holding the token. Starts a draft (as api.save_draft) bound to the invitation, so that '
  'submitting its response uses the link. Refuses a used link (invitation_used), an unknown one '
  '(not_found), and a closed or not yet open wave as api.save_draft does.';

-- Submitting a response started from an invitation uses the invitation; a second response for
-- the same invitation is refused, and with it the whole submission. Named to fire before
-- responses_forget_drafts (triggers fire in name order), which deletes the drafts.
create function app.claim_invitations()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update app.invitations i set used_at = now(), response_id = s.id
  from submitted s join app.respondent_drafts d on d.response_id = s.id
  where d.invitation_id = i.id and i.used_at is null;
  if exists (select 1 from submitted s
             join app.respondent_drafts d on d.response_id = s.id
             join app.invitations i on i.id = d.invitation_id
             where i.response_id is distinct from s.id) then
    raise exception 'This invitation link has already been used.' using hint = 'invitation_used';
  end if;
  return null;
end
$$;
comment on function app.claim_invitations is
  'Trigger on app.responses: marks the invitations of the responses just submitted used; refuses a '
  'response whose invitation was already used. Internal.';

create trigger responses_claim_invitations
  after insert on app.responses
  referencing new table as submitted
  for each statement execute function app.claim_invitations();

-- ---------------------------------------------------------------------------------------------
-- Only the grants below and beside each function decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function api.create_invitations to authenticated, service_role;
grant execute on function api.list_invitations to authenticated, service_role;
grant execute on function api.invitation_status to anon, authenticated, service_role;
grant execute on function api.start_invitation to anon, authenticated, service_role;
grant execute on function api.save_draft to anon, authenticated, service_role;
grant execute on function api.load_draft to anon, authenticated, service_role;
