-- Historic totals (issue 13): imported totals that say what they mean, a baseline that can be moved, and a
-- mistaken wave that can be deleted.
--
--   * The number who answered is required for every question imported, in every group it is given for, and it
--     is the denominator. It used to default to the sum of the answers given, so "85 answered, 64 agreed"
--     imported without its question row read as 64 of 64 (100%) and a change larger than chance that was not
--     there.
--   * Published figures often come as a percentage of a base ("75% of 85"): a row of an answer may give share
--     (0 to 100) and base instead of n. The count stored is share × base / 100 rounded half up, the share it came
--     from is kept (app.option_counts.published_share), and api.indicator_trend says which waves' figures were
--     reconstructed from published percentages (reconstructed). The base must be the number who answered.
--   * An earlier wave can be imported as the baseline of a survey that has one: the old baseline becomes a
--     repeat. Moving the baseline changes what every indicator is compared with, so only admins and leads may,
--     and it is kept in the audit log with the import.
--   * api.delete_wave: an admin or lead deletes a mistaken wave with its responses and counts (the foreign keys
--     cascade), with the reason required and kept in the audit log.

alter table app.option_counts add column published_share numeric check (published_share between 0 and 100);
comment on column app.option_counts.published_share is
  'Waves of aggregated results: the published percentage (0 to 100) this count was reconstructed from, as '
  'share × base / 100 rounded half up to whole people; null when the count itself was given.';

-- ---------------------------------------------------------------------------------------------
-- Importing totals
-- ---------------------------------------------------------------------------------------------

