#!/usr/bin/env bash
# Source this file: puts the pinned Node (with its headers, for native addons) first on PATH.
# Why: current releases of better-sqlite3, vitest, i18next, kysely and Electron's tooling need
# Node >= 22, and Electron itself ships Node 24, so services are tested on the Node they run on.
# The Node binary comes from the npm registry's node-<os>-<arch> package and is cached per user.
PULT_NODE_VERSION="24.21.0"
pult_node_setup() {
  local have
  have=$(node -p 'process.versions.node' 2>/dev/null || true)
  if [ "$have" = "$PULT_NODE_VERSION" ]; then export PULT_NODE_DIR="${PULT_NODE_DIR:-$(dirname "$(dirname "$(command -v node)")")}"; return 0; fi
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "pult: unsupported OS $(uname -s); install Node $PULT_NODE_VERSION yourself" >&2; return 1 ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "pult: unsupported CPU $(uname -m)" >&2; return 1 ;; esac
  local cache="${PULT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pult}/node-$os-$arch-$PULT_NODE_VERSION"
  if [ ! -x "$cache/bin/node" ]; then
    echo "pult: fetching Node $PULT_NODE_VERSION (node-$os-$arch from the npm registry) into $cache" >&2
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-$os-$arch@$PULT_NODE_VERSION" >/dev/null) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$tmp/x" && tar xzf "$tmp"/node-*.tgz -C "$tmp/x" || { rm -rf "$tmp"; return 1; }
    mkdir -p "$(dirname "$cache")" && rm -rf "$cache" && mv "$tmp/x/package" "$cache"
    rm -rf "$tmp"
  fi
  export PATH="$cache/bin:$PATH"
  # Native addons must build against this Node's headers (the machine's npmrc may name others).
  export PULT_NODE_DIR="$cache"
}
pult_node_setup
