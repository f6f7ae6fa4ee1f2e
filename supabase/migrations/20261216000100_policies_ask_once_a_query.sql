-- Row-level security asks who the caller is once a query, not once a row.
--
-- app.has_role(organisation_id, ...) in a policy is called for every row the query reads, since its
-- argument is the row's: each call parses the JWT's claims four times and looks up the membership,
-- the second factor and (since 20261215000100) the session. api.feedback_inbox and
-- api.safeguarding_queue read app.feedback as the caller (security invoker), three times a call for the
-- inbox (the page, its count, its groups and themes), and app.feedback's policy may call has_role twice
-- a row. Measured on PostgreSQL 15 with 20,000 comments in one area: the inbox took 1.6 to 2.0 s as a
-- lead, against 0.1 s for the same call with row-level security bypassed.
--
-- app.my_organisations(roles) gives the organisations where the caller has one of the roles, by the
-- very rule of app.has_role (it asks has_role of each of the caller's memberships, a handful). Written
-- `organisation_id in (select app.my_organisations(...))`, PostgreSQL evaluates it once for the query
-- (a hashed subplan) and each row costs a hash lookup: Supabase's advice for policies ("wrap functions
-- in select", "use IN with a function returning the caller's teams"). Who may read what is unchanged:
-- tests/db/rls.test.ts and the role matrix hold it so, and tests/db/policy-calls.test.ts counts the
-- calls.
--
-- Every policy is rewritten, not only app.feedback's: the inbox and the queue read each comment's
-- survey, wave, priorities and themes through their tables' own policies, which asked has_role again
-- for each comment.

create function app.my_organisations(p_roles app.member_role[] default null)
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id
  from app.memberships m
  where m.user_id = (select auth.uid())
    and app.has_role(m.organisation_id, p_roles)
$$;
comment on function app.my_organisations is
  'The organisations where the caller has one of the roles (any role when null), by app.has_role''s '
  'rule: a member, with a second factor used if set up, in a session that has not ended. For policies, '
  'written organisation_id in (select app.my_organisations(...)) so that it is asked once a query. '
  'Security definer to read memberships without recursing into their policy.';
revoke execute on function app.my_organisations(app.member_role[]) from public;
grant execute on function app.my_organisations(app.member_role[]) to authenticated, service_role;

-- Every policy that asked app.has_role of the row's organisation (or, on app.organisations, of the row
-- itself), rewritten so; nothing else in them is changed.

alter policy "standard categories, and members read their organisation's own" on app.about_categories
  using (((organisation_id IS NULL) OR (organisation_id in (select app.my_organisations()))));

alter policy "survey staff read answers" on app.answers
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "admins read the audit log" on app.audit_log
  using ((organisation_id in (select app.my_organisations('{admin}'::app.member_role[]))));

alter policy "staff read decision evidence" on app.decision_evidence
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "staff read decisions" on app.decisions
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "members read their organisation's disclosure rules" on app.disclosure_rules
  using ((organisation_id in (select app.my_organisations())));

alter policy "staff read engagement activities" on app.engagement_activities
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "members read indicators" on app.indicators
  using ((organisation_id in (select app.my_organisations())));

alter policy "survey staff read journey counts" on app.journey_counts
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "survey staff read kept positive counts" on app.kept_positive_counts
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "members read their own memberships; admins read all of theirs" on app.memberships
  using (((user_id = ( SELECT auth.uid() AS uid)) OR (organisation_id in (select app.my_organisations('{admin}'::app.member_role[])))));

alter policy "survey staff read option counts" on app.option_counts
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "admins and leads change their organisation's settings" on app.organisations
  using ((id in (select app.my_organisations('{admin,lead}'::app.member_role[]))))
  with check ((id in (select app.my_organisations('{admin,lead}'::app.member_role[]))));

alter policy "members read their organisation" on app.organisations
  using ((id in (select app.my_organisations())));

alter policy "survey staff read panel answers" on app.panel_answers
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "survey staff read panel wave pairs" on app.panel_wave_pairs
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "survey staff read panel waves" on app.panel_waves
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "members read their organisation's population counts" on app.population_counts
  using ((organisation_id in (select app.my_organisations())));

alter policy "members read their organisation's populations" on app.populations
  using ((organisation_id in (select app.my_organisations())));

alter policy "members read changes of positive answers" on app.positive_answer_changes
  using ((organisation_id in (select app.my_organisations())));

alter policy "staff who tag read the keywords" on app.priority_keywords
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "members read what their organisation publishes" on app.public_indicators
  using ((organisation_id in (select app.my_organisations())));

alter policy "survey staff read question counts" on app.question_counts
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "members read options" on app.question_options
  using ((organisation_id in (select app.my_organisations())));

alter policy "survey staff add options" on app.question_options
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff change options" on app.question_options
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))))
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff delete options" on app.question_options
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "members read earlier wordings" on app.question_versions
  using ((organisation_id in (select app.my_organisations())));

alter policy "survey staff keep earlier wordings" on app.question_versions
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "members read questions" on app.questions
  using ((organisation_id in (select app.my_organisations())));

alter policy "survey staff add questions" on app.questions
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff change questions" on app.questions
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))))
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff delete questions" on app.questions
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff read the downloads log" on app.response_exports
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff read responses" on app.responses
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "admins and safeguarding read the phrase list" on app.safeguarding_phrases
  using ((organisation_id in (select app.my_organisations('{admin,safeguarding}'::app.member_role[]))));

alter policy "members read priorities" on app.strategy_priorities
  using ((organisation_id in (select app.my_organisations())));

alter policy "members read survey languages" on app.survey_languages
  using ((organisation_id in (select app.my_organisations())));

alter policy "survey staff add survey languages" on app.survey_languages
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff change survey languages" on app.survey_languages
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))))
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff remove survey languages" on app.survey_languages
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "members read surveys" on app.surveys
  using ((organisation_id in (select app.my_organisations())));

alter policy "survey staff add surveys" on app.surveys
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff change surveys" on app.surveys
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))))
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff read wave counts" on app.wave_group_counts
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "survey staff read language counts" on app.wave_language_counts
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));

alter policy "members read waves" on app.waves
  using ((organisation_id in (select app.my_organisations())));

alter policy "survey staff add waves" on app.waves
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "survey staff change waves" on app.waves
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))))
  with check ((organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))));

alter policy "staff read feedback that is not held; safeguarding reads all" on app.feedback
  using ((((not held) and (organisation_id in (select app.my_organisations('{admin,lead,officer}'::app.member_role[]))))
          or (organisation_id in (select app.my_organisations('{safeguarding}'::app.member_role[])))));

alter policy "safeguarding reads flags" on app.safeguarding_flags
  using ((organisation_id in (select app.my_organisations('{safeguarding}'::app.member_role[]))));

alter policy "survey staff read invitations" on app.invitations
  using ((organisation_id in (select app.my_organisations('{admin,lead,officer,safeguarding}'::app.member_role[]))));