-- Restated whole from 20261123000300_other_channels.sql.
create or replace function api.import_aggregate(p_survey_id uuid, p_wave jsonb, p_counts jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_fields jsonb := '{}'::jsonb;
  v_problems jsonb[] := '{}';
  v_items jsonb[] := '{}';
  v_label text := btrim(coalesce(p_wave ->> 'label', ''));
  v_kind text := coalesce(p_wave ->> 'kind', '');
  v_slug text := lower(btrim(coalesce(p_wave ->> 'slug', '')));
  v_opens timestamptz;
  v_closes timestamptz;
  v_wave_id uuid;
  v_baseline app.waves;
  r record;
  v_q app.questions;
  v_option uuid;
  v_n bigint;
  v_share numeric;
  v_base bigint;
  v_share_text text;
  v_base_text text;
  v_n_given boolean;
  v_dim text;
  v_cat text;
  v_reconstructed integer;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  if not found or not app.has_role(v_survey.organisation_id, '{admin,lead,officer}') then
    raise exception 'No survey you can import into has this id.' using errcode = '42501', hint = 'not_permitted';
  end if;
  if p_wave is null or jsonb_typeof(p_wave) <> 'object' or p_counts is null or jsonb_typeof(p_counts) <> 'array' then
    raise exception 'The wave must be an object and the counts a list.' using hint = 'invalid_request';
  end if;

  -- The wave
  if v_label = '' or char_length(v_label) > 120 then
    v_fields := v_fields || jsonb_build_object('label', 'Enter a name for the wave, up to 120 characters.');
  end if;
  begin
    v_opens := (p_wave ->> 'opens_at')::timestamptz;
  exception when others then
    v_opens := null;
  end;
  begin
    v_closes := (p_wave ->> 'closes_at')::timestamptz;
  exception when others then
    v_closes := null;
  end;
  select * into v_baseline from app.waves w where w.survey_id = p_survey_id and w.kind = 'baseline';
  if v_kind not in ('baseline', 'repeat') then
    v_fields := v_fields || jsonb_build_object('kind', 'Choose baseline or repeat.');
  elsif v_kind = 'baseline' and v_baseline.id is not null then
    -- moving the baseline: every indicator is then compared with this wave
    if not app.has_role(v_survey.organisation_id, '{admin,lead}') then
      v_fields := v_fields || jsonb_build_object('kind', format(
        'This survey has a baseline already, “%s”. Only an administrator or lead can move the baseline: '
        'import this wave as a repeat, or ask one of them.', v_baseline.label));
    elsif v_opens is not null and v_opens >= v_baseline.opens_at then
      v_fields := v_fields || jsonb_build_object('kind', format(
        'A new baseline must come before the current one, “%s”, which opened on %s. Import this wave as a repeat.',
        v_baseline.label, to_char(v_baseline.opens_at at time zone 'Europe/London', 'FMDD FMMonth YYYY')));
    end if;
  end if;
  if v_slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' or length(v_slug) > 80 then
    v_fields := v_fields || jsonb_build_object('slug',
      'Use lower-case letters, numbers and single hyphens, up to 80 characters, like send-survey-2019.');
  elsif exists (select 1 from app.waves w where w.slug = v_slug) then
    v_fields := v_fields || jsonb_build_object('slug', 'Another wave has this link name. Choose another.');
  end if;
  if v_opens is null then
    v_fields := v_fields || jsonb_build_object('opens_at', 'Enter the date the wave opened.');
  end if;
  if v_closes is null then
    v_fields := v_fields || jsonb_build_object('closes_at', 'Enter the date the wave closed.');
  elsif v_opens is not null and v_closes <= v_opens then
    v_fields := v_fields || jsonb_build_object('closes_at', 'The closing date must be after the opening date.');
  elsif v_closes > now() then
    v_fields := v_fields || jsonb_build_object('closes_at',
      'Aggregated results are for a wave that has closed: the closing date must be before today.');
  end if;

  -- The counts, one item a row: no question_key is the number of respondents in the group; a question_key
  -- with no option_value is the number who answered that question (required for every question with answers
  -- given); both is an answer, given as n or as share (a percentage) of base.
  if jsonb_array_length(p_counts) = 0 then
    v_problems := v_problems || jsonb_build_object('row', null, 'message', 'There are no counts to import.');
  elsif jsonb_array_length(p_counts) > 20000 then
    raise exception 'Import at most 20,000 counts at a time.' using hint = 'invalid_request';
  end if;
  for r in
    select x, i::integer as i,
      nullif(btrim(x ->> 'question_key'), '') as qk,
      nullif(btrim(x ->> 'option_value'), '') as ov,
      nullif(btrim(x ->> 'dimension'), '') as dim,
      nullif(btrim(x ->> 'category'), '') as cat
    from jsonb_array_elements(p_counts) with ordinality t(x, i)
  loop
    if jsonb_typeof(r.x) <> 'object' then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message', 'Each count must be an object.');
      continue;
    end if;
    v_n := null;
    v_share := null;
    v_base := null;
    v_n_given := coalesce(jsonb_typeof(r.x -> 'n'), 'null') <> 'null' and btrim(r.x ->> 'n') <> '';
    v_share_text := nullif(btrim(case when jsonb_typeof(r.x -> 'share') = 'null' then '' else r.x ->> 'share' end), '');
    v_base_text := nullif(btrim(case when jsonb_typeof(r.x -> 'base') = 'null' then '' else r.x ->> 'base' end), '');

    if v_share_text is not null or v_base_text is not null then
      if v_n_given then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          'Give either n or share and base, not both.');
        continue;
      elsif r.qk is null or r.ov is null then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          'share and base are for the rows of answers (with a question_key and an option_value). '
          'Give n for the number of respondents and for the number who answered a question.');
        continue;
      elsif v_share_text is null then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          'A base needs its share: the percentage of the base who gave this answer.');
        continue;
      elsif v_base_text is null then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          'A share needs its base: how many answered the question, that the share is a percentage of.');
        continue;
      end if;
      if v_share_text ~ '^-?\d+(\.\d+)?%?$' then
        v_share := rtrim(v_share_text, '%')::numeric;
      end if;
      if v_share is null then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          format('share must be a percentage from 0 to 100, like 75 or 75.5; it is “%s”.', left(v_share_text, 40)));
        continue;
      elsif v_share < 0 or v_share > 100 then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          format('share must be from 0 to 100; it is %s.', v_share_text));
        continue;
      end if;
      if v_base_text ~ '^\d{1,9}$' then
        v_base := v_base_text::bigint;
      end if;
      if v_base is null then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          format('base must be a whole number of people, 1 or more; it is “%s”.', left(v_base_text, 40)));
        continue;
      elsif v_base < 1 or v_base > 10000000 then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          'base must be a whole number of people, from 1 to 10,000,000.');
        continue;
      end if;
      -- whole people, rounded half up
      v_n := floor(v_share * v_base / 100 + 0.5)::bigint;
    else
      begin
        if jsonb_typeof(r.x -> 'n') = 'number' or btrim(r.x ->> 'n') ~ '^-?\d+$' then
          v_n := (r.x ->> 'n')::numeric;
          if v_n <> (r.x ->> 'n')::numeric then
            v_n := null;
          end if;
        end if;
      exception when others then
        v_n := null;
      end;
      if not v_n_given then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          case when r.ov is null then 'Give n, the count.' else 'Give n, or share and base.' end);
        continue;
      elsif v_n is null then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
          format('n must be a whole number; it is “%s”.', left(coalesce(r.x ->> 'n', ''), 40)));
        continue;
      elsif v_n < 0 then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message', 'n must be 0 or more.');
        continue;
      elsif v_n > 10000000 then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message', 'n is too large.');
        continue;
      end if;
    end if;

    if (r.dim is null) <> (r.cat is null) or r.dim = '_all' then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        'Give both a dimension and a category for a group, or neither for everyone.');
      continue;
    end if;
    v_dim := coalesce(r.dim, '_all');
    v_cat := coalesce(r.cat, '_all');
    if v_dim <> '_all' and not exists (
      select 1 from app.about_categories c
      where c.dimension = v_dim and c.code = v_cat
        and (c.organisation_id is null or c.organisation_id = v_survey.organisation_id)) then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        case when exists (select 1 from app.about_dimensions d where d.key = v_dim)
             then format('“%s” is not a category of %s.', r.cat, r.dim)
             else format('“%s” is not an about-you dimension.', r.dim) end);
      continue;
    end if;

    if r.qk is null then
      if r.ov is not null then
        v_problems := v_problems || jsonb_build_object('row', r.i, 'message', 'An option_value needs its question_key.');
        continue;
      end if;
      v_items := v_items || jsonb_build_object('row', r.i, 'what', 'group', 'd', v_dim, 'c', v_cat, 'n', v_n);
      continue;
    end if;

    select * into v_q from app.questions q where q.survey_id = p_survey_id and q.key = r.qk;
    if not found then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        format('“%s” is not a question of this survey.', left(r.qk, 60)));
      continue;
    end if;
    if r.ov is null then
      v_items := v_items || jsonb_build_object('row', r.i, 'what', 'question', 'q', v_q.id, 'key', v_q.key,
        'kind', v_q.kind, 'd', v_dim, 'c', v_cat, 'n', v_n);
      continue;
    end if;
    select o.id into v_option from app.question_options o where o.question_id = v_q.id and o.value = r.ov;
    if v_option is null then
      v_problems := v_problems || jsonb_build_object('row', r.i, 'message',
        format('“%s” is not an answer to %s. Use one of: %s.', left(r.ov, 60), v_q.key,
          (select string_agg(o.value, ', ' order by o.position) from app.question_options o where o.question_id = v_q.id)));
      continue;
    end if;
    v_items := v_items || jsonb_build_object('row', r.i, 'what', 'option', 'q', v_q.id, 'key', v_q.key,
      'kind', v_q.kind, 'o', v_option, 'positive',
      (select o.is_positive from app.question_options o where o.id = v_option), 'd', v_dim, 'c', v_cat, 'n', v_n,
      'share', v_share, 'base', v_base);
  end loop;

  -- Checks across rows
  create temporary table if not exists pg_temp.aggregate_items (
    ord integer, what text, q uuid, key text, kind text, o uuid, positive boolean, d text, c text, n bigint,
    share numeric, base bigint
  ) on commit drop;
  truncate pg_temp.aggregate_items;
  insert into pg_temp.aggregate_items (ord, what, q, key, kind, o, positive, d, c, n, share, base)
  select (x ->> 'row')::integer, x ->> 'what', (x ->> 'q')::uuid, x ->> 'key', x ->> 'kind', (x ->> 'o')::uuid,
         (x ->> 'positive')::boolean, x ->> 'd', x ->> 'c', (x ->> 'n')::bigint,
         (x ->> 'share')::numeric, (x ->> 'base')::bigint
  from unnest(v_items) x;

  for r in
    select max(ord) as ord from pg_temp.aggregate_items
    group by what, q, o, d, c having count(*) > 1
  loop
    v_problems := v_problems || jsonb_build_object('row', r.ord, 'message', 'An earlier row gives this same count.');
  end loop;

  if cardinality(v_problems) = 0 then
    if not exists (select 1 from pg_temp.aggregate_items where what = 'group' and d = '_all') then
      v_problems := v_problems || jsonb_build_object('row', null, 'message',
        'Give the number of respondents: a row with n and no question_key, dimension or category.');
    end if;
    for r in
      select min(i.ord) as ord, i.d, i.c from pg_temp.aggregate_items i
      where i.what <> 'group'
        and not exists (select 1 from pg_temp.aggregate_items g where g.what = 'group' and g.d = i.d and g.c = i.c)
      group by i.d, i.c
    loop
      v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
        format('Give the number of respondents in %s %s: a row with no question_key.', r.d, r.c));
    end loop;
    for r in
      select max(g.ord) as ord, g.d from pg_temp.aggregate_items g
      where g.what = 'group' and g.d <> '_all'
      group by g.d
      having sum(g.n) > (select a.n from pg_temp.aggregate_items a where a.what = 'group' and a.d = '_all')
    loop
      v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
        format('The groups of %s add up to more than the number of respondents.', r.d));
    end loop;
    -- the number who answered is the denominator: never guessed from the answers given
    for r in
      select min(i.ord) as ord, min(i.key) as key, i.d, i.c from pg_temp.aggregate_items i
      where i.what = 'option'
        and not exists (select 1 from pg_temp.aggregate_items a
                        where a.what = 'question' and a.q = i.q and a.d = i.d and a.c = i.c)
      group by i.q, i.d, i.c
      order by 1
    loop
      v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
        format('Give how many answered %s%s: a row with question_key %s, %sno option_value, and n. '
               'It is the number each share is of, so it cannot be worked out from the answers.',
          r.key, case when r.d = '_all' then '' else format(' in %s %s', r.d, r.c) end, r.key,
          case when r.d = '_all' then '' else format('dimension %s, category %s, ', r.d, r.c) end));
    end loop;
    -- a share is of the people who answered
    for r in
      select i.ord, i.key, i.base, a.n as answered, a.ord as question_row from pg_temp.aggregate_items i
      join pg_temp.aggregate_items a on a.what = 'question' and a.q = i.q and a.d = i.d and a.c = i.c
      where i.what = 'option' and i.base is not null and i.base <> a.n
      order by i.ord
    loop
      v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
        format('The base (%s) is not the number who answered %s (%s, on row %s). A share is of the people who '
               'answered the question.', r.base, r.key, r.answered, r.question_row));
    end loop;
  end if;

  if cardinality(v_problems) = 0 then
    -- Per question and group: who answered (its question row), against its answers and the group. Counts
    -- worked out from published percentages may not add up exactly: each percentage may have been rounded
    -- to a whole number (half a point of its base) and each count is rounded to whole people (half a person).
    create temporary table if not exists pg_temp.aggregate_answered (
      ord integer, q uuid, key text, kind text, d text, c text, answered bigint, given boolean,
      options bigint, positive bigint, largest bigint, respondents bigint, slack bigint
    ) on commit drop;
    truncate pg_temp.aggregate_answered;
    insert into pg_temp.aggregate_answered
      (ord, q, key, kind, d, c, answered, given, options, positive, largest, respondents, slack)
    select min(i.ord), i.q, min(i.key), min(i.kind), i.d, i.c,
      coalesce(max(i.n) filter (where i.what = 'question'), 0),
      bool_or(i.what = 'question'),
      coalesce(sum(i.n) filter (where i.what = 'option'), 0),
      coalesce(sum(i.n) filter (where i.what = 'option' and i.positive), 0),
      coalesce(max(i.n) filter (where i.what = 'option'), 0),
      max(g.n),
      coalesce(floor(sum(0.5 + i.base * 0.005) filter (where i.what = 'option' and i.share is not null)), 0)::bigint
    from pg_temp.aggregate_items i
    join pg_temp.aggregate_items g on g.what = 'group' and g.d = i.d and g.c = i.c
    where i.what in ('question', 'option')
    group by i.q, i.d, i.c;

    for r in select * from pg_temp.aggregate_answered order by ord loop
      if r.answered > r.respondents then
        v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
          format('More people answered %s (%s) than there were respondents (%s).', r.key, r.answered, r.respondents));
      elsif r.kind in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10')
            and abs(r.options - r.answered) > r.slack then
        v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
          format('The answers to %s add up to %s, not the %s who answered it.', r.key, r.options, r.answered)
          || case when r.slack > 0 then format(' Rounding the percentages explains a difference of %s at most.', r.slack)
                  else '' end);
      elsif r.positive > r.answered or r.largest > r.answered then
        v_problems := v_problems || jsonb_build_object('row', r.ord, 'message',
          format('An answer to %s has more people than answered the question (%s).', r.key, r.answered));
      end if;
    end loop;
  end if;

  if v_fields <> '{}'::jsonb or cardinality(v_problems) > 0 then
    raise exception 'Nothing was imported: the wave or the counts need attention.'
      using hint = 'invalid_aggregate',
            detail = jsonb_build_object('fields', v_fields, 'rows', to_jsonb(v_problems))::text;
  end if;

  if v_kind = 'baseline' and v_baseline.id is not null then
    -- the baseline moves to this earlier wave: the old one is a repeat from now on
    update app.waves set kind = 'repeat' where id = v_baseline.id;
  end if;
  insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at, source)
  values (v_survey.organisation_id, v_survey.id, v_slug, v_kind::app.wave_kind, v_label, v_opens, v_closes, 'aggregate')
  returning id into v_wave_id;

  insert into app.wave_group_counts (organisation_id, wave_id, dimension, category, n)
  select v_survey.organisation_id, v_wave_id, d, c, n from pg_temp.aggregate_items where what = 'group';
  insert into app.question_counts (organisation_id, wave_id, question_id, dimension, category, n)
  select v_survey.organisation_id, v_wave_id, q, d, c, answered from pg_temp.aggregate_answered;
  insert into app.option_counts (organisation_id, wave_id, question_id, option_id, dimension, category, n, published_share)
  select v_survey.organisation_id, v_wave_id, q, o, d, c, n, share from pg_temp.aggregate_items where what = 'option';

  select count(*) into v_reconstructed from pg_temp.aggregate_items where share is not null;
  perform app.audit(v_survey.organisation_id, 'wave.imported', v_wave_id::text, jsonb_build_object(
    'survey_id', v_survey.id, 'label', v_label, 'kind', v_kind, 'slug', v_slug,
    'respondents', (select n from pg_temp.aggregate_items where what = 'group' and d = '_all'),
    'counts', cardinality(v_items), 'reconstructed', v_reconstructed,
    'baseline_moved_from', case when v_kind = 'baseline' and v_baseline.id is not null
                                then jsonb_build_object('id', v_baseline.id, 'label', v_baseline.label) end));

  return jsonb_build_object('wave_id', v_wave_id, 'slug', v_slug,
    'respondents', (select n from pg_temp.aggregate_items where what = 'group' and d = '_all'),
    'counts', cardinality(v_items),
    'reconstructed', v_reconstructed,
    'previous_baseline', case when v_kind = 'baseline' and v_baseline.id is not null then v_baseline.label end);
