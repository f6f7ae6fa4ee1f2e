-- Speed at the scale of a whole country (issue 13): api.reach and api.panel_journey read models of their own,
-- never the raw responses and answers (at 20 million answers they took 0.5 s and 1 s, as long as a plain
-- GROUP BY over the raw rows).
--
--   * app.wave_language_counts: each wave's respondents by the language they answered in, kept by the
--     submission with the other running counts (app.count_response) and rebuilt by app.rebuild_counts.
--   * app.panel_waves: each panel code's waves (when it first answered each), and app.panel_wave_pairs: for
--     each two waves of a survey, how many panel codes answered both (api.reach's linked panel members).
--   * app.panel_answers: each panel-coded response's answer to each question with one answer to choose (the
--     rows api.panel_journey reads when an open wave is counted as at the start of the day), and
--     app.journey_counts: for each question and two waves, the panel codes whose latest answer in one wave was
--     this and in the other that (the journey as staff read it, live).
--   * app.reach_snapshots: an open wave's language counts and linked panel members, taken with the rest of its
--     daily snapshot (app.open_wave_snapshot) for forum and scrutiny.
--
-- A panel code's rows are recounted whole from its raw rows (app.recount_panel_codes): when a response of it is
-- counted, and when responses change their panel code, time or wave or are deleted (a statement trigger on
-- app.responses; a wave deleted with its responses takes its rows with it through the foreign keys, and no
-- other wave's figures change). A code has a handful of responses, so this costs a few index reads a submission.
-- tests/db/reach-journey-read-models.test.ts compares every read model with a recount from the raw rows.

-- ---------------------------------------------------------------------------------------------
-- The tables
-- ---------------------------------------------------------------------------------------------

create table app.wave_language_counts (
  organisation_id uuid not null,
  wave_id uuid not null,
  language text not null,
  n integer not null,
  primary key (wave_id, language),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);
create index wave_language_counts_wave_org_idx on app.wave_language_counts (wave_id, organisation_id);
comment on table app.wave_language_counts is
  'Running counts: each wave''s respondents by the language they answered in (api.reach). Survey staff read it.';

create table app.panel_waves (
  organisation_id uuid not null,
  panel_code text not null,
  wave_id uuid not null,
  first_at timestamptz not null,
  primary key (organisation_id, panel_code, wave_id),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);
create index panel_waves_wave_idx on app.panel_waves (wave_id, organisation_id);
comment on table app.panel_waves is
  'Read model: the waves each panel code answered, and when it first did. Survey staff read it.';

create table app.panel_wave_pairs (
  organisation_id uuid not null,
  wave_id uuid not null,
  other_wave_id uuid not null,
  n integer not null,
  primary key (wave_id, other_wave_id),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade,
  foreign key (other_wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);
create index panel_wave_pairs_wave_org_idx on app.panel_wave_pairs (wave_id, organisation_id);
create index panel_wave_pairs_other_idx on app.panel_wave_pairs (other_wave_id, organisation_id);
comment on table app.panel_wave_pairs is
  'Read model: for two waves of a survey (each way round), the panel codes that answered both (api.reach). '
  'Survey staff read it.';

create table app.panel_answers (
  organisation_id uuid not null,
  wave_id uuid not null,
  question_id uuid not null references app.questions (id) on delete cascade,
  panel_code text not null,
  response_id uuid not null,
  option_id uuid not null,
  submitted_at timestamptz not null,
  primary key (question_id, wave_id, panel_code, response_id),
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);
create index panel_answers_wave_idx on app.panel_answers (wave_id, organisation_id);
create index panel_answers_code_idx on app.panel_answers (organisation_id, panel_code);
comment on table app.panel_answers is
  'Read model: each panel-coded response''s answer to each question with one answer to choose '
  '(api.panel_journey). Survey staff read it.';

create table app.journey_counts (
  organisation_id uuid not null,
  question_id uuid not null references app.questions (id) on delete cascade,
  from_wave_id uuid not null,
  to_wave_id uuid not null,
  from_option_id uuid not null,
  to_option_id uuid not null,
  n integer not null,
  primary key (question_id, from_wave_id, to_wave_id, from_option_id, to_option_id),
  foreign key (from_wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade,
  foreign key (to_wave_id, organisation_id) references app.waves (id, organisation_id) on delete cascade
);
create index journey_counts_from_idx on app.journey_counts (from_wave_id, organisation_id);
create index journey_counts_to_idx on app.journey_counts (to_wave_id, organisation_id);
comment on table app.journey_counts is
  'Read model: for a question and two waves (each way round), the panel codes whose latest answer in the one '
  'wave was from_option and in the other to_option (api.panel_journey). Survey staff read it.';

create table app.reach_snapshots (
  wave_id uuid not null,
  taken_on date not null,
  -- a language row, or (language null) the panel codes that answered this wave and other_wave_id
  language text,
  other_wave_id uuid,
  n integer not null,
  foreign key (wave_id, taken_on) references app.count_snapshot_days (wave_id, taken_on) on delete cascade on update cascade
);
create index reach_snapshots_idx on app.reach_snapshots (wave_id, taken_on);
comment on table app.reach_snapshots is
  'An open wave''s language counts and linked panel members as they stood at its daily snapshot: what forum '
  'and scrutiny read in api.reach until the next day. Private: no API role reads it.';

alter table app.wave_language_counts enable row level security;
alter table app.panel_waves enable row level security;
alter table app.panel_wave_pairs enable row level security;
alter table app.panel_answers enable row level security;
alter table app.journey_counts enable row level security;
alter table app.reach_snapshots enable row level security;

grant select on app.wave_language_counts, app.panel_waves, app.panel_wave_pairs, app.panel_answers,
  app.journey_counts to authenticated;
grant select, insert, update, delete on app.wave_language_counts, app.panel_waves, app.panel_wave_pairs,
  app.panel_answers, app.journey_counts, app.reach_snapshots to service_role;

create policy "survey staff read language counts" on app.wave_language_counts
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));
create policy "survey staff read panel waves" on app.panel_waves
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));
create policy "survey staff read panel wave pairs" on app.panel_wave_pairs
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));
create policy "survey staff read panel answers" on app.panel_answers
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));
create policy "survey staff read journey counts" on app.journey_counts
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));

