-- Foundation: organisations, memberships, strategy priorities, surveys, questions, waves,
-- responses, answers, and running counts of answers per wave, question, option and group.
--
-- Tables live in the private schema `app`; nothing in it is exposed over HTTP. The API is the
-- set of functions in schema `api` (the one schema named in supabase/config.toml).
-- Every table has row-level security. `authenticated` may SELECT what RLS lets it see, so that
-- security-invoker API functions are bound by the same policies as any other client would be;
-- `anon` has no access to any table and reaches the database only through the few
-- security-definer functions granted to it.

create schema if not exists app;
create schema if not exists api;

revoke all on schema app from public;
revoke all on schema api from public;
grant usage on schema app to authenticated, service_role;
grant usage on schema api to anon, authenticated, service_role;

-- Functions are executable by PUBLIC when created; every migration ends by revoking that, so that
-- only the explicit grants beside each function decide who may call it.

-- ---------------------------------------------------------------------------------------------
-- Vocabulary
-- ---------------------------------------------------------------------------------------------

create type app.member_role as enum ('admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding');
comment on type app.member_role is
  'admin: runs the organisation; lead: strategic lead, owns surveys and KPIs; officer: day-to-day survey work; '
  'forum: parent carer forum, reviews reach; scrutiny: councillors, read-only published figures; '
  'safeguarding: the named lead who receives safeguarding disclosures.';

create type app.survey_audience as enum ('children_young_people', 'parent_carers', 'professionals', 'schools_settings');
create type app.wave_kind as enum ('baseline', 'repeat');
create type app.question_kind as enum (
  'agreement_5',     -- strongly agree .. strongly disagree
  'faces_3',         -- happy, okay, sad
  'yes_no_unsure',   -- yes, no, not sure
  'single_choice',
  'multi_choice',
  'rating_0_10',     -- eleven options 0..10
  'number',
  'free_text'
);
create type app.response_channel as enum ('online', 'easy_read', 'paper', 'event', 'phone', 'focus_group', 'import');
create type app.response_assistance as enum ('own', 'helped', 'on_behalf');

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table app.organisations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60),
  name text not null check (length(btrim(name)) between 1 and 200),
  la_code text check (la_code ~ '^E[0-9]{8}$'),
  -- disclosure control: counts below this are hidden from roles that see published figures only
  min_cell_size integer not null default 10 check (min_cell_size between 1 and 100),
  created_at timestamptz not null default now()
);
comment on table app.organisations is 'One local area (council, health, schools and colleges together): the tenant.';

create table app.memberships (
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role app.member_role not null,
  created_at timestamptz not null default now(),
  primary key (organisation_id, user_id, role)
);
create index memberships_user_idx on app.memberships (user_id);

create table app.strategy_priorities (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  position integer not null check (position > 0),
  title text not null check (length(btrim(title)) between 1 and 300),
  description text check (length(description) <= 4000),
  unique (organisation_id, position),
  unique (id, organisation_id)
);

create table app.surveys (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  title text not null check (length(btrim(title)) between 1 and 200),
  audience app.survey_audience not null,
  easy_read boolean not null default false,
  introduction text not null default '' check (length(introduction) <= 4000),
  privacy_notice text not null default '' check (length(privacy_notice) <= 4000),
  created_at timestamptz not null default now(),
  unique (id, organisation_id)
);

create table app.questions (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  survey_id uuid not null,
  -- stable across waves: the same key is the same question in the baseline and every repeat
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  position integer not null check (position > 0),
  kind app.question_kind not null,
  prompt text not null check (length(btrim(prompt)) between 1 and 1000),
  easy_read_prompt text check (length(easy_read_prompt) <= 1000),
  help_text text check (length(help_text) <= 2000),
  required boolean not null default false,
  max_length integer check (max_length between 1 and 10000),
  min_value numeric,
  max_value numeric,
  priority_id uuid,
  version integer not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  foreign key (survey_id, organisation_id) references app.surveys (id, organisation_id) on delete cascade,
  foreign key (priority_id, organisation_id) references app.strategy_priorities (id, organisation_id)
    on delete set null (priority_id),
  unique (survey_id, key),
  unique (id, organisation_id),
  check (kind <> 'free_text' or max_length is not null),
  check (min_value is null or max_value is null or min_value <= max_value)
);
create index questions_survey_idx on app.questions (survey_id, position);

create table app.question_options (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  question_id uuid not null,
  value text not null check (value ~ '^[a-z0-9_]{1,40}$'),
  label text not null check (length(btrim(label)) between 1 and 300),
  easy_read_label text check (length(easy_read_label) <= 300),
  symbol text check (length(symbol) <= 100),
  -- counts towards the share positive of an indicator read off this question
  is_positive boolean not null default false,
  position integer not null check (position > 0),
  foreign key (question_id, organisation_id) references app.questions (id, organisation_id) on delete cascade,
  unique (question_id, value),
  unique (question_id, position)
);

