# Build the Windows installer: dist\trainer-<version>-windows-x64.msi (README.md).
# Needs Python 3.11+, and the WiX Toolset v5 .NET tool (dotnet tool install --global wix).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

# The folders the bundle must carry (trainer/core/resources.py DATA_FOLDERS; the Linux and
# macOS recipes list the same ones, tests/test_packaging.py checks).
$DataFolders = @("resources", "trainer/storage/migrations")

if (-not (Test-Path .venv)) { py -3 -m venv .venv }
.\.venv\Scripts\python -m pip install -q -e ".[test]"
.\.venv\Scripts\python packaging\render_icons.py build\icons
.\.venv\Scripts\pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller packaging\trainer.spec

foreach ($folder in $DataFolders) {
    if (-not (Test-Path (Join-Path "dist\trainer\_internal" $folder))) {
        throw "the bundle lacks $folder"
    }
}
$env:QT_QPA_PLATFORM = "offscreen"
& dist\trainer\trainer-cli.exe self-test
if ($LASTEXITCODE -ne 0) { throw "self-test failed" }
$version = (& dist\trainer\trainer-cli.exe --version).Split(" ")[1]

wix build packaging\windows\trainer.wxs -arch x64 -d AppVersion=$version `
    -o "dist\trainer-$version-windows-x64.msi"
Write-Host "dist\trainer-$version-windows-x64.msi"
