"""Scoring (DESIGN §5): properties over random articles plus hand-worked examples."""

from __future__ import annotations

import random
from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.discernment import DiscernmentCounts, discernment_counts
from trainer.core.model import Annotation, Article
from trainer.core.scoring import (
    MODES,
    Counts,
    key_spans,
    score_article,
    score_counts,
    score_spans,
    set_aside_optional,
    sum_counts,
)
from trainer.core.sentences import split_sentences
from trainer.core.spans import Span
from trainer.core.taxonomy import default_taxonomy

TAX = default_taxonomy()
LABELS = ["anonymous-source", "vague-attribution", "loaded-language", "labeling",
          "unverified", "framing"]
TEXT_LEN = 80
TEXT = ("Aaaa bbb cc. " * 7)[:TEXT_LEN - 1] + "."


@st.composite
def a_span(draw: st.DrawFn) -> Span:
    start = draw(st.integers(0, TEXT_LEN - 1))
    end = draw(st.integers(start + 1, min(TEXT_LEN, start + 30)))
    return Span(start, end, draw(st.sampled_from(LABELS)))


@st.composite
def an_article(draw: st.DrawFn) -> Article:
    keys = draw(st.lists(st.tuples(a_span(), st.booleans()), max_size=6))
    return Article(
        id="p", title="P", text=TEXT,
        annotations=[Annotation(start=s.start, end=s.end, label=s.label, optional=opt)
                     for s, opt in keys],
    )


answers_st = st.lists(a_span(), max_size=10)


def article(text: str, *annotations: tuple[int, int, str] | tuple[int, int, str, bool]) -> Article:
    return Article(id="x", title="X", text=text, annotations=[
        Annotation(start=a[0], end=a[1], label=a[2], optional=bool(a[3:] and a[3]))
        for a in annotations
    ])


def prf(counts: Counts) -> tuple[float, float, float]:
    return counts.precision, counts.recall, counts.f1


# --- properties ---------------------------------------------------------------------------

@given(an_article(), answers_st)
def test_scores_are_between_zero_and_one(item: Article, answers: list[Span]) -> None:
    result = score_article(item, answers, TAX)
    for mode in MODES:
        for value in prf(result.counts[mode]):
            assert 0.0 <= value <= 1.0 + 1e-12


@given(an_article())
def test_answering_exactly_the_key_scores_one_in_every_mode(item: Article) -> None:
    answers = key_spans(item.annotations, optional=False)
    result = score_article(item, answers, TAX)
    for mode in MODES:
        assert prf(result.counts[mode]) == pytest.approx((1.0, 1.0, 1.0))


@given(an_article(), answers_st, st.randoms(use_true_random=False))
def test_order_of_spans_never_matters(item: Article, answers: list[Span],
                                      rnd: random.Random) -> None:
    shuffled_answers = list(answers)
    rnd.shuffle(shuffled_answers)
    shuffled_keys = list(item.annotations)
    rnd.shuffle(shuffled_keys)
    other = item.model_copy(update={"annotations": shuffled_keys})
    first, second = score_article(item, answers, TAX), score_article(other, shuffled_answers, TAX)
    assert first.counts == second.counts
    assert first.discernment == second.discernment
    assert sorted(first.verdicts, key=repr) == sorted(second.verdicts, key=repr)


@given(an_article(), answers_st)
def test_fast_counts_equal_the_span_reference(item: Article, answers: list[Span]) -> None:
    # score_counts is the tuple-based hot path; score_spans is the plain Span version.
    required = key_spans(item.annotations, optional=False)
    optional = key_spans(item.annotations, optional=True)
    kept = set_aside_optional(answers, required, optional)
    fast = score_counts(item, answers, TAX)
    for mode in MODES:
        reference = score_spans(kept, required, mode, TAX)
        assert fast[mode].precision_den == reference.precision_den
        assert fast[mode].recall_den == reference.recall_den
        assert fast[mode].precision_num == pytest.approx(reference.precision_num)
        assert fast[mode].recall_num == pytest.approx(reference.recall_num)


@given(an_article(), answers_st)
def test_duplicating_answers_changes_nothing(item: Article, answers: list[Span]) -> None:
    # Overlapping marks with one label are merged, so marking a phrase twice is harmless.
    assert score_article(item, answers * 2, TAX).counts == score_article(item, answers, TAX).counts


@given(an_article(), answers_st)
def test_micro_average_of_one_article_is_that_article(item: Article,
                                                      answers: list[Span]) -> None:
    counts = score_article(item, answers, TAX).counts
    for mode in MODES:
        assert prf(sum_counts([counts[mode]])) == prf(counts[mode])


