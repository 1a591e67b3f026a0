"""The "vary the wording" lint rules (issue 13): stock phrases and one-word giveaways."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trainer.core.lint import lint_set
from trainer.core.lint_wording import (
    MIN_SPANS_FOR_COMMON_WORD,
    WORDS_BEFORE,
    _words,
    common_word_findings,
    lead_words,
    repeated_phrase_findings,
)
from trainer.core.model import Annotation, Article, ArticleSet
from trainer.core.taxonomy import default_taxonomy

NOTE = "This phrase is flagged because it pushes one cause for a complicated problem."


def _article(n: int, before: str, phrase: str, after: str = " and that is all.",
             label: str = "oversimplification", part: str = "text") -> Article:
    text = f"Passage {n} says {before}{phrase}{after}"
    start = len(f"Passage {n} says {before}")
    title = f"Headline {n}"
    if part == "title":
        title, text = f"{before}{phrase}", f"Body of passage {n}."
        start = len(before)
    ann = Annotation(start=start, end=start + len(phrase), label=label, explanation=NOTE,
                     tip=NOTE, part=part)
    return Article(id=f"p{n}", title=title, text=text, annotations=[ann])


def _set(*articles: Article) -> ArticleSet:
    return ArticleSet(id="s", title="S", articles=list(articles))


def test_a_phrase_in_three_passages_is_flagged_in_two_is_not() -> None:
    two = [_article(1, "", "it all comes down to one thing"),
           _article(2, "", "this comes down to one thing"),
           _article(3, "", "the cause is plain greed")]
    assert repeated_phrase_findings(two) == []
    three = [*two, _article(4, "", "really it comes down to one thing")]
    [finding] = repeated_phrase_findings(three)
    assert finding.label == "oversimplification"
    assert "'comes down to', 'down to one', 'one thing'" not in finding.message  # at most 3
    assert "'comes down to'" in finding.message and "3 passages (p1, p2, p4)" in finding.message
    assert finding.path == "$.articles[0].annotations[0]"


def test_a_phrase_just_before_the_span_counts_and_other_techniques_do_not() -> None:
    articles = [_article(n, "the choice is simple: ", "keep X or lose Y", label="false-dilemma")
                for n in range(3)]
    [finding] = repeated_phrase_findings(articles)
    assert "'choice is simple'" in finding.message
    # The same phrase under three different techniques is not one technique's stock phrase.
    mixed = [_article(n, "the choice is simple: ", "keep X or lose Y", label=label)
             for n, label in enumerate(["false-dilemma", "exaggeration", "us-vs-them"])]
    assert repeated_phrase_findings(mixed) == []


def test_function_word_sequences_and_one_passage_repeats_are_not_flagged() -> None:
    articles = [_article(n, "", f"{w} as it is to the") for n, w in
                enumerate(["alpha", "beta", "gamma", "delta"])]
    assert repeated_phrase_findings(articles) == []
    one_passage = _article(1, "", "comes down to one thing")
    again = one_passage.model_copy(update={"annotations": one_passage.annotations * 3})
    assert repeated_phrase_findings([again]) == []


def test_headline_spans_count_too() -> None:
    articles = [_article(n, "Shock as ", "ministers betray voters again", part="title",
                         label="loaded-language") for n in range(3)]
    [finding] = repeated_phrase_findings(articles)
    assert "'ministers betray voters'" in finding.message


def test_a_content_word_in_more_than_half_the_spans_is_flagged() -> None:
    labels = "vague-attribution"
    phrases = ["many residents feel", "many parents believe", "many people say",
               "many locals expect", "critics argue", "some observers suggest"]
    articles = [_article(n, "", p, label=labels) for n, p in enumerate(phrases)]
    assert len(articles) == MIN_SPANS_FOR_COMMON_WORD
    [finding] = common_word_findings(articles)
    assert "'many' is in 4 of its 6 key spans" in finding.message
    # Exactly half is not more than half.
    half = [*articles[:3], *(_article(10 + n, "", p, label=labels) for n, p in
                             enumerate(["critics argue", "observers say", "others claim"]))]
    assert common_word_findings(half) == []


def test_small_techniques_and_function_words_are_not_flagged() -> None:
    few = [_article(n, "", f"many {w} feel", label="vague-attribution")
           for n, w in enumerate(["a", "b", "c", "d", "e"])]
    assert len(few) < MIN_SPANS_FOR_COMMON_WORD
    assert common_word_findings(few) == []
    the = [_article(n, "", f"the {w} say", label="vague-attribution")
           for n, w in enumerate(["aa", "bb", "cc", "dd", "ee", "ff", "gg"])]
    assert {f.message.split("'")[1] for f in common_word_findings(the)} == {"say"}


def test_lint_set_reports_them_as_warnings() -> None:
    article_set = _set(*(_article(n, "", "it comes down to one thing") for n in range(3)))
    report = lint_set(article_set, default_taxonomy())
    wording = [f for f in report.warnings if "oversimplification:" in f.message]
    assert len(wording) == 1 and wording[0].severity == "warning"
    assert wording[0].hint.startswith("vary the wording")


# Words, apostrophes (both kinds), letters that change length when case-folded, a combining
# accent, emoji: whatever the window cuts through must not change the words found.
WORDY = st.lists(st.sampled_from([*"ab ’'-.\n", "ß", "İ", "e\u0301", "中", "😀", "x_y", "word "]),
                 max_size=300).map("".join)


@given(WORDY, st.integers(min_value=0, max_value=400))
def test_lead_words_read_from_a_window_equal_the_whole_prefix(text: str, end: int) -> None:
    end = min(end, len(text))
    whole = _words(text[:end])[-WORDS_BEFORE:]
    assert lead_words(text, end) == whole