end
$$;
comment on function api.import_aggregate is
  'Admins, leads and officers of the survey''s organisation. Creates a closed wave of aggregated results from '
  'a previous tool (source aggregate; p_wave: label, kind, opens_at, closes_at, slug) and writes p_counts straight '
  'into the running counts, so indicator_trend reads it with the other waves. p_counts is a list of '
  '{question_key, option_value, n, share, base, dimension, category}: no question_key is the number of respondents '
  'in the group (required for everyone); no option_value the number who answered the question, required for '
  'every question and group with answers given, and the denominator of their shares; both is an answer, with n, '
  'or share (a percentage, 0 to 100) of base (which must be the number who answered), stored as share × base / '
  '100 rounded half up with the share kept (option_counts.published_share). kind baseline when the survey has a '
  'baseline moves it (admins and leads only; the wave must open before it): the old baseline becomes a repeat. '
  'Kept in the audit log (wave.imported). Returns {wave_id, slug, respondents, counts, reconstructed (counts '
  'worked out from percentages), previous_baseline (label, or null)}. All or nothing: invalid input raises hint '
  'invalid_aggregate with detail {fields: field -> message, rows: [{row, message}]}.';

-- ---------------------------------------------------------------------------------------------
-- Deleting a mistaken wave
-- ---------------------------------------------------------------------------------------------

