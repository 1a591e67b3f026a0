"""Every figure of one scored article from one set of sorted tuples (`trainer score`'s path).

The reference functions — scoring.score_article (research counts, verdicts, discernment) and
student_score.student_score — are written for one attempt at a time: each builds its own
`Span` objects, merges the marks again and, between them, splits the passage into sentences
twice. On a research corpus (hundreds of long articles, thousands of spans) that costs more
than reading the files. Here an article's marks are sorted once as (start, end, label) tuples
and everything is derived from them:

- the marks and key spans are merged per mode label once (scoring_counts.groups_by_mode); the
  research counts and the student score both read those groups;
- the passage is split once; discernment and the student score's "too broad" test both use
  the sentence bounds, and a span's sentences are two binary searches away;
- discernment collects the indices of the sentences each key span and mark touches, instead
  of asking three interval unions about every sentence;
- verdicts (only when asked: the table does not print them) are built as plain tuples in the
  order of Verdict.as_dict's fields (VERDICT_FIELDS), each coverage a binary search into
  merged intervals; `trainer score --json` writes them without making a dict of each.

The numbers are the reference's, bit for bit: the float sums run in the same order over the
same merged intervals (the same functions compute them), and everything else is counted in
whole numbers. tests/test_scoring_fast.py checks it on generated articles and answers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from operator import itemgetter

from trainer.core.discernment import DiscernmentCounts
from trainer.core.record import record
from trainer.core.scoring_counts import (
    FOUND_THRESHOLD,
    Counts,
    Mark,
    Mode,
    counts_from_groups,
    groups_by_mode,
    keep_counted,
)
from trainer.core.sentences import sentence_bounds
from trainer.core.spans import Interval, merge_sorted, touches_any
from trainer.core.student_counts import FOUND_SHARE, StudentScore

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:  # scoring.py itself is not imported: verdicts, parts, Span (DESIGN §9)
    from trainer.core.scoring import ScoredArticle, ScoredSpan

_split = sentence_bounds.__wrapped__
_VERDICT_ORDER = itemgetter(1, 2, 4)  # start, end, source: compute_verdicts' final order

# A verdict row: Verdict.as_dict's values, in its order.
VERDICT_FIELDS = ("verdict", "start", "end", "label", "source", "coverage", "optional",
                  "explanation", "tip")
VerdictRow = tuple[str, int, int, str, str, float, bool, str, str]


@record
class ArticleFigures:
    counts: dict[Mode, Counts]
    student: StudentScore
    discernment: DiscernmentCounts
    verdicts: list[VerdictRow] | None  # in compute_verdicts' order


def score_article_fast(article: ScoredArticle, marks: Sequence[Mark],
                       family_of: Mapping[str, str], student_mode: Mode,
                       verdicts: bool = True, cached_split: bool = True) -> ArticleFigures:
    """score_article, student_score (in `student_mode`) and, if asked, the verdict rows.

    `marks` are (start, end, label) in scoring coordinates (trainer.core.parts); `family_of`
    is the key taxonomy's family_map. `cached_split=False` splits the passage without the
    sentence cache, for a caller that scores each passage once (`trainer score`: hashing every
    text for the cache costs ≈ 1 ms on a PTC-sized key and is never repaid).
    """
    text_length = len(article.text)
    if (any(a.part == "title" for a in article.annotations)
            or any(end > text_length for _, end, _ in marks)):
        article = article.scoring_view()  # as parts.scoring_article does
    text, annotations = article.text, article.annotations
    required = sorted((a.start, a.end, a.label) for a in annotations if not a.optional)
    optional = sorted((a.start, a.end) for a in annotations if a.optional)
    ordered = sorted(marks)
    kept = keep_counted(ordered, required, optional)
    mine, keys = groups_by_mode(kept, family_of), groups_by_mode(required, family_of)
    starts, ends = sentence_bounds(text) if cached_split else _split(text)
    every = mine if kept is ordered else groups_by_mode(ordered, family_of)
    required_union = keys["any"].get("", [])
    return ArticleFigures(
        counts_from_groups(mine, keys),
        _student(mine[student_mode], keys[student_mode], starts, ends, student_mode),
        _discernment(starts, ends, required_union, merge_sorted(optional),
                     every["any"].get("", [])),
        _verdicts(annotations, ordered, every, required_union, optional, family_of)
        if verdicts else None,
    )


def _student(mine: dict[str, list[Interval]], keys: dict[str, list[Interval]],
             starts: Sequence[int], ends: Sequence[int], mode: Mode) -> StudentScore:
    """student_score.assess's counts, from the marks and key spans merged in the mode.

    "Too broad" compares the sentences a mark holds text of with those of the key spans it
    overlaps (at least one). Only a mark reaching over more than one sentence can be too
    broad, and past one sentence the count needs no look at the text: sentences are trimmed,
    so a span reaching past a sentence's end holds its last character and one reaching into
    the next holds its first. Two binary searches give it: the sentences starting before the
    span's end less those ending at or before its start.
    """
    ordered = sorted((s, e, label) for label, group in keys.items() for s, e in group)
    key_starts = [s for s, _, _ in ordered]
    reach: list[int] = []  # reach[i]: the furthest end among ordered[0..i]
    furthest = -1
    for _, end, _ in ordered:
        if end > furthest:
            furthest = end
        reach.append(furthest)
    covered = [0] * len(ordered)  # code points covered by hitting marks of the key's label
    hits = false_alarms = too_broad = wrong_labels = marks = 0
    for label, group in mine.items():
        marks += len(group)
        for start, end in group:
            # How many sentences the mark overlaps; exact when it is more than one.
            held = bisect_left(starts, end) - bisect_right(ends, start)
            index = bisect_left(key_starts, end) - 1
            limit, overlaps, matching = 1, False, []
            while index >= 0 and reach[index] > start:
                key_start, key_end, key_label = ordered[index]
                if key_end > start:
                    overlaps = True
                    if held > limit:  # only then can a key span's sentences matter
                        limit = max(limit, bisect_left(starts, key_end)
                                    - bisect_right(ends, key_start))
                    if key_label == label:
                        matching.append(index)
                index -= 1
            if held > limit:
                too_broad += 1
            elif matching:
                hits += 1
                # Marks of one label are merged, so their pieces of a key never overlap.
                for i in matching:
                    key_start, key_end, _ = ordered[i]
                    covered[i] += min(end, key_end) - max(start, key_start)
            elif overlaps:
                wrong_labels += 1
            else:
                false_alarms += 1
    found = partly = 0
    for (start, end, _), share in zip(ordered, covered, strict=True):
        if share:
            if share / (end - start) >= FOUND_SHARE:
                found += 1
            else:
                partly += 1
    return StudentScore(found=found, partly=partly, missed=len(ordered) - found - partly,
                        key_spans=len(ordered), marks=marks, hits=hits,
                        false_alarms=false_alarms, too_broad=too_broad,
                        wrong_labels=wrong_labels, mode=mode)


def _touched(starts: Sequence[int], ends: Sequence[int], runs: Sequence[Interval]) -> set[int]:
    """The indices of the sentences that share a character with one of `runs`."""
    touched: set[int] = set()
    for start, end in runs:
        first, stop = bisect_right(ends, start), bisect_left(starts, end)
        if first < stop:
            touched.update(range(first, stop))
    return touched


def _discernment(starts: Sequence[int], ends: Sequence[int], required: Sequence[Interval],
                 optional: Sequence[Interval], marks: Sequence[Interval]) -> DiscernmentCounts:
    """discernment_counts: each sentence a trial, unless it touches only debatable spans."""
    signal = _touched(starts, ends, required)
    marked = _touched(starts, ends, marks)
    debatable = _touched(starts, ends, optional) - signal
    hits = len(signal & marked)
    false_alarms = len(marked - signal - debatable)
    trials_without_signal = len(starts) - len(signal) - len(debatable)
    return DiscernmentCounts(hits, len(signal) - hits, false_alarms,
                             trials_without_signal - false_alarms)


def _covered(runs: list[Interval] | None, ends: list[int], start: int, end: int) -> int:
    """Code points of [start, end) inside disjoint sorted runs (SortedUnion.covered); `ends`
    are the runs' ends (a binary search over plain numbers is quicker than one with a key)."""
    if not runs:
        return 0
    total = 0
    index = bisect_right(ends, start)
    while index < len(runs):
        run_start, run_end = runs[index]
        if run_start >= end:
            break
        total += ((run_end if run_end < end else end)
                  - (run_start if run_start > start else start))
        index += 1
    return total


