-- Responses out: admins, leads and officers download a wave's responses (or all the waves of a
-- survey) as a file, one row a response. The app streams the file while it reads the responses a
-- page at a time (api.response_export_page), so neither the database nor the server holds them all
-- at once. Each download starts with api.start_response_export, which gives the data dictionary
-- (questions, options, versions, about-you categories) and writes who downloaded which wave, and
-- when, to app.response_exports: the audit log.
--
-- Free text is left out of the export for now: it may hold a safeguarding disclosure, and the
-- safeguarding work (in progress) will decide when a reviewed answer may leave the database. The
-- dictionary lists free-text questions with exported = false so that the file says so.

create table app.response_exports (
  id bigint generated always as identity primary key,
  organisation_id uuid not null references app.organisations (id) on delete cascade,
  survey_id uuid not null,
  -- null: every wave of the survey
  wave_id uuid,
  -- kept as it was when downloaded, should the wave later be deleted
  wave_label text,
  format text not null check (format in ('csv', 'xlsx')),
  labels boolean not null,
  responses integer not null check (responses >= 0),
  exported_by uuid not null,
  exported_at timestamptz not null default now(),
  foreign key (survey_id, organisation_id) references app.surveys (id, organisation_id) on delete cascade,
  foreign key (wave_id, organisation_id) references app.waves (id, organisation_id) on delete set null (wave_id)
);
create index response_exports_organisation_idx on app.response_exports (organisation_id, exported_at desc);
comment on table app.response_exports is
  'The audit log of downloads of responses: who (exported_by), when, which survey and wave (null: all '
  'waves), as what. Written by api.start_response_export only; never changed.';

alter table app.response_exports enable row level security;
grant select on app.response_exports to authenticated;
grant all on app.response_exports to service_role;
-- Read by the staff who may download; written only by the security definer function below, so no
-- insert, update or delete policy: the log cannot be changed through the API.
create policy "survey staff read the downloads log" on app.response_exports
  for select to authenticated using (app.has_role(organisation_id, '{admin,lead,officer}'));

create function app.refuse_unless_exporter(p_organisation_id uuid)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if p_organisation_id is null or not app.has_role(p_organisation_id, '{admin,lead,officer}') then
    raise exception 'Only an administrator, lead or officer of this local area can download its responses.'
      using errcode = '42501', hint = 'not_permitted';
  end if;
end
$$;
comment on function app.refuse_unless_exporter is
  'Internal. Raises not_permitted (42501) unless the caller is admin, lead or officer of the organisation.';
grant execute on function app.refuse_unless_exporter to authenticated, service_role;

create function api.start_response_export(
  p_survey_id uuid,
  p_wave_id uuid default null,
  p_format text default 'csv',
  p_labels boolean default true
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_wave app.waves;
  v_responses integer;
begin
  select * into v_survey from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_exporter(v_survey.organisation_id);
  if p_wave_id is not null then
    select * into v_wave from app.waves w where w.id = p_wave_id and w.survey_id = p_survey_id;
    if not found then
      raise exception 'That wave is not one of this survey''s.' using hint = 'invalid_request';
    end if;
  end if;
  if p_format is null or p_format not in ('csv', 'xlsx') then
    raise exception 'Choose CSV or a spreadsheet (XLSX).' using hint = 'invalid_request';
  end if;

  select count(*)::int into v_responses
  from app.responses r join app.waves w on w.id = r.wave_id
  where w.survey_id = p_survey_id and (p_wave_id is null or r.wave_id = p_wave_id);

  insert into app.response_exports
    (organisation_id, survey_id, wave_id, wave_label, format, labels, responses, exported_by)
  values
    (v_survey.organisation_id, v_survey.id, v_wave.id, v_wave.label, p_format, coalesce(p_labels, true),
     v_responses, auth.uid());

  return jsonb_build_object(
    'survey', jsonb_build_object('id', v_survey.id, 'title', v_survey.title, 'slug', v_survey.slug),
    'organisation', (select o.name from app.organisations o where o.id = v_survey.organisation_id),
    'responses', v_responses,
    'waves', coalesce((
      select jsonb_agg(jsonb_build_object('id', w.id, 'slug', w.slug, 'label', w.label, 'kind', w.kind)
                       order by w.opens_at, w.slug)
      from app.waves w
      where w.survey_id = p_survey_id and (p_wave_id is null or w.id = p_wave_id)), '[]'::jsonb),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', q.key, 'kind', q.kind, 'prompt', q.prompt, 'version', q.version,
        'exported', q.kind <> 'free_text',
        'options', coalesce((
          select jsonb_agg(jsonb_build_object('value', o.value, 'label', o.label) order by o.position)
          from app.question_options o where o.question_id = q.id), '[]'::jsonb),
        -- each earlier wording's version and when it was replaced: a response sent before then
        -- answered that version
        'versions', coalesce((
          select jsonb_agg(jsonb_build_object('version', v.version, 'prompt', v.prompt,
                                              'replaced_at', v.replaced_at) order by v.version)
          from app.question_versions v where v.question_id = q.id), '[]'::jsonb)
      ) order by q.position)
      from app.questions q where q.survey_id = p_survey_id), '[]'::jsonb),
    'about', app.survey_about(p_survey_id)
  );
