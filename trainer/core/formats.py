"""One entry point that loads an article set from any supported input, and one that saves."""

from __future__ import annotations

from pathlib import Path

from trainer.core.errors import InvalidInput, LoadNotes, Problem
from trainer.core.jsonset import load_json_set, write_json_set
from trainer.core.markdown import load_markdown_set, write_markdown_folder, write_markdown_zip
from trainer.core.markdown.reader import SET_FILE
from trainer.core.model import ArticleSet
from trainer.core.ptc import is_ptc_folder, load_ptc_folder, write_ptc_folder
from trainer.core.targets import TARGETS, Target
from trainer.core.taxonomy import Taxonomy

__all__ = ["TARGETS", "Target", "load_set", "save_set", "target_for"]


def load_set(path: Path, taxonomy: Taxonomy | None = None,
             warnings: list[Problem] | None = None,
             notes: LoadNotes | None = None) -> ArticleSet:
    """Load a JSON file, a Markdown folder or .zip, or a PTC folder; raises InvalidInput.

    Problems that do not stop the set from loading (severity "warning", such as a control
    character replaced in a corpus article) are appended to `warnings` when it is given; they
    are added before InvalidInput is raised, so a caller can show both. `notes`, when given,
    learns where each JSON path was written (Markdown sets), for messages by line and column.
    """
    if not path.exists():
        raise InvalidInput([Problem(str(path), "no such file or folder")])
    if path.is_dir():
        if (path / SET_FILE).is_file():
            return load_markdown_set(path, taxonomy, warnings, notes)
        if is_ptc_folder(path):
            return load_ptc_folder(path, taxonomy, warnings)
        raise InvalidInput([Problem(str(path), "this folder is not an article set",
                                    hint="a Markdown set has a set.yaml; a PTC folder has "
                                         "article<ID>.txt files")])
    if path.suffix.lower() == ".zip":
        return load_markdown_set(path, taxonomy, warnings, notes)
    return load_json_set(path, taxonomy)


def target_for(path: Path, to: Target | None = None) -> Target:
    """The format `save_set` writes to `path`: .json → JSON, else Markdown, unless `to`."""
    if to is not None:
        return to
    return "json" if path.suffix.lower() == ".json" else "markdown"


def save_set(article_set: ArticleSet, path: Path, to: Target | None = None) -> Target:
    """Write the set; raises InvalidInput (writing nothing) if the format cannot hold it."""
    target = target_for(path, to)
    if target == "json":
        write_json_set(article_set, path)
    elif target == "ptc":
        write_ptc_folder(article_set, path)
    elif path.suffix.lower() == ".zip":
        write_markdown_zip(article_set, path)
    else:
        write_markdown_folder(article_set, path)
    return target