def _ends_by_group(groups: dict[str, list[Interval]]) -> dict[str, list[int]]:
    return {name: [e for _, e in runs] for name, runs in groups.items()}


def _verdicts(annotations: Sequence[ScoredSpan], marks: Sequence[Mark],
              groups: dict[Mode, dict[str, list[Interval]]], required: list[Interval],
              optional: Sequence[Interval], family_of: Mapping[str, str]
              ) -> list[VerdictRow]:
    """verdicts.compute_verdicts, each Verdict as the values of its as_dict."""
    every = groups["any"].get("", [])
    every_ends = [e for _, e in every]
    runs = len(every)
    families, labels = groups["family"], groups["technique"]
    family_ends, label_ends = _ends_by_group(families), _ends_by_group(labels)
    found: list[VerdictRow] = []
    for key in annotations:
        start, end, label = key.start, key.end, key.label
        length = end - start
        covered = 0  # _covered(every, every_ends, start, end), written out: every key asks
        index = bisect_right(every_ends, start)
        while index < runs:
            run_start, run_end = every[index]
            if run_start >= end:
                break
            covered += ((run_end if run_end < end else end)
                        - (run_start if run_start > start else start))
            index += 1
        any_cov = covered / length
        kind: str
        if key.optional:
            kind = "debatable"
        elif any_cov >= FOUND_THRESHOLD:
            family = family_of.get(label, label)
            # the family's marks cover no more than all marks, the label's no more than those
            if (_covered(families.get(family), family_ends.get(family, []), start, end)
                    / length < FOUND_THRESHOLD):
                kind = "wrong-label"
            elif (_covered(labels.get(label), label_ends.get(label, []), start, end)
                    / length >= FOUND_THRESHOLD):
                kind = "exact"
            else:
                kind = "found"
        elif any_cov > 0:
            kind = "partly-found"
        else:
            kind = "missed"
        found.append((kind, start, end, label, "key", round(any_cov, 4), key.optional,
                      key.explanation, key.tip))
    req_starts, req_ends = [s for s, _ in required], [e for _, e in required]
    opt_union = merge_sorted(sorted(optional))
    opt_starts, opt_ends = [s for s, _ in opt_union], [e for _, e in opt_union]
    for start, end, label in marks:
        index = bisect_left(req_starts, end) - 1  # touches_any, written out: every mark asks
        if index >= 0 and req_ends[index] > start:
            continue
        kind = ("debatable" if touches_any(start, end, opt_starts, opt_ends)
                else "false-alarm")
        found.append((kind, start, end, label, "answer", 0.0, False, "", ""))
    found.sort(key=_VERDICT_ORDER)
    return found