@given(st.lists(st.tuples(an_article(), answers_st), min_size=1, max_size=4))
def test_micro_average_sums_numerators_and_denominators(
    pairs: list[tuple[Article, list[Span]]]
) -> None:
    all_counts = [score_article(a, ans, TAX).counts["technique"] for a, ans in pairs]
    total = sum_counts(all_counts)
    p_den = sum(c.precision_den for c in all_counts)
    r_den = sum(c.recall_den for c in all_counts)
    expected_p = sum(c.precision_num for c in all_counts) / p_den if p_den else 1.0
    expected_r = sum(c.recall_num for c in all_counts) / r_den if r_den else 1.0
    assert total.precision == pytest.approx(expected_p)
    assert total.recall == pytest.approx(expected_r)


@given(an_article(), answers_st)
def test_marks_on_optional_spans_only_are_set_aside(item: Article, answers: list[Span]) -> None:
    required = key_spans(item.annotations, optional=False)
    optional = key_spans(item.annotations, optional=True)
    extra = [Span(o.start, o.end, "framing") for o in optional
             if not any(o.overlaps(r) for r in required)]
    assert (score_article(item, answers + extra, TAX).counts
            == score_article(item, answers, TAX).counts)


@given(an_article(), answers_st)
def test_every_key_span_gets_one_verdict(item: Article, answers: list[Span]) -> None:
    verdicts = score_article(item, answers, TAX).verdicts
    assert len([v for v in verdicts if v.source == "key"]) == len(item.annotations)
    for v in verdicts:
        if v.source == "key" and v.optional:
            assert v.verdict == "debatable"


# --- DESIGN §5 edge cases ----------------------------------------------------------------

def test_no_key_and_no_answers_is_a_correct_nothing_to_flag() -> None:
    result = score_article(article("A clean passage."), [], TAX)
    for mode in MODES:
        assert prf(result.counts[mode]) == (1.0, 1.0, 1.0)


def test_key_but_no_answers() -> None:
    result = score_article(article("Sources say so.", (0, 11, "anonymous-source")), [], TAX)
    for mode in MODES:
        assert prf(result.counts[mode]) == (1.0, 0.0, 0.0)


def test_answers_on_a_clean_passage() -> None:
    result = score_article(article("A clean passage."), [Span(2, 7, "framing")], TAX)
    for mode in MODES:
        assert prf(result.counts[mode]) == (0.0, 1.0, 0.0)
    assert [v.verdict for v in result.verdicts] == ["false-alarm"]


# --- hand-computed partial overlaps --------------------------------------------------------

def test_hand_computed_partial_overlaps() -> None:
    # Key:     K1 = [0,10) anonymous-source (unverified), K2 = [20,30) loaded-language (framing)
    # Answers: A1 = [5,15) anonymous-source, A2 = [20,25) labeling (framing),
    #          A3 = [40,50) framing (touches no key span)
    # any / family (labels agree pairwise by family, so both modes give the same sums):
    #   P = 1/3 · (|A1∩K1|/|A1| + |A2∩K2|/|A2| + 0) = 1/3 · (5/10 + 5/5) = 0.5
    #   R = 1/2 · (|A1∩K1|/|K1| + |A2∩K2|/|K2|)    = 1/2 · (5/10 + 5/10) = 0.5,  F1 = 0.5
    # technique (A2 "labeling" ≠ K2 "loaded-language", so only A1–K1 counts):
    #   P = 1/3 · (5/10) = 1/6,  R = 1/2 · (5/10) = 1/4,
    #   F1 = 2 · (1/6)(1/4) / (1/6 + 1/4) = (1/12) / (5/12) = 0.2
    item = article("x" * 60, (0, 10, "anonymous-source"), (20, 30, "loaded-language"))
    answers = [Span(5, 15, "anonymous-source"), Span(20, 25, "labeling"), Span(40, 50, "framing")]
    result = score_article(item, answers, TAX)
    assert prf(result.counts["any"]) == pytest.approx((0.5, 0.5, 0.5))
    assert prf(result.counts["family"]) == pytest.approx((0.5, 0.5, 0.5))
    assert prf(result.counts["technique"]) == pytest.approx((1 / 6, 1 / 4, 0.2))
    # K1 is half covered with the right technique: exact. K2 is half covered within the
    # family but with another technique: found. A3 touches nothing: false alarm.
    assert [(v.start, v.verdict) for v in result.verdicts] == [
        (0, "exact"), (20, "found"), (40, "false-alarm")]


def test_overlapping_answers_merge_before_scoring() -> None:
    # [0,6) and [4,10) with one label merge into [0,10), which is exactly the key.
    item = article("x" * 20, (0, 10, "loaded-language"))
    result = score_article(item, [Span(0, 6, "loaded-language"), Span(4, 10, "loaded-language")],
                           TAX)
    assert prf(result.counts["technique"]) == (1.0, 1.0, 1.0)


