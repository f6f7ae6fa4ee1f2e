import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	optimizeDeps: { exclude: ['@electric-sql/pglite'] },
	ssr: { external: ['@electric-sql/pglite', 'postgres'] },
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts']
				}
			},
			{
				// figures, not tests: run by `npm run bench` (bench/run.js), never by `npm test`
				extends: './vite.config.ts',
				test: {
					name: 'bench',
					environment: 'node',
					include: ['bench/**/*.bench.ts'],
					// global.gc, so that the export bench measures memory from a collected heap;
					// BENCH_CPU_PROF=<folder>: a CPU profile of each thread there
					execArgv: [
						'--expose-gc',
						...(process.env.BENCH_CPU_PROF
							? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
							: [])
					],
					testTimeout: 1_800_000,
					hookTimeout: 300_000,
					fileParallelism: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'db',
					environment: 'node',
					include: ['tests/db/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// two files side by side, each with its own databases (a PGlite, and a PostgreSQL database
					// made for it): a file spends much of its time waiting on PostgreSQL, so two at once keep
					// two cores busier than one did
					maxWorkers: 2
				}
			}
		]
	}
});
