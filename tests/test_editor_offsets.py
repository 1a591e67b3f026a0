"""Offsets between Qt (UTF-16) and stored code points, and spans following text edits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trainer.ui.teacher.editor.draft import AnnotationDraft, ArticleDraft
from trainer.ui.teacher.editor.offsets import TextChange, find_change, shift_spans
from trainer.ui.widgets.offsets import OffsetMap

EMOJI_TEXT = "Fans 🎉 cheered; café owners 👩‍👩‍👧 said “never again” 🙄 today."


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_position_map_round_trips_every_character_boundary() -> None:
    positions = OffsetMap(EMOJI_TEXT)
    assert positions.length_u16 == _utf16_len(EMOJI_TEXT)
    for cp in range(len(EMOJI_TEXT) + 1):
        u16 = positions.to_utf16(cp)
        assert u16 == _utf16_len(EMOJI_TEXT[:cp])
        assert positions.to_code_point(u16) == cp


def test_position_inside_a_surrogate_pair_rounds_down() -> None:
    text = "a🎉b"
    positions = OffsetMap(text)
    assert positions.to_code_point(2) == 1  # between the two halves of 🎉
    assert positions.to_code_point(3) == 2


def test_combining_marks_need_no_mapping() -> None:
    text = "cafe\u0301 ok"
    positions = OffsetMap(text)
    assert [positions.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


@given(st.text(alphabet=st.sampled_from("ab🎉é\u0301 \n"), max_size=30), st.data())
def test_position_map_matches_utf16_encoding(text: str, data: st.DataObject) -> None:
    cp = data.draw(st.integers(0, len(text)))
    positions = OffsetMap(text)
    assert positions.to_utf16(cp) == _utf16_len(text[:cp])
    assert positions.to_code_point(positions.to_utf16(cp)) == cp


def test_find_change_uses_the_hint_for_repeated_letters() -> None:
    assert find_change("aa", "aaa") == TextChange(2, 0, 1)
    assert find_change("aa", "aaa", hint=0) == TextChange(0, 0, 1)
    assert find_change("same", "same") is None


def _span(start: int, end: int) -> AnnotationDraft:
    return AnnotationDraft(start, end, "loaded-language")


def test_shift_spans_cases() -> None:
    spans = [_span(5, 10)]
    # insertion before, at the start, inside, at the end, after
    assert shift_spans(spans, TextChange(0, 0, 2))[0] == [_span(7, 12)]
    assert shift_spans(spans, TextChange(5, 0, 2))[0] == [_span(7, 12)]
    assert shift_spans(spans, TextChange(7, 0, 2))[0] == [_span(5, 12)]
    assert shift_spans(spans, TextChange(10, 0, 2))[0] == [_span(5, 10)]
    assert shift_spans(spans, TextChange(11, 3, 0))[0] == [_span(5, 10)]
    # a typo fixed inside the phrase keeps it
    assert shift_spans(spans, TextChange(6, 2, 1))[0] == [_span(5, 9)]
    # crossing a boundary or replacing the whole phrase drops it
    for change in (TextChange(3, 4, 0), TextChange(8, 4, 1), TextChange(5, 5, 3)):
        kept, dropped = shift_spans(spans, change)
        assert kept == [] and dropped == spans


@given(st.text(alphabet=st.sampled_from("xy🎉 "), min_size=6, max_size=24), st.data())
def test_kept_spans_still_cover_the_same_phrase_when_edits_are_outside(
        text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    at = data.draw(st.integers(0, len(text)))
    removed = data.draw(st.integers(0, len(text) - at))
    insert = data.draw(st.text(alphabet=st.sampled_from("z🙄"), max_size=3))
    new = text[:at] + insert + text[at + removed:]
    change = TextChange(at, removed, len(insert))
    kept, dropped = shift_spans([_span(start, end)], change)
    assert len(kept) + len(dropped) == 1
    if kept:
        span = kept[0]
        assert 0 <= span.start < span.end <= len(new)
        if at + removed <= start or at >= end:  # edit entirely outside the phrase
            assert new[span.start:span.end] == text[start:end]


def type_text(widget: object, text: str) -> None:
    """Real key events carrying text (QTest.keyClicks only handles ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def test_typing_in_the_editor_shifts_and_drops_spans_with_emoji(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    from trainer.core.taxonomy import default_taxonomy
    from trainer.ui.teacher.editor.article_form import ArticleForm

    text = "🎉🎉 Critics slammed the 👩‍👩‍👧 plan, insiders say."
    slammed = text.index("slammed")
    insiders = text.index("insiders")
    article = ArticleDraft(id="a", title="t", text=text, annotations=[
        AnnotationDraft(slammed, slammed + 7, "loaded-language"),
        AnnotationDraft(insiders, insiders + 8, "anonymous-source")])
    form = ArticleForm(default_taxonomy())
    qtbot.addWidget(form)
    form.load(article)
    form.show()
    dropped: list[list[AnnotationDraft]] = []
    form.spans_dropped.connect(dropped.append)

    # Type an emoji at the very start: every span moves by one code point (two Qt units).
    cursor = form.text.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    form.text.setTextCursor(cursor)
    form.text.setFocus()
    type_text(form.text, "🙄")
    assert article.text == "🙄" + text
    assert [article.text[a.start:a.end] for a in article.annotations] == ["slammed", "insiders"]

    # Select across the end of "slammed" with Shift+Right and type over it: that span goes.
    form.select_range(slammed + 1 + 5, slammed + 1 + 5)
    for _ in range(5):  # "ed th"
        qtbot.keyClick(form.text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert form.selection() == (slammed + 1 + 5, slammed + 1 + 10)
    type_text(form.text, "X")
    assert [a.label for a in article.annotations] == ["anonymous-source"]
    assert [d.label for d in dropped[-1]] == ["loaded-language"]
    assert form.notice.isVisible() and "slammed" in form.notice.text()
    assert article.text[article.annotations[0].start:article.annotations[0].end] == "insiders"

    # Backspace inside "insiders" (after "ins") shrinks the phrase instead of dropping it.
    ins = article.annotations[0]
    form.select_range(ins.start + 3, ins.start + 3)
    qtbot.keyClick(form.text, Qt.Key.Key_Backspace)
    ins = article.annotations[0]
    assert article.text[ins.start:ins.end] == "iniders"


def test_notes_and_headline_spans_follow_edits_of_their_part(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    from trainer.core.taxonomy import default_taxonomy
    from trainer.ui.teacher.editor.article_form import ArticleForm
    from trainer.ui.teacher.editor.draft import NoteDraft

    text = "The council said so, according to its budget report."
    title = "Council rams through budget"
    note_at = text.index("according")
    article = ArticleDraft(
        id="a", title=title, text=text,
        title_annotations=[AnnotationDraft(8, 20, "loaded-language", part="title")],
        notes=[NoteDraft(note_at, len(text) - 1, "Names the report."),
               NoteDraft(0, 7, "A headline note.", "title")])
    form = ArticleForm(default_taxonomy())
    qtbot.addWidget(form)
    form.load(article)
    form.show()
    cursor = form.text.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    form.text.setTextCursor(cursor)
    form.text.setFocus()
    type_text(form.text, "Yes. ")
    text_note = next(n for n in article.notes if n.part == "text")
    assert article.text[text_note.start:text_note.end] == "according to its budget report"
    form.title.setText("Breaking: " + title)
    form.title.textEdited.emit(form.title.text())
    [span] = article.title_annotations
    assert article.title[span.start:span.end] == "rams through"
    title_note = next(n for n in article.notes if n.part == "title")
    assert article.title[title_note.start:title_note.end] == "Council"
