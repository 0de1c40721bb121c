#!/usr/bin/env bash
# make_corpus.sh: seed corpora for the fuzzers from the spec testsuite.
# Usage: fuzz/make_corpus.sh [<testsuite dir>] [<out dir>]
#   defaults: ../shared/wasm-testsuite (next to the repository) and build-fuzz/corpus
# Converts every .wast (top level and simd/) with wast2json and copies the binary modules
# (valid, invalid and malformed alike) into <out>/decode/, named by content hash so that reruns
# do not duplicate. Also fills <out>/{instantiate,differential,api}/ with the committed seeds
# from fuzz/corpora/. Nothing is written into the source tree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
suite=${1:-$here/../../shared/wasm-testsuite}
out=${2:-$here/../build-fuzz/corpus}
command -v wast2json >/dev/null || { echo "make_corpus.sh: wast2json not found (apt-get install wabt)" >&2; exit 1; }
[ -d "$suite" ] || { echo "make_corpus.sh: no testsuite at $suite" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/decode" "$out/instantiate" "$out/differential" "$out/api"
n=0
for wast in "$suite"/*.wast "$suite"/simd/*.wast; do
  [ -f "$wast" ] || continue
  stem=$(basename "$wast" .wast)
  mkdir -p "$tmp/$stem"
  # Some files use features wabt does not parse; skip those quietly.
  if ! wast2json --enable-all "$wast" -o "$tmp/$stem/$stem.json" >/dev/null 2>&1 &&
     ! wast2json "$wast" -o "$tmp/$stem/$stem.json" >/dev/null 2>&1; then
    echo "make_corpus.sh: skipping $stem (wast2json failed)" >&2
    continue
  fi
  for m in "$tmp/$stem"/*.wasm; do
    [ -f "$m" ] || continue
    sum=$(sha1sum "$m" | cut -c1-16)
    cp "$m" "$out/decode/$sum.wasm"
    n=$((n + 1))
  done
done
for t in decode instantiate differential api; do
  if [ -d "$here/corpora/$t" ]; then cp "$here/corpora/$t"/* "$out/$t/" 2>/dev/null || true; fi
done
echo "make_corpus.sh: $n spec modules -> $out/decode ($(ls "$out/decode" | wc -l) unique files)"
