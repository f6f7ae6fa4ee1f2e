-- A session that has ended gives no role (issue 12's sessions: "after sign-out the access token still
-- works for rpc() until it expires"; found again by an audit, which replayed a signed-out lead's cookie
-- and downloaded every response, and a signed-out admin's and the organisation's backup).
--
-- Signing out, and a refresh token presented twice, end the session at the Auth server (here its
-- stand-in revokes the session's refresh tokens; Supabase Auth deletes the session and its refresh tokens
-- with it), but an access token already handed out is a signed JWT that stays valid until it expires, and
-- the API checks only its signature. The rights of a signed-in member all come from app.has_role: every
-- policy on the organisations' tables and every staff function asks it. So app.has_role now also asks
-- that the session the JWT names (its session_id claim, which Supabase Auth and the stand-in put in every
-- access token) still has a refresh token that has not been revoked. A token of an ended session is then
-- a stranger's everywhere at once, on the embedded database, over DATABASE_URL and on Supabase, whatever
-- path the request takes.
--
-- A JWT that names no session (the server's own tools and tests setting claims in SQL; no access token
-- from either Auth server lacks one, and nobody without the JWT secret can make one) is not asked.
-- auth.refresh_tokens is indexed on session_id on both (supabase/compat/bootstrap.sql; Supabase's own).
-- Otherwise unchanged from 20261213000100_plans_kept.sql; create or replace keeps its grants.

create or replace function app.has_role(p_organisation_id uuid, p_roles app.member_role[] default null)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_session uuid := nullif((select auth.jwt()) ->> 'session_id', '')::uuid;
begin
  return exists (
    select 1 from app.memberships m
    where m.organisation_id = p_organisation_id
      and m.user_id = (select auth.uid())
      and (p_roles is null or m.role = any (p_roles))
  )
  and (
    coalesce((select auth.jwt() ->> 'aal'), 'aal1') = 'aal2'
    or not exists (
      select 1 from auth.mfa_factors f
      where f.user_id = (select auth.uid()) and f.status = 'verified'
    )
  )
  and (
    v_session is null
    or exists (select 1 from auth.refresh_tokens t where t.session_id = v_session and not t.revoked)
  );
end
$$;
comment on function app.has_role is
  'True when the caller (auth.uid()) is a member of the organisation, with one of the roles if given; '
  'when the caller has set up a second factor, has used it in this session (the JWT''s aal is aal2); and '
  'when the JWT names a session (session_id), that session has not ended (a refresh token of it is not '
  'revoked: signed out, or a refresh token presented twice, ends it). Security definer so that policies '
  'can use it without recursing into memberships'' own policy.';
