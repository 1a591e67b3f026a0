"""A problem as the editor names things: "Article 2 · Key span 1 · Technique: …".

`trainer validate` names a place by its JSON path (`$.articles[1].annotations[0].label`),
which means nothing on screen; the problems panel uses the article numbers and field labels the
editor shows, and keeps the command-line line as the tooltip.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from trainer.core.errors import Problem
from trainer.ui.teacher.editor.validation import locate

_ARTICLE_PATH = re.compile(r"\$\.articles\[(\d+)\]")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProblemText", text)


def _set_field(name: str) -> str:
    fields = {
        "id": _tr("Set id"), "title": _tr("Title"), "version": _tr("Version"),
        "language": _tr("Language"), "level": _tr("Levels"), "author": _tr("Author"),
        "license": _tr("Licence"), "description": _tr("Description"),
        "techniques": _tr("Extra techniques"), "format": _tr("Format"),
        "format_version": _tr("Format"),
    }
    return fields.get(name, name)


def _article_field(name: str) -> str:
    fields = {
        "title": _tr("Title"), "id": _tr("Id"), "level": _tr("Level"),
        "source": _tr("Source"), "source.outlet": _tr("Source"), "source.date": _tr("Date"),
        "source.url": _tr("URL"), "text": _tr("Text"), "notes": _tr("Good-practice notes"),
    }
    return fields.get(name, fields.get(name.split("[")[0], name))


def _span_field(name: str) -> str:
    fields = {
        "label": _tr("Technique"), "start": _tr("Position"), "end": _tr("Position"),
        "explanation": _tr("Explanation"), "tip": _tr("Tip"), "optional": _tr("Optional"),
        "part": _tr("Headline or text"),
    }
    return fields.get(name, name)


def place(problem: Problem) -> str:
    """Where the problem is, in the editor's words."""
    where = locate(problem)
    if where.article is None:
        field = where.field or ""
        if field == "articles":
            return _tr("Articles")
        if field == "sources":
            return _tr("Source cards")
        return _tr("Set details") + (f" · {_set_field(field)}" if field else "")
    parts = [_tr("Article %1").replace("%1", str(where.article + 1))]
    if where.annotation is not None:
        parts.append(_tr("Key span %1").replace("%1", str(where.annotation + 1)))
        if where.field:
            parts.append(_span_field(where.field))
    elif where.field:
        parts.append(_article_field(where.field))
    return " · ".join(parts)


def editor_text(problem: Problem) -> str:
    """The panel's line: place, message and hint, without the file name or JSON path."""
    label = _tr("warning: ") if problem.is_warning else ""
    text = f"{place(problem)}: {label}{_articles_named(problem.message)}"
    return text + (f" ({_articles_named(problem.hint)})" if problem.hint else "")


def _articles_named(text: str) -> str:
    """"also used by $.articles[0]" → "also used by Article 1"."""
    return _ARTICLE_PATH.sub(
        lambda m: _tr("Article %1").replace("%1", str(int(m.group(1)) + 1)), text)
