/**
 * The demo's content files (src/lib/server/demo/data/*.json) against their schemas, each on its
 * own and all together (what one file names in another must exist).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	commentsSchema,
	demoDataSchema,
	languagesSchema,
	storiesSchema,
	surveysSchema,
	vocabularySchema
} from '../../src/lib/server/demo/data';

const DIR = path.resolve('src/lib/server/demo/data');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));

const FILES = {
	vocabulary: ['vocabulary.json', vocabularySchema],
	comments: ['comments.json', commentsSchema],
	surveys: ['surveys.json', surveysSchema],
	languages: ['languages.json', languagesSchema],
	stories: ['stories.json', storiesSchema]
} as const;

/** Every file as read from disk, parsed as JSON only; a fresh copy each time. */
function files() {
	return Object.fromEntries(Object.entries(FILES).map(([name, [file]]) => [name, read(file)])) as Record<
		keyof typeof FILES,
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edited freely below, to break them
		any
	>;
}

const messages = (data: unknown) => {
	const result = demoDataSchema.safeParse(data);
	return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('demo data files', () => {
	for (const [name, [file, schema]] of Object.entries(FILES)) {
		it(`${file} is valid against its schema`, () => {
			const result = schema.safeParse(read(file));
			expect(result.error?.issues ?? [], name).toEqual([]);
		});
	}

	it('name only priorities, surveys, questions, populations and comment lists that exist', () => {
		expect(messages(files())).toEqual([]);
	});

	it('hold the content of the demo: four surveys, two languages, comments for parents and young people', () => {
		const data = demoDataSchema.parse(files());
		expect(data.surveys.map((s) => s.slug)).toEqual([
			'ehc-journey',
			'my-say',
			'settings-voice',
			'eastmoor-short-breaks'
		]);
		expect(data.languages.map((l) => `${l.surveySlug}/${l.code}`)).toEqual([
			'ehc-journey/pl',
			'ehc-journey/ur'
		]);
		expect(Object.keys(data.comments)).toEqual(['parents', 'youngPeople']);
		expect(data.comments['parents']!.length).toBeGreaterThan(50);
	});

	it('refuse a comment of an unknown tone, or a question of an unknown kind, beside its place', () => {
		const broken = files();
		broken.comments.parents[0].tone = 'angry';
		broken.surveys[1].questions[0].kind = 'slider';
		const result = demoDataSchema.safeParse(broken);
		expect(result.success).toBe(false);
		expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual([
			'comments.parents.0.tone',
			'surveys.1.questions.0.kind'
		]);
	});

	it('refuse a field no one reads (a misspelt one)', () => {
		const broken = files();
		broken.surveys[0].questions[0].helptext = 'Misspelt';
		expect(surveysSchema.safeParse(broken.surveys).success).toBe(false);
	});

	it('refuse a priority, a comment list, a question model or an effect that does not exist', () => {
		const broken = files();
		broken.surveys[0].questions[0].priority = 'World peace';
		broken.stories.stories[0].comments.pool = 'teachers';
		delete broken.stories.stories[1].indicators.feel_safe;
		broken.stories.stories[0].indicators.fully_involved.effect = ['parents'];
		expect(messages(broken)).toEqual([
			'surveys.json: ehc-journey.fully_involved: no priority "World peace".',
			'stories.json: ehc-journey: comments.json has no list "teachers".',
			'stories.json: no effect "parents", or a loop.',
			'stories.json: my-say has no model for feel_safe.'
		]);
	});

	it('refuse a translation of a question the survey does not have, or a story with too few waves', () => {
		const broken = files();
		broken.languages[0].scales[0].questions.push('no_such_question');
		broken.stories.stories[0].responsesPerWave = [450, 450];
		const found = messages(broken);
		expect(found).toContain(
			'languages.json: pl: ehc-journey has no agreement_5 question "no_such_question".'
		);
		expect(found).toContain('stories.json: ehc-journey: responses for each of its 3 waves.');
	});
});
