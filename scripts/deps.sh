#!/usr/bin/env bash
# deps.sh: installs what building and testing wasmc needs on Debian 12 (bookworm).
# Uses apt (as root, or through sudo) for the C/C++ toolchain and test tools. Rust is NOT
# installed: MIR comes from the mir-sys 0.2.0 crate (edition 2024), which needs cargo/rustc
# >= 1.85; Debian 12's apt `cargo` (0.66 / rustc 1.63) is too old, so the machine's existing
# cargo is required (on PATH or in ~/.cargo/bin).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  cmake ninja-build g++ pkg-config libffi-dev libcmocka-dev wabt cppcheck clang lld binutils \
  ca-certificates doxygen python3

export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v cargo >/dev/null 2>&1; then
  echo "deps.sh: cargo not found. wasmc needs an existing Rust toolchain >= 1.85 (for the" >&2
  echo "mir-sys 0.2.0 crate); Debian 12's apt cargo is too old." >&2
  exit 1
fi
version=$(cargo --version | awk '{ print $2 }')
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 85 ]; }; then
  echo "deps.sh: cargo $version is too old; mir-sys 0.2.0 (edition 2024) needs >= 1.85" >&2
  exit 1
fi
echo "deps.sh: ok (cargo $version)"
