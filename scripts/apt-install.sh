#!/usr/bin/env bash
# Installs those of the named Debian packages that are not installed yet,
# without recommends, through sudo when not root. The one place the
# project's scripts install from apt (setup, the browser tests, the bench
# tools, the web lint, Milvus's namespace tools).
#   scripts/apt-install.sh PACKAGE...
set -euo pipefail
missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "apt-install: installing ${missing[*]}" >&2
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo --preserve-env)
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
