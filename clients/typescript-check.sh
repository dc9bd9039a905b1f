#!/usr/bin/env bash
# Type-checks the generated TypeScript client (clients/pom.xml runs this in the compile phase) with a pinned
# TypeScript from npm, kept in ~/.cache so later builds need no network, then builds it as the npm package
# @emberpay/client: dist/ (CommonJS and type declarations, what the end-to-end test in local runs) and a
# tarball in target/ that `npm publish` takes as it is. Without npm, or when TypeScript cannot be installed
# (no registry), it says so and skips: the Kotlin client is still generated, compiled and tested.
set -euo pipefail
sources="$1"
version="$2"
if ! command -v npm >/dev/null 2>&1; then
	echo "typescript-check: SKIPPED, no npm on this machine; the TypeScript client was generated but not type-checked"
	exit 0
fi
tools="${HOME}/.cache/emberpay/typescript-${version}"
tsc="${tools}/node_modules/.bin/tsc"
if [ ! -x "${tsc}" ]; then
	mkdir -p "${tools}"
	if ! npm install --prefix "${tools}" --no-audit --no-fund --silent "typescript@${version}" >/dev/null 2>&1; then
		echo "typescript-check: SKIPPED, TypeScript ${version} could not be installed from npm; the TypeScript client was generated but not type-checked"
		exit 0
	fi
fi
cd "${sources}"
# strict, as a strict app that imports the client compiles it
"${tsc}" --noEmit --strict --target ES2020 --module ES2020 --moduleResolution node \
	--lib ES2020,DOM --skipLibCheck src/index.ts
"${tsc}" -p tsconfig.json --lib ES2020,DOM --skipLibCheck
npm pack --ignore-scripts --silent --pack-destination ../.. >/dev/null
echo "typescript-check: the generated TypeScript client type-checks (TypeScript ${version}); built into ${sources}/dist and packed as $(cd ../.. && ls "${PWD}"/emberpay-client-*.tgz)"
