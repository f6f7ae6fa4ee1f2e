-- A draft holds only its survey's fields, within their limits (issue 12, "Drafts (low)": save_draft
-- kept answers under any field name that looked like one). A trigger on app.respondent_drafts, so the
-- rule holds however a draft is written (api.save_draft, api.start_invitation, a later function):
--   * a question of the draft's survey: a multi_choice question a list of its option values (each at
--     most once); a question with options one of its option values; free text no longer than the
--     question allows; any other (a number, a date) at most 100 characters of text;
--   * about.<dimension> for an about-you question the survey asks: one of that question's answer
--     codes (the organisation's own categories too, and "prefer not to say");
--   * assistance: how the answers were given (own, helped, on_behalf);
--   * panel_code: at most 20 characters (it is checked when the answers are sent).
-- An empty answer ('' or []) is always kept: it is how a page says "not answered".
-- Only what a save changes is checked: an answer kept before a question was changed or removed stays
-- as it was (it is dropped or checked again when the response is sent), so a survey edited while
-- people are answering it never stops them saving.
-- Bad input raises invalid_request (HTTP 400) naming the field; nothing of that save is kept.

create function app.drafts_hold_survey_fields()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_survey app.surveys;
  v_q app.questions;
  k text;
  v jsonb;
  v_values text[];
  v_given text[];
begin
  select s.* into v_survey from app.surveys s join app.waves w on w.survey_id = s.id where w.id = new.wave_id;
  for k, v in select e.key, e.value from jsonb_each(new.answers) e loop
    -- unchanged since the draft was last kept
    continue when tg_op = 'UPDATE' and old.answers -> k is not distinct from v;
    -- not answered
    continue when v = '""'::jsonb or v = '[]'::jsonb;

    if k = 'assistance' then
      if jsonb_typeof(v) <> 'string' or v #>> '{}' not in ('own', 'helped', 'on_behalf') then
        raise exception 'Choose who gave the answers from the list.' using hint = 'invalid_request',
          detail = jsonb_build_object('field', k)::text;
      end if;
    elsif k = 'panel_code' then
      if jsonb_typeof(v) <> 'string' or length(v #>> '{}') > 20 then
        raise exception 'A panel code is at most 20 characters.' using hint = 'invalid_request',
          detail = jsonb_build_object('field', k)::text;
      end if;
    elsif k like 'about.%' then
      if not (substr(k, 7) = any (v_survey.about_dimensions))
         or jsonb_typeof(v) <> 'string'
         or not exists (select 1 from app.about_categories c
                        where c.dimension = substr(k, 7) and c.code = v #>> '{}'
                          and (c.organisation_id is null or c.organisation_id = v_survey.organisation_id)) then
        raise exception 'This survey has no such about-you answer.' using hint = 'invalid_request',
          detail = jsonb_build_object('field', k)::text;
      end if;
    else
      select q.* into v_q from app.questions q where q.survey_id = v_survey.id and q.key = k;
      if v_q.id is null then
        raise exception 'This survey has no question %.', k using hint = 'invalid_request',
          detail = jsonb_build_object('field', k)::text;
      end if;
      v_values := array(select o.value from app.question_options o where o.question_id = v_q.id);
      if v_q.kind = 'multi_choice' then
        if jsonb_typeof(v) <> 'array'
           or exists (select 1 from jsonb_array_elements(v) x where jsonb_typeof(x) <> 'string') then
          raise exception 'The answer to % is a list of its choices.', k using hint = 'invalid_request',
            detail = jsonb_build_object('field', k)::text;
        end if;
        v_given := array(select x from jsonb_array_elements_text(v) x);
        if not (v_given <@ v_values) or cardinality(v_given) <> (select count(distinct x) from unnest(v_given) x) then
          raise exception 'The answer to % is not among its choices.', k using hint = 'invalid_request',
            detail = jsonb_build_object('field', k)::text;
        end if;
      elsif jsonb_typeof(v) <> 'string' then
        raise exception 'The answer to % is text.', k using hint = 'invalid_request',
          detail = jsonb_build_object('field', k)::text;
      elsif cardinality(v_values) > 0 then
        if not (v #>> '{}' = any (v_values)) then
          raise exception 'The answer to % is not among its choices.', k using hint = 'invalid_request',
            detail = jsonb_build_object('field', k)::text;
        end if;
      elsif length(v #>> '{}') > coalesce(case when v_q.kind = 'free_text' then v_q.max_length end, 100) then
        raise exception 'The answer to % is longer than it may be.', k using hint = 'invalid_request',
          detail = jsonb_build_object('field', k)::text;
      end if;
    end if;
  end loop;
  return new;
end
$$;
comment on function app.drafts_hold_survey_fields is
  'Trigger on app.respondent_drafts: each answer a save adds or changes is a field of the draft''s survey '
  'within its limits (invalid_request, detail {field}). Internal.';
revoke execute on function app.drafts_hold_survey_fields() from public;

create trigger respondent_drafts_hold_survey_fields
  before insert or update on app.respondent_drafts
  for each row execute function app.drafts_hold_survey_fields();