create table app.waves (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  survey_id uuid not null,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  kind app.wave_kind not null,
  label text not null check (length(btrim(label)) between 1 and 120),
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  created_at timestamptz not null default now(),
  foreign key (survey_id, organisation_id) references app.surveys (id, organisation_id) on delete cascade,
  unique (id, organisation_id),
  check (closes_at > opens_at)
);
create unique index waves_one_baseline_idx on app.waves (survey_id) where kind = 'baseline';
create index waves_survey_idx on app.waves (survey_id, opens_at);

-- About-you vocabulary: the standard dimensions and their categories. A category with a null
-- organisation is standard for everyone; an organisation adds its own (its areas, say).
create table app.about_dimensions (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text not null,
  position integer not null unique
);

create table app.about_categories (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid references app.organisations (id) on delete cascade,
  dimension text not null references app.about_dimensions (key),
  code text not null check (code ~ '^[a-z0-9_]{1,40}$'),
  label text not null,
  parent_code text,
  position integer not null
);
create unique index about_categories_code_idx
  on app.about_categories (coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid), dimension, code);

create table app.responses (
  -- made by the client before it submits, so that a repeated submission is recognised
  id uuid primary key,
  organisation_id uuid not null,
  wave_id uuid not null,
  submitted_at timestamptz not null default now(),
  channel app.response_channel not null default 'online',
  assistance app.response_assistance,
  panel_code text check (panel_code ~ '^[A-Z0-9]{4}-[A-Z0-9]{4}$'),
  language text not null default 'en' check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  -- about-you answers: dimension key -> category code, each optional
  about jsonb not null default '{}'::jsonb check (jsonb_typeof(about) = 'object'),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);
create index responses_wave_idx on app.responses (wave_id);
create index responses_panel_idx on app.responses (organisation_id, panel_code) where panel_code is not null;

create table app.answers (
  id bigint generated always as identity primary key,
  organisation_id uuid not null,
  response_id uuid not null references app.responses (id) on delete cascade,
  question_id uuid not null,
  -- Checked at commit: deleting a whole survey or organisation removes its answers too, while a
  -- question or option that still has answers cannot be deleted on its own.
  option_id uuid references app.question_options (id) deferrable initially deferred,
  text_value text,
  number_value numeric,
  foreign key (question_id, organisation_id) references app.questions (id, organisation_id)
    deferrable initially deferred,
  check (num_nonnulls(option_id, text_value, number_value) = 1),
  unique nulls not distinct (response_id, question_id, option_id)
);
create index answers_question_idx on app.answers (question_id);

-- Running counts, kept by the submission itself so that dashboards never scan raw answers.
-- dimension/category '_all' is everyone; otherwise one about-you dimension and its category.
create table app.wave_group_counts (
  organisation_id uuid not null,
  wave_id uuid not null,
  dimension text not null,
  category text not null,
  n integer not null check (n >= 0),
  primary key (wave_id, dimension, category),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);

create table app.question_counts (
  organisation_id uuid not null,
  wave_id uuid not null,
  question_id uuid not null references app.questions (id) on delete cascade,
  dimension text not null,
  category text not null,
  n integer not null check (n >= 0),
  primary key (wave_id, question_id, dimension, category),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);

create table app.option_counts (
  organisation_id uuid not null,
  wave_id uuid not null,
  question_id uuid not null references app.questions (id) on delete cascade,
  option_id uuid not null references app.question_options (id) on delete cascade,
  dimension text not null,
  category text not null,
  n integer not null check (n >= 0),
  primary key (wave_id, question_id, option_id, dimension, category),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);

-- ---------------------------------------------------------------------------------------------
-- Who is calling
-- ---------------------------------------------------------------------------------------------

create function app.has_role(p_organisation_id uuid, p_roles app.member_role[] default null)
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
$$;
comment on function app.has_role is
  'True when the caller (auth.uid()) is a member of the organisation, with one of the roles if given. '
  'Security definer so that policies can use it without recursing into memberships'' own policy.';
grant execute on function app.has_role to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------

alter table app.organisations enable row level security;
alter table app.memberships enable row level security;
alter table app.strategy_priorities enable row level security;
alter table app.surveys enable row level security;
alter table app.questions enable row level security;
alter table app.question_options enable row level security;
alter table app.waves enable row level security;
alter table app.about_dimensions enable row level security;
alter table app.about_categories enable row level security;
alter table app.responses enable row level security;
alter table app.answers enable row level security;
alter table app.wave_group_counts enable row level security;
alter table app.question_counts enable row level security;
alter table app.option_counts enable row level security;

grant select on all tables in schema app to authenticated;
grant all on all tables in schema app to service_role;
grant update (opens_at, closes_at, label) on app.waves to authenticated;

