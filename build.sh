#!/usr/bin/env bash
# Mast3r.Repro build entry point (Nuke-style on Cake): ./build.sh [Target...] [--parameter value ...]
#   ./build.sh --help            targets and parameters      ./build.sh --plan Reproduce   what would run
# Checks the SDK pinned in global.json, restores the local tools, builds the build-graph library, runs Cake.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true CAKE_SETTINGS_SCRIPTCACHELOCATION="$ROOT/build/.cake-cache"

sdk_version=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([0-9][^"]*\)".*/\1/p' global.json | head -n1)
install_hint="Install it, e.g.: curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --version $sdk_version
  (Debian/Ubuntu packages: sudo apt-get install dotnet-sdk-${sdk_version%%.*}.0)"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK $sdk_version (global.json) is required and 'dotnet' is not on PATH." >&2
  echo "$install_hint" >&2
  exit 1
fi
# `dotnet --version` resolves global.json (version + rollForward) exactly as every later dotnet call will.
if ! dotnet --version >/dev/null 2>&1; then
  echo "error: no installed .NET SDK satisfies global.json ($sdk_version, rollForward latestFeature)." >&2
  echo "Installed: $(dotnet --list-sdks | awk '{print $1}' | tr '\n' ' ')" >&2
  echo "$install_hint" >&2
  exit 1
fi

dotnet tool restore >/dev/null

# The graph's argument parser, plan and help live in a tested library that Cake loads with #r.
lib_dll="build/Mast3r.Build/bin/Release/net10.0/Mast3r.Build.dll"
if [[ ! -f "$lib_dll" ]] || [[ -n "$(find build/Mast3r.Build -name '*.cs' -newer "$lib_dll" -print -quit)" ]]; then
  dotnet build build/Mast3r.Build/Mast3r.Build.csproj -c Release -nologo -v quiet >/dev/null \
    || { echo "error: building build/Mast3r.Build failed; run: dotnet build build/Mast3r.Build -c Release" >&2; exit 1; }
fi

# Hand the raw arguments to the script unparsed (Cake would reject positional targets and ignore unknown options).
MAST3R_BUILD_ARGV="$(printf '%s\x1f' "$@")"
export MAST3R_BUILD_ARGV
exec dotnet cake build/build.cake --verbosity="${CAKE_VERBOSITY:-normal}"
