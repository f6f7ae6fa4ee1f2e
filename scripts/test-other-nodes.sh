#!/usr/bin/env bash
# The app on the other Node.js versions it supports (22 and 24; the machine's own runs everything
# else): each is installed from the npm registry's `node` package into a folder of its own, then runs
# the unit tests, one database test on both engines (tests/db/plans-kept.test.ts), and the server and
# the browser tests of a respondent's survey and of signing in
# (tests/e2e/respondent.spec.ts, tests/e2e/sign-in.spec.ts: the embedded database in its thread, page
# compression, the database's limits, the Auth stand-in). Needs the production build, Chromium and
# PostgreSQL, as `npm test` does. NODE_VERSIONS changes the list ("22 24"). `npm run test:nodes` runs it,
# and `npm test` last.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
versions="${NODE_VERSIONS:-22 24}"
# kept between runs (node_modules is never committed): a second run installs nothing new
work="node_modules/.cache/other-nodes"

for major in $versions; do
	if [[ ! "$major" =~ ^[0-9]{2}$ ]]; then
		echo "NODE_VERSIONS must list major versions of Node.js, like \"22 24\" (it has \"$major\")." >&2
		exit 2
	fi
	printf '\n---- Node.js %s ----\n' "$major"
	npm install --prefix "$work/node$major" --no-audit --no-fund --no-save --loglevel=error "node@$major" >/dev/null
	bin="$work/node$major/node_modules/.bin"
	# what `#!/usr/bin/env node` (npx, vitest, Playwright and its server) finds first on this PATH
	got="$(PATH="$bin:$PATH" node --version)"
	if [[ "$got" != "v$major."* ]]; then
		echo "Asked for Node.js $major, got $got." >&2
		exit 1
	fi
	echo "Node.js $got"
	PATH="$bin:$PATH" npx vitest run --project unit
	# both engines, migrated from empty and seeded, and a Send with every trigger it sets off
	PATH="$bin:$PATH" npx vitest run --project db tests/db/plans-kept.test.ts
	# a server of its own (CI: never one left running on the machine's Node), on a port of its own
	PATH="$bin:$PATH" CI=true E2E_PORT="${E2E_PORT:-4183}" \
		npx playwright test tests/e2e/respondent.spec.ts tests/e2e/sign-in.spec.ts
done
