-- Disclosure control inside the database (issue 10).
--
-- Figures that leave staff hands (forum, scrutiny, and anything anon may one day read) go through one
-- rule per organisation, chosen by its admins and kept with its history:
--   * under_10     "under 10 hidden" (the default): counts 1 to 9 hidden, nothing rounded;
--   * nhs_england  "1–7 hidden, others rounded to the nearest 5" (NHS England's rule);
--   * custom       the organisation's own threshold (3 to 100) and rounding base (a positive whole number).
--
-- The computation lives here, in security-definer functions with an empty search_path, so no client can
-- get round it. For one question in one wave it builds every group of every dimension (about-you, channel,
-- assistance, everyone, and "not stated" so that each dimension adds up to everyone) by every answer plus
-- the group's own n, and then:
--   1. primary suppression: every count from 1 to threshold - 1, group sizes included; and a group whose
--      members all gave one answer is paired with another group of its dimension, and both groups' counts
--      of every answer either gave are hidden (if everyone in the wave gave one answer, no answer is shown);
--   2. secondary (complementary) suppression: in every line the reader can add up (a group's answers and its
--      n; one answer across the groups of a dimension and everyone; the group sizes of a dimension and
--      everyone) no hidden cell can be narrowed to one value (from the line's sum, every count being at least 0
--      and at most its group's n when that is shown): another one is hidden, the smallest non-zero count first,
--      margins last, and group sizes are chosen from group sizes only, so that every question of a wave
--      hides the same group sizes;
--   3. rounding of what is shown to the rule's base; an open wave's figures come from a snapshot taken once
--      a day (at the first restricted reading of the day) and are rounded to at least 5, so that an open
--      wave seen at two moments moves only in steps that cannot single anyone out.
-- A hidden figure is null with the GSS symbol '[c]'. Admins, leads, officers (and the safeguarding lead,
-- who reads raw responses anyway) get exact live figures with a small-number warning.
--
-- Forum and scrutiny lose direct select on the raw running counts: the counts tables become staff-only.
-- The shape every restricted function returns, and the linear relations a reader knows between its
-- figures, are written in tests/db/disclosure/CONTRACT.md.

-- ---------------------------------------------------------------------------------------------
-- The rule and its history
-- ---------------------------------------------------------------------------------------------

create type app.disclosure_rule_kind as enum ('under_10', 'nhs_england', 'custom');

create table app.disclosure_rules (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  kind app.disclosure_rule_kind not null,
  -- counts from 1 to threshold - 1 are hidden
  threshold integer not null check (threshold between 3 and 100),
  -- shown counts are rounded to the nearest multiple; 1 means not rounded
  rounding_base integer not null check (rounding_base between 1 and 1000),
  chosen_by uuid references auth.users (id) on delete set null,
  chosen_at timestamptz not null default clock_timestamp(),
  check (kind <> 'under_10' or (threshold = 10 and rounding_base = 1)),
  check (kind <> 'nhs_england' or (threshold = 8 and rounding_base = 5))
);
create index disclosure_rules_organisation_idx on app.disclosure_rules (organisation_id, chosen_at desc);
comment on table app.disclosure_rules is
  'Each organisation''s disclosure rule and its history: the newest row is the rule in force; every row says '
  'who chose it (chosen_by) and when (chosen_at). Written only through api.set_disclosure_rule.';
comment on column app.organisations.min_cell_size is
  'Superseded by app.disclosure_rules: kept equal to the threshold of the rule in force.';

alter table app.disclosure_rules enable row level security;
grant select on app.disclosure_rules to authenticated;
grant all on app.disclosure_rules to service_role;
create policy "members read their organisation's disclosure rules" on app.disclosure_rules
  for select to authenticated using (app.has_role(organisation_id));

-- Every organisation starts with a rule: "under 10 hidden", or its own threshold when it was made with one.
create function app.default_disclosure_rule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into app.disclosure_rules (organisation_id, kind, threshold, rounding_base, chosen_at)
  values (new.id,
          case when new.min_cell_size = 10 then 'under_10' else 'custom' end::app.disclosure_rule_kind,
          greatest(new.min_cell_size, 3), 1, new.created_at);
  return new;
end
$$;
create trigger organisations_default_disclosure_rule after insert on app.organisations
  for each row execute function app.default_disclosure_rule();

insert into app.disclosure_rules (organisation_id, kind, threshold, rounding_base, chosen_at)
select o.id, case when o.min_cell_size = 10 then 'under_10' else 'custom' end::app.disclosure_rule_kind,
       greatest(o.min_cell_size, 3), 1, o.created_at
from app.organisations o;

create function app.disclosure_rule_of(p_organisation_id uuid)
returns app.disclosure_rules
language sql stable security definer
set search_path = ''
as $$
  select r.* from app.disclosure_rules r
  where r.organisation_id = p_organisation_id
  order by r.chosen_at desc, r.id
  limit 1
$$;
comment on function app.disclosure_rule_of is 'The disclosure rule in force for an organisation. Internal.';

create function app.disclosure_rule_label(p_kind app.disclosure_rule_kind, p_threshold integer, p_rounding_base integer)
returns text
language sql immutable
set search_path = ''
as $$
  select case p_kind
    when 'under_10' then 'Under 10 hidden'
    when 'nhs_england' then '1–7 hidden, others rounded to the nearest 5 (NHS England)'
    else 'Under ' || p_threshold || ' hidden'
         || case when p_rounding_base > 1 then ', others rounded to the nearest ' || p_rounding_base else '' end
  end
$$;

create function app.disclosure_rule_json(p_rule app.disclosure_rules)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p_rule.id, 'kind', p_rule.kind, 'threshold', p_rule.threshold, 'rounding_base', p_rule.rounding_base,
    'label', app.disclosure_rule_label(p_rule.kind, p_rule.threshold, p_rule.rounding_base),
    'chosen_at', p_rule.chosen_at)
$$;

-- ---------------------------------------------------------------------------------------------
-- Who sees exact figures
-- ---------------------------------------------------------------------------------------------

create function app.sees_exact_figures(p_organisation_id uuid)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  -- Survey staff and the safeguarding lead (who read raw responses anyway), and the database's own
  -- maintenance connections (no API role at all: seed, checks); everyone else gets controlled figures.
  select app.has_role(p_organisation_id, '{admin,lead,officer,safeguarding}')
      or (auth.role() is null and session_user not in ('anon', 'authenticated'))
      or auth.role() = 'service_role'
$$;
comment on function app.sees_exact_figures is
  'True when the caller sees exact figures (admin, lead, officer, safeguarding; service_role). Internal.';

-- ---------------------------------------------------------------------------------------------
-- Raw counts: staff only
-- ---------------------------------------------------------------------------------------------

drop policy "members read wave counts" on app.wave_group_counts;
drop policy "members read question counts" on app.question_counts;
drop policy "members read option counts" on app.option_counts;

create policy "survey staff read wave counts" on app.wave_group_counts
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));
create policy "survey staff read question counts" on app.question_counts
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));
create policy "survey staff read option counts" on app.option_counts
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));

-- ---------------------------------------------------------------------------------------------
-- An open wave's daily snapshot
-- ---------------------------------------------------------------------------------------------

create table app.count_snapshot_days (
  wave_id uuid not null references app.waves (id) on delete cascade,
  taken_on date not null,
  taken_at timestamptz not null default clock_timestamp(),
  primary key (wave_id, taken_on)
);
create table app.count_snapshots (
  wave_id uuid not null,
  taken_on date not null,
  -- null: the wave's groups (wave_group_counts); option_id null: the question's n (question_counts)
  question_id uuid,
  option_id uuid,
  dimension text not null,
  category text not null,
  n integer not null,
  foreign key (wave_id, taken_on) references app.count_snapshot_days (wave_id, taken_on) on delete cascade on update cascade
);
create index count_snapshots_idx on app.count_snapshots (wave_id, taken_on, question_id);
alter table app.count_snapshot_days enable row level security;
alter table app.count_snapshots enable row level security;
comment on table app.count_snapshots is
  'The running counts of an open wave as they stood at the first restricted reading of a day: what forum, '
  'scrutiny and the public read until the next day. Private: no API role reads it.';

