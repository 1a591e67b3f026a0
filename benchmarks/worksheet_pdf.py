"""Worksheet PDF of a whole set with its answer key: the starter set's 64 passages (issue 12
item 5). Teacher → Print worksheet… lays pages out on the GUI thread, which is fine while a
whole set takes under a second (the target); past it the work would have to move off it.

Value: median of 3 runs of write_worksheet_pdf(all passages, with_key=True, A4), in ms.
Baseline, in the same run: the same passages' plain text (title and text, one page break per
passage) printed by Qt's own QTextDocument.print_ to a QPdfWriter, without line numbers,
highlights, tables or key; the ratio is what the worksheet's furniture costs.
Run: python benchmarks/worksheet_pdf.py   — the last line is the JSON result.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import (
    QGuiApplication,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from trainer.core.formats import load_set
from trainer.core.model import ArticleSet
from trainer.core.resources import resource_path
from trainer.ui.printing.worksheet import write_worksheet_pdf

RUNS = 3
TARGET_MS = 1000.0


def plain_print(article_set: ArticleSet, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    for index, article in enumerate(article_set.articles):
        fmt = QTextBlockFormat()
        if index:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.insertBlock(fmt)
        cursor.insertText(article.title + "\n" + article.text)
    doc.print_(writer)


def median_ms(action: object) -> float:
    assert callable(action)
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    QGuiApplication(["benchmark", "-platform", "offscreen"])
    article_set = load_set(resource_path("starter.json"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_worksheet_pdf(article_set, out / "warm.pdf", [article_set.articles[0].id], True)
        pages = write_worksheet_pdf(article_set, out / "w.pdf", None, True)
        baseline = median_ms(lambda: plain_print(article_set, out / "plain.pdf"))
        value = median_ms(lambda: write_worksheet_pdf(article_set, out / "w.pdf", None, True))
    print(f"{len(article_set.articles)} passages with the answer key: {pages} pages, "
          f"{value:.0f} ms (plain QTextDocument.print_ of the same text: {baseline:.0f} ms)")
    print(json.dumps({"benchmark": "worksheet_pdf", "value": round(value, 1), "unit": "ms",
                      "baseline": round(baseline, 1), "ratio": round(value / baseline, 2),
                      "target": TARGET_MS, "ok": value <= TARGET_MS}))


if __name__ == "__main__":
    main()
