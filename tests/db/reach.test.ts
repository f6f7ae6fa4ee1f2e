/**
 * api.reach: respondents per wave by channel, how the answers were given, language and each about-you
 * question, and the panel members who answered both the baseline and a repeat; exact for staff, under the
 * disclosure rule for forum and scrutiny, and nothing for anyone else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, type MemberRole, type Organisation, type Survey, type User } from './engines';

interface Group {
	category: string;
	label: string;
	n: number | null;
	symbol: string | null;
	small: boolean;
}
interface Reach {
	exact: boolean;
	baseline: { id: string; label: string } | null;
	waves: {
		id: string;
		status: string;
		total: number | null;
		total_symbol: string | null;
		total_small: boolean;
		rounded_to: number;
		dimensions: { key: string; label: string; groups: Group[] }[];
	}[];
	panel: { wave_id: string; linked: number | null; linked_symbol: string | null; linked_small: boolean }[];
}

forEachEngine('reach', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let noPanel: Survey;
	const members = {} as Record<MemberRole, User>;
	let leadOfOther: User;

	async function reach(user: User, surveyId = survey.id) {
		const client = await engine.signInAs(user);
		return client.rpc('reach', { p_survey_id: surveyId });
	}
	const dimension = (r: Reach, wave: number, key: string) =>
		r.waves[wave]!.dimensions.find((d) => d.key === key)!;
	const group = (r: Reach, wave: number, key: string, category: string) =>
		dimension(r, wave, key).groups.find((g) => g.category === category);

	beforeAll(async () => {
		org = await engine.createOrganisation({ minCellSize: 5 });
		const other = await engine.createOrganisation();
		survey = await engine.createSurvey(org, { waves: ['closed', 'open', 'future'] });
		noPanel = await engine.createSurvey(org, { waves: ['closed'] });
		await engine.db.query(`update app.surveys set about_dimensions = '{phase,setting}' where id = $1`, [
			survey.id
		]);
		for (const role of ['admin', 'lead', 'officer', 'forum', 'scrutiny', 'safeguarding'] as const) {
			members[role] = await engine.createMember(org, role);
		}
		leadOfOther = await engine.createMember(other, 'lead');

		// baseline: 20 in mainstream schools, 3 in special schools, 8 who did not say: 31 in all
		const closed = survey.waves.closed!;
		const mainstream = await engine.addResponses(
			survey,
			closed,
			20,
			{ feel: 'agree' },
			{ setting: 'mainstream' }
		);
		await engine.addResponses(survey, closed, 3, { feel: 'agree' }, { setting: 'special' });
		await engine.addResponses(survey, closed, 8, { feel: 'agree' });
		// a repeat, open: 12 in mainstream schools, 6 on paper
		const open = await engine.addResponses(
			survey,
			survey.waves.open!,
			12,
			{ feel: 'agree' },
			{ setting: 'mainstream' }
		);
		await engine.db.query(`update app.responses set channel = 'paper' where id = any ($1::uuid[])`, [
			open.slice(0, 6)
		]);
		await engine.db.query('select app.rebuild_counts($1)', [survey.waves.open!.id]);
		// six families gave a panel code at baseline; four of them answered the repeat
		for (let i = 0; i < 6; i++) {
			const code = `PANL-000${i}`;
			await engine.db.query('update app.responses set panel_code = $1 where id = $2', [code, mainstream[i]]);
			if (i < 4)
				await engine.db.query('update app.responses set panel_code = $1 where id = $2', [code, open[i]]);
		}
	});

	describe('staff', () => {
		it('gives admins, leads, officers and the safeguarding lead every exact count, a small one marked', async () => {
			for (const role of ['admin', 'lead', 'officer', 'safeguarding'] as const) {
				const { data, error } = await reach(members[role]);
				expect(error, role).toBeNull();
				const r = data as unknown as Reach;
				expect(r.exact, role).toBe(true);
				expect(r.waves.map((w) => w.status)).toEqual(['closed', 'open', 'not_yet_open']);
				expect(r.waves[0]!.total).toBe(31);
				expect(dimension(r, 0, 'setting').groups.map((g) => [g.category, g.n, g.small])).toEqual([
					['mainstream', 20, false],
					['special', 3, true],
					['_not_stated', 8, false]
				]);
				expect(group(r, 0, 'setting', 'mainstream')!.label).toBe('Mainstream school');
				expect(group(r, 0, 'channel', 'online')!.n).toBe(31);
				expect(group(r, 0, 'language', 'en')!.n).toBe(31);
				expect(group(r, 0, 'assistance', '_not_stated')!.n).toBe(31);
				expect(group(r, 1, 'channel', 'paper')!.n).toBe(6);
				// the dimensions the survey asks, and no others
				expect(r.waves[0]!.dimensions.map((d) => d.key)).toEqual([
					'channel',
					'assistance',
					'language',
					'phase',
					'setting'
				]);
				// a wave not yet open has no figures, not zeros
				expect(r.waves[2]!.total).toBeNull();
				expect(r.waves[2]!.dimensions).toEqual([]);
				expect(r.panel).toEqual([
					expect.objectContaining({ wave_id: survey.waves.open!.id, linked: 4, linked_small: true })
				]);
			}
		});

		it('says a survey with one wave has no panel to link', async () => {
			const { data, error } = await reach(members.lead, noPanel.id);
			expect(error).toBeNull();
			const r = data as unknown as Reach;
			expect(r.panel).toEqual([]);
			expect(r.waves[0]!.total).toBe(0);
		});
	});

	describe('forum and scrutiny', () => {
		it('hides small counts, and whatever would let them be worked out, in every line of every wave', async () => {
			for (const role of ['forum', 'scrutiny'] as const) {
				const { data, error } = await reach(members[role]);
				expect(error, role).toBeNull();
				const r = data as unknown as Reach;
				expect(r.exact).toBe(false);
				// 3 in special schools is hidden, and so is another count of the line
				expect(group(r, 0, 'setting', 'special')).toEqual(
					expect.objectContaining({ n: null, symbol: '[c]' })
				);
				const setting = dimension(r, 0, 'setting').groups;
				expect(setting.filter((g) => g.n === null).length).toBeGreaterThanOrEqual(2);
				// the panel figure, 4, is under the threshold
				expect(r.panel[0]).toEqual(expect.objectContaining({ linked: null, linked_symbol: '[c]' }));
				expect(JSON.stringify(r)).not.toContain('"small":true');
			}
		});

		it('cannot recover a hidden count: from the total minus the other groups, in any line', async () => {
			const { data } = await reach(members.forum);
			const r = data as unknown as Reach;
			let hiddenSeen = 0;
			for (const wave of r.waves) {
				for (const d of wave.dimensions) {
					const hidden = d.groups.filter((g) => g.n === null);
					hiddenSeen += hidden.length;
					// one hidden group and a known total would give it away
					if (wave.total !== null) expect(hidden.length, `${d.key}`).not.toBe(1);
					// and no shown group is under the threshold
					for (const g of d.groups)
						if (g.n !== null) expect(g.n === 0 || g.n >= 5, `${d.key} ${g.category}`).toBe(true);
				}
			}
			expect(hiddenSeen).toBeGreaterThanOrEqual(2);
		});

		it('hides the same group sizes as the published table of a question everyone answered', async () => {
			const client = await engine.signInAs(members.forum);
			const { data: table, error } = await client.rpc('published_table', {
				p_question_id: survey.questions.feel.id,
				p_wave_id: survey.waves.closed!.id
			});
			expect(error).toBeNull();
			const rows = (table as unknown as { rows: { dimension: string; category: string; n: number | null }[] })
				.rows;
			const { data } = await reach(members.forum);
			const r = data as unknown as Reach;
			for (const key of ['setting', 'channel']) {
				const fromTable = rows
					.filter((x) => x.dimension === key)
					.map((x) => [x.category, x.n])
					.sort();
				const fromReach = dimension(r, 0, key)
					.groups.map((g) => [g.category, g.n])
					.sort();
				expect(fromReach, key).toEqual(fromTable);
			}
		});

		it('rounds an open wave to at least 5, as at the start of the day', async () => {
			const { data } = await reach(members.forum);
			const r = data as unknown as Reach;
			expect(r.waves[1]!.rounded_to).toBe(5);
			expect(r.waves[1]!.total).toBe(10);
			for (const d of r.waves[1]!.dimensions)
				for (const g of d.groups) if (g.n !== null) expect(g.n % 5).toBe(0);
		});

		it('cannot learn a new answer’s group by reading an open wave before and after it', async () => {
			const before = (await reach(members.forum)).data as unknown as Reach;
			await engine.addResponses(survey, survey.waves.open!, 1, { feel: 'agree' }, { setting: 'special' });
			const after = (await reach(members.forum)).data as unknown as Reach;
			expect(after.waves[1]).toEqual(before.waves[1]);
			// staff see it at once
			const staff = (await reach(members.lead)).data as unknown as Reach;
			expect(group(staff, 1, 'setting', 'special')).toEqual(expect.objectContaining({ n: 1, small: true }));
			await engine.db.query(
				`select app.count_response(r.id, -1) from app.responses r
				  where r.wave_id = $1 and r.about ->> 'setting' = 'special'`,
				[survey.waves.open!.id]
			);
			await engine.db.query(
				`delete from app.responses where wave_id = $1 and about ->> 'setting' = 'special'`,
				[survey.waves.open!.id]
			);
		});

		it('publishes the same total for a wave as the list of surveys does', async () => {
			const client = await engine.signInAs(members.forum);
			const { data: surveys } = await client.rpc('list_surveys', { p_organisation_id: org.id });
			const listed = (
				surveys as unknown as { id: string; waves: { id: string; responses: number | null }[] }[]
			)
				.find((s) => s.id === survey.id)!
				.waves.find((w) => w.id === survey.waves.closed!.id)!;
			const { data } = await reach(members.forum);
			expect((data as unknown as Reach).waves[0]!.total).toBe(listed.responses);
		});
	});

	describe('everyone else', () => {
		it('tells a member of another organisation there is no such survey', async () => {
			const { data, error } = await reach(leadOfOther);
			expect(data).toBeNull();
			expect(error?.hint).toBe('not_found');
		});

		it('lets no one signed out call it', async () => {
			const { error } = await engine.anon().rpc('reach', { p_survey_id: survey.id });
			expect(error?.code).toBe('42501');
		});
	});
});
