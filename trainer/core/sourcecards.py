"""Searching a set's source cards, as a fact-checker searches the web (offline).

Matching ignores case and accents ("Zoe" finds "Zoë") and accepts parts of words ("gaz"
finds "The Harbour Gazette"); every word typed must match the start of some word of the
card's name or one of its aliases, or appear inside the name or an alias as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from trainer.core.model import SourceCard

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents or other marks, for matching only."""
    # Compatibility forms (𝜜, ﬁ) decompose to letters that still have case, and folding
    # case can yield letters that decompose: normalise on both sides of casefold.
    decomposed = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Match:
    card: SourceCard
    rank: int  # lower is better
    matched: str  # the name or alias that matched


def _rank(query_words: list[str], query: str, name: str) -> int | None:
    folded = fold(name)
    if folded == query:
        return 0
    words = _WORD.findall(folded)
    if all(any(w.startswith(q) for w in words) for q in query_words):
        return 1 if folded.startswith(query) else 2
    if query in folded:
        return 3
    return None


def search_cards(cards: list[SourceCard], query: str) -> list[Match]:
    """Cards whose name or alias matches `query`, best first (exact, prefix, word, inside).

    An empty query lists every card by name.
    """
    folded = " ".join(fold(query).split())
    if not folded:
        return sorted((Match(c, 4, c.name) for c in cards), key=lambda m: fold(m.card.name))
    query_words = _WORD.findall(folded)
    if not query_words:
        query_words = [folded]
    found = []
    for card in cards:
        best: tuple[int, str] | None = None
        for name in (card.name, *card.aliases):
            rank = _rank(query_words, folded, name)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, name)
        if best is not None:
            found.append(Match(card, best[0], best[1]))
    return sorted(found, key=lambda m: (m.rank, fold(m.card.name)))
