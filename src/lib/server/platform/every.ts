/**
 * Background work in the server process: a job run every so often, never two runs at once (a run that
 * takes longer than the interval makes the next one wait for it, then the timer carries on), failures
 * logged with the job's name only (never what it was working on) and tried again at the next tick.
 * The timer is unref'd, so it never keeps the process alive; stop() ends it.
 */
export interface Every {
	/** Stops the timer; a run under way finishes. */
	stop(): void;
	/** Runs the job now (unless it is running), as a tick would: for tests and for a first run at start. */
	tick(): Promise<void>;
}

export function every(
	ms: number,
	name: string,
	job: () => Promise<unknown>,
	log: (message: string) => void = (m) => console.error(m)
): Every {
	let running: Promise<void> | null = null;
	let stopped = false;
	const tick = () => {
		if (stopped) return Promise.resolve();
		running ??= job()
			.then(() => undefined)
			.catch((error: unknown) => {
				// the name and the kind of failure, never its data
				const why = error instanceof Error ? error.name : typeof error;
				log(`${name} failed (${why}); it will be tried again.`);
			})
			.finally(() => {
				running = null;
			});
		return running;
	};
	const timer = setInterval(() => void tick(), ms);
	timer.unref();
	return {
		stop() {
			stopped = true;
			clearInterval(timer);
		},
		tick
	};
}
