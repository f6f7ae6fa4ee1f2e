-- Bulk tagging (issue 11): a selection of the inbox tagged with one priority and/or one theme in one call.
-- All or nothing: if any chosen item is not the caller's to tag (another organisation's, gone, or held for
-- safeguarding) nothing changes and the refusal says how many and why. Each item is tagged through
-- api.tag_feedback, so the same checks apply and each gets its own audit entry.

create function api.bulk_tag_feedback(
  p_ids uuid[],
  p_priority_id uuid default null,
  p_theme text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_ids uuid[] := array(select distinct x from unnest(coalesce(p_ids, '{}')) as x where x is not null);
  v_theme text := nullif(lower(btrim(coalesce(p_theme, ''))), '');
  v_org uuid;
  v_refused int;
  v_held int;
  v_id uuid;
  v_item jsonb;
  v_changed int := 0;
  v_priorities uuid[];
  v_themes text[];
begin
  if cardinality(v_ids) = 0 then
    raise exception 'Choose the comments to tag.' using hint = 'invalid_tags',
      detail = jsonb_build_object('ids', 'Choose at least one comment to tag.')::text;
  end if;
  if cardinality(v_ids) > 500 then
    raise exception 'Too many comments at once.' using hint = 'invalid_tags',
      detail = jsonb_build_object('ids', 'Tag at most 500 comments at once.')::text;
  end if;
  if p_priority_id is null and v_theme is null then
    raise exception 'Choose a priority or a theme.' using hint = 'invalid_tags',
      detail = jsonb_build_object('priority', 'Choose a priority or type a theme to tag them with.')::text;
  end if;
  if length(v_theme) > 80 then
    raise exception 'A theme is too long.' using hint = 'invalid_tags',
      detail = jsonb_build_object('theme', 'Keep the theme to 80 characters or fewer.')::text;
  end if;

  -- every item must be one the caller tags, in one organisation; held items are named apart
  select min(f.organisation_id::text)::uuid into v_org
  from app.feedback f where f.id = any (v_ids) and not f.held
    and app.has_role(f.organisation_id, '{admin,lead,officer}');
  select count(*) into v_held
  from app.feedback f where f.id = any (v_ids) and f.held
    and app.has_role(f.organisation_id, '{admin,lead,officer,safeguarding}');
  select cardinality(v_ids) - count(*) into v_refused
  from app.feedback f where f.id = any (v_ids) and not f.held and f.organisation_id = v_org
    and app.has_role(f.organisation_id, '{admin,lead,officer}');
  if v_org is null and v_held = 0 then
    raise exception 'These comments are not yours to tag.' using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_refused > 0 then
    raise exception 'Nothing was tagged.' using hint = 'invalid_tags',
      detail = jsonb_build_object('ids', case
        when v_held = v_refused then
          format('Nothing was tagged: %s of the chosen comments %s been sent to the safeguarding lead. Take %s out of the selection and try again.',
                 v_held, case when v_held = 1 then 'has' else 'have' end, case when v_held = 1 then 'it' else 'them' end)
        else
          format('Nothing was tagged: %s of the chosen comments %s not in your feedback any more (removed, sent to the safeguarding lead, or another organisation''s). Show the feedback again and choose again.',
                 v_refused, case when v_refused = 1 then 'is' else 'are' end)
        end)::text;
  end if;
  if p_priority_id is not null and not exists (
      select 1 from app.strategy_priorities sp
      where sp.id = p_priority_id and sp.organisation_id = v_org and sp.retired_at is null) then
    raise exception 'Choose from your strategy priorities.' using hint = 'invalid_tags',
      detail = jsonb_build_object('priority', 'Choose from your own current strategy priorities.')::text;
  end if;

  foreach v_id in array v_ids loop
    v_item := app.feedback_json((select f from app.feedback f where f.id = v_id));
    v_priorities := array(select x::uuid from jsonb_array_elements_text(v_item -> 'priorities') as x);
    v_themes := array(select x from jsonb_array_elements_text(v_item -> 'themes') as x);
    if (p_priority_id is not null and not p_priority_id = any (v_priorities))
       or (v_theme is not null and not v_theme = any (v_themes)) then
      perform api.tag_feedback(
        v_id,
        case when p_priority_id is null or p_priority_id = any (v_priorities) then v_priorities
             else v_priorities || p_priority_id end,
        case when v_theme is null or v_theme = any (v_themes) then v_themes else v_themes || v_theme end,
        v_item ->> 'sentiment');
      v_changed := v_changed + 1;
    end if;
  end loop;
  return jsonb_build_object('tagged', cardinality(v_ids), 'changed', v_changed);
end
$$;
comment on function api.bulk_tag_feedback is
  'Admins, leads and officers. Adds one priority (current, of the items'' organisation) and/or one theme to each '
  'chosen item, keeping their other tags. All or nothing: an item held for safeguarding, gone or of another '
  'organisation refuses the whole selection (invalid_tags, detail {ids: message}). Each item changed gets its '
  'own audit entry (through api.tag_feedback). Returns {tagged, changed}.';

revoke execute on function api.bulk_tag_feedback(uuid[], uuid, text) from public;
grant execute on function api.bulk_tag_feedback(uuid[], uuid, text) to authenticated, service_role;
