"""One entry point that loads an article set from any supported input."""

from __future__ import annotations

from pathlib import Path

from trainer.core.errors import InvalidInput, Problem
from trainer.core.jsonset import load_json_set
from trainer.core.model import ArticleSet
from trainer.core.taxonomy import Taxonomy


def load_set(path: Path, taxonomy: Taxonomy | None = None) -> ArticleSet:
    """Load a JSON set file; raises InvalidInput listing every problem."""
    if not path.exists():
        raise InvalidInput([Problem(str(path), "no such file or folder")])
    if path.is_dir():
        raise InvalidInput([Problem(str(path), "is a folder, not an article-set file",
                                    hint="give the path of a .json file")])
    return load_json_set(path, taxonomy)
