-- Suggestions a person confirms: the strategy priorities an untagged comment most likely belongs to.
--
--   - app.priority_keywords: words and phrases staff (admins, leads) keep for each priority. A comment
--     holding one (in PostgreSQL's English text search, so "waiting" matches "wait" and "waited") is
--     suggested that priority.
--   - Learned: a multinomial naive Bayes classifier over the English lexemes of the organisation's own
--     confirmed tags (app.feedback_priorities), with Laplace smoothing, computed here in SQL at the
--     moment of asking: no model is stored, so every confirmed tag counts at once, on PGlite and on
--     PostgreSQL alike. No outside service.
--   - The two are combined into one confidence (0-1) per priority, with where it came from.
--   - app.suggestion_rejections: "not this": the priority is never suggested again for that comment.
-- Nothing is tagged by the machine: api.accept_suggestion tags through api.tag_feedback, by a person.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table app.priority_keywords (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  priority_id uuid not null references app.strategy_priorities (id) on delete cascade,
  keyword text not null check (length(keyword) between 1 and 60),
  -- the keyword as text search reads it: its English lexemes, in order
  lexemes text not null,
  added_by uuid references auth.users (id) on delete set null,
  added_at timestamptz not null default now(),
  unique (priority_id, lexemes)
);
create index priority_keywords_organisation_idx on app.priority_keywords (organisation_id);
create index priority_keywords_added_by_idx on app.priority_keywords (added_by);
comment on table app.priority_keywords is
  'Words and phrases staff keep for a strategy priority: a comment holding one is suggested that priority.';

create table app.suggestion_rejections (
  feedback_id uuid not null references app.feedback (id) on delete cascade,
  priority_id uuid not null references app.strategy_priorities (id) on delete cascade,
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  rejected_by uuid references auth.users (id) on delete set null,
  rejected_at timestamptz not null default now(),
  primary key (feedback_id, priority_id)
);
create index suggestion_rejections_priority_idx on app.suggestion_rejections (priority_id);
create index suggestion_rejections_organisation_idx on app.suggestion_rejections (organisation_id);
create index suggestion_rejections_rejected_by_idx on app.suggestion_rejections (rejected_by);
comment on table app.suggestion_rejections is
  '"Not this": a priority a person said a comment does not belong to; it is not suggested again for it.';

alter table app.priority_keywords enable row level security;
alter table app.suggestion_rejections enable row level security;
grant select on app.priority_keywords, app.suggestion_rejections to authenticated;
grant all on app.priority_keywords, app.suggestion_rejections to service_role;

create policy "staff who tag read the keywords" on app.priority_keywords
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer}'));
create policy "rejections of the feedback the caller reads" on app.suggestion_rejections
  for select to authenticated
  using (exists (select 1 from app.feedback f where f.id = feedback_id));

-- ---------------------------------------------------------------------------------------------
-- The suggester
-- ---------------------------------------------------------------------------------------------

create function app.keyword_lexemes(p_keyword text)
returns text
language sql immutable
set search_path = ''
as $$
  select coalesce(string_agg(t.lexeme, ' ' order by t.pos), '')
  from (select l.lexeme, min(p) as pos
        from unnest(to_tsvector('english'::regconfig, coalesce(p_keyword, ''))) as l(lexeme, positions, weights),
             unnest(l.positions) as p
        group by l.lexeme) t
$$;
comment on function app.keyword_lexemes is
  'Internal. A keyword as English text search reads it: its lexemes in order, separated by spaces; empty for '
  'stop words only.';

-- Suggestions for one item: every current priority of its organisation not already on it nor rejected
-- for it, with a confidence. p_learned false leaves out the classifier (the keyword-only baseline of
-- bench/suggestions.ts).
create function app.priority_suggestions(p_feedback_id uuid, p_learned boolean default true)
returns table (priority_id uuid, confidence double precision, keyword_confidence double precision,
               learned_confidence double precision, keywords text[])