create policy "members read their organisation" on app.organisations
  for select to authenticated using (app.has_role(id));

create policy "members read their own memberships; admins read all of theirs" on app.memberships
  for select to authenticated
  using (user_id = (select auth.uid()) or app.has_role(organisation_id, '{admin}'));

create policy "members read priorities" on app.strategy_priorities
  for select to authenticated using (app.has_role(organisation_id));

create policy "members read surveys" on app.surveys
  for select to authenticated using (app.has_role(organisation_id));

create policy "members read questions" on app.questions
  for select to authenticated using (app.has_role(organisation_id));

create policy "members read options" on app.question_options
  for select to authenticated using (app.has_role(organisation_id));

create policy "members read waves" on app.waves
  for select to authenticated using (app.has_role(organisation_id));

create policy "admins and leads change waves" on app.waves
  for update to authenticated
  using (app.has_role(organisation_id, '{admin,lead}'))
  with check (app.has_role(organisation_id, '{admin,lead}'));

create policy "everyone signed in reads the standard dimensions" on app.about_dimensions
  for select to authenticated using (true);

create policy "standard categories, and members read their organisation's own" on app.about_categories
  for select to authenticated
  using (organisation_id is null or app.has_role(organisation_id));

-- Raw responses can hold free text that identifies a person or discloses harm: only the staff
-- who run surveys, and the safeguarding lead, read them. Everyone else reads counts.
create policy "survey staff read responses" on app.responses
  for select to authenticated
  using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));

create policy "survey staff read answers" on app.answers
  for select to authenticated
  using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));

create policy "members read wave counts" on app.wave_group_counts
  for select to authenticated using (app.has_role(organisation_id));

create policy "members read question counts" on app.question_counts
  for select to authenticated using (app.has_role(organisation_id));

create policy "members read option counts" on app.option_counts
  for select to authenticated using (app.has_role(organisation_id));

-- ---------------------------------------------------------------------------------------------
-- Standard about-you vocabulary (GSS harmonised ethnicity categories for England)
-- ---------------------------------------------------------------------------------------------

insert into app.about_dimensions (key, label, position) values
  ('phase', 'Stage of education', 1),
  ('age_band', 'Age', 2),
  ('support', 'Support in place', 3),
  ('setting', 'Where they learn', 4),
  ('ethnicity', 'Ethnic group', 5),
  ('gender', 'Gender', 6),
  ('area', 'Area', 7),
  ('care_experience', 'Care experience', 8);

insert into app.about_categories (dimension, code, label, parent_code, position) values
  ('phase', 'early_years', 'Early years (under 5)', null, 1),
  ('phase', 'primary', 'Primary school', null, 2),
  ('phase', 'secondary', 'Secondary school', null, 3),
  ('phase', 'post_16', 'Post-16 (16 to 25)', null, 4),
  ('age_band', 'age_0_4', '0 to 4', null, 1),
  ('age_band', 'age_5_10', '5 to 10', null, 2),
  ('age_band', 'age_11_15', '11 to 15', null, 3),
  ('age_band', 'age_16_19', '16 to 19', null, 4),
  ('age_band', 'age_20_25', '20 to 25', null, 5),
  ('support', 'ehcp', 'EHC plan', null, 1),
  ('support', 'sen_support', 'SEN support (no EHC plan)', null, 2),
  ('support', 'assessment', 'Being assessed for an EHC plan', null, 3),
  ('support', 'none', 'No extra support', null, 4),
  ('support', 'not_sure', 'Not sure', null, 5),
  ('setting', 'mainstream', 'Mainstream school', null, 1),
  ('setting', 'special', 'Special school', null, 2),
  ('setting', 'resourced', 'Resourced provision or unit', null, 3),
  ('setting', 'alternative', 'Alternative provision', null, 4),
  ('setting', 'college', 'College', null, 5),
  ('setting', 'early_years_setting', 'Nursery or early years setting', null, 6),
  ('setting', 'home_educated', 'Home educated', null, 7),
  ('setting', 'out_of_area', 'School or college outside the area', null, 8),
  ('setting', 'not_in_education', 'Not in education', null, 9),
  ('ethnicity', 'asian_indian', 'Asian or Asian British: Indian', 'asian', 1),
  ('ethnicity', 'asian_pakistani', 'Asian or Asian British: Pakistani', 'asian', 2),
  ('ethnicity', 'asian_bangladeshi', 'Asian or Asian British: Bangladeshi', 'asian', 3),
  ('ethnicity', 'asian_chinese', 'Asian or Asian British: Chinese', 'asian', 4),
  ('ethnicity', 'asian_other', 'Any other Asian background', 'asian', 5),
  ('ethnicity', 'black_african', 'Black, Black British, Caribbean or African: African', 'black', 6),
  ('ethnicity', 'black_caribbean', 'Black, Black British, Caribbean or African: Caribbean', 'black', 7),
  ('ethnicity', 'black_other', 'Any other Black, Black British or Caribbean background', 'black', 8),
  ('ethnicity', 'mixed_white_black_caribbean', 'Mixed: White and Black Caribbean', 'mixed', 9),
  ('ethnicity', 'mixed_white_black_african', 'Mixed: White and Black African', 'mixed', 10),
  ('ethnicity', 'mixed_white_asian', 'Mixed: White and Asian', 'mixed', 11),
  ('ethnicity', 'mixed_other', 'Any other Mixed or multiple ethnic background', 'mixed', 12),
  ('ethnicity', 'white_british', 'White: English, Welsh, Scottish, Northern Irish or British', 'white', 13),
  ('ethnicity', 'white_irish', 'White: Irish', 'white', 14),
  ('ethnicity', 'white_gypsy_traveller', 'White: Gypsy or Irish Traveller', 'white', 15),
  ('ethnicity', 'white_roma', 'White: Roma', 'white', 16),
  ('ethnicity', 'white_other', 'Any other White background', 'white', 17),
  ('ethnicity', 'other_arab', 'Other ethnic group: Arab', 'other', 18),
  ('ethnicity', 'other_any', 'Any other ethnic group', 'other', 19),
  ('gender', 'girl_woman', 'Girl or woman', null, 1),
  ('gender', 'boy_man', 'Boy or man', null, 2),
  ('gender', 'another', 'In another way', null, 3),
  ('care_experience', 'in_care', 'In care now', null, 1),
  ('care_experience', 'care_leaver', 'Has left care', null, 2),
  ('care_experience', 'no', 'No', null, 3);

