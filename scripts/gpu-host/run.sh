#!/usr/bin/env bash
# Runs the published mast3r app on this host's PyTorch (after build-shim.sh): puts the torch package's lib folder
# on the loader path so TorchSharp finds libtorch / libtorch_cuda, then passes every argument to mast3r.
# usage: run.sh <mast3r arguments…>      e.g. run.sh bench --random-weights full --device cuda --batch 8 --symmetric
# env: PYTHON (default python3) = the interpreter whose torch is used.
set -euo pipefail
app=$(cd "$(dirname "$0")/.." && pwd)
py=${PYTHON:-python3}
if [ ! -f "$app/libLibTorchSharp.host" ]; then
  echo "error: $app/libLibTorchSharp.so is still the packaged CPU shim; run gpu-host/build-shim.sh first (gpu-host/gpu-host.md)" >&2
  exit 2
fi
torch_lib=$("$py" -c "import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))")
export LD_LIBRARY_PATH="$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
exec "$app/mast3r" "$@"