language sql stable security definer
set search_path = ''
as $$
  with item as (
    select f.id, f.organisation_id, to_tsvector('english'::regconfig, f.body) as v
    from app.feedback f where f.id = p_feedback_id
  ),
  candidates as (
    select sp.id from app.strategy_priorities sp, item i
    where sp.organisation_id = i.organisation_id and sp.retired_at is null
      and not exists (select 1 from app.feedback_priorities fp where fp.feedback_id = i.id and fp.priority_id = sp.id)
      and not exists (select 1 from app.suggestion_rejections r where r.feedback_id = i.id and r.priority_id = sp.id)
  ),
  -- keywords: each one the comment holds (as a phrase, in text search)
  matched as (
    select k.priority_id, array_agg(k.keyword order by k.keyword) as keywords, count(*)::integer as n
    from app.priority_keywords k, item i
    where k.organisation_id = i.organisation_id and k.lexemes <> ''
      and i.v @@ phraseto_tsquery('english'::regconfig, k.keyword)
    group by k.priority_id
  ),
  -- learned: the organisation's confirmed tags (items not held, tagged by a person), not this item
  training as (
    select f.id, f.body from app.feedback f, item i
    where f.organisation_id = i.organisation_id and not f.held and f.id <> i.id
      and exists (select 1 from app.feedback_priorities fp where fp.feedback_id = f.id)
  ),
  doc_terms as (
    select t.id as feedback_id, l.lexeme, coalesce(array_length(l.positions, 1), 1) as n
    from training t,
         unnest(to_tsvector('english'::regconfig, t.body)) as l(lexeme, positions, weights)
    where p_learned
  ),
  labels as (
    select fp.feedback_id, fp.priority_id from app.feedback_priorities fp join training t on t.id = fp.feedback_id
  ),
  docs as (select count(*)::double precision as n from training),
  vocabulary as (select count(distinct lexeme)::double precision as n from doc_terms),
  class_docs as (
    select c.id as priority_id, count(l.feedback_id)::double precision as n
    from candidates c left join labels l on l.priority_id = c.id group by c.id
  ),
  class_terms as (
    select l.priority_id, d.lexeme, sum(d.n)::double precision as n
    from labels l join doc_terms d on d.feedback_id = l.feedback_id group by l.priority_id, d.lexeme
  ),
  class_totals as (
    select priority_id, sum(n) as n from class_terms group by priority_id
  ),
  item_terms as (
    select l.lexeme, coalesce(array_length(l.positions, 1), 1)::double precision as n
    from item i, unnest(i.v) as l(lexeme, positions, weights)
    where exists (select 1 from doc_terms d where d.lexeme = l.lexeme)
  ),
  log_posterior as (
    select cd.priority_id,
           ln((cd.n + 1) / ((select n from docs) + (select count(*) from candidates)))
           + coalesce((select sum(it.n * ln((coalesce(ct.n, 0) + 1)
                                           / (coalesce((select tt.n from class_totals tt where tt.priority_id = cd.priority_id), 0)
                                              + (select n from vocabulary))))
                       from item_terms it
                       left join class_terms ct on ct.priority_id = cd.priority_id and ct.lexeme = it.lexeme), 0) as lp
    from class_docs cd
  ),
  shifted as (
    select lp.priority_id, exp(lp.lp - max(lp.lp) over ()) as e from log_posterior lp
  ),
  posterior as (
    select s.priority_id, s.e / sum(s.e) over () as p from shifted s
  ),
  -- how far to trust the classifier: not at all with nothing tagged, more with every confirmed tag, and
  -- only for a priority it has seen tagged
  learned as (
    select p.priority_id,
           case when (select count(*) from item_terms) = 0 or cd.n = 0 then 0
                else p.p * ((select n from docs) / ((select n from docs) + 10)) end as confidence
    from posterior p join class_docs cd on cd.priority_id = p.priority_id
    where p_learned and (select n from docs) > 0
  ),
  scored as (
    select c.id as priority_id,
           coalesce(1 - power(0.4, m.n), 0) as kw,
           coalesce(l.confidence, 0) as learned,
           coalesce(m.keywords, '{}') as keywords
    from candidates c
    left join matched m on m.priority_id = c.id
    left join learned l on l.priority_id = c.id
  )
  select s.priority_id, 1 - (1 - s.kw) * (1 - s.learned), s.kw, s.learned, s.keywords
  from scored s
