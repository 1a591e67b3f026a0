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


# Literal calls (context, text): pyside6-lupdate only finds those.
translate = QCoreApplication.translate


def _set_field(name: str) -> str:
    fields = {
        "id": translate("ProblemText", "Set id"),
        "title": translate("ProblemText", "Title"),
        "version": translate("ProblemText", "Version"),
        "language": translate("ProblemText", "Language"),
        "level": translate("ProblemText", "Levels"),
        "author": translate("ProblemText", "Author"),
        "license": translate("ProblemText", "Licence"),
        "description": translate("ProblemText", "Description"),
        "techniques": translate("ProblemText", "Extra techniques"),
        "format": translate("ProblemText", "Format"),
        "format_version": translate("ProblemText", "Format"),
    }
    return fields.get(name, name)


def _article_field(name: str) -> str:
    fields = {
        "title": translate("ProblemText", "Title"),
        "id": translate("ProblemText", "Id"),
        "level": translate("ProblemText", "Level"),
        "source": translate("ProblemText", "Source"),
        "source.outlet": translate("ProblemText", "Source"),
        "source.date": translate("ProblemText", "Date"),
        "source.url": translate("ProblemText", "URL"),
        "text": translate("ProblemText", "Text"),
        "notes": translate("ProblemText", "Good-practice notes"),
    }
    return fields.get(name, fields.get(name.split("[")[0], name))


def _span_field(name: str) -> str:
    fields = {
        "label": translate("ProblemText", "Technique"),
        "start": translate("ProblemText", "Position"),
        "end": translate("ProblemText", "Position"),
        "explanation": translate("ProblemText", "Explanation"),
        "tip": translate("ProblemText", "Tip"),
        "optional": translate("ProblemText", "Optional"),
        "part": translate("ProblemText", "Headline or text"),
    }
    return fields.get(name, name)


def place(problem: Problem) -> str:
    """Where the problem is, in the editor's words."""
    where = locate(problem)
    if where.article is None:
        field = where.field or ""
        if field == "articles":
            return translate("ProblemText", "Articles")
        if field == "sources":
            return translate("ProblemText", "Source cards")
        details = translate("ProblemText", "Set details")
        return details + (f" · {_set_field(field)}" if field else "")
    parts = [translate("ProblemText", "Article %1").replace("%1", str(where.article + 1))]
    if where.annotation is not None:
        parts.append(translate("ProblemText", "Key span %1")
                     .replace("%1", str(where.annotation + 1)))
        if where.field:
            parts.append(_span_field(where.field))
    elif where.field:
        parts.append(_article_field(where.field))
    return " · ".join(parts)


def editor_text(problem: Problem) -> str:
    """The panel's line: place, message and hint, without the file name or JSON path."""
    label = translate("ProblemText", "warning: ") if problem.is_warning else ""
    text = f"{place(problem)}: {label}{_articles_named(problem.message)}"
    return text + (f" ({_articles_named(problem.hint)})" if problem.hint else "")


def _articles_named(text: str) -> str:
    """"also used by $.articles[0]" → "also used by Article 1"."""
    return _ARTICLE_PATH.sub(
        lambda m: translate("ProblemText", "Article %1").replace("%1", str(int(m.group(1)) + 1)),
        text)
