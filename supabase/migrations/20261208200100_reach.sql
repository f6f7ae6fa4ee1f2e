-- Reach (issue 13): who a survey reached, wave by wave: respondents by channel, by how the answers were
-- given, by language and by each about-you question the survey asks; and the panel members (the same panel
-- code) who answered both the baseline and each repeat.
--
-- The groups come from the running counts (app.wave_group_counts, or an open wave's snapshot of the day for
-- restricted readers), never from raw answers. Language is not among the running counts: it is counted from
-- the wave's responses (one row each, by the wave's index), as at the same moment as the snapshot. The panel
-- figure joins the baseline's and the repeat's panel-coded responses by the panel-code index, as
-- api.panel_journey does.
--
-- Admins, leads, officers (and the safeguarding lead) see exact figures, each under the threshold marked
-- small. Forum and scrutiny see the figures under the organisation's disclosure rule: in each wave, each
-- dimension is a line of the table (its groups, the people who did not say, and the wave's total, which
-- api.list_surveys publishes too and which is never hidden here to protect another cell: class 9); a count
-- from 1 to threshold - 1 is hidden, and app.complementary_suppression hides what else would let a reader
-- work it out from the line's sum. The lines are built as app.question_table builds a wave's group sizes
-- (categories in "C" order, those who did not say last and only when there are some, no bounds, sizes chosen
-- from sizes alone), so that a required question's published table and this one hide the same group sizes. Shown counts are rounded to the rule's base (at least 5 for an open wave,
-- as at the start of the day). Waves are separate people, and no sum across waves is published.

create function api.reach(p_survey_id uuid)
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
  v_before timestamptz;
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
    v_before := 'infinity';
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
      v_before := v_taken;
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
          select r.language, count(*)::integer from app.responses r
          where v_dim = 'language' and r.wave_id = v_w.id and r.submitted_at < v_before
          group by r.language
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
      select count(distinct r.panel_code)::integer into v_linked
      from app.responses r
      where r.wave_id = v_w.id and r.panel_code is not null and r.submitted_at < v_before
        and exists (select 1 from app.responses b
                    where b.organisation_id = v_s.organisation_id and b.panel_code = r.panel_code
                      and b.wave_id = v_baseline.id and b.submitted_at < v_before);
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
