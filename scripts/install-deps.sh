#!/usr/bin/env bash
# Installs the Debian packages Boussole needs to build, test and run.
# Idempotent: a second run checks the packages and installs nothing when all are present.
set -euo pipefail

PACKAGES=(
  make cmake g++ pkg-config ccache
  clang libclang-rt-14-dev lld  # the sanitizer and fuzz builds: clang, its runtimes, its linker
  libboost-dev libboost-system-dev
  libsqlite3-dev sqlite3
  libpqxx-dev postgresql postgresql-client-15
  libxapian-dev libstemmer-dev
  libxlsxwriter-dev
  nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev
  libsodium-dev libicu-dev libkainjow-mustache-dev
  chromium
  libcurl4-openssl-dev
  libical-dev
  curl ca-certificates unzip
  libreoffice-calc-nogui
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# Node.js and npm: the machine may already carry a newer Node; only install Debian's when absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all Debian packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