-- ---------------------------------------------------------------------------------------------
-- Keeping them
-- ---------------------------------------------------------------------------------------------

create function app.tally_panel_codes(p_organisation_id uuid, p_codes text[], p_sign integer)
returns void
language sql volatile
set search_path = ''
as $$
  -- Adds (1) or takes away (-1) what the panel codes' rows in app.panel_waves and app.panel_answers give the
  -- pair and journey counts. Rows are upserted in key order so that concurrent submissions lock them in one order.
  insert into app.panel_wave_pairs as c (organisation_id, wave_id, other_wave_id, n)
  select p_organisation_id, a.wave_id, b.wave_id, p_sign * count(*)
  from app.panel_waves a
  join app.panel_waves b on b.organisation_id = a.organisation_id and b.panel_code = a.panel_code and b.wave_id <> a.wave_id
  join app.waves wa on wa.id = a.wave_id
  join app.waves wb on wb.id = b.wave_id and wb.survey_id = wa.survey_id
  where a.organisation_id = p_organisation_id and a.panel_code = any (p_codes)
  group by a.wave_id, b.wave_id
  order by a.wave_id, b.wave_id
  on conflict (wave_id, other_wave_id) do update set n = c.n + excluded.n;

  with latest as (
    -- each code's latest answer to a question in a wave, as api.panel_journey counts it
    select distinct on (p.question_id, p.wave_id, p.panel_code) p.question_id, p.wave_id, p.panel_code, p.option_id
    from app.panel_answers p
    where p.organisation_id = p_organisation_id and p.panel_code = any (p_codes)
    order by p.question_id, p.wave_id, p.panel_code, p.submitted_at desc, p.response_id desc
  )
  insert into app.journey_counts as c (organisation_id, question_id, from_wave_id, to_wave_id, from_option_id, to_option_id, n)
  select p_organisation_id, f.question_id, f.wave_id, t.wave_id, f.option_id, t.option_id, p_sign * count(*)
  from latest f
  join latest t on t.question_id = f.question_id and t.panel_code = f.panel_code and t.wave_id <> f.wave_id
  group by f.question_id, f.wave_id, t.wave_id, f.option_id, t.option_id
  order by f.question_id, f.wave_id, t.wave_id, f.option_id, t.option_id
  on conflict (question_id, from_wave_id, to_wave_id, from_option_id, to_option_id) do update set n = c.n + excluded.n;
$$;
comment on function app.tally_panel_codes is
  'Adds or takes away some panel codes'' part of the pair and journey counts, from their read-model rows. Internal.';

create function app.recount_panel_codes(p_organisation_id uuid, p_codes text[])
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  if p_organisation_id is null or coalesce(cardinality(p_codes), 0) = 0 then
    return;
  end if;
  -- one recount of a code at a time (two submissions with the same code at once)
  perform pg_advisory_xact_lock(hashtextextended(p_organisation_id::text || '/' || c, 0))
  from unnest(p_codes) c order by c;
  perform app.tally_panel_codes(p_organisation_id, p_codes, -1);
  delete from app.panel_waves p where p.organisation_id = p_organisation_id and p.panel_code = any (p_codes);
  delete from app.panel_answers p where p.organisation_id = p_organisation_id and p.panel_code = any (p_codes);
  insert into app.panel_waves (organisation_id, panel_code, wave_id, first_at)
  select r.organisation_id, r.panel_code, r.wave_id, min(r.submitted_at)
  from app.responses r
  where r.organisation_id = p_organisation_id and r.panel_code = any (p_codes)
  group by r.organisation_id, r.panel_code, r.wave_id;
  insert into app.panel_answers (organisation_id, wave_id, question_id, panel_code, response_id, option_id, submitted_at)
  select r.organisation_id, r.wave_id, a.question_id, r.panel_code, r.id, a.option_id, r.submitted_at
  from app.responses r
  join app.answers a on a.response_id = r.id and a.option_id is not null
  join app.questions q on q.id = a.question_id
    and q.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10')
  where r.organisation_id = p_organisation_id and r.panel_code = any (p_codes)
  on conflict do nothing;
  perform app.tally_panel_codes(p_organisation_id, p_codes, 1);
end
$$;
comment on function app.recount_panel_codes is
  'Recounts some panel codes'' rows of the panel read models (waves, answers, pairs, journeys) from their raw '
  'responses and answers. Internal.';

create or replace function app.count_response(p_response_id uuid, p_sign integer default 1)
returns void
language sql volatile
set search_path = ''
as $$
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
  select app.recount_panel_codes(r.organisation_id, array[r.panel_code])
  from app.responses r where r.id = p_response_id and r.panel_code is not null;
$$;
comment on function app.count_response is
  'Adds one response (p_sign 1) to the running counts, or takes it away (p_sign -1), in every group it '
  'belongs to (see app.response_groups), with question_counts.positive when it ticked a positive answer, and in '
  'its wave''s language counts; recounts its panel code''s read models. Internal.';

create function app.recount_panel_on_change()
returns trigger
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_rec record;
begin
  -- The codes whose responses changed code, time or wave (before and after).
  for v_rec in
    select c.organisation_id, array_agg(distinct c.panel_code) as codes
    from (
      select o.organisation_id, o.panel_code from old_rows o
      join new_rows n on n.id = o.id
      where (o.panel_code is not null or n.panel_code is not null)
        and (n.panel_code is distinct from o.panel_code or n.submitted_at <> o.submitted_at
             or n.wave_id <> o.wave_id or n.organisation_id <> o.organisation_id)
        and o.panel_code is not null
      union
      select n.organisation_id, n.panel_code from old_rows o
      join new_rows n on n.id = o.id
      where n.panel_code is not null
        and (n.panel_code is distinct from o.panel_code or n.submitted_at <> o.submitted_at
             or n.wave_id <> o.wave_id or n.organisation_id <> o.organisation_id)
    ) c
    group by c.organisation_id
  loop
    perform app.recount_panel_codes(v_rec.organisation_id, v_rec.codes);
  end loop;
  return null;
end
$$;
comment on function app.recount_panel_on_change is
  'Trigger: responses given another panel code, time or wave, so their panel codes are recounted. Internal.';

