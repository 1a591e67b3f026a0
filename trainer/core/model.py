"""The article-set data model; the JSON Schema in resources/schema/ is generated from it."""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from trainer.core.limits import MAX_LEVEL, MAX_STORED_INT, MIN_LEVEL
from trainer.core.part_shapes import Part
from trainer.core.parts import PARTS as PARTS
from trainer.core.parts import SEPARATOR, title_base
from trainer.core.taxonomy import Taxonomy, Technique

FORMAT_TAG: Final = "trainer.article-set"
FORMAT_VERSION: Final = 2  # the newest version this program reads and writes
FORMAT_VERSIONS: Final = (1, 2)
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"

Level = Annotated[int, Field(ge=MIN_LEVEL, le=MAX_LEVEL)]
# Offsets and versions are stored as SQLite INTEGERs (signed 64-bit).
Offset = Annotated[int, Field(ge=0, le=MAX_STORED_INT)]
SourceKind = Literal["outlet", "person", "organisation", "document"]


def _one_line(value: str) -> str:
    if any(ch in value for ch in "\r\n"):
        raise ValueError("a title must be on one line (it contains a line break)")
    return value


def _visible(value: str) -> str:
    # A title or passage of spaces alone (no-break spaces included) shows nothing to read and
    # cannot survive a PTC round trip, whose article files start at the first visible line.
    if not value.strip():
        raise ValueError("is blank: write at least one visible character")
    return value


Title = Annotated[str, Field(min_length=1), AfterValidator(_one_line), AfterValidator(_visible)]
PassageText = Annotated[str, Field(min_length=1, description="Plain text; paragraphs separated "
                                                               "by blank lines."),
                        AfterValidator(_visible)]
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(_Strict):
    outlet: str = ""
    date: str = ""
    url: str = Field("", description="Shown as plain text; never opened by the program.")


class Annotation(_Strict):
    start: Offset = Field(description="Unicode code point offset, inclusive.")
    end: Offset = Field(description="Unicode code point offset, exclusive.")
    label: str = Field(min_length=1, description="A technique id or a family id.")
    explanation: str = ""
    tip: str = Field("", description="How a reader could check this.")
    optional: bool = Field(False, description="Debatable span: no credit, no penalty.")
    part: Part = Field("text", description="Which part the offsets index: the article's text "
                                           "or its title (format version 2).")


class Note(_Strict):
    """A good-practice note: a phrase that shows careful reporting. Never scored."""

    start: Offset = Field(description="Unicode code point offset, inclusive.")
    end: Offset = Field(description="Unicode code point offset, exclusive.")
    part: Part = "text"
    why: str = Field(min_length=1, description="What makes this phrase good practice.")


class SourceCard(_Strict):
    """An offline "about" page for an outlet, person, organisation or document."""

    id: Identifier
    name: str = Field(min_length=1)
    kind: SourceKind
    aliases: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    text: str = Field(min_length=1, description="Plain text; paragraphs separated by blank "
                                                "lines.")


class Article(_Strict):
    id: Identifier
    title: Title
    source: Source = Field(default_factory=Source)
    level: Level = 1
    text: PassageText
    annotations: list[Annotation] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list, description="Good-practice notes "
                                                                "(format version 2).")

    @property
    def is_clean(self) -> bool:
        return not self.annotations

    def to_data(self) -> dict[str, Any]:
        """JSON data without version-2 defaults, so a version-1 article dumps as it always did."""
        data = self.model_dump(mode="json")
        for ann in data["annotations"]:
            if ann["part"] == "text":
                del ann["part"]
        if not data["notes"]:
            del data["notes"]
        return data

    def part_text(self, part: str) -> str:
        """The string a span's offsets index: the title or the text."""
        return self.title if part == "title" else self.text

    def scoring_view(self) -> Article:
        """This article in scoring coordinates (trainer.core.parts): the title after the text
        and a blank line, title spans and notes moved there. Built without validation."""
        base = title_base(self)

        def moved(span: Annotation | Note) -> dict[str, object]:
            shift = base if span.part == "title" else 0
            return {"start": span.start + shift, "end": span.end + shift, "part": "text"}

        return Article.model_construct(
            **{**dict(self), "text": self.text + SEPARATOR + self.title,
               "annotations": [a.model_copy(update=moved(a)) for a in self.annotations],
               "notes": [n.model_copy(update=moved(n)) for n in self.notes]})


class LevelRange(_Strict):
    min: Level = 1
    max: Level = 3


class ExtraTechnique(_Strict):
    id: Identifier
    family: Literal["unverified", "framing"]
    name: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    example: str = ""
    check: str = ""


class ArticleSet(_Strict):
    format: Literal["trainer.article-set"] = FORMAT_TAG
    format_version: Literal[1, 2] = 1
    id: Identifier
    version: int = Field(1, ge=1, le=MAX_STORED_INT)
    title: Title
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN)] = "en"
    level: LevelRange = Field(default_factory=LevelRange)
    author: str = ""
    license: str = ""
    description: str = ""
    techniques: list[ExtraTechnique] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    sources: list[SourceCard] = Field(default_factory=list, description="Source cards for "
                                      "offline lateral reading (format version 2).")

    def uses_version_2(self) -> bool:
        """Whether anything in the set needs format version 2 to be written down."""
        return bool(self.sources) or any(
            a.notes or any(n.part != "text" for n in a.annotations) for a in self.articles)

    def written_version(self) -> int:
        """The format_version a writer puts in the file: the lowest that holds the set.

        A set that uses nothing new keeps version 1, so older programs can still read it.
        """
        return max(self.format_version, 2 if self.uses_version_2() else 1)

    def to_data(self) -> dict[str, Any]:
        """The set as JSON data, as files store it: version-2 fields only where they say
        something (no `"part": "text"`, no empty `notes` or `sources`)."""
        data = self.model_dump(mode="json", exclude={"articles"})
        data["format_version"] = self.written_version()
        data["articles"] = [a.to_data() for a in self.articles]
        if not data["sources"]:
            del data["sources"]
        return data

    def source(self, source_id: str) -> SourceCard | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def taxonomy(self, base: Taxonomy) -> Taxonomy:
        return base.with_extra(
            Technique(t.id, t.family, t.name, t.definition, t.example, t.check)
            for t in self.techniques
        )

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)
