#!/bin/sh
# Remove Media Literacy Trainer installed by install.sh.
#   ./uninstall.sh            the copy installed for you
#   sudo ./uninstall.sh --system   the copy installed for every user
# Students' progress (in each user's data folder) is kept; delete it yourself if wanted.
set -eu

APP_ID=io.github.medialiteracytrainer.Trainer
MODE=user
QUIET=
for arg in "$@"; do
  case "$arg" in
    --system) MODE=system ;;
    --user) MODE=user ;;
    --quiet) QUIET=1 ;;
    -h|--help) sed -n '2,5s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [ "$MODE" = system ]; then
  APP_DIR=/opt/media-literacy-trainer
  SHARE=/usr/local/share
else
  APP_DIR="$HOME/.local/lib/media-literacy-trainer"
  SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
MANIFEST="$APP_DIR/installed-files.txt"
if [ ! -f "$MANIFEST" ]; then
  echo "uninstall.sh: no installation found in $APP_DIR" >&2; exit 1
fi

# Only the files install.sh recorded, and only inside the places it installs to.
while read -r path; do
  case "$path" in
    "$SHARE"/*|/usr/local/bin/trainer|"$HOME/.local/bin/trainer")
      if [ -L "$path" ] || [ -f "$path" ]; then rm -f "$path"; fi ;;
  esac
done < "$MANIFEST"
rm -rf "$APP_DIR"

if command -v update-mime-database >/dev/null 2>&1 && [ -d "$SHARE/mime/packages" ]; then
  update-mime-database "$SHARE/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$SHARE/applications" ]; then
  update-desktop-database -q "$SHARE/applications" || true
fi
if [ "$MODE" = user ]; then
  # install.sh made the trainer the default for its file types; forget that.
  CONFIG="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"
  if [ -f "$CONFIG" ]; then
    sed -i "/^application\/x-trainer-[a-z-]*=$APP_ID\.desktop;*$/d" "$CONFIG" || true
  fi
fi
if [ -z "$QUIET" ]; then
  echo "Removed Media Literacy Trainer from $APP_DIR"
  echo "  students' progress was kept in their data folders (~/.local/share/media-literacy-trainer)"
fi
