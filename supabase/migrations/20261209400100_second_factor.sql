-- Two-step sign-in for staff: a member who has set up a second factor (an authenticator app's code,
-- TOTP) holds none of their roles in a session that has not used it.
--
-- Supabase Auth marks each access token with the assurance level its session reached: 'aal1' after a
-- password, 'aal2' once a second factor was verified too. A stolen password alone then signs in, but
-- reads and changes nothing: every policy and API function asks app.has_role, and app.has_role now asks
-- for aal2 of a member with a verified factor. The check reads auth.mfa_factors, which Supabase Auth
-- keeps and the local stand-in keeps with the same names (supabase/compat/bootstrap.sql).

create or replace function app.has_role(p_organisation_id uuid, p_roles app.member_role[] default null)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
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
$$;
comment on function app.has_role is
  'True when the caller (auth.uid()) is a member of the organisation, with one of the roles if given, '
  'and, when the caller has set up a second factor, has used it in this session (the JWT''s aal is aal2). '
  'Security definer so that policies can use it without recursing into memberships'' own policy.';
revoke all on function app.has_role from public, anon;
grant execute on function app.has_role to authenticated, service_role;

-- The caller's organisations and roles: none in a session that has not used the caller's second factor,
-- so that downloads and pages that start from the memberships refuse too, not only the figures.
create or replace function api.my_memberships()
returns table (organisation_id uuid, organisation_slug text, organisation_name text, role app.member_role)
language sql stable security invoker
set search_path = ''
as $$
  select o.id, o.slug, o.name, m.role
  from app.memberships m join app.organisations o on o.id = m.organisation_id
  where m.user_id = (select auth.uid())
    and app.has_role(m.organisation_id)
  order by o.name, m.role
$$;
comment on function api.my_memberships is
  'Signed-in users. The caller''s organisations and roles; none until a caller with a second factor has used it.';
