-- Feedback from a file, and about-you details on feedback added by hand (issue 11: "Staff add items
-- from events, forums, focus groups, Youth Cabinet, school councils, Young Inspectors and other
-- channels, one at a time or from a CSV, each with its channel, date and any about-you details known";
-- "a feedback CSV with bad rows (all or nothing, every bad row listed)").
--
--   app.feedback_problems   the checks of one item, shared by the two ways in: channel, date, text and
--                           about-you details ({dimension: category code}; a dimension that exists and a
--                           code of it, the product's own or the organisation's). api.add_feedback took
--                           any object as about-you details; it now checks them too.
--   api.about_choices       the about-you questions and their answers, for the forms and the file's
--                           column notes (admins, leads and officers).
--   api.import_feedback     up to 5,000 items at once: every row is checked, and either all are added or
--                           none (invalid_feedback, detail {rows: [{row, field, message}]} naming every
--                           problem of every row, row 1 the first item). Each added item is screened for
--                           safeguarding phrases as one added by hand is (the insert trigger); one audit
--                           entry for the file. Returns {added, held}.

create function app.feedback_problems(p_organisation_id uuid, p_channel text, p_given_on date, p_text text,
                                      p_about jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  v_errors jsonb := '{}'::jsonb;
  k text;
  v jsonb;
begin
  if p_channel is null or p_channel not in ('event', 'forum', 'focus_group', 'youth_cabinet', 'school_council',
      'young_inspectors', 'feedback_week', 'mind_of_my_own', 'phone', 'email', 'paper', 'other') then
    v_errors := v_errors || jsonb_build_object('channel', 'Choose where this feedback was given.');
  end if;
  if p_given_on is null then
    v_errors := v_errors || jsonb_build_object('given_on', 'Enter the date it was given.');
  elsif p_given_on > (now() at time zone 'Europe/London')::date then
    v_errors := v_errors || jsonb_build_object('given_on', 'The date cannot be in the future.');
  end if;
  if p_text is null or length(btrim(p_text)) = 0 then
    v_errors := v_errors || jsonb_build_object('text', 'Enter what was said.');
  elsif length(p_text) > 10000 then
    v_errors := v_errors || jsonb_build_object('text', 'Keep it to 10,000 characters or fewer.');
  end if;
  if p_about is not null and jsonb_typeof(p_about) <> 'object' then
    v_errors := v_errors || jsonb_build_object('about', 'About-you details are a set of answers.');
  elsif p_about is not null then
    for k, v in select e.key, e.value from jsonb_each(p_about) e loop
      if not exists (select 1 from app.about_dimensions d where d.key = k) then
        v_errors := v_errors || jsonb_build_object('about.' || k, 'There is no about-you question “' || left(k, 40) || '”.');
      elsif jsonb_typeof(v) <> 'string' or not exists (
          select 1 from app.about_categories c
          where c.dimension = k and c.code = v #>> '{}'
            and (c.organisation_id is null or c.organisation_id = p_organisation_id)) then
        v_errors := v_errors || jsonb_build_object('about.' || k,
          '“' || left(coalesce(v #>> '{}', ''), 40) || '” is not one of the answers to “' ||
          (select d.label from app.about_dimensions d where d.key = k) || '”.');
      end if;
    end loop;
  end if;
  return v_errors;
end
$$;
comment on function app.feedback_problems is
  'The checks of one feedback item added by staff: {field: message}, empty when it is fine. Internal.';
revoke execute on function app.feedback_problems(uuid, text, date, text, jsonb) from public;

create or replace function api.add_feedback(
  p_organisation_id uuid,
  p_channel text,
  p_given_on date,
  p_text text,
  p_about jsonb default '{}'::jsonb
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_errors jsonb;
  v_id uuid;
  v_held boolean;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers of this local area can add feedback.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_errors := app.feedback_problems(p_organisation_id, p_channel, p_given_on, p_text, p_about);
  if v_errors <> '{}'::jsonb then
    raise exception 'The feedback is not complete.' using hint = 'invalid_feedback', detail = v_errors::text;
  end if;

  insert into app.feedback (organisation_id, channel, given_on, body, about, added_by)
  values (p_organisation_id, p_channel, p_given_on, btrim(p_text), coalesce(p_about, '{}'::jsonb), auth.uid())
  returning id into v_id;
  select held into v_held from app.feedback where id = v_id;
  return jsonb_build_object('id', v_id, 'held', v_held);
end
$$;

create function api.about_choices(p_organisation_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers of this local area add feedback.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'key', d.key, 'label', d.label,
      'categories', coalesce((
        select jsonb_agg(jsonb_build_object('code', c.code, 'label', c.label) order by c.position, c.code)
        from app.about_categories c
        where c.dimension = d.key and (c.organisation_id is null or c.organisation_id = p_organisation_id)),
        '[]'::jsonb)) order by d.position)
    from app.about_dimensions d), '[]'::jsonb);
end
$$;
comment on function api.about_choices is
  'Admins, leads and officers. The about-you questions and their answers (the product''s and the '
  'organisation''s own), in order: [{key, label, categories: [{code, label}]}].';

create function api.import_feedback(p_organisation_id uuid, p_rows jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_problems jsonb := '[]'::jsonb;
  v_row jsonb;
  v_n integer := 0;
  v_date date;
  v_errors jsonb;
  v_ids uuid[] := '{}';
  v_id uuid;
  v_held integer;
  k text;
  m text;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers of this local area can add feedback.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception 'There is nothing to add.' using hint = 'invalid_feedback',
      detail = jsonb_build_object('rows', jsonb_build_array(jsonb_build_object(
        'row', null, 'field', null, 'message', 'The file has no rows of feedback.')))::text;
  end if;
  if jsonb_array_length(p_rows) > 5000 then
    raise exception 'Too many rows.' using hint = 'invalid_feedback',
      detail = jsonb_build_object('rows', jsonb_build_array(jsonb_build_object(
        'row', null, 'field', null,
        'message', 'Add at most 5,000 comments at a time: split the file.')))::text;
  end if;

  for v_row in select value from jsonb_array_elements(p_rows) loop
    v_n := v_n + 1;
    v_date := null;
    v_errors := '{}'::jsonb;
    if jsonb_typeof(v_row) <> 'object' then
      v_problems := v_problems || jsonb_build_object('row', v_n, 'field', null, 'message', 'A row is a set of columns.');
      continue;
    end if;
    begin
      v_date := nullif(btrim(v_row ->> 'given_on'), '')::date;
    exception when others then
      v_errors := jsonb_build_object('given_on', 'Write the date as YYYY-MM-DD, like 2026-03-14.');
    end;
    v_errors := app.feedback_problems(p_organisation_id, v_row ->> 'channel', v_date, v_row ->> 'text',
                                      coalesce(v_row -> 'about', '{}'::jsonb))
                || v_errors;
    if v_errors ? 'channel' then
      v_errors := v_errors || jsonb_build_object('channel',
        '“' || left(coalesce(v_row ->> 'channel', ''), 40) || '” is not a way feedback is given here: use one of the codes listed.');
    end if;
    for k, m in select e.key, e.value from jsonb_each_text(v_errors) e loop
      v_problems := v_problems || jsonb_build_object('row', v_n, 'field', k, 'message', m);
    end loop;
  end loop;
  if jsonb_array_length(v_problems) > 0 then
    raise exception 'Some rows need attention: nothing was added.' using hint = 'invalid_feedback',
      detail = jsonb_build_object('rows', v_problems)::text;
  end if;

  for v_row in select value from jsonb_array_elements(p_rows) loop
    insert into app.feedback (organisation_id, channel, given_on, body, about, added_by)
    values (p_organisation_id, v_row ->> 'channel', (v_row ->> 'given_on')::date, btrim(v_row ->> 'text'),
            coalesce(v_row -> 'about', '{}'::jsonb), auth.uid())
    returning id into v_id;
    v_ids := v_ids || v_id;
  end loop;
  select count(*)::integer into v_held from app.feedback f where f.id = any (v_ids) and f.held;
  perform app.audit(p_organisation_id, 'feedback.imported', null,
    jsonb_build_object('added', cardinality(v_ids), 'held', v_held));
  return jsonb_build_object('added', cardinality(v_ids), 'held', v_held);
end
$$;
comment on function api.import_feedback is
  'Admins, leads and officers (not_permitted otherwise). Adds up to 5,000 feedback items given other ways '
  '(p_rows: [{channel, given_on (YYYY-MM-DD), text, about: {dimension: code}}]), all or none: any problem '
  'raises invalid_feedback with detail {rows: [{row (1 = the first item, null = the whole file), field, '
  'message}]} naming every problem. Items with a safeguarding phrase go to the queue as hand-added ones do. '
  'One audit entry. Returns {added, held}.';

revoke execute on function api.about_choices(uuid), api.import_feedback(uuid, jsonb) from public;
grant execute on function api.about_choices(uuid), api.import_feedback(uuid, jsonb) to authenticated, service_role;
