"""The families and techniques students label, loaded from resources/taxonomy.json."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path

from trainer.core.record import field, record
from trainer.core.resources import resource_path

FAMILY_IDS = ("unverified", "framing")


@record
class Technique:
    id: str
    family: str
    name: str
    definition: str
    example: str = ""
    check: str = ""


@record
class Family:
    id: str
    name: str
    definition: str
    example: str = ""
    check: str = ""


@record
class Taxonomy:
    families: dict[str, Family]
    techniques: dict[str, Technique] = field(default_factory=dict)

    def is_label(self, label: str) -> bool:
        return label in self.families or label in self.techniques

    def family_of(self, label: str) -> str:
        """Family id of a technique or family label; unknown labels map to themselves."""
        if label in self.families:
            return label
        technique = self.techniques.get(label)
        return technique.family if technique else label

    @cached_property
    def family_map(self) -> dict[str, str]:
        """family_of as a dict for hot loops; look up with .get(label, label)."""
        mapping = {t.id: t.family for t in self.techniques.values()}
        mapping.update((f, f) for f in self.families)
        return mapping

    def techniques_in(self, family_id: str) -> list[Technique]:
        return [t for t in self.techniques.values() if t.family == family_id]

    def display_name(self, label: str) -> str:
        if label in self.families:
            return self.families[label].name
        technique = self.techniques.get(label)
        return technique.name if technique else label

    def with_extra(self, extra: Iterable[Technique]) -> Taxonomy:
        """A copy that also knows a set's own techniques (each mapped to a family)."""
        merged = dict(self.techniques)
        for technique in extra:
            merged.setdefault(technique.id, technique)
        return Taxonomy(self.families, merged)


def load_taxonomy_file(path: Path) -> Taxonomy:
    raw = json.loads(path.read_text(encoding="utf-8"))
    families = {f["id"]: Family(**f) for f in raw["families"]}
    techniques = {t["id"]: Technique(**t) for t in raw["techniques"]}
    return Taxonomy(families, techniques)


@cache
def default_taxonomy() -> Taxonomy:
    return load_taxonomy_file(resource_path("taxonomy.json"))
