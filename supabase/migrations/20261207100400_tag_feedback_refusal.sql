-- Tagging a comment: a member of its organisation who may not tag it (forum, scrutiny, the
-- safeguarding lead) was told "This comment is not there any more" (hint invalid_tags), which is not
-- true and not what api.bulk_tag_feedback says to them. They now get not_permitted, as there;
-- anyone outside the organisation still finds nothing there, whether or not the comment exists.

create or replace function api.tag_feedback(
  p_id uuid,
  p_priority_ids uuid[] default '{}',
  p_themes text[] default '{}',
  p_sentiment text default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_item app.feedback;
  v_themes text[];
  v_before jsonb;
  v_after jsonb;
begin
  select * into v_item from app.feedback where id = p_id;
  -- a member of the item's organisation who may not tag (forum, scrutiny, safeguarding) is told so;
  -- anyone else finds nothing there, whether or not the item exists
  if v_item.id is not null and app.has_role(v_item.organisation_id)
     and not app.has_role(v_item.organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers tag comments.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_item.id is null or v_item.held or not app.has_role(v_item.organisation_id, '{admin,lead,officer}') then
    raise exception 'This comment is not there any more.' using hint = 'invalid_tags',
      detail = jsonb_build_object('priorities', 'This comment is not there any more: it may have been removed or sent to safeguarding.')::text;
  end if;
  if exists (select 1 from unnest(coalesce(p_priority_ids, '{}')) as x(id)
             where not exists (select 1 from app.strategy_priorities sp
                               where sp.id = x.id and sp.organisation_id = v_item.organisation_id
                                 and (sp.retired_at is null
                                      or exists (select 1 from app.feedback_priorities fp
                                                 where fp.feedback_id = p_id and fp.priority_id = sp.id)))) then
    raise exception 'Choose from your strategy priorities.' using hint = 'invalid_tags',
      detail = jsonb_build_object('priorities', 'Choose from your own strategy priorities.')::text;
  end if;
  v_themes := array(select distinct lower(btrim(t)) from unnest(coalesce(p_themes, '{}')) as t
                    where length(btrim(t)) > 0);
  if exists (select 1 from unnest(v_themes) as t where length(t) > 80) then
    raise exception 'A theme is too long.' using hint = 'invalid_tags',
      detail = jsonb_build_object('themes', 'Keep each theme to 80 characters or fewer.')::text;
  end if;
  if p_sentiment is not null and p_sentiment not in ('positive', 'mixed', 'neutral', 'negative') then
    raise exception 'Unknown sentiment.' using hint = 'invalid_tags',
      detail = jsonb_build_object('sentiment', 'Choose positive, mixed, neutral or negative.')::text;
  end if;

  v_before := app.feedback_json(v_item) - 'text' - 'about' - 'question' - 'survey_title' - 'wave_label';
  delete from app.feedback_priorities where feedback_id = p_id;
  insert into app.feedback_priorities (feedback_id, priority_id, organisation_id)
  select distinct p_id, x, v_item.organisation_id from unnest(coalesce(p_priority_ids, '{}')) as x;
  delete from app.feedback_themes where feedback_id = p_id;
  insert into app.feedback_themes (feedback_id, theme, organisation_id)
  select p_id, t, v_item.organisation_id from unnest(v_themes) as t;
  update app.feedback set sentiment = p_sentiment where id = p_id returning * into v_item;
  v_after := app.feedback_json(v_item) - 'text' - 'about' - 'question' - 'survey_title' - 'wave_label';
  if v_after is distinct from v_before then
    perform app.audit(v_item.organisation_id, 'feedback.tagged', p_id::text,
      jsonb_build_object('before', v_before - 'id', 'after', v_after - 'id'));
  end if;
  return jsonb_build_object('id', p_id, 'priorities', v_after -> 'priorities', 'themes', v_after -> 'themes',
                            'sentiment', v_item.sentiment);
end
$$;
comment on function api.tag_feedback is
  'Admins, leads and officers. Sets an item''s priorities (its organisation''s, not retired unless already '
  'there), themes (lower case, 80 characters at most) and sentiment (positive, mixed, neutral, negative or null). '
  'Refusals raise invalid_tags with detail {field: message}; another member of the organisation (forum, '
  'scrutiny, safeguarding) gets not_permitted. Kept in the audit log.';
