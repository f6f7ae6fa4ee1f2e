-- Deleting decisions and engagement activities (issue 11).
--   - A decision is deleted by an admin or a lead; an officer (who records and changes decisions but
--     does not publish them) deletes only one that is not published. Its evidence links go with it
--     (on delete cascade), and a published one leaves the public page, its downloads and the feed,
--     which all read api.you_said_we_did.
--   - An engagement activity is deleted by an admin, a lead or an officer (those who record it). One
--     cited as evidence by a decision is refused, naming the decisions: unlinking it silently would
--     change a published card's evidence without anyone deciding so.
--   - Both are kept in the audit log: who, when, and the whole row as it was.

create function api.delete_decision(p_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row app.decisions;
  v_evidence jsonb;
begin
  select * into v_row from app.decisions where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers delete decisions.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_row.published and not app.has_role(v_row.organisation_id, '{admin,lead}') then
    raise exception 'This decision is published: only administrators and leads delete it.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('kind', e.kind,
           'ref', coalesce(e.feedback_id::text, e.theme, e.question_id::text, e.activity_id::text)) order by e.id),
         '[]'::jsonb)
  into v_evidence from app.decision_evidence e where e.decision_id = p_id;
  delete from app.decisions where id = p_id;
  perform app.audit(v_row.organisation_id, 'decision.deleted', p_id::text,
    jsonb_build_object('before', to_jsonb(v_row) - 'organisation_id', 'evidence', v_evidence));
  return jsonb_build_object('id', p_id, 'was_published', v_row.published);
end
$$;
comment on function api.delete_decision is
  'Admins and leads; officers only a decision that is not published. Deletes a decision and its evidence links; '
  'a published one leaves the public page. Kept in the audit log with the row as it was.';

create function api.delete_activity(p_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row app.engagement_activities;
  v_cited text[];
begin
  select * into v_row from app.engagement_activities where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers delete engagement activities.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  select array_agg(left(d.you_said, 80) order by d.created_at, d.id) into v_cited
  from app.decisions d
  where exists (select 1 from app.decision_evidence e where e.decision_id = d.id and e.activity_id = p_id);
  if v_cited is not null then
    raise exception 'This activity is evidence for a decision.' using hint = 'activity_cited',
      detail = jsonb_build_object('title',
        'This activity is evidence for ' ||
        case when cardinality(v_cited) = 1 then 'a decision' else cardinality(v_cited) || ' decisions' end ||
        ': ' || (select string_agg('“' || c || '”', ', ') from unnest(v_cited) c) ||
        '. Unlink it from each decision first.')::text;
  end if;
  delete from app.engagement_activities where id = p_id;
  perform app.audit(v_row.organisation_id, 'activity.deleted', p_id::text,
    jsonb_build_object('before', to_jsonb(v_row) - 'organisation_id'));
  return jsonb_build_object('id', p_id);
end
$$;
comment on function api.delete_activity is
  'Admins, leads and officers. Deletes an engagement activity; one cited as evidence by a decision is refused '
  '(activity_cited, detail {title: message naming the decisions}). Kept in the audit log with the row as it was.';

revoke execute on function api.delete_decision, api.delete_activity from public;
grant execute on function api.delete_decision, api.delete_activity to authenticated, service_role;
