# Builds the Windows bundle and installer in one go. Run in PowerShell on a Windows 10/11 machine with
# Python 3.11 (python.org) and NSIS 3 (nsis.sourceforge.io) installed:
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$version = (Select-String -Path pyproject.toml -Pattern '^version = "(.+)"').Matches[0].Groups[1].Value

if (-not (Test-Path .venv-win)) { py -3.11 -m venv .venv-win }
.\.venv-win\Scripts\python.exe -m pip install --upgrade pip
.\.venv-win\Scripts\python.exe -m pip install -e ".[postgres]" "pyinstaller>=6"
.\.venv-win\Scripts\python.exe -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\minsheng.spec

$makensis = @("$env:ProgramFiles\NSIS\makensis.exe", "${env:ProgramFiles(x86)}\NSIS\makensis.exe") |
    Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $makensis) { throw "找不到 NSIS（makensis.exe），请先安装 NSIS 3" }
& $makensis "/DBUNDLE=$PWD\dist\minsheng" "/DVERSION=$version" "/DOUTFILE=$PWD\dist\minsheng-setup-$version.exe" installer\minsheng.nsi
Write-Host "安装程序：dist\minsheng-setup-$version.exe"
