#!/usr/bin/env bash
# Type-checks the generated TypeScript client (clients/pom.xml runs this in the compile phase) with a pinned
# TypeScript from npm, kept in ~/.cache so later builds need no network. Without npm it says so and skips:
# the Kotlin client is still generated, compiled and tested.
set -euo pipefail
sources="$1"
version="$2"
if ! command -v npm >/dev/null 2>&1; then
	echo "typescript-check: SKIPPED, no npm on this machine; the TypeScript client was generated but not type-checked"
	exit 0
fi
tools="${HOME}/.cache/emberpay/typescript-${version}"
if [ ! -x "${tools}/node_modules/.bin/tsc" ]; then
	mkdir -p "${tools}"
	npm install --prefix "${tools}" --no-audit --no-fund --silent "typescript@${version}" >/dev/null
fi
cd "${sources}"
"${tools}/node_modules/.bin/tsc" --noEmit --strict --target ES2020 --module ES2020 --moduleResolution node \
	--lib ES2020,DOM --skipLibCheck index.ts
echo "typescript-check: the generated TypeScript client type-checks (TypeScript ${version})"
