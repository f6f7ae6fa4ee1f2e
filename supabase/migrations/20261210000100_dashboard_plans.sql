-- Issue 13's aim: every dashboard call at least 100 times faster than a plain GROUP BY over the raw answers.
-- At 20 million answers the trend took 56 times less, representation 83 and journeys 90: their time was not
-- the counts but how the functions that read them were planned and run (measured with auto_explain):
--
--  * app.question_table and app.wave_group_figures looked up each cell of a table in a subquery of its own
--    (a scan of every count of the wave for each of about 300 cells) and read the counts twice; now one
--    reading, joined by key. A generic plan is kept for the session (plan_cache_mode), and `cols` is
--    materialized, or the generic plan scans the counts once a cell again.
--  * app.question_figures was a SQL function, whose statements are planned again at every call (a SQL
--    function with its own search_path is never inlined): PL/pgSQL keeps its plan.
--  * app.round_to, a function call a cell (with its own search_path, never inlined), is written out where a
--    whole table is rounded.
--  * api.indicator_trend, api.representation and api.panel_journey keep a generic plan for the session
--    rather than plan each statement afresh for its first five calls on a connection.
--
-- Nothing anyone sees changes: tests/db/dashboard-plans.test.ts takes every dashboard figure for every role
-- before this migration and after it, and compares them byte for byte, on both engines.

