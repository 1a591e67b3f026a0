"""`trainer sets list`: the article sets in the library."""

from __future__ import annotations

import argparse
import json
from typing import Any

from trainer.cli.common import open_store, out


def register(commands: Any) -> None:
    parser = commands.add_parser("sets", help="article sets in the library",
                                 description="Show the article sets in the library.")
    actions = parser.add_subparsers(dest="sets_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list imported sets")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace) -> int:
    with open_store() as store:
        sets = store.library.list_sets()
    if args.json:
        print(json.dumps([{"id": s.id, "title": s.title, "version": s.version,
                           "articles": s.article_count,
                           "imported_at": s.imported_at.isoformat()} for s in sets],
                         ensure_ascii=False, indent=2))
        return 0
    if not sets:
        print("No article sets yet. Add one with: trainer import PATH")
        return 0
    print(f"{'id':<24} {'version':>7} {'articles':>8}  title")
    for s in sets:
        out(f"{s.id[:24]:<24} {s.version:>7} {s.article_count:>8}  {s.title}")
    return 0