-- Every dimension can be declined.
insert into app.about_categories (dimension, code, label, position)
select key, 'prefer_not_to_say', 'Prefer not to say', 99 from app.about_dimensions;

-- ---------------------------------------------------------------------------------------------
-- Running counts
-- ---------------------------------------------------------------------------------------------

create function app.response_groups(p_about jsonb)
returns table (dimension text, category text)
language sql immutable
set search_path = ''
as $$
  -- Everyone ('_all'), and the about-you group of each dimension the respondent answered.
  select '_all', '_all'
  union all
  select e.key, e.value from jsonb_each_text(coalesce(p_about, '{}'::jsonb)) e
$$;
comment on function app.response_groups is 'The groups a response counts towards. Internal.';

create function app.count_response(p_response_id uuid, p_sign integer default 1)
returns void
language sql volatile
set search_path = ''
as $$
  -- Rows are upserted in key order so that concurrent submissions lock counters in one order.
  insert into app.wave_group_counts as c (organisation_id, wave_id, dimension, category, n)
  select r.organisation_id, r.wave_id, g.dimension, g.category, greatest(p_sign, 0)
  from app.responses r cross join lateral app.response_groups(r.about) g
  where r.id = p_response_id
  order by g.dimension, g.category
  on conflict (wave_id, dimension, category) do update set n = c.n + p_sign;

  insert into app.question_counts as c (organisation_id, wave_id, question_id, dimension, category, n)
  select r.organisation_id, r.wave_id, q.question_id, g.dimension, g.category, greatest(p_sign, 0)
  from app.responses r
  cross join lateral app.response_groups(r.about) g
  join (select distinct a.question_id from app.answers a where a.response_id = p_response_id) q on true
  where r.id = p_response_id
  order by q.question_id, g.dimension, g.category
  on conflict (wave_id, question_id, dimension, category) do update set n = c.n + p_sign;

  insert into app.option_counts as c (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category, greatest(p_sign, 0)
  from app.responses r
  cross join lateral app.response_groups(r.about) g
  join app.answers a on a.response_id = r.id and a.option_id is not null
  where r.id = p_response_id
  order by a.question_id, a.option_id, g.dimension, g.category
  on conflict (wave_id, question_id, option_id, dimension, category) do update set n = c.n + p_sign;
$$;
comment on function app.count_response is
  'Adds one response (p_sign 1) to the running counts, or takes it away (p_sign -1). Internal.';

create function app.rebuild_counts(p_wave_id uuid default null)
returns void
language sql volatile
set search_path = ''
as $$
  -- Recomputes the running counts from the raw answers: after a bulk load, or to check them.
  delete from app.wave_group_counts where p_wave_id is null or wave_id = p_wave_id;
  delete from app.question_counts where p_wave_id is null or wave_id = p_wave_id;
  delete from app.option_counts where p_wave_id is null or wave_id = p_wave_id;

  insert into app.wave_group_counts (organisation_id, wave_id, dimension, category, n)
  select r.organisation_id, r.wave_id, g.dimension, g.category, count(*)
  from app.responses r cross join lateral app.response_groups(r.about) g
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, g.dimension, g.category;

  insert into app.question_counts (organisation_id, wave_id, question_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, g.dimension, g.category, count(*)
  from (select distinct response_id, question_id from app.answers) a
  join app.responses r on r.id = a.response_id
  cross join lateral app.response_groups(r.about) g
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, a.question_id, g.dimension, g.category;

  insert into app.option_counts (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category, count(*)
  from app.answers a
  join app.responses r on r.id = a.response_id
  cross join lateral app.response_groups(r.about) g
  where a.option_id is not null and (p_wave_id is null or r.wave_id = p_wave_id)
  group by r.organisation_id, r.wave_id, a.question_id, a.option_id, g.dimension, g.category;
$$;
comment on function app.rebuild_counts is
  'Rebuilds the running counts of one wave (or all) from raw answers. Internal: seed, imports, checks.';

-- ---------------------------------------------------------------------------------------------
-- API: respondents (anon)
-- ---------------------------------------------------------------------------------------------

create function app.wave_status(p_opens_at timestamptz, p_closes_at timestamptz)
returns text
language sql stable
set search_path = ''
as $$
  select case
    when now() < p_opens_at then 'not_yet_open'
    when now() >= p_closes_at then 'closed'
    else 'open'
  end
$$;
grant execute on function app.wave_status to authenticated, service_role;

create function api.survey_for_respondent(p_slug text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_survey app.surveys;
begin
  -- A wave's own link names that wave; a survey's link names its open wave, else the next one
  -- to open, else the last one that closed.
  select * into v_wave from app.waves w where w.slug = lower(p_slug);
  if not found then
    select w.* into v_wave
    from app.waves w join app.surveys s on s.id = w.survey_id
    where s.slug = lower(p_slug)
    order by
      case app.wave_status(w.opens_at, w.closes_at) when 'open' then 0 when 'not_yet_open' then 1 else 2 end,
      case when app.wave_status(w.opens_at, w.closes_at) = 'not_yet_open' then w.opens_at end asc,
      w.closes_at desc
    limit 1;
    if not found then
      return null;
    end if;
  end if;

  select * into v_survey from app.surveys s where s.id = v_wave.survey_id;

  return jsonb_build_object(
    'organisation', (select jsonb_build_object('name', o.name, 'slug', o.slug)
                     from app.organisations o where o.id = v_survey.organisation_id),
    'survey', jsonb_build_object(
      'slug', v_survey.slug, 'title', v_survey.title, 'audience', v_survey.audience,
      'easy_read', v_survey.easy_read, 'introduction', v_survey.introduction,
      'privacy_notice', v_survey.privacy_notice),
    'wave', jsonb_build_object(
      'slug', v_wave.slug, 'label', v_wave.label, 'kind', v_wave.kind,
      'opens_at', v_wave.opens_at, 'closes_at', v_wave.closes_at,
      'status', app.wave_status(v_wave.opens_at, v_wave.closes_at)),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', q.key, 'kind', q.kind, 'prompt', q.prompt, 'easy_read_prompt', q.easy_read_prompt,
        'help_text', q.help_text, 'required', q.required, 'max_length', q.max_length,
        'min_value', q.min_value, 'max_value', q.max_value,
        'options', coalesce((
          select jsonb_agg(jsonb_build_object(
            'value', o.value, 'label', o.label, 'easy_read_label', o.easy_read_label, 'symbol', o.symbol)
            order by o.position)
          from app.question_options o where o.question_id = q.id), '[]'::jsonb))
        order by q.position)
      from app.questions q where q.survey_id = v_survey.id), '[]'::jsonb),
    'about', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', d.key, 'label', d.label,
        'categories', (
          select jsonb_agg(jsonb_build_object('code', c.code, 'label', c.label) order by c.position, c.label)
          from app.about_categories c
          where c.dimension = d.key
            and (c.organisation_id is null or c.organisation_id = v_survey.organisation_id)))
        order by d.position)
      from app.about_dimensions d
      where exists (select 1 from app.about_categories c
                    where c.dimension = d.key and c.code <> 'prefer_not_to_say'
                      and (c.organisation_id is null or c.organisation_id = v_survey.organisation_id))),
      '[]'::jsonb)
  );
