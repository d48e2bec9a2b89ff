#!/usr/bin/env bash
# Installs the peers facesearch is measured against into a virtualenv in the
# cache folder ($FACESEARCH_CACHE/peers/venv): dlib 19.24.2 built from its
# PyPI sdist against Debian's OpenBLAS (about 20 minutes on 2 cores), and
# face_recognition 1.3.0 with its models; faiss-cpu and hnswlib (vector search
# peers) and matplotlib (the harness's plots). Never committed; idempotent:
# a second run only checks what is installed. Prints the venv's python.
set -euo pipefail
cache="${FACESEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facesearch}"
venv="$cache/peers/venv"

bash "$(dirname "$0")/../../scripts/setup.sh"
bash "$(dirname "$0")/../../scripts/apt-install.sh" cmake
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet "numpy<2" "setuptools<70" wheel pillow click
if ! "$venv/bin/python" -c "import dlib; assert dlib.__version__ == '19.24.2'" 2>/dev/null; then
    echo "peers: building dlib 19.24.2 from source (about 20 minutes on 2 cores)" >&2
    "$venv/bin/pip" install --quiet --no-build-isolation dlib==19.24.2
fi
"$venv/bin/pip" install --quiet --no-deps face_recognition==1.3.0 \
    "$cache/downloads/face_recognition_models-0.3.0.tar.gz"
# numpy<2 again in the same call, so that no later resolution upgrades it under dlib.
"$venv/bin/pip" install --quiet "numpy<2" faiss-cpu==1.15.1 hnswlib==0.8.0 matplotlib==3.10.8
echo "$venv/bin/python"
