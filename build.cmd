@echo off
rem Mast3r.Repro build entry point on Windows: same arguments as build.sh.
setlocal EnableDelayedExpansion
cd /d "%~dp0"
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
set CAKE_SETTINGS_ENABLESCRIPTCACHE=true
set CAKE_SETTINGS_SCRIPTCACHELOCATION=%~dp0build\.cake-cache

where dotnet >nul 2>nul
if errorlevel 1 (
  echo error: the .NET SDK pinned in global.json is required and 'dotnet' is not on PATH. 1>&2
  echo Install it: powershell -c "& ([scriptblock]::Create((iwr https://dot.net/v1/dotnet-install.ps1))) -Version 10.0.401" 1>&2
  exit /b 1
)
for /f "tokens=2 delims=:," %%v in ('findstr /c:"\"version\"" global.json') do set SDKVER=%%~v
set SDKVER=%SDKVER: =%
set SDKVER=%SDKVER:"=%
rem `dotnet --version` resolves global.json (version + rollForward) exactly as every later dotnet call will.
dotnet --version >nul 2>nul
if errorlevel 1 (
  echo error: no installed .NET SDK satisfies global.json ^(%SDKVER%, rollForward latestFeature^). 1>&2
  echo Install it: powershell -c "& ([scriptblock]::Create((iwr https://dot.net/v1/dotnet-install.ps1))) -Version %SDKVER%" 1>&2
  exit /b 1
)

dotnet tool restore >nul || exit /b 1
dotnet build build\Mast3r.Build\Mast3r.Build.csproj -c Release -nologo -v quiet >nul || exit /b 1

rem Raw arguments go to the script unparsed, each followed by the unit separator (byte 0x1F, invisible below).
set "MAST3R_BUILD_ARGV="
for %%a in (%*) do set "MAST3R_BUILD_ARGV=!MAST3R_BUILD_ARGV!%%~a"
dotnet cake build\build.cake --verbosity=normal
exit /b %ERRORLEVEL%
