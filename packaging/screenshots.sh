#!/usr/bin/env bash
# Take a PNG of every screen from the real window under Xvfb at 1366x768 (make screenshots).
# The app drives itself through the screens (TRAINER_SCREENSHOT_DIR, see trainer/ui/shell/screenshots.py)
# on a throw-away data folder, so your own profiles and scores are never touched.
# The pictures are taken into a fresh folder first and then copied over: a picture in $OUT
# that the tour does not make (one made by hand) is kept and named, never deleted.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${TRAINER_PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"
OUT="${SCREENSHOT_DIR:-docs/screenshots}"

# Xvfb plus the xcb libraries Qt needs for a real (non-offscreen) window, DESIGN §10.
XCB_LIBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libgl1 libegl1 libfontconfig1"
if ! command -v xvfb-run >/dev/null || ! ldconfig -p | grep -q libxcb-cursor.so.0; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "Installing xvfb and the xcb libraries (apt-get)…" >&2
    $SUDO apt-get install -y -q xvfb imagemagick $XCB_LIBS >/dev/null
fi

HOME_DIR="$(mktemp -d)"
SHOTS="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR" "$SHOTS"' EXIT
mkdir -p "$OUT"

TRAINER_HOME="$HOME_DIR" TRAINER_SCREENSHOT_DIR="$SHOTS" QT_QPA_PLATFORM=xcb \
    LANG=C.UTF-8 timeout 180 \
    xvfb-run -a -s "-screen 0 1366x768x24 -dpi 96" "$PY" -m trainer 2>&1 \
    | grep -v -e "propagateSizeHints" -e "^QStandardPaths" || true

count=$(find "$SHOTS" -maxdepth 1 -name '*.png' | wc -l)
if [ "$count" -lt 8 ]; then
    echo "screenshots: only $count PNGs were taken; $OUT is left as it was" >&2
    exit 1
fi
cp "$SHOTS"/*.png "$OUT"/
for picture in "$OUT"/*.png; do
    if [ ! -e "$SHOTS/$(basename "$picture")" ]; then
        echo "screenshots: kept $picture (not made by make screenshots)" >&2
    fi
done
echo "screenshots: $count PNGs in $OUT"
