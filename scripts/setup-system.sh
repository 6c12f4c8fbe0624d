#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing. Idempotent and quick when done.
set -euo pipefail
# kamailio + its websocket module (websocket, xhttp): the SIP server the softphone tests call through.
# dovecot-imapd: the IMAP server the e-mail channel's tests read mail from (scripts/dovecot.ts).
packages=(chromium postgresql kamailio kamailio-websocket-modules dovecot-imapd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "pult: the tests need these packages and this system has no apt-get: ${missing[*]}" >&2; exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "pult: installing ${missing[*]} needs root (sudo not found)" >&2; exit 1; }
  sudo="sudo"
fi
echo "pult: installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts a cluster on install; the tests run their own on free ports, so stop it.
command -v service >/dev/null && $sudo service postgresql stop >/dev/null 2>&1 || true
# Likewise Kamailio's own service (port 5060): tests start theirs from scripts/kamailio.ts.
command -v service >/dev/null && $sudo service kamailio stop >/dev/null 2>&1 || true
# And Dovecot's (ports 143/993): tests start a throwaway one from scripts/dovecot.ts.
command -v service >/dev/null && $sudo service dovecot stop >/dev/null 2>&1 || true