$$;
comment on function app.priority_suggestions is
  'Internal. For one feedback item, each current priority not on it nor rejected for it: confidence (0-1) '
  'combining keyword matches (1 - 0.4^matches) and a multinomial naive Bayes over English lexemes of the '
  'organisation''s confirmed tags (Laplace smoothing; its posterior weighted by docs/(docs+10)), as '
  '1 - (1 - keywords)(1 - learned). No role check: api.feedback_suggestions checks the caller.';

-- ---------------------------------------------------------------------------------------------
-- API: keywords
-- ---------------------------------------------------------------------------------------------

create function api.priority_keywords(p_priority_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', k.id, 'keyword', k.keyword) order by k.keyword), '[]'::jsonb)
  from app.priority_keywords k
  where k.priority_id = p_priority_id
$$;
comment on function api.priority_keywords is
  'Admins, leads and officers. The keywords kept for a priority, in alphabetical order.';

create function api.add_priority_keyword(p_priority_id uuid, p_keyword text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_priority app.strategy_priorities;
  v_keyword text := regexp_replace(btrim(coalesce(p_keyword, '')), '\s+', ' ', 'g');
  v_lexemes text;
  v_id uuid;
begin
  select * into v_priority from app.strategy_priorities where id = p_priority_id;
  if v_priority.id is null or not app.has_role(v_priority.organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads keep the keywords of a priority.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_keyword = '' then
    raise exception 'The keyword is empty.' using hint = 'invalid_keyword',
      detail = jsonb_build_object('keyword', 'Enter a word or a short phrase.')::text;
  end if;
  if length(v_keyword) > 60 then
    raise exception 'The keyword is too long.' using hint = 'invalid_keyword',
      detail = jsonb_build_object('keyword', 'Keep a keyword to 60 characters or fewer.')::text;
  end if;
  v_lexemes := app.keyword_lexemes(v_keyword);
  if v_lexemes = '' or length(replace(v_lexemes, ' ', '')) < 2
     or not exists (select 1 from unnest(string_to_array(v_lexemes, ' ')) as l where length(l) >= 2) then
    raise exception 'The keyword would match almost every comment.' using hint = 'invalid_keyword',
      detail = jsonb_build_object('keyword', format(
        '"%s" would match almost every comment (a single letter or a word as common as "the"). Enter a word that tells this priority apart, like "waiting list".',
        v_keyword))::text;
  end if;
  if exists (select 1 from app.priority_keywords where priority_id = p_priority_id and lexemes = v_lexemes) then
    raise exception 'The keyword is already there.' using hint = 'invalid_keyword',
      detail = jsonb_build_object('keyword', format('"%s" is already a keyword of this priority (or a form of one).',
        v_keyword))::text;
  end if;
  insert into app.priority_keywords (organisation_id, priority_id, keyword, lexemes, added_by)
  values (v_priority.organisation_id, p_priority_id, v_keyword, v_lexemes, auth.uid())
  returning id into v_id;
  perform app.audit(v_priority.organisation_id, 'priority.keyword_added', p_priority_id::text,
    jsonb_build_object('keyword_id', v_id, 'keyword', v_keyword));
  return jsonb_build_object('id', v_id, 'keyword', v_keyword);
end
$$;
comment on function api.add_priority_keyword is
  'Admins and leads. Adds a keyword to a priority: an empty one, one over 60 characters, one that would match '
  'almost everything (a single letter, stop words only) or one the priority already has (in any form, as text '
  'search reads it) is refused with hint invalid_keyword and detail {keyword: message}. Kept in the audit log.';

create function api.remove_priority_keyword(p_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row app.priority_keywords;
begin
  select * into v_row from app.priority_keywords where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads keep the keywords of a priority.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  delete from app.priority_keywords where id = p_id;
  perform app.audit(v_row.organisation_id, 'priority.keyword_removed', v_row.priority_id::text,
    jsonb_build_object('keyword_id', p_id, 'keyword', v_row.keyword));
  return jsonb_build_object('id', p_id, 'keyword', v_row.keyword);
end
$$;
comment on function api.remove_priority_keyword is
  'Admins and leads. Removes a keyword from its priority. Kept in the audit log.';

-- ---------------------------------------------------------------------------------------------
-- API: suggestions, accepted and rejected
-- ---------------------------------------------------------------------------------------------

create function api.feedback_suggestions(p_id uuid, p_limit integer default 3)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_item app.feedback;
begin
  select * into v_item from app.feedback where id = p_id;
  if v_item.id is null or v_item.held or not app.has_role(v_item.organisation_id, '{admin,lead,officer}') then
    raise exception 'This comment is not there any more.' using errcode = '42501', hint = 'not_permitted';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
        'priority_id', s.priority_id,
        'confidence', round(s.confidence::numeric, 2),
        'sources', to_jsonb(array_remove(array[
          case when s.keyword_confidence > 0 then 'keywords' end,
          case when s.learned_confidence >= 0.05 then 'learned' end], null)),
        'keywords', to_jsonb(s.keywords))
      order by s.confidence desc, s.position)
    from (select x.*, sp.position from app.priority_suggestions(p_id) x
          join app.strategy_priorities sp on sp.id = x.priority_id
          where x.confidence >= 0.1
          -- a tie goes to the priority first in the strategy's order
          order by x.confidence desc, sp.position
          limit greatest(1, least(coalesce(p_limit, 3), 10))) s), '[]'::jsonb);
