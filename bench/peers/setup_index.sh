#!/usr/bin/env bash
# Installs only the vector search peers, faiss-cpu and hnswlib (and Pillow, for
# bench/real_descriptors.py's mirror images), into a light
# virtualenv in the cache folder ($FACESEARCH_CACHE/peers/index-venv): a
# minute of wheels instead of bench/peers/setup.sh's 20-minute dlib build, for
# bench/index.py --peer-python and bench/index_peer.py. The same pins as
# setup.sh. Never committed; idempotent: a second run only checks what is
# installed. Prints the venv's python.
set -euo pipefail
cache="${FACESEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facesearch}"
venv="$cache/peers/index-venv"

if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
fi
# numpy<2 in the same call as faiss and hnswlib, so that no resolution upgrades it under them.
"$venv/bin/pip" install --quiet --disable-pip-version-check "numpy<2" faiss-cpu==1.15.1 hnswlib==0.8.0 \
    pillow==12.0.0
echo "$venv/bin/python"
