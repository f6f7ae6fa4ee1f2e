-- Versioned indicator definitions (issue 13): "a change in which answers count as positive, or in a
-- question's wording, is versioned: the trend marks the point where the definition or wording changed, and
-- figures published before the change can still be reproduced."
--
--   * app.positive_answer_changes: every change of which answers of a question count as positive, once people
--     have answered it (before that no figure depends on it), with when, by whom, and the answers counted
--     before and after. However it is made (the builder's api.update_question, or any other write to
--     app.question_options.is_positive, added or deleted options included), one statement trigger notes it:
--     the changes of one transaction (the builder saves option by option) are one change. Wording changes
--     were already kept in app.question_versions (replaced_at, replaced_by).
--     Definition 1 is the one a question was first answered under; each change starts the next.
--   * app.kept_positive_counts: a several-answer question's positive people per wave and group are counted
--     from its raw answers when the definition changes (app.recount_positive); the counts under the definition
--     that ends are kept first, so that they can still be read. A one-answer question needs none: its counts
--     per answer do not depend on the definition.
--   * app.question_table, app.question_figures and app.people_positive take the positive answers (and the
--     definition) to count by; the default is the definition in force, so every other caller is unchanged.
--   * api.indicator_trend takes p_definition (null: the one in force) and returns, on every row, the
--     definition its figures are counted by, the latest definition, and every change of wording or of positive
--     answers (definition_changes), for the trend to mark. Forum, scrutiny and the public get an earlier
--     definition's figures under the same disclosure rule. Restated whole from
--     20261208500100_public_figures.sql.
--   * api.indicator_decisions also returns the decisions filed under the indicator's strategy priority
--     (cites, same_priority). Restated whole from 20261204800100_impact_flow.sql.

create table app.positive_answer_changes (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null,
  question_id uuid not null,
  -- the definition this change starts (definition 1 is the first)
  version integer not null check (version >= 2),
  changed_at timestamptz not null default now(),
  changed_by uuid default auth.uid(),
  -- the options counted as positive before and after, in the question's order, with their labels then
  positive_before uuid[] not null,
  positive_after uuid[] not null,
  labels_before text[] not null,
  labels_after text[] not null,
  unique (question_id, version),
  foreign key (question_id, organisation_id) references app.questions (id, organisation_id) on delete cascade
);
comment on table app.positive_answer_changes is
  'Every change of which answers of a question count as positive after people answered it: when, by whom, the '
  'answers counted before and after. Change n starts definition n + 1 of the indicator (definition 1 is the '
  'first). Members read; written only by the trigger on app.question_options.';
create index positive_answer_changes_question_idx on app.positive_answer_changes (question_id, organisation_id);
create index positive_answer_changes_organisation_idx on app.positive_answer_changes (organisation_id);

alter table app.positive_answer_changes enable row level security;
grant select on app.positive_answer_changes to authenticated;
grant all on app.positive_answer_changes to service_role;
create policy "members read changes of positive answers" on app.positive_answer_changes
  for select to authenticated using (app.has_role(organisation_id));

create table app.kept_positive_counts (
  organisation_id uuid not null,
  question_id uuid not null,
  -- the definition these people were counted under, kept when it ended
  version integer not null check (version >= 1),
  wave_id uuid not null references app.waves (id) on delete cascade,
  dimension text not null,
  category text not null,
  n integer not null,
  positive integer not null,
  primary key (question_id, version, wave_id, dimension, category),
  foreign key (question_id, organisation_id) references app.questions (id, organisation_id) on delete cascade
);
comment on table app.kept_positive_counts is
  'A several-answer question''s running counts (app.question_counts n and positive) per wave of responses and '
  'group, as they stood under a definition of the indicator when it ended: the figures it gave can still be '
  'read (api.indicator_trend p_definition). Raw counts: survey staff and safeguarding read them, as they read '
  'app.question_counts; written only by the trigger on app.question_options.';
create index kept_positive_counts_question_organisation_idx on app.kept_positive_counts (question_id, organisation_id);
create index kept_positive_counts_wave_idx on app.kept_positive_counts (wave_id);
create index kept_positive_counts_organisation_idx on app.kept_positive_counts (organisation_id);

alter table app.kept_positive_counts enable row level security;
grant select on app.kept_positive_counts to authenticated;
grant all on app.kept_positive_counts to service_role;
create policy "survey staff read kept positive counts" on app.kept_positive_counts
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer,safeguarding}'));

