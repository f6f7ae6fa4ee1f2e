-- Representation (issue 13): are we hearing from everyone? Each group's share of a wave's respondents beside
-- its share of the local population.
--
--   * app.populations / app.population_counts: an organisation's population figures, at most one set of each
--     origin: 'dfe' (the Department for Education's counts of children and young people with an EHC plan in
--     the local authority the admin picked, shipped with the product under the Open Government Licence and
--     loaded by the app's server in DfE's own categories) and 'upload' (the organisation's own CSV, in the
--     about-you categories, for example SEN support figures). Population counts are public statistics: every
--     member reads them, and they need no suppression. Only admins write them, through api.set_population
--     (all rows or none, each bad row named).
--   * app.wave_group_figures: a wave's respondents by every group of every dimension, through the
--     organisation's disclosure rule. It publishes the group sizes exactly as app.question_table publishes
--     them for a question everyone in the wave answered (the same groups, the same primary suppression, the
--     same lines, "group sizes from group sizes only"), so the representation view hides the very group sizes
--     the published tables hide and the two together give a reader nothing more.
--   * api.representation(wave): the wave's respondents by about-you group (controlled for forum and scrutiny,
--     exact with a small-number warning for staff) and the organisation's population sets. The shares, ratios
--     and intervals are worked out from these figures by src/lib/representation (pure, unit-tested).

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table app.populations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  origin text not null check (origin in ('dfe', 'upload')),
  la_code text check (la_code ~ '^E[0-9]{8}$'),
  la_name text check (length(la_name) <= 200),
  source text not null check (length(btrim(source)) between 1 and 300),
  year text not null check (length(btrim(year)) between 1 and 40),
  loaded_by uuid references auth.users (id) on delete set null,
  loaded_at timestamptz not null default clock_timestamp(),
  unique (organisation_id, origin),
  unique (id, organisation_id),
  check (origin <> 'dfe' or la_code is not null)
);
create index populations_loaded_by_idx on app.populations (loaded_by);
comment on table app.populations is
  'An organisation''s population figures, one set per origin: dfe (DfE EHC plans in its local authority, in '
  'DfE''s categories) or upload (its own CSV, in the about-you categories). Written only through '
  'api.set_population.';