create function api.delete_wave(p_wave_id uuid, p_reason text)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_wave app.waves;
  v_reason text := btrim(coalesce(p_reason, ''));
  v_responses bigint;
  v_respondents bigint;
  v_flags bigint;
  v_cited bigint;
begin
  select * into v_wave from app.waves w where w.id = p_wave_id;
  if not found or not app.has_role(v_wave.organisation_id, '{admin,lead}') then
    raise exception 'Only an administrator or lead of its local area can delete a wave.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
  if v_reason = '' then
    raise exception 'Give the reason for deleting this wave.' using hint = 'invalid_request',
      detail = jsonb_build_object('reason', 'Give the reason for deleting this wave: it is kept in the audit log.')::text;
  elsif char_length(v_reason) > 1000 then
    raise exception 'The reason is too long.' using hint = 'invalid_request',
      detail = jsonb_build_object('reason', 'Keep the reason to 1,000 characters.')::text;
  end if;

  -- what would go silently with its comments is refused, saying what to do first
  select count(*) into v_flags from app.safeguarding_flags f
  join app.feedback fb on fb.id = f.feedback_id
  where fb.wave_id = v_wave.id and f.closed_at is null;
  if v_flags > 0 then
    raise exception '% from this wave % waiting in the safeguarding queue. The safeguarding lead must close % before the wave can be deleted.',
      case when v_flags = 1 then 'A comment' else v_flags || ' comments' end,
      case when v_flags = 1 then 'is' else 'are' end,
      case when v_flags = 1 then 'its flag' else 'their flags' end
      using hint = 'invalid_request';
  end if;
  select count(distinct e.decision_id) into v_cited from app.decision_evidence e
  join app.feedback fb on fb.id = e.feedback_id
  where fb.wave_id = v_wave.id;
  if v_cited > 0 then
    raise exception 'Comments from this wave are evidence for %. Unlink them from % first.',
      case when v_cited = 1 then 'a decision' else v_cited || ' decisions' end,
      case when v_cited = 1 then 'it' else 'each' end
      using hint = 'invalid_request';
  end if;

  select count(*) into v_responses from app.responses r where r.wave_id = v_wave.id;
  select c.n into v_respondents from app.wave_group_counts c
  where c.wave_id = v_wave.id and c.dimension = '_all' and c.category = '_all';
  -- its responses, answers, counts, snapshots, invitations and drafts go with it (on delete cascade)
  delete from app.waves w where w.id = v_wave.id;
  perform app.audit(v_wave.organisation_id, 'wave.deleted', v_wave.id::text, jsonb_build_object(
    'reason', v_reason, 'responses', v_responses, 'respondents', coalesce(v_respondents, 0),
    'before', to_jsonb(v_wave) - 'organisation_id'));
  return jsonb_build_object('wave_id', v_wave.id, 'survey_id', v_wave.survey_id, 'label', v_wave.label,
    'kind', v_wave.kind, 'source', v_wave.source, 'responses', v_responses,
    'respondents', coalesce(v_respondents, 0));
