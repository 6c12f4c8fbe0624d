#!/usr/bin/env bash
# Entry point of the npm scripts: pinned Node first on PATH, node_modules installed, then the command.
#   pult.sh start        run Pult with its embedded defaults (server on PGlite, demo data, app)
#   pult.sh test         install what the tests need (apt packages, node modules) and run them all
#   pult.sh run CMD ...  run CMD with the pinned Node and node_modules/.bin on PATH
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh
export PATH="$PWD/node_modules/.bin:$PATH"
cmd="${1:-}"; shift || true
case "$cmd" in
  start)
    bash scripts/ensure-modules.sh
    exec node scripts/start.ts "$@" ;;
  test)
    bash scripts/setup-system.sh
    bash scripts/ensure-modules.sh
    exec node scripts/test.ts "$@" ;;
  run)
    bash scripts/ensure-modules.sh
    exec "$@" ;;
  *) echo "usage: scripts/pult.sh start|test|run CMD..." >&2; exit 2 ;;
esac
