-- Feedback: what people wrote, read and tagged by staff; safeguarding first.
--
--   - app.feedback: one item for every free-text answer (made by a trigger on app.answers, whoever
--     inserts them: the respondent's form, staff typing in a paper response, an import, the seed; and
--     below for the answers already stored), and one for each comment staff add by hand from an
--     event, a forum, a focus group, the Youth Cabinet, a school council, Young Inspectors...
--   - Safeguarding: each organisation keeps a list of phrases (it starts with the one below). An item
--     whose text holds one, or that a member of staff flags, is held at once: app.feedback.held is
--     true, a row of app.safeguarding_flags waits in the safeguarding lead's queue, and no policy but
--     the safeguarding role's lets anyone read the item, its tags or anything counted from it. A flag
--     closes only with an action and the person who took it; then the item is back in the inbox.
--   - Tags: strategy priorities (now with a code, and retired instead of deleted once feedback is filed
--     under them), free themes and a sentiment.
--   - app.audit_log: every staff change to tags, flags, phrases and priorities; append-only, read by
--     admins.
-- Writes go through the security definer functions of schema api below, which check the caller's
-- role; the tables grant `authenticated` only select, under row-level security.

-- ---------------------------------------------------------------------------------------------
-- Strategy priorities: a code, and retired rather than deleted
-- ---------------------------------------------------------------------------------------------

alter table app.strategy_priorities
  add column code text check (code ~ '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,19}$'),
  add column retired_at timestamptz;
-- reordering moves several positions at once: checked at commit
alter table app.strategy_priorities drop constraint strategy_priorities_organisation_id_position_key;
alter table app.strategy_priorities
  add constraint strategy_priorities_position_key unique (organisation_id, position) deferrable initially deferred;
create unique index strategy_priorities_code_idx on app.strategy_priorities (organisation_id, upper(code));

-- ---------------------------------------------------------------------------------------------
-- Organisation setting: how long a flag may wait before it is marked
-- ---------------------------------------------------------------------------------------------

alter table app.organisations
  add column safeguarding_alert_hours integer not null default 24 check (safeguarding_alert_hours between 1 and 720);
comment on column app.organisations.safeguarding_alert_hours is
  'A safeguarding flag waiting longer than this many hours is marked in the queue.';

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table app.feedback (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  -- from a survey: the answer it is, and where it was given
  answer_id bigint unique references app.answers (id) on delete cascade,
  response_id uuid references app.responses (id) on delete cascade,
  survey_id uuid references app.surveys (id) on delete cascade,
  wave_id uuid references app.waves (id) on delete cascade,
  question_id uuid references app.questions (id) on delete cascade,
  channel text not null check (channel in (
    'online', 'easy_read', 'paper', 'event', 'phone', 'focus_group', 'import',
    'forum', 'youth_cabinet', 'school_council', 'young_inspectors', 'feedback_week', 'mind_of_my_own',
    'email', 'other')),
  given_on date not null,
  body text not null check (length(btrim(body)) between 1 and 10000),
  -- about-you answers: dimension key -> category code
  about jsonb not null default '{}'::jsonb check (jsonb_typeof(about) = 'object'),
  added_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  sentiment text check (sentiment in ('positive', 'mixed', 'neutral', 'negative')),
  -- true while a safeguarding flag on it is open: then only the safeguarding role reads it
  held boolean not null default false,
  check ((answer_id is null) = (survey_id is null))
);
create index feedback_organisation_idx on app.feedback (organisation_id, given_on desc);
create index feedback_wave_idx on app.feedback (wave_id);
comment on table app.feedback is
  'What people said in their own words: every free-text answer, and comments staff add from other channels.';

create table app.feedback_priorities (
  feedback_id uuid not null references app.feedback (id) on delete cascade,
  priority_id uuid not null references app.strategy_priorities (id) on delete restrict,
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  primary key (feedback_id, priority_id)
);
create index feedback_priorities_priority_idx on app.feedback_priorities (priority_id);

create table app.feedback_themes (
  feedback_id uuid not null references app.feedback (id) on delete cascade,
  theme text not null check (theme = lower(btrim(theme)) and length(theme) between 1 and 80),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  primary key (feedback_id, theme)
);

create table app.safeguarding_phrases (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  phrase text not null check (length(phrase) between 3 and 100),
  added_by uuid references auth.users (id) on delete set null,
  added_at timestamptz not null default now(),
  unique (organisation_id, phrase)
);
comment on table app.safeguarding_phrases is
  'Words and phrases that send a comment to the safeguarding queue, stored normalised '
  '(app.safeguarding_normal): lower case, no apostrophes, words separated by one space.';

