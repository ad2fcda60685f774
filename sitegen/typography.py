"""Smart quotes, dashes and ellipses: Python-Markdown's smarty, minus its cost on plain text.

smarty runs a second inline pass with fifteen patterns over every text node of a
page, which doubles the time Python-Markdown takes. Every one of its patterns
needs a quote, ``--`` or ``...``, so a text node without any of them is left as
it is before the patterns are tried: the output is the same, byte for byte.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import InlineProcessor

_TRIGGER = re.compile(r"""['"]|--|\.\.\.""")


class _SkipPlainText(InlineProcessor):
    """smarty's inline pass, skipping text that none of its patterns can match."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if patternIndex == 0 and not _TRIGGER.search(data):
            return data
        result: str = InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)  # type: ignore[attr-defined]
        return result


class Typography(SmartyExtension):
    """``smarty`` with curly quotes, en and em dashes and ellipses, but not angled quotes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("smart_angled_quotes", False)
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        stock = md.treeprocessors["smarty"]
        fast = _SkipPlainText(md)
        fast.inlinePatterns = stock.inlinePatterns  # type: ignore[attr-defined]
        md.treeprocessors.register(fast, "smarty", 6)
