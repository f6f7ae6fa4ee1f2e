/**
 * A respondent page's title: the page (its question, or its step and count), then the survey, then
 * the organisation, joined by dashes, and "Error:" before it all while the page shows a problem.
 * A part that is empty or the same as one before it (the welcome page, named by the survey; a
 * survey named after its organisation) is said once.
 */
export function pageTitle(
	page: string | null,
	survey: string,
	organisation: string,
	errorPrefix: string | null = null
): string {
	const parts: string[] = [];
	for (const part of [page, survey, organisation]) {
		const text = part?.trim();
		if (text && !parts.includes(text)) parts.push(text);
	}
	return (errorPrefix ? `${errorPrefix} ` : '') + parts.join(' – ');
}
