#!/usr/bin/env bash
# The app on the other Node.js versions it supports (22 and 24; the machine's own runs everything
# else): each is installed from the npm registry's `node` package into a folder of its own, then runs
# the unit tests, one database test on both engines (tests/db/plans-kept.test.ts), and the server and
# the browser tests of a respondent's survey and of signing in
# (tests/e2e/respondent.spec.ts, tests/e2e/sign-in.spec.ts: the embedded database in its thread, page
# compression, the database's limits, the Auth stand-in). Needs the production build, Chromium and
# PostgreSQL, as `npm test` does. NODE_VERSIONS changes the list ("22 24"). `npm run test:nodes` runs it,
# and `npm test` last.
#
# The versions run side by side, each with a test server on a port of its own (E2E_PORT, default 4183,
# then 10 more for each further version), and each line they print starts with its version. Much of
# each run is waiting (a browser, a server starting), so two at once take less than one after the other.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
versions="${NODE_VERSIONS:-22 24}"
# kept between runs (node_modules is never committed): a second run installs nothing new
work="node_modules/.cache/other-nodes"
base_port="${E2E_PORT:-4183}"

for major in $versions; do
	if [[ ! "$major" =~ ^[0-9]{2}$ ]]; then
		echo "NODE_VERSIONS must list major versions of Node.js, like \"22 24\" (it has \"$major\")." >&2
		exit 2
	fi
done

# One version's run, start to end; fails at its first failing step.
run_on() {
	local major="$1" port="$2"
	npm install --prefix "$work/node$major" --no-audit --no-fund --no-save --loglevel=error "node@$major" >/dev/null || return 1
	local bin="$work/node$major/node_modules/.bin"
	# what `#!/usr/bin/env node` (npx, vitest, Playwright and its server) finds first on this PATH
	local got
	got="$(PATH="$bin:$PATH" node --version)" || return 1
	if [[ "$got" != "v$major."* ]]; then
		echo "Asked for Node.js $major, got $got." >&2
		return 1
	fi
	echo "Node.js $got"
	PATH="$bin:$PATH" npx vitest run --project unit || return 1
	# both engines, migrated from empty and seeded, and a Send with every trigger it sets off
	PATH="$bin:$PATH" npx vitest run --project db tests/db/plans-kept.test.ts || return 1
	# a server of its own (CI: never one left running on the machine's Node), on a port of its own
	PATH="$bin:$PATH" CI=true E2E_PORT="$port" \
		npx playwright test tests/e2e/respondent.spec.ts tests/e2e/sign-in.spec.ts || return 1
}

started=$SECONDS
pids=()
names=()
i=0
for major in $versions; do
	port=$((base_port + 10 * i))
	# each line marked with its version; the subshell's status is run_on's (pipefail)
	(run_on "$major" "$port" 2>&1 | sed -u "s/^/[node $major] /") &
	pids+=("$!")
	names+=("$major")
	i=$((i + 1))
done

failed=()
for j in "${!pids[@]}"; do
	wait "${pids[$j]}" || failed+=("${names[$j]}")
done
minutes="$(awk -v s=$((SECONDS - started)) 'BEGIN { printf "%.1f", s / 60 }')"
if ((${#failed[@]} > 0)); then
	echo "Failed on Node.js ${failed[*]} ($minutes minutes): see the lines marked so above." >&2
	exit 1
fi
echo "Passed on Node.js ${versions// /, } in $minutes minutes."