create or replace function app.question_table(
  p_question_id uuid, p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules,
  p_positive uuid[] default null,
  out o_opts uuid[], out o_dims text[], out o_cats text[], out o_vals integer[], out o_hidden boolean[],
  out o_cells integer[], out o_starts integer[], out o_bound integer[], out o_whole boolean[],
  out o_base integer, out o_as_of timestamptz, out o_threshold integer,
  out o_values text[], out o_labels text[], out o_positive boolean[], out o_answers jsonb, out o_grouped boolean
)
language plpgsql volatile
set search_path = ''
set plan_cache_mode = force_generic_plan
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
  v_w1 integer;
  g integer;
  o integer;
  v_n integer;
  v_all boolean;
  v_h integer;
  v_best_h integer;
  v_score integer;
  v_best_score integer;
  v_grouped boolean := false;
  v_everyone_only boolean := false;
  v_pos boolean[];
  v_raw integer[];
  v_p integer;
  v_np integer;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  select * into v_w from app.waves w where w.id = p_wave_id and w.survey_id = v_q.survey_id;
  if v_q.id is null or v_w.id is null then
    return;  -- every out parameter null: no figures
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
  select coalesce(array_agg(op.value order by op.position), '{}'), coalesce(array_agg(op.label order by op.position), '{}'),
         coalesce(array_agg((case when p_positive is null then op.is_positive else op.id = any (p_positive) end) order by op.position), '{}')
  into o_values, o_labels, o_positive
  from app.question_options op where op.question_id = v_q.id;
  select coalesce(jsonb_agg(jsonb_build_array(op.value) order by op.position), '[]'::jsonb) into o_answers
  from app.question_options op where op.question_id = v_q.id;
  v_pos := o_positive;
  if not p_exact then
    -- A restricted reader gets a question with one answer and answers that count as positive as positive or
    -- not by group (the indicator's split, as journeys are published), and any other question for everyone
    -- only. The tables of a wave's questions are answered by the same people: with every answer by every group
    -- of every dimension, the zeros of one question's table can show that two groups of different dimensions
    -- are the same people, and another question's table then pins a hidden count (the audit found it). In a
    -- two-column table every zero of a group is its whole group all of one answer, which is never shown.
    if v_single and true = any(v_pos) then
      v_grouped := true;
    else
      v_everyone_only := true;
    end if;
  end if;

  -- the groups (everyone first, then each dimension's categories and who did not say) and their counts (for
  -- each group its answers in option order, then its n), from one reading of the counts, joined by key (a
  -- lookup for each cell was five times slower: issue 13's bench)
  with src as materialized (
    select coalesce(s.option_id, '00000000-0000-0000-0000-000000000000'::uuid) as oid, s.option_id,
           s.dimension, s.category, s.n
    from app.figure_source(v_w.id, v_q.id, v_snapshot) s
  ), total as (
    select coalesce((select s.n from src s where s.option_id is null and s.dimension = '_all' and s.category = '_all'), 0) as n
  ), groups as (
    select '_all' as dimension, '_all' as category, 0 as o1, 0 as o2
    union all
    select s.dimension, s.category, 1, 0 from src s where s.option_id is null and s.dimension <> '_all'
    union all
    select s.dimension, '_not_stated', 1, 1 from src s where s.option_id is null and s.dimension <> '_all'
    group by s.dimension having (select t.n from total t) - sum(s.n) > 0
  ), grp as materialized (
    select gr.dimension, gr.category,
           row_number() over (order by gr.o1, gr.dimension collate "C", gr.o2, gr.category collate "C") as gi
    from groups gr
    where not v_everyone_only or gr.dimension = '_all'
  ), cols as materialized (
    -- each column (the options, then n) with everyone's count
    select coalesce(op.id, '00000000-0000-0000-0000-000000000000'::uuid) as oid, op.oi, coalesce(a.n, 0) as everyone
    from unnest(v_opts || array[null::uuid]) with ordinality as op(id, oi)
    left join src a on a.dimension = '_all' and a.category = '_all'
                   and a.oid = coalesce(op.id, '00000000-0000-0000-0000-000000000000'::uuid)
  ), dimension_sums as (
    select s.dimension, s.oid, sum(s.n)::integer as n from src s where s.dimension <> '_all' group by s.dimension, s.oid
  )
  select (select array_agg(g.dimension order by g.gi) from grp g),
         (select array_agg(g.category order by g.gi) from grp g),
         (select array_agg(
            case when g.category = '_not_stated' then c.everyone - coalesce(ds.n, 0) else coalesce(d.n, 0) end
            order by g.gi, c.oi)
          from grp g cross join cols c
          left join src d on g.category <> '_not_stated' and d.dimension = g.dimension and d.category = g.category
                          and d.oid = c.oid
          left join dimension_sums ds on g.category = '_not_stated' and ds.dimension = g.dimension and ds.oid = c.oid)
  into v_dims, v_cats, v_vals;
  v_g := array_length(v_dims, 1);
  if v_grouped and v_vals[v_k + 1] < coalesce((select sum(s.n) from app.figure_source(v_w.id, null, v_snapshot) s
                                                where s.dimension = '_all' and s.category = '_all'), 0) then
    -- Some respondents of the wave did not answer it (it is optional, or a condition hid it from them). Beside
    -- the wave's group sizes (every required question's n), its groups' n would give a third column, "did not
    -- answer", that two columns do not protect (the audit found a group shown to be exactly the people who
    -- answered, through it): for everyone only.
    v_grouped := false;
    v_vals := v_vals[1 : v_k + 1];
    v_dims := array['_all'];
    v_cats := array['_all'];
    v_g := 1;
  end if;
  if v_grouped then
    o_values := array['positive', 'not_positive'];
    select array[string_agg(op.label, ' or ' order by op.position) filter (where (case when p_positive is null then op.is_positive else op.id = any (p_positive) end)),
                 'Not ' || lower(string_agg(op.label, ' or ' order by op.position) filter (where (case when p_positive is null then op.is_positive else op.id = any (p_positive) end)))],
           jsonb_build_array(coalesce(jsonb_agg(op.value order by op.position) filter (where (case when p_positive is null then op.is_positive else op.id = any (p_positive) end)), '[]'::jsonb),
                             coalesce(jsonb_agg(op.value order by op.position) filter (where not (case when p_positive is null then op.is_positive else op.id = any (p_positive) end)), '[]'::jsonb))
    into o_labels, o_answers
    from app.question_options op where op.question_id = v_q.id;
    o_positive := array[true, false];
    -- each group: its positive answers, the others, its n
    v_raw := v_vals;
    v_vals := '{}';
    for g in 1 .. v_g loop
      v_p := 0;
      v_np := 0;
      for o in 1 .. v_k loop
        if v_pos[o] then v_p := v_p + v_raw[(g - 1) * (v_k + 1) + o];
        else v_np := v_np + v_raw[(g - 1) * (v_k + 1) + o]; end if;
      end loop;
      v_vals := v_vals || array[v_p, v_np, v_raw[(g - 1) * (v_k + 1) + v_k + 1]];
    end loop;
    v_k := 2;
    v_opts := array[null::uuid, null::uuid];
  end if;
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
  else
    v_hidden := array_fill(false, array[v_g * v_w1]);
  end if;

  o_opts := v_opts;
  o_dims := v_dims;
  o_cats := v_cats;
  o_vals := v_vals;
  o_hidden := v_hidden;
  o_cells := v_cells;
  o_starts := v_starts;
  o_bound := v_bound;
  o_whole := v_whole;
  o_base := v_base;
  o_as_of := v_as_of;
  o_threshold := v_t;
  o_grouped := v_grouped;
