/**
 * Open fonts for the languages written in Arabic script, so that a respondent whose device has no
 * such font sees words, not boxes: Noto Nastaliq Urdu for Urdu (the style Urdu readers expect) and
 * Noto Naskh Arabic for Arabic and the other Arabic-script languages (both SIL Open Font License,
 * from @fontsource). Each is one file: the regular weight of the Arabic-script subset as woff2, and
 * its unicode-range keeps it to the Arabic letters, so the Latin parts (numbers, the Childline
 * number, English left untranslated) stay in the page's own font. Pages in other languages load
 * no font at all. Bold text is drawn from the regular weight by the browser.
 */
import nastaliq from '@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff2?url';
import naskh from '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2?url';

/** the Arabic-script subset's range, as @fontsource declares it */
const ARABIC_RANGE =
	'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC';

interface ScriptFont {
	/** its style sheet's name, /fonts/<key>.css */
	key: string;
	family: string;
	file: string;
	/** Nastaliq's tall letters need more room between lines */
	lineHeight: number;
}

const URDU: ScriptFont = {
	key: 'noto-nastaliq-urdu',
	family: 'Noto Nastaliq Urdu',
	file: nastaliq,
	lineHeight: 2.1
};
const ARABIC: ScriptFont = {
	key: 'noto-naskh-arabic',
	family: 'Noto Naskh Arabic',
	file: naskh,
	lineHeight: 1.7
};

/** language codes (primary subtags) written in Arabic script, and the font each is shown in */
const BY_LANGUAGE: Record<string, ScriptFont> = {
	ur: URDU,
	ar: ARABIC,
	fa: ARABIC,
	ps: ARABIC,
	ckb: ARABIC,
	sd: ARABIC
};

/** The font a page in this language needs, or null (it is shown in the device's own fonts). */
export function scriptFontFor(code: string | undefined): ScriptFont | null {
	const primary = (code ?? '').toLowerCase().split('-')[0]!;
	return BY_LANGUAGE[primary] ?? null;
}

/**
 * The address of the style sheet of the language's font, or null for a language without one. A file of
 * its own (src/routes/fonts/[font].css), not a <style> in the page: the Content-Security-Policy allows no
 * inline style, and the page that needs it loads a font file anyway.
 */
export function scriptFontSheet(code: string | undefined): string | null {
	const f = scriptFontFor(code);
	return f ? `/fonts/${f.key}.css` : null;
}

/** The style sheet of a font by its key, or null for no such font. */
export function fontSheetCss(key: string): string | null {
	const f = [URDU, ARABIC].find((x) => x.key === key);
	return f ? fontCss(f) : null;
}

/** The style sheet that declares and uses a font. */
function fontCss(f: ScriptFont): string {
	return (
		`@font-face{font-family:'${f.family}';font-style:normal;font-weight:400;font-display:swap;` +
		`src:url(${f.file}) format('woff2');unicode-range:${ARABIC_RANGE}}` +
		// html:root outweighs the app's own :root, wherever the two style sheets fall in the page
		`html:root{font-family:'${f.family}',system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;` +
		`line-height:${f.lineHeight}}` +
		`h1,h2,h3{line-height:${f.lineHeight}}`
	);
}