-- ---------------------------------------------------------------------------------------------
-- Noting a change
-- ---------------------------------------------------------------------------------------------

create function app.note_positive_change(p_question_id uuid, p_added uuid[], p_removed uuid[])
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
-- One statement changed which options of the question count as positive: p_added now count, p_removed no
-- longer do. Notes the change (one per transaction), keeps a several-answer question's counts under the
-- definition that ends, and recounts its positive people.
declare
  v_q app.questions;
  v_after uuid[];
  v_before uuid[];
  v_labels_after text[];
  v_labels_before text[];
  v_row app.positive_answer_changes;
  v_version integer;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  -- no figures yet (nobody answered, nothing imported): no figure depends on the definition
  if v_q.id is null or not exists (select 1 from app.question_counts c where c.question_id = v_q.id) then
    return;
  end if;
  select coalesce(array_agg(o.id order by o.position, o.id), '{}'), coalesce(array_agg(o.label order by o.position, o.id), '{}')
  into v_after, v_labels_after
  from app.question_options o where o.question_id = v_q.id and o.is_positive;
  -- before this statement: the positive ones now, less those it added, with those it removed
  select coalesce(array_agg(x.id order by x.position nulls last, x.id), '{}'),
         coalesce(array_agg(x.label order by x.position nulls last, x.id), '{}')
  into v_before, v_labels_before
  from (select o.id, o.position, o.label from app.question_options o
        where o.question_id = v_q.id and o.is_positive and o.id <> all (coalesce(p_added, '{}'))
        union
        select r.id, o.position, coalesce(o.label, '(an answer since deleted)')
        from unnest(coalesce(p_removed, '{}')) r(id) left join app.question_options o on o.id = r.id) x;

  select * into v_row from app.positive_answer_changes c where c.question_id = v_q.id and c.changed_at = now();
  if found then
    -- the same transaction changed it before: one change, from what was counted before it
    if (select array_agg(x order by x) from unnest(v_row.positive_before) x)
       is not distinct from (select array_agg(x order by x) from unnest(v_after) x) then
      -- and now back as it was: no change after all
      delete from app.positive_answer_changes c where c.id = v_row.id;
      delete from app.kept_positive_counts k where k.question_id = v_q.id and k.version = v_row.version - 1;
    else
      update app.positive_answer_changes c set positive_after = v_after, labels_after = v_labels_after
      where c.id = v_row.id;
    end if;
  elsif (select array_agg(x order by x) from unnest(v_before) x)
        is distinct from (select array_agg(x order by x) from unnest(v_after) x) then
    select coalesce(max(c.version), 1) + 1 into v_version from app.positive_answer_changes c where c.question_id = v_q.id;
    insert into app.positive_answer_changes (organisation_id, question_id, version, positive_before, positive_after,
                                             labels_before, labels_after)
    values (v_q.organisation_id, v_q.id, v_version, v_before, v_after, v_labels_before, v_labels_after);
    if v_q.kind = 'multi_choice' then
      -- the definition that ends: its positive people, before they are recounted
      insert into app.kept_positive_counts (organisation_id, question_id, version, wave_id, dimension, category, n, positive)
      select c.organisation_id, c.question_id, v_version - 1, c.wave_id, c.dimension, c.category, c.n, coalesce(c.positive, 0)
      from app.question_counts c
      where c.question_id = v_q.id
        and exists (select 1 from app.waves w where w.id = c.wave_id and w.source = 'responses');
    end if;
  else
    return;
  end if;
  perform app.audit(v_q.organisation_id, 'indicator.positive_answers_changed', v_q.id::text,
    jsonb_build_object('prompt', v_q.prompt, 'before', to_jsonb(v_labels_before), 'after', to_jsonb(v_labels_after)));
  perform app.recount_positive(v_q.id);
end
$$;
comment on function app.note_positive_change is
  'Internal (the trigger on app.question_options): one statement changed which options of a question count as '
  'positive. Notes it in app.positive_answer_changes (one change per transaction) and the audit log, keeps a '
  'several-answer question''s counts under the definition that ends, and recounts its positive people.';

