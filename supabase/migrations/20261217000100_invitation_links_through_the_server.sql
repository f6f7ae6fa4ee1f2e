-- Invitation links are looked up through the app's server alone, and unknown ones are counted per
-- client address, as wrong resume codes are (issue 12: "Limits must live in the database ... per
-- address with back-off, no global lockout").
--
-- api.invitation_status was granted to anon and authenticated: anyone could ask the API about token
-- after token, without limit. A token is 128 random bits, so guessing one is hopeless; this is defence
-- in depth, and it closes the last function a respondent's page calls that the database did not limit.
-- Now:
--   - api.invitation_status is executable by service_role alone. The app's server calls it for the
--     page of an invitation link, with the respondent's address in X-Client-Address
--     (src/lib/server/respondent/server-api.ts), as it calls api.start_invitation;
--   - a token that is not a link (malformed, or no link has it) counts a miss against that address
--     (action invitation_miss): 20 in 10 minutes block the address for 10 minutes, doubling at each
--     further block within a day, at most a day (app.count_miss, as for resume codes). A blocked address
--     is refused before its token is looked at (PT429, HTTP 429, hint rate_limited, details the seconds
--     to wait), even for a link that is its own; no other address is affected;
--   - the server's own calls that name no address (its tools, SQL) are not limited.
-- What the function answers is otherwise unchanged.

alter table app.client_limits drop constraint client_limits_action_check;
alter table app.client_limits add constraint client_limits_action_check
  check (action in ('resume_miss', 'invitation_miss', 'draft_new', 'draft_save', 'submit'));

-- LANGUAGE sql, as before: an unknown action answers null, not a row of nulls (tests/db/plans-kept.test.ts)
create or replace function app.client_limit_rule(p_action text, out max_hits integer, out span interval)
language sql immutable
set search_path = ''
as $$
  select r.max_hits, r.span
  from (values ('resume_miss', 20, interval '10 minutes'),
               ('invitation_miss', 20, interval '10 minutes'),
               ('draft_new', 300, interval '1 hour'),
               ('draft_save', 3000, interval '1 hour'),
               ('submit', 300, interval '1 hour')) r (action, max_hits, span)
  where r.action = p_action
$$;

create or replace function api.invitation_status(p_token text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_inv app.invitations;
  v_wave app.waves;
  v_status text;
begin
  -- an address that has asked about too many unknown links is refused before its token is looked at
  perform app.refuse_if_blocked('invitation_miss');
  if p_token is not null and p_token ~ '^[A-Za-z0-9_-]{22}$' then
    select * into v_inv from app.invitations i where i.token = p_token;
  end if;
  if v_inv.id is null then
    -- malformed or unknown alike: nothing is learnt from the form of a guess
    perform app.count_miss('invitation_miss');
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
  'The app''s server (service_role) only, for a respondent holding the token, with the respondent''s '
  'address in X-Client-Address. The wave''s slug and the link''s status: unused, used, closed or '
  'not_yet_open. Null for a token that is not a link, counted against the address: 20 in 10 minutes '
  'block the address for 10 minutes, doubling at each further block within a day (hint rate_limited, '
  'HTTP 429, details: seconds to wait). Never lists invitations.';
revoke execute on function api.invitation_status(text) from public, anon, authenticated;
grant execute on function api.invitation_status(text) to service_role;
