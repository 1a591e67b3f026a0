"""The bundled starter library teaches concepts, not keywords, and works offline (issue 13)."""

from __future__ import annotations

import re

import pytest

from trainer.core.formats import load_set
from trainer.core.model import ArticleSet
from trainer.core.resources import resource_path
from trainer.core.taxonomy import default_taxonomy

# Advice a student cannot follow on a laptop with no network.
ONLINE_ONLY = re.compile(r"(?i)\b(other outlets|search (for|online)|google|on the internet"
                         r"|look (it|him|her|them) up online)\b")


@pytest.fixture(scope="module")
def starter() -> ArticleSet:
    return load_set(resource_path("starter"))


def test_no_tip_needs_the_internet(starter: ArticleSet) -> None:
    offenders = [(a.id, ann.tip) for a in starter.articles for ann in a.annotations
                 if ONLINE_ONLY.search(ann.tip)]
    assert offenders == []


def test_no_technique_check_needs_the_internet() -> None:
    taxonomy = default_taxonomy()
    offenders = [t.id for t in taxonomy.techniques.values() if ONLINE_ONLY.search(t.check)]
    assert offenders == []


def test_scare_quotes_are_taught_as_doubt_casting() -> None:
    techniques = default_taxonomy().techniques
    assert "scare quotes" in techniques["doubt-casting"].definition
    assert "scare quotes" not in techniques["presupposition"].definition


def test_every_level_has_clean_passages_and_a_quarter_are_clean(starter: ArticleSet) -> None:
    clean = [a for a in starter.articles if a.is_clean]
    assert {a.level for a in clean} == {1, 2, 3}
    assert len(clean) / len(starter.articles) >= 0.25


def test_every_source_card_a_tip_names_exists(starter: ArticleSet) -> None:
    names = [n.casefold() for card in starter.sources for n in (card.name, *card.aliases)]
    missing = []
    for article in starter.articles:
        for ann in article.annotations:
            for match in re.finditer(r"source cards? for ([^:,.?(]+)", ann.tip):
                for part in match.group(1).split(" and "):
                    wanted = re.sub(r"(?i)^the ", "", part.strip()).casefold()
                    if not any(wanted.startswith(name) for name in names):
                        missing.append((article.id, part.strip()))
    assert missing == []


def test_the_starter_has_enough_cards_passages_and_notes(starter: ArticleSet) -> None:
    assert len(starter.sources) >= 20
    assert len(starter.articles) >= 60
    clean = [a for a in starter.articles if a.is_clean]
    assert all(a.notes for a in clean), "every clean passage explains its careful reporting"
    careful = sum(len(a.notes) for a in starter.articles if not a.is_clean)
    assert careful >= 15
    assert any(ann.part == "title" for a in starter.articles for ann in a.annotations)
