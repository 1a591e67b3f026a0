"""Source-card search: names and aliases, case and accents ignored, parts of words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trainer.core.model import SourceCard
from trainer.core.sourcecards import fold, search_cards

CARDS = [
    SourceCard(id="gazette", name="The Harbour Gazette", kind="outlet",
               aliases=["Gazette", "HG"], text="A weekly paper."),
    SourceCard(id="zoe", name="Dr Zoë Okafor", kind="person", aliases=["Zoe Okafor"],
               text="A hydrologist."),
    SourceCard(id="board", name="Ellery Water Board", kind="organisation",
               text="The water company's regulator."),
    SourceCard(id="report", name="Budget report 2026", kind="document",
               aliases=["Council budget"], text="The council's budget."),
]


def ids(query: str) -> list[str]:
    return [m.card.id for m in search_cards(CARDS, query)]


def test_name_and_alias() -> None:
    assert ids("The Harbour Gazette") == ["gazette"]
    assert ids("HG") == ["gazette"]
    assert ids("council budget") == ["report"]


def test_case_and_accents_are_ignored_both_ways() -> None:
    assert ids("zoë okafor") == ["zoe"]
    assert ids("ZOE") == ["zoe"]
    assert ids("Zoé") == ["zoe"]
    only_accented = [CARDS[1].model_copy(update={"aliases": []})]
    assert [m.card.id for m in search_cards(only_accented, "zoe okafor")] == ["zoe"]


def test_partial_words_in_any_order() -> None:
    assert ids("gaz") == ["gazette"]
    assert ids("okaf") == ["zoe"]
    assert ids("water ell") == ["board"]
    assert ids("arbour") == ["gazette"]  # inside a word, as typed
    assert ids("nothing like it") == []


def test_best_match_first_and_what_matched() -> None:
    cards = [*CARDS, SourceCard(id="water", name="Water", kind="organisation", text="x")]
    matches = search_cards(cards, "water")
    assert [m.card.id for m in matches] == ["water", "board"]
    assert search_cards(CARDS, "hg")[0].matched == "HG"


def test_empty_query_lists_every_card_by_name() -> None:
    assert ids("  ") == ["report", "zoe", "board", "gazette"]


def test_compatibility_letters_fold_like_their_plain_forms() -> None:
    assert fold("𝜜") == fold("α") == fold(fold("𝜜"))
    assert fold("ﬁle") == "file"


@given(st.text(max_size=20))
def test_any_query_is_safe_and_a_name_always_finds_its_card(query: str) -> None:
    search_cards(CARDS, query)
    for card in CARDS:
        assert card.id in ids(card.name.upper())
    assert fold(query) == fold(fold(query))
