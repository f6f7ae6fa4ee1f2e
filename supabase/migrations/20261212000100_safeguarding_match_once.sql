-- Issue 12 (load): a submission's safeguarding check did the same work hundreds of times.
--
-- Every free-text answer is checked against the organisation's safeguarding phrases as it arrives
-- (app.hold_matching, from the trigger on app.feedback). Measured with pg_stat_statements on
-- PostgreSQL 15 under the bench's load, that check was nearly all of a submission's own work in the
-- database: 6.9 of about 7 ms, with app.safeguarding_normal (two regular expressions over the whole
-- text) called 322 times a submission. Two causes:
--
--  * app.safeguarding_match normalised the text inside its WHERE clause, once for each of the
--    organisation's phrases (about 150 in the demo, and a function with its own search_path is never
--    inlined, so nothing folded it away). It now normalises the text once, in a materialized CTE, and
--    looks for each phrase in that.
--  * app.hold_matching's CTE "matched" was inlined into the statement that reads it, whose WHERE and
--    select list both name the phrase, so each item was matched twice. The CTE is now materialized:
--    each item is matched once.
--
-- What either function answers is unchanged: the same phrase (the longest, then the first in order) for
-- the same text, and the same items held.

create or replace function app.safeguarding_match(p_organisation_id uuid, p_text text)
returns text
language sql stable security definer
set search_path = ''
as $$
  with t as materialized (
    select ' ' || app.safeguarding_normal(p_text) || ' ' as body
  )
  select p.phrase from t, app.safeguarding_phrases p
  where p.organisation_id = p_organisation_id
    and position(' ' || p.phrase || ' ' in t.body) > 0
  order by length(p.phrase) desc, p.phrase
  limit 1
$$;
comment on function app.safeguarding_match is
  'Internal. The organisation''s phrase (whole words) that the text holds, or null. The text is '
  'normalised once (app.safeguarding_normal), not once a phrase.';
revoke execute on function app.safeguarding_match(uuid, text) from public;

create or replace function app.hold_matching(p_ids uuid[])
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_n integer;
begin
  -- materialized: each item is matched once (inlined, its phrase was worked out for the WHERE below
  -- and again for the select list)
  with matched as materialized (
    select f.id, f.organisation_id, app.safeguarding_match(f.organisation_id, f.body) as phrase
    from app.feedback f
    where f.id = any (p_ids)
      and not exists (select 1 from app.safeguarding_flags g where g.feedback_id = f.id and g.closed_at is null)
  ), raised as (
    insert into app.safeguarding_flags (organisation_id, feedback_id, matched_phrase)
    select m.organisation_id, m.id, m.phrase from matched m where m.phrase is not null
    returning feedback_id
  )
  update app.feedback f set held = true from raised r where f.id = r.feedback_id;
  get diagnostics v_n = row_count;
  return v_n;
end
$$;
comment on function app.hold_matching is
  'Internal. Sends the items given whose text holds a safeguarding phrase to the queue; returns how many.';
revoke execute on function app.hold_matching(uuid[]) from public;
