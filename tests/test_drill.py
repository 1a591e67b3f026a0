"""Quick-drill rounds: sentences from done passages, about half with a problem, focus first."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from trainer.core.drill import FAIR, DrillAnswer, DrillArticle, drill_evidence, drill_round

TEXT = ("Officials are secretly planning a deployment. Many expect an intervention soon. "
        "The council met on Tuesday in the town hall. Its minutes were published on Friday. "
        "Critics called the plan a reckless gamble with public money. Voting starts in May. "
        "The budget report lists every contract by name.")


def _article(article_id: str = "a") -> DrillArticle:
    def at(phrase: str, label: str) -> tuple[int, int, str, str]:
        start = TEXT.index(phrase)
        return start, start + len(phrase), label, f"why {phrase}"

    return DrillArticle("demo", article_id, TEXT, "sha256:" + "0" * 64,
                        [at("secretly", "loaded-language"), at("reckless gamble", "labeling")],
                        [(TEXT.index("Many expect"), TEXT.index("Many expect") + 11)])


def test_round_balances_problem_and_fair_sentences_and_skips_debatable_ones() -> None:
    items = drill_round([_article()], random.Random(1), size=6)
    problems = [i for i in items if i.technique is not None]
    fair = [i for i in items if i.technique is None]
    assert len(problems) == 2 and len(fair) == 4  # every problem sentence, then fair ones
    assert all("Many expect" not in i.sentence for i in items)
    assert all(TEXT[i.start:i.end] == i.sentence for i in items)
    family = {"loaded-language": "framing", "labeling": "framing"}
    assert {i.expected(family, by_technique=False) for i in problems} == {"framing"}
    assert {i.expected(family, by_technique=True) for i in problems} == {
        "loaded-language", "labeling"}
    assert {i.expected(family, by_technique=True) for i in fair} == {FAIR}
    assert {(i.phrase, i.explanation) for i in problems} == {
        ("secretly", "why secretly"), ("reckless gamble", "why reckless gamble")}


def test_focus_techniques_come_first() -> None:
    items = drill_round([_article(str(n)) for n in range(8)], random.Random(3),
                        focus=["labeling"], size=4)
    problems = [i.technique for i in items if i.technique is not None]
    assert problems and set(problems) == {"labeling"}


@given(st.integers(0, 10_000), st.integers(1, 12), st.integers(0, 5))
def test_round_size_and_no_duplicates(seed: int, size: int, articles: int) -> None:
    items = drill_round([_article(str(n)) for n in range(articles)], random.Random(seed),
                        size=size)
    assert len(items) == min(size, 6 * articles)
    assert len({(i.article_id, i.start) for i in items}) == len(items)
    if articles and size >= 4:
        problems = sum(i.technique is not None for i in items)
        assert problems >= min(2 * articles, size // 2) - 1


def test_answers_count_as_mastery_and_discernment() -> None:
    answers = [(DrillAnswer("labeling", "framing", "framing"), 1),
               (DrillAnswer("labeling", "framing", FAIR), 2),
               (DrillAnswer(None, FAIR, FAIR), 3),
               (DrillAnswer(None, FAIR, "unverified"), 4)]
    observations, counts = drill_evidence(answers)  # type: ignore[arg-type]
    assert [o.found for o in observations] == [1.0, 0.0]
    assert (counts.hits, counts.misses, counts.false_alarms, counts.correct_rejections) == (
        1, 1, 1, 1)
