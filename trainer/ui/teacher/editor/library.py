""""Add to library": import the edited set, raising its version when its content changed.

A set is never replaced silently by an unrelated one: a new set's id is made from its title
and unique in the library, and a set whose id is taken by a set with another title or other
articles makes the editor ask "a new version of <title>, or a separate set?".

Only the Store's public methods are used (typed here as a Protocol so the editor does not
depend on the storage package's internals). The fingerprint of the content last imported
from the editor is kept in a setting, so an unchanged set is re-imported under the same
version and a changed one always gets a higher version than the library holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from trainer.core.setids import slug, unique_id

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
    def export_set(self, set_id: str) -> ArticleSet: ...


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


Choice = Literal["version", "separate", "cancel"]
# Asked with the title of the set the library holds under the draft's id.
AskClash = Callable[[str], Choice]


def same_set(draft: SetDraft, stored: ArticleSet) -> bool:
    """Whether the draft is (an edit of) the stored set: the same title, and at least one
    article with the same id and the same title or text."""
    if draft.title.strip() != stored.title.strip():
        return False
    by_id = {a.id: a for a in stored.articles}
    return any(a.id in by_id and (by_id[a.id].title == a.title or by_id[a.id].text == a.text)
               for a in draft.articles)


def choose_id(draft: SetDraft, store: LibraryStore, ask: AskClash) -> bool:
    """Settle `draft.id` before an import; False if the teacher cancelled."""
    sets = {s.id: s for s in store.library.list_sets()}
    if draft.auto_id:
        draft.id, draft.auto_id = unique_id(slug(draft.title), sets), False
        return True
    held = sets.get(draft.id)
    if held is None or same_set(draft, store.library.export_set(draft.id)):
        return True
    choice = ask(held.title)
    if choice == "separate":
        draft.id = unique_id(slug(draft.title), sets)
    return choice != "cancel"


def add_to_library(draft: SetDraft, article_set: ArticleSet, store: LibraryStore,
                   ask: AskClash) -> ImportReportLike | None:
    """Import `article_set` (the validated draft) and record what was imported; None if the
    teacher cancelled the "new version or separate set?" question.

    Updates `draft.id` (a new or separate set) and `draft.version` to what the library holds.
    """
    if not choose_id(draft, store, ask):
        return None
    version = version_for_import(draft, store)
    if version != article_set.version or draft.id != article_set.id:
        article_set = article_set.model_copy(update={"version": version, "id": draft.id})
    report = store.library.import_set(article_set)
    draft.version = version
    store.settings.set(fingerprint_key(draft.id),
                      {"fingerprint": draft.content_fingerprint(), "version": version})
    return report
