import { defineConfig, devices } from '@playwright/test';
import { e2eOutputDir, e2ePort } from './scripts/lib/e2e.js';

// Browsers come from the system (Debian's chromium package), never from Playwright's own download.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// E2E_PORT: the port of this run's server; the shards of `npm run test:e2e` (scripts/test-e2e.js), and
// two checkouts side by side, each have their own.
const port = e2ePort();
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	// a folder of the run's own (its port's), which Playwright empties when the run starts
	outputDir: e2eOutputDir(port),
	// One server with one embedded database, and tests that share its demo data: one at a time within a
	// run. `npm run test:e2e` runs two such runs (shards) side by side, each with its own server.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	// Measured on two cores shared with other work (load average 20 to 30): a test that is not a
	// whole journey took up to 56 s, so the default leaves every such test three times that. Whole
	// journeys say what they need themselves (test.slow() or test.setTimeout, with the reason), at
	// least three times their duration measured on that machine. Timeouts catch a test that hangs;
	// speed is measured by bench/, never by tests.
	timeout: 180_000,
	// A page can take seconds to come on a busy machine: an assertion waits up to 15 s for it.
	expect: { timeout: 15_000 },
	forbidOnly: !!process.env.CI,
	reporter: 'list',
	use: {
		baseURL,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				// A closed network: without these Chromium keeps dialling Google's services at start.
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [
		// Each shared role signs in once, through the form; the tests start from that session.
		{ name: 'setup', testMatch: /auth\.setup\.ts$/, use: { ...devices['Desktop Chrome'] } },
		{ name: 'chromium', use: { ...devices['Desktop Chrome'] }, dependencies: ['setup'] }
	],
	webServer: {
		// The production build (rebuilt only when stale) with a fresh database: see scripts/e2e-server.js.
		command: 'node scripts/e2e-server.js',
		url: `${baseURL}/healthz`,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000,
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
	}
});
