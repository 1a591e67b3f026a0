#!/bin/sh
# Install Media Literacy Trainer from this unpacked folder.
#   ./install.sh            for you only: ~/.local/lib, ~/.local/bin and ~/.local/share
#   sudo ./install.sh --system   for every user: /opt, /usr/local/bin and /usr/local/share
# Registers the launcher, the icons and the file types (article sets, assignments, progress
# files) so that double-clicking one opens it in the trainer. Students' data is never touched.
# Remove with uninstall.sh (also copied next to the installed program).
set -eu

APP_ID=io.github.medialiteracytrainer.Trainer
HERE=$(cd "$(dirname "$0")" && pwd)
MIME_TYPES="application/x-trainer-article-set application/x-trainer-assignment application/x-trainer-progress"

usage() { sed -n '2,6s/^# \{0,1\}//p' "$0"; }

MODE=user
for arg in "$@"; do
  case "$arg" in
    --system) MODE=system ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; usage >&2; exit 2 ;;
  esac
done

if [ "$MODE" = system ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: --system needs root (run it with sudo)" >&2; exit 1
  fi
  APP_DIR=/opt/media-literacy-trainer
  BIN_DIR=/usr/local/bin
  SHARE=/usr/local/share
else
  APP_DIR="$HOME/.local/lib/media-literacy-trainer"
  BIN_DIR="$HOME/.local/bin"
  SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
MANIFEST="$APP_DIR/installed-files.txt"

if [ -f "$MANIFEST" ]; then  # an older version: replace it cleanly
  "$APP_DIR/uninstall.sh" ${MODE:+--$MODE} --quiet || true
fi

mkdir -p "$APP_DIR" "$BIN_DIR" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/mime/packages"
cp -R "$HERE/trainer/." "$APP_DIR/"
cp "$HERE/uninstall.sh" "$APP_DIR/uninstall.sh"
chmod 755 "$APP_DIR/trainer" "$APP_DIR/uninstall.sh"
: > "$MANIFEST"
record() { printf '%s\n' "$1" >> "$MANIFEST"; }

ln -sf "$APP_DIR/trainer" "$BIN_DIR/trainer"
record "$BIN_DIR/trainer"

# The launcher runs the installed program by its full path: ~/.local/bin is not on every
# desktop session's PATH. Quoted only when it has to be: xdg-open's fallback (used outside
# GNOME and KDE) takes the Exec line's first word literally, quotes and all.
case "$APP_DIR" in
  *[!A-Za-z0-9/._+-]*) EXEC="\"$APP_DIR/trainer\"" ;;
  *) EXEC="$APP_DIR/trainer" ;;
esac
sed -e "s|^Exec=trainer |Exec=$EXEC |" \
  "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
record "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
record "$SHARE/metainfo/$APP_ID.metainfo.xml"
cp "$HERE/share/mime/packages/$APP_ID.xml" "$SHARE/mime/packages/"
record "$SHARE/mime/packages/$APP_ID.xml"
(cd "$HERE/share" && find icons -type f) | while read -r icon; do
  mkdir -p "$SHARE/$(dirname "$icon")"
  cp "$HERE/share/$icon" "$SHARE/$icon"
  record "$SHARE/$icon"
done

# Refresh the desktop's caches; each tool is optional (a minimal system may lack it).
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database "$SHARE/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$SHARE/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
  gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
fi
if [ "$MODE" = user ] && command -v xdg-mime >/dev/null 2>&1; then
  for type in $MIME_TYPES; do
    xdg-mime default "$APP_ID.desktop" "$type" || true
  done
fi

echo "Installed Media Literacy Trainer in $APP_DIR"
echo "  start it from the applications menu, or run: $BIN_DIR/trainer"
echo "  check the installation with: $BIN_DIR/trainer self-test"
echo "  remove it with: $APP_DIR/uninstall.sh${MODE:+ --$MODE}"
case ":$PATH:" in *":$BIN_DIR:"*) ;; *) echo "  note: $BIN_DIR is not on your PATH" ;; esac