end
$$;


create or replace function app.question_figures(p_question_id uuid, p_wave_id uuid, p_exact boolean,
                                     p_rule app.disclosure_rules default null, p_positive uuid[] default null)
returns table (
  group_index integer, dimension text, category text, option_id uuid,
  col integer, value text, label text, positive boolean, answers jsonb, grouped boolean,
  exact integer, published integer, hidden boolean, small boolean,
  rounded_to integer, as_of timestamptz, threshold integer
)
language plpgsql volatile security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
begin
  -- (PL/pgSQL rather than SQL, whose statements are planned again at every call: a plan kept for the session)
  return query
  select gr.gi::integer, gr.dimension, gr.category,
         case when o.oi <= cardinality(t.o_values) then t.o_opts[o.oi] end,
         case when o.oi <= cardinality(t.o_values) then o.oi::integer end,
         t.o_values[o.oi], t.o_labels[o.oi], t.o_positive[o.oi],
         case when o.oi <= cardinality(t.o_values) then t.o_answers -> (o.oi::integer - 1) end,
         t.o_grouped,
         t.o_vals[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi],
         case when t.o_hidden[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi] then null
              when t.o_base <= 1 then t.o_vals[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi]
              -- app.round_to, written out: a function call a cell cost half this function's time
              else ((t.o_vals[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi] + t.o_base / 2) / t.o_base) * t.o_base end,
         t.o_hidden[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi],
         p_exact and t.o_vals[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi] between 1 and t.o_threshold - 1,
         t.o_base, t.o_as_of, t.o_threshold
  from app.question_table(p_question_id, p_wave_id, p_exact, p_rule, p_positive) t
  cross join lateral unnest(t.o_dims, t.o_cats) with ordinality as gr(dimension, category, gi)
  cross join lateral generate_series(1, cardinality(t.o_values) + 1) as o(oi)
  order by gr.gi, o.oi;
end
$$;


create or replace function app.wave_group_figures(p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules default null)
returns table (
  group_index integer, dimension text, category text, exact integer, published integer, hidden boolean,
  small boolean, rounded_to integer, as_of timestamptz, threshold integer
)
language plpgsql volatile security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  v_w app.waves;
  v_rule app.disclosure_rules;
  v_t integer;
  v_snapshot date;
  v_as_of timestamptz := now();
  v_base integer := 1;
  v_dims text[];
  v_cats text[];
  v_g integer;
  v_vals integer[];
  v_primary boolean[];
  v_class integer[];
  v_hidden boolean[];
  v_cells integer[] := '{}';
  v_starts integer[] := '{}';
  g integer;