create function app.recount_panel_on_delete()
returns trigger
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_rec record;
begin
  -- The codes whose responses were deleted. Those of a wave being deleted are left alone: the wave's
  -- read-model rows go with it, and no other wave's figures change.
  for v_rec in
    select o.organisation_id, array_agg(distinct o.panel_code) as codes
    from old_rows o
    where o.panel_code is not null and exists (select 1 from app.waves w where w.id = o.wave_id)
    group by o.organisation_id
  loop
    perform app.recount_panel_codes(v_rec.organisation_id, v_rec.codes);
  end loop;
  return null;
end
$$;
comment on function app.recount_panel_on_delete is
  'Trigger: responses deleted (not with their wave), so their panel codes are recounted. Internal.';

create trigger responses_panel_recount_on_update
  after update on app.responses
  referencing old table as old_rows new table as new_rows
  for each statement execute function app.recount_panel_on_change();
create trigger responses_panel_recount_on_delete
  after delete on app.responses
  referencing old table as old_rows
  for each statement execute function app.recount_panel_on_delete();

-- ---------------------------------------------------------------------------------------------
-- Rebuilding the counts: the new read models too
-- ---------------------------------------------------------------------------------------------

create or replace function app.rebuild_counts(p_wave_id uuid default null)
returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  v_rec record;
begin
  -- Recomputes the running counts from the raw answers: after a bulk load, or to check them.
  -- Waves of aggregated results have no answers: their counts are the data, and stay as they are.
  delete from app.wave_group_counts c where (p_wave_id is null or c.wave_id = p_wave_id)
    and not exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'aggregate');
  delete from app.question_counts c where (p_wave_id is null or c.wave_id = p_wave_id)
    and not exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'aggregate');
  delete from app.option_counts c where (p_wave_id is null or c.wave_id = p_wave_id)
    and not exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'aggregate');
  delete from app.wave_language_counts c where p_wave_id is null or c.wave_id = p_wave_id;

  insert into app.wave_group_counts (organisation_id, wave_id, dimension, category, n)
  select r.organisation_id, r.wave_id, g.dimension, g.category, count(*)
  from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, g.dimension, g.category;

  -- each response's groups, worked out once a response (materialized: else the planner may join the answers
  -- to their responses first and work them out once an answer)
  with groups as materialized (
    select r.id, r.organisation_id, r.wave_id, g.dimension, g.category
    from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
    where p_wave_id is null or r.wave_id = p_wave_id
  )
  insert into app.question_counts (organisation_id, wave_id, question_id, dimension, category, n, positive)
  select g.organisation_id, g.wave_id, a.question_id, g.dimension, g.category, count(*), count(*) filter (where a.positive)
  from (select a.response_id, a.question_id, bool_or(coalesce(o.is_positive, false)) as positive
        from app.answers a left join app.question_options o on o.id = a.option_id
        where p_wave_id is null or a.response_id in (select r.id from app.responses r where r.wave_id = p_wave_id)
        group by a.response_id, a.question_id) a
  join groups g on g.id = a.response_id
  group by g.organisation_id, g.wave_id, a.question_id, g.dimension, g.category;

  with groups as materialized (
    select r.id, r.organisation_id, r.wave_id, g.dimension, g.category
    from app.responses r cross join lateral app.response_groups(r.about, r.channel::text, r.assistance::text) g
    where p_wave_id is null or r.wave_id = p_wave_id
  )
  insert into app.option_counts (organisation_id, wave_id, question_id, option_id, dimension, category, n)
  select g.organisation_id, g.wave_id, a.question_id, a.option_id, g.dimension, g.category, count(*)
  from app.answers a
  join groups g on g.id = a.response_id
  where a.option_id is not null
  group by g.organisation_id, g.wave_id, a.question_id, a.option_id, g.dimension, g.category;

  insert into app.wave_language_counts (organisation_id, wave_id, language, n)
  select r.organisation_id, r.wave_id, r.language, count(*)
  from app.responses r
  where p_wave_id is null or r.wave_id = p_wave_id
  group by r.organisation_id, r.wave_id, r.language;

  if p_wave_id is not null then
    -- one wave: the panel codes in it, now or in its read-model rows
    for v_rec in
      select c.organisation_id, array_agg(distinct c.panel_code) as codes
      from (select r.organisation_id, r.panel_code from app.responses r
            where r.wave_id = p_wave_id and r.panel_code is not null
            union
            select p.organisation_id, p.panel_code from app.panel_waves p where p.wave_id = p_wave_id) c
      group by c.organisation_id
    loop
      perform app.recount_panel_codes(v_rec.organisation_id, v_rec.codes);
    end loop;
    return;
  end if;

  -- every wave: the panel read models from scratch
  delete from app.journey_counts;
  delete from app.panel_wave_pairs;
  delete from app.panel_answers;
  delete from app.panel_waves;
  insert into app.panel_waves (organisation_id, panel_code, wave_id, first_at)
  select r.organisation_id, r.panel_code, r.wave_id, min(r.submitted_at)
  from app.responses r
  where r.panel_code is not null
  group by r.organisation_id, r.panel_code, r.wave_id;
  insert into app.panel_wave_pairs (organisation_id, wave_id, other_wave_id, n)
  select a.organisation_id, a.wave_id, b.wave_id, count(*)
  from app.panel_waves a
  join app.panel_waves b on b.organisation_id = a.organisation_id and b.panel_code = a.panel_code and b.wave_id <> a.wave_id
  join app.waves wa on wa.id = a.wave_id
  join app.waves wb on wb.id = b.wave_id and wb.survey_id = wa.survey_id
  group by a.organisation_id, a.wave_id, b.wave_id;
  insert into app.panel_answers (organisation_id, wave_id, question_id, panel_code, response_id, option_id, submitted_at)
  select r.organisation_id, r.wave_id, a.question_id, r.panel_code, r.id, a.option_id, r.submitted_at
  from app.responses r
  join app.answers a on a.response_id = r.id and a.option_id is not null
  join app.questions q on q.id = a.question_id
    and q.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10')
  where r.panel_code is not null
  on conflict do nothing;
  with latest as (
    select distinct on (p.question_id, p.wave_id, p.organisation_id, p.panel_code)
      p.organisation_id, p.question_id, p.wave_id, p.panel_code, p.option_id
    from app.panel_answers p
    order by p.question_id, p.wave_id, p.organisation_id, p.panel_code, p.submitted_at desc, p.response_id desc
  )
  insert into app.journey_counts (organisation_id, question_id, from_wave_id, to_wave_id, from_option_id, to_option_id, n)
  select f.organisation_id, f.question_id, f.wave_id, t.wave_id, f.option_id, t.option_id, count(*)
  from latest f
  join latest t on t.question_id = f.question_id and t.organisation_id = f.organisation_id
    and t.panel_code = f.panel_code and t.wave_id <> f.wave_id
  group by f.organisation_id, f.question_id, f.wave_id, t.wave_id, f.option_id, t.option_id;