create function app.open_wave_snapshot(p_wave_id uuid)
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
  insert into app.count_snapshots (wave_id, taken_on, question_id, option_id, dimension, category, n)
  select c.wave_id, v_day, null::uuid, null::uuid, c.dimension, c.category, c.n from app.wave_group_counts c where c.wave_id = p_wave_id
  union all
  select c.wave_id, v_day, c.question_id, null::uuid, c.dimension, c.category, c.n from app.question_counts c where c.wave_id = p_wave_id
  union all
  select c.wave_id, v_day, c.question_id, c.option_id, c.dimension, c.category, c.n from app.option_counts c where c.wave_id = p_wave_id;
  return v_at;
end
$$;
comment on function app.open_wave_snapshot is
  'Today''s (UTC) snapshot of an open wave''s running counts, taken now if there is none yet; returns when it '
  'was taken. Internal.';

-- The counts of one question in one wave (question_id null: the wave's groups), live or from a snapshot day.
create function app.figure_source(p_wave_id uuid, p_question_id uuid, p_snapshot date)
returns table (option_id uuid, dimension text, category text, n integer)
language sql stable
set search_path = ''
as $$
  select null::uuid, c.dimension, c.category, c.n from app.wave_group_counts c
   where p_snapshot is null and p_question_id is null and c.wave_id = p_wave_id
  union all
  select null::uuid, c.dimension, c.category, c.n from app.question_counts c
   where p_snapshot is null and c.wave_id = p_wave_id and c.question_id = p_question_id
  union all
  select c.option_id, c.dimension, c.category, c.n from app.option_counts c
   where p_snapshot is null and c.wave_id = p_wave_id and c.question_id = p_question_id
  union all
  select s.option_id, s.dimension, s.category, s.n from app.count_snapshots s
   where p_snapshot is not null and s.wave_id = p_wave_id and s.taken_on = p_snapshot
     and s.question_id is not distinct from p_question_id
$$;

-- ---------------------------------------------------------------------------------------------
-- Suppression
-- ---------------------------------------------------------------------------------------------

create function app.round_to(p_value integer, p_base integer)
returns integer
language sql immutable
set search_path = ''
as $$
  select case when p_value is null then null when p_base <= 1 then p_value
              else ((p_value + p_base / 2) / p_base) * p_base end
$$;
comment on function app.round_to is 'A count rounded to the nearest multiple of p_base (halves up). Internal.';

create function app.reader_bounds(
  p_values integer[], p_hidden boolean[], p_line_cells integer[], p_line_starts integer[],
  p_bound_cell integer[], p_lower bigint[], p_upper bigint[], out o_lo bigint[], out o_hi bigint[]
)
language plpgsql immutable
set search_path = ''
as $$
-- What a reader knows of each cell of a table (see app.complementary_suppression for the lines and bounds):
-- a shown cell exactly; a hidden one between its known bounds (p_lower, p_upper, else 0 and none), narrowed
-- through every line's sum and every bounding cell, again and again until nothing changes. o_hi null: no
-- upper bound.
declare
  v_n integer := coalesce(array_length(p_values, 1), 0);
  v_lines integer := coalesce(array_length(p_line_starts, 1), 1) - 1;
  v_lo bigint[];
  v_hi bigint[];
  v_changed boolean;
  v_rounds integer;
  v_total integer;
  v_sum_lo bigint;
  v_sum_hi bigint;
  v_unb integer;
  v_new bigint;
  v_other_hi bigint;
  v_cell integer;
  v_b integer;
  v_hid_any boolean;
  l integer;
  i integer;
  c integer;
begin
    -- what the reader knows: shown cells exactly, hidden ones between 0 and their known bounds
    v_lo := array_fill(0::bigint, array[v_n]);
    v_hi := array_fill(null::bigint, array[v_n]);
    for c in 1 .. v_n loop
      if not p_hidden[c] then
        v_lo[c] := p_values[c];
        v_hi[c] := p_values[c];
      else
        if p_upper is not null and p_upper[c] is not null then v_hi[c] := p_upper[c]; end if;
        if p_lower is not null and p_lower[c] is not null then v_lo[c] := p_lower[c]; end if;
      end if;
    end loop;
    v_changed := true;
    v_rounds := 0;
    while v_changed and v_rounds < 200 loop
      v_changed := false;
      v_rounds := v_rounds + 1;
      -- a cell is at most its bounding cell, which is at least the cell
      for c in 1 .. v_n loop
        v_b := coalesce(p_bound_cell[c], 0);
        continue when v_b = 0 or not (p_hidden[c] or p_hidden[v_b]);
        if v_hi[v_b] is not null and (v_hi[c] is null or v_hi[c] > v_hi[v_b]) then
          v_hi[c] := v_hi[v_b]; v_changed := true;
        end if;
        if v_lo[v_b] < v_lo[c] then
          v_lo[v_b] := v_lo[c]; v_changed := true;
        end if;
      end loop;
      -- each line: total = sum of parts
      for l in 1 .. v_lines loop
        v_total := p_line_cells[p_line_starts[l + 1] - 1];
        v_hid_any := false;
        v_sum_lo := 0; v_sum_hi := 0; v_unb := 0;
        for i in p_line_starts[l] .. p_line_starts[l + 1] - 2 loop
          v_cell := p_line_cells[i];
          if p_hidden[v_cell] then v_hid_any := true; end if;
          v_sum_lo := v_sum_lo + v_lo[v_cell];
          if v_hi[v_cell] is null then v_unb := v_unb + 1; else v_sum_hi := v_sum_hi + v_hi[v_cell]; end if;
        end loop;
        continue when not v_hid_any and not p_hidden[v_total];
        -- the total
        if v_lo[v_total] < v_sum_lo then v_lo[v_total] := v_sum_lo; v_changed := true; end if;
        if v_unb = 0 and (v_hi[v_total] is null or v_hi[v_total] > v_sum_hi) then
          v_hi[v_total] := v_sum_hi; v_changed := true;
        end if;
        -- each hidden part: total minus the other parts
        for i in p_line_starts[l] .. p_line_starts[l + 1] - 2 loop
          v_cell := p_line_cells[i];
          continue when not p_hidden[v_cell];
          if v_hi[v_total] is not null then
            v_new := v_hi[v_total] - (v_sum_lo - v_lo[v_cell]);
            if v_hi[v_cell] is null or v_hi[v_cell] > v_new then v_hi[v_cell] := v_new; v_changed := true; end if;
          end if;
          if v_unb = 0 or (v_unb = 1 and v_hi[v_cell] is null) then
            v_other_hi := v_sum_hi - coalesce(v_hi[v_cell], 0);
            v_new := v_lo[v_total] - v_other_hi;
            if v_lo[v_cell] < v_new then v_lo[v_cell] := v_new; v_changed := true; end if;
          end if;
        end loop;
      end loop;
    end loop;

  o_lo := v_lo;
  o_hi := v_hi;
end
$$;
comment on function app.reader_bounds is
  'What a reader of a table knows of each cell: its lowest and highest possible values from everything shown '
  '(every line''s sum, every bounding cell, known bounds of hidden cells), narrowed until nothing changes. Internal.';

create function app.hide_rank(p_value integer, p_class integer)
returns integer
language sql immutable
set search_path = ''
as $$
  -- lower first: a count above zero before a zero, a non-margin cell (class 0) before a margin, smaller first
  select (case when p_value > 0 then 0 else 2 end + case when p_class = 0 then 0 else 1 end) * 1000000
         + least(p_value, 999999)
$$;
comment on function app.hide_rank is
  'Internal (app.complementary_suppression): which shown cell to hide next, lowest first.';

create function app.complementary_suppression(
  p_values integer[], p_hidden boolean[], p_class integer[], p_line_cells integer[], p_line_starts integer[],
  p_bound_cell integer[], p_upper bigint[] default null, p_whole_line boolean[] default null,
  p_lower bigint[] default null
)
returns boolean[]
language plpgsql immutable
set search_path = ''
as $$
-- Lines are sets of cells with a published sum relation (line l is p_line_cells[p_line_starts[l] ..
-- p_line_starts[l + 1] - 1]): the line's last cell is its total, the others add up to it. The reader knows
-- every shown cell, that every cell is at least 0, that a cell with a bounding cell (p_bound_cell, 0 for
-- none: a group's answers are bounded by the group's n; journey cells by their from-total) is at most that
-- cell, and that a cell is at most p_upper (figures published elsewhere: a journey's margins are at most the
-- waves' counts). From all of it at once the reader narrows every hidden cell to an interval (bounds
-- propagated through every line until nothing changes). Until no hidden count above zero is narrowed to a
-- single value, and no line marked in p_whole_line (a group's answers, a journey's row or column) is shown
-- to be all of one part, hide one more cell in a line of each such cell: a count above zero first (a
-- non-margin cell, class 0, before a margin, class 1), zeros last, smallest first; class 9 cells are never
-- chosen; class 10 cells are never published at all (sums the reader can only bound, such as a wave's
-- people not linked to the other wave) and are no leak when narrowed. Shown cells count as exact (rounding only narrows what the reader knows).
declare
  v_n integer := coalesce(array_length(p_values, 1), 0);
  v_hidden boolean[] := p_hidden;
  v_lines integer := coalesce(array_length(p_line_starts, 1), 1) - 1;
  v_lo bigint[];
  v_hi bigint[];         -- null: no upper bound known
  v_total integer;
  v_leaks integer[];     -- cells pinned
  v_leak_lines integer[]; -- whole lines shown to be all of one part
  v_best integer;
  v_best_rank integer;
  v_rank integer;
  v_cell integer;
  v_b integer;
  v_hid_any boolean;
  v_open integer;
  v_open_cell integer;
  l integer;
  i integer;
  c integer;
begin
  if v_n = 0 then
    return v_hidden;
  end if;
  loop
    -- what the reader knows: shown cells exactly, hidden ones between their known bounds, narrowed
    select r.o_lo, r.o_hi into v_lo, v_hi
    from app.reader_bounds(p_values, v_hidden, p_line_cells, p_line_starts, p_bound_cell, p_lower, p_upper) r;

    -- leaks: a hidden count above zero narrowed to one value
    v_leaks := '{}';
    for c in 1 .. v_n loop
      if v_hidden[c] and p_values[c] > 0 and p_class[c] < 10 and v_hi[c] is not null and v_lo[c] >= v_hi[c] then
        v_leaks := v_leaks || c;
      end if;
    end loop;
    -- and a whole line (a group's answers) shown to be all of one part: the other parts proven 0, the total not
    v_leak_lines := '{}';
    if p_whole_line is not null then
      for l in 1 .. v_lines loop
        continue when not coalesce(p_whole_line[l], false);
        v_total := p_line_cells[p_line_starts[l + 1] - 1];
        continue when p_values[v_total] = 0 or v_lo[v_total] < 1;
        v_open := 0;
        for i in p_line_starts[l] .. p_line_starts[l + 1] - 2 loop
          v_cell := p_line_cells[i];
          if v_hi[v_cell] is null or v_hi[v_cell] > 0 then v_open := v_open + 1; v_open_cell := v_cell; end if;
        end loop;
        if v_open = 1 and (v_hidden[v_open_cell] or v_hidden[v_total]) then
          v_leak_lines := v_leak_lines || l;
        end if;
      end loop;
    end if;
    exit when cardinality(v_leaks) = 0 and cardinality(v_leak_lines) = 0;

    -- hide one more cell for each leak: in a line of the pinned cell (or in the leaking line)
    v_hid_any := false;
    for l in 1 .. v_lines loop
      v_open := case when l = any(v_leak_lines) then 1 else 0 end;
      if v_open = 0 and cardinality(v_leaks) > 0 then
        for i in p_line_starts[l] .. p_line_starts[l + 1] - 1 loop
          if p_line_cells[i] = any(v_leaks) then v_open := 1; exit; end if;
        end loop;
      end if;
      continue when v_open = 0;
      v_best := null;
      for i in p_line_starts[l] .. p_line_starts[l + 1] - 1 loop
        v_cell := p_line_cells[i];
        continue when v_hidden[v_cell] or p_class[v_cell] >= 9;
        v_rank := app.hide_rank(p_values[v_cell], p_class[v_cell]);
        if v_best is null or v_rank < v_best_rank then
          v_best := v_cell;
          v_best_rank := v_rank;
        end if;
      end loop;
      if v_best is not null then
        v_hidden[v_best] := true;
        v_hid_any := true;
      end if;
    end loop;
    -- no line of a leak has a cell left to hide: the cells that bound a pinned cell, above or below, then
    if not v_hid_any then
      foreach c in array v_leaks loop
        v_best := null;
        for v_cell in 1 .. v_n loop
          continue when v_hidden[v_cell] or p_class[v_cell] >= 9
            or not (v_cell = coalesce(p_bound_cell[c], 0) or coalesce(p_bound_cell[v_cell], 0) = c);
          v_rank := app.hide_rank(p_values[v_cell], p_class[v_cell]);
          if v_best is null or v_rank < v_best_rank then
            v_best := v_cell;
            v_best_rank := v_rank;
          end if;
        end loop;
        if v_best is not null then
          v_hidden[v_best] := true;
          v_hid_any := true;
        end if;
      end loop;
    end if;
    exit when not v_hid_any;
  end loop;
  return v_hidden;
end
$$;
comment on function app.complementary_suppression is
  'Secondary suppression: hides further cells until, from everything shown in the table at once (every line''s '
  'sum, every cell at least 0 and at most its bounding cell and its known upper bound), no hidden count above '
  'zero can be narrowed to one value and no group can be shown to be all of one answer. Internal.';

-- The figures of one question in one wave, every group by every answer and n, as the caller may see them.
create function app.question_figures(p_question_id uuid, p_wave_id uuid, p_exact boolean,
                                     p_rule app.disclosure_rules default null)
returns table (
  group_index integer, dimension text, category text, option_id uuid,
  exact integer, published integer, hidden boolean, small boolean,
  rounded_to integer, as_of timestamptz, threshold integer, known_lo bigint, known_hi bigint
)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_w app.waves;
  v_rule app.disclosure_rules;
  v_t integer;
  v_single boolean;
  v_snapshot date;
  v_as_of timestamptz := now();
  v_base integer := 1;
  v_opts uuid[];
  v_k integer;
  v_dims text[];
  v_cats text[];
  v_g integer;
  v_vals integer[];
  v_primary boolean[];
  v_class integer[];
  v_bound integer[];
  v_hidden boolean[];
  v_cells integer[] := '{}';
  v_starts integer[] := '{}';
  v_whole boolean[];
  v_klo bigint[];
  v_khi bigint[];
  v_w1 integer;
  g integer;
  o integer;
  v_n integer;
  v_all boolean;
  v_h integer;
  v_best_h integer;
  v_score integer;
  v_best_score integer;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  select * into v_w from app.waves w where w.id = p_wave_id and w.survey_id = v_q.survey_id;
  if v_q.id is null or v_w.id is null then
    return;
  end if;
  -- the caller's rule, read once for everything it publishes in one answer (a rule chosen meanwhile must
  -- not change the rule halfway through); else the rule in force
  v_rule := coalesce(p_rule, app.disclosure_rule_of(v_q.organisation_id));
  v_t := v_rule.threshold;
  v_single := v_q.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10');
  if not p_exact then
    v_base := v_rule.rounding_base;
    if app.wave_status(v_w.opens_at, v_w.closes_at) = 'open' and v_w.source = 'responses' then
      v_as_of := app.open_wave_snapshot(v_w.id);
      v_snapshot := (now() at time zone 'utc')::date;
      v_base := greatest(v_base, 5);
    end if;
  end if;

  select coalesce(array_agg(op.id order by op.position), '{}') into v_opts
  from app.question_options op where op.question_id = v_q.id;
  v_k := coalesce(array_length(v_opts, 1), 0);

  -- the groups: everyone first, then each dimension's categories and who did not say
  with src as (
    select * from app.figure_source(v_w.id, v_q.id, v_snapshot) s where s.option_id is null
  ), total as (
    select coalesce((select s.n from src s where s.dimension = '_all' and s.category = '_all'), 0) as n
  ), groups as (
    select '_all' as dimension, '_all' as category, 0 as o1, 0 as o2
    union all
    select s.dimension, s.category, 1, 0 from src s where s.dimension <> '_all'
    union all
    select s.dimension, '_not_stated', 1, 1 from src s where s.dimension <> '_all'
    group by s.dimension having (select t.n from total t) - sum(s.n) > 0
  )
  select array_agg(gr.dimension order by gr.o1, gr.dimension collate "C", gr.o2, gr.category collate "C"),
         array_agg(gr.category order by gr.o1, gr.dimension collate "C", gr.o2, gr.category collate "C")
  into v_dims, v_cats
  from groups gr;
  v_g := array_length(v_dims, 1);

  -- the counts: for each group its answers (in option order) and then its n
  with src as (
    select * from app.figure_source(v_w.id, v_q.id, v_snapshot)
  ), grp as (
    select d.dimension, d.category, d.gi from unnest(v_dims, v_cats) with ordinality as d(dimension, category, gi)
  ), cols as (
    select op.id, op.oi from unnest(v_opts || array[null::uuid]) with ordinality as op(id, oi)
  )
  select array_agg(
    case when grp.category = '_not_stated' then
      coalesce((select s.n from src s where s.dimension = '_all' and s.option_id is not distinct from cols.id), 0)
      - coalesce((select sum(s.n) from src s where s.dimension = grp.dimension
                    and s.option_id is not distinct from cols.id), 0)::integer
    else
      coalesce((select s.n from src s where s.dimension = grp.dimension and s.category = grp.category
                  and s.option_id is not distinct from cols.id), 0)
    end order by grp.gi, cols.oi)
  into v_vals
  from grp cross join cols;

  v_w1 := v_k + 1;
  v_primary := array_fill(false, array[v_g * v_w1]);
  v_class := array_fill(0, array[v_g * v_w1]);
  -- a group's count of an answer is at most the group's n
  v_bound := array_fill(0, array[v_g * v_w1]);
  for g in 1 .. v_g loop
    for o in 1 .. v_k loop v_bound[(g - 1) * v_w1 + o] := (g - 1) * v_w1 + v_w1; end loop;
  end loop;
  if not p_exact then
    -- primary suppression
    for g in 1 .. v_g loop
      v_n := v_vals[(g - 1) * v_w1 + v_w1];
      v_all := false;
      for o in 1 .. v_w1 loop
        if v_vals[(g - 1) * v_w1 + o] between 1 and v_t - 1 then
          v_primary[(g - 1) * v_w1 + o] := true;
        end if;
        if o <= v_k and v_n > 0 then
          if v_vals[(g - 1) * v_w1 + o] = v_n then
            -- everyone in the group gave this answer
            v_primary[(g - 1) * v_w1 + o] := true;
            v_all := true;
          elsif not v_single and v_n - v_vals[(g - 1) * v_w1 + o] between 1 and v_t - 1 then
            -- few in the group did not choose it
            v_primary[(g - 1) * v_w1 + o] := true;
          end if;
        end if;
      end loop;
      if v_all and v_single and g = 1 then
        -- everyone in the wave gave one answer: no answer count of any group is shown
        for v_h in 1 .. v_g loop
          for o in 1 .. v_k loop v_primary[(v_h - 1) * v_w1 + o] := true; end loop;
        end loop;
      elsif v_all and v_single then
        -- Everyone in the group gave one answer. Its zeros would say so: pair it with another group of its
        -- dimension, the one with the most answers this group did not give (then the smallest), and hide
        -- both groups' counts of every answer either of them gave, so each could have given any of them.
        v_best_h := null;
        for v_h in 2 .. v_g loop
          continue when v_h = g or v_dims[v_h] <> v_dims[g] or v_vals[(v_h - 1) * v_w1 + v_w1] = 0;
          v_score := 0;
          for o in 1 .. v_k loop
            if v_vals[(v_h - 1) * v_w1 + o] > 0 and v_vals[(g - 1) * v_w1 + o] = 0 then v_score := v_score + 1; end if;
          end loop;
          if v_best_h is null or v_score > v_best_score
             or (v_score = v_best_score and v_vals[(v_h - 1) * v_w1 + v_w1] < v_vals[(v_best_h - 1) * v_w1 + v_w1]) then
            v_best_h := v_h;
            v_best_score := v_score;
          end if;
        end loop;
        for o in 1 .. v_k loop
          if v_best_h is null then
            if v_vals[(g - 1) * v_w1 + o] = 0 and v_vals[o] > 0 then v_primary[(g - 1) * v_w1 + o] := true; end if;
          elsif v_vals[(g - 1) * v_w1 + o] + v_vals[(v_best_h - 1) * v_w1 + o] > 0 then
            v_primary[(g - 1) * v_w1 + o] := true;
            v_primary[(v_best_h - 1) * v_w1 + o] := true;
          end if;
        end loop;
      end if;
      if v_dims[g] = '_all' then
        for o in 1 .. v_w1 loop v_class[(g - 1) * v_w1 + o] := 1; end loop;
      end if;
    end loop;

    -- group sizes first, from group sizes only: for each dimension, its groups' n and everyone's n
    -- (a line's total is its last cell)
    for g in 2 .. v_g loop
      if g = 2 or v_dims[g] <> v_dims[g - 1] then
        if g > 2 then v_cells := v_cells || v_w1; end if;  -- everyone's n
        v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      end if;
      v_cells := v_cells || ((g - 1) * v_w1 + v_w1);
    end loop;
    if v_g >= 2 then v_cells := v_cells || v_w1; end if;
    v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
    -- (no bounds: which sizes are hidden must follow from the sizes alone)
    v_hidden := app.complementary_suppression(v_vals, v_primary, v_class, v_cells, v_starts,
                                              array_fill(0, array[v_g * v_w1]));

    -- then the answers, never choosing another group size
    for g in 1 .. v_g loop v_class[(g - 1) * v_w1 + v_w1] := 9; end loop;
    v_starts := v_starts[1 : array_length(v_starts, 1) - 1];
    -- one answer across a dimension's groups and everyone
    for o in 1 .. v_k loop
      for g in 2 .. v_g loop
        if g = 2 or v_dims[g] <> v_dims[g - 1] then
          if g > 2 then v_cells := v_cells || o; end if;
          v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
        end if;
        v_cells := v_cells || ((g - 1) * v_w1 + o);
      end loop;
      if v_g >= 2 then v_cells := v_cells || o; end if;
    end loop;
    -- a group's answers and its n (one answer each: they add up to n), never shown all of one answer
    v_whole := array_fill(false, array[coalesce(array_length(v_starts, 1), 0)]);
    if v_single then
      for g in 1 .. v_g loop
        v_whole := v_whole || true;
        v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
        for o in 1 .. v_w1 loop
          v_cells := v_cells || ((g - 1) * v_w1 + o);
        end loop;
      end loop;
    end if;
    v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
    v_hidden := app.complementary_suppression(v_vals, v_hidden, v_class, v_cells, v_starts, v_bound, null, v_whole);
    -- what the reader then knows of each hidden figure (a panel journey over the wave starts from it)
    select r.o_lo, r.o_hi into v_klo, v_khi
    from app.reader_bounds(v_vals, v_hidden, v_cells, v_starts, v_bound, null, null) r;
  else
    v_hidden := array_fill(false, array[v_g * v_w1]);
  end if;

  return query
  select gr.gi::integer, gr.dimension, gr.category, (v_opts || array[null::uuid])[o.oi],
         v_vals[(gr.gi - 1) * v_w1 + o.oi],
         case when v_hidden[(gr.gi - 1) * v_w1 + o.oi] then null
              else app.round_to(v_vals[(gr.gi - 1) * v_w1 + o.oi], v_base) end,
         v_hidden[(gr.gi - 1) * v_w1 + o.oi],
         p_exact and v_vals[(gr.gi - 1) * v_w1 + o.oi] between 1 and v_t - 1,
         v_base, v_as_of, v_t, v_klo[(gr.gi - 1) * v_w1 + o.oi], v_khi[(gr.gi - 1) * v_w1 + o.oi]
  from unnest(v_dims, v_cats) with ordinality as gr(dimension, category, gi)
  cross join generate_series(1, v_w1) as o(oi)
  order by gr.gi, o.oi;
end
$$;
comment on function app.question_figures is
  'The figures of one question in one wave: every group (everyone, each dimension''s categories and '
  '_not_stated) by every option and n (option_id null), exact or through the organisation''s disclosure rule. '
  'Internal: the API functions below decide who gets which.';

-- ---------------------------------------------------------------------------------------------
-- API: the rule
-- ---------------------------------------------------------------------------------------------

create function api.disclosure_settings(p_organisation_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_admin boolean;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id) then
    return null;
  end if;
  v_admin := app.has_role(p_organisation_id, '{admin}');
  return jsonb_build_object(
    'organisation_id', p_organisation_id,
    'current', app.disclosure_rule_json(app.disclosure_rule_of(p_organisation_id)),
    'can_edit', v_admin,
    'history', coalesce((
      select jsonb_agg(app.disclosure_rule_json(r)
               || jsonb_build_object('chosen_by', case when v_admin then (select u.email from auth.users u where u.id = r.chosen_by) end)
               order by r.chosen_at desc, r.id)
      from app.disclosure_rules r where r.organisation_id = p_organisation_id), '[]'::jsonb));
end
$$;
comment on function api.disclosure_settings is
  'Members of the organisation (null for anyone else). The disclosure rule in force (current: id, kind, '
  'threshold, rounding_base, label, chosen_at), whether the caller may change it (can_edit: admins), and its '
  'history newest first, each with chosen_by (the chooser''s email, for admins only; null otherwise).';
grant execute on function api.disclosure_settings to authenticated, service_role;

create function api.set_disclosure_rule(
  p_organisation_id uuid, p_kind text, p_threshold numeric default null, p_rounding_base numeric default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_errors jsonb := '{}'::jsonb;
  v_kind app.disclosure_rule_kind;
  v_threshold integer;
  v_base integer;
  v_row app.disclosure_rules;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin}') then
    raise exception 'Only an administrator of this local area can change its disclosure rule.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_kind is null or p_kind not in ('under_10', 'nhs_england', 'custom') then
    v_errors := v_errors || jsonb_build_object('kind', 'Choose one of the three rules.');
  else
    v_kind := p_kind::app.disclosure_rule_kind;
  end if;
  if v_kind = 'under_10' then
    v_threshold := 10; v_base := 1;
  elsif v_kind = 'nhs_england' then
    v_threshold := 8; v_base := 5;
  elsif v_kind = 'custom' then
    if p_threshold is null then
      v_errors := v_errors || jsonb_build_object('threshold', 'Enter the smallest count you will show, from 3 to 100.');
    elsif p_threshold <> trunc(p_threshold) or p_threshold < 3 or p_threshold > 100 then
      v_errors := v_errors || jsonb_build_object('threshold', 'The smallest count shown must be a whole number from 3 to 100.');
    else
      v_threshold := p_threshold::integer;
    end if;
    if p_rounding_base is null then
      v_errors := v_errors || jsonb_build_object('rounding_base', 'Enter what to round to: 1 for no rounding, or 5, 10, …');
    elsif p_rounding_base <> trunc(p_rounding_base) or p_rounding_base < 1 or p_rounding_base > 1000 then
      v_errors := v_errors || jsonb_build_object('rounding_base', 'Round to a whole number from 1 (no rounding) to 1000.');
    else
      v_base := p_rounding_base::integer;
    end if;
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'The disclosure rule is not valid.' using hint = 'invalid_rule', detail = v_errors::text;
  end if;
  -- one change at a time per organisation; a publication reading the rule in the same moment reads the old
  -- or the new one whole
  perform 1 from app.organisations o where o.id = p_organisation_id for update;
  insert into app.disclosure_rules (organisation_id, kind, threshold, rounding_base, chosen_by)
  values (p_organisation_id, v_kind, v_threshold, v_base, auth.uid())
  returning * into v_row;
  update app.organisations set min_cell_size = v_threshold where id = p_organisation_id;
  return app.disclosure_rule_json(v_row);
end
$$;
comment on function api.set_disclosure_rule is
  'Admins of the organisation (not_permitted otherwise). Chooses its disclosure rule: p_kind under_10 (under 10 '
  'hidden), nhs_england (1–7 hidden, others rounded to the nearest 5) or custom (p_threshold a whole number '
  'from 3 to 100: counts under it hidden; p_rounding_base a whole number from 1, no rounding, to 1000). Records '
  'who and when, keeping the earlier rules. Bad input raises hint invalid_rule with detail {kind|threshold|'
  'rounding_base: message} and writes nothing. Returns the new rule (id, kind, threshold, rounding_base, label, '
  'chosen_at).';
grant execute on function api.set_disclosure_rule to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- API: published figures
-- ---------------------------------------------------------------------------------------------

create function api.published_table(p_question_id uuid, p_wave_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_w app.waves;
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_result jsonb;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  if not found or not (app.has_role(v_q.organisation_id) or app.sees_exact_figures(v_q.organisation_id)) then
    raise exception 'There is no such question.' using errcode = 'P0002', hint = 'not_found';
  end if;
  select * into v_w from app.waves w where w.id = p_wave_id and w.survey_id = v_q.survey_id;
  if not found then
    raise exception 'Choose a wave of this question''s survey.' using hint = 'invalid_request';
  end if;
  if v_q.kind not in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10', 'multi_choice') then
    raise exception 'Tables are made for questions with answers to choose.' using hint = 'invalid_request';
  end if;
  v_exact := app.sees_exact_figures(v_q.organisation_id);
  v_rule := app.disclosure_rule_of(v_q.organisation_id);

  with f as (
    select * from app.question_figures(v_q.id, v_w.id, v_exact, v_rule)
  ), rows_ as (
    select f.group_index, f.dimension, f.category,
      (select x.published from f x where x.group_index = f.group_index and x.option_id is null) as n,
      (select x.exact from f x where x.group_index = f.group_index and x.option_id is null) as n_exact,
      bool_or(f.hidden) filter (where f.option_id is null) as n_hidden,
      bool_or(f.small) as small,
      jsonb_agg(jsonb_build_object(
        'value', op.value,
        'count', case when v_exact then f.exact else f.published end,
        'symbol', case when f.hidden then '[c]' end,
        'small', f.small) order by op.position) filter (where f.option_id is not null) as cells,
      jsonb_object_agg(op.value, f.published) filter (where f.option_id is not null) as published_by_value
    from f left join app.question_options op on op.id = f.option_id
    group by f.group_index, f.dimension, f.category
  )
  select jsonb_build_object(
    'question_id', v_q.id, 'question_kind', v_q.kind,
    'wave', jsonb_build_object('id', v_w.id, 'label', v_w.label, 'kind', v_w.kind,
                               'status', app.wave_status(v_w.opens_at, v_w.closes_at)),
    'exact', v_exact,
    'rule', app.disclosure_rule_json(v_rule),
    'as_of', (select max(f.as_of) from f),
    'rounded_to', (select max(f.rounded_to) from f),
    'options', (select coalesce(jsonb_agg(jsonb_build_object('value', op.value, 'label', op.label, 'positive', op.is_positive)
                                          order by op.position), '[]'::jsonb)
                from app.question_options op where op.question_id = v_q.id),
    'rows', coalesce(jsonb_agg(jsonb_build_object(
      'dimension', r.dimension, 'category', r.category,
      'label', case when r.dimension = '_all' then 'Everyone' when r.category = '_not_stated' then 'Not stated'
                    else coalesce((select c.label from app.about_categories c
                                    where c.dimension = r.dimension and c.code = r.category
                                      and (c.organisation_id is null or c.organisation_id = v_q.organisation_id)
                                    limit 1), r.category) end,
      'n', case when v_exact then r.n_exact else r.n end,
      'n_symbol', case when r.n_hidden then '[c]' end,
      'small', r.small,
      'cells', (select jsonb_agg(c || jsonb_build_object('share',
                   case when (c ->> 'symbol') is null and not r.n_hidden and coalesce(r.n, 0) >= v_rule.threshold
                             and (c ->> 'count') is not null
                        then round((c ->> 'count')::numeric / (case when v_exact then r.n_exact else r.n end), 4) end))
                from jsonb_array_elements(r.cells) c))
      order by r.group_index), '[]'::jsonb))
  into v_result
  from rows_ r;
  return v_result;
end
$$;
comment on function api.published_table is
  'Members of the question''s organisation (any role; not_found for anyone else; not anon). For one question '
  'with answers to choose and one wave of its survey: rows for everyone (dimension _all), for each category of '
  'every dimension counted in the wave (about-you dimensions, channel, assistance) and, where some did not say, '
  'category _not_stated, so that each dimension''s rows add up to everyone. Each row: dimension, category, '
  'label, n (how many in the group answered the question), n_symbol, small, and cells (one per option in order: '
  'value, count, symbol, small, share). Forum, scrutiny and every other restricted caller get controlled figures: '
  'a hidden figure has count (or n) null and symbol (n_symbol) ''[c]''; shown counts are rounded to rounded_to; '
  'an open wave''s figures are as of its daily snapshot (as_of) and rounded to at least 5; share is count / n '
  'only where n is shown and at least the threshold. Staff (admin, lead, officer, safeguarding) get exact live '
  'figures, exact true, with small true on counts under the threshold. Also returns question_id, question_kind, '
  'wave {id,label,kind,status}, rule {id,kind,threshold,rounding_base,label,chosen_at} (the rule followed) and '
  'options {value,label,positive}.';
grant execute on function api.published_table to authenticated, service_role;

drop function api.indicator_trend(uuid, text, text);
create function api.indicator_trend(p_question_id uuid, p_dimension text default '_all', p_category text default '_all')
returns table (
  wave_id uuid, wave_label text, wave_kind app.wave_kind, opens_at timestamptz, closes_at timestamptz,
  n integer, positive integer, share numeric, suppressed boolean, n_suppressed boolean,
  small_numbers boolean, rounded_to integer, as_of timestamptz, rule jsonb
)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_w app.waves;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  if not found or not (app.has_role(v_q.organisation_id) or app.sees_exact_figures(v_q.organisation_id)) then
    return;
  end if;
  v_exact := app.sees_exact_figures(v_q.organisation_id);
  v_rule := app.disclosure_rule_of(v_q.organisation_id);
  for v_w in select * from app.waves w where w.survey_id = v_q.survey_id order by w.opens_at, w.id loop
    return query
    with f as (
      select * from app.question_figures(v_q.id, v_w.id, v_exact, v_rule) x
    ), grp as (
      select f.group_index from f where f.dimension = coalesce(p_dimension, '_all') and f.category = coalesce(p_category, '_all')
      limit 1
    ), cells as (
      select f.*, op.is_positive from f join grp on grp.group_index = f.group_index
      left join app.question_options op on op.id = f.option_id
    ), agg as (
      select
        max(case when v_exact then c.exact else c.published end) filter (where c.option_id is null) as n,
        coalesce(bool_or(c.hidden) filter (where c.option_id is null), false) as n_hidden,
        coalesce(sum(case when v_exact then c.exact else c.published end) filter (where c.is_positive), 0)::integer as positive,
        coalesce(bool_or(c.hidden) filter (where c.is_positive), false) as positive_hidden,
        coalesce(bool_or(c.small), false) as small
      from cells c
    )
    select v_w.id, v_w.label, v_w.kind, v_w.opens_at, v_w.closes_at,
      case when a.n_hidden then null else coalesce(a.n, 0) end,
      case when a.n_hidden or a.positive_hidden then null else a.positive end,
      case when a.n_hidden or a.positive_hidden or coalesce(a.n, 0) = 0 then null
           when not v_exact and a.n < v_rule.threshold then null
           else round(a.positive::numeric / a.n, 4) end,
      a.n_hidden or a.positive_hidden,
      a.n_hidden,
      a.small,
      (select max(f.rounded_to) from f),
      (select max(f.as_of) from f),
      app.disclosure_rule_json(v_rule)
    from agg a;
  end loop;
end
$$;
comment on function api.indicator_trend is
  'Members of the question''s organisation (others get no rows; not anon). The share of positive answers to one '
  'question in each wave of its survey, oldest first, for everyone or one group (p_dimension, p_category; '
  'p_category _not_stated for those who did not say). Forum, scrutiny and every other restricted caller get the '
  'row of api.published_table for that group: n null and n_suppressed when the group''s size is hidden; '
  'positive (the sum of the positive options'' shown counts) and share null and suppressed true when any positive '
  'option is hidden; share only on an n of at least the threshold; counts rounded to rounded_to; an open wave as '
  'of its daily snapshot (as_of). Staff (admin, lead, officer, safeguarding) get exact live figures, with '
  'small_numbers true when any count of the group is under the threshold. rule is the rule followed.';
grant execute on function api.indicator_trend to authenticated, service_role;

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
  v_opts uuid[];
  v_k integer;
  v_vals integer[];
  v_primary boolean[];
  v_class integer[];
  v_bound integer[];
  v_hidden boolean[];
  v_cells integer[] := '{}';
  v_starts integer[] := '{}';
  v_size integer;
  v_w1 integer;
  v_w2 integer;
  v_e integer;
  v_d integer;
  v_whole boolean[];
  v_lower bigint[];
  v_upper bigint[];
  v_f record;
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
  v_k := coalesce(array_length(v_opts, 1), 0);
  v_size := v_k * v_k + 2 * v_k + 1;

  -- cells (i, j) at (i - 1) * k + j; from-totals at k*k + i; to-totals at k*k + k + j; linked last
  with answered as (
    -- each panel code's latest answer to the question in a wave
    select distinct on (r.wave_id, r.panel_code) r.wave_id, r.panel_code, a.option_id
    from app.responses r
    join app.answers a on a.response_id = r.id and a.question_id = v_q.id and a.option_id is not null
    where r.wave_id in (v_from.id, v_to.id) and r.panel_code is not null and r.submitted_at < v_before
    order by r.wave_id, r.panel_code, r.submitted_at desc
  ), pairs as (
    select array_position(v_opts, f.option_id) as fi, array_position(v_opts, t.option_id) as ti
    from answered f join answered t on t.panel_code = f.panel_code
    where f.wave_id = v_from.id and t.wave_id = v_to.id
  )
  select array_agg(coalesce(
    case when s.idx <= v_k * v_k then (select count(*) from pairs p where p.fi = (s.idx - 1) / v_k + 1 and p.ti = (s.idx - 1) % v_k + 1)
         when s.idx <= v_k * v_k + v_k then (select count(*) from pairs p where p.fi = s.idx - v_k * v_k)
         when s.idx <= v_k * v_k + 2 * v_k then (select count(*) from pairs p where p.ti = s.idx - v_k * v_k - v_k)
         else (select count(*) from pairs) end, 0)::integer order by s.idx)
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
    -- lines: each from-answer's cells and its total; each to-answer's cells and its total; both margins and linked
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
    -- The waves' own published tables join the journey. Everyone's row of each wave's table (after linked:
    -- wave 1's answers and n, then wave 2's), shown or hidden as that table has them and never changed here
    -- (class 9); and, never published (class 10), the people of each wave who gave an answer and are not
    -- linked (e for wave 1, d for wave 2). Then a wave's count of an answer is the linked people who gave it
    -- plus those not linked, and a wave's n is linked plus everyone not linked: what the reader knows from
    -- the linked people being some of each wave's respondents, as sums.
    v_w1 := v_size;
    v_w2 := v_size + v_k + 1;
    v_e := v_size + 2 * v_k + 2;
    v_d := v_e + v_k;
    v_vals := v_vals || array_fill(0, array[4 * v_k + 2]);
    v_primary := v_primary || array_fill(false, array[2 * v_k + 2]) || array_fill(true, array[2 * v_k]);
    v_class := v_class || array_fill(9, array[2 * v_k + 2]) || array_fill(10, array[2 * v_k]);
    v_bound := v_bound || array_fill(0, array[4 * v_k + 2]);
    v_lower := array_fill(null::bigint, array[v_size + 4 * v_k + 2]);
    v_upper := array_fill(null::bigint, array[v_size + 4 * v_k + 2]);
    for v_f in
      select w.side, f.option_id, f.exact, f.hidden, f.known_lo, f.known_hi
      from (values (0, v_from.id), (1, v_to.id)) w(side, wave_id)
      cross join lateral app.question_figures(v_q.id, w.wave_id, false, v_rule) f
      where f.dimension = '_all'
    loop
      i := case when v_f.side = 0 then v_w1 else v_w2 end + coalesce(array_position(v_opts, v_f.option_id), v_k + 1);
      v_vals[i] := v_f.exact;
      v_primary[i] := v_f.hidden;
      -- a hidden figure of the wave's table: as narrowed as that table alone lets its reader narrow it
      v_lower[i] := v_f.known_lo;
      v_upper[i] := v_f.known_hi;
    end loop;
    for i in 1 .. v_k loop
      v_vals[v_e + i] := greatest(v_vals[v_w1 + i] - v_vals[v_k * v_k + i], 0);
      v_vals[v_d + i] := greatest(v_vals[v_w2 + i] - v_vals[v_k * v_k + v_k + i], 0);
    end loop;
    v_whole := array_fill(true, array[2 * v_k + 2]);
    -- each wave's answers add up to its n
    for v_m in 0 .. 1 loop
      for i in 1 .. v_k + 1 loop v_cells := v_cells || (case when v_m = 0 then v_w1 else v_w2 end + i); end loop;
      v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      v_whole := v_whole || false;
    end loop;
    -- a wave's count of an answer: its linked margin plus the unlinked
    for i in 1 .. v_k loop
      v_cells := v_cells || array[v_k * v_k + i, v_e + i, v_w1 + i];
      v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      v_cells := v_cells || array[v_k * v_k + v_k + i, v_d + i, v_w2 + i];
      v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      v_whole := v_whole || array[false, false];
    end loop;
    -- a wave's n: linked plus the unlinked
    for v_m in 0 .. 1 loop
      for i in 1 .. v_k loop v_cells := v_cells || (case when v_m = 0 then v_e else v_d end + i); end loop;
      v_cells := v_cells || array[v_size, case when v_m = 0 then v_w1 else v_w2 end + v_k + 1];
      v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      v_whole := v_whole || false;
    end loop;
    v_hidden := app.complementary_suppression(v_vals, v_primary, v_class, v_cells, v_starts, v_bound, v_upper, v_whole,
                                              v_lower);
  end if;

  return jsonb_build_object(
    'question_id', v_q.id,
    'from_wave', jsonb_build_object('id', v_from.id, 'label', v_from.label, 'kind', v_from.kind),
    'to_wave', jsonb_build_object('id', v_to.id, 'label', v_to.label, 'kind', v_to.kind),
    'exact', v_exact,
    'rule', app.disclosure_rule_json(v_rule),
    'rounded_to', v_base,
    'as_of', case when v_before = 'infinity' then now() else v_before end,
    'linked', case when v_hidden[v_size] then null else app.round_to(v_vals[v_size], v_base) end,
    'linked_suppressed', v_hidden[v_size],
    'linked_symbol', case when v_hidden[v_size] then '[c]' end,
    'from_totals', (select coalesce(jsonb_agg(jsonb_build_object(
        'value', op.value, 'label', op.label,
        'n', case when v_hidden[v_k * v_k + op.i] then null else app.round_to(v_vals[v_k * v_k + op.i], v_base) end,
        'symbol', case when v_hidden[v_k * v_k + op.i] then '[c]' end,
        'small', v_exact and v_vals[v_k * v_k + op.i] between 1 and v_t - 1) order by op.i), '[]'::jsonb)
      from (select o.value, o.label, array_position(v_opts, o.id) as i from app.question_options o where o.question_id = v_q.id) op),
    'to_totals', (select coalesce(jsonb_agg(jsonb_build_object(
        'value', op.value, 'label', op.label,
        'n', case when v_hidden[v_k * v_k + v_k + op.i] then null else app.round_to(v_vals[v_k * v_k + v_k + op.i], v_base) end,
        'symbol', case when v_hidden[v_k * v_k + v_k + op.i] then '[c]' end,
        'small', v_exact and v_vals[v_k * v_k + v_k + op.i] between 1 and v_t - 1) order by op.i), '[]'::jsonb)
      from (select o.value, o.label, array_position(v_opts, o.id) as i from app.question_options o where o.question_id = v_q.id) op),
    'cells', (select coalesce(jsonb_agg(jsonb_build_object(
        'from_value', o1.value, 'from_label', o1.label, 'to_value', o2.value, 'to_label', o2.label,
        'n', case when v_hidden[(o1.i - 1) * v_k + o2.i] then null else app.round_to(v_vals[(o1.i - 1) * v_k + o2.i], v_base) end,
        'suppressed', v_hidden[(o1.i - 1) * v_k + o2.i],
        'symbol', case when v_hidden[(o1.i - 1) * v_k + o2.i] then '[c]' end,
        'small', v_exact and v_vals[(o1.i - 1) * v_k + o2.i] between 1 and v_t - 1)
        order by o1.i, o2.i), '[]'::jsonb)
      from (select o.value, o.label, array_position(v_opts, o.id) as i from app.question_options o where o.question_id = v_q.id) o1
      cross join (select o.value, o.label, array_position(v_opts, o.id) as i from app.question_options o where o.question_id = v_q.id) o2));
end
$$;
comment on function api.panel_journey is
  'Members of the question''s organisation (any role; others get not_found; not anon). For one question with a '
  'single answer and two waves of its survey: how many people gave the same panel code in both (linked), how '
  'many moved from each answer to each other answer (cells, every pair of options in order: from_value, to_value, '
  'n, suppressed, symbol, small), and the margins: from_totals (linked people by their answer in the from wave) '
  'and to_totals (by their answer in the to wave), each {value, label, n, symbol, small}. A panel code''s latest '
  'response in a wave counts. Forum, scrutiny and every other restricted caller get controlled figures: a hidden '
  'n (or linked) is null with symbol ''[c]'' (suppressed / linked_suppressed true), under the organisation''s '
  'disclosure rule with primary and complementary suppression over cells, margins and linked; shown counts are '
  'rounded to rounded_to; when either wave is open, only responses sent before the start of today (UTC, as_of) '
  'count, rounded to at least 5. Staff (admin, lead, officer, safeguarding) get exact live figures (exact true) '
  'with small true on counts under the threshold. rule is the rule followed.';
grant execute on function api.panel_journey to authenticated, service_role;

-- list_surveys: the number of responses to each wave, controlled for restricted callers.
create function app.published_responses(p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_w app.waves;
  v_rule app.disclosure_rules;
  v_n integer;
  v_base integer;
  v_snapshot date;
begin
  select * into v_w from app.waves w where w.id = p_wave_id;
  v_rule := coalesce(p_rule, app.disclosure_rule_of(v_w.organisation_id));
  v_base := case when p_exact then 1 else v_rule.rounding_base end;
  if not p_exact and app.wave_status(v_w.opens_at, v_w.closes_at) = 'open' and v_w.source = 'responses' then
    perform app.open_wave_snapshot(v_w.id);
    v_snapshot := (now() at time zone 'utc')::date;
    v_base := greatest(v_base, 5);
  end if;
  select coalesce(max(s.n), 0) into v_n from app.figure_source(v_w.id, null, v_snapshot) s
  where s.dimension = '_all' and s.category = '_all';
  if not p_exact and v_n between 1 and v_rule.threshold - 1 then
    return jsonb_build_object('responses', null, 'responses_symbol', '[c]', 'responses_small', false);
  end if;
  return jsonb_build_object('responses', app.round_to(v_n, v_base), 'responses_symbol', null,
                            'responses_small', p_exact and v_n between 1 and v_rule.threshold - 1);
end
$$;

create or replace function api.list_surveys(p_organisation_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_exact boolean;
  v_rule app.disclosure_rules;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id) then
    return '[]'::jsonb;
  end if;
  v_exact := app.sees_exact_figures(p_organisation_id);
  v_rule := app.disclosure_rule_of(p_organisation_id);
  return (
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', s.id, 'slug', s.slug, 'title', s.title, 'audience', s.audience, 'easy_read', s.easy_read,
    'waves', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label,
        'opens_at', w.opens_at, 'closes_at', w.closes_at,
        'status', app.wave_status(w.opens_at, w.closes_at)) || app.published_responses(w.id, v_exact, v_rule)
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
  where s.organisation_id = p_organisation_id);
end
$$;
comment on function api.list_surveys is
  'Members of the organisation (others get an empty list; not anon). Its surveys with their waves and the '
  'questions that have positive answers (indicators). Each wave has responses (how many responded), '
  'responses_symbol and responses_small: staff (admin, lead, officer, safeguarding) get the exact live number, '
  'responses_small true when under the threshold; forum, scrutiny and every other restricted caller get it under '
  'the disclosure rule: null with responses_symbol ''[c]'' from 1 to under the threshold, rounded to the rule''s '
  'base, and for an open wave as of its daily snapshot rounded to at least 5.';
grant execute on function api.list_surveys to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Only the grants above decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

-- ---------------------------------------------------------------------------------------------
-- The builder's figures: the same rule
-- ---------------------------------------------------------------------------------------------
-- api.survey_for_builder is read by every member, forum and scrutiny included. Its counts came from the
-- count tables under RLS, which now show forum and scrutiny nothing: they read 0 where there were
-- answers. Each wave's responses now come through app.published_responses (the rule for restricted
-- callers, exact with a small-number warning for staff); the number who answered each question and the
-- responses per language, which the rule does not publish, are null for restricted callers. Taking an
-- open wave's daily snapshot writes, so these functions are volatile.

create function app.wave_responses_for_caller(p_wave_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_org uuid;
begin
  select w.organisation_id into v_org from app.waves w where w.id = p_wave_id;
  if v_org is null or not app.has_role(v_org) then
    return jsonb_build_object('responses', null, 'responses_symbol', '[c]', 'responses_small', false);
  end if;
  return app.published_responses(p_wave_id, app.sees_exact_figures(v_org));
end
$$;
comment on function app.wave_responses_for_caller is
  'Internal (app.builder_wave_json). A wave''s responses as the caller may see them: exact for staff, under '
  'the disclosure rule for other members, hidden for anyone else.';
revoke execute on function app.wave_responses_for_caller from public;
grant execute on function app.wave_responses_for_caller to authenticated, service_role;
grant execute on function app.sees_exact_figures to authenticated, service_role;

create or replace function app.builder_wave_json(w app.waves)
returns jsonb
language sql volatile
set search_path = ''
as $$
  select jsonb_build_object(
    'id', w.id, 'slug', w.slug, 'kind', w.kind, 'label', w.label,
    'opens_at', w.opens_at, 'closes_at', w.closes_at,
    'status', app.wave_status(w.opens_at, w.closes_at))
    || app.wave_responses_for_caller(w.id)
$$;
comment on function app.builder_wave_json is
  'Internal (api.survey_for_builder). A wave as the builder shows it, with its status and responses under '
  'the disclosure rule (responses, responses_symbol, responses_small).';

create or replace function app.builder_question_json(q app.questions)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', q.id, 'key', q.key, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt,
    'easy_read_prompt', q.easy_read_prompt, 'help_text', q.help_text, 'required', q.required,
    'max_length', q.max_length, 'min_value', q.min_value, 'max_value', q.max_value,
    'priority_id', q.priority_id, 'symbol', q.symbol, 'same_page', q.same_page,
    'priority', (select p.title from app.strategy_priorities p where p.id = q.priority_id),
    'version', q.version,
    'answered', app.has_answers(q.id),
    'answers', case when app.sees_exact_figures(q.organisation_id) then
                 coalesce((select sum(c.n) from app.question_counts c
                           where c.question_id = q.id and c.dimension = '_all' and c.category = '_all'), 0) end,
    'options', coalesce((
      select jsonb_agg(app.builder_option_json(o) order by o.position)
      from app.question_options o where o.question_id = q.id), '[]'::jsonb),
    'versions', coalesce((
      select jsonb_agg(jsonb_build_object('version', v.version, 'prompt', v.prompt, 'replaced_at', v.replaced_at)
                       order by v.version)
      from app.question_versions v where v.question_id = q.id), '[]'::jsonb))
$$;
comment on function app.builder_question_json is
  'Internal (api.survey_for_builder). A question as the builder shows it: its options, earlier wordings '
  'and how many answered (null for callers who see only published figures).';

create or replace function app.builder_language_json(l app.survey_languages)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', l.id, 'code', l.code, 'name', l.name, 'direction', l.direction, 'position', l.position,
    'translations', l.translations,
    'translated', (select count(*) from app.survey_texts(l.survey_id) t where l.translations ? t.key),
    'responses', case when app.sees_exact_figures(s.organisation_id) then
                   (select count(*) from app.responses r join app.waves w on w.id = r.wave_id
                    where w.survey_id = l.survey_id and r.language = l.code) end)
  from app.surveys s where s.id = l.survey_id
$$;
comment on function app.builder_language_json is
  'Internal (api.survey_for_builder). A language of a survey as the builder shows it: its translations, how '
  'many texts it has translated, and how many responses were given in it (null for callers who see only '
  'published figures).';

alter function api.survey_for_builder(uuid) volatile;