end
$$;
comment on function api.delete_wave is
  'Admins and leads of the wave''s organisation (not_permitted for anyone else, and for an id that is no wave). '
  'Deletes a mistaken wave with its responses, answers and counts, keeping p_reason (required, up to 1,000 '
  'characters; hint invalid_request with detail {reason: message}) and the wave as it was in the audit log '
  '(wave.deleted). Refused (hint invalid_request, the message saying what to do first) while a comment from it '
  'is in the safeguarding queue or is evidence for a decision. A baseline deleted leaves the survey with none. Returns {wave_id, survey_id, label, kind, '
  'source, responses (deleted), respondents (its count of everyone)}.';

-- ---------------------------------------------------------------------------------------------
-- The trend says which waves were reconstructed from published percentages
-- ---------------------------------------------------------------------------------------------

-- Restated whole from 20261208000100_several_answers_count_people.sql (as amended in e717808); only
-- reconstructed is new.
drop function api.indicator_trend(uuid, text, text);
create function api.indicator_trend(p_question_id uuid, p_dimension text default '_all', p_category text default '_all')
returns table (
  wave_id uuid, wave_label text, wave_kind app.wave_kind, opens_at timestamptz, closes_at timestamptz,
  n integer, positive integer, share numeric, suppressed boolean, n_suppressed boolean,
  small_numbers boolean, rounded_to integer, as_of timestamptz, rule jsonb, people_unknown boolean,
  reconstructed boolean
)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_exact boolean;
  v_rule app.disclosure_rules;
  v_w app.waves;
  v_several boolean;
  v_pp_positive integer;
  v_pp_hidden boolean := false;
  v_pp_unknown boolean := false;
  v_reconstructed boolean;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  if not found or not (app.has_role(v_q.organisation_id) or app.sees_exact_figures(v_q.organisation_id)) then
    return;
  end if;
  v_exact := app.sees_exact_figures(v_q.organisation_id);
  v_rule := app.disclosure_rule_of(v_q.organisation_id);
  v_several := v_q.kind = 'multi_choice';
  for v_w in select * from app.waves w where w.survey_id = v_q.survey_id order by w.opens_at, w.id loop
    if v_several then
      select pp.o_positive, pp.o_hidden, pp.o_unknown into v_pp_positive, v_pp_hidden, v_pp_unknown
      from app.people_positive(v_q.id, v_w.id, v_exact, v_rule,
        coalesce(p_dimension, '_all'), coalesce(p_category, '_all')) pp;
    end if;
    -- an answer of the group's figures was imported as a published percentage of a base
    v_reconstructed := v_w.source = 'aggregate' and exists (
      select 1 from app.option_counts c
      where c.wave_id = v_w.id and c.question_id = v_q.id and c.published_share is not null
        and app.group_sign(c.dimension, c.category, coalesce(p_dimension, '_all'), coalesce(p_category, '_all')) <> 0);
    return query
    with f as (
      select * from app.question_figures(v_q.id, v_w.id, v_exact, v_rule) x
    ), grp as (
      select f.group_index from f where f.dimension = coalesce(p_dimension, '_all') and f.category = coalesce(p_category, '_all')
      limit 1
    ), withheld as (
      -- a group of a question that a restricted reader gets for everyone only
      select not v_exact and not exists (select 1 from grp) and not coalesce((select bool_or(f.grouped) from f), false) as w
    ), cells as (
      select f.* from f join grp on grp.group_index = f.group_index
    ), agg as (
      select
        max(case when v_exact then c.exact else c.published end) filter (where c.col is null) as n,
        -- a group a restricted reader gets no row for (a question published for everyone only) is withheld
        coalesce(bool_or(c.hidden) filter (where c.col is null), (select x.w from withheld x)) as n_hidden,
        -- several answers: the people with a positive tick (app.people_positive); one answer: its positive answers
        case when v_several then v_pp_positive
             else coalesce(sum(case when v_exact then c.exact else c.published end) filter (where c.positive), 0)::integer
        end as positive,
        case when v_several then v_pp_hidden or (select x.w from withheld x)
             else coalesce(bool_or(c.hidden) filter (where c.positive), (select x.w from withheld x)) end as positive_hidden,
        coalesce(bool_or(c.small), false)
          or coalesce(v_several and v_exact and v_pp_positive between 1 and v_rule.threshold - 1, false) as small
      from cells c
    )
    select v_w.id, v_w.label, v_w.kind, v_w.opens_at, v_w.closes_at,
      case when a.n_hidden then null else coalesce(a.n, 0) end,
      case when a.n_hidden or a.positive_hidden then null else a.positive end,
      case when a.n_hidden or a.positive_hidden or coalesce(a.n, 0) = 0 or a.positive is null then null
           when not v_exact and a.n < v_rule.threshold then null
           else least(1, round(a.positive::numeric / a.n, 4)) end,
      coalesce(a.n_hidden or a.positive_hidden, false),
      coalesce(a.n_hidden, false),
      a.small,
      (select max(f.rounded_to) from f),
      (select max(f.as_of) from f),
      app.disclosure_rule_json(v_rule),
      v_several and coalesce(v_pp_unknown, false) and not coalesce(a.n_hidden, false),
      v_reconstructed
    from agg a;
  end loop;