create function app.positive_answers_changed()
returns trigger
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  r record;
begin
  if tg_op = 'UPDATE' then
    for r in select n.question_id,
                    array_agg(n.id) filter (where n.is_positive) as added,
                    array_agg(n.id) filter (where not n.is_positive) as removed
             from changed_new n join changed_old o on o.id = n.id
             where o.is_positive is distinct from n.is_positive
             group by n.question_id loop
      perform app.note_positive_change(r.question_id, r.added, r.removed);
    end loop;
  elsif tg_op = 'INSERT' then
    for r in select n.question_id, array_agg(n.id) as added from changed_new n where n.is_positive
             group by n.question_id loop
      perform app.note_positive_change(r.question_id, r.added, null);
    end loop;
  else
    for r in select o.question_id, array_agg(o.id) as removed from changed_old o where o.is_positive
             group by o.question_id loop
      perform app.note_positive_change(r.question_id, null, r.removed);
    end loop;
  end if;
  return null;
end
$$;
comment on function app.positive_answers_changed is
  'Trigger: options started or stopped counting as positive (changed, added or deleted): app.note_positive_change '
  'for each question. Internal.';

-- This statement trigger recounts too (once a question, not once an option): the row trigger goes.
drop trigger question_options_positive_recount on app.question_options;
drop function app.recount_positive_on_change();

create trigger question_options_positive_changed
  after update on app.question_options
  referencing old table as changed_old new table as changed_new
  for each statement execute function app.positive_answers_changed();
create trigger question_options_positive_added
  after insert on app.question_options
  referencing new table as changed_new
  for each statement execute function app.positive_answers_changed();
create trigger question_options_positive_deleted
  after delete on app.question_options
  referencing old table as changed_old
  for each statement execute function app.positive_answers_changed();

revoke all on function app.note_positive_change(uuid, uuid[], uuid[]) from public, anon, authenticated;
revoke all on function app.positive_answers_changed() from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Counting by an earlier definition
-- ---------------------------------------------------------------------------------------------

drop function app.question_figures(uuid, uuid, boolean, app.disclosure_rules);
drop function app.question_table(uuid, uuid, boolean, app.disclosure_rules);

