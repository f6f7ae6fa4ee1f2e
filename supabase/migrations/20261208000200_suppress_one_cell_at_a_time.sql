-- Secondary suppression hides one cell at a time (issue 13: dashboards forum and scrutiny can cite).
--
-- Found while building the equity view: in the demo, forum and scrutiny saw no positive count of the headline
-- indicator in any wave, not even everyone's (450 answers), and no group's. app.complementary_suppression hid,
-- in each round, one more cell in every line of every pinned cell at once; one hidden cell often frees several
-- pinned cells, so the rest were hidden for nothing, and the cascade ran through the everyone row until 165 of
-- the table's 216 cells were hidden. It now hides one cell per round, in the line of a pinned cell with the
-- fewest hidden cells (the line that pins it), and looks again: the same table hides about half as many cells,
-- everyone's figures and every large group's are shown, and every group under the threshold stays hidden with
-- its complements.
-- What makes it safe is unchanged: the loop ends only when, from everything shown at once, no hidden count
-- above zero can be narrowed to one value and no group can be shown to be all of one answer (the same reader
-- bounds, lines solved together). Restated whole from 20261202000800_journey_whole_tables.sql; only the block
-- marked "One cell at a time" is new. Panel journeys use the same function and gain the same.

create or replace function app.complementary_suppression(
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
-- to be all of one part, hide one more cell, one at a time: in the line of a pinned cell with the fewest hidden
-- cells that has a cell left to hide (else one in a line of each such cell),
-- a count above zero first (a
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
  v_fewest integer;
  v_count integer;
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

    -- One cell at a time: hide the cell that app.next_to_hide puts first in the line that pins a pinned cell
    -- most directly, then look again. Hiding a cell in every line of every leak at once (as before) hid far more than
    -- needed: one hidden cell often frees several leaks, and the rest cascaded through the everyone row until a
    -- wave of 450 answers showed no positive count at all. A pinned cell is pinned by a line whose other cells
    -- are known, so the cell is hidden in the line with the fewest hidden cells. The loop still ends only when
    -- nothing is pinned.
    v_hid_any := false;
    if cardinality(v_leaks) > 0 then
      -- a line that pins one: of the lines of pinned cells with a cell left to hide, the one with the fewest
      -- hidden cells (a cell pinned through a line whose other cells are all shown is freed there, and freeing
      -- it first often frees the cells pinned through it)
      v_best := null;
      v_fewest := null;
      for l in 1 .. v_lines loop
        continue when not (v_leaks && p_line_cells[p_line_starts[l] : p_line_starts[l + 1] - 1]);
        v_cell := app.next_to_hide(p_values, v_hidden, p_class, p_line_cells[p_line_starts[l] : p_line_starts[l + 1] - 1]);
        continue when v_cell is null;
        select count(*) filter (where v_hidden[x]) into v_count
        from unnest(p_line_cells[p_line_starts[l] : p_line_starts[l + 1] - 1]) x;
        if v_fewest is null or v_count < v_fewest then
          v_fewest := v_count;
          v_best := v_cell;
        end if;
      end loop;
      if v_best is not null then
        v_hidden[v_best] := true;
        v_hid_any := true;
      end if;
    end if;
    if not v_hid_any then
    -- else, for each leak: in a line of the pinned cell (or in the leaking line)
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
    end if;
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
