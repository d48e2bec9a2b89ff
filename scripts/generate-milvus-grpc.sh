#!/usr/bin/env bash
# Regenerates Sources/MilvusClient/Generated from proto/milvus/facesearch_milvus.proto.
#
# Run it after editing that .proto file, or after moving swift-protobuf or
# grpc-swift-protobuf to new versions in Package.swift (then change the two
# versions below to match: the generated code must come from the plugins of the
# library versions it is compiled against). Commit what it writes; a normal build
# never runs protoc.
#
#   scripts/generate-milvus-grpc.sh
#
# Needs protoc (Debian: apt-get install -y protobuf-compiler). The first run
# builds the two protoc plugins, protoc-gen-swift and protoc-gen-grpc-swift-2, in
# a scratch package outside the repository (a few minutes); later runs reuse them.
# FACESEARCH_PROTOC_PLUGINS sets that scratch folder.
set -euo pipefail
cd "$(dirname "$0")/.."

swift_protobuf_version=1.39.0
grpc_swift_protobuf_version=2.4.1
plugins="${FACESEARCH_PROTOC_PLUGINS:-${TMPDIR:-/tmp}/facesearch-protoc-plugins}"
proto_dir=proto/milvus
proto=facesearch_milvus.proto
out=Sources/MilvusClient/Generated

command -v protoc >/dev/null || {
    echo "protoc not found: apt-get install -y protobuf-compiler" >&2
    exit 1
}

# The scratch package that builds the plugins; rewritten (and so rebuilt) only
# when the versions change.
mkdir -p "$plugins"
manifest="$(mktemp)"
trap 'rm -f "$manifest"' EXIT
cat >"$manifest" <<EOF
// swift-tools-version: 6.1
// Builds the protoc plugins for facesearch's scripts/generate-milvus-grpc.sh.
import PackageDescription

let package = Package(
    name: "facesearch-protoc-plugins",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf", exact: "$swift_protobuf_version"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "$grpc_swift_protobuf_version"),
    ]
)
EOF
if ! cmp -s "$manifest" "$plugins/Package.swift"; then
    cp "$manifest" "$plugins/Package.swift"
    rm -f "$plugins/.build/release/protoc-gen-swift" "$plugins/.build/release/protoc-gen-grpc-swift-2"
fi
for product in protoc-gen-swift protoc-gen-grpc-swift-2; do
    if [ ! -x "$plugins/.build/release/$product" ]; then
        echo "=== building $product in $plugins"
        swift build --package-path "$plugins" -c release --product "$product"
    fi
done

echo "=== protoc $proto_dir/$proto -> $out"
rm -rf "$out"
mkdir -p "$out"
protoc \
    --proto_path="$proto_dir" \
    --plugin=protoc-gen-swift="$plugins/.build/release/protoc-gen-swift" \
    --plugin=protoc-gen-grpc-swift-2="$plugins/.build/release/protoc-gen-grpc-swift-2" \
    --swift_out=Visibility=Internal:"$out" \
    --grpc-swift-2_out=Visibility=Internal,Client=true,Server=false:"$out" \
    "$proto"

# Both generators mark their files `// swift-format-ignore-file`, so `make lint`
# and `make format` leave them alone; stop here if a future version does not.
for file in "$out"/*.swift; do
    grep -q '^// swift-format-ignore-file$' "$file" || {
        echo "$file lacks '// swift-format-ignore-file'" >&2
        exit 1
    }
done
ls -l "$out"