create table app.population_counts (
  population_id uuid not null,
  organisation_id uuid not null,
  dimension text not null check (length(dimension) between 1 and 60),
  category text not null check (length(category) between 1 and 200),
  -- null: not available (DfE's "x")
  count integer check (count >= 0),
  primary key (population_id, dimension, category),
  foreign key (population_id, organisation_id) references app.populations (id, organisation_id) on delete cascade
);
create index population_counts_organisation_idx on app.population_counts (population_id, organisation_id);
comment on table app.population_counts is
  'The counts of one population set: dimension and category in DfE''s terms (origin dfe: total, ethnicity, '
  'age, sex, primary_need) or the about-you terms (origin upload; category _total for the dimension''s total).';

alter table app.populations enable row level security;
alter table app.population_counts enable row level security;
grant select on app.populations, app.population_counts to authenticated;
grant all on app.populations, app.population_counts to service_role;

-- public statistics: every member reads them; nobody writes them directly
create policy "members read their organisation's populations" on app.populations
  for select to authenticated using (app.has_role(organisation_id));
create policy "members read their organisation's population counts" on app.population_counts
  for select to authenticated using (app.has_role(organisation_id));

-- ---------------------------------------------------------------------------------------------
-- Writing a population: all rows or none
-- ---------------------------------------------------------------------------------------------

create function api.set_population(
  p_organisation_id uuid, p_origin text, p_source text, p_year text, p_rows jsonb,
  p_la_code text default null, p_la_name text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_problems jsonb := '[]'::jsonb;
  v_clean jsonb := '[]'::jsonb;
  v_row jsonb;
  v_i integer := 0;
  v_dim text;
  v_group text;
  v_code text;
  v_count_text text;
  v_count integer;
  v_id uuid;
  v_seen text[] := '{}';
  v_total record;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin}') then
    raise exception 'Only an administrator can change the population figures.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_origin is null or p_origin not in ('dfe', 'upload') then
    raise exception 'Choose where the figures come from: dfe or upload.' using hint = 'invalid_request';
  end if;
  if p_source is null or length(btrim(p_source)) not between 1 and 300 then
    raise exception 'Say where the figures come from.' using hint = 'invalid_population',
      detail = jsonb_build_object('problems', jsonb_build_array(jsonb_build_object(
        'row', null, 'message', 'Give the source of the figures (at most 300 characters).')))::text;
  end if;
  if p_year is null or length(btrim(p_year)) not between 1 and 40 then
    raise exception 'Say which year the figures are for.' using hint = 'invalid_population',
      detail = jsonb_build_object('problems', jsonb_build_array(jsonb_build_object(
        'row', null, 'message', 'Give the year of the figures (at most 40 characters).')))::text;
  end if;
  if p_origin = 'dfe' and (p_la_code is null or p_la_code !~ '^E[0-9]{8}$') then
    raise exception 'Choose a local authority.' using hint = 'invalid_population',
      detail = jsonb_build_object('problems', jsonb_build_array(jsonb_build_object(
        'row', null, 'message', 'Choose a local authority.')))::text;
  end if;
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception 'There are no figures to load.' using hint = 'invalid_population',
      detail = jsonb_build_object('problems', jsonb_build_array(jsonb_build_object(
        'row', null, 'message', 'The file has no rows of figures.')))::text;
  end if;
  if jsonb_array_length(p_rows) > 5000 then
    raise exception 'Too many rows.' using hint = 'invalid_population',
      detail = jsonb_build_object('problems', jsonb_build_array(jsonb_build_object(
        'row', null, 'message', 'Load at most 5,000 rows.')))::text;
  end if;

  for v_row in select r from jsonb_array_elements(p_rows) r loop
    v_i := v_i + 1;
    v_dim := btrim(coalesce(v_row ->> 'dimension', ''));
    v_group := btrim(coalesce(v_row ->> 'group', ''));
    v_count_text := btrim(coalesce(v_row ->> 'count', ''));
    v_code := null;
    if p_origin = 'dfe' then
      if v_dim not in ('total', 'ethnicity', 'age', 'sex', 'primary_need') then
        v_problems := v_problems || jsonb_build_object('row', v_i, 'message', 'Unknown DfE dimension “' || v_dim || '”.');
        continue;
      end if;
      v_code := v_group;
      if v_code = '' or length(v_code) > 200 then
        v_problems := v_problems || jsonb_build_object('row', v_i, 'message', 'The group is missing.');
        continue;
      end if;
    else
      -- the about-you dimension, by key or label
      select d.key into v_dim from app.about_dimensions d
      where lower(d.key) = lower(v_dim) or lower(d.label) = lower(v_dim);
      if v_dim is null then
        v_problems := v_problems || jsonb_build_object('row', v_i, 'message',
          'Unknown dimension “' || btrim(coalesce(v_row ->> 'dimension', '')) || '”: use one of '
          || (select string_agg(d.key, ', ' order by d.position) from app.about_dimensions d) || '.');
        continue;
      end if;
      if lower(v_group) in ('total', '_total', 'all', 'everyone') then
        v_code := '_total';
      else
        select c.code into v_code from app.about_categories c
        where c.dimension = v_dim and c.code <> 'prefer_not_to_say'
          and (c.organisation_id is null or c.organisation_id = p_organisation_id)
          and (lower(c.code) = lower(v_group) or lower(c.label) = lower(v_group))
        order by c.organisation_id nulls last
        limit 1;
        if v_code is null then
          v_problems := v_problems || jsonb_build_object('row', v_i, 'message',
            'Unknown group “' || v_group || '” for ' || v_dim || ': use one of '
            || (select string_agg(c.code, ', ' order by c.position) from app.about_categories c
                where c.dimension = v_dim and c.code <> 'prefer_not_to_say'
                  and (c.organisation_id is null or c.organisation_id = p_organisation_id)) || ', or total.');
          continue;
        end if;
      end if;
    end if;
    if v_count_text = '' and p_origin = 'dfe' then
      v_count := null;  -- not available
    elsif v_count_text ~ '^-[0-9]+$' then
      v_problems := v_problems || jsonb_build_object('row', v_i, 'message', 'The count is negative: give a count of 0 or more.');
      continue;
    elsif v_count_text ~ '%' then
      v_problems := v_problems || jsonb_build_object('row', v_i, 'message',
        'Give a count of people, not a share (“' || v_count_text || '”).');
      continue;
    elsif v_count_text !~ '^[0-9]{1,9}$' then
      v_problems := v_problems || jsonb_build_object('row', v_i, 'message',
        'The count “' || v_count_text || '” is not a whole number.');
      continue;
    else
      v_count := v_count_text::integer;
    end if;
    if (v_dim || '|' || v_code) = any (v_seen) then
      v_problems := v_problems || jsonb_build_object('row', v_i, 'message',
        'The group “' || v_group || '” of ' || v_dim || ' appears twice.');
      continue;
    end if;
    v_seen := v_seen || (v_dim || '|' || v_code);
    v_clean := v_clean || jsonb_build_object('row', v_i, 'dimension', v_dim, 'category', v_code, 'count', v_count);
  end loop;

  -- shares over 100%: a dimension's groups must not add up to more than its total
  if p_origin = 'upload' then
    for v_total in
      select t.dimension, (t.r ->> 'row')::integer as row_, (t.r ->> 'count')::bigint as total,
             (select coalesce(sum((g ->> 'count')::bigint), 0) from jsonb_array_elements(v_clean) g
               where g ->> 'dimension' = t.dimension and g ->> 'category' <> '_total') as parts
      from (select r, r ->> 'dimension' as dimension from jsonb_array_elements(v_clean) r
            where r ->> 'category' = '_total') t
    loop
      if v_total.parts > v_total.total then
        v_problems := v_problems || jsonb_build_object('row', v_total.row_, 'message',
          'The groups of ' || v_total.dimension || ' add up to ' || v_total.parts || ', more than its total of '
          || v_total.total || ' (shares over 100%).');
      end if;
    end loop;
  end if;

  if jsonb_array_length(v_problems) > 0 then
    raise exception 'Nothing was loaded: % row(s) need correcting.', jsonb_array_length(v_problems)
      using hint = 'invalid_population',
            detail = jsonb_build_object('problems', (select jsonb_agg(p order by (p ->> 'row')::integer nulls first)
                                                     from jsonb_array_elements(v_problems) p))::text;
  end if;

  delete from app.populations p where p.organisation_id = p_organisation_id and p.origin = p_origin;
  insert into app.populations (organisation_id, origin, la_code, la_name, source, year, loaded_by)
  values (p_organisation_id, p_origin, p_la_code, nullif(btrim(coalesce(p_la_name, '')), ''), btrim(p_source),
          btrim(p_year), auth.uid())
  returning id into v_id;
  insert into app.population_counts (population_id, organisation_id, dimension, category, count)
  select v_id, p_organisation_id, r ->> 'dimension', r ->> 'category', (r ->> 'count')::integer
  from jsonb_array_elements(v_clean) r;
  if p_origin = 'dfe' then
    update app.organisations o set la_code = p_la_code where o.id = p_organisation_id;
  end if;
  perform app.audit(p_organisation_id, 'population.set', v_id::text,
                    jsonb_build_object('origin', p_origin, 'la_code', p_la_code, 'source', btrim(p_source),
                                       'year', btrim(p_year), 'rows', jsonb_array_length(v_clean)));
  return jsonb_build_object('id', v_id, 'origin', p_origin, 'rows', jsonb_array_length(v_clean));
end
$$;
comment on function api.set_population(uuid, text, text, text, jsonb, text, text) is
  'Admins of the organisation (not_permitted otherwise). Replaces its population set of one origin: dfe (p_rows '
  'in DfE''s terms: dimension total, ethnicity, age, sex or primary_need; group the DfE category; count a whole '
  'number, empty when not available; p_la_code required) or upload (dimension an about-you dimension key or '
  'label; group a category code or label, or total; count a whole number of 0 or more). All rows or none: '
  'problems raise hint invalid_population with detail {problems: [{row, message}]} (row 1 is the first row; '
  'null for the whole set): unknown dimension or group, a negative count, a share instead of a count, a group '
  'twice, groups adding up to more than their total. Returns {id, origin, rows}.';
revoke all on function api.set_population(uuid, text, text, text, jsonb, text, text) from public, anon;
grant execute on function api.set_population(uuid, text, text, text, jsonb, text, text) to authenticated, service_role;

create function api.remove_population(p_organisation_id uuid, p_origin text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin}') then
    raise exception 'Only an administrator can change the population figures.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  delete from app.populations p where p.organisation_id = p_organisation_id and p.origin = p_origin
  returning p.id into v_id;
  if v_id is not null then
    perform app.audit(p_organisation_id, 'population.removed', v_id::text, jsonb_build_object('origin', p_origin));
  end if;
  return jsonb_build_object('removed', v_id is not null, 'origin', p_origin);
end
$$;
comment on function api.remove_population is
  'Admins of the organisation (not_permitted otherwise). Removes its population set of one origin (dfe or '
  'upload): {removed, origin}.';
revoke all on function api.remove_population from public, anon;
grant execute on function api.remove_population to authenticated, service_role;

create function app.population_sets_json(p_organisation_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', p.id, 'origin', p.origin, 'la_code', p.la_code, 'la_name', p.la_name, 'source', p.source,
    'year', p.year, 'loaded_at', p.loaded_at,
    'counts', coalesce((select jsonb_agg(jsonb_build_object('dimension', c.dimension, 'category', c.category,
                                                            'count', c.count)
                                         order by c.dimension collate "C", c.category collate "C")
                        from app.population_counts c where c.population_id = p.id), '[]'::jsonb))
    order by p.origin), '[]'::jsonb)
  from app.populations p where p.organisation_id = p_organisation_id
