import { SignInLimits } from '../platform/sign-in-limits';

/**
 * The sign-in form's own limits on wrong passwords, per account and per client address
 * (event.getClientAddress(): behind a reverse proxy set adapter-node's ADDRESS_HEADER). They hold
 * in front of any backend; Supabase Auth adds its own limits per IP address (see the README).
 */
export const signInLimits = new SignInLimits();