create table app.safeguarding_flags (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  feedback_id uuid not null references app.feedback (id) on delete cascade,
  raised_at timestamptz not null default clock_timestamp(),
  -- the phrase that matched, or the member of staff who flagged it and why
  matched_phrase text,
  raised_by uuid references auth.users (id) on delete set null,
  reason text check (length(reason) <= 1000),
  closed_at timestamptz,
  closed_by uuid references auth.users (id) on delete set null,
  action text check (action in (
    'referred_childrens_services', 'referred_police', 'passed_to_school', 'already_known', 'no_concern', 'other')),
  note text check (length(note) <= 2000),
  check ((closed_at is null) = (action is null))
);
create index safeguarding_flags_open_idx on app.safeguarding_flags (organisation_id, raised_at) where closed_at is null;
create index safeguarding_flags_feedback_idx on app.safeguarding_flags (feedback_id);

create table app.audit_log (
  id bigint generated always as identity primary key,
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  at timestamptz not null default clock_timestamp(),
  actor uuid,
  action text not null,
  subject_id text,
  detail jsonb not null default '{}'::jsonb
);
create index audit_log_organisation_idx on app.audit_log (organisation_id, at desc);
comment on table app.audit_log is
  'Every staff change to tags, safeguarding flags and phrases, and strategy priorities. Append-only.';

create function app.audit_log_is_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'The audit log cannot be changed.' using errcode = '42501', hint = 'not_permitted';
end
$$;
create trigger audit_log_append_only
  before update or delete on app.audit_log
  for each row execute function app.audit_log_is_append_only();
create trigger audit_log_no_truncate
  before truncate on app.audit_log
  for each statement execute function app.audit_log_is_append_only();

create function app.audit(p_organisation_id uuid, p_action text, p_subject_id text, p_detail jsonb)
returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into app.audit_log (organisation_id, actor, action, subject_id, detail)
  values (p_organisation_id, (select auth.uid()), p_action, p_subject_id, coalesce(p_detail, '{}'::jsonb))
$$;
comment on function app.audit is 'Internal: adds one entry to the audit log, by the caller.';

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------

alter table app.feedback enable row level security;
alter table app.feedback_priorities enable row level security;
alter table app.feedback_themes enable row level security;
alter table app.safeguarding_phrases enable row level security;
alter table app.safeguarding_flags enable row level security;
alter table app.audit_log enable row level security;

grant select on app.feedback, app.feedback_priorities, app.feedback_themes, app.safeguarding_phrases,
  app.safeguarding_flags, app.audit_log to authenticated;
grant all on app.feedback, app.feedback_priorities, app.feedback_themes, app.safeguarding_phrases,
  app.safeguarding_flags, app.audit_log to service_role;

-- Forum and scrutiny never read raw feedback: they will see themes and counts through functions
-- that apply the disclosure rule.
create policy "staff read feedback that is not held; safeguarding reads all" on app.feedback
  for select to authenticated
  using ((not held and app.has_role(organisation_id, '{admin,lead,officer}'))
         or app.has_role(organisation_id, '{safeguarding}'));
create policy "tags of the feedback the caller reads" on app.feedback_priorities
  for select to authenticated
  using (exists (select 1 from app.feedback f where f.id = feedback_id));
create policy "themes of the feedback the caller reads" on app.feedback_themes
  for select to authenticated
  using (exists (select 1 from app.feedback f where f.id = feedback_id));
create policy "admins and safeguarding read the phrase list" on app.safeguarding_phrases
  for select to authenticated using (app.has_role(organisation_id, '{admin,safeguarding}'));
create policy "safeguarding reads flags" on app.safeguarding_flags
  for select to authenticated using (app.has_role(organisation_id, '{safeguarding}'));
create policy "admins read the audit log" on app.audit_log
  for select to authenticated using (app.has_role(organisation_id, '{admin}'));

-- ---------------------------------------------------------------------------------------------
-- Phrases: normalising, matching, and the starting list
-- ---------------------------------------------------------------------------------------------

