"""`trainer progress show`: what the progress dashboard shows, for teachers and scripts."""

from __future__ import annotations

import argparse
import json
import math
from typing import Any


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 4)


def show_json(profile: Any, dashboard: Any, names: dict[str, str], now: Any) -> dict[str, Any]:
    from trainer.core.schedule import reason_text

    d = dashboard.discernment
    return {
        "profile": {"id": profile.id, "name": profile.name},
        "attempts": dashboard.attempts,
        "score": _number(dashboard.score),
        "mastery": {t: {"mastery": _number(m.mastery), "examples": m.examples}
                    for t, m in dashboard.mastery.items()},
        "discernment": {"d_prime": _number(d.d_prime), "c": _number(d.bias), "hits": d.hits,
                        "misses": d.misses, "false_alarms": d.false_alarms,
                        "correct_rejections": d.correct_rejections},
        "weak_spots": [{"technique": s.technique,
                        "reason": reason_text(s, names.get(s.technique, s.technique), now)}
                       for s in dashboard.weak_spots],
        "next": [{"set_id": n.set_id, "article_id": n.article_id, "technique": n.technique}
                 for n in dashboard.next],
    }


def run_show(args: argparse.Namespace) -> int:
    from trainer.cli.common import open_store
    from trainer.cli.progress_cmd import profile_id
    from trainer.core.taxonomy import default_taxonomy
    from trainer.storage.base import utcnow

    now = utcnow()
    taxonomy = default_taxonomy()
    names = {t.id: t.name for t in taxonomy.techniques.values()}
    with open_store() as store:
        pid = profile_id(store, args.profile)
        profile = store.profiles.get(pid)
        dashboard = store.progress.dashboard(pid, now)
    data = show_json(profile, dashboard, names, now)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    score = "—" if data["score"] is None else f"{data['score']:.0%}"
    print(f"{profile.name}: {dashboard.attempts} attempts, mean score {score}, "
          f"{dashboard.days_practised} days practised, streak {dashboard.streak}")
    d = data["discernment"]
    print(f"discernment d' {d['d_prime']:.2f}, bias c {d['c']:.2f} "
          f"({d['hits']} hits, {d['misses']} misses, {d['false_alarms']} false alarms, "
          f"{d['correct_rejections']} correct rejections)")
    print("mastery:")
    for technique, m in data["mastery"].items():
        value = "not enough yet" if m["mastery"] is None else f"{m['mastery']:.0%}"
        print(f"  {names.get(technique, technique):<32} {value:>15}  ({m['examples']} examples)")
    if data["weak_spots"]:
        print("practise next:")
        for spot in data["weak_spots"]:
            print(f"  {spot['reason']}")
        for item in data["next"]:
            print(f"  passage {item['set_id']}/{item['article_id']} ({item['technique']})")
    return 0
