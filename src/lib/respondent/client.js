// The only JavaScript a respondent's page loads (the pages are rendered on the server and work
// without it). It adds three things where the browser can do them:
//   - the error summary takes focus, so a keyboard or screen reader user hears what to fix first;
//   - answers are saved as they are given, so a closed tab or a lost connection loses nothing, and
//     the resume code that finds them again is shown;
//   - "Read this question aloud" appears where the browser has speech synthesis;
//   - Back, Forward and reload show the answers again: the draft's key (which the forms carry, never the
//     address) is kept in the tab's history entry, and a page that its address alone does not open
//     (data-reopen) is opened with it.

// A page of a draft asked for by its address alone: opened with the key this tab's history keeps for
// it (once: a page refused that key has no data-reopen form).
const reopen = document.querySelector('form[data-reopen]');
const kept = history.state && typeof history.state === 'object' ? history.state.draftKey : undefined;
if (reopen instanceof HTMLFormElement && typeof kept === 'string') {
	const field = reopen.elements.namedItem('draft_key');
	if (field instanceof HTMLInputElement) {
		field.value = kept;
		reopen.submit();
	}
}

const summary = document.querySelector('.error-summary');
if (summary instanceof HTMLElement) summary.focus();

const form = document.querySelector('form[data-autosave]');
if (form instanceof HTMLFormElement) {
	const url = form.dataset.autosave ?? '';
	const status = document.getElementById('autosave-status');
	const here = form.dataset.here;
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	let pending = false;

	// The whole form, every answer given so far, kept as the draft; its resume code shown once known.
	const save = () => {
		clearTimeout(timer);
		pending = false;
		fetch(url, {
			method: 'POST',
			body: new FormData(form),
			headers: { accept: 'application/json' },
			keepalive: true
		})
			.then((res) => (res.ok ? res.json() : null))
			.then((result) => {
				if (!result || !result.saved) return;
				// in the page's language
				if (status) status.textContent = status.dataset.saved || 'Your answers are saved.';
				// Reached by a post, the page's history entry would post again on Back or reload (and, when
				// an answer needed fixing, its address is the next page's). Now that the draft holds every
				// answer, the entry becomes this page's own address, with the draft's key kept in the entry
				// (not the address), so that this tab alone can open the draft there again.
				const key = form.elements.namedItem('draft_key');
				if (here && key instanceof HTMLInputElement) {
					history.replaceState({ draftKey: key.value }, '', here);
				}
				if (typeof result.resume_code === 'string') {
					const strong = document.querySelector('[data-resume-code] strong');
					// in groups of four, each kept whole, the line free to break after a dash (as the server shows it)
					/** @type {string} */
					const code = result.resume_code;
					if (strong) {
						strong.replaceChildren(
							...code
								.split('-')
								.flatMap((group, i) => (i ? ['-', document.createElement('wbr'), group] : [group]))
						);
					}
					for (const el of document.querySelectorAll('[data-resume-code]')) {
						if (el instanceof HTMLElement) el.hidden = false;
					}
					for (const el of document.querySelectorAll('[data-no-code]')) {
						if (el instanceof HTMLElement) el.hidden = true;
					}
				}
			})
			// Offline or refused: the answers still go on with the form.
			.catch(() => undefined);
	};

	// Arriving on a page keeps where the respondent is, so a resume code brings them back here.
	save();
	form.addEventListener('change', save);
	form.addEventListener('input', (event) => {
		const target = event.target;
		if (
			target instanceof HTMLTextAreaElement ||
			(target instanceof HTMLInputElement && target.type === 'text')
		) {
			clearTimeout(timer);
			pending = true;
			timer = setTimeout(save, 800);
		}
	});
	// The tab is closing while a text answer is still being typed: save it now.
	addEventListener('pagehide', () => {
		if (pending) save();
	});
	// The buttons post the form themselves, with every answer.
	form.addEventListener('submit', () => {
		clearTimeout(timer);
		pending = false;
	});
}

if ('speechSynthesis' in window) {
	for (const button of document.querySelectorAll('button[data-speak]')) {
		if (!(button instanceof HTMLButtonElement)) continue;
		button.hidden = false;
		button.addEventListener('click', () => {
			speechSynthesis.cancel();
			const utterance = new SpeechSynthesisUtterance(button.dataset.speak ?? '');
			// the page's language, or English for a question not yet translated
			utterance.lang = button.dataset.speakLang || document.documentElement.lang || 'en-GB';
			speechSynthesis.speak(utterance);
		});
	}
}
