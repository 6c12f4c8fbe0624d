#!/usr/bin/env bash
# Runs `npm ci` when node_modules is missing, older than the lock file, or built for another Node.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh
stamp=node_modules/.pult-installed
want="node=$(node -p process.versions.modules) lock=$(sha1sum package-lock.json | cut -c1-40)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "pult: installing node modules (npm ci) for Node $(node --version)" >&2
  npm_config_nodedir="$PULT_NODE_DIR" ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
