#!/usr/bin/env bash
# Managed overhead of the pair forward on CPU (issue 7 item 5, CPU part): how much of the time of the tiny
# model's pair inference is spent outside libtorch (.NET runtime, JIT-compiled TorchSharp/Mast3r code, the
# P/Invoke shim), measured with perf's sampler (cpu-clock, so waiting for a shared CPU is not counted).
#
# Two `mast3r bench` runs that differ only in the number of timed calls are sampled; the per-bucket difference
# of the sample counts belongs to exactly the extra forward calls (start-up, weight generation and JIT warm-up
# cancel out). Buckets (scripts/overhead_buckets.py): libtorch (libtorch*, libc10, OpenMP, and the convolution /
# GEMM kernels oneDNN and MKL generate at run time: anonymous executable memory outside the .NET perf map),
# libc (malloc/memcpy/libm), kernel (page faults of libtorch's large allocations), shim (libLibTorchSharp),
# dotnet (coreclr, clrjit, JIT-compiled managed code found via DOTNET_PerfMapEnabled's /tmp/perf-PID.map).
# Issue target: total / native <= 1.2, native = everything but shim and dotnet.
#
# usage: scripts/measure-managed-overhead.sh [MAST3R] [SIZE] [EXTRA_CALLS]
#   MAST3R       the mast3r executable (default: Release build output; build with dotnet build -c Release)
#   SIZE         WxH (default 512x384)
#   EXTRA_CALLS  forward calls in the difference (default 10)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
app=${1:-$repo/src/Mast3r.Cli/bin/Release/net10.0/mast3r}
size=${2:-512x384}
extra=${3:-10}
base=2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x "$app" ] || { echo "error: $app not found (dotnet build src/Mast3r.Cli -c Release)" >&2; exit 2; }
command -v perf > /dev/null || { echo "error: perf not installed" >&2; exit 2; }

sample() { # $1 = timed calls, $2 = output prefix
  DOTNET_PerfMapEnabled=1 perf record -q -e cpu-clock -F 999 -o "$work/$2.data" -- \
    "$app" bench --random-weights tiny --size "$size" --threads 1 --warmup 1 --repetitions "$1" --attention explicit \
    --output "$work/$2.json" > /dev/null
  perf script -i "$work/$2.data" -F pid,ip,dso 2>/dev/null > "$work/$2.samples"
}
sample "$base" a
sample "$((base + extra))" b
python3 "$repo/scripts/overhead_buckets.py" "$work/a.samples" "$work/b.samples" "$work/b.json" "$extra" "$size"
