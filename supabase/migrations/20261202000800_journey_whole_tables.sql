-- Panel journeys are checked against each wave's whole published table (issue 10).
--
-- A soak run of the attacker's audit found a survey where wave 2's group rows and the panel journey together
-- pinned a hidden journey cell: the journey's suppression saw only everyone's row of each wave's table, with
-- the bounds that table alone gives, and lost what the group rows say about the same people. Now:
--   * app.question_table builds one question's table in one wave (its figures, which are hidden, and the lines
--     its reader adds up) — what app.question_figures publishes, and what a journey is checked against;
--   * api.panel_journey gives restricted readers the two-by-two table of positive and not positive answers (the
--     one a paired test reads): every answer to every answer has too many cells whose sums a reader can add
--     across rows (the soak's leak combined two rows), which bound propagation does not see; staff still get
--     every answer to every answer;
--   * the journey joins both waves' whole tables (never changing them) to its own cells, margins and the
--     never-published people not linked, and suppresses over all of it at once;
--   * a reader can solve a table's sums as simultaneous equations, which bounds carried cell by cell do not
--     (a soak run found x + y fixed by one line and used in another): app.reader_bounds now also takes every
--     hidden cell that app.fixed_by_sums finds fixed as known;
--   * app.complementary_suppression hides the next cell of any line when a leak's own lines have nothing left
--     to hide, as happens when a journey pins a cell of a wave's table (app.next_to_hide chooses).

create function app.fixed_by_sums(
  p_hidden boolean[], p_known boolean[], p_line_cells integer[], p_line_starts integer[]
)
returns boolean[]
language plpgsql immutable
set search_path = ''
as $$
-- Which unknown cells (hidden, and not in p_known) the lines' sums fix to one value when taken together, as a
-- reader who solves them as simultaneous equations would: each line (its parts minus its total, the known
-- cells' part being a constant) is a row, each unknown a column; Gauss-Jordan elimination; an unknown is fixed
-- when a reduced row holds it alone. Rows are sparse, so each step touches only the rows and columns it must.
declare
  v_n integer := coalesce(array_length(p_hidden, 1), 0);
  v_lines integer := coalesce(array_length(p_line_starts, 1), 1) - 1;
  v_col integer[];
  v_cell integer[] := '{}';
  v_m integer := 0;
  v_r integer := 0;
  a float8[];
  v_used boolean[];
  v_pivcol integer[];
  v_nz integer[];
  v_out boolean[];
  v_rows integer[];
  v_total integer;
  v_p integer;
  v_best float8;
  v_f float8;
  v_count integer;
  c integer;
  i integer;
  j integer;
  l integer;
  r integer;
begin
  v_out := array_fill(false, array[v_n]);
  if v_n = 0 then
    return v_out;
  end if;
  v_col := array_fill(0, array[v_n]);
  for c in 1 .. v_n loop
    if p_hidden[c] and not p_known[c] then
      v_m := v_m + 1;
      v_col[c] := v_m;
      v_cell := v_cell || c;
    end if;
  end loop;
  if v_m = 0 then
    return v_out;
  end if;
  -- the lines with an unknown are the rows
  v_rows := '{}';
  for l in 1 .. v_lines loop
    for i in p_line_starts[l] .. p_line_starts[l + 1] - 1 loop
      if v_col[p_line_cells[i]] > 0 then v_rows := v_rows || l; exit; end if;
    end loop;
  end loop;
  if cardinality(v_rows) = 0 then
    return v_out;
  end if;
  a := array_fill(0::float8, array[cardinality(v_rows) * v_m]);
  foreach l in array v_rows loop
    v_r := v_r + 1;
    v_total := p_line_starts[l + 1] - 1;
    for i in p_line_starts[l] .. v_total loop
      c := p_line_cells[i];
      continue when v_col[c] = 0;
      j := (v_r - 1) * v_m + v_col[c];
      a[j] := a[j] + case when i = v_total then -1 else 1 end;
    end loop;
  end loop;
  v_used := array_fill(false, array[v_r]);
  v_pivcol := array_fill(0, array[v_r]);
  for j in 1 .. v_m loop
    -- the unused row with the largest entry in this column
    v_p := 0;
    v_best := 1e-9;
    for r in 1 .. v_r loop
      continue when v_used[r];
      if abs(a[(r - 1) * v_m + j]) > v_best then
        v_best := abs(a[(r - 1) * v_m + j]);
        v_p := r;
      end if;
    end loop;
    continue when v_p = 0;
    v_used[v_p] := true;
    v_pivcol[v_p] := j;
    v_f := a[(v_p - 1) * v_m + j];
    v_nz := '{}';
    for i in 1 .. v_m loop
      if abs(a[(v_p - 1) * v_m + i]) > 1e-9 then
        a[(v_p - 1) * v_m + i] := a[(v_p - 1) * v_m + i] / v_f;
        v_nz := v_nz || i;
      else
        a[(v_p - 1) * v_m + i] := 0;
      end if;
    end loop;
    for r in 1 .. v_r loop
      continue when r = v_p or abs(a[(r - 1) * v_m + j]) <= 1e-9;
      v_f := a[(r - 1) * v_m + j];
      foreach i in array v_nz loop
        a[(r - 1) * v_m + i] := a[(r - 1) * v_m + i] - v_f * a[(v_p - 1) * v_m + i];
      end loop;
      a[(r - 1) * v_m + j] := 0;
    end loop;
  end loop;
  for r in 1 .. v_r loop
    continue when not v_used[r];
    v_count := 0;
    for i in 1 .. v_m loop
      if abs(a[(r - 1) * v_m + i]) > 1e-9 then v_count := v_count + 1; end if;
    end loop;
    if v_count = 1 then
      v_out[v_cell[v_pivcol[r]]] := true;
    end if;
  end loop;
  return v_out;
end
$$;
comment on function app.fixed_by_sums is
  'Internal (app.reader_bounds): the hidden cells that the lines'' sums, solved together, fix to one value.';

drop function app.reader_bounds(integer[], boolean[], integer[], integer[], integer[], bigint[], bigint[]);
create function app.reader_bounds(
  p_values integer[], p_hidden boolean[], p_line_cells integer[], p_line_starts integer[],
  p_bound_cell integer[], p_lower bigint[], p_upper bigint[], p_solve boolean default true,
  out o_lo bigint[], out o_hi bigint[]
)
language plpgsql immutable
set search_path = ''
as $$
-- What a reader knows of each cell of a table (see app.complementary_suppression for the lines and bounds):
-- a shown cell exactly; a hidden one between its known bounds (p_lower, p_upper, else 0 and none), narrowed
-- through every line's sum and every bounding cell, again and again until nothing changes; then every hidden
-- cell the lines' sums fix exactly when taken together (app.fixed_by_sums) is known, and again until nothing
-- changes (unless p_solve is false: bounds alone, cheaper). o_hi null: no upper bound.
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
  v_known boolean[];
  v_fixed boolean[];
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
  loop
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
    exit when not p_solve;
    -- then what the lines' sums fix exactly, taken together (bounds cannot add up two unknowns): each such
    -- cell is known, and its bound carried through every line again
    v_known := array_fill(false, array[v_n]);
    for c in 1 .. v_n loop
      v_known[c] := not p_hidden[c] or (v_hi[c] is not null and v_lo[c] >= v_hi[c]);
    end loop;
    v_fixed := app.fixed_by_sums(p_hidden, v_known, p_line_cells, p_line_starts);
    v_changed := false;
    for c in 1 .. v_n loop
      if v_fixed[c] then
        v_lo[c] := p_values[c];
        v_hi[c] := p_values[c];
        v_changed := true;
      end if;
    end loop;
    exit when not v_changed;
  end loop;

  o_lo := v_lo;
  o_hi := v_hi;
end
$$;
comment on function app.reader_bounds is
  'What a reader of a table knows of each cell: its lowest and highest possible values from everything shown '
  '(every line''s sum, every bounding cell, known bounds of hidden cells), narrowed until nothing changes. Internal.';

drop function app.complementary_suppression(integer[], boolean[], integer[], integer[], integer[], integer[],
                                            bigint[], boolean[], bigint[]);
drop function app.question_figures(uuid, uuid, boolean, app.disclosure_rules);

create function app.next_to_hide(p_values integer[], p_hidden boolean[], p_class integer[], p_candidates integer[])
returns integer
language sql immutable
set search_path = ''
as $$
  -- of the candidates still shown that may be hidden (class under 9), the one app.hide_rank puts first
  select u.c from unnest(p_candidates) with ordinality u(c, i)
  where not p_hidden[u.c] and p_class[u.c] < 9
  order by app.hide_rank(p_values[u.c], p_class[u.c]), u.i
  limit 1
$$;
comment on function app.next_to_hide is
  'Internal (app.complementary_suppression): which of the candidate cells to hide next, or null.';

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
-- people not linked to the other wave) and are no leak when narrowed. A leak whose lines and bounding cells
-- have nothing left to hide makes the next cell of any line hidden, until there is no leak or nothing left. Shown cells count as exact (rounding only narrows what the reader knows).
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
  v_cell integer;
  v_b integer;
  v_hid_any boolean;
  v_open integer;
  v_open_cell integer;
  v_solve boolean;
  l integer;
  i integer;
  c integer;
begin
  if v_n = 0 then
    return v_hidden;
  end if;
  v_solve := false;
  loop
    -- what the reader knows: shown cells exactly, hidden ones between their known bounds, narrowed (solving the
    -- lines together only once bounds alone find nothing more to hide: it costs more)
    select r.o_lo, r.o_hi into v_lo, v_hi
    from app.reader_bounds(p_values, v_hidden, p_line_cells, p_line_starts, p_bound_cell, p_lower, p_upper, v_solve) r;

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
    if cardinality(v_leaks) = 0 and cardinality(v_leak_lines) = 0 then
      exit when v_solve;
      v_solve := true;
      continue;
    end if;
    v_solve := false;

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
      v_best := app.next_to_hide(p_values, v_hidden, p_class, p_line_cells[p_line_starts[l] : p_line_starts[l + 1] - 1]);
      if v_best is not null then
        v_hidden[v_best] := true;
        v_hid_any := true;
      end if;
    end loop;
    -- no line of a leak has a cell left to hide: the cells that bound a pinned cell, above or below
    if not v_hid_any then
      foreach c in array v_leaks loop
        v_best := app.next_to_hide(p_values, v_hidden, p_class,
          array(select x from generate_series(1, v_n) x
                where x = coalesce(p_bound_cell[c], 0) or coalesce(p_bound_cell[x], 0) = c));
        if v_best is not null then
          v_hidden[v_best] := true;
          v_hid_any := true;
        end if;
      end loop;
    end if;
    -- and then the next cell of any line (the leak's own cells may all be another table's, published as they
    -- are, or fixed by sums of lines far from it)
    if not v_hid_any then
      v_best := app.next_to_hide(p_values, v_hidden, p_class, p_line_cells);
      if v_best is not null then
        v_hidden[v_best] := true;
        v_hid_any := true;
      end if;
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

-- One question's table in one wave, as the rule publishes it to a restricted reader, with its lines.
create function app.question_table(
  p_question_id uuid, p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules,
  out o_opts uuid[], out o_dims text[], out o_cats text[], out o_vals integer[], out o_hidden boolean[],
  out o_cells integer[], out o_starts integer[], out o_bound integer[], out o_whole boolean[],
  out o_base integer, out o_as_of timestamptz, out o_threshold integer
)
language plpgsql volatile
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
end
$$;
comment on function app.question_table is
  'One question''s table in one wave (group by option and n, o_vals in group order then option order with n last): '
  'exact, or as the disclosure rule publishes it (o_hidden), with the lines its reader adds up (o_cells, o_starts: '
  'line l is o_cells[o_starts[l] .. o_starts[l + 1] - 1], its last cell the total), bounding cells (o_bound) and '
  'the lines that must never show a group all of one answer (o_whole). Internal.';

-- The figures of one question in one wave, every group by every answer and n, as the caller may see them.
create function app.question_figures(p_question_id uuid, p_wave_id uuid, p_exact boolean,
                                     p_rule app.disclosure_rules default null)
returns table (
  group_index integer, dimension text, category text, option_id uuid,
  exact integer, published integer, hidden boolean, small boolean,
  rounded_to integer, as_of timestamptz, threshold integer
)
language sql volatile security definer
set search_path = ''
as $$
  select gr.gi::integer, gr.dimension, gr.category, (t.o_opts || array[null::uuid])[o.oi],
         t.o_vals[(gr.gi - 1) * (cardinality(t.o_opts) + 1) + o.oi],
         case when t.o_hidden[(gr.gi - 1) * (cardinality(t.o_opts) + 1) + o.oi] then null
              else app.round_to(t.o_vals[(gr.gi - 1) * (cardinality(t.o_opts) + 1) + o.oi], t.o_base) end,
         t.o_hidden[(gr.gi - 1) * (cardinality(t.o_opts) + 1) + o.oi],
         p_exact and t.o_vals[(gr.gi - 1) * (cardinality(t.o_opts) + 1) + o.oi] between 1 and t.o_threshold - 1,
         t.o_base, t.o_as_of, t.o_threshold
  from app.question_table(p_question_id, p_wave_id, p_exact, p_rule) t
  cross join lateral unnest(t.o_dims, t.o_cats) with ordinality as gr(dimension, category, gi)
  cross join lateral generate_series(1, cardinality(t.o_opts) + 1) as o(oi)
  order by gr.gi, o.oi
$$;
comment on function app.question_figures is
  'The figures of one question in one wave: every group (everyone, each dimension''s categories and '
  '_not_stated) by every option and n (option_id null), exact or through the organisation''s disclosure rule. '
  'Internal: the API functions decide who gets which.';

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
    -- each panel code's latest answer to the question in a wave
    select distinct on (r.wave_id, r.panel_code) r.wave_id, r.panel_code, a.option_id
    from app.responses r
    join app.answers a on a.response_id = r.id and a.question_id = v_q.id and a.option_id is not null
    where r.wave_id in (v_from.id, v_to.id) and r.panel_code is not null and r.submitted_at < v_before
    order by r.wave_id, r.panel_code, r.submitted_at desc
  ), pairs as (
    select v_of[array_position(v_opts, f.option_id)] as fi, v_of[array_position(v_opts, t.option_id)] as ti
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
      for j in 1 .. v_ko loop
        v_vals[v_s + v_m * v_k + v_of[j]] := v_vals[v_s + v_m * v_k + v_of[j]] + v_vals[v_w[v_m + 1] + j];
      end loop;
      for i in 1 .. v_k loop
        v_vals[v_e + v_m * v_k + i] := greatest(v_vals[v_s + v_m * v_k + i] - v_vals[v_k * v_k + v_m * v_k + i], 0);
        -- the category's answers add up to it
        for j in 1 .. v_ko loop
          if v_of[j] = i then v_cells := v_cells || (v_w[v_m + 1] + j); end if;
        end loop;
        v_cells := v_cells || (v_s + v_m * v_k + i);
        v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
        -- the linked people in it and those not linked add up to it
        v_cells := v_cells || array[v_k * v_k + v_m * v_k + i, v_e + v_m * v_k + i, v_s + v_m * v_k + i];
        v_starts := v_starts || (coalesce(array_length(v_cells, 1), 0) + 1);
        v_whole := v_whole || array[false, false];
      end loop;
      -- the wave's n: linked plus the unlinked
      for i in 1 .. v_k loop v_cells := v_cells || (v_e + v_m * v_k + i); end loop;
      v_cells := v_cells || array[v_size, v_w[v_m + 1] + v_ko + 1];
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
comment on function api.panel_journey is
  'Members of the question''s organisation (any role; others get not_found; not anon). For one question with a '
  'single answer and two waves of its survey: how many people gave the same panel code in both (linked), how '
  'many moved from each category to each other (cells, every pair in order: from_value, to_value, n, suppressed, '
  'symbol, small), and the margins: from_totals (linked people by their category in the from wave) and to_totals '
  '(in the to wave), each {value, label, n, symbol, small}. A panel code''s latest response in a wave counts. '
  'Staff (admin, lead, officer, safeguarding) get every answer to every answer, exact and live (exact true, '
  'grouped false), with small true on counts under the threshold. Forum, scrutiny and every other restricted '
  'caller get the two-by-two table of positive and not positive answers (grouped true; values positive and '
  'not_positive; refused with invalid_request when no answer counts as positive), controlled by the '
  'organisation''s disclosure rule with primary and complementary suppression over cells, margins, linked and '
  'both waves'' published tables: a hidden n (or linked) is null with symbol ''[c]''; shown counts are rounded '
  'to rounded_to; when either wave is open, only responses sent before the start of today (UTC, as_of) count, '
  'rounded to at least 5. rule is the rule followed.';
grant execute on function api.panel_journey to authenticated, service_role;

revoke execute on all functions in schema app from public;
revoke execute on all functions in schema api from public;
