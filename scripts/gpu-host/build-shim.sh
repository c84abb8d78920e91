#!/usr/bin/env bash
# Builds TorchSharp's native shim (libLibTorchSharp.so) against the libtorch of the PyTorch installed on this
# host, so that the published mast3r app (managed TorchSharp 0.107.0 only, no libtorch of its own) runs on that
# PyTorch's CUDA build. No .NET is needed here. Facts: docs/gpu-host.md; verified with TorchSharp 0.107.0 sources
# (dotnet/TorchSharp commit c20b6a1c, src/Native) against torch 2.11.0+cu130 on an H200, ~50 s on 16 cores.
#
# usage: build-shim.sh TORCHSHARP_NATIVE_DIR [APP_DIR]
#   TORCHSHARP_NATIVE_DIR  src/Native of the TorchSharp v0.107.0 sources (holds LibTorchSharp/ and Stdafx.h)
#   APP_DIR                the published app (default: the folder above this script); the shim is written there
# env: PYTHON (default python3) = the interpreter whose torch is used; JOBS (default nproc).
set -euo pipefail
native=${1:?usage: build-shim.sh TORCHSHARP_NATIVE_DIR [APP_DIR]}
app=${2:-$(cd "$(dirname "$0")/.." && pwd)}
py=${PYTHON:-python3}
[ -f "$native/LibTorchSharp/THSTensor.cpp" ] || { echo "error: $native does not look like TorchSharp's src/Native (no LibTorchSharp/THSTensor.cpp)" >&2; exit 2; }
[ -x "$app/mast3r" ] || { echo "error: $app holds no published mast3r app" >&2; exit 2; }

torch_dir=$("$py" -c "import torch,os;print(os.path.dirname(torch.__file__))")
abi=$("$py" -c "import torch;print(int(torch._C._GLIBCXX_USE_CXX11_ABI))")
version=$("$py" -c "import torch;print(torch.__version__)")
echo "torch $version at $torch_dir (cxx11 abi $abi)" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags="-std=c++17 -O2 -fPIC -w -D_GLIBCXX_USE_CXX11_ABI=$abi -I $native -I $torch_dir/include -I $torch_dir/include/torch/csrc/api/include"
export flags work
# One compiler per source file, in parallel; the first failure stops the build with its first error lines.
ls "$native"/LibTorchSharp/*.cpp | xargs -P "${JOBS:-$(nproc)}" -I{} sh -c \
  'o="$work/$(basename "{}").o"; g++ $flags -c "{}" -o "$o" 2>"$o.err" || { echo "FAILED {}" >&2; head -40 "$o.err" >&2; exit 255; }'
gcc -O2 -fPIC -c "$native/LibTorchSharp/crc32c.c" -o "$work/crc32c.o"
libs="-ltorch -ltorch_cpu -lc10"
[ -e "$torch_dir/lib/libtorch_cuda.so" ] && libs="$libs -ltorch_cuda -lc10_cuda"
g++ -shared -o "$work/libLibTorchSharp.so" "$work"/*.o -L"$torch_dir/lib" -Wl,-rpath,"$torch_dir/lib" -Wl,--no-as-needed $libs

# Replace the shim that came with the managed package (built for libtorch 2.10 CPU) and record provenance.
install -m 0755 "$work/libLibTorchSharp.so" "$app/libLibTorchSharp.so"
printf 'torch=%s\ntorch_dir=%s\nbuilt=%s\n' "$version" "$torch_dir" "$(date -u +%FT%TZ)" > "$app/libLibTorchSharp.host"
echo "$app/libLibTorchSharp.so (torch $version)" >&2
