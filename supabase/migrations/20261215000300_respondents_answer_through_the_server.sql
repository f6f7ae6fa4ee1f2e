-- Respondents' answers reach the database only through the app's server (issue 12's anonymous
-- submissions: "Respondents' channels are decided by the server, staff channels only through staff
-- functions"; found still open by an audit).
--
-- api.submit_response and api.start_invitation were granted to anon and authenticated as well as to the
-- server (service_role), which calls them for every respondent with the respondent's address in
-- X-Client-Address (src/lib/server/respondent/server-api.ts). Two ways round the rules were left:
--   - a signed-in account of any role and any organisation, calling api.submit_response directly without
--     naming an address, was taken for staff (app.limit_respondent_submissions): it could send answers
--     given "on paper", "by phone" or "in a focus group", with any panel code, to another organisation's
--     wave, and without limit; staff enter such answers through api.enter_response and
--     api.import_responses, which ask for the role in the wave's organisation;
--   - anon calling the API directly was counted under X-Forwarded-For's first entry, which a client writes
--     itself where the gateway in front adds to the header rather than replacing it (as Supabase's is
--     reported to): another first entry on each call, and the hourly limit never came.
-- Now both functions are the server's alone, as api.save_draft and api.load_draft already were, and the
-- database takes a respondent's address only from the server's X-Client-Address; nobody else's request
-- names one. The app's pages are unchanged: they never called either function as anon or as a member.
-- Staff answering a survey themselves do it as respondents, through the same pages.

revoke execute on function api.submit_response(uuid, text, jsonb, jsonb, text, text, text, text, text)
  from anon, authenticated;
revoke execute on function api.start_invitation(text, uuid, boolean, text, text) from anon, authenticated;

comment on function api.submit_response is
  'The app''s server (service_role) only, for a respondent, with the respondent''s address in '
  'X-Client-Address. Records one response to an open wave, idempotent on the client-made p_response_id. '
  'p_answers maps question keys to an option value, a list of option values, a number or text. '
  'Refuses a closed or not yet open wave (hint wave_closed / wave_not_open), invalid answers '
  '(hint invalid_answers, detail a JSON object of field -> message), a channel other than online or '
  'easy_read (hint not_permitted; staff use api.enter_response), more than 300 responses an hour from '
  'one address (rate_limited), and the response of a draft kept under another key than p_draft_key '
  '(draft_locked), writing nothing.';
comment on function api.start_invitation is
  'The app''s server (service_role) only, for a respondent holding the token. Starts a draft (as '
  'api.save_draft, under p_draft_key) bound to the invitation, so that submitting its response uses the '
  'link. Refuses a used link (invitation_used), an unknown one (not_found), and a closed or not yet open '
  'wave as api.save_draft does.';

create or replace function app.client_address()
returns text
language plpgsql stable
set search_path = ''
as $$
declare
  h jsonb := nullif(current_setting('request.headers', true), '')::jsonb;
begin
  if (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role') = 'service_role' then
    return nullif(btrim(h ->> 'x-client-address'), '');
  end if;
  return null;
end
$$;
comment on function app.client_address is
  'The address of the respondent this request is for: X-Client-Address when the caller is the app''s '
  'server (service_role); null otherwise (no other caller may call the functions that count per address, '
  'and X-Forwarded-For is the client''s to write). Internal.';
