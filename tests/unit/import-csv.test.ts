import { describe, expect, it } from 'vitest';
import {
	decodeUtf8,
	MESSAGES,
	parseCsv,
	AGGREGATE_EXAMPLE,
	readAggregateFile,
	readResponsesFile,
	sheetRow
} from '../../src/lib/imports/csv';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeUtf8', () => {
	it('reads UTF-8 and drops a byte order mark', () => {
		expect(decodeUtf8(utf8('\uFEFFfeel\nCafé'))).toEqual({ ok: true, value: 'feel\nCafé' });
	});

	it('refuses Windows-1252 (a spreadsheet saved as plain CSV) with what to do instead', () => {
		// "Café" with é as the single byte 0xE9
		const latin1 = new Uint8Array([0x43, 0x61, 0x66, 0xe9]);
		expect(decodeUtf8(latin1)).toEqual({ ok: false, message: MESSAGES.encoding });
	});
});

describe('parseCsv', () => {
	it('keys rows by trimmed, lower-case column names and keeps cells as written', () => {
		const parsed = parseCsv(
			'Feel , comment,given_on\r\nagree,"<script>alert(1)</script>, yes",2024-03-27\r\n'
		);
		expect(parsed).toEqual({
			ok: true,
			value: {
				columns: ['feel', 'comment', 'given_on'],
				rows: [{ feel: 'agree', comment: '<script>alert(1)</script>, yes', given_on: '2024-03-27' }]
			}
		});
	});

	it('keeps a quoted line break inside a cell, and blank rows in the middle so row numbers hold', () => {
		const parsed = parseCsv('feel,comment\nagree,"two\nlines"\n,\ndisagree,\n,\n\n');
		expect(parsed.ok && parsed.value.rows).toEqual([
			{ feel: 'agree', comment: 'two\nlines' },
			{ feel: '', comment: '' },
			{ feel: 'disagree', comment: '' }
		]);
	});

	it('ignores nameless empty columns (trailing commas) and refuses nameless ones with values', () => {
		expect(parseCsv('feel,,\nagree,,\n')).toEqual({
			ok: true,
			value: { columns: ['feel'], rows: [{ feel: 'agree' }] }
		});
		expect(parseCsv('feel,\nagree,x\n')).toEqual({ ok: false, message: MESSAGES.blankHeader });
	});

	it('refuses an empty file, a header without rows and a repeated column', () => {
		expect(parseCsv('  \n')).toEqual({ ok: false, message: MESSAGES.empty });
		expect(parseCsv('feel,comment\n')).toEqual({ ok: false, message: MESSAGES.noRows });
		expect(parseCsv('feel,Feel\na,b\n')).toEqual({ ok: false, message: MESSAGES.duplicate('feel') });
	});

	it('refuses more than 5,000 rows', () => {
		const text = 'feel\n' + 'agree\n'.repeat(5001);
		expect(parseCsv(text)).toEqual({ ok: false, message: MESSAGES.tooMany(5001) });
	});
});

describe('readResponsesFile', () => {
	it('decodes then parses', () => {
		expect(readResponsesFile(utf8('feel\nagree\n'))).toEqual({
			ok: true,
			value: { columns: ['feel'], rows: [{ feel: 'agree' }] }
		});
		expect(readResponsesFile(new Uint8Array([0xff, 0xfe, 0x66, 0x00]))).toMatchObject({ ok: false });
	});
});

describe('readAggregateFile', () => {
	it('turns rows into counts, leaving out empty cells', () => {
		const text =
			'question_key,option_value,dimension,category,n\n,,,,100\n,,phase,primary,30\nfeel,agree,,,40\nservices,,,, 70 \n';
		expect(readAggregateFile(utf8(text))).toEqual({
			ok: true,
			value: [
				{ n: '100' },
				{ dimension: 'phase', category: 'primary', n: '30' },
				{ question_key: 'feel', option_value: 'agree', n: '40' },
				{ question_key: 'services', n: '70' }
			]
		});
	});

	it('reads published percentages as share and base, leaving out the empty n of their rows', () => {
		const text =
			'question_key,option_value,dimension,category,n,share,base\n,,,,85,,\nfeel,,,,85,,\nfeel,agree,,,,75%, 85\n';
		expect(readAggregateFile(utf8(text))).toEqual({
			ok: true,
			value: [
				{ n: '85' },
				{ question_key: 'feel', n: '85' },
				{ question_key: 'feel', option_value: 'agree', share: '75%', base: '85' }
			]
		});
	});

	it('refuses a share column without its base, and a base without its share', () => {
		expect(readAggregateFile(utf8('question_key,option_value,n,share\nfeel,agree,,75\n'))).toEqual({
			ok: false,
			message: MESSAGES.aggregateShareBase('share')
		});
		expect(readAggregateFile(utf8('question_key,option_value,n,base\nfeel,agree,,85\n'))).toEqual({
			ok: false,
			message: MESSAGES.aggregateShareBase('base')
		});
	});

	it('reads its own example file, which gives how many answered every question it gives answers to', () => {
		const parsed = readAggregateFile(utf8(AGGREGATE_EXAMPLE));
		expect(parsed.ok).toBe(true);
		const items = parsed.ok ? parsed.value : [];
		const answered = new Set(
			items
				.filter((i) => i.question_key && !i.option_value)
				.map((i) => `${i.question_key}/${i.category ?? ''}`)
		);
		const answers = items.filter((i) => i.option_value);
		expect(answers.length).toBeGreaterThan(0);
		for (const a of answers) expect(answered).toContain(`${a.question_key}/${a.category ?? ''}`);
		expect(answers.some((a) => a.share && a.base && !a.n)).toBe(true);
	});

	it('names unknown columns and a missing n', () => {
		expect(readAggregateFile(utf8('question,n\nfeel,3\n'))).toEqual({
			ok: false,
			message: MESSAGES.aggregateColumns(['question'])
		});
		expect(readAggregateFile(utf8('question_key,option_value\nfeel,agree\n'))).toEqual({
			ok: false,
			message: MESSAGES.aggregateN
		});
	});
});

describe('sheetRow', () => {
	it('counts the header as row 1', () => {
		expect(sheetRow(1)).toBe(2);
	});
});