$$;
comment on function app.population_sets_json is
  'Internal (api.population_settings, api.representation). The organisation''s population sets with their '
  'counts, as the caller''s row-level security lets it read them.';

grant execute on function app.population_sets_json to authenticated, service_role;

create function api.population_settings(p_organisation_id uuid)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id) then
    return null;
  end if;
  return jsonb_build_object(
    'organisation_id', p_organisation_id,
    'can_edit', app.has_role(p_organisation_id, '{admin}'),
    'la_code', (select o.la_code from app.organisations o where o.id = p_organisation_id),
    'populations', app.population_sets_json(p_organisation_id));
end
$$;
comment on function api.population_settings is
  'Members of the organisation (null for anyone else). Its population sets ({id, origin, la_code, la_name, '
  'source, year, loaded_at, counts: [{dimension, category, count}]}), its local authority code (la_code) and '
  'whether the caller may change them (can_edit: admins).';
revoke all on function api.population_settings from public, anon;
grant execute on function api.population_settings to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- A wave's respondents by group, through the disclosure rule
-- ---------------------------------------------------------------------------------------------

create function app.wave_group_figures(p_wave_id uuid, p_exact boolean, p_rule app.disclosure_rules default null)
returns table (
  group_index integer, dimension text, category text, exact integer, published integer, hidden boolean,
  small boolean, rounded_to integer, as_of timestamptz, threshold integer
)
language plpgsql volatile security definer
set search_path = ''
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

  -- the groups, in app.question_table's order: everyone first, then each dimension's categories and who did
  -- not say
  with src as (
    select * from app.figure_source(v_w.id, null, v_snapshot) s where s.option_id is null
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

  with src as (
    select * from app.figure_source(v_w.id, null, v_snapshot) s where s.option_id is null
  )
  select array_agg(
    case when d.category = '_not_stated' then
      coalesce((select s.n from src s where s.dimension = '_all' and s.category = '_all'), 0)
      - coalesce((select sum(s.n) from src s where s.dimension = d.dimension), 0)::integer
    else
      coalesce((select s.n from src s where s.dimension = d.dimension and s.category = d.category), 0)
    end order by d.gi)
  into v_vals
  from unnest(v_dims, v_cats) with ordinality as d(dimension, category, gi);

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
         case when v_hidden[d.gi] then null else app.round_to(v_vals[d.gi], v_base) end,
         v_hidden[d.gi], p_exact and v_vals[d.gi] between 1 and v_t - 1, v_base, v_as_of, v_t
  from unnest(v_dims, v_cats) with ordinality as d(dimension, category, gi)
  order by d.gi;
end
$$;
comment on function app.wave_group_figures is
  'A wave''s respondents by every group of every dimension (everyone first; _not_stated for those who did not '
  'say), exact or as the disclosure rule publishes them to a restricted reader: the same groups, primary '
  'suppression and complementary suppression of group sizes as app.question_table, so both hide the same sizes. '
  'Internal: the API functions decide who gets which.';
revoke all on function app.wave_group_figures from public;

create function api.representation(p_wave_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_w app.waves;
  v_s app.surveys;
  v_exact boolean;
  v_rule app.disclosure_rules;
begin
  select * into v_w from app.waves w where w.id = p_wave_id;
  if not found or not app.has_role(v_w.organisation_id) then
    raise exception 'There is no such wave.' using errcode = 'P0002', hint = 'not_found';
  end if;
  select * into v_s from app.surveys s where s.id = v_w.survey_id;
  v_exact := app.sees_exact_figures(v_w.organisation_id);
  v_rule := app.disclosure_rule_of(v_w.organisation_id);
  return (
    with f as (
      select * from app.wave_group_figures(v_w.id, v_exact, v_rule)
    )
    select jsonb_build_object(
      'wave', jsonb_build_object('id', v_w.id, 'label', v_w.label, 'kind', v_w.kind, 'opens_at', v_w.opens_at,
                                 'closes_at', v_w.closes_at, 'status', app.wave_status(v_w.opens_at, v_w.closes_at)),
      'survey', jsonb_build_object('id', v_s.id, 'title', v_s.title, 'audience', v_s.audience,
                                   'about_dimensions', to_jsonb(v_s.about_dimensions)),
      'exact', v_exact,
      'rule', app.disclosure_rule_json(v_rule),
      'as_of', coalesce((select max(f.as_of) from f), now()),
      'rounded_to', coalesce((select max(f.rounded_to) from f), 1),
      'respondents', coalesce((select jsonb_build_object(
          'n', f.published, 'symbol', case when f.hidden then '[c]' end, 'small', f.small)
        from f where f.dimension = '_all'), jsonb_build_object('n', 0, 'symbol', null, 'small', false)),
      'groups', coalesce((select jsonb_agg(jsonb_build_object(
          'dimension', f.dimension, 'category', f.category,
          'label', case when f.category = '_not_stated' then 'Not stated'
                        else coalesce((select c.label from app.about_categories c
                                        where c.dimension = f.dimension and c.code = f.category
                                          and (c.organisation_id is null or c.organisation_id = v_w.organisation_id)
                                        order by c.organisation_id nulls last limit 1), f.category) end,
          'n', f.published, 'symbol', case when f.hidden then '[c]' end, 'small', f.small)
          order by f.group_index)
        from f where exists (select 1 from app.about_dimensions d where d.key = f.dimension)), '[]'::jsonb),
      'populations', app.population_sets_json(v_w.organisation_id))
  );
end
$$;
comment on function api.representation is
  'Members of the wave''s organisation (not_found otherwise; not anon). The wave (and its survey: title, '
  'audience, about_dimensions), its respondents (respondents: {n, symbol, small}) and its respondents by '
  'about-you group (groups: [{dimension, category, label, n, symbol, small}], category _not_stated for those '
  'who did not say), from the running counts, and the organisation''s population sets (populations, as '
  'api.population_settings). Forum, scrutiny and every other restricted caller get the counts under the '
  'disclosure rule (app.wave_group_figures: a hidden n is null with symbol ''[c]''; shown counts rounded to '
  'rounded_to; an open wave as of today''s snapshot, as_of); staff (admin, lead, officer, safeguarding) get '
  'exact live counts (exact true) with small true under the threshold. rule is the rule followed.';
revoke all on function api.representation from public, anon;
grant execute on function api.representation to authenticated, service_role;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