end
$$;
comment on function api.feedback_suggestions is
  'Admins, leads and officers; never for an item held for safeguarding. The priorities the item most likely '
  'belongs to (not those on it or rejected for it), best first, at most p_limit (1-10): '
  '[{priority_id, confidence 0-1, sources: keywords and/or learned, keywords matched}]. Confidence under 0.1 '
  'is left out.';

create function api.accept_suggestion(p_id uuid, p_priority_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_item jsonb;
begin
  select app.feedback_json(f) into v_item from app.feedback f
  where f.id = p_id and not f.held and app.has_role(f.organisation_id, '{admin,lead,officer}');
  if v_item is null then
    raise exception 'This comment is not there any more.' using hint = 'invalid_tags',
      detail = jsonb_build_object('priorities', 'This comment is not there any more: it may have been removed or sent to safeguarding.')::text;
  end if;
  return api.tag_feedback(
    p_id,
    array(select x::uuid from jsonb_array_elements_text(v_item -> 'priorities') as x) || p_priority_id,
    array(select x from jsonb_array_elements_text(v_item -> 'themes') as x),
    v_item ->> 'sentiment');
end
$$;
comment on function api.accept_suggestion is
  'Admins, leads and officers. A person accepts a suggested priority: it is added to the item''s priorities '
  'through api.tag_feedback (same checks, same audit entry), keeping its other tags.';

create function api.reject_suggestion(p_id uuid, p_priority_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_item app.feedback;
begin
  select * into v_item from app.feedback where id = p_id;
  if v_item.id is null or v_item.held or not app.has_role(v_item.organisation_id, '{admin,lead,officer}') then
    raise exception 'This comment is not there any more.' using errcode = '42501', hint = 'not_permitted';
  end if;
  if not exists (select 1 from app.strategy_priorities sp
                 where sp.id = p_priority_id and sp.organisation_id = v_item.organisation_id) then
    raise exception 'Choose from your strategy priorities.' using hint = 'invalid_tags',
      detail = jsonb_build_object('priorities', 'Choose from your own strategy priorities.')::text;
  end if;
  insert into app.suggestion_rejections (feedback_id, priority_id, organisation_id, rejected_by)
  values (p_id, p_priority_id, v_item.organisation_id, auth.uid())
  on conflict do nothing;
  perform app.audit(v_item.organisation_id, 'feedback.suggestion_rejected', p_id::text,
    jsonb_build_object('priority_id', p_priority_id));
  return jsonb_build_object('id', p_id, 'priority_id', p_priority_id);
end
$$;
comment on function api.reject_suggestion is
  'Admins, leads and officers. "Not this": the priority is not suggested again for the item. Kept in the audit log.';

-- Only the grants below decide who may call what.
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
grant execute on function api.priority_keywords, api.add_priority_keyword, api.remove_priority_keyword,
  api.feedback_suggestions, api.accept_suggestion, api.reject_suggestion to authenticated, service_role;