create function app.question_table(
  p_question_id uuid, p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules,
  p_positive uuid[] default null,
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
comment on function app.question_table is
  'One question''s table in one wave (group by column and n, o_vals in group order then column order with n '
  'last): exact (a column per option), or as the disclosure rule publishes it to a restricted reader (o_hidden): '
  'for a one-answer question with positive answers two columns, positive and not_positive, by every group '
  '(o_grouped); otherwise every option for everyone only. o_values, o_labels, o_positive and o_answers (each '
  'column''s option values) describe the columns; o_cells and o_starts the lines its reader adds up (line l is '
  'o_cells[o_starts[l] .. o_starts[l + 1] - 1], its last cell the total); o_bound the bounding cells; o_whole the '
  'lines that must never show a group all of one answer. p_positive: the options that count as positive under '
  'an earlier definition of the indicator (null: the options marked positive now). Internal.';

create function app.question_figures(p_question_id uuid, p_wave_id uuid, p_exact boolean,
                                     p_rule app.disclosure_rules default null, p_positive uuid[] default null)
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
  from app.question_table(p_question_id, p_wave_id, p_exact, p_rule, p_positive) t
  cross join lateral unnest(t.o_dims, t.o_cats) with ordinality as gr(dimension, category, gi)
  cross join lateral generate_series(1, cardinality(t.o_values) + 1) as o(oi)
  order by gr.gi, o.oi
$$;
comment on function app.question_figures is
  'The figures of one question in one wave as the caller may see them (app.question_table): every group by every '
  'column (col, value, label, positive, answers: the option values it counts; option_id for a column that is one '
  'option) and n (col null), exact or through the organisation''s disclosure rule; p_positive as in '
  'app.question_table. Internal: the API functions decide who gets which.';

drop function app.people_positive(uuid, uuid, boolean, app.disclosure_rules, text, text);
create function app.people_positive(
  p_question_id uuid, p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules,
  p_dimension text, p_category text, p_positive uuid[] default null, p_version integer default null,
  out o_positive integer, out o_hidden boolean, out o_unknown boolean, out o_not_kept boolean
)
language plpgsql volatile
set search_path = ''
as $$
-- The people of one group of one wave who ticked at least one positive answer of a several-answer question.
-- o_unknown: a wave of aggregated results whose totals cannot say it (several positive answers' ticks).
-- Staff (p_exact) get the live count. A restricted reader gets everyone only (the question's table is published
-- for everyone only), from the open wave's daily snapshot as the table is, hidden when the positive people or
-- the others are fewer than the rule's threshold, else rounded to the table's base.
-- Under an earlier definition of the indicator (p_version, with its positive options p_positive): a wave of
-- aggregated results is read with those options; a wave of responses from the counts kept when that definition
-- ended (app.kept_positive_counts). o_not_kept: the wave has been answered since, so it was never counted so.
declare
  v_kept_n integer;
  v_q app.questions;
  v_w app.waves;
  v_n integer;
  v_base integer;
  v_snapshot date;
  v_positive_options integer;
begin
  o_hidden := false;
  o_unknown := false;
  o_not_kept := false;
  select * into v_q from app.questions q where q.id = p_question_id;
  select * into v_w from app.waves w where w.id = p_wave_id and w.survey_id = v_q.survey_id;
  if v_q.id is null or v_w.id is null then
    return;
  end if;
  if not p_exact and (p_dimension, p_category) is distinct from ('_all', '_all') then
    o_hidden := true;
    return;
  end if;

  -- a group's rows count +1; 'not stated' is everyone less every group of its dimension (app.group_sign)
  if v_w.source = 'aggregate' then
    select count(*) into v_positive_options from app.question_options o where o.question_id = v_q.id
      and (case when p_positive is null then o.is_positive else o.id = any (p_positive) end);
    select sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.n) into v_n from app.question_counts c
    where c.wave_id = v_w.id and c.question_id = v_q.id and app.group_sign(c.dimension, c.category, p_dimension, p_category) <> 0;
    if v_positive_options = 1 then
      -- one positive answer: its ticks are its people
      select coalesce(sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.n), 0) into o_positive
      from app.option_counts c
      join app.question_options o on o.id = c.option_id
        and (case when p_positive is null then o.is_positive else o.id = any (p_positive) end)
      where c.wave_id = v_w.id and c.question_id = v_q.id
        and app.group_sign(c.dimension, c.category, p_dimension, p_category) <> 0;
    elsif v_positive_options = 0 then
      o_positive := 0;
    else
      o_unknown := coalesce(v_n, 0) > 0;
      o_positive := null;
      return;
    end if;
  elsif p_version is not null then
    -- an earlier definition: the people counted positive under it, kept when it changed; a wave answered
    -- since (its n now is not the n kept) was never counted that way
    select sum(app.group_sign(k.dimension, k.category, p_dimension, p_category) * k.n),
           sum(app.group_sign(k.dimension, k.category, p_dimension, p_category) * k.positive)
    into v_kept_n, o_positive from app.kept_positive_counts k
    where k.question_id = v_q.id and k.version = p_version and k.wave_id = v_w.id
      and app.group_sign(k.dimension, k.category, p_dimension, p_category) <> 0;
    select sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.n) into v_n
    from app.question_counts c
    where c.wave_id = v_w.id and c.question_id = v_q.id
      and app.group_sign(c.dimension, c.category, p_dimension, p_category) <> 0;
    if coalesce(v_kept_n, 0) <> coalesce(v_n, 0) then
      o_not_kept := true;
      o_positive := null;
      return;
    end if;
    o_positive := coalesce(o_positive, 0);
    if not p_exact and app.wave_status(v_w.opens_at, v_w.closes_at) = 'open' then
      v_snapshot := (now() at time zone 'utc')::date;  -- rounded as an open wave's figures are
    end if;
  else
    if not p_exact and app.wave_status(v_w.opens_at, v_w.closes_at) = 'open' then
      perform app.open_wave_snapshot(v_w.id);
      v_snapshot := (now() at time zone 'utc')::date;
      select sum(app.group_sign(s.dimension, s.category, p_dimension, p_category) * s.n),
             sum(app.group_sign(s.dimension, s.category, p_dimension, p_category) * s.positive)
      into v_n, o_positive from app.count_snapshots s
      where s.wave_id = v_w.id and s.taken_on = v_snapshot and s.question_id = v_q.id and s.option_id is null
        and app.group_sign(s.dimension, s.category, p_dimension, p_category) <> 0;
    else
      select sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.n),
             sum(app.group_sign(c.dimension, c.category, p_dimension, p_category) * c.positive)
      into v_n, o_positive from app.question_counts c
      where c.wave_id = v_w.id and c.question_id = v_q.id
        and app.group_sign(c.dimension, c.category, p_dimension, p_category) <> 0;
    end if;
    o_positive := coalesce(o_positive, 0);
  end if;
  v_n := coalesce(v_n, 0);

  if p_exact then
    return;
  end if;
  if o_positive < p_rule.threshold or v_n - o_positive < p_rule.threshold then
    o_positive := null;
    o_hidden := true;
    return;
  end if;
  v_base := p_rule.rounding_base;
  if v_snapshot is not null then
    v_base := greatest(v_base, 5);
  end if;
  o_positive := app.round_to(o_positive, v_base);
