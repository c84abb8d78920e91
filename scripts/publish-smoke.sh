#!/usr/bin/env bash
# Smoke test of the trimmed, self-contained publish: proves trimming removed nothing the app uses by running
# `mast3r infer` and `mast3r bench` on the published app, on CPU. The GPU-host publish carries no libtorch, so the
# run uses the same trimmed publish with the CPU libtorch package (identical managed assemblies and trimming
# settings; only the native package reference differs). Exit code 0 = every check passed. For CI.
# usage: scripts/publish-smoke.sh [OUT_DIR]           (default artifacts/publish-smoke)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/artifacts/publish-smoke}
app="$out/app"
work="$out/work"
rm -rf "$app" "$work" && mkdir -p "$app" "$work"
dotnet publish "$repo/src/Mast3r.Cli" -c Release -r linux-x64 --self-contained \
  -p:PublishTrimmed=true -p:TrimMode=partial -o "$app"

fail() { echo "publish-smoke: FAILED: $*" >&2; exit 1; }
run() { echo "+ mast3r $*" >&2; "$app/mast3r" "$@"; }

run version > "$work/version.txt" || fail "mast3r version"
grep -q '^TorchSharp ' "$work/version.txt" || fail "mast3r version printed no TorchSharp line"

# Every discovered subcommand must still be there after trimming (reflection discovery).
run --help > "$work/help.txt" || fail "mast3r --help"
for sub in bench version; do
  grep -qE "^ +$sub( |$)" "$work/help.txt" || fail "subcommand '$sub' missing from the trimmed app's help"
done

# Usage errors still map to exit code 2 with a message (CliUsageException path).
set +e; "$app/mast3r" bench --random-weights tiny --size 500x384 > /dev/null 2> "$work/usage.txt"; rc=$?; set -e
[ "$rc" = 2 ] || fail "bench with a bad --size exited $rc, expected 2"

run bench --random-weights tiny --size 64x48 --batch 2 --symmetric --warmup 1 --repetitions 2 --matching --threads 1 \
  --output "$work/bench.json" > /dev/null || fail "mast3r bench"
for key in ms_per_pair pairs_per_second achieved_tflops peak_memory_bytes matching; do
  grep -q "\"$key\"" "$work/bench.json" || fail "bench JSON lacks $key"
done

# `mast3r infer` with portable weights on two committed parity images. The infer command belongs to the model
# work; SMOKE_INFER_ARGS overrides the image/output arguments if its syntax differs from this default.
grep -qE "^ +infer( |$)" "$work/help.txt" || fail "subcommand 'infer' is not in this build (it must exist before the smoke can pass)"
img=$repo/tests/Fixtures/parity/images
read -r -a infer_args <<< "${SMOKE_INFER_ARGS:---image1 $img/img0_land_640x480.png --image2 $img/img1_square_600x600.png --out $work/infer}"
run infer --random-weights tiny "${infer_args[@]}" > "$work/infer.txt" || fail "mast3r infer"
echo "publish-smoke: OK ($(du -sh "$app" | cut -f1) published)" >&2
