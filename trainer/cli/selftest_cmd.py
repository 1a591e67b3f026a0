"""`trainer self-test`: check an installed program end to end in a temporary data folder.

For school IT after deploying (and for the bundle's build check): every step prints one line,
`ok` or `FAIL`, and the exit code is 0 only when no step failed. Nothing outside the
temporary folder is read or written: the user's own data folder is never opened.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer import version
from trainer.core.resources import DATA_FOLDERS, bundle_root, package_path, resource_path

if TYPE_CHECKING:
    from trainer.core.model import Article, ArticleSet
    from trainer.storage.service import Store

PROFILE_NAME = "Self-test"
# What an earlier step leaves behind, and which step that is (for "not run" lines).
MADE_BY = {"store": "database", "starter": "starter content", "profile_id": "starter content"}


@dataclass
class SelfTest:
    folder: Path
    out: Callable[[str], None] = print
    store: Store | None = None
    starter: ArticleSet | None = None
    profile_id: str | None = None
    results: list[str] = field(default_factory=list)  # "ok" or "FAIL" per step

    def step(self, name: str, action: Callable[[], str], needs: tuple[str, ...] = ()) -> None:
        began = time.perf_counter()
        missing = sorted({MADE_BY[n] for n in needs if getattr(self, n) is None})
        try:
            if missing:
                raise RuntimeError(f"not run, because {' and '.join(missing)} failed")
            detail, status = action(), "ok"
        except RuntimeError as exc:  # the checks' own findings: the message says it all
            detail, status = str(exc), "FAIL"
        except Exception as exc:  # every failure is reported as one line, never a traceback
            detail, status = f"{type(exc).__name__}: {exc}", "FAIL"
        seconds = time.perf_counter() - began
        self.results.append(status)
        self.out(f"{status:<7} {name}: {detail} ({seconds:.2f} s)")

    # -- the steps, in order -------------------------------------------------------------------
    def program(self) -> str:
        root = bundle_root()
        where = f"bundle in {root}" if root is not None else f"source in {package_path()}"
        return (f"trainer {version()}, Python {platform.python_version()}, "
                f"{platform.system()} {platform.machine()}, {where}")

    def resources(self) -> str:
        from trainer.core.taxonomy import default_taxonomy

        needed = [resource_path("taxonomy.json"), resource_path("starter.json"),
                  resource_path("schema", "article-set.schema.json"),
                  resource_path("icons", "app.svg"), package_path("storage", "alembic.ini")]
        missing = [str(p) for p in needed if not p.is_file()]
        root = bundle_root() or Path(__file__).resolve().parents[2]
        missing += [f for f in DATA_FOLDERS if not (root / f).is_dir()]
        versions = list(package_path("storage", "migrations", "versions").glob("*.py"))
        if not versions:
            missing.append("trainer/storage/migrations/versions/*.py")
        if missing:
            raise RuntimeError("missing: " + ", ".join(missing))
        taxonomy = default_taxonomy()
        return (f"taxonomy ({len(taxonomy.families)} families), schema, starter content, "
                f"icons and {len(versions)} migration(s) found")

    def database(self) -> str:
        from trainer.storage.engine import sqlite_url
        from trainer.storage.migrate import head_revision, inspect_file
        from trainer.storage.service import Store

        path = self.folder / "trainer.sqlite3"
        self.store = Store.open(sqlite_url(path), backup_dir=self.folder / "backups")
        revision = inspect_file(path).revision
        if revision != head_revision():
            raise RuntimeError(f"schema {revision} after migrating, expected {head_revision()}")
        return f"created {path.name} and migrated it to schema {revision}"

    def starter_content(self) -> str:
        from trainer.core.formats import load_set

        assert self.store is not None
        starter = load_set(resource_path("starter.json"))
        self.store.library.import_set(starter)
        profile = self.store.profiles.create(PROFILE_NAME)
        self.profile_id = profile.id
        shown = len(self.store.library.entries(profile.id))
        if shown != len(starter.articles):
            raise RuntimeError(f"imported {len(starter.articles)} passages, library shows {shown}")
        self.starter = starter
        return f"imported {starter.title!r}: {shown} passages in the library"

    def scoring(self) -> str:
        from trainer.core.scoring import MODES, score_article
        from trainer.core.taxonomy import default_taxonomy

        assert self.starter is not None
        article = sample_article(self.starter)
        taxonomy = self.starter.taxonomy(default_taxonomy())
        perfect = score_article(article, key_answer(article), taxonomy)
        empty = score_article(article, [], taxonomy)
        wrong = [m for m in MODES if perfect.counts[m].f1 != 1.0 or empty.counts[m].recall != 0.0]
        if wrong:
            raise RuntimeError(f"unexpected scores in mode(s) {', '.join(wrong)}")
        return (f"{article.id!r} scored in modes {', '.join(MODES)}: the key scores F1 1.0, "
                "no marks score recall 0.0")

    def window(self) -> str:
        from trainer.ui.shell.selftest import walk_one_passage

        assert self.store is not None and self.starter is not None
        article = sample_article(self.starter)
        return walk_one_passage(self.store, self.folder, article, key_answer(article))

    def progress_file(self) -> str:
        """Export the self-test profile's progress (the attempt the window step saved), read
        the file back, and import it again: a second import must add nothing."""
        from trainer.core.filetypes import FILE_TYPES
        from trainer.core.progress_file import read_progress, write_progress

        assert self.store is not None and self.profile_id is not None
        extension = next(t.extension for t in FILE_TYPES if t.key == "progress")
        path = self.folder / f"self-test.{extension}"
        write_progress(self.store.progress.export_file(self.profile_id), path)
        progress, warnings = read_progress(path)
        if warnings:
            raise RuntimeError("; ".join(w.format() for w in warnings))
        if progress.profile.id != self.profile_id or not progress.attempts:
            raise RuntimeError(f"read back {len(progress.attempts)} attempt(s) of another profile")
        report = self.store.progress.import_file(progress, self.profile_id)
        if report.added or report.already_present != len(progress.attempts):
            raise RuntimeError(f"importing it again added {report.added} attempt(s)")
        return (f"wrote {path.name} with {len(progress.attempts)} attempt(s), read it back, "
                "importing it again changed nothing")

    def close(self, keep: bool) -> str:
        if self.store is not None:
            self.store.close()
            self.store = None
        if keep:
            return f"database closed; data folder kept: {self.folder}"
        # Removing the folder also proves nothing still holds the database open (Windows
        # refuses to delete an open file).
        shutil.rmtree(self.folder)
        return "database closed, temporary data folder removed"


def sample_article(article_set: ArticleSet) -> Article:
    """The first passage with something to find (its key spans make a perfect answer)."""
    for article in article_set.articles:
        if any(not a.optional for a in article.annotations):
            return article
    raise RuntimeError("the starter content has no passage with key spans")


def key_answer(article: Article) -> list[Any]:
    from trainer.core.scoring import key_spans

    return key_spans(article.annotations, optional=False)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "self-test", help="check this installation end to end (for IT after deploying)",
        description="Run the program's main paths in a temporary data folder: migrate a new "
                    "database, import the starter passages, score an answer in every mode, "
                    "open the main window offscreen and practise one passage. One line per "
                    "step; exit code 0 only if every step passed. Your own data is not used.")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary data folder and print where it is")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="trainer-self-test-"))
    saved = {k: os.environ.get(k) for k in ("TRAINER_HOME", "TRAINER_DATABASE_URL")}
    # The window finds its data folder through the environment, like a normal start.
    os.environ["TRAINER_HOME"] = str(folder)
    os.environ.pop("TRAINER_DATABASE_URL", None)
    test = SelfTest(folder)
    try:
        test.step("program", test.program)
        test.step("resources", test.resources)
        test.step("database", test.database)
        test.step("starter content", test.starter_content, needs=("store",))
        test.step("scoring", test.scoring, needs=("starter",))
        test.step("main window", test.window, needs=("store", "starter"))
        test.step("progress file", test.progress_file, needs=("store", "profile_id"))
        test.step("close", lambda: test.close(args.keep))
    finally:
        if test.store is not None:
            test.store.close()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    failed = test.results.count("FAIL")
    summary = (f"self-test {'FAILED' if failed else 'passed'}: {len(test.results)} steps, "
               f"{failed} failed")
    print(summary, file=sys.stderr if failed else sys.stdout)
    sys.stdout.flush()
    return 1 if failed else 0
