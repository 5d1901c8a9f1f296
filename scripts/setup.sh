#!/bin/bash
# nslab's set-up, run before `npm start`, `npm test` and `npm run bench`.
# Idempotent and quick when everything is in place; otherwise it says what it
# is doing: Debian packages (as root), `npm ci`, and the TypeScript build.
#   --quiet-if-ready   print nothing when there is nothing to do
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=0
[ "${1:-}" = --quiet-if-ready ] && quiet=1
say() { echo "nslab setup: $*" >&2; }

# --- Node -----------------------------------------------------------------
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  say "Node.js $(node -v) is too old; nslab needs Node.js 20 or newer."; exit 1
fi

# --- system packages -------------------------------------------------------
# What labs need is listed once, in src/lab/sh/tools.tsv; tmux is for the
# end-to-end tests. Looked up in system directories only: a lab's PATH has no
# user bin dirs (e.g. a pyenv shim is not a python3 for labs).
missing=()
while IFS=$'\t' read -r cmd pkg _; do
  case $cmd in ''|'#'*) continue ;; esac
  found=0
  for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
    [ -x "$d/$cmd" ] && { found=1; break; }
  done
  [ $found = 1 ] || missing+=("$pkg")
done < <(cat src/lab/sh/tools.tsv; printf 'tmux\ttmux\tthe end-to-end tests\n')
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian packages: $pkgs"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $pkgs >&2
  else
    say "missing packages: $pkgs"
    say "install them with: sudo apt-get install $pkgs"
    exit 1
  fi
fi

# --- npm dependencies ------------------------------------------------------
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

# --- build -----------------------------------------------------------------
stamp=dist/.build-stamp
if [ ! -f "$stamp" ] || [ -n "$(find src scripts/bundle.mjs tsconfig.json package.json -newer "$stamp" -print -quit)" ]; then
  [ $quiet = 1 ] && [ -f "$stamp" ] && say "sources changed; rebuilding" || say "building (TypeScript, then one bundle with esbuild)"
  rm -rf dist
  npx --no-install tsc -p tsconfig.json
  node scripts/bundle.mjs
  touch "$stamp"
elif [ $quiet = 0 ]; then
  say "everything is in place"
fi
