"""Render the packaging icons from their SVG sources (packaging/icons/) with Qt.

    python packaging/render_icons.py OUT_DIR

writes OUT_DIR/hicolor/<N>x<N>/{apps,mimetypes}/… PNGs for Linux, OUT_DIR/trainer.ico (Windows,
PNG-compressed entries, Vista and later) and OUT_DIR/trainer.icns (macOS). The icons are drawn
from the SVG at each size rather than scaled from one bitmap, so small sizes stay sharp.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP_ID = "io.github.medialiteracytrainer.Trainer"
APP_SVG = HERE / "icons" / "trainer.svg"
DOCUMENT_SVG = HERE / "icons" / "document.svg"
LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08",
              512: b"ic09", 1024: b"ic10"}


def render_png(svg: Path, size: int) -> bytes:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(ICNS_TYPES[s] + struct.pack(">I", len(p) + 8) + p
                    for s, p in sorted(pngs.items()))
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def render_all(out: Path) -> None:
    for size in LINUX_SIZES:
        for svg, kind, name in ((APP_SVG, "apps", APP_ID),
                                (DOCUMENT_SVG, "mimetypes", f"{APP_ID}-document")):
            target = out / "hicolor" / f"{size}x{size}" / kind / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render_png(svg, size))
    for svg, kind, name in ((APP_SVG, "apps", APP_ID),
                            (DOCUMENT_SVG, "mimetypes", f"{APP_ID}-document")):
        target = out / "hicolor" / "scalable" / kind / f"{name}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(svg.read_bytes())
    (out / "trainer.ico").write_bytes(ico({s: render_png(APP_SVG, s) for s in ICO_SIZES}))
    (out / "document.ico").write_bytes(ico({s: render_png(DOCUMENT_SVG, s) for s in ICO_SIZES}))
    (out / "trainer.icns").write_bytes(icns({s: render_png(APP_SVG, s) for s in ICNS_TYPES}))
    (out / "document.icns").write_bytes(
        icns({s: render_png(DOCUMENT_SVG, s) for s in ICNS_TYPES}))


if __name__ == "__main__":
    render_all(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons"))
