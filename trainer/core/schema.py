"""The published JSON Schema of the article-set file, generated from the pydantic model.

Run `python -m trainer.core.schema` after changing trainer/core/model.py; a test fails
while the committed resources/schema/article-set.schema.json and the model disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from trainer.core.model import FORMAT_TAG, ArticleSet
from trainer.core.resources import resource_path

SCHEMA_FILE = ("schema", "article-set.schema.json")
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def article_set_schema() -> dict[str, Any]:
    schema = ArticleSet.model_json_schema()
    # The loader insists on the tag and version even though the model has defaults for
    # them, so a stray JSON file is never mistaken for a set; the schema says the same.
    required = [name for name in ("format", "format_version") if name not in
                schema.get("required", [])]
    schema["required"] = required + list(schema.get("required", []))
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:{FORMAT_TAG}:schema",
        **schema,
        "description": "An article set of the Media Literacy Trainer. Span offsets count "
                       "Unicode code points into the article text, start inclusive, end "
                       "exclusive.",
    }


def schema_text() -> str:
    return json.dumps(article_set_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_path() -> Path:
    return resource_path(*SCHEMA_FILE)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else schema_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    if not args:
        from trainer.core.progress_file import progress_schema_text

        progress = resource_path("schema", "progress.schema.json")
        progress.write_text(progress_schema_text(), encoding="utf-8")
        print(f"wrote {progress}")
        from trainer.core.assignment_file import assignment_schema_text

        assignment = resource_path("schema", "assignment.schema.json")
        assignment.write_text(assignment_schema_text(), encoding="utf-8")
        print(f"wrote {assignment}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
