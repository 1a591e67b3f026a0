"""Set text is never HTML (DESIGN §7): helpers for the places Qt would guess otherwise.

Qt shows a tooltip (and a QLabel in its default AutoText format) as rich text whenever the
text merely looks like HTML, so a set field holding `<b>`, `<img src=…>` or `&amp;` would be
rendered (and a local image file loaded). Labels that show set text use `Qt.PlainText`;
tooltips, which have no format switch, escape the text inside a fixed rich-text template.
"""

from __future__ import annotations

import html

_TEMPLATE = "<p style='white-space:pre-wrap'>{}</p>"


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally, line breaks included ('' stays '': no tooltip)."""
    return _TEMPLATE.format(html.escape(text, quote=False)) if text else ""
