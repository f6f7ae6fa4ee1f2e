import { describe, expect, it } from 'vitest';
import {
	columnOf,
	feedbackTemplate,
	readFeedbackFile,
	type AboutChoice
} from '../../src/lib/feedback/import';

const bytes = (text: string) => new TextEncoder().encode(text);
const ABOUT: AboutChoice[] = [
	{
		key: 'phase',
		label: 'Stage of education',
		categories: [
			{ code: 'primary', label: 'Primary school' },
			{ code: 'secondary', label: 'Secondary school' }
		]
	}
];

describe('a feedback file', () => {
	it('reads each row, taking codes or words for the channel and the about-you answers', () => {
		const file = [
			'channel,date,text,about.phase,about.gender',
			'youth_cabinet,2026-03-14,"We want a say, not just to be told",secondary,',
			'At a FORUM , 2026-03-15 ,  Too long to wait for an assessment  ,primary school,girl'
		].join('\n');
		expect(readFeedbackFile(bytes(file), ABOUT)).toEqual({
			ok: true,
			value: [
				{
					channel: 'youth_cabinet',
					given_on: '2026-03-14',
					text: 'We want a say, not just to be told',
					about: { phase: 'secondary' }
				},
				{
					channel: 'forum',
					given_on: '2026-03-15',
					text: 'Too long to wait for an assessment',
					// an answer it does not know is passed on as written, for the database to name
					about: { phase: 'primary', gender: 'girl' }
				}
			]
		});
	});

	it('passes an unknown channel on as written, for the database to name', () => {
		const parsed = readFeedbackFile(bytes('channel,date,text\ncarrier pigeon,2026-03-14,hi\n'));
		expect(parsed.ok && parsed.value[0]!.channel).toBe('carrier pigeon');
	});

	it('names missing and unknown columns, and an empty file', () => {
		expect(readFeedbackFile(bytes('channel,text\nforum,hi\n'))).toEqual({
			ok: false,
			message: 'The header row needs the column date. Download the template to see the columns.'
		});
		expect(readFeedbackFile(bytes('channel,date,text,name\nforum,2026-01-01,hi,Sam\n'))).toEqual({
			ok: false,
			message:
				'These columns are not known: name. Use channel, date, text and about-you columns like about.phase.'
		});
		expect(readFeedbackFile(bytes(''))).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
		expect(readFeedbackFile(bytes('channel,date,text\n'))).toMatchObject({ ok: false });
	});

	it('has a template it reads itself, and names the date column for the database field', () => {
		const parsed = readFeedbackFile(bytes(feedbackTemplate()), ABOUT);
		expect(parsed.ok && parsed.value).toEqual([expect.objectContaining({ channel: 'youth_cabinet' })]);
		expect(columnOf('given_on')).toBe('date');
		expect(columnOf('about.phase')).toBe('about.phase');
	});
});