end
$$;
comment on function api.start_response_export is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). Starts a download '
  'of the responses of one wave (or of every wave, p_wave_id null): records it in app.response_exports '
  '(who, when, which wave, as what) and returns the data dictionary: the survey, its waves, its questions '
  '(kind, wording, version, options, earlier wordings; free text marked exported = false) and about-you '
  'categories. The responses themselves come from api.response_export_page.';
revoke all on function api.start_response_export from public, anon;
grant execute on function api.start_response_export to authenticated, service_role;

create function api.response_export_page(
  p_survey_id uuid,
  p_wave_id uuid default null,
  p_after_submitted_at timestamptz default null,
  p_after_id uuid default null,
  p_limit integer default 1000
)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_organisation_id uuid;
begin
  select s.organisation_id into v_organisation_id from app.surveys s where s.id = p_survey_id;
  perform app.refuse_unless_exporter(v_organisation_id);
  if p_limit is null or p_limit not between 1 and 10000 then
    raise exception 'A page holds 1 to 10,000 responses.' using hint = 'invalid_request';
  end if;

  -- Security definer for speed: the caller's role is checked once above, not on each of a million
  -- answer rows by the policies. Only the survey's own responses are read.
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', r.id, 'wave', w.slug, 'submitted_at', r.submitted_at, 'channel', r.channel,
      'language', r.language, 'assistance', r.assistance, 'about', r.about,
      'answers', coalesce((
        select jsonb_object_agg(x.key, x.answer)
        from (
          select q.key,
                 case when bool_or(a.option_id is not null)
                      then jsonb_agg(o.value order by o.position) filter (where o.id is not null)
                      else to_jsonb(min(a.number_value)) end as answer
          from app.answers a
          join app.questions q on q.id = a.question_id
          left join app.question_options o on o.id = a.option_id
          -- free text stays in the database until the safeguarding review lets it out
          where a.response_id = r.id and q.kind <> 'free_text'
          group by q.key
        ) x), '{}'::jsonb)
    ) order by r.submitted_at, r.id)
    from (
      select r.* from app.responses r
      join app.waves w on w.id = r.wave_id
      where w.survey_id = p_survey_id
        and (p_wave_id is null or r.wave_id = p_wave_id)
        and (p_after_submitted_at is null
             or (r.submitted_at, r.id) > (p_after_submitted_at, coalesce(p_after_id, '00000000-0000-0000-0000-000000000000'::uuid)))
      order by r.submitted_at, r.id
      limit p_limit
    ) r
    join app.waves w on w.id = r.wave_id
  ), '[]'::jsonb);
end
$$;
comment on function api.response_export_page is
  'Admins, leads and officers of the survey''s organisation (not_permitted otherwise). One page of a '
  'download of responses, in the order they were sent (submitted_at, id), after the last one of the page '
  'before: each response''s wave, date, channel, language, how it was answered, about-you answers and '
  'answers by question key (option values in order, or a number). Free text is left out.';
revoke all on function api.response_export_page from public, anon;
grant execute on function api.response_export_page to authenticated, service_role;

create index if not exists responses_export_order_idx on app.responses (wave_id, submitted_at, id);

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