begin
  select * into v_w from app.waves w where w.id = p_wave_id;
  if v_w.id is null then
    return;
  end if;
  -- as app.question_table: the rule read once, an open wave from today's snapshot rounded to at least 5
  v_rule := coalesce(p_rule, app.disclosure_rule_of(v_w.organisation_id));
  v_t := v_rule.threshold;
  if not p_exact then
    v_base := v_rule.rounding_base;
    if app.wave_status(v_w.opens_at, v_w.closes_at) = 'open' and v_w.source = 'responses' then
      v_as_of := app.open_wave_snapshot(v_w.id);
      v_snapshot := (now() at time zone 'utc')::date;
      v_base := greatest(v_base, 5);
    end if;
  end if;

  -- the groups, in app.question_table's order (everyone first, then each dimension's categories and who did
  -- not say), and their sizes, from one reading of the counts joined by key (as app.question_table)
  with src as materialized (
    select s.dimension, s.category, s.n from app.figure_source(v_w.id, null, v_snapshot) s where s.option_id is null
  ), total as (
    select coalesce((select s.n from src s where s.dimension = '_all' and s.category = '_all'), 0) as n
  ), dimension_sums as materialized (
    select s.dimension, sum(s.n)::integer as n from src s where s.dimension <> '_all' group by s.dimension
  ), groups as (
    select '_all' as dimension, '_all' as category, 0 as o1, 0 as o2, (select t.n from total t) as n
    union all
    select s.dimension, s.category, 1, 0, s.n from src s where s.dimension <> '_all'
    union all
    select d.dimension, '_not_stated', 1, 1, (select t.n from total t) - d.n from dimension_sums d
    where (select t.n from total t) - d.n > 0
  )
  select array_agg(gr.dimension order by gr.o1, gr.dimension collate "C", gr.o2, gr.category collate "C"),
         array_agg(gr.category order by gr.o1, gr.dimension collate "C", gr.o2, gr.category collate "C"),
         array_agg(gr.n order by gr.o1, gr.dimension collate "C", gr.o2, gr.category collate "C")
  into v_dims, v_cats, v_vals
  from groups gr;
  v_g := array_length(v_dims, 1);

  if not p_exact then
    -- primary suppression of the group sizes, then the group sizes' own lines (each dimension's groups add up
    -- to everyone), as app.question_table chooses them: from group sizes only, everyone's n a margin
    v_primary := array_fill(false, array[v_g]);
    v_class := array_fill(0, array[v_g]);
    v_class[1] := 1;
    for g in 1 .. v_g loop
      v_primary[g] := v_vals[g] between 1 and v_t - 1;
    end loop;
    for g in 2 .. v_g loop
      if g = 2 or v_dims[g] <> v_dims[g - 1] then
        if g > 2 then v_cells := v_cells || 1; end if;
        v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
      end if;
      v_cells := v_cells || g;
    end loop;
    if v_g >= 2 then v_cells := v_cells || 1; end if;
    v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
    v_hidden := app.complementary_suppression(v_vals, v_primary, v_class, v_cells, v_starts,
                                              array_fill(0, array[v_g]));
  else
    v_hidden := array_fill(false, array[v_g]);
  end if;

  return query
  select d.gi::integer, d.dimension, d.category, v_vals[d.gi],
         case when v_hidden[d.gi] then null when v_base <= 1 then v_vals[d.gi]
              else ((v_vals[d.gi] + v_base / 2) / v_base) * v_base end,  -- app.round_to, written out
         v_hidden[d.gi], p_exact and v_vals[d.gi] between 1 and v_t - 1, v_base, v_as_of, v_t
  from unnest(v_dims, v_cats) with ordinality as d(dimension, category, gi)
  order by d.gi;
end
$$;

alter function api.indicator_trend(uuid, text, text, integer) set plan_cache_mode = force_generic_plan;
alter function api.representation(uuid) set plan_cache_mode = force_generic_plan;
alter function api.panel_journey(uuid, uuid, uuid) set plan_cache_mode = force_generic_plan;

revoke all on function app.question_table(uuid, uuid, boolean, app.disclosure_rules, uuid[]) from public, anon, authenticated;
revoke all on function app.question_figures(uuid, uuid, boolean, app.disclosure_rules, uuid[]) from public, anon, authenticated;
revoke all on function app.wave_group_figures(uuid, boolean, app.disclosure_rules) from public;
