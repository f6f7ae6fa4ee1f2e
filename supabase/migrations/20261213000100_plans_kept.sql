-- Plans kept between calls on the path of a Send (issue 12, load and speed).
--
-- A function in LANGUAGE sql with its own search_path (every function here has one: the database lint
-- requires it) is never inlined, and PostgreSQL before 18 plans its statements again at every call:
-- a submission planned the five counting statements of app.count_response, and the small helpers
-- below, each time it was sent. The same functions in PL/pgSQL keep their plans for the connection
-- (the API's connections, and the embedded database's one, live as long as the server); a PL/pgSQL
-- function of one expression keeps a plan for it too and evaluates it on PL/pgSQL's fast path.
--
-- Nothing they answer changes: each body is the statement it was, run the same way (bench/submit.ts
-- prints what a submission costs now, on both engines; run with this migration moved aside it gave the
-- figures before; tests/db/plans-kept.test.ts checks that the functions answer as before).

-- Every count a response moves (20261209600100_reach_journey_read_models.sql): the same statements, kept planned.
create or replace function app.count_response(p_response_id uuid, p_sign integer default 1)
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  -- Rows are upserted in key order so that concurrent submissions lock counters in one order.
  insert into app.wave_group_counts as c (organisation_id, wave_id, dimension, category, n)
  select r.organisation_id, r.wave_id, g.dimension, g.category, greatest(p_sign, 0)
  from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  where r.id = p_response_id
  order by g.dimension, g.category
  on conflict (wave_id, dimension, category) do update set n = c.n + p_sign;

  -- positive moves with n: p_sign for a question where the response ticked a positive answer. The new value
  -- is read off the proposed row's positive, which carries the response's own 0 or 1 (times p_sign when taking
  -- away: such a row always exists already, so the proposed row is never inserted).
  insert into app.question_counts as c (organisation_id, wave_id, question_id, dimension, category, n, positive)
  select r.organisation_id, r.wave_id, q.question_id, g.dimension, g.category, greatest(p_sign, 0),
         q.positive
  from app.responses r
  cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  join (select a.question_id, max(case when o.is_positive then 1 else 0 end) as positive
        from app.answers a left join app.question_options o on o.id = a.option_id
        where a.response_id = p_response_id
        group by a.question_id) q on true
  where r.id = p_response_id
  order by q.question_id, g.dimension, g.category
  on conflict (wave_id, question_id, dimension, category)
  do update set n = c.n + p_sign, positive = coalesce(c.positive, 0) + p_sign * excluded.positive;

  insert into app.option_counts as c (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category, greatest(p_sign, 0)
  from app.responses r
  cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  join app.answers a on a.response_id = r.id and a.option_id is not null
  where r.id = p_response_id
  order by a.question_id, a.option_id, g.dimension, g.category
  on conflict (wave_id, question_id, option_id, dimension, category) do update set n = c.n + p_sign;

  insert into app.wave_language_counts as c (organisation_id, wave_id, language, n)
  select r.organisation_id, r.wave_id, r.language, greatest(p_sign, 0)
  from app.responses r where r.id = p_response_id
  on conflict (wave_id, language) do update set n = c.n + p_sign;

  -- the panel read models are recounted from the code's raw rows (taking a response away is finished by the
  -- trigger on its deletion)
  perform app.recount_panel_codes(r.organisation_id, array[r.panel_code])
  from app.responses r where r.id = p_response_id and r.panel_code is not null;
end
$$;

-- The groups a response counts in (20261130000400_channel_counts.sql).
create or replace function app.response_groups(p_about jsonb, p_channel text, p_assistance text)
returns table (dimension text, category text)
language plpgsql immutable rows 8
set search_path = ''
as $$
begin
  -- Everyone ('_all'), the about-you group of each dimension the respondent answered, the channel,
  -- and how the answers were given when the respondent said.
  return query
  select '_all'::text, '_all'::text
  union all
  select e.key, e.value from jsonb_each_text(coalesce(p_about, '{}'::jsonb)) e
  union all
  select 'channel'::text, p_channel where p_channel is not null
  union all
  select 'assistance'::text, p_assistance where p_assistance is not null;
end
$$;

-- The client's address as the API was given it (20261202120100_respondent_limits.sql).
create or replace function app.client_address()
returns text
language plpgsql stable
set search_path = ''
as $$
declare
  h jsonb := nullif(current_setting('request.headers', true), '')::jsonb;
begin
  return case
    when (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role') = 'service_role'
      then nullif(btrim(h ->> 'x-client-address'), '')
    else nullif(btrim(split_part(h ->> 'x-forwarded-for', ',', 1)), '')
  end;
end
$$;

create or replace function app.client_key()
returns text
language plpgsql stable
set search_path = ''
as $$
declare
  a text := app.client_address();
begin
  -- No address, no limit: staff and the server's own tools name none, and a bucket shared by every
  -- caller without one would let one of them lock out all the others. Supabase's gateway always sets
  -- X-Forwarded-For; the embedded stand-in is reached only from inside the app's own process.
  if a is null then
    return null;
  end if;
  return encode(extensions.digest(convert_to(a, 'UTF8'), 'sha256'), 'hex');
end
$$;

create or replace function app.wave_status(p_opens_at timestamptz, p_closes_at timestamptz)
returns text
language plpgsql stable
set search_path = ''
as $$
begin
  return case
    when now() < p_opens_at then 'not_yet_open'
    when now() >= p_closes_at then 'closed'
    else 'open'
  end;
end
$$;

create or replace function app.has_role(p_organisation_id uuid, p_roles app.member_role[] default null)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
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
  );
end
$$;

create or replace function app.safeguarding_normal(p_text text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  return btrim(regexp_replace(
    regexp_replace(translate(lower(coalesce(p_text, '')), '''’‘`', ''), '[^a-z0-9]+', ' ', 'g'),
    ' +', ' ', 'g'));
end
$$;

create or replace function app.safeguarding_match(p_organisation_id uuid, p_text text)
returns text
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_body text := ' ' || app.safeguarding_normal(p_text) || ' ';
begin
  return (
    select p.phrase from app.safeguarding_phrases p
    where p.organisation_id = p_organisation_id
      and position(' ' || p.phrase || ' ' in v_body) > 0
    order by length(p.phrase) desc, p.phrase
    limit 1);
end
$$;

create or replace function app.condition_met(p_conditions jsonb, p_given jsonb)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_conditions is null then
    return true;
  elsif p_conditions ->> 'match' = 'any' then
    return coalesce((
      select bool_or(app.condition_rule_met(r, p_given)) from jsonb_array_elements(p_conditions -> 'rules') r), true);
  end if;
  return coalesce((
    select bool_and(app.condition_rule_met(r, p_given)) from jsonb_array_elements(p_conditions -> 'rules') r), true);
end
$$;
