"""The Markdown authoring format: a folder or .zip with set.yaml and one .md file per article.

The specification for teachers is docs/MARKDOWN_FORMAT.md.
"""

from trainer.core.markdown.reader import is_markdown_set, load_markdown_folder, load_markdown_set
from trainer.core.markdown.writer import markdown_files, write_markdown_folder, write_markdown_zip

__all__ = [
    "is_markdown_set",
    "load_markdown_folder",
    "load_markdown_set",
    "markdown_files",
    "write_markdown_folder",
    "write_markdown_zip",
]
