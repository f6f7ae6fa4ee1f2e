-- Panel journeys: "the journey travelled" by the same people between two waves.
--
-- A respondent may give a panel code (random, never a name: XXXX-XXXX) in the baseline and again in a
-- repeat. api.panel_journey links the two answers to one question by that code and counts how many
-- people moved from each answer to each other answer. Only responses with a panel code are read
-- (through responses_panel_idx), so it never scans the raw answers of a whole wave.

create index responses_wave_panel_idx on app.responses (wave_id, panel_code) where panel_code is not null;

create function api.panel_journey(p_question_id uuid, p_from_wave_id uuid, p_to_wave_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_q app.questions;
  v_from app.waves;
  v_to app.waves;
  v_hide boolean;
  v_threshold integer;
  v_linked integer;
  v_cells jsonb;
begin
  select * into v_q from app.questions q where q.id = p_question_id;
  -- a question of another organisation looks the same as one that does not exist
  if not found or not app.has_role(v_q.organisation_id) then
    raise exception 'There is no such question.' using errcode = 'P0002', hint = 'not_found';
  end if;
  if v_q.kind not in ('agreement_5', 'faces_3', 'yes_no_unsure', 'single_choice', 'rating_0_10') then
    raise exception 'Journeys are counted for questions with one answer to choose.'
      using hint = 'invalid_request';
  end if;
  select * into v_from from app.waves w where w.id = p_from_wave_id and w.survey_id = v_q.survey_id;
  select * into v_to from app.waves w where w.id = p_to_wave_id and w.survey_id = v_q.survey_id;
  if v_from.id is null or v_to.id is null or v_from.id = v_to.id then
    raise exception 'Choose two different waves of this question''s survey.' using hint = 'invalid_request';
  end if;

  -- forum and scrutiny see published figures only: small counts are suppressed
  v_hide := not app.has_role(v_q.organisation_id, '{admin,lead,officer,safeguarding}');
  select o.min_cell_size into v_threshold from app.organisations o where o.id = v_q.organisation_id;

  with answered as (
    -- each panel code's latest answer to the question in a wave
    select distinct on (r.wave_id, r.panel_code) r.wave_id, r.panel_code, a.option_id
    from app.responses r
    join app.answers a on a.response_id = r.id and a.question_id = v_q.id and a.option_id is not null
    where r.wave_id in (v_from.id, v_to.id) and r.panel_code is not null
    order by r.wave_id, r.panel_code, r.submitted_at desc
  ), pairs as (
    select f.option_id as from_option, t.option_id as to_option
    from answered f join answered t on t.panel_code = f.panel_code
    where f.wave_id = v_from.id and t.wave_id = v_to.id
  ), grid as (
    select o1.value as from_value, o1.label as from_label, o1.position as from_position,
           o2.value as to_value, o2.label as to_label, o2.position as to_position,
           (select count(*) from pairs p where p.from_option = o1.id and p.to_option = o2.id)::integer as n
    from app.question_options o1 cross join app.question_options o2
    where o1.question_id = v_q.id and o2.question_id = v_q.id
  )
  select (select count(*) from pairs)::integer,
         coalesce(jsonb_agg(jsonb_build_object(
           'from_value', g.from_value, 'from_label', g.from_label,
           'to_value', g.to_value, 'to_label', g.to_label,
           'n', case when v_hide and g.n between 1 and v_threshold - 1 then null else g.n end,
           'suppressed', v_hide and g.n between 1 and v_threshold - 1)
           order by g.from_position, g.to_position), '[]'::jsonb)
  into v_linked, v_cells
  from grid g;

  return jsonb_build_object(
    'question_id', v_q.id,
    'from_wave', jsonb_build_object('id', v_from.id, 'label', v_from.label, 'kind', v_from.kind),
    'to_wave', jsonb_build_object('id', v_to.id, 'label', v_to.label, 'kind', v_to.kind),
    'linked', case when v_hide and v_linked between 1 and v_threshold - 1 then null else v_linked end,
    'linked_suppressed', v_hide and v_linked between 1 and v_threshold - 1,
    'cells', v_cells);
end
$$;
comment on function api.panel_journey is
  'Members of the question''s organisation (any role; others get not_found). For one question with a single '
  'answer and two waves of its survey: how many people gave the same panel code in both (linked), and how many '
  'moved from each answer to each other answer (cells, every pair of options in order, with n). A panel code''s '
  'latest response in a wave counts. For forum and scrutiny roles a count from 1 to below the organisation''s '
  'min_cell_size is suppressed: n is null and suppressed is true.';
grant execute on function api.panel_journey to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Only the grants above decide who may call what.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema app from public;
