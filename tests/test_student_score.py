"""Student score (DESIGN §5): properties over random articles plus the cases students met."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.model import Annotation, Article
from trainer.core.scoring import MODES, Mode, score_article
from trainer.core.sentences import split_sentences
from trainer.core.spans import Span, merge_spans, relabel
from trainer.core.student_score import (
    MIXED,
    NO_MODE,
    StudentScore,
    assess,
    mode_for_level,
    student_score,
    total,
)
from trainer.core.taxonomy import default_taxonomy

TAX = default_taxonomy()
LABELS = ["anonymous-source", "vague-attribution", "loaded-language", "labeling",
          "unverified", "framing"]
# Sentences of different lengths, a paragraph break and doubled spaces, so that marks cross
# sentence ends and blank stretches.
TEXT = ("Aaa bb cc. Dd eeee!  Fff gg hhh iii?\n\nJj kk. Llll mm nn oo pp. "
        "Qq rr ss… Tt uu vv ww xx.")
TEXT_LEN = len(TEXT)
SENTENCES = split_sentences(TEXT)


@st.composite
def a_span(draw: st.DrawFn, max_len: int = 40) -> Span:
    start = draw(st.integers(0, TEXT_LEN - 1))
    end = draw(st.integers(start + 1, min(TEXT_LEN, start + max_len)))
    return Span(start, end, draw(st.sampled_from(LABELS)))


@st.composite
def an_article(draw: st.DrawFn) -> Article:
    keys = draw(st.lists(st.tuples(a_span(25), st.booleans()), max_size=6))
    return Article(id="p", title="P", text=TEXT, annotations=[
        Annotation(start=s.start, end=s.end, label=s.label, optional=opt) for s, opt in keys])


answers_st = st.lists(a_span(), max_size=10)
modes_st = st.sampled_from(MODES)


def naive_sentences(start: int, end: int) -> int:
    """Straight from the definition: sentences with a non-blank character inside the span."""
    return sum(1 for s, e in SENTENCES
               if any(not ch.isspace() for ch in TEXT[max(s, start):min(e, end)]))


def required(item: Article) -> list[Span]:
    return [Span(a.start, a.end, a.label) for a in item.annotations if not a.optional]


# --- properties ---------------------------------------------------------------------------

@given(an_article(), answers_st, modes_st)
def test_score_is_between_zero_and_one_and_counts_add_up(
        item: Article, answers: list[Span], mode: Mode) -> None:
    score = student_score(item, answers, mode, TAX)
    for value in (score.precision, score.recall, score.score):
        assert 0.0 <= value <= 1.0
    assert score.found + score.partly + score.missed == score.key_spans
    assert score.hits + score.false_alarms + score.too_broad + score.wrong_labels == score.marks
    assert score.mode == mode


@given(an_article(), modes_st)
def test_the_key_itself_scores_one(item: Article, mode: Mode) -> None:
    score = student_score(item, required(item), mode, TAX)
    assert (score.precision, score.recall, score.score) == (1.0, 1.0, 1.0)
    assert score.found == score.key_spans and score.hits == score.marks


@given(an_article(), answers_st, modes_st)
def test_a_mark_holding_more_sentences_than_its_key_spans_never_hits(
        item: Article, answers: list[Span], mode: Mode) -> None:
    result = assess(item, answers, mode, TAX)
    for mark in result.marks:
        assert mark.sentences == naive_sentences(mark.start, mark.end)
        overlapped = [naive_sentences(k.start, k.end) for k in result.keys
                      if k.start < mark.end and mark.start < k.end]
        if mark.sentences > max([1, *overlapped]):
            assert mark.kind == "too-broad"
        else:
            assert mark.kind != "too-broad"


@given(an_article(), st.data(), modes_st)
def test_widening_a_hit_within_its_sentence_keeps_it_a_hit(
        item: Article, data: st.DataObject, mode: Mode) -> None:
    keys = required(item)
    if not keys:
        return
    key = data.draw(st.sampled_from(keys))
    sentence_start, sentence_end = data.draw(st.sampled_from(
        [(s, e) for s, e in SENTENCES if s < key.end and key.start < e] or [(0, 0)]))
    if sentence_end <= sentence_start:
        return  # a key span lying only in blanks between sentences
    lo, hi = max(key.start, sentence_start), min(key.end, sentence_end)
    point = data.draw(st.integers(lo, hi - 1))
    mark = Span(point, point + 1, key.label)
    assert assess(item, [mark], mode, TAX).marks[0].kind == "hit"
    start = data.draw(st.integers(sentence_start, point))
    end = data.draw(st.integers(point + 1, sentence_end))
    wider = assess(item, [Span(start, end, key.label)], mode, TAX)
    assert [m.kind for m in wider.marks] == ["hit"]


@given(an_article(), answers_st, modes_st, st.randoms())
def test_order_never_matters(item: Article, answers: list[Span], mode: Mode,
                             rnd: random.Random) -> None:
    shuffled_keys = list(item.annotations)
    rnd.shuffle(shuffled_keys)
    shuffled_answers = list(answers)
    rnd.shuffle(shuffled_answers)
    other = item.model_copy(update={"annotations": shuffled_keys})
    assert student_score(other, shuffled_answers, mode, TAX) == \
        student_score(item, answers, mode, TAX)


@given(an_article(), answers_st, modes_st)
def test_duplicating_marks_changes_nothing(item: Article, answers: list[Span],
                                           mode: Mode) -> None:
    assert student_score(item, answers + answers, mode, TAX) == \
        student_score(item, answers, mode, TAX)


@given(an_article(), answers_st, modes_st)
def test_same_as_a_direct_reading_of_the_design(item: Article, answers: list[Span],
                                                mode: Mode) -> None:
    """An O(n·m) reference written straight from DESIGN §5, without the sweep or bisect."""
    family = TAX.family_of

    def lab(label: str) -> str:
        return "" if mode == "any" else family(label) if mode == "family" else label

    req = required(item)
    opt = [Span(a.start, a.end, a.label) for a in item.annotations if a.optional]
    kept = [a for a in answers
            if any(a.overlaps(k) for k in req) or not any(a.overlaps(k) for k in opt)]
    marks = merge_spans(relabel(kept, lab))
    keys = merge_spans(relabel(req, lab))
    hits: list[Span] = []
    counts = {"hit": 0, "false-alarm": 0, "too-broad": 0, "wrong-label": 0}
    for m in marks:
        over = [k for k in keys if k.overlaps(m)]
        if naive_sentences(m.start, m.end) > max(
                [1] + [max(1, naive_sentences(k.start, k.end)) for k in over]):
            counts["too-broad"] += 1
        elif any(k.label == m.label for k in over):
            counts["hit"] += 1
            hits.append(m)
        elif not over:
            counts["false-alarm"] += 1
        else:
            counts["wrong-label"] += 1
    found = partly = 0
    for k in keys:
        covered = {i for m in hits if m.label == k.label
                   for i in range(max(m.start, k.start), min(m.end, k.end))}
        share = len(covered) / k.length
        found += share >= 0.5
        partly += 0 < share < 0.5
    score = student_score(item, answers, mode, TAX)
    assert (score.found, score.partly, score.key_spans) == (found, partly, len(keys))
    assert (score.hits, score.false_alarms, score.too_broad, score.wrong_labels) == (
        counts["hit"], counts["false-alarm"], counts["too-broad"], counts["wrong-label"])


@given(st.lists(st.tuples(an_article(), answers_st), min_size=1, max_size=4), modes_st)
def test_micro_aggregation_sums_then_computes(items: list[tuple[Article, list[Span]]],
                                              mode: Mode) -> None:
    scores = [student_score(item, answers, mode, TAX) for item, answers in items]
    summed = total(scores)
    hits = sum(s.hits for s in scores)
    marks = sum(s.marks for s in scores)
    keys = sum(s.key_spans for s in scores)
    assert summed.precision == (hits / marks if marks else 1.0)
    assert summed.recall == ((sum(s.found for s in scores)
                              + 0.5 * sum(s.partly for s in scores)) / keys if keys else 1.0)
    assert summed.mode == mode
    assert total(scores[:1]) == scores[0]


def test_mode_of_a_total() -> None:
    family, technique = StudentScore(mode="family"), StudentScore(mode="technique")
    assert total([]).mode == NO_MODE
    assert total([family, family]).mode == "family"
    assert total([family, technique]).mode == MIXED
    assert total([technique, family, family]).mode == MIXED


def test_mode_for_level() -> None:
    assert [mode_for_level(level) for level in (1, 2, 3)] == ["family", "family", "technique"]


# --- the cases students met (issue 10) ---------------------------------------------------

PASSAGE = ("Officials are secretly planning a deployment, diplomatic sources said. "
           "Many expect an intervention soon. The so-called experts were wrong again. "
           "Critics call the plan a reckless gamble. Figures show a crisis. "
           "The council met on Tuesday.")


def at(phrase: str, label: str, text: str = PASSAGE, optional: bool = False) -> Annotation:
    start = text.index(phrase)
    return Annotation(start=start, end=start + len(phrase), label=label, optional=optional)


def mark(phrase: str, label: str, text: str = PASSAGE) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), label)


FIVE = Article(id="five", title="Five", level=3, text=PASSAGE, annotations=[
    at("secretly", "loaded-language"),
    at("diplomatic sources said", "anonymous-source"),
    at("so-called experts", "labeling"),
    at("reckless gamble", "loaded-language"),
    at("Figures show", "unsourced-statistic"),
])


def test_both_marks_found_is_not_79_percent() -> None:
    # Natural word boundaries: a little more than the key on each side.
    marks = [mark("are secretly planning", "loaded-language"),
             mark("diplomatic sources said.", "anonymous-source")]
    item = FIVE.model_copy(update={"annotations": FIVE.annotations[:2]})
    research = score_article(item, marks, TAX).counts["family"]
    assert research.precision < 0.8
    score = student_score(item, marks, "family", TAX)
    assert (score.found, score.key_spans, score.hits, score.marks) == (2, 2, 2, 2)
    assert score.precision == score.recall == score.score == 1.0


def test_four_of_five_found() -> None:
    marks = [mark("are secretly", "framing"),
             mark("diplomatic sources said", "unverified"),
             mark("The so-called experts", "framing"),
             mark("a reckless gamble", "framing")]
    score = student_score(FIVE, marks, "family", TAX)
    assert (score.found, score.missed, score.key_spans) == (4, 1, 5)
    assert score.recall == 0.8 and score.precision == 1.0
    assert score.score == pytest.approx(8 / 9)


def test_a_clean_passage_marked_end_to_end_scores_zero() -> None:
    clean = Article(id="c", title="C", text=PASSAGE)
    research = score_article(clean, [Span(0, len(PASSAGE), "framing")], TAX).counts["family"]
    assert research.recall == 1.0  # the research score's edge case the student saw
    score = student_score(clean, [Span(0, len(PASSAGE), "framing")], "family", TAX)
    assert (score.too_broad, score.marks, score.hits, score.score) == (1, 1, 0, 0.0)


def test_a_clean_passage_left_alone_scores_one() -> None:
    clean = Article(id="c", title="C", text=PASSAGE)
    assert student_score(clean, [], "technique", TAX).score == 1.0
    one = student_score(clean, [mark("reckless", "framing")], "family", TAX)
    assert (one.false_alarms, one.score) == (1, 0.0)


def test_natural_word_boundaries_score_one_hundred_percent() -> None:
    marks = [mark("are secretly planning", "loaded-language"),
             mark("diplomatic sources said.", "anonymous-source"),
             mark("The so-called experts were", "labeling"),
             mark("plan a reckless gamble.", "loaded-language"),
             mark("Figures show a", "unsourced-statistic")]
    score = student_score(FIVE, marks, "technique", TAX)
    assert (score.found, score.key_spans, score.score) == (5, 5, 1.0)


def test_a_whole_paragraph_is_too_broad_and_finds_nothing() -> None:
    marks = [Span(0, PASSAGE.index("The council"), "framing")]
    result = assess(FIVE, marks, "family", TAX)
    assert [m.kind for m in result.marks] == ["too-broad"]
    assert result.score.found == 0 and result.score.score == 0.0


def test_a_key_across_two_sentences_may_be_marked_across_them() -> None:
    text = "He lied. Again. The end."
    item = Article(id="t", title="T", text=text, annotations=[at("lied. Again", "framing", text)])
    assert student_score(item, [mark("He lied. Again.", "framing", text)], "family",
                         TAX).score == 1.0
    assert student_score(item, [mark("He lied. Again. The end", "framing", text)], "family",
                         TAX).too_broad == 1


def test_partly_found_counts_half() -> None:
    item = FIVE.model_copy(update={"annotations": [at("diplomatic sources said",
                                                      "anonymous-source")]})
    score = student_score(item, [mark("sources", "anonymous-source")], "technique", TAX)
    assert (score.partly, score.hits, score.recall) == (1, 1, 0.5)
    assert score.score == pytest.approx(2 / 3)


def test_wrong_label_is_neither_hit_nor_false_alarm() -> None:
    item = FIVE.model_copy(update={"annotations": [at("secretly", "loaded-language")]})
    same_family = [mark("secretly", "labeling")]
    assert student_score(item, same_family, "family", TAX).hits == 1
    technique = student_score(item, same_family, "technique", TAX)
    assert (technique.wrong_labels, technique.false_alarms, technique.missed) == (1, 0, 1)
    other_family = student_score(item, [mark("secretly", "unverified")], "family", TAX)
    assert other_family.wrong_labels == 1 and other_family.score == 0.0


def test_debatable_marks_are_set_aside() -> None:
    item = FIVE.model_copy(update={"annotations": [
        at("secretly", "loaded-language"), at("Many expect", "vague-attribution", optional=True)]})
    result = assess(item, [mark("secretly", "framing"), mark("Many expect", "unverified")],
                    "family", TAX)
    assert result.score.marks == 1 and result.score.score == 1.0
    assert result.set_aside == (mark("Many expect", "unverified"),)


def test_overlapping_marks_with_one_label_count_once() -> None:
    item = FIVE.model_copy(update={"annotations": [at("reckless gamble", "loaded-language")]})
    marks = [mark("a reckless", "loaded-language"), mark("reckless gamble", "labeling")]
    assert student_score(item, marks, "family", TAX).marks == 1
    assert student_score(item, marks, "technique", TAX).marks == 2


def test_nothing_marked_on_a_keyed_passage() -> None:
    score = student_score(FIVE, [], "family", TAX)
    assert (score.precision, score.recall, score.score, score.missed) == (1.0, 0.0, 0.0, 5)


def test_json_shape() -> None:
    keys = set(student_score(FIVE, [], "family", TAX).as_dict())
    assert {"precision", "recall", "score", "found", "partly", "missed", "key_spans", "marks",
            "false_alarms", "too_broad", "mode"} <= keys


def test_headline_spans_count_in_scoring_coordinates() -> None:
    title = "Secret plan!"
    item = FIVE.model_copy(update={"title": title, "annotations": [
        at("secretly", "loaded-language"),
        Annotation(start=0, end=6, label="loaded-language", part="title")]})
    base = len(PASSAGE) + 2  # the headline sits after the text and a blank line
    text_only = student_score(item, [mark("secretly", "framing")], "family", TAX)
    assert (text_only.key_spans, text_only.found, text_only.missed) == (2, 1, 1)
    both = student_score(item, [mark("secretly", "framing"),
                                Span(base, base + len("Secret plan"), "framing")],
                         "family", TAX)
    assert (both.found, both.hits, both.score) == (2, 2, 1.0)
