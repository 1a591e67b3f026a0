""""Add to library": import the edited set, raising its version when its content changed.

Only the Store's public methods are used (typed here as a Protocol so the editor does not
depend on the storage package's internals). The fingerprint of the content last imported
from the editor is kept in a setting, so an unchanged set is re-imported under the same
version and a changed one always gets a higher version than the library holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from trainer.core.model import ArticleSet
    from trainer.ui.teacher.editor.draft import SetDraft


class SetInfoLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def version(self) -> int: ...


class ImportReportLike(Protocol):
    @property
    def set_id(self) -> str: ...
    @property
    def added(self) -> int: ...
    @property
    def updated(self) -> int: ...
    @property
    def unchanged(self) -> int: ...


from trainer.ui.shell.ui_settings import SettingsPart  # noqa: E402


class LibraryPart(Protocol):
    def import_set(self, article_set: ArticleSet,
                   progress: Callable[[int, int], bool] | None = None) -> ImportReportLike: ...
    def list_sets(self) -> Sequence[SetInfoLike]: ...


class LibraryStore(Protocol):
    """The parts of trainer.storage.service.Store the editor and importer use."""

    @property
    def library(self) -> LibraryPart: ...
    @property
    def settings(self) -> SettingsPart: ...


def fingerprint_key(set_id: str) -> str:
    return f"editor.imported.{set_id}"


def version_for_import(draft: SetDraft, store: LibraryStore) -> int:
    stored = next((s for s in store.library.list_sets() if s.id == draft.id), None)
    if stored is None:
        return draft.version
    record = store.settings.get(fingerprint_key(draft.id))
    if (isinstance(record, dict) and record.get("fingerprint") == draft.content_fingerprint()
            and record.get("version") == stored.version):
        return stored.version
    # Changed, or imported from elsewhere so we cannot tell: a higher version is always safe.
    return max(draft.version, stored.version + 1)


def add_to_library(draft: SetDraft, article_set: ArticleSet,
                   store: LibraryStore) -> ImportReportLike:
    """Import `article_set` (the validated draft) and record what was imported.

    Updates `draft.version` to the version the library now holds.
    """
    version = version_for_import(draft, store)
    if version != article_set.version:
        article_set = article_set.model_copy(update={"version": version})
    report = store.library.import_set(article_set)
    draft.version = version
    store.settings.set(fingerprint_key(draft.id),
                      {"fingerprint": draft.content_fingerprint(), "version": version})
    return report
