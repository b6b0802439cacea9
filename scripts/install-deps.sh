#!/usr/bin/env bash
# Installs every Debian and npm package the project needs, and nothing that is there already.
# Safe to run again; `make run` and `make test` call it first.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ccache make
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev libboost-dev
  libsoci-dev libsqlite3-dev libpq-dev postgresql
  libxapian-dev libhunspell-dev hunspell-nl libsodium-dev
  libkainjow-mustache-dev libcmark-gfm-dev libcmark-gfm-extensions-dev nlohmann-json3-dev
  libexpected-dev libcli11-dev libspdlog-dev libfast-float-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
  clang-14 libclang-rt-14-dev libzip-dev
  libmagic-dev libpoppler-cpp-dev libcurl4-openssl-dev
  chromium nodejs wrk python3 python3-pandas
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# htmx, compiled into the binary for progressive enhancement.
if [ ! -f static/node_modules/htmx.org/dist/htmx.min.js ]; then
  (cd static && npm install --no-audit --no-fund --silent)
fi

# Browser-test helpers (playwright-core drives Debian's chromium; axe-core checks accessibility).
if [ "${1:-}" = "--with-browser-tests" ] && [ ! -d tests/e2e/node_modules/axe-core ]; then
  (cd tests/e2e && npm install --no-audit --no-fund --silent)
fi
