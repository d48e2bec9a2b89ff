#!/usr/bin/env bash
# Syntax-checks the web page's scripts (Sources/FaceSearchServer/Web/Assets)
# with Node's parser, as the ES modules the page loads them as. Installs
# Debian's nodejs when no node is on the PATH. Part of `make lint`.
set -euo pipefail
assets="$(cd "$(dirname "$0")/.." && pwd)/Sources/FaceSearchServer/Web/Assets"
command -v node >/dev/null || bash "$(dirname "$0")/apt-install.sh" nodejs
work="$(mktemp -d -t facesearch-lint-web.XXXXXX)"
trap 'rm -rf "$work"' EXIT
status=0
for script in "$assets"/*.js; do
    name="$(basename "$script" .js)"
    # A .mjs name makes node parse the file as a module (import/export).
    cp "$script" "$work/$name.mjs"
    if ! node --check "$work/$name.mjs" 2>"$work/$name.err"; then
        sed "s#$work/$name.mjs#$script#g" "$work/$name.err" >&2
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "lint-web: $(ls "$assets"/*.js | wc -l) scripts parse"
exit "$status"