end
$$;
comment on function api.survey_for_respondent is
  'Anyone (anon). What a respondent needs to answer a wave: the survey, the wave and whether it is open, '
  'the questions with their options, and the about-you vocabulary. Null when no survey or wave has the slug.';
grant execute on function api.survey_for_respondent to anon, authenticated, service_role;

create function api.submit_response(
  p_response_id uuid,
  p_wave_slug text,
  p_answers jsonb,
  p_about jsonb default '{}'::jsonb,
  p_channel text default 'online',
  p_panel_code text default null,
  p_assistance text default null,
  p_language text default 'en'
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_status text;
  v_errors jsonb := '{}'::jsonb;
  v_rows jsonb := '[]'::jsonb;
  v_about jsonb := '{}'::jsonb;
  v_panel text;
  v_channel app.response_channel;
  v_assistance app.response_assistance;
  v_q record;
  v jsonb;
  v_text text;
  v_num numeric;
  v_option uuid;
  v_item text;
  v_seen text[];
  e record;
begin
  if p_response_id is null then
    raise exception 'A response id is required.' using hint = 'invalid_request';
  end if;

  -- The same submission sent again is the same response: answer as the first time did.
  if exists (select 1 from app.responses r where r.id = p_response_id) then
    return jsonb_build_object('response_id', p_response_id, 'duplicate', true);
  end if;

  select * into v_wave from app.waves w where w.slug = lower(p_wave_slug);
  if not found then
    raise exception 'There is no survey at this address.' using hint = 'not_found';
  end if;

  v_status := app.wave_status(v_wave.opens_at, v_wave.closes_at);
  if v_status = 'closed' then
    raise exception 'This survey closed on %.', to_char(v_wave.closes_at at time zone 'Europe/London', 'FMDD FMMonth YYYY')
      using hint = 'wave_closed', detail = jsonb_build_object('closes_at', v_wave.closes_at)::text;
  elsif v_status = 'not_yet_open' then
    raise exception 'This survey opens on %.', to_char(v_wave.opens_at at time zone 'Europe/London', 'FMDD FMMonth YYYY')
      using hint = 'wave_not_open', detail = jsonb_build_object('opens_at', v_wave.opens_at)::text;
  end if;

  if p_answers is null or jsonb_typeof(p_answers) <> 'object' then
    raise exception 'Answers must be an object keyed by question.' using hint = 'invalid_request';
  end if;
  if octet_length(p_answers::text) > 200000 then
    raise exception 'The answers are too long to accept.' using hint = 'invalid_request';
  end if;

  -- Unknown questions
  for e in
    select k from jsonb_object_keys(p_answers) k
    where not exists (select 1 from app.questions q where q.survey_id = v_wave.survey_id and q.key = k)
  loop
    v_errors := v_errors || jsonb_build_object(e.k, 'This question is not part of this survey.');
  end loop;

  for v_q in
    select * from app.questions where survey_id = v_wave.survey_id order by position
  loop
    v := p_answers -> v_q.key;
    if v is null or jsonb_typeof(v) = 'null'
       or (jsonb_typeof(v) = 'string' and btrim(v #>> '{}') = '')
       or (jsonb_typeof(v) = 'array' and jsonb_array_length(v) = 0) then
      if v_q.required then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Answer this question to continue.');
      end if;
      continue;
    end if;

    if v_q.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10') then
      if jsonb_typeof(v) not in ('string', 'number') then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose one of the answers given.');
        continue;
      end if;
      select o.id into v_option from app.question_options o where o.question_id = v_q.id and o.value = v #>> '{}';
      if v_option is null then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose one of the answers given.');
        continue;
      end if;
      v_rows := v_rows || jsonb_build_object('q', v_q.id, 'o', v_option);

    elsif v_q.kind = 'multi_choice' then
      if jsonb_typeof(v) = 'string' then
        v := jsonb_build_array(v);
      end if;
      if jsonb_typeof(v) <> 'array' then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose from the answers given.');
        continue;
      end if;
      v_seen := '{}';
      for v_item in select jsonb_array_elements_text(v) loop
        select o.id into v_option from app.question_options o where o.question_id = v_q.id and o.value = v_item;
        if v_option is null then
          v_errors := v_errors || jsonb_build_object(v_q.key, 'Choose from the answers given.');
          exit;
        end if;
        if not v_item = any (v_seen) then
          v_seen := v_seen || v_item;
          v_rows := v_rows || jsonb_build_object('q', v_q.id, 'o', v_option);
        end if;
      end loop;

    elsif v_q.kind = 'number' then
      begin
        v_num := (v #>> '{}')::numeric;
      exception when others then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Enter a number, like 5.');
        continue;
      end;
      if v_num in ('NaN'::numeric, 'Infinity'::numeric, '-Infinity'::numeric) then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Enter a number, like 5.');
        continue;
      end if;
      if (v_q.min_value is not null and v_num < v_q.min_value) or (v_q.max_value is not null and v_num > v_q.max_value) then
        v_errors := v_errors || jsonb_build_object(v_q.key,
          format('Enter a number from %s to %s.', coalesce(v_q.min_value::text, 'any'), coalesce(v_q.max_value::text, 'any')));
        continue;
      end if;
      v_rows := v_rows || jsonb_build_object('q', v_q.id, 'n', v_num);

    else -- free_text
      if jsonb_typeof(v) <> 'string' then
        v_errors := v_errors || jsonb_build_object(v_q.key, 'Write your answer as text.');
        continue;
      end if;
      v_text := btrim(v #>> '{}');
      if char_length(v_text) > v_q.max_length then
        v_errors := v_errors || jsonb_build_object(v_q.key,
          format('Keep your answer to %s characters or fewer. It has %s.', v_q.max_length, char_length(v_text)));
        continue;
      end if;
      v_rows := v_rows || jsonb_build_object('q', v_q.id, 't', v_text);
    end if;
  end loop;

  -- About you: every answer optional; each must be a known category of a known dimension.
  if p_about is not null and jsonb_typeof(p_about) <> 'object' then
    v_errors := v_errors || jsonb_build_object('about', 'About-you answers must be an object.');
  elsif p_about is not null then
    for e in select key, value from jsonb_each(p_about) loop
      if jsonb_typeof(e.value) = 'null' or (jsonb_typeof(e.value) = 'string' and e.value #>> '{}' = '') then
        continue;
      end if;
      if not exists (
        select 1 from app.about_categories c
        where c.dimension = e.key and c.code = e.value #>> '{}'
          and (c.organisation_id is null or c.organisation_id = v_wave.organisation_id)
      ) then
        v_errors := v_errors || jsonb_build_object('about.' || e.key, 'Choose one of the answers given.');
      else
        v_about := v_about || jsonb_build_object(e.key, e.value #>> '{}');
      end if;
    end loop;
  end if;

  begin
    v_channel := coalesce(nullif(p_channel, ''), 'online')::app.response_channel;
  exception when invalid_text_representation then
    v_errors := v_errors || jsonb_build_object('channel', 'Choose how the answers were given.');
  end;

  begin
    v_assistance := nullif(p_assistance, '')::app.response_assistance;
  exception when invalid_text_representation then
    v_errors := v_errors || jsonb_build_object('assistance', 'Choose who gave the answers.');
  end;

  v_panel := nullif(upper(regexp_replace(coalesce(p_panel_code, ''), '[\s-]', '', 'g')), '');
  if v_panel is not null then
    if v_panel !~ '^[A-Z0-9]{8}$' then
      v_errors := v_errors || jsonb_build_object('panel_code',
        'A panel code is 8 letters and numbers, like K7QP-2MXA. Leave it empty if you do not have one.');
    else
      v_panel := substr(v_panel, 1, 4) || '-' || substr(v_panel, 5, 4);
    end if;
  end if;

  if coalesce(p_language, 'en') !~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' then
    v_errors := v_errors || jsonb_build_object('language', 'Unknown language.');
  end if;

  if v_errors <> '{}'::jsonb then
    raise exception 'Some answers need attention.'
      using hint = 'invalid_answers', detail = v_errors::text;
  end if;

  insert into app.responses (id, organisation_id, wave_id, channel, assistance, panel_code, language, about)
  values (p_response_id, v_wave.organisation_id, v_wave.id, v_channel, v_assistance, v_panel,
          coalesce(p_language, 'en'), v_about)
  on conflict (id) do nothing;
  if not found then
    -- sent twice at the same moment: the other one was first
    return jsonb_build_object('response_id', p_response_id, 'duplicate', true);
  end if;

  insert into app.answers (organisation_id, response_id, question_id, option_id, text_value, number_value)
  select v_wave.organisation_id, p_response_id, (x ->> 'q')::uuid, (x ->> 'o')::uuid, x ->> 't', (x ->> 'n')::numeric
  from jsonb_array_elements(v_rows) x;

  perform app.count_response(p_response_id);

  return jsonb_build_object('response_id', p_response_id, 'duplicate', false);
end
$$;
comment on function api.submit_response is
  'Anyone (anon). Records one response to an open wave, idempotent on the client-made p_response_id. '
  'p_answers maps question keys to an option value, a list of option values, a number or text. '
  'Refuses a closed or not yet open wave (hint wave_closed / wave_not_open) and invalid answers '
  '(hint invalid_answers, detail a JSON object of field -> message), writing nothing.';
grant execute on function api.submit_response to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- API: signed-in members
-- ---------------------------------------------------------------------------------------------

create function api.my_memberships()
returns table (organisation_id uuid, organisation_slug text, organisation_name text, role app.member_role)
language sql stable security invoker
set search_path = ''
as $$
  select o.id, o.slug, o.name, m.role
  from app.memberships m join app.organisations o on o.id = m.organisation_id
  where m.user_id = (select auth.uid())
  order by o.name, m.role
$$;
comment on function api.my_memberships is 'Signed-in users. The caller''s organisations and roles.';
grant execute on function api.my_memberships to authenticated, service_role;

create function api.list_surveys(p_organisation_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', s.id, 'slug', s.slug, 'title', s.title, 'audience', s.audience, 'easy_read', s.easy_read,
    'waves', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label,
        'opens_at', w.opens_at, 'closes_at', w.closes_at,
        'status', app.wave_status(w.opens_at, w.closes_at),
        'responses', coalesce((select c.n from app.wave_group_counts c
                               where c.wave_id = w.id and c.dimension = '_all' and c.category = '_all'), 0))
        order by w.opens_at)
      from app.waves w where w.survey_id = s.id), '[]'::jsonb),
    'indicators', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', q.id, 'key', q.key, 'prompt', q.prompt, 'kind', q.kind,
        'priority', (select p.title from app.strategy_priorities p where p.id = q.priority_id),
        'positive', (select jsonb_agg(o.label order by o.position) from app.question_options o
                     where o.question_id = q.id and o.is_positive))
        order by q.position)
      from app.questions q
      where q.survey_id = s.id
        and exists (select 1 from app.question_options o where o.question_id = q.id and o.is_positive)), '[]'::jsonb))
    order by s.title), '[]'::jsonb)
  from app.surveys s
  where s.organisation_id = p_organisation_id
