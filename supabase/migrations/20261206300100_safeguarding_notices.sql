-- Telling the safeguarding lead that something has arrived, never what (issue 11, "Safeguarding":
-- "Where mail is configured, the safeguarding lead is told that something has arrived (never what)").
-- Flags arrive inside the database (the screening trigger, or a member of staff flagging an item), so
-- the app's server asks now and then which organisations have new ones: api.safeguarding_notices_due,
-- service role only. For each organisation with open flags not yet announced, and whose last notice
-- was sent longer ago than the quiet period, it returns the number of new flags and the addresses of
-- its safeguarding members, and marks those flags announced. Flags that arrive in the quiet period
-- wait for the next notice and are counted in it: a burst of disclosures makes one email, not fifty.
-- Nothing of an item (text, survey, wave, respondent) is returned.

alter table app.safeguarding_flags add column announced_at timestamptz;
comment on column app.safeguarding_flags.announced_at is
  'When the organisation''s safeguarding members were told by email that it had arrived (never what); '
  'null: not yet, or mail is not set up.';
create index safeguarding_flags_unannounced_idx on app.safeguarding_flags (organisation_id)
  where announced_at is null and closed_at is null;

create table app.safeguarding_notices (
  organisation_id uuid primary key references app.organisations (id) on delete cascade,
  last_sent_at timestamptz not null
);
comment on table app.safeguarding_notices is
  'When each organisation''s safeguarding members were last told that items had arrived. The app''s '
  'server only (through api.safeguarding_notices_due): no grants to anon or authenticated.';
alter table app.safeguarding_notices enable row level security;
revoke all on app.safeguarding_notices from public, anon, authenticated;
grant all on app.safeguarding_notices to service_role;

create function api.safeguarding_notices_due(p_quiet_minutes integer default 15)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_due jsonb;
begin
  if p_quiet_minutes is null or p_quiet_minutes not between 0 and 1440 then
    raise exception 'The quiet period is 0 to 1,440 minutes.' using hint = 'invalid_request';
  end if;
  with due as (
    select f.organisation_id, count(*)::integer as new_items
    from app.safeguarding_flags f
    left join app.safeguarding_notices n on n.organisation_id = f.organisation_id
    where f.announced_at is null and f.closed_at is null
      and (n.last_sent_at is null or n.last_sent_at <= now() - make_interval(mins => p_quiet_minutes))
    group by f.organisation_id
  ), marked as (
    update app.safeguarding_flags f set announced_at = now()
    from due
    where f.organisation_id = due.organisation_id and f.announced_at is null and f.closed_at is null
    returning f.organisation_id
  ), sent as (
    insert into app.safeguarding_notices as n (organisation_id, last_sent_at)
    select due.organisation_id, now() from due
    on conflict (organisation_id) do update set last_sent_at = excluded.last_sent_at
    returning n.organisation_id
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'organisation_id', o.id,
           'organisation_name', o.name,
           'new_items', due.new_items,
           'recipients', coalesce((
             select jsonb_agg(distinct u.email::text)
             from app.memberships m join auth.users u on u.id = m.user_id
             where m.organisation_id = o.id and m.role = 'safeguarding' and u.email is not null), '[]'::jsonb))
         order by o.name, o.id), '[]'::jsonb)
  into v_due
  from due join app.organisations o on o.id = due.organisation_id
  where due.organisation_id in (select organisation_id from sent)
     or due.organisation_id in (select organisation_id from marked);
  return v_due;
end
$$;
comment on function api.safeguarding_notices_due is
  'The app''s server (service_role) only. Organisations with open safeguarding flags not yet announced '
  'and no notice in the last p_quiet_minutes (0 to 1,440; invalid_request otherwise): [{organisation_id, '
  'organisation_name, new_items, recipients: [email of each safeguarding member]}]; marks those flags '
  'announced and the notice sent. Never anything of the items themselves.';
revoke execute on function api.safeguarding_notices_due(integer) from public, anon, authenticated;
grant execute on function api.safeguarding_notices_due(integer) to service_role;
