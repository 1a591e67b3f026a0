#!/bin/sh
# Build Trainer.app and dist/trainer-<version>-macos-<arch>.dmg on macOS (README.md).
# Optional: SIGN_IDENTITY="Developer ID Application: …" to sign, NOTARY_PROFILE=<keychain
# profile made with `xcrun notarytool store-credentials`> to notarise and staple.
set -eu
cd "$(dirname "$0")/../.."

# The folders the bundle must carry (trainer/core/resources.py DATA_FOLDERS; the Linux and
# Windows recipes list the same ones, tests/test_packaging.py checks).
DATA_FOLDERS="resources trainer/storage/migrations"

[ -d .venv ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e ".[test]"
.venv/bin/python packaging/render_icons.py build/icons
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/trainer.spec

APP=dist/Trainer.app
for folder in $DATA_FOLDERS; do
  [ -d "$APP/Contents/Resources/$folder" ] || { echo "the app lacks $folder" >&2; exit 1; }
done
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/trainer" self-test
VERSION=$("$APP/Contents/MacOS/trainer" --version | cut -d' ' -f2)
DMG="dist/trainer-$VERSION-macos-$(uname -m).dmg"

if [ -n "${SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist --sign "$SIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict "$APP"
fi
rm -f "$DMG"
hdiutil create -volname "Media Literacy Trainer" -srcfolder "$APP" -ov -format UDZO "$DMG"
if [ -n "${SIGN_IDENTITY:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
  codesign --sign "$SIGN_IDENTITY" --timestamp "$DMG"
  xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "$DMG"
