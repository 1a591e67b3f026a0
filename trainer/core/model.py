"""The article-set data model; the JSON Schema in resources/schema/ is generated from it."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from trainer.core.taxonomy import Taxonomy, Technique

FORMAT_TAG: Final = "trainer.article-set"
FORMAT_VERSION: Final = 1
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"

Level = Annotated[int, Field(ge=1, le=3)]


def _one_line(value: str) -> str:
    if any(ch in value for ch in "\r\n"):
        raise ValueError("a title must be on one line (it contains a line break)")
    return value


Title = Annotated[str, Field(min_length=1), AfterValidator(_one_line)]
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(_Strict):
    outlet: str = ""
    date: str = ""
    url: str = Field("", description="Shown as plain text; never opened by the program.")


class Annotation(_Strict):
    start: int = Field(ge=0, description="Unicode code point offset, inclusive.")
    end: int = Field(ge=0, description="Unicode code point offset, exclusive.")
    label: str = Field(min_length=1, description="A technique id or a family id.")
    explanation: str = ""
    tip: str = Field("", description="How a reader could check this.")
    optional: bool = Field(False, description="Debatable span: no credit, no penalty.")


class Article(_Strict):
    id: Identifier
    title: Title
    source: Source = Field(default_factory=Source)
    level: Level = 1
    text: str = Field(min_length=1, description="Plain text; paragraphs separated by blank lines.")
    annotations: list[Annotation] = Field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.annotations


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
    format_version: Literal[1] = FORMAT_VERSION
    id: Identifier
    version: int = Field(1, ge=1)
    title: Title
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN)] = "en"
    level: LevelRange = Field(default_factory=LevelRange)
    author: str = ""
    license: str = ""
    description: str = ""
    techniques: list[ExtraTechnique] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)

    def taxonomy(self, base: Taxonomy) -> Taxonomy:
        return base.with_extra(
            Technique(t.id, t.family, t.name, t.definition, t.example, t.check)
            for t in self.techniques
        )

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)