end
$$;
comment on function app.people_positive is
  'The people of one group of one wave who ticked at least one positive answer of a several-answer question: '
  'exact for staff, or for everyone only through the disclosure rule (hidden under the threshold, or when the '
  'others are; rounded). o_unknown for aggregated totals that give several positive answers'' ticks only. '
  'p_version and p_positive: counted under an earlier definition of the indicator (o_not_kept: a wave of '
  'responses answered since that definition changed, which was never counted so). Internal.';
revoke all on function app.people_positive(uuid, uuid, boolean, app.disclosure_rules, text, text, uuid[], integer)
  from public, anon, authenticated;
revoke all on function app.question_table(uuid, uuid, boolean, app.disclosure_rules, uuid[]) from public, anon, authenticated;
revoke all on function app.question_figures(uuid, uuid, boolean, app.disclosure_rules, uuid[]) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- The changes, in words
-- ---------------------------------------------------------------------------------------------

create function app.definition_changes(p_question_id uuid)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  -- Every change of the question's wording (app.question_versions) and of its positive answers
  -- (app.positive_answer_changes), in time order: {kind, at, version, before, after, words}. Who made a change
  -- is not here: the trend goes to the public too (the audit log and the tables keep it).
  with wording as (
    select v.replaced_at as at, v.prompt as before_prompt, v.options as before_options,
      coalesce(lead(v.prompt) over w, q.prompt) as after_prompt,
      coalesce(lead(v.options) over w, (select coalesce(jsonb_agg(jsonb_build_object('label', o.label) order by o.position), '[]'::jsonb)
                                        from app.question_options o where o.question_id = q.id)) as after_options
    from app.question_versions v join app.questions q on q.id = v.question_id
    where v.question_id = p_question_id
    window w as (order by v.version)
  ), changes as (
    select 'wording' as kind, w.at, null::integer as version,
      jsonb_build_array(w.before_prompt) as before, jsonb_build_array(w.after_prompt) as after,
      case when w.before_prompt is distinct from w.after_prompt
           then 'The question''s wording changed from “' || w.before_prompt || '” to “' || w.after_prompt || '”.'
           else 'The wording of its answers changed: “'
                || (select string_agg(o ->> 'label', '”, “' order by ord) from jsonb_array_elements(w.before_options) with ordinality x(o, ord))
                || '” became “'
                || (select string_agg(o ->> 'label', '”, “' order by ord) from jsonb_array_elements(w.after_options) with ordinality x(o, ord))
                || '”.' end as words
    from wording w
    union all
    select 'positive answers', c.changed_at, c.version, to_jsonb(c.labels_before), to_jsonb(c.labels_after),
      'The answers counted as positive changed from '
      || coalesce('“' || array_to_string(c.labels_before, '” or “') || '”', 'none') || ' to '
      || coalesce('“' || array_to_string(c.labels_after, '” or “') || '”', 'none') || '.'
    from app.positive_answer_changes c
    where c.question_id = p_question_id
  )
  select coalesce(jsonb_agg(jsonb_build_object('kind', c.kind, 'at', c.at, 'version', c.version,
                                               'before', c.before, 'after', c.after, 'words', c.words)
                            order by c.at, c.kind desc), '[]'::jsonb)
  from changes c
$$;
comment on function app.definition_changes is
  'Every change of a question''s wording and of which of its answers count as positive, in time order, in '
  'words. Internal: api.indicator_trend decides who gets it.';
