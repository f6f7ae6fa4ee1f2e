-- Quotes, and what forum and scrutiny see of feedback (issue 11).
--
--   - Quotes: staff (admin, lead, officer) keep, beside an item's original text, a redacted text with
--     names and identifying details taken out, and a "reviewed for quoting" mark (who and when). An
--     item is quotable only when it is reviewed and its redacted text saved, and never while it is held
--     for safeguarding (an item flagged later stops being quotable at once). The original never leaves
--     staff hands: every published or restricted result below carries the redacted text only.
--   - Published quotes: each card of the public "you said, we did" shows up to three quotes: the redacted
--     text of reviewed, quotable, not held feedback items linked to the decision as evidence.
--   - api.feedback_overview: for every member (forum and scrutiny included), each theme and each
--     strategy priority with the number of feedback items under it (never held ones), under the
--     disclosure rule for everyone but staff, and the organisation's quotable quotes. Each count is its
--     own line: no total is published, so no hidden count can be worked out by subtraction.
-- app.feedback keeps its policies: forum, scrutiny and anon still read none of its rows.

-- ---------------------------------------------------------------------------------------------
-- Columns
-- ---------------------------------------------------------------------------------------------

alter table app.feedback
  add column quote_text text check (length(quote_text) <= 10000),
  add column quote_reviewed_at timestamptz,
  add column quote_reviewed_by uuid references auth.users (id) on delete set null,
  add column quotable boolean not null default false,
  add constraint feedback_quotable_check check (
    not quotable or (quote_reviewed_at is not null and length(btrim(coalesce(quote_text, ''))) > 0)),
  add constraint feedback_quotable_not_held check (not (quotable and held));
create index feedback_quote_reviewed_by_idx on app.feedback (quote_reviewed_by);
create index feedback_quotable_idx on app.feedback (organisation_id) where quotable;
comment on column app.feedback.quote_text is
  'The text as it may be quoted: names and identifying details taken out by staff. Null until reviewed.';
comment on column app.feedback.quotable is
  'May be quoted in public (its quote_text only): reviewed, redacted text saved, and not held.';

-- An item sent to safeguarding stops being quotable, whoever holds it (a phrase, a flag).
create function app.feedback_held_unquotable()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.held and new.quotable then
    new.quotable := false;
  end if;
  return new;
end
$$;
comment on function app.feedback_held_unquotable is
  'Trigger on app.feedback, before update: an item held for safeguarding is never quotable.';
create trigger feedback_held_unquotable
  before update of held on app.feedback
  for each row execute function app.feedback_held_unquotable();

-- ---------------------------------------------------------------------------------------------
-- Staff read the quote with the item
-- ---------------------------------------------------------------------------------------------

-- feedback_json reads under the caller's policies; who reviewed a quote is told to that item's staff only
create function app.quote_reviewer(p_feedback_id uuid)
returns text
language sql stable security definer
set search_path = ''
as $$
  select u.email from app.feedback f join auth.users u on u.id = f.quote_reviewed_by
  where f.id = p_feedback_id and not f.held and app.has_role(f.organisation_id, '{admin,lead,officer}')
$$;
comment on function app.quote_reviewer is
  'Internal. The email of whoever reviewed the item''s quote, for the staff of its organisation; else null.';

create or replace function app.feedback_json(f app.feedback)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', f.id,
    'survey_id', f.survey_id,
    'survey_title', (select s.title from app.surveys s where s.id = f.survey_id),
    'wave_id', f.wave_id,
    'wave_label', (select w.label from app.waves w where w.id = f.wave_id),
    'question', (select q.prompt from app.questions q where q.id = f.question_id),
    'channel', f.channel,
    'given_on', f.given_on,
    'text', f.body,
    'about', f.about,
    'sentiment', f.sentiment,
    'priorities', coalesce((select jsonb_agg(p.priority_id order by sp.position)
                            from app.feedback_priorities p
                            join app.strategy_priorities sp on sp.id = p.priority_id
                            where p.feedback_id = f.id), '[]'::jsonb),
    'themes', coalesce((select jsonb_agg(t.theme order by t.theme) from app.feedback_themes t
                        where t.feedback_id = f.id), '[]'::jsonb),
    'quote', jsonb_build_object(
      'text', f.quote_text,
      'quotable', f.quotable,
      'reviewed_at', f.quote_reviewed_at,
      'reviewed_by', case when f.quote_reviewed_by is not null then app.quote_reviewer(f.id) end))
