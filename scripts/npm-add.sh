#!/usr/bin/env bash
# Developer helper: `bash scripts/npm-add.sh [-D] pkg...` installs with the pinned Node and its
# headers, serialised by a lock so parallel sessions never run npm at once, and refreshes the stamp.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh
exec 9>/tmp/pult-npm.lock
flock 9
npm_config_nodedir="$PULT_NODE_DIR" ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund "$@"
echo "node=$(node -p process.versions.modules) lock=$(sha1sum package-lock.json | cut -c1-40)" > node_modules/.pult-installed
