import type { RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { questionSchema, type QuestionForm } from '$lib/builder/schemas';
import { OWN_OPTION_KINDS, STANDARD_OPTION_KINDS } from '$lib/domain';
import { searchSymbols, type AppSymbol } from '$lib/symbols';
import type { BuilderQuestion, OptionInput, QuestionInput, StandardOption } from '$lib/server/builder/data';
import { readFormPost } from '$lib/server/form-post';

/** Helpers shared by the add and change question pages. */

const BLANK_ROWS = { adding: 6, changing: 3 };

type Rows = Pick<
	QuestionForm,
	'option_id' | 'option_value' | 'option_label' | 'option_easy_read' | 'option_symbol' | 'positive'
>;

function rows(
	options: {
		id?: string;
		value: string;
		label: string;
		easy_read_label?: string | null;
		symbol?: string | null;
		is_positive: boolean;
	}[],
	blanks: number
): Rows {
	const all = [
		...options,
		...Array.from({ length: blanks }, () => ({
			id: '',
			value: '',
			label: '',
			easy_read_label: '',
			symbol: '',
			is_positive: false
		}))
	];
	return {
		option_id: all.map((o) => o.id ?? ''),
		option_value: all.map((o) => o.value),
		option_label: all.map((o) => o.label),
		option_easy_read: all.map((o) => o.easy_read_label ?? ''),
		option_symbol: all.map((o) => o.symbol ?? ''),
		positive: all.flatMap((o, i) => (o.is_positive ? [String(i)] : []))
	};
}

/** The form of a new question of a kind: the standard options, or empty rows for choice kinds. */
export function newQuestionForm(
	kind: QuestionForm['kind'],
	standard: StandardOption[]
): Partial<QuestionForm> {
	return {
		kind,
		max_length: kind === 'free_text' ? 500 : undefined,
		...(STANDARD_OPTION_KINDS.includes(kind)
			? rows(standard, 0)
			: OWN_OPTION_KINDS.includes(kind)
				? rows([], BLANK_ROWS.adding)
				: {})
	};
}

/** The form of an existing question, with room for more options on choice kinds. */
export function existingQuestionForm(q: BuilderQuestion): Partial<QuestionForm> {
	return {
		kind: q.kind,
		prompt: q.prompt,
		easy_read_prompt: q.easy_read_prompt ?? '',
		help_text: q.help_text ?? '',
		required: q.required,
		max_length: q.max_length ?? undefined,
		min_value: q.min_value === null ? undefined : Number(q.min_value),
		max_value: q.max_value === null ? undefined : Number(q.max_value),
		priority_id: q.priority_id ?? '',
		symbol: q.symbol ?? '',
		...(q.options.length > 0 || OWN_OPTION_KINDS.includes(q.kind)
			? rows(q.options, OWN_OPTION_KINDS.includes(q.kind) ? BLANK_ROWS.changing : 0)
			: {})
	};
}

/**
 * What the API takes, and how its option errors ('options.<n>', n counting the options sent) map back
 * to the form's rows.
 */
export function questionInput(f: QuestionForm): { input: QuestionInput; rename: Record<string, string> } {
	const rename: Record<string, string> = { options: 'option_label' };
	let options: OptionInput[] | null = null;
	if (STANDARD_OPTION_KINDS.includes(f.kind) || OWN_OPTION_KINDS.includes(f.kind)) {
		options = [];
		f.option_label.forEach((label, i) => {
			if (f.remove.includes(String(i))) return;
			rename[`options.${options!.length}`] = `option_label[${i}]`;
			options!.push({
				id: f.option_id[i] || null,
				value: f.option_value[i] || undefined,
				label,
				easy_read_label: f.option_easy_read[i] || null,
				symbol: f.option_symbol[i] ?? '',
				is_positive: f.positive.includes(String(i))
			});
		});
	}
	return {
		input: {
			prompt: f.prompt,
			easy_read_prompt: f.easy_read_prompt,
			help_text: f.help_text,
			required: f.required,
			max_length: f.kind === 'free_text' ? f.max_length : undefined,
			min_value: f.kind === 'number' ? f.min_value : undefined,
			max_value: f.kind === 'number' ? f.max_value : undefined,
			priority_id: f.priority_id,
			symbol: f.symbol,
			options
		},
		rename
	};
}

/**
 * The posted form, with each option's symbol (a radio group per option, named option_symbol-<n>)
 * gathered into option_symbol in the order of the options, as questionSchema reads it.
 */
export async function questionFormData(request: Request): Promise<FormData> {
	const fd = await readFormPost(request);
	const rows = fd.getAll('option_label').length;
	fd.delete('option_symbol');
	for (let i = 0; i < rows; i++) {
		const v = fd.get(`option_symbol-${i}`);
		fd.append('option_symbol', typeof v === 'string' ? v : '');
		fd.delete(`option_symbol-${i}`);
	}
	return fd;
}

/** A search for a symbol: for the question ('question') or an option (its row, from 0). */
export interface SymbolSearch {
	target: 'question' | number;
	query: string;
	results: AppSymbol[];
}

/** The symbol search the form asked for with its symbol_search button, or null. */
export function symbolSearchOf(fd: FormData): SymbolSearch | null {
	const which = fd.get('symbol_search');
	if (typeof which !== 'string') return null;
	const target = which === 'question' ? 'question' : Number.parseInt(which, 10);
	if (target !== 'question' && !(Number.isInteger(target) && target >= 0)) return null;
	const q = fd.get(target === 'question' ? 'symbol_query' : `option_symbol_query-${target}`);
	const query = typeof q === 'string' ? q.trim().slice(0, 100) : '';
	return { target, query, results: searchSymbols(query, 24) };
}

/** The `symbols` action of both question pages: finds symbols for one of the form's symbol fields, keeping what has been entered so far. */
export async function findSymbols({ request }: RequestEvent) {
	const fd = await questionFormData(request);
	const form = await superValidate(fd, zod4(questionSchema), { errors: false });
	return { form, symbolSearch: symbolSearchOf(fd) };
}
