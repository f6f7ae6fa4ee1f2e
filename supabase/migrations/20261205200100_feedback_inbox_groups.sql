-- The feedback inbox filters by an about-you group (for example "Stage of education: Primary") and by a
-- theme, as issue 11 asks ("filtered by survey, wave, channel, priority, theme, untagged, group and text
-- search"), and says which groups and themes its organisation's feedback has, so that the filter offers
-- only choices that find something.
--
-- p_group is '<dimension>:<category code>' (for example 'phase:primary'); p_theme is one theme, matched
-- whole (themes are kept in lower case). The result gains
--   groups: [{dimension, dimension_label, code, label, n}]  the about-you answers found on the
--           organisation's feedback (held items, under RLS, are not counted), in the about-you order;
--   themes: [{theme, n}]  its themes, most used first (the first 200).
-- Staff only (admins, leads, officers), as before: exact counts, no disclosure rule.

drop function api.feedback_inbox(uuid, uuid, uuid, text, uuid, boolean, text, integer, integer);

create function api.feedback_inbox(
  p_organisation_id uuid,
  p_survey_id uuid default null,
  p_wave_id uuid default null,
  p_channel text default null,
  p_priority_id uuid default null,
  p_untagged boolean default false,
  p_search text default null,
  p_offset integer default 0,
  p_limit integer default 20,
  p_group text default null,
  p_theme text default null
)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_search text := nullif(btrim(p_search), '');
  v_theme text := lower(nullif(btrim(p_theme), ''));
  v_dimension text := nullif(split_part(coalesce(p_group, ''), ':', 1), '');
  v_code text := nullif(split_part(coalesce(p_group, ''), ':', 2), '');
  v_total integer;
  v_items jsonb;
  v_groups jsonb;
  v_themes jsonb;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers read feedback.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_group is not null and btrim(p_group) <> '' and (v_dimension is null or v_code is null) then
    raise exception 'A group is written dimension:code, for example phase:primary.'
      using errcode = '22023', hint = 'invalid_filter';
  end if;
  with chosen as (
    select f.* from app.feedback f
    where f.organisation_id = p_organisation_id
      and (p_survey_id is null or f.survey_id = p_survey_id)
      and (p_wave_id is null or f.wave_id = p_wave_id)
      and (p_channel is null or f.channel = p_channel)
      and (p_priority_id is null or exists (select 1 from app.feedback_priorities p
                                            where p.feedback_id = f.id and p.priority_id = p_priority_id))
      and (not coalesce(p_untagged, false)
           or not exists (select 1 from app.feedback_priorities p where p.feedback_id = f.id))
      and (v_search is null or f.body ilike '%' || replace(replace(replace(v_search, '\', '\\'), '%', '\%'), '_', '\_') || '%'
           or exists (select 1 from app.feedback_themes t where t.feedback_id = f.id and t.theme = lower(v_search)))
      and (v_theme is null or exists (select 1 from app.feedback_themes t
                                      where t.feedback_id = f.id and t.theme = v_theme))
      and (v_dimension is null or f.about ->> v_dimension = v_code)
  ), page as (
    select c.id, row_number() over (order by c.given_on desc, c.created_at desc, c.id) as n from chosen c
    order by n
    offset greatest(coalesce(p_offset, 0), 0) limit least(greatest(coalesce(p_limit, 20), 1), 100)
  )
  select (select count(*) from chosen),
         coalesce((select jsonb_agg(app.feedback_json(f) order by p.n)
                   from page p join app.feedback f on f.id = p.id), '[]'::jsonb)
  into v_total, v_items;

  select coalesce(jsonb_agg(jsonb_build_object(
           'dimension', g.dimension, 'dimension_label', d.label, 'code', g.code,
           'label', coalesce(c.label, g.code), 'n', g.n)
         order by d.position, coalesce(c.position, 2147483647), g.code), '[]'::jsonb)
  into v_groups
  from (select a.key as dimension, a.value as code, count(*)::integer as n
        from app.feedback f, jsonb_each_text(f.about) as a
        where f.organisation_id = p_organisation_id
        group by a.key, a.value) g
  join app.about_dimensions d on d.key = g.dimension
  left join lateral (
    select ac.label, ac.position from app.about_categories ac
    where ac.dimension = g.dimension and ac.code = g.code
      and (ac.organisation_id is null or ac.organisation_id = p_organisation_id)
    order by ac.organisation_id nulls last
    limit 1) c on true;

  select coalesce(jsonb_agg(jsonb_build_object('theme', t.theme, 'n', t.n) order by t.n desc, t.theme), '[]'::jsonb)
  into v_themes
  from (select ft.theme, count(*)::integer as n
        from app.feedback_themes ft join app.feedback f on f.id = ft.feedback_id
        where f.organisation_id = p_organisation_id
        group by ft.theme
        order by count(*) desc, ft.theme
        limit 200) t;

  return jsonb_build_object('total', v_total, 'items', v_items, 'groups', v_groups, 'themes', v_themes);
end
$$;
comment on function api.feedback_inbox is
  'Admins, leads and officers (not_permitted otherwise). Feedback items of the organisation, newest first, '
  'filtered by survey, wave, channel, priority, untagged, text (or theme), one theme and one about-you group '
  '(p_group ''dimension:code''; invalid_filter when malformed); held items are never in it. Returns {total, '
  'items, groups: [{dimension, dimension_label, code, label, n}], themes: [{theme, n}]}.';

revoke execute on function api.feedback_inbox(uuid, uuid, uuid, text, uuid, boolean, text, integer, integer, text, text) from public;
grant execute on function api.feedback_inbox(uuid, uuid, uuid, text, uuid, boolean, text, integer, integer, text, text)
  to authenticated, service_role;
