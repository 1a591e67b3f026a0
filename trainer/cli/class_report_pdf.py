"""`trainer class-report … --pdf FILE`: the options, and the call into trainer.ui.printing,
which loads Qt and is therefore imported only when a PDF is asked for."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.cli.common import page_size_arg, plural

if TYPE_CHECKING:
    from trainer.core.class_report import ClassReport


def _article(text: str) -> tuple[str, str]:
    set_id, slash, article_id = text.partition("/")
    if not slash or not set_id or not article_id:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write the article as SET/ARTICLE, e.g. starter/l1-01-bus-fares")
    return set_id, article_id



def add_pdf_options(parser: Any) -> None:
    parser.add_argument("--pdf", type=Path, metavar="FILE",
                        help="write a printable report: the tables, then one class heatmap "
                             "page per article (the three hardest unless --heatmap is given)")
    parser.add_argument("--page-size", type=page_size_arg, default="A4", metavar="A4|Letter",
                        help="paper size of the PDF (default A4)")
    parser.add_argument("--heatmap", type=_article, action="append", metavar="SET/ARTICLE",
                        help="a heatmap page for this article (repeat for more)")


def write_pdf(args: argparse.Namespace, report: ClassReport) -> str:
    """Write the PDF; an unknown --heatmap article or an unwritable FILE raises InvalidInput
    before anything is written. Returns the line that says what was written, worded as
    `trainer worksheet` words it."""
    from trainer.ui.printing.report_pdf import heatmap_articles, write_class_report_pdf

    heatmaps = len(heatmap_articles(report, args.heatmap))
    pages: int = write_class_report_pdf(report, args.pdf, args.page_size, args.heatmap)
    return (f"wrote {args.pdf}: {plural(pages, 'page')} (the tables and "
            f"{plural(heatmaps, 'heatmap')}, {args.page_size})")
