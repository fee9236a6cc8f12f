"""Word-level diff between two texts, as (operation, text) pieces for the template.

The template renders the pieces with autoescaping inside <ins>/<del>; no HTML is built here.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
MAX_TOKENS = 20_000


def _tokens(text: str) -> list[str]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) > MAX_TOKENS:  # keep the diff fast on very long texts: compare lines
        return (text or "").splitlines(keepends=True)
    return tokens


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _tokens(old), _tokens(new)
    pieces: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("equal", "".join(a[i1:i2])))
        if op in ("delete", "replace"):
            pieces.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("insert", "".join(b[j1:j2])))
    return [p for p in pieces if p[1]]


def section_diffs(sections, old_texts: dict, new_texts: dict) -> list[dict]:
    result = []
    for section in sections:
        old, new = old_texts.get(section.key, ""), new_texts.get(section.key, "")
        result.append({"section": section, "changed": old != new, "pieces": word_diff(old, new)})
    return result
