-- Purge on a schedule (issue 12, "Drafts (low)": "purge expired drafts on a schedule"). Expired drafts
-- were cleared only when someone started a new draft (a hundred at a time), and a client address's
-- counts only now and then when one was counted: a survey that closed kept its last month of
-- unfinished answers for as long as nobody started another. api.purge_expired is called by the app's
-- server every few minutes (src/lib/server/platform/purge.ts), and by pg_cron on Supabase where it is
-- set up (README, "Deployment"):
--   * drafts past their expiry (they can no longer be resumed: what they hold is a respondent's
--     unfinished answers, kept no longer than promised);
--   * drafts of a wave that closed more than a week ago (they can never be sent; the week leaves
--     room for staff who reopen a wave they closed too soon);
--   * the counts of client addresses not seen for a day and not blocked.
-- Service role only; returns how many of each went, and nothing else.

create function api.purge_expired()
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_drafts integer;
  v_closed integer;
  v_limits integer;
begin
  delete from app.respondent_drafts d where d.expires_at <= now();
  get diagnostics v_drafts = row_count;
  delete from app.respondent_drafts d
  using app.waves w
  where w.id = d.wave_id and w.closes_at <= now() - interval '7 days';
  get diagnostics v_closed = row_count;
  delete from app.client_limits l
  where l.updated_at < now() - interval '1 day' and (l.blocked_until is null or l.blocked_until < now());
  get diagnostics v_limits = row_count;
  return jsonb_build_object('expired_drafts', v_drafts, 'closed_wave_drafts', v_closed,
                            'address_counts', v_limits);
end
$$;
comment on function api.purge_expired is
  'The app''s server (service_role) only, on a schedule. Deletes drafts past their expiry or of a wave closed '
  'a week ago, and the counts of client addresses not seen for a day (not blocked). Returns {expired_drafts, '
  'closed_wave_drafts, address_counts}.';
revoke execute on function api.purge_expired() from public, anon, authenticated;
grant execute on function api.purge_expired() to service_role;