end
$$;
comment on function app.rebuild_counts is
  'Recomputes the running counts (with question_counts.positive) and the language and panel read models of one '
  'wave, or of all, from the raw answers; waves of aggregated results are left alone. Each response''s groups '
  'are worked out once. Internal.';

-- ---------------------------------------------------------------------------------------------
-- An open wave's snapshot: its language counts and linked panel members too
-- ---------------------------------------------------------------------------------------------

create or replace function app.open_wave_snapshot(p_wave_id uuid)
returns timestamptz
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_day date := (now() at time zone 'utc')::date;
  v_at timestamptz;
begin
  select d.taken_at into v_at from app.count_snapshot_days d where d.wave_id = p_wave_id and d.taken_on = v_day;
  if found then
    return v_at;
  end if;
  insert into app.count_snapshot_days (wave_id, taken_on) values (p_wave_id, v_day)
  on conflict do nothing
  returning taken_at into v_at;
  if v_at is null then
    -- taken by a reader at the same moment
    select d.taken_at into v_at from app.count_snapshot_days d where d.wave_id = p_wave_id and d.taken_on = v_day;
    return v_at;
  end if;
  delete from app.count_snapshot_days d where d.wave_id = p_wave_id and d.taken_on < v_day;
  insert into app.count_snapshots (wave_id, taken_on, question_id, option_id, dimension, category, n, positive)
  select c.wave_id, v_day, null::uuid, null::uuid, c.dimension, c.category, c.n, null::integer from app.wave_group_counts c where c.wave_id = p_wave_id
  union all
  select c.wave_id, v_day, c.question_id, null::uuid, c.dimension, c.category, c.n, c.positive from app.question_counts c where c.wave_id = p_wave_id
  union all
  select c.wave_id, v_day, c.question_id, c.option_id, c.dimension, c.category, c.n, null::integer from app.option_counts c where c.wave_id = p_wave_id;
  insert into app.reach_snapshots (wave_id, taken_on, language, other_wave_id, n)
  select c.wave_id, v_day, c.language, null::uuid, c.n from app.wave_language_counts c where c.wave_id = p_wave_id
  union all
  select c.wave_id, v_day, null::text, c.other_wave_id, c.n from app.panel_wave_pairs c where c.wave_id = p_wave_id;
  return v_at;
end
$$;
comment on function app.open_wave_snapshot is
  'Today''s (UTC) snapshot of an open wave''s running counts (with its language counts and linked panel '
  'members), taken now if there is none yet; returns when it was taken. Internal.';