def test_optional_spans_are_set_aside() -> None:
    item = article("x" * 40, (0, 10, "anonymous-source"), (20, 30, "framing", True))
    # Only on the optional span: removed, so it is as if nothing was marked.
    result = score_article(item, [Span(22, 28, "framing")], TAX)
    assert prf(result.counts["any"]) == (1.0, 0.0, 0.0)
    assert [v.verdict for v in result.verdicts] == ["missed", "debatable", "debatable"]
    # Touching a required span too: kept and scored normally.
    # any: P = 5/20 = 0.25 (A=[5,25) overlaps K1 on 5 points), R = 5/10 = 0.5
    result = score_article(item, [Span(5, 25, "unverified")], TAX)
    assert prf(result.counts["any"])[:2] == pytest.approx((0.25, 0.5))


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([Span(0, 5, "anonymous-source")], "exact"),  # coverage exactly 50 %
        ([Span(0, 5, "vague-attribution")], "found"),  # right family, other technique
        ([Span(0, 5, "unverified")], "found"),  # family label only
        ([Span(0, 4, "anonymous-source")], "partly-found"),  # 40 %
        ([Span(0, 6, "loaded-language")], "wrong-label"),  # 60 %, other family
        # 60 % covered in all, only 30 % within the family: DESIGN calls that a wrong label.
        ([Span(0, 3, "loaded-language"), Span(3, 6, "anonymous-source")], "wrong-label"),
        ([Span(0, 2, "loaded-language"), Span(2, 4, "anonymous-source")], "partly-found"),
        ([Span(12, 15, "framing")], "missed"),
    ],
)
def test_verdict_thresholds(answers: list[Span], expected: str) -> None:
    item = article("x" * 20, (0, 10, "anonymous-source"))
    key_verdicts = [v for v in score_article(item, answers, TAX).verdicts if v.source == "key"]
    assert [v.verdict for v in key_verdicts] == [expected]


# --- discernment ---------------------------------------------------------------------------

DISC_TEXT = ("Sources say the deal is done. The minister met union leaders on Monday. "
             "Critics call it a disaster! Many expect a strike.\n\nThe vote is on Friday.")


def test_sentence_split() -> None:
    assert [DISC_TEXT[s:e] for s, e in split_sentences(DISC_TEXT)] == [
        "Sources say the deal is done.", "The minister met union leaders on Monday.",
        "Critics call it a disaster!", "Many expect a strike.", "The vote is on Friday."]


def test_discernment_hand_computed() -> None:
    required = [Span(0, 11, "anonymous-source"), Span(90, 98, "loaded-language"),
                Span(100, 111, "vague-attribution")]
    optional = [Span(135, 144, "framing")]  # the only flag in sentence 5: not a trial
    answers = [Span(16, 28, "speculation-as-fact"),  # sentence 1, signal: hit
               Span(72, 79, "loaded-language"),  # sentence 3, signal: hit
               Span(61, 70, "unverified"),  # sentence 2, noise: false alarm
               Span(135, 144, "framing")]  # sentence 5: not counted
    # sentence 4 (signal) unmarked: miss
    counts = discernment_counts(DISC_TEXT, required, optional, answers)
    assert counts == DiscernmentCounts(hits=2, misses=1, false_alarms=1, correct_rejections=0)
    # log-linear: H = (2 + .5)/(3 + 1) = 0.625, F = (1 + .5)/(1 + 1) = 0.75
    assert counts.hit_rate == 0.625
    assert counts.false_alarm_rate == 0.75
    # z(0.625) = 0.31864, z(0.75) = 0.67449 (standard normal table): d' = -0.35585
    assert counts.d_prime == pytest.approx(0.31864 - 0.67449, abs=1e-4)


def test_discernment_d_prime_second_case() -> None:
    counts = DiscernmentCounts(hits=3, misses=1, false_alarms=1, correct_rejections=4)
    # H = 3.5/5 = 0.7, F = 1.5/6 = 0.25; z(0.7) = 0.52440, z(0.25) = -0.67449
    assert counts.hit_rate == pytest.approx(0.7)
    assert counts.false_alarm_rate == pytest.approx(0.25)
    assert counts.d_prime == pytest.approx(0.52440 + 0.67449, abs=1e-4)
    assert counts.as_dict()["d_prime"] == pytest.approx(1.1989, abs=1e-4)


def test_flagging_everything_does_not_pay() -> None:
    # One signal sentence among four: marking every sentence gives d' = 0-ish or worse,
    # marking only the signal sentence gives a clearly positive d'.
    text = "One claim here. Plain fact. Plain fact two. Plain fact three."
    required = [Span(0, 9, "unverified")]
    everything = [Span(s, e, "unverified") for s, e in split_sentences(text)]
    blanket = discernment_counts(text, required, [], everything)
    careful = discernment_counts(text, required, [], [Span(0, 9, "unverified")])
    assert blanket.d_prime < careful.d_prime
    assert careful.d_prime > 1.0
    z = NormalDist().inv_cdf
    assert careful.d_prime == pytest.approx(z(1.5 / 2) - z(0.5 / 4))