create function app.safeguarding_normal(p_text text)
returns text
language sql immutable
set search_path = ''
as $$
  select btrim(regexp_replace(
    regexp_replace(translate(lower(coalesce(p_text, '')), '''’‘`', ''), '[^a-z0-9]+', ' ', 'g'),
    ' +', ' ', 'g'))
$$;
comment on function app.safeguarding_normal is
  'Internal. Text as phrases are matched: lower case, apostrophes dropped (don''t -> dont), anything '
  'but letters and digits a space.';

create function app.safeguarding_match(p_organisation_id uuid, p_text text)
returns text
language sql stable security definer
set search_path = ''
as $$
  select p.phrase from app.safeguarding_phrases p
  where p.organisation_id = p_organisation_id
    and position(' ' || p.phrase || ' ' in ' ' || app.safeguarding_normal(p_text) || ' ') > 0
  order by length(p.phrase) desc, p.phrase
  limit 1
$$;
comment on function app.safeguarding_match is
  'Internal. The organisation''s phrase (whole words) that the text holds, or null.';

-- Comments with nothing worrying in them: a phrase that matches one of these would fill the queue.
create function app.safeguarding_ordinary_comments()
returns text[]
language sql immutable
set search_path = ''
as $$
  select array[
    'It took months to get any answer from the SEND team and nobody could tell me who our caseworker was.',
    'The plan was finalised well past the 20 weeks and by then my son had missed most of a term.',
    'I like my teacher and my friends. I want more time in the garden at school.',
    'The bus is late every day and I do not get to school on time.',
    'Our caseworker was brilliant and kept us informed at every step.',
    'Please make the letters shorter and easier to read.',
    'I would like to go to college and learn to cook.',
    'We waited a long time for speech and language therapy.',
    'The annual review meeting was helpful because everyone listened to what she wanted.',
    'He is happy at his new school and the staff understand him.',
    'i dont like it when its noisy at lunch',
    'More clubs after school that my child can go to would be good.'
  ]
$$;
comment on function app.safeguarding_ordinary_comments is
  'Internal. Ordinary comments no safeguarding phrase may match (see api.add_safeguarding_phrase).';

-- The starting list: harm to self or others, abuse, neglect, feeling unsafe, with common
-- misspellings and the way children write them. Stored normalised.
create function app.safeguarding_starting_phrases()
returns text[]
language sql immutable
set search_path = ''
as $$
  select array[
    -- harm to self
    'kill myself', 'kill my self', 'kil myself', 'kil my self', 'killing myself', 'kms',
    'kill himself', 'kill herself', 'kill themselves', 'hurt himself', 'hurt herself', 'hurting himself',
    'hurting herself', 'self harms', 'cut himself', 'cut herself', 'cutting himself', 'cutting herself',
    'want to die', 'wants to die', 'wanted to die', 'wanna die', 'want to be dead', 'wish i was dead', 'wish i were dead', 'wish i wasnt alive',
    'end my life', 'end it all', 'suicide', 'suicidal', 'sucide', 'suicde', 'suiside', 'sewerside',
    'self harm', 'selfharm', 'self harming', 'self harmed', 'self harn',
    'hurt myself', 'hurt my self', 'hurting myself', 'hurting my self', 'hurts myself',
    'cut myself', 'cut my self', 'cutting myself', 'cutting my self', 'cuts myself',
    'no reason to live', 'better off without me', 'better off dead',
    -- harm from or to others
    'hits me', 'hit me', 'hitting me', 'hurts me', 'hurt me', 'hurting me', 'kicks me', 'kicked me', 'punches me',
    'punched me', 'beats me', 'beat me up', 'beats me up', 'slaps me', 'slapped me', 'chokes me', 'strangled',
    'burns me', 'locks me in', 'locked me in', 'throws things at me',
    'kill him', 'kill her', 'kill them', 'kill someone', 'kill everyone', 'hurt someone', 'stab', 'stabbed',
    'knife', 'knifes', 'knives', 'gun',
    -- abuse
    'abuse', 'abused', 'abusing', 'abusive', 'abuser', 'abuce', 'abuesd', 'abussed',
    'touched me', 'touches me', 'touching me', 'touch me', 'tuched me', 'toched me', 'private parts',
    'rape', 'raped', 'sexual', 'groomed', 'grooming', 'inappropriate photos', 'sends me pictures',
    'made me keep a secret', 'told me to keep a secret', 'our secret',
    -- neglect
    'neglect', 'neglected', 'neglecting', 'neglegted', 'niglect',
    'no food', 'nothing to eat', 'not fed', 'dont get fed', 'always hungry', 'hungry all the time',
    'left on my own', 'left alone all night', 'no one looks after me', 'nobody looks after me',
    'no one cares for me', 'nowhere to sleep', 'sleep on the floor',
    -- feeling unsafe
    'not safe', 'unsafe', 'dont feel safe', 'do not feel safe', 'dont feel safe at home', 'dosnt feel safe',
    'feel scared at home', 'scared at home', 'scared to go home', 'afraid to go home', 'frightened at home',
    'scared of my dad', 'scared of my mum', 'scared of my step dad', 'scared of my stepdad',
    'scared of my mom', 'scard of my dad', 'scard of my mum', 'skared', 'frightened of my dad', 'frightened of my mum',
    'run away from home', 'ran away from home', 'running away from home', 'help me please', 'please help me'
  ]
$$;
comment on function app.safeguarding_starting_phrases is
  'Internal. The phrase list every organisation starts with; it edits its own copy.';

create function app.give_starting_phrases()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into app.safeguarding_phrases (organisation_id, phrase)
  select o.id, p from new_organisations o, unnest(app.safeguarding_starting_phrases()) as p
  on conflict do nothing;
  return null;
end
$$;
comment on function app.give_starting_phrases is
  'Trigger on app.organisations, after insert: each new organisation starts with the starting phrase list.';
create trigger organisations_starting_phrases
  after insert on app.organisations
  referencing new table as new_organisations
  for each statement execute function app.give_starting_phrases();

insert into app.safeguarding_phrases (organisation_id, phrase)
select o.id, p from app.organisations o, unnest(app.safeguarding_starting_phrases()) as p
on conflict do nothing;

-- ---------------------------------------------------------------------------------------------
-- Holding items: phrases on arrival, and flags
-- ---------------------------------------------------------------------------------------------

-- Holds every item of `p_ids` whose text matches a phrase of its organisation (and has no open flag).
create function app.hold_matching(p_ids uuid[])
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_n integer;
begin
  with matched as (
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

create function app.feedback_arrived()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform app.hold_matching(array(select id from arrived));
  return null;
end
$$;
comment on function app.feedback_arrived is
  'Trigger on app.feedback, after insert: items whose text holds a safeguarding phrase are held at once, '
  'in the same transaction, so no one else ever reads them before the safeguarding lead.';
create trigger feedback_arrived
  after insert on app.feedback
  referencing new table as arrived
  for each statement execute function app.feedback_arrived();

-- Every free-text answer becomes a feedback item, whoever inserts it.
create function app.answers_to_feedback()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into app.feedback (organisation_id, answer_id, response_id, survey_id, wave_id, question_id,
                            channel, given_on, body, about)
  select a.organisation_id, a.id, r.id, w.survey_id, w.id, a.question_id,
         r.channel::text, (r.submitted_at at time zone 'Europe/London')::date, a.text_value, r.about
  from new_answers a
  join app.questions q on q.id = a.question_id and q.kind = 'free_text'
  join app.responses r on r.id = a.response_id
  join app.waves w on w.id = r.wave_id
  where a.text_value is not null and length(btrim(a.text_value)) > 0;
  return null;
end
$$;
comment on function app.answers_to_feedback is
  'Trigger on app.answers, after insert: each free-text answer becomes a feedback item with its survey, wave, '
  'question, channel, date and the response''s about-you answers.';
create trigger answers_to_feedback
  after insert on app.answers
  referencing new table as new_answers
  for each statement execute function app.answers_to_feedback();

-- The answers already stored.
insert into app.feedback (organisation_id, answer_id, response_id, survey_id, wave_id, question_id,
                          channel, given_on, body, about)
select a.organisation_id, a.id, r.id, w.survey_id, w.id, a.question_id,
       r.channel::text, (r.submitted_at at time zone 'Europe/London')::date, a.text_value, r.about
from app.answers a
join app.questions q on q.id = a.question_id and q.kind = 'free_text'
join app.responses r on r.id = a.response_id
join app.waves w on w.id = r.wave_id
where a.text_value is not null and length(btrim(a.text_value)) > 0
on conflict (answer_id) do nothing;

-- ---------------------------------------------------------------------------------------------
-- API: feedback
-- ---------------------------------------------------------------------------------------------

create function app.feedback_json(f app.feedback)
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
                        where t.feedback_id = f.id), '[]'::jsonb))
$$;
comment on function app.feedback_json is
  'Internal. One feedback item as staff read it (security invoker: read under the caller''s policies).';

create function api.add_feedback(
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
  v_errors jsonb := '{}'::jsonb;
  v_id uuid;
  v_held boolean;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers of this local area can add feedback.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
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
  end if;
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
comment on function api.add_feedback is
  'Admins, leads and officers (not_permitted otherwise). Adds a comment given another way (event, forum, focus '
  'group, Youth Cabinet, school council, Young Inspectors...): channel, date, text, about-you details. Returns '
  '{id, held}: held when its text holds a safeguarding phrase and it went to the safeguarding queue. Bad input '
  'raises invalid_feedback with detail {field: message}.';

create function api.feedback_inbox(
  p_organisation_id uuid,
  p_survey_id uuid default null,
  p_wave_id uuid default null,
  p_channel text default null,
  p_priority_id uuid default null,
  p_untagged boolean default false,
  p_search text default null,
  p_offset integer default 0,
  p_limit integer default 20
)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_search text := nullif(btrim(p_search), '');
  v_total integer;
  v_items jsonb;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only administrators, leads and officers read feedback.'
      using errcode = '42501', hint = 'not_permitted';
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
  ), page as (
    select c.id, row_number() over (order by c.given_on desc, c.created_at desc, c.id) as n from chosen c
    order by n
    offset greatest(coalesce(p_offset, 0), 0) limit least(greatest(coalesce(p_limit, 20), 1), 100)
  )
  select (select count(*) from chosen),
         coalesce((select jsonb_agg(app.feedback_json(f) order by p.n)
                   from page p join app.feedback f on f.id = p.id), '[]'::jsonb)
  into v_total, v_items;
  return jsonb_build_object('total', v_total, 'items', v_items);
end
$$;
comment on function api.feedback_inbox is
  'Admins, leads and officers (not_permitted otherwise). Feedback items of the organisation, newest first, '
  'filtered by survey, wave, channel, priority, untagged and text (or theme); held items are never in it. '
  'Returns {total, items}.';

create function api.feedback_item(p_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select app.feedback_json(f) from app.feedback f
  where f.id = p_id and app.has_role(f.organisation_id, '{admin,lead,officer}') and not f.held
$$;
comment on function api.feedback_item is
  'Admins, leads and officers. One feedback item with its tags, or null (not there, held for safeguarding, or '
  'not the caller''s).';

create function api.tag_feedback(
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
  'Refusals raise invalid_tags with detail {field: message}. Kept in the audit log.';

create function api.flag_feedback(p_id uuid, p_reason text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_item app.feedback;
  v_flag uuid;
begin
  select * into v_item from app.feedback where id = p_id;
  if v_item.id is null or not app.has_role(v_item.organisation_id, '{admin,lead,officer,safeguarding}') then
    raise exception 'This comment is not there any more.' using errcode = '42501', hint = 'not_permitted';
  end if;
  if length(p_reason) > 1000 then
    raise exception 'The reason is too long.' using hint = 'invalid_flag',
      detail = jsonb_build_object('reason', 'Keep the reason to 1,000 characters or fewer.')::text;
  end if;
  select id into v_flag from app.safeguarding_flags where feedback_id = p_id and closed_at is null limit 1;
  if v_flag is null then
    insert into app.safeguarding_flags (organisation_id, feedback_id, raised_by, reason)
    values (v_item.organisation_id, p_id, auth.uid(), nullif(btrim(p_reason), ''))
    returning id into v_flag;
    update app.feedback set held = true where id = p_id;
    perform app.audit(v_item.organisation_id, 'safeguarding.flagged', p_id::text,
      jsonb_build_object('flag_id', v_flag, 'reason', nullif(btrim(p_reason), '')));
  end if;
  return jsonb_build_object('id', p_id, 'flag_id', v_flag);
end
$$;
comment on function api.flag_feedback is
  'Any staff member (admin, lead, officer, safeguarding) of the item''s organisation. Sends the item to the '
  'safeguarding queue at once and hides it from everyone else until the flag is closed. Kept in the audit log.';

-- ---------------------------------------------------------------------------------------------
-- API: the safeguarding queue
-- ---------------------------------------------------------------------------------------------

create function api.safeguarding_queue(p_organisation_id uuid)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_hours integer;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{safeguarding}') then
    raise exception 'Only the safeguarding lead reads the safeguarding queue.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  select o.safeguarding_alert_hours into v_hours from app.organisations o where o.id = p_organisation_id;
  return jsonb_build_object(
    'alert_hours', v_hours,
    'items', coalesce((
      select jsonb_agg(jsonb_build_object(
          'flag_id', g.id,
          'feedback_id', f.id,
          'arrived_at', g.raised_at,
          'waiting_minutes', floor(extract(epoch from (now() - g.raised_at)) / 60)::integer,
          'overdue', now() - g.raised_at > make_interval(hours => v_hours),
          'matched_phrase', g.matched_phrase,
          'flagged_by_staff', g.raised_by is not null,
          'reason', g.reason,
          'text', f.body,
          'channel', f.channel,
          'given_on', f.given_on,
          'survey_title', (select s.title from app.surveys s where s.id = f.survey_id),
          'wave_label', (select w.label from app.waves w where w.id = f.wave_id),
          'about', f.about)
        order by g.raised_at, g.id)
      from app.safeguarding_flags g join app.feedback f on f.id = g.feedback_id
      where g.organisation_id = p_organisation_id and g.closed_at is null), '[]'::jsonb));
end
$$;
comment on function api.safeguarding_queue is
  'The safeguarding role only (not_permitted otherwise). Open flags, oldest first: the text, when it arrived, '
  'how long it has waited, and whether that is longer than the organisation''s safeguarding_alert_hours.';

create function api.close_safeguarding_flag(p_flag_id uuid, p_action text, p_note text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_flag app.safeguarding_flags;
  v_errors jsonb := '{}'::jsonb;
begin
  select * into v_flag from app.safeguarding_flags where id = p_flag_id;
  if v_flag.id is null or not app.has_role(v_flag.organisation_id, '{safeguarding}') then
    raise exception 'Only the safeguarding lead closes a safeguarding flag.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_flag.closed_at is not null then
    raise exception 'This flag was already closed.' using hint = 'invalid_closure',
      detail = jsonb_build_object('action', 'This flag was already closed by someone else.')::text;
  end if;
  if p_action is null or p_action not in ('referred_childrens_services', 'referred_police', 'passed_to_school',
                                          'already_known', 'no_concern', 'other') then
    v_errors := v_errors || jsonb_build_object('action', 'Choose the action you took.');
  elsif p_action = 'other' and nullif(btrim(p_note), '') is null then
    v_errors := v_errors || jsonb_build_object('note', 'Say what you did.');
  end if;
  if length(p_note) > 2000 then
    v_errors := v_errors || jsonb_build_object('note', 'Keep the note to 2,000 characters or fewer.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'The flag cannot be closed yet.' using hint = 'invalid_closure', detail = v_errors::text;
  end if;

  update app.safeguarding_flags
  set closed_at = clock_timestamp(), closed_by = auth.uid(), action = p_action, note = nullif(btrim(p_note), '')
  where id = p_flag_id
  returning * into v_flag;
  update app.feedback f set held = false
  where f.id = v_flag.feedback_id
    and not exists (select 1 from app.safeguarding_flags g where g.feedback_id = f.id and g.closed_at is null);
  perform app.audit(v_flag.organisation_id, 'safeguarding.closed', v_flag.feedback_id::text,
    jsonb_build_object('flag_id', v_flag.id, 'action', v_flag.action, 'note', v_flag.note));
  return jsonb_build_object('id', v_flag.id, 'closed_at', v_flag.closed_at, 'action', v_flag.action);
end
$$;
comment on function api.close_safeguarding_flag is
  'The safeguarding role only. Closes a flag with the action taken (referred_childrens_services, referred_police, '
  'passed_to_school, already_known, no_concern, other with a note) and who took it; the item returns to staff''s '
  'inbox. Refusals raise invalid_closure with detail {field: message}. Kept in the audit log.';

-- ---------------------------------------------------------------------------------------------
-- API: the phrase list
-- ---------------------------------------------------------------------------------------------

create function api.safeguarding_phrases(p_organisation_id uuid)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,safeguarding}') then
    raise exception 'Only administrators and the safeguarding lead keep the phrase list.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  return coalesce((select jsonb_agg(jsonb_build_object('id', p.id, 'phrase', p.phrase) order by p.phrase)
                   from app.safeguarding_phrases p where p.organisation_id = p_organisation_id), '[]'::jsonb);
end
$$;
comment on function api.safeguarding_phrases is 'Admins and the safeguarding role. The organisation''s phrase list.';

create function api.add_safeguarding_phrase(p_organisation_id uuid, p_phrase text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_phrase text := app.safeguarding_normal(p_phrase);
  v_ordinary text;
  v_id uuid;
  v_held integer;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,safeguarding}') then
    raise exception 'Only administrators and the safeguarding lead keep the phrase list.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_phrase = '' then
    raise exception 'The phrase is empty.' using hint = 'invalid_phrase',
      detail = jsonb_build_object('phrase', 'Enter a word or phrase with at least one letter or digit.')::text;
  end if;
  if length(v_phrase) < 3 then
    raise exception 'The phrase is too short.' using hint = 'invalid_phrase',
      detail = jsonb_build_object('phrase', 'Enter at least 3 letters: a shorter entry would match almost every comment.')::text;
  end if;
  if length(v_phrase) > 100 then
    raise exception 'The phrase is too long.' using hint = 'invalid_phrase',
      detail = jsonb_build_object('phrase', 'Keep a phrase to 100 characters or fewer.')::text;
  end if;
  select c into v_ordinary from unnest(app.safeguarding_ordinary_comments()) as c
  where position(' ' || v_phrase || ' ' in ' ' || app.safeguarding_normal(c) || ' ') > 0 limit 1;
  if v_ordinary is not null then
    raise exception 'The phrase matches ordinary comments.' using hint = 'invalid_phrase',
      detail = jsonb_build_object('phrase', format(
        '"%s" would match ordinary comments, such as "%s", and fill the queue. Enter words that only a worrying comment would use.',
        v_phrase, v_ordinary))::text;
  end if;
  if exists (select 1 from app.safeguarding_phrases where organisation_id = p_organisation_id and phrase = v_phrase) then
    raise exception 'The phrase is already in the list.' using hint = 'invalid_phrase',
      detail = jsonb_build_object('phrase', format('"%s" is already in the list.', v_phrase))::text;
  end if;
  insert into app.safeguarding_phrases (organisation_id, phrase, added_by)
  values (p_organisation_id, v_phrase, auth.uid()) returning id into v_id;
  -- comments already here that hold it and were never looked at by the safeguarding lead
  v_held := app.hold_matching(array(
    select f.id from app.feedback f
    where f.organisation_id = p_organisation_id
      and not exists (select 1 from app.safeguarding_flags g where g.feedback_id = f.id)));
  perform app.audit(p_organisation_id, 'safeguarding.phrase_added', v_id::text,
    jsonb_build_object('phrase', v_phrase, 'held', v_held));
  return jsonb_build_object('id', v_id, 'phrase', v_phrase, 'held', v_held);
end
$$;
comment on function api.add_safeguarding_phrase is
  'Admins and the safeguarding role. Adds a phrase (normalised); an empty one, one under 3 letters, or one that '
  'matches an ordinary comment is refused with hint invalid_phrase and detail {phrase: message}. Comments already '
  'stored that hold it and were never flagged go to the queue; returns {id, phrase, held}. Kept in the audit log.';

create function api.remove_safeguarding_phrase(p_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row app.safeguarding_phrases;
begin
  select * into v_row from app.safeguarding_phrases where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,safeguarding}') then
    raise exception 'Only administrators and the safeguarding lead keep the phrase list.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  delete from app.safeguarding_phrases where id = p_id;
  perform app.audit(v_row.organisation_id, 'safeguarding.phrase_removed', p_id::text,
    jsonb_build_object('phrase', v_row.phrase));
  return jsonb_build_object('id', p_id, 'phrase', v_row.phrase);
end
$$;
comment on function api.remove_safeguarding_phrase is
  'Admins and the safeguarding role. Removes a phrase from the list. Kept in the audit log.';

-- ---------------------------------------------------------------------------------------------
-- API: strategy priorities
-- ---------------------------------------------------------------------------------------------

create function api.list_priorities(p_organisation_id uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', p.id, 'code', p.code, 'title', p.title, 'description', p.description, 'position', p.position,
      'retired', p.retired_at is not null,
      'feedback', (select count(*) from app.feedback_priorities fp where fp.priority_id = p.id)::integer)
    order by p.retired_at is not null, p.position), '[]'::jsonb)
  from app.strategy_priorities p
  where p.organisation_id = p_organisation_id
$$;
comment on function api.list_priorities is
  'Members of the organisation. Its strategy priorities, current first in order, with how many feedback items '
  'the caller can read are filed under each.';

create function api.save_priority(
  p_organisation_id uuid,
  p_title text,
  p_id uuid default null,
  p_code text default null,
  p_description text default null,
  p_position integer default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_errors jsonb := '{}'::jsonb;
  v_code text := nullif(btrim(p_code), '');
  v_before app.strategy_priorities;
  v_row app.strategy_priorities;
  v_position integer;
  v_count integer;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads change the strategy priorities.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_id is not null then
    select * into v_before from app.strategy_priorities where id = p_id and organisation_id = p_organisation_id;
    if v_before.id is null then
      raise exception 'This priority is not there any more.' using hint = 'invalid_priority',
        detail = jsonb_build_object('title', 'This priority is not there any more.')::text;
    end if;
  end if;
  if v_code is not null and v_code !~ '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,19}$' then
    v_errors := v_errors || jsonb_build_object('code', 'Use up to 20 letters, digits, dots or dashes, like P1 or 2.3.');
  elsif v_code is not null and exists (select 1 from app.strategy_priorities
      where organisation_id = p_organisation_id and upper(code) = upper(v_code) and id is distinct from p_id) then
    v_errors := v_errors || jsonb_build_object('code', format('Another priority already has the code %s.', v_code));
  end if;
  if p_title is null or length(btrim(p_title)) = 0 then
    v_errors := v_errors || jsonb_build_object('title', 'Enter the priority''s title.');
  elsif length(btrim(p_title)) > 300 then
    v_errors := v_errors || jsonb_build_object('title', 'Keep the title to 300 characters or fewer.');
  end if;
  if length(p_description) > 4000 then
    v_errors := v_errors || jsonb_build_object('description', 'Keep the description to 4,000 characters or fewer.');
  end if;
  if v_errors <> '{}'::jsonb then
    raise exception 'The priority is not complete.' using hint = 'invalid_priority', detail = v_errors::text;
  end if;

  select count(*) into v_count from app.strategy_priorities where organisation_id = p_organisation_id;
  v_position := least(greatest(coalesce(p_position, v_before.position, v_count + 1), 1),
                      case when p_id is null then v_count + 1 else v_count end);
  -- make room: close the old gap, open the new one (positions are checked at commit)
  if p_id is not null then
    update app.strategy_priorities set position = position - 1
    where organisation_id = p_organisation_id and position > v_before.position;
  end if;
  update app.strategy_priorities set position = position + 1
  where organisation_id = p_organisation_id and position >= v_position and id is distinct from p_id;

  if p_id is null then
    insert into app.strategy_priorities (organisation_id, position, code, title, description)
    values (p_organisation_id, v_position, v_code, btrim(p_title), nullif(btrim(p_description), ''))
    returning * into v_row;
  else
    update app.strategy_priorities
    set position = v_position, code = v_code, title = btrim(p_title), description = nullif(btrim(p_description), '')
    where id = p_id returning * into v_row;
  end if;
  perform app.audit(p_organisation_id, case when p_id is null then 'priority.added' else 'priority.changed' end,
    v_row.id::text,
    jsonb_build_object('before', case when p_id is null then null else
                         jsonb_build_object('code', v_before.code, 'title', v_before.title,
                                            'description', v_before.description, 'position', v_before.position) end,
                       'after', jsonb_build_object('code', v_row.code, 'title', v_row.title,
                                                   'description', v_row.description, 'position', v_row.position)));
  return jsonb_build_object('id', v_row.id, 'position', v_row.position);
end
$$;
comment on function api.save_priority is
  'Admins and leads. Adds a strategy priority (p_id null) or changes one: code, title, description and place in '
  'the order (the others move to make room). Refusals raise invalid_priority with detail {field: message}. '
  'Kept in the audit log.';

create function api.add_priorities(p_organisation_id uuid, p_priorities jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_start integer;
  v_added integer;
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads change the strategy priorities.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if jsonb_typeof(p_priorities) is distinct from 'array' or jsonb_array_length(p_priorities) = 0
     or exists (select 1 from jsonb_array_elements(p_priorities) e
                where length(btrim(coalesce(e ->> 'title', ''))) not between 1 and 300
                   or (e ->> 'code') !~ '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,19}$') then
    raise exception 'The priorities are not complete.' using hint = 'invalid_priority',
      detail = jsonb_build_object('template', 'Each priority needs a title and a short code.')::text;
  end if;
  if exists (select 1 from jsonb_array_elements(p_priorities) e join app.strategy_priorities sp
             on sp.organisation_id = p_organisation_id and upper(sp.code) = upper(e ->> 'code')) then
    raise exception 'A code is taken.' using hint = 'invalid_priority',
      detail = jsonb_build_object('template',
        'Some of these codes are already used by your priorities: change or retire those first.')::text;
  end if;
  select coalesce(max(position), 0) into v_start from app.strategy_priorities where organisation_id = p_organisation_id;
  insert into app.strategy_priorities (organisation_id, position, code, title, description)
  select p_organisation_id, v_start + e.n, e.v ->> 'code', btrim(e.v ->> 'title'), nullif(btrim(e.v ->> 'description'), '')
  from jsonb_array_elements(p_priorities) with ordinality as e(v, n);
  get diagnostics v_added = row_count;
  perform app.audit(p_organisation_id, 'priority.added', null,
    jsonb_build_object('after', p_priorities));
  return jsonb_build_object('added', v_added);
end
$$;
comment on function api.add_priorities is
  'Admins and leads. Adds several priorities at once, after the existing ones, all or none (a template: '
  '[{code, title, description}]). Refusals raise invalid_priority with detail {template: message}. Kept in the '
  'audit log.';

create function api.remove_priority(p_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_row app.strategy_priorities;
  v_filed boolean;
begin
  select * into v_row from app.strategy_priorities where id = p_id;
  if v_row.id is null or not app.has_role(v_row.organisation_id, '{admin,lead}') then
    raise exception 'Only administrators and leads change the strategy priorities.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  v_filed := exists (select 1 from app.feedback_priorities where priority_id = p_id);
  if v_filed then
    update app.strategy_priorities set retired_at = coalesce(retired_at, now()) where id = p_id;
  else
    delete from app.strategy_priorities where id = p_id;
    update app.strategy_priorities set position = position - 1
    where organisation_id = v_row.organisation_id and position > v_row.position;
  end if;
  perform app.audit(v_row.organisation_id, case when v_filed then 'priority.retired' else 'priority.deleted' end,
    p_id::text, jsonb_build_object('code', v_row.code, 'title', v_row.title));
  return jsonb_build_object('id', p_id, 'retired', v_filed);
end
$$;
comment on function api.remove_priority is
  'Admins and leads. Deletes a priority with no feedback filed under it; one with feedback is retired instead '
  '(kept, no longer offered for tagging). Returns {id, retired}. Kept in the audit log.';

-- ---------------------------------------------------------------------------------------------
-- API: the audit log
-- ---------------------------------------------------------------------------------------------

create function api.audit_log(p_organisation_id uuid, p_limit integer default 100)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin}') then
    raise exception 'Only administrators read the audit log.' using errcode = '42501', hint = 'not_permitted';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', e.id, 'at', e.at, 'actor', u.email, 'action', e.action,
                                        'subject_id', e.subject_id, 'detail', e.detail) order by e.at desc, e.id desc)
    from (select * from app.audit_log l where l.organisation_id = p_organisation_id
          order by l.at desc, l.id desc limit least(greatest(coalesce(p_limit, 100), 1), 1000)) e
    left join auth.users u on u.id = e.actor), '[]'::jsonb);
end
$$;
comment on function api.audit_log is
  'Admins only. The newest entries of the organisation''s audit log, with who made each change.';

-- ---------------------------------------------------------------------------------------------
-- Only the grants below decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;

grant execute on function app.feedback_json to authenticated, service_role;
grant execute on function api.add_feedback, api.feedback_inbox, api.feedback_item, api.tag_feedback,
  api.flag_feedback, api.safeguarding_queue, api.close_safeguarding_flag, api.safeguarding_phrases,
  api.add_safeguarding_phrase, api.remove_safeguarding_phrase, api.list_priorities, api.save_priority,
  api.remove_priority, api.add_priorities, api.audit_log to authenticated, service_role;
