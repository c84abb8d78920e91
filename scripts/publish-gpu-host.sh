#!/usr/bin/env bash
# Produces the GPU-host bundle: a self-contained, trimmed linux-x64 mast3r with the managed TorchSharp only (no
# libtorch; the host's PyTorch provides it) plus the host scripts, as a folder and a .tar.xz. docs/gpu-host.md.
# usage: scripts/publish-gpu-host.sh [OUT_DIR]        (default artifacts/gpu-host)
# Called by `./build.sh Publish --gpu-host`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/artifacts/gpu-host}
app="$out/mast3r-gpu-host"
rm -rf "$app" && mkdir -p "$app"
dotnet publish "$repo/src/Mast3r.Cli" -c Release -r linux-x64 --self-contained \
  -p:PublishTrimmed=true -p:TrimMode=partial -p:Mast3rGpuHost=true -o "$app"
# A libtorch in the bundle would shadow the host's CUDA build; Mast3rGpuHost must have kept it out.
if ls "$app"/libtorch*.so "$app"/libc10*.so >/dev/null 2>&1; then
  echo "error: the gpu-host publish contains libtorch natives; is Mast3rGpuHost honoured in src/Mast3r/Mast3r.csproj?" >&2
  exit 1
fi
mkdir -p "$app/gpu-host"
cp "$repo/scripts/gpu-host/build-shim.sh" "$repo/scripts/gpu-host/run.sh" "$repo/docs/gpu-host.md" "$app/gpu-host/"
rm -f "$app"/*.pdb
tar -C "$out" -cJf "$out/mast3r-gpu-host-linux-x64.tar.xz" mast3r-gpu-host
du -sh "$app" "$out/mast3r-gpu-host-linux-x64.tar.xz" >&2