$$;
comment on function api.list_surveys is
  'Members of the organisation (RLS decides; others get an empty list). Its surveys with their waves, '
  'the number of responses to each wave, and the questions that have positive answers (indicators).';
grant execute on function api.list_surveys to authenticated, service_role;

create function api.indicator_trend(p_question_id uuid, p_dimension text default '_all', p_category text default '_all')
returns table (
  wave_id uuid, wave_label text, wave_kind app.wave_kind, opens_at timestamptz, closes_at timestamptz,
  n integer, positive integer, share numeric, suppressed boolean
)
language sql stable security invoker
set search_path = ''
as $$
  with q as (
    select q.id, q.survey_id, q.organisation_id from app.questions q where q.id = p_question_id
  ), hide as (
    -- roles that see published figures only get small counts suppressed
    select not app.has_role(q.organisation_id, '{admin,lead,officer,safeguarding}') as for_caller,
           (select o.min_cell_size from app.organisations o where o.id = q.organisation_id) as threshold
    from q
  ), per_wave as (
    select w.id, w.label, w.kind, w.opens_at, w.closes_at,
      coalesce((select c.n from app.question_counts c
                where c.wave_id = w.id and c.question_id = q.id
                  and c.dimension = p_dimension and c.category = p_category), 0) as n,
      coalesce((select sum(c.n) from app.option_counts c
                join app.question_options o on o.id = c.option_id and o.is_positive
                where c.wave_id = w.id and c.question_id = q.id
                  and c.dimension = p_dimension and c.category = p_category), 0)::integer as positive
    from q join app.waves w on w.survey_id = q.survey_id
  )
  select p.id, p.label, p.kind, p.opens_at, p.closes_at, p.n,
    case when s.small then null else p.positive end,
    case when s.small or p.n = 0 then null else round(p.positive::numeric / p.n, 4) end,
    s.small
  from per_wave p
  cross join hide h
  cross join lateral (
    select h.for_caller and p.n > 0
      and (p.positive < h.threshold or p.n - p.positive < h.threshold) as small
  ) s
  order by p.opens_at
