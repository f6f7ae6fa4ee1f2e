import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { every } from '../../src/lib/server/platform/every';

/** The server's background jobs (the scheduled purge): on time, never two at once, failures logged bare. */
describe('every', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('runs the job at each tick until stopped', async () => {
		const job = vi.fn(async () => {});
		const e = every(1000, 'job', job);
		await vi.advanceTimersByTimeAsync(3500);
		expect(job).toHaveBeenCalledTimes(3);
		e.stop();
		await vi.advanceTimersByTimeAsync(5000);
		expect(job).toHaveBeenCalledTimes(3);
	});

	it('never runs twice at once: a slow run makes the ticks during it wait', async () => {
		let active = 0;
		let most = 0;
		const job = vi.fn(async () => {
			active++;
			most = Math.max(most, active);
			await new Promise((r) => setTimeout(r, 2500));
			active--;
		});
		const e = every(1000, 'slow', job);
		await vi.advanceTimersByTimeAsync(6000);
		e.stop();
		expect(most).toBe(1);
		// ticks at 1 s (runs to 3.5 s), 4 s (runs to 6.5 s); those at 2, 3, 5 and 6 s found it running
		expect(job).toHaveBeenCalledTimes(2);
	});

	it('logs a failure by the job name and kind only, and tries again at the next tick', async () => {
		const log = vi.fn();
		let n = 0;
		const job = vi.fn(async () => {
			if (n++ === 0) throw new TypeError('draft K7QP-2MXA-9RTW: My dad hits me');
		});
		const e = every(1000, 'Purging expired drafts', job, log);
		await vi.advanceTimersByTimeAsync(2500);
		e.stop();
		expect(job).toHaveBeenCalledTimes(2);
		expect(log).toHaveBeenCalledExactlyOnceWith(
			'Purging expired drafts failed (TypeError); it will be tried again.'
		);
	});

	it('tick() runs it at once, and does nothing after stop()', async () => {
		const job = vi.fn(async () => {});
		const e = every(60_000, 'job', job);
		await e.tick();
		expect(job).toHaveBeenCalledTimes(1);
		e.stop();
		await e.tick();
		expect(job).toHaveBeenCalledTimes(1);
	});
});
