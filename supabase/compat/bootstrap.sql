-- Supabase compatibility for databases that are not Supabase (PGlite, plain PostgreSQL 15+).
--
-- Runs before the migrations in embedded mode and over DATABASE_URL. It is never run on
-- Supabase itself, where these roles, the auth schema and its functions already exist.
-- Everything here is idempotent: it may run on every start.
--
-- What the migrations rely on, and Supabase provides:
--   roles anon, authenticated, service_role (NOLOGIN; the API switches to them with SET ROLE)
--   schema auth with auth.users, auth.uid(), auth.jwt(), auth.role()
--   schema supabase_migrations with schema_migrations (what the Supabase CLI records)
-- What the local stand-in for Supabase Auth needs besides: auth.refresh_tokens, auth.mfa_factors and
-- auth.mfa_challenges.

-- Roles belong to the whole server, not to one database: another database of the same server, migrated at
-- the same moment (the database tests' files, side by side), may make one between the check and the
-- create, which is then the same role and not an error.
do $$
begin
  begin
    if not exists (select 1 from pg_roles where rolname = 'anon') then
      create role anon nologin noinherit;
    end if;
  exception when duplicate_object or unique_violation then null;
  end;
  begin
    if not exists (select 1 from pg_roles where rolname = 'authenticated') then
      create role authenticated nologin noinherit;
    end if;
  exception when duplicate_object or unique_violation then null;
  end;
  begin
    if not exists (select 1 from pg_roles where rolname = 'service_role') then
      create role service_role nologin noinherit bypassrls;
    end if;
  exception when duplicate_object or unique_violation then null;
  end;
end
$$;

-- The connecting role must be able to SET ROLE to each API role, as Supabase's authenticator can.
do $$
begin
  execute format('grant anon, authenticated, service_role to %I', current_user);
exception when others then
  -- already granted, or the current user is a superuser that needs no grant
  null;
end
$$;

-- The role the API connects as, as PostgREST's `authenticator` does on Supabase: it logs in and can do
-- nothing itself but switch to anon, authenticated or service_role for each request, so a RESET ROLE inside
-- a request leaves it with no rights at all, never the owner's. With DATABASE_URL, set API_DATABASE_URL to
-- connect the API as it (give it a password first: ALTER ROLE authenticator PASSWORD '...').
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit nosuperuser nocreatedb nocreaterole;
  end if;
  grant anon, authenticated, service_role to authenticator;
exception when insufficient_privilege or duplicate_object or unique_violation then
  -- made by another database of the same server at the same moment, or the owner may not make roles:
  -- then the API connects as DATABASE_URL's user, and the server says so at start
  null;
end
$$;

create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key default gen_random_uuid(),
  aud varchar(255) default 'authenticated',
  role varchar(255) default 'authenticated',
  email varchar(255) unique,
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb default '{}'::jsonb,
  raw_user_meta_data jsonb default '{}'::jsonb,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
alter table auth.users enable row level security;

-- Refresh tokens of the local Auth stand-in (Supabase keeps its own, with more columns).
create table if not exists auth.refresh_tokens (
  id bigserial primary key,
  token varchar(255) not null unique,
  user_id uuid not null references auth.users (id) on delete cascade,
  session_id uuid not null,
  revoked boolean not null default false,
  created_at timestamptz not null default now()
);
-- when a token was replaced: presented again soon after (two requests refreshing at once) it gets the
-- session's new token; presented later, it was stolen or replayed, and its session ends
alter table auth.refresh_tokens add column if not exists revoked_at timestamptz;
alter table auth.refresh_tokens enable row level security;
-- signed-in pages look a session's tokens up by session_id; a user's sign-out by user_id
create index if not exists refresh_tokens_session_id_idx on auth.refresh_tokens (session_id);
create index if not exists refresh_tokens_user_id_idx on auth.refresh_tokens (user_id);

-- Second factors (TOTP) of the local stand-in, with Supabase Auth's table and column names, so that the
-- migrations' rule (app.has_role: a member who has set up a second factor must have used it in this
-- session) reads the same rows here and on Supabase. The secret is the stand-in's alone; last_step is the
-- last 30-second step whose code was accepted, so that a code is never accepted twice.
create table if not exists auth.mfa_factors (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  friendly_name text,
  factor_type text not null default 'totp' check (factor_type = 'totp'),
  status text not null default 'unverified' check (status in ('unverified', 'verified')),
  secret text not null,
  last_step bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_challenged_at timestamptz
);
alter table auth.mfa_factors enable row level security;
create index if not exists mfa_factors_user_id_idx on auth.mfa_factors (user_id);
create table if not exists auth.mfa_challenges (
  id uuid primary key default gen_random_uuid(),
  factor_id uuid not null references auth.mfa_factors (id) on delete cascade,
  created_at timestamptz not null default now(),
  verified_at timestamptz,
  ip_address inet
);
alter table auth.mfa_challenges enable row level security;
create index if not exists mfa_challenges_factor_id_idx on auth.mfa_challenges (factor_id);
-- the assurance level a session has reached: aal2 once its second factor was used, kept across refreshes
alter table auth.refresh_tokens add column if not exists aal text not null default 'aal1';

-- As Supabase defines them: the claims of the request's JWT, set by the API for each call.
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

-- What the Supabase CLI records for each applied migration.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);