revoke all on function app.definition_changes(uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- api.indicator_trend
-- ---------------------------------------------------------------------------------------------

drop function api.indicator_trend(uuid, text, text);
create function api.indicator_trend(p_question_id uuid, p_dimension text default '_all', p_category text default '_all',
                                    p_definition integer default null)
returns table (
  wave_id uuid, wave_label text, wave_kind app.wave_kind, opens_at timestamptz, closes_at timestamptz,
  n integer, positive integer, share numeric, suppressed boolean, n_suppressed boolean,
  small_numbers boolean, rounded_to integer, as_of timestamptz, rule jsonb, people_unknown boolean,
  reconstructed boolean, not_counted boolean, definition integer, latest_definition integer, definition_changes jsonb
)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_w app.waves;
  v_several boolean;
  v_pp_positive integer;
  v_pp_hidden boolean := false;
  v_pp_unknown boolean := false;
  v_pp_not_kept boolean := false;
  v_reconstructed boolean;
  v_latest integer;
  v_definition integer;
  v_positive uuid[];
  v_version integer;
  v_changes jsonb;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  -- members of the organisation, and anyone at all for an indicator it publishes on its public page
  if not found or not (app.has_role(v_q.organisation_id) or app.sees_exact_figures(v_q.organisation_id)
                       or exists (select 1 from app.public_indicators p where p.question_id = v_q.id)) then
    return;
  end if;
  -- the definition to count by: the one in force, or an earlier one (its positive answers, and for a
  -- several-answer question its kept counts)
  select coalesce(max(c.version), 1) into v_latest from app.positive_answer_changes c where c.question_id = v_q.id;
  v_definition := coalesce(p_definition, v_latest);
  if v_definition < 1 or v_definition > v_latest then
    raise exception 'This indicator has no such definition: it has had % so far.', v_latest
      using hint = 'invalid_request';
  end if;
  if v_definition < v_latest then
    select c.positive_before into v_positive from app.positive_answer_changes c
    where c.question_id = v_q.id and c.version = v_definition + 1;
    v_version := v_definition;
  end if;
  v_changes := app.definition_changes(v_q.id);
  v_exact := app.sees_exact_figures(v_q.organisation_id);
  v_rule := app.disclosure_rule_of(v_q.organisation_id);
  v_several := v_q.kind = 'multi_choice';
  for v_w in select * from app.waves w where w.survey_id = v_q.survey_id order by w.opens_at, w.id loop
    if v_several then
      select pp.o_positive, pp.o_hidden, pp.o_unknown, pp.o_not_kept
      into v_pp_positive, v_pp_hidden, v_pp_unknown, v_pp_not_kept
      from app.people_positive(v_q.id, v_w.id, v_exact, v_rule,
        coalesce(p_dimension, '_all'), coalesce(p_category, '_all'), v_positive, v_version) pp;
    end if;
    -- an answer of the group's figures was imported as a published percentage of a base
    v_reconstructed := v_w.source = 'aggregate' and exists (
      select 1 from app.option_counts c
      where c.wave_id = v_w.id and c.question_id = v_q.id and c.published_share is not null
        and app.group_sign(c.dimension, c.category, coalesce(p_dimension, '_all'), coalesce(p_category, '_all')) <> 0);
    return query
    with f as (
      select * from app.question_figures(v_q.id, v_w.id, v_exact, v_rule, v_positive) x
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
        -- several answers: the people with a positive tick (app.people_positive); one answer: its positive answers
        case when v_several then v_pp_positive
             else coalesce(sum(case when v_exact then c.exact else c.published end) filter (where c.positive), 0)::integer
        end as positive,
        case when v_several then v_pp_hidden or (select x.w from withheld x)
             else coalesce(bool_or(c.hidden) filter (where c.positive), (select x.w from withheld x)) end as positive_hidden,
        coalesce(bool_or(c.small), false)
          or coalesce(v_several and v_exact and v_pp_positive between 1 and v_rule.threshold - 1, false) as small
      from cells c
    )
    select v_w.id, v_w.label, v_w.kind, v_w.opens_at, v_w.closes_at,
      case when a.n_hidden then null else coalesce(a.n, 0) end,
      case when a.n_hidden or a.positive_hidden then null else a.positive end,
      case when a.n_hidden or a.positive_hidden or coalesce(a.n, 0) = 0 or a.positive is null then null
           when not v_exact and a.n < v_rule.threshold then null
           else least(1, round(a.positive::numeric / a.n, 4)) end,
      coalesce(a.n_hidden or a.positive_hidden, false),
      coalesce(a.n_hidden, false),
      a.small,
      (select max(f.rounded_to) from f),
      (select max(f.as_of) from f),
      app.disclosure_rule_json(v_rule),
      v_several and coalesce(v_pp_unknown, false) and not coalesce(a.n_hidden, false),
      v_reconstructed,
      v_several and coalesce(v_pp_not_kept, false) and not coalesce(a.n_hidden, false),
      v_definition,
      v_latest,
      v_changes
    from agg a;
  end loop;
end
$$;
comment on function api.indicator_trend is
  'Members of the question''s organisation, and anyone (anon included) for an indicator the organisation '
  'publishes on its public page (app.public_indicators), who gets the figures under the disclosure rule as forum '
  'and scrutiny do. One row per wave of the question''s survey (in order): how many in '
  'the group answered (n), how many gave a positive answer and the share, exact for admins, leads, officers and '
  'the safeguarding lead (small_numbers true on a count under the threshold), else through the organisation''s '
  'disclosure rule (suppressed, n_suppressed, rounded_to; an open wave as of its daily snapshot, as_of). A '
  'several-answer question counts people, not ticks: a person is positive once if any of their ticks is; '
  'people_unknown is true for a wave of aggregated results whose totals give the ticks of several positive '
  'answers only, which cannot say how many people (positive and share null). reconstructed is true for a wave '
  'of aggregated results whose answers to the question (in the group) were imported as published percentages '
  'of a base and rounded to whole people. rule is the rule followed. p_definition: count by an earlier '
  'definition of the indicator (1 is the first; each change of which answers count as positive starts the '
  'next; null: the one in force), so that figures published before a change can be reproduced; an unknown one '
  'raises invalid_request. definition is the one counted by, latest_definition the one in force; not_counted is '
  'true for a wave of a several-answer question answered since that earlier definition changed, which was never '
  'counted by it (positive and share null). definition_changes (the same on every row) lists every change of the '
  'question''s wording and of its positive answers in time order: {kind (wording or positive answers), at, '
  'version (the definition a change of positive answers started), before, after, words}.';
revoke all on function api.indicator_trend(uuid, text, text, integer) from public;
grant execute on function api.indicator_trend(uuid, text, text, integer) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Decisions on an indicator's trend: those citing it, and those filed under its strategy priority
-- ---------------------------------------------------------------------------------------------

create or replace function api.indicator_decisions(p_question_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_org uuid;
  v_priority uuid;
  v_staff boolean;
begin
  -- the indicator's priority: its own definition's (which may be none), else its question's
  select q.organisation_id, case when i.id is null then q.priority_id else i.priority_id end
  into v_org, v_priority
  from app.questions q left join app.indicators i on i.question_id = q.id
  where q.id = p_question_id;
  if v_org is null or not app.has_role(v_org) then
    raise exception 'Only members of this local area read the decisions that cite its indicators.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_staff := app.has_role(v_org, '{admin,lead,officer}');
  return coalesce((
    select jsonb_agg(jsonb_build_object(
        'id', d.id, 'you_said', d.you_said, 'we_did', d.we_did, 'status', d.status, 'published', d.published,
        'decided_on', coalesce(d.decided_on, d.published_at::date, d.created_at::date),
        'date_recorded', d.decided_on is null,
        'cites', d.cites, 'same_priority', d.same_priority)
      order by coalesce(d.decided_on, d.published_at::date, d.created_at::date), d.created_at, d.id)
    from (select d.*,
            exists (select 1 from app.decision_evidence e where e.decision_id = d.id and e.question_id = p_question_id) as cites,
            v_priority is not null and d.priority_id = v_priority as same_priority
          from app.decisions d
          where d.organisation_id = v_org and (v_staff or d.published)) d
    where d.cites or d.same_priority),
    '[]'::jsonb);
end
$$;
comment on function api.indicator_decisions is
  'Members. The decisions on this survey indicator''s (question''s) trend, in date order: those citing it as '
  'evidence (cites) and those filed under its strategy priority (same_priority: the priority of its definition, '
  'else of its question): id, you_said, we_did, status, published, decided_on (the date it was taken, else when '
  'it was published or recorded: date_recorded true), cites, same_priority. Admins, leads and officers: every '
  'one; everyone else: the published ones.';
