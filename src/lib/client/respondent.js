// The only JavaScript a respondent's page loads (the pages are rendered on the server and work
// without it). It adds three things where the browser can do them:
//   - the error summary takes focus, so a keyboard or screen reader user hears what to fix first;
//   - answers are saved as they are given, so a closed tab or a lost connection loses nothing;
//   - "Read this question aloud" appears where the browser has speech synthesis.

const summary = document.querySelector('.error-summary');
if (summary instanceof HTMLElement) summary.focus();

const form = document.querySelector('form[data-autosave]');
if (form instanceof HTMLFormElement) {
	const url = form.dataset.autosave ?? '';
	const status = document.getElementById('autosave-status');
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	let pending = false;

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
				// in the page's language
				if (status && result && result.type === 'success')
					status.textContent = status.dataset.saved || 'Your answers are saved.';
			})
			// Offline or refused: Continue saves them again.
			.catch(() => undefined);
	};

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
	// Continue and Back post the form themselves.
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
