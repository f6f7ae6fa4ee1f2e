import { call, type Client } from '../api';
import { seal, type SealedBackup } from './index';

/** An organisation's backup, as its administrator (the settings page's download). In the audit log. */
export async function exportOrganisation(supabase: Client, organisationId: string): Promise<SealedBackup> {
	return seal(await call(supabase, 'export_organisation', { p_organisation_id: organisationId }));
}