end
$$;
comment on function api.indicator_trend is
  'Members of the question''s organisation. One row per wave of the question''s survey (in order): how many in '
  'the group answered (n), how many gave a positive answer and the share, exact for admins, leads, officers and '
  'the safeguarding lead (small_numbers true on a count under the threshold), else through the organisation''s '
  'disclosure rule (suppressed, n_suppressed, rounded_to; an open wave as of its daily snapshot, as_of). A '
  'several-answer question counts people, not ticks: a person is positive once if any of their ticks is; '
  'people_unknown is true for a wave of aggregated results whose totals give the ticks of several positive '
  'answers only, which cannot say how many people (positive and share null). reconstructed is true for a wave '
  'of aggregated results whose answers to the question (in the group) were imported as published percentages '
  'of a base and rounded to whole people. rule is the rule followed.';

comment on table app.audit_log is
  'Every staff change to tags, quotes, safeguarding flags and phrases, strategy priorities, decisions and their '
  'evidence, test questions and engagement activities, and every import of a wave''s totals and deletion of a '
  'wave. Append-only.';

-- ---------------------------------------------------------------------------------------------
-- Only the grants decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke all on function api.import_aggregate(uuid, jsonb, jsonb) from public, anon;
revoke all on function api.delete_wave(uuid, text) from public, anon;
revoke all on function api.indicator_trend(uuid, text, text) from public, anon;
grant execute on function api.import_aggregate(uuid, jsonb, jsonb) to authenticated, service_role;
grant execute on function api.delete_wave(uuid, text) to authenticated, service_role;
grant execute on function api.indicator_trend(uuid, text, text) to authenticated, service_role;
