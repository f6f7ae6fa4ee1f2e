-- Restricted tables that stay safe when a wave's questions are read together.
--
-- A soak run of the attacker's audit over surveys of two questions answered by the same people found that
-- the zeros of one question's table (every answer by every group of every dimension) can prove that two
-- groups of different dimensions are the same people (say, those who helped themselves and those who did
-- not give their gender), and the other question's zeros then pin a hidden count of those people. Bounds
-- within one table cannot see it. Forum, scrutiny and the public now get:
--   * a question with one answer and answers that count as positive: positive or not, by every group (the
--     indicator's own split, as panel journeys already were): every zero of a group is then the whole group
--     all of one answer, which is never shown, so no table proves two groups the same people;
--   * any other question (several answers, or none positive), and any question that some of the wave's
--     respondents did not answer (optional, or hidden by a condition: its groups' n beside the wave's would
--     be a third column, "did not answer"): its answers for everyone, without groups.
-- Staff still get every answer by every group, exact.
--
-- app.question_table gains the columns it publishes (o_values, o_labels, o_positive, o_answers: each
-- column's answers, o_grouped); app.question_figures, api.published_table, api.indicator_trend and
-- api.panel_journey follow.

drop function app.question_figures(uuid, uuid, boolean, app.disclosure_rules);
drop function app.question_table(uuid, uuid, boolean, app.disclosure_rules);

create function app.question_table(
  p_question_id uuid, p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules,
  out o_opts uuid[], out o_dims text[], out o_cats text[], out o_vals integer[], out o_hidden boolean[],
  out o_cells integer[], out o_starts integer[], out o_bound integer[], out o_whole boolean[],
  out o_base integer, out o_as_of timestamptz, out o_threshold integer,
  out o_values text[], out o_labels text[], out o_positive boolean[], out o_answers jsonb, out o_grouped boolean
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
         coalesce(array_agg(op.is_positive order by op.position), '{}')
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
  if v_everyone_only then
    v_dims := array['_all'];
    v_cats := array['_all'];
  end if;
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
    select array[string_agg(op.label, ' or ' order by op.position) filter (where op.is_positive),
                 'Not ' || lower(string_agg(op.label, ' or ' order by op.position) filter (where op.is_positive))],
           jsonb_build_array(coalesce(jsonb_agg(op.value order by op.position) filter (where op.is_positive), '[]'::jsonb),
                             coalesce(jsonb_agg(op.value order by op.position) filter (where not op.is_positive), '[]'::jsonb))
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
comment on function app.question_table is
  'One question''s table in one wave (group by column and n, o_vals in group order then column order with n '
  'last): exact (a column per option), or as the disclosure rule publishes it to a restricted reader (o_hidden): '
  'for a one-answer question with positive answers two columns, positive and not_positive, by every group '
  '(o_grouped); otherwise every option for everyone only. o_values, o_labels, o_positive and o_answers (each '
  'column''s option values) describe the columns; o_cells and o_starts the lines its reader adds up (line l is '
  'o_cells[o_starts[l] .. o_starts[l + 1] - 1], its last cell the total); o_bound the bounding cells; o_whole the '
  'lines that must never show a group all of one answer. Internal.';

create function app.question_figures(p_question_id uuid, p_wave_id uuid, p_exact boolean,
                                     p_rule app.disclosure_rules default null)
returns table (
  group_index integer, dimension text, category text, option_id uuid,
  col integer, value text, label text, positive boolean, answers jsonb, grouped boolean,
  exact integer, published integer, hidden boolean, small boolean,
  rounded_to integer, as_of timestamptz, threshold integer
)
language sql volatile security definer
set search_path = ''
as $$
  select gr.gi::integer, gr.dimension, gr.category,
         case when o.oi <= cardinality(t.o_values) then t.o_opts[o.oi] end,
         case when o.oi <= cardinality(t.o_values) then o.oi::integer end,
         t.o_values[o.oi], t.o_labels[o.oi], t.o_positive[o.oi],
         case when o.oi <= cardinality(t.o_values) then t.o_answers -> (o.oi::integer - 1) end,
         t.o_grouped,
         t.o_vals[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi],
         case when t.o_hidden[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi] then null
              else app.round_to(t.o_vals[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi], t.o_base) end,
         t.o_hidden[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi],
         p_exact and t.o_vals[(gr.gi - 1) * (cardinality(t.o_values) + 1) + o.oi] between 1 and t.o_threshold - 1,
         t.o_base, t.o_as_of, t.o_threshold
  from app.question_table(p_question_id, p_wave_id, p_exact, p_rule) t
  cross join lateral unnest(t.o_dims, t.o_cats) with ordinality as gr(dimension, category, gi)
  cross join lateral generate_series(1, cardinality(t.o_values) + 1) as o(oi)
  order by gr.gi, o.oi
$$;
comment on function app.question_figures is
  'The figures of one question in one wave as the caller may see them (app.question_table): every group by every '
  'column (col, value, label, positive, answers: the option values it counts; option_id for a column that is one '
  'option) and n (col null), exact or through the organisation''s disclosure rule. Internal: the API functions '
  'decide who gets which.';

create or replace function api.published_table(p_question_id uuid, p_wave_id uuid)
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
      (select x.published from f x where x.group_index = f.group_index and x.col is null) as n,
      (select x.exact from f x where x.group_index = f.group_index and x.col is null) as n_exact,
      bool_or(f.hidden) filter (where f.col is null) as n_hidden,
      bool_or(f.small) as small,
      jsonb_agg(jsonb_build_object(
        'value', f.value,
        'count', case when v_exact then f.exact else f.published end,
        'symbol', case when f.hidden then '[c]' end,
        'small', f.small) order by f.col) filter (where f.col is not null) as cells
    from f
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
    'grouped', coalesce((select bool_or(f.grouped) from f), false),
    'options', (select coalesce(jsonb_agg(jsonb_build_object('value', f.value, 'label', f.label, 'positive', f.positive,
                                                             'answers', f.answers) order by f.col), '[]'::jsonb)
                from f where f.group_index = 1 and f.col is not null),
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
  'label, n (how many in the group answered the question), n_symbol, small, and cells (one per column in order: '
  'value, count, symbol, small, share). options {value,label,positive,answers} are the columns (answers: the '
  'option values each counts). Staff (admin, lead, officer, safeguarding) get a column per option, exact and '
  'live, exact true, grouped false, with small true on counts under the threshold. Forum, scrutiny and every '
  'other restricted caller get controlled figures: for a one-answer question with answers that count as positive, '
  'two columns (positive: its positive answers; not_positive: the others; grouped true) by every group; for any '
  'other question, a column per option for everyone only (no group rows). A hidden figure has count (or n) null '
  'and symbol (n_symbol) ''[c]''; shown counts are rounded to rounded_to; an open wave''s figures are as of its '
  'daily snapshot (as_of) and rounded to at least 5; share is count / n only where n is shown and at least the '
  'threshold. Also returns question_id, question_kind, wave {id,label,kind,status} and rule '
  '{id,kind,threshold,rounding_base,label,chosen_at} (the rule followed).';

create or replace function api.indicator_trend(p_question_id uuid, p_dimension text default '_all', p_category text default '_all')
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
    ), withheld as (
      -- a group of a question that a restricted reader gets for everyone only
      select not v_exact and not exists (select 1 from grp) and not coalesce((select bool_or(f.grouped) from f), false) as w
    ), cells as (
      select f.* from f join grp on grp.group_index = f.group_index
    ), agg as (
      select
        max(case when v_exact then c.exact else c.published end) filter (where c.col is null) as n,
        -- a group a restricted reader gets no row for (a question published for everyone only) is withheld
        coalesce(bool_or(c.hidden) filter (where c.col is null), (select x.w from withheld x)) as n_hidden,
        coalesce(sum(case when v_exact then c.exact else c.published end) filter (where c.positive), 0)::integer as positive,
        coalesce(bool_or(c.hidden) filter (where c.positive), (select x.w from withheld x)) as positive_hidden,
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
  'row of api.published_table for that group: n null and n_suppressed when the group''s size is hidden (or the '
  'question is published for everyone only and a group was asked for); positive (the shown count of the positive '
  'column) and share null and suppressed true when it is hidden; share only on an n of at least the threshold; '
  'counts rounded to rounded_to; an open wave as of its daily snapshot (as_of). Staff (admin, lead, officer, '
  'safeguarding) get exact live figures, positive the sum of the positive options, with small_numbers true when '
  'any count of the group is under the threshold. rule is the rule followed.';

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

revoke execute on all functions in schema app from public;
revoke execute on all functions in schema api from public;