$$;

-- ---------------------------------------------------------------------------------------------
-- API: saving a quote
-- ---------------------------------------------------------------------------------------------

create function api.save_quote(p_id uuid, p_text text, p_quotable boolean default false)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_item app.feedback;
  v_text text := btrim(coalesce(p_text, ''));
  v_errors jsonb := '{}'::jsonb;
begin
  select * into v_item from app.feedback where id = p_id;
  if v_item.id is null or not app.has_role(v_item.organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers review comments for quoting.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_item.held then
    raise exception 'This comment is with the safeguarding lead.' using hint = 'invalid_quote',
      detail = jsonb_build_object('quotable',
        'This comment is with the safeguarding lead: it cannot be quoted.')::text;
  end if;
  if v_text = '' then
    v_errors := v_errors || jsonb_build_object('text',
      'Enter the comment as it may be quoted, with names and identifying details taken out.');
  elsif length(v_text) > 10000 then
    v_errors := v_errors || jsonb_build_object('text', 'Keep the quote to 10,000 characters or fewer.');
  elsif regexp_replace(v_text, '\[[^\]]*\]|[^[:alnum:]]', '', 'g') = '' then
    v_errors := v_errors || jsonb_build_object('text',
      'Nothing of the comment is left to quote: keep its words, and take out only names and details.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'The quote is not complete.' using hint = 'invalid_quote', detail = v_errors::text;
  end if;

  update app.feedback
  set quote_text = v_text, quotable = coalesce(p_quotable, false),
      quote_reviewed_at = clock_timestamp(), quote_reviewed_by = auth.uid()
  where id = p_id;
  perform app.audit(v_item.organisation_id, 'feedback.quote_reviewed', p_id::text,
    jsonb_build_object('before', jsonb_build_object('text', v_item.quote_text, 'quotable', v_item.quotable),
                       'after', jsonb_build_object('text', v_text, 'quotable', coalesce(p_quotable, false))));
  return jsonb_build_object('id', p_id, 'text', v_text, 'quotable', coalesce(p_quotable, false));
end
$$;
comment on function api.save_quote is
  'Admins, leads and officers. Saves the redacted text of an item (names and identifying details taken out), '
  'marks it reviewed for quoting by the caller, now, and quotable or not. Refuses a held item and an empty '
  'redaction or one with nothing left but [placeholders]: invalid_quote with detail {field: message}. The '
  'original text is never changed. Kept in the audit log.';

-- ---------------------------------------------------------------------------------------------
-- Published quotes
-- ---------------------------------------------------------------------------------------------

create function app.decision_quotes(p_decision_id uuid, p_limit integer default 3)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(q.quote_text order by q.given_on desc, q.id), '[]'::jsonb)
  from (select f.quote_text, f.given_on, f.id
        from app.decision_evidence e
        join app.feedback f on f.id = e.feedback_id
        where e.decision_id = p_decision_id and f.quotable and not f.held
          and f.quote_reviewed_at is not null and length(btrim(coalesce(f.quote_text, ''))) > 0
        order by f.given_on desc, f.id
        limit p_limit) q
$$;
comment on function app.decision_quotes is
  'Internal. Up to p_limit quotes of a decision: the redacted text of the reviewed, quotable, not held feedback '
  'items linked to it. Never an original.';

create or replace function api.you_said_we_did(p_slug text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_org app.organisations;
  v_rule app.disclosure_rules;
begin
  select * into v_org from app.organisations o where o.slug = p_slug;
  if v_org.id is null then
    return null;
  end if;
  v_rule := app.disclosure_rule_of(v_org.id);
  return jsonb_build_object(
    'organisation', jsonb_build_object('name', v_org.name, 'slug', v_org.slug),
    'rule', app.disclosure_rule_json(v_rule),
    'test_questions', to_jsonb(v_org.decision_test_questions),
    'priorities', coalesce((
      select jsonb_agg(jsonb_build_object(
          'id', g.priority_id, 'code', p.code, 'title', coalesce(p.title, 'Other decisions'),
          'cards', g.cards)
        order by p.position nulls last)
      from (select d.priority_id,
                   jsonb_agg((app.decision_json(d, v_rule, false) - 'published' - 'owner' - 'people_small' - 'themes')
                             || jsonb_build_object('quotes', app.decision_quotes(d.id))
                             order by coalesce(d.decided_on, d.published_at::date) desc, d.published_at desc, d.id) as cards
            from app.decisions d
            where d.organisation_id = v_org.id and d.published
            group by d.priority_id) g
      left join app.strategy_priorities p on p.id = g.priority_id), '[]'::jsonb));
end
$$;
comment on function api.you_said_we_did(text) is
  'Anyone, signed in or not. The published decisions of the organisation with this slug, as cards grouped by '
  'strategy priority (in the strategy''s order; those under none last): what people said and "people" who told us '
  'under the disclosure rule (null with people_symbol ''[c]'' when hidden, rounded to the rule''s base), up to '
  'three quotes (the redacted text of reviewed, quotable feedback linked to it; never an original nor a held '
  'item), what was done, status, body, date, level of participation, test answers, indicators and activities (one '
  'total taking part each, under the rule); never the owner nor the themes (staff''s own words). rule is the rule '
  'it followed. Null for an unknown slug.';

-- ---------------------------------------------------------------------------------------------
-- API: themes, counts and quotes for every member
-- ---------------------------------------------------------------------------------------------

create function api.feedback_overview(p_organisation_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_staff boolean;
  v_rule app.disclosure_rules;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id) then
    raise exception 'Only members of this local area read its feedback themes.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_staff := app.has_role(p_organisation_id, '{admin,lead,officer}');
  v_rule := app.disclosure_rule_of(p_organisation_id);
  return jsonb_build_object(
    'exact', v_staff,
    'rule', app.disclosure_rule_json(v_rule),
    'themes', coalesce((
      select jsonb_agg(jsonb_build_object(
          'theme', c.theme,
          'items', (app.ruled_count(c.n, v_rule, v_staff) ->> 'n')::integer,
          'items_symbol', app.ruled_count(c.n, v_rule, v_staff) ->> 'symbol')
        -- in the order of the counts as shown (a hidden one last), so the order tells no more than they do
        order by coalesce((app.ruled_count(c.n, v_rule, v_staff) ->> 'n')::integer, 0) desc, c.theme)
      from (select t.theme, count(*)::integer as n
            from app.feedback_themes t join app.feedback f on f.id = t.feedback_id and not f.held
            where t.organisation_id = p_organisation_id
            group by t.theme) c), '[]'::jsonb),
    'priorities', coalesce((
      select jsonb_agg(jsonb_build_object(
          'id', p.id, 'code', p.code, 'title', p.title,
          'items', (app.ruled_count(c.n, v_rule, v_staff) ->> 'n')::integer,
          'items_symbol', app.ruled_count(c.n, v_rule, v_staff) ->> 'symbol')
        order by p.position)
      from app.strategy_priorities p
      cross join lateral (
        select count(f.id)::integer as n from app.feedback_priorities fp
        join app.feedback f on f.id = fp.feedback_id and not f.held
        where fp.priority_id = p.id) c
      where p.organisation_id = p_organisation_id and (p.retired_at is null or c.n > 0)), '[]'::jsonb),
    'quotes', coalesce((
      select jsonb_agg(q.quote_text order by q.given_on desc, q.id)
      from (select f.quote_text, f.given_on, f.id from app.feedback f
            where f.organisation_id = p_organisation_id and f.quotable and not f.held
              and f.quote_reviewed_at is not null and length(btrim(coalesce(f.quote_text, ''))) > 0
            order by f.given_on desc, f.id limit 50) q), '[]'::jsonb));
end
$$;
comment on function api.feedback_overview is
  'Members (forum and scrutiny included). Each feedback theme and each strategy priority with the number of '
  'feedback items under it (never one held for safeguarding): exact for admins, leads and officers (exact true), '
  'for everyone else under the disclosure rule (null with items_symbol ''[c]'' when hidden, else rounded). Each '
  'count is its own line and no total is given. quotes: the redacted text of up to 50 quotable items, newest '
  'first; never an original.';

-- ---------------------------------------------------------------------------------------------
-- Only the grants below decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function api.save_quote, api.feedback_overview to authenticated, service_role;
grant execute on function api.you_said_we_did(text) to anon, authenticated, service_role;
grant execute on function app.feedback_json, app.quote_reviewer to authenticated, service_role;

comment on table app.audit_log is
  'Every staff change to tags, quotes, safeguarding flags and phrases, strategy priorities, decisions and their '
  'evidence, test questions and engagement activities. Append-only.';
