"""The PTC technique names and what they become here (resources/ptc_techniques.json).

Kept apart from the PTC reader, which needs the pydantic model, so that `trainer score` can
map answer labels written with PTC names without loading it.
"""

from __future__ import annotations

import json
from functools import cache

from trainer.core.record import record
from trainer.core.resources import resource_path
from trainer.core.taxonomy import Technique, default_taxonomy


@record
class PtcTable:
    to_label: dict[str, str]  # lower-cased PTC name → our label or a set-defined technique id
    export: dict[str, str]  # our label or set-defined technique id → PTC name
    techniques: dict[str, Technique]  # set-defined techniques for names without an equivalent
    span_only_label: str


@cache
def ptc_table() -> PtcTable:
    raw = json.loads(resource_path("ptc_techniques.json").read_text(encoding="utf-8"))
    taxonomy = default_taxonomy()
    to_label: dict[str, str] = {}
    export: dict[str, str] = {}
    techniques: dict[str, Technique] = {}
    for entry in raw["techniques"]:
        own = entry.get("technique")
        if own:
            techniques[own["id"]] = Technique(own["id"], taxonomy.family_of(entry["label"]),
                                              own["name"], own["definition"], "", own["check"])
            to_label[entry["name"].lower()] = own["id"]
            export[own["id"]] = entry["name"]
        else:
            to_label[entry["name"].lower()] = entry["label"]
            if entry.get("export"):
                export[entry["label"]] = entry["name"]
    return PtcTable(to_label, export, techniques, raw["span_only_label"])