revoke all on function app.tally_panel_codes(uuid, text[], integer) from public, anon, authenticated;
revoke all on function app.recount_panel_codes(uuid, text[]) from public, anon, authenticated;
revoke all on function app.recount_panel_on_change() from public, anon, authenticated;
revoke all on function app.recount_panel_on_delete() from public, anon, authenticated;
revoke all on function app.count_response(uuid, integer) from public, anon, authenticated;
revoke all on function app.rebuild_counts(uuid) from public, anon, authenticated;
revoke all on function app.open_wave_snapshot(uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- api.reach: from the read models
-- ---------------------------------------------------------------------------------------------

-- As 20261208200100_reach.sql, but languages come from app.wave_language_counts and the linked panel members
-- from app.panel_wave_pairs (an open wave's, for forum and scrutiny, from its daily snapshot, taken with the
-- group counts: its language lines now add up to the same total as its other lines at every moment).

create or replace function api.reach(p_survey_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_s app.surveys;
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_t integer;
  v_w app.waves;
  v_status text;
  v_base integer;
  v_snapshot date;
  v_taken timestamptz;
  v_dims text[];
  v_dim text;
  v_vals integer[];
  v_primary boolean[];
  v_class integer[];
  v_bound integer[];
  v_cells integer[];
  v_starts integer[];
  v_hidden boolean[];
  v_meta jsonb;          -- per cell: its dimension and category (total first)
  v_total integer;
  v_sum integer;
  v_rec record;
  v_waves jsonb := '[]'::jsonb;
  v_groups jsonb;
  v_dimensions jsonb;
  v_baseline app.waves;
  v_panel jsonb := '[]'::jsonb;
  v_linked integer;
  v_as_of timestamptz;
  i integer;
begin
  select * into v_s from app.surveys s where s.id = p_survey_id;
  -- a survey of another organisation looks the same as one that does not exist
  if not found or not (app.has_role(v_s.organisation_id) or app.sees_exact_figures(v_s.organisation_id)) then
    raise exception 'There is no such survey.' using errcode = 'P0002', hint = 'not_found';
  end if;
  v_exact := app.sees_exact_figures(v_s.organisation_id);
  v_rule := app.disclosure_rule_of(v_s.organisation_id);
  v_t := v_rule.threshold;

  -- the dimensions: channel, how the answers were given, language, then the survey's about-you questions
  select array['channel', 'assistance', 'language'] || coalesce(array_agg(d.key order by d.position), '{}')
  into v_dims
  from app.about_dimensions d where d.key = any (v_s.about_dimensions);

  select * into v_baseline from app.waves w
  where w.survey_id = v_s.id and w.kind = 'baseline' and w.source = 'responses'
  order by w.opens_at limit 1;

  for v_w in select * from app.waves w where w.survey_id = v_s.id order by w.opens_at, w.label loop
    v_status := app.wave_status(v_w.opens_at, v_w.closes_at);
    v_base := case when v_exact then 1 else v_rule.rounding_base end;
    v_snapshot := null;
    v_as_of := now();
    if v_status = 'not_yet_open' then
      v_waves := v_waves || jsonb_build_object(
        'id', v_w.id, 'label', v_w.label, 'kind', v_w.kind, 'status', v_status, 'source', v_w.source,
        'opens_at', v_w.opens_at, 'closes_at', v_w.closes_at, 'as_of', now(), 'rounded_to', v_base,
        'total', null, 'total_symbol', null, 'total_small', false, 'dimensions', '[]'::jsonb);
      continue;
    end if;
    if not v_exact and v_status = 'open' and v_w.source = 'responses' then
      v_taken := app.open_wave_snapshot(v_w.id);
      v_snapshot := (now() at time zone 'utc')::date;
      v_as_of := v_taken;
      v_base := greatest(v_base, 5);
    end if;

    -- cell 1: the wave's total
    select coalesce(max(f.n), 0) into v_total from app.figure_source(v_w.id, null, v_snapshot) f
    where f.dimension = '_all' and f.category = '_all';
    v_vals := array[v_total];
    v_meta := jsonb_build_array(jsonb_build_object('dimension', '_all', 'category', '_all'));
    v_class := array[9];
    v_bound := array[0];
    v_cells := '{}';
    v_starts := '{}';

    foreach v_dim in array v_dims loop
      v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      v_sum := 0;
      for v_rec in
        select g.category, g.n from (
          select f.category, f.n from app.figure_source(v_w.id, null, v_snapshot) f
          where v_dim <> 'language' and f.dimension = v_dim and f.n > 0
          union all
          select c.language, c.n from app.wave_language_counts c
          where v_dim = 'language' and v_snapshot is null and c.wave_id = v_w.id and c.n > 0
          union all
          select s.language, s.n from app.reach_snapshots s
          where v_dim = 'language' and v_snapshot is not null and s.wave_id = v_w.id and s.taken_on = v_snapshot
            and s.language is not null and s.n > 0
        ) g
        order by g.category collate "C"
      loop
        v_vals := v_vals || v_rec.n;
        v_meta := v_meta || jsonb_build_object('dimension', v_dim, 'category', v_rec.category);
        v_class := v_class || 0;
        v_bound := v_bound || 0;
        v_cells := v_cells || array_length(v_vals, 1);
        v_sum := v_sum + v_rec.n;
      end loop;
      -- the people who did not say, when there are any (never for channel), then the line's total
      if v_total - v_sum > 0 then
        v_vals := v_vals || (v_total - v_sum);
        v_meta := v_meta || jsonb_build_object('dimension', v_dim, 'category', '_not_stated');
        v_class := v_class || 0;
        v_bound := v_bound || 0;
        v_cells := v_cells || array_length(v_vals, 1);
      end if;
      v_cells := v_cells || 1;
    end loop;
    v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);

    if v_exact then
      v_hidden := array_fill(false, array[array_length(v_vals, 1)]);
    else
      select array_agg(u.v between 1 and v_t - 1 order by u.ord) into v_primary
      from unnest(v_vals) with ordinality u(v, ord);
      v_hidden := app.complementary_suppression(v_vals, v_primary, v_class, v_cells, v_starts, v_bound);
    end if;

    select coalesce(jsonb_agg(jsonb_build_object(
        'key', d.key,
        'label', coalesce(ad.label, case d.key when 'channel' then 'Channel' when 'assistance' then 'How the answers were given'
                                               when 'language' then 'Language' else d.key end),
        'groups', (select coalesce(jsonb_agg(jsonb_build_object(
              'category', m.value ->> 'category',
              'label', case when m.value ->> 'category' = '_not_stated' then 'Did not say'
                            else coalesce((select c.label from app.about_categories c
                                           where c.dimension = d.key and c.code = m.value ->> 'category'
                                             and (c.organisation_id is null or c.organisation_id = v_s.organisation_id)
                                           order by c.organisation_id nulls last limit 1), m.value ->> 'category') end,
              'n', case when v_hidden[m.ord] then null else app.round_to(v_vals[m.ord], v_base) end,
              'symbol', case when v_hidden[m.ord] then '[c]' end,
              'small', v_exact and v_vals[m.ord] between 1 and v_t - 1) order by m.ord), '[]'::jsonb)
            from jsonb_array_elements(v_meta) with ordinality m(value, ord)
            where m.value ->> 'dimension' = d.key))
        order by d.ord), '[]'::jsonb)
    into v_dimensions
    from unnest(v_dims) with ordinality d(key, ord)
    left join app.about_dimensions ad on ad.key = d.key;

    v_waves := v_waves || jsonb_build_object(
      'id', v_w.id, 'label', v_w.label, 'kind', v_w.kind, 'status', v_status, 'source', v_w.source,
      'opens_at', v_w.opens_at, 'closes_at', v_w.closes_at, 'as_of', v_as_of, 'rounded_to', v_base,
      'total', case when v_hidden[1] then null else app.round_to(v_total, v_base) end,
      'total_symbol', case when v_hidden[1] then '[c]' end,
      'total_small', v_exact and v_total between 1 and v_t - 1,
      'dimensions', v_dimensions);

    -- panel members who answered both the baseline and this repeat
    if v_baseline.id is not null and v_w.id <> v_baseline.id and v_w.source = 'responses' then
      if v_snapshot is null then
        select coalesce(max(p.n), 0) into v_linked from app.panel_wave_pairs p
        where p.wave_id = v_w.id and p.other_wave_id = v_baseline.id;
      else
        select coalesce(max(s.n), 0) into v_linked from app.reach_snapshots s
        where s.wave_id = v_w.id and s.taken_on = v_snapshot and s.other_wave_id = v_baseline.id;
      end if;
      v_panel := v_panel || jsonb_build_object(
        'wave_id', v_w.id, 'label', v_w.label, 'status', v_status, 'as_of', v_as_of, 'rounded_to', v_base,
        'linked', case when not v_exact and v_linked between 1 and v_t - 1 then null else app.round_to(v_linked, v_base) end,
        'linked_symbol', case when not v_exact and v_linked between 1 and v_t - 1 then '[c]' end,
        'linked_small', v_exact and v_linked between 1 and v_t - 1);
    end if;
  end loop;

  return jsonb_build_object(
    'survey_id', v_s.id,
    'exact', v_exact,
    'rule', app.disclosure_rule_json(v_rule),
    'as_of', now(),
    'baseline', case when v_baseline.id is null then null
                     else jsonb_build_object('id', v_baseline.id, 'label', v_baseline.label) end,
    'waves', v_waves,
    'panel', v_panel);
end
$$;

comment on function api.reach is
  'Who a survey reached: for each wave, respondents in total and by channel, by how the answers were given, '
  'by language and by each about-you question the survey asks (groups with their counts, and those who did '
  'not say), and the panel members who answered both the baseline and each repeat. Exact for admins, leads, '
  'officers and the safeguarding lead (small marks a count under the threshold); under the organisation''s '
  'disclosure rule for forum and scrutiny (a hidden count is null with symbol [c]; shown counts rounded; an '
  'open wave as at the start of the day). From the running counts, never raw answers.';

revoke execute on function api.reach from public;
grant execute on function api.reach to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- api.panel_journey: from the read models
-- ---------------------------------------------------------------------------------------------

-- As 20261203000100_restricted_tables_two_columns.sql, but the linked panel members' answers come from
-- app.journey_counts (live), or, when an open wave is counted as at the start of the day for forum and
-- scrutiny, from app.panel_answers, never from the raw responses and answers. A code's latest answer in a wave
-- is its latest response's (the later response_id when two were sent at the same moment).

create or replace function api.panel_journey(p_question_id uuid, p_from_wave_id uuid, p_to_wave_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_from app.waves;
  v_to app.waves;
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_t integer;
  v_base integer := 1;
  v_before timestamptz := 'infinity';
  v_opts uuid[];        -- the question's options, in order
  v_of integer[];       -- each option's category: itself for staff; 1 positive, 2 not positive for the rest
  v_values text[];      -- each category's value and label
  v_labels text[];
  v_k integer;          -- categories
  v_ko integer;         -- options
  v_vals integer[];
  v_primary boolean[];
  v_class integer[];
  v_bound integer[];
  v_hidden boolean[];
  v_cells integer[] := '{}';
  v_starts integer[] := '{}';
  v_size integer;
  v_w integer[];        -- where each wave's table starts (its everyone's row first)
  v_s integer;          -- each wave's count of each category, never published: where they start
  v_e integer;
  v_whole boolean[];
  v_tab record;
  v_off integer;
  v_ncells integer;
  i integer;
  j integer;
  v_m integer;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  -- a question of another organisation looks the same as one that does not exist
  if not found or not (app.has_role(v_q.organisation_id) or app.sees_exact_figures(v_q.organisation_id)) then
    raise exception 'There is no such question.' using errcode = 'P0002', hint = 'not_found';
  end if;
  if v_q.kind not in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10') then
    raise exception 'Journeys are counted for questions with one answer to choose.'
      using hint = 'invalid_request';
  end if;
  select * into v_from from app.waves w where w.id = p_from_wave_id and w.survey_id = v_q.survey_id;
  select * into v_to from app.waves w where w.id = p_to_wave_id and w.survey_id = v_q.survey_id;
  if v_from.id is null or v_to.id is null or v_from.id = v_to.id then
    raise exception 'Choose two different waves of this question''s survey.' using hint = 'invalid_request';
  end if;

  v_exact := app.sees_exact_figures(v_q.organisation_id);
  v_rule := app.disclosure_rule_of(v_q.organisation_id);
  v_t := v_rule.threshold;
  if not v_exact then
    v_base := v_rule.rounding_base;
    if app.wave_status(v_from.opens_at, v_from.closes_at) = 'open'
       or app.wave_status(v_to.opens_at, v_to.closes_at) = 'open' then
      -- an open wave counts as it stood at the start of the day (UTC), rounded to at least 5
      v_before := ((now() at time zone 'utc')::date)::timestamp at time zone 'utc';
      v_base := greatest(v_base, 5);
    end if;
  end if;

  select coalesce(array_agg(op.id order by op.position), '{}') into v_opts
  from app.question_options op where op.question_id = v_q.id;
  v_ko := coalesce(array_length(v_opts, 1), 0);
  if v_exact then
    -- staff: every answer to every answer
    select coalesce(array_agg(op.value order by op.position), '{}'), coalesce(array_agg(op.label order by op.position), '{}')
    into v_values, v_labels
    from app.question_options op where op.question_id = v_q.id;
    select coalesce(array_agg(o.i order by o.i), '{}') into v_of from generate_series(1, v_ko) o(i);
  else
    -- Everyone else: positive or not, at each wave (a two-by-two table, the one a paired test reads). Every
    -- answer to every answer has too many cells whose sums a reader can combine for suppression to close.
    if not exists (select 1 from app.question_options op where op.question_id = v_q.id and op.is_positive) then
      raise exception 'Journeys are published for questions with answers that count as positive.'
        using hint = 'invalid_request';
    end if;
    select array_agg(case when op.is_positive then 1 else 2 end order by op.position) into v_of
    from app.question_options op where op.question_id = v_q.id;
    v_values := array['positive', 'not_positive'];
    select array[string_agg(op.label, ' or ' order by op.position) filter (where op.is_positive),
                 coalesce('Not ' || lower(string_agg(op.label, ' or ' order by op.position) filter (where op.is_positive)), 'Not positive')]
    into v_labels
    from app.question_options op where op.question_id = v_q.id;
  end if;
  v_k := coalesce(array_length(v_values, 1), 0);
  v_size := v_k * v_k + 2 * v_k + 1;

  -- cells (i, j) at (i - 1) * k + j; from-totals at k*k + i; to-totals at k*k + k + j; linked last
  with answered as (
    -- an open wave as at the start of the day: each panel code's latest answer to the question in a wave then
    select distinct on (p.wave_id, p.panel_code) p.wave_id, p.panel_code, p.option_id
    from app.panel_answers p
    where v_before <> 'infinity' and p.question_id = v_q.id and p.wave_id in (v_from.id, v_to.id)
      and p.submitted_at < v_before
    order by p.wave_id, p.panel_code, p.submitted_at desc, p.response_id desc
  ), linked as (
    select f.option_id as from_option_id, t.option_id as to_option_id, count(*)::integer as n
    from answered f join answered t on t.panel_code = f.panel_code
    where f.wave_id = v_from.id and t.wave_id = v_to.id
    group by f.option_id, t.option_id
    union all
    -- else the journey counts, kept live
    select c.from_option_id, c.to_option_id, c.n from app.journey_counts c
    where v_before = 'infinity' and c.question_id = v_q.id and c.from_wave_id = v_from.id and c.to_wave_id = v_to.id
  ), pairs as (
    select v_of[array_position(v_opts, l.from_option_id)] as fi, v_of[array_position(v_opts, l.to_option_id)] as ti, l.n
    from linked l
  )
  select array_agg(coalesce(
    case when s.idx <= v_k * v_k then (select sum(p.n) from pairs p where p.fi = (s.idx - 1) / v_k + 1 and p.ti = (s.idx - 1) % v_k + 1)
         when s.idx <= v_k * v_k + v_k then (select sum(p.n) from pairs p where p.fi = s.idx - v_k * v_k)
         when s.idx <= v_k * v_k + 2 * v_k then (select sum(p.n) from pairs p where p.ti = s.idx - v_k * v_k - v_k)
         else (select sum(p.n) from pairs p) end, 0)::integer order by s.idx)
  into v_vals
  from generate_series(1, v_size) s(idx);

  if v_exact then
    v_hidden := array_fill(false, array[v_size]);
  else
    v_primary := array_fill(false, array[v_size]);
    v_class := array_fill(1, array[v_size]);
    -- a cell is at most its from-total (the margins are bounded by the waves' tables, below)
    v_bound := array_fill(0, array[v_size]);
    for i in 1 .. v_k * v_k loop v_bound[i] := v_k * v_k + (i - 1) / v_k + 1; end loop;
    for i in 1 .. v_size loop
      if v_vals[i] between 1 and v_t - 1 then v_primary[i] := true; end if;
      -- every linked person gave one answer in a wave (a total equal to linked): with linked no larger than
      -- either wave's n, that total and linked would show a whole wave all of one answer; hide both
      if i > v_k * v_k and i < v_size and v_vals[v_size] > 0 and v_vals[i] = v_vals[v_size] then
        v_primary[i] := true;
        v_primary[v_size] := true;
      end if;
    end loop;
    for i in 1 .. v_k loop
      for j in 1 .. v_k loop
        v_class[(i - 1) * v_k + j] := 0;
        -- everyone who gave answer i moved to j, or everyone now at j came from i: hide it and the zeros
        if v_vals[v_k * v_k + i] > 0 and v_vals[(i - 1) * v_k + j] = v_vals[v_k * v_k + i] then
          for v_m in 1 .. v_k loop
            if v_m = j or (v_vals[(i - 1) * v_k + v_m] = 0 and v_vals[v_k * v_k + v_k + v_m] > 0) then
              v_primary[(i - 1) * v_k + v_m] := true;
            end if;
          end loop;
        end if;
        if v_vals[v_k * v_k + v_k + j] > 0 and v_vals[(i - 1) * v_k + j] = v_vals[v_k * v_k + v_k + j] then
          for v_m in 1 .. v_k loop
            if v_m = i or (v_vals[(v_m - 1) * v_k + j] = 0 and v_vals[v_k * v_k + v_m] > 0) then
              v_primary[(v_m - 1) * v_k + j] := true;
            end if;
          end loop;
        end if;
      end loop;
    end loop;
    -- lines: each from-category's cells and its total; each to-category's cells and its total; both margins
    -- and linked (v_starts ends with where the next line starts)
    for i in 1 .. v_k loop
      v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      for j in 1 .. v_k loop v_cells := v_cells || ((i - 1) * v_k + j); end loop;
      v_cells := v_cells || (v_k * v_k + i);
    end loop;
    for j in 1 .. v_k loop
      v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      for i in 1 .. v_k loop v_cells := v_cells || ((i - 1) * v_k + j); end loop;
      v_cells := v_cells || (v_k * v_k + v_k + j);
    end loop;
    v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
    for i in 1 .. v_k loop v_cells := v_cells || (v_k * v_k + i); end loop;
    v_cells := v_cells || v_size;
    v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
    for j in 1 .. v_k loop v_cells := v_cells || (v_k * v_k + v_k + j); end loop;
    v_cells := v_cells || v_size;
    v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
    v_whole := array_fill(true, array[2 * v_k + 2]);
    -- The waves' own published tables join the journey, each one whole: every group of the wave by every
    -- answer and n, with every line its reader adds up, shown or hidden as that table has them and never
    -- changed here (class 9). What a reader can infer through a wave's group rows and the journey together is
    -- then seen at once.
    v_w := '{}';
    for v_m in 0 .. 1 loop
      select * into v_tab from app.question_table(v_q.id, case when v_m = 0 then v_from.id else v_to.id end, false, v_rule);
      -- a restricted reader's table of such a question is positive / not positive: its columns are the categories
      if not v_tab.o_grouped then
        raise exception 'Journeys are published for questions that everyone in both waves answered.'
          using hint = 'invalid_request';
      end if;
      v_off := array_length(v_vals, 1);
      v_ncells := coalesce(array_length(v_cells, 1), 0);
      v_w := v_w || v_off;  -- everyone's row: cells v_off + 1 .. v_off + options, then its n
      v_vals := v_vals || v_tab.o_vals;
      v_primary := v_primary || v_tab.o_hidden;
      v_class := v_class || array_fill(9, array[cardinality(v_tab.o_vals)]);
      v_bound := v_bound || (select array_agg(case when u.b = 0 then 0 else u.b + v_off end order by u.ord)
                             from unnest(v_tab.o_bound) with ordinality u(b, ord));
      v_starts := v_starts || (select array_agg(u.s + v_ncells order by u.ord)
                               from unnest(v_tab.o_starts) with ordinality u(s, ord) where u.ord > 1);
      v_cells := v_cells || (select array_agg(u.c + v_off order by u.ord)
                             from unnest(v_tab.o_cells) with ordinality u(c, ord));
      v_whole := v_whole || v_tab.o_whole;
    end loop;
    -- Never published (class 10): each wave's count of each category (the sum of its answers in everyone's
    -- row), then the people of each wave in each category who are not linked. A wave's count of a category
    -- is the linked people in it plus those not linked; a wave's n is linked plus everyone not linked.
    v_s := array_length(v_vals, 1);  -- wave m's category c at v_s + m * k + c; its unlinked at v_e + m * k + c
    v_e := v_s + 2 * v_k;
    v_vals := v_vals || array_fill(0, array[4 * v_k]);
    v_primary := v_primary || array_fill(true, array[4 * v_k]);
    v_class := v_class || array_fill(10, array[4 * v_k]);
    v_bound := v_bound || array_fill(0, array[4 * v_k]);
    for v_m in 0 .. 1 loop
      for j in 1 .. v_k loop
        v_vals[v_s + v_m * v_k + j] := v_vals[v_w[v_m + 1] + j];
      end loop;
      for i in 1 .. v_k loop
        v_vals[v_e + v_m * v_k + i] := greatest(v_vals[v_s + v_m * v_k + i] - v_vals[v_k * v_k + v_m * v_k + i], 0);
        -- the category's answers add up to it
        v_cells := v_cells || (v_w[v_m + 1] + i);
        v_cells := v_cells || (v_s + v_m * v_k + i);
        v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
        -- the linked people in it and those not linked add up to it
        v_cells := v_cells || array[v_k * v_k + v_m * v_k + i, v_e + v_m * v_k + i, v_s + v_m * v_k + i];
        v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
        v_whole := v_whole || array[false, false];
      end loop;
      -- the wave's n: linked plus the unlinked
      for i in 1 .. v_k loop v_cells := v_cells || (v_e + v_m * v_k + i); end loop;
      v_cells := v_cells || array[v_size, v_w[v_m + 1] + v_k + 1];
      v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      v_whole := v_whole || false;
    end loop;
    v_hidden := app.complementary_suppression(v_vals, v_primary, v_class, v_cells, v_starts, v_bound, null, v_whole);
  end if;

  return jsonb_build_object(
    'question_id', v_q.id,
    'from_wave', jsonb_build_object('id', v_from.id, 'label', v_from.label, 'kind', v_from.kind),
    'to_wave', jsonb_build_object('id', v_to.id, 'label', v_to.label, 'kind', v_to.kind),
    'exact', v_exact,
    'grouped', not v_exact,
    'rule', app.disclosure_rule_json(v_rule),
    'rounded_to', v_base,
    'as_of', case when v_before = 'infinity' then now() else v_before end,
    'linked', case when v_hidden[v_size] then null else app.round_to(v_vals[v_size], v_base) end,
    'linked_suppressed', v_hidden[v_size],
    'linked_symbol', case when v_hidden[v_size] then '[c]' end,
    'from_totals', (select coalesce(jsonb_agg(jsonb_build_object(
        'value', c.value, 'label', c.label,
        'n', case when v_hidden[v_k * v_k + c.i] then null else app.round_to(v_vals[v_k * v_k + c.i], v_base) end,
        'symbol', case when v_hidden[v_k * v_k + c.i] then '[c]' end,
        'small', v_exact and v_vals[v_k * v_k + c.i] between 1 and v_t - 1) order by c.i), '[]'::jsonb)
      from unnest(v_values, v_labels) with ordinality c(value, label, i)),
    'to_totals', (select coalesce(jsonb_agg(jsonb_build_object(
        'value', c.value, 'label', c.label,
        'n', case when v_hidden[v_k * v_k + v_k + c.i] then null else app.round_to(v_vals[v_k * v_k + v_k + c.i], v_base) end,
        'symbol', case when v_hidden[v_k * v_k + v_k + c.i] then '[c]' end,
        'small', v_exact and v_vals[v_k * v_k + v_k + c.i] between 1 and v_t - 1) order by c.i), '[]'::jsonb)
      from unnest(v_values, v_labels) with ordinality c(value, label, i)),
    'cells', (select coalesce(jsonb_agg(jsonb_build_object(
        'from_value', c1.value, 'from_label', c1.label, 'to_value', c2.value, 'to_label', c2.label,
        'n', case when v_hidden[(c1.i - 1) * v_k + c2.i] then null else app.round_to(v_vals[(c1.i - 1) * v_k + c2.i], v_base) end,
        'suppressed', v_hidden[(c1.i - 1) * v_k + c2.i],
        'symbol', case when v_hidden[(c1.i - 1) * v_k + c2.i] then '[c]' end,
        'small', v_exact and v_vals[(c1.i - 1) * v_k + c2.i] between 1 and v_t - 1)
        order by c1.i, c2.i), '[]'::jsonb)
      from unnest(v_values, v_labels) with ordinality c1(value, label, i)
      cross join unnest(v_values, v_labels) with ordinality c2(value, label, i)));
end
$$;

revoke all on function api.panel_journey(uuid, uuid, uuid) from public, anon;
grant execute on function api.panel_journey(uuid, uuid, uuid) to authenticated, service_role;
revoke all on function api.reach(uuid) from public, anon;
grant execute on function api.reach(uuid) to authenticated, service_role;

-- What is there already: the read models from the raw rows, and today's snapshots as they stood when taken.
select app.rebuild_counts() where exists (select 1 from app.responses);
insert into app.reach_snapshots (wave_id, taken_on, language, other_wave_id, n)
select d.wave_id, d.taken_on, r.language, null::uuid, count(*)::integer
from app.count_snapshot_days d join app.responses r on r.wave_id = d.wave_id and r.submitted_at < d.taken_at
group by d.wave_id, d.taken_on, r.language
union all
select d.wave_id, d.taken_on, null::text, o.id, count(distinct r.panel_code)::integer
from app.count_snapshot_days d
join app.waves w on w.id = d.wave_id
join app.waves o on o.survey_id = w.survey_id and o.id <> w.id
join app.responses r on r.wave_id = d.wave_id and r.panel_code is not null and r.submitted_at < d.taken_at
where exists (select 1 from app.responses b where b.organisation_id = r.organisation_id and b.panel_code = r.panel_code
                and b.wave_id = o.id and b.submitted_at < d.taken_at)
group by d.wave_id, d.taken_on, o.id;