$$;
comment on function api.indicator_trend is
  'Members of the question''s organisation (RLS decides; others get no rows). The share of positive '
  'answers to one question in each wave of its survey, with n, for everyone or one about-you group. '
  'For forum and scrutiny roles, a count below the organisation''s min_cell_size (positive or not positive) '
  'is suppressed: positive and share are null and suppressed is true.';
grant execute on function api.indicator_trend to authenticated, service_role;

create function api.set_wave_dates(p_wave_id uuid, p_opens_at timestamptz, p_closes_at timestamptz)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_row app.waves;
begin
  if p_opens_at is null or p_closes_at is null or p_closes_at <= p_opens_at then
    raise exception 'The closing date must be after the opening date.'
      using hint = 'invalid_dates', detail = jsonb_build_object('closes_at', 'The closing date must be after the opening date.')::text;
  end if;
  update app.waves set opens_at = p_opens_at, closes_at = p_closes_at
  where id = p_wave_id
  returning * into v_row;
  if not found then
    raise exception 'No wave you can change has this id.' using errcode = '42501', hint = 'not_permitted';
  end if;
  return jsonb_build_object('id', v_row.id, 'opens_at', v_row.opens_at, 'closes_at', v_row.closes_at,
                            'status', app.wave_status(v_row.opens_at, v_row.closes_at));
end
$$;
comment on function api.set_wave_dates is
  'Admins and leads of the wave''s organisation (RLS decides). Opens, closes or reschedules a wave.';
grant execute on function api.set_wave_dates to authenticated, service_role;

create function api.health()
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'migration', (select max(version) from supabase_migrations.schema_migrations),
    'database_time', now())
$$;
comment on function api.health is 'Anyone. The newest applied migration, for /healthz.';
grant execute on function api.health to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Only the grants above decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
