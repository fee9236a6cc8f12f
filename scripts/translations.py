#!/usr/bin/env python3
"""Small helper for the English translation (locale/en/LC_MESSAGES/django.po).

Dutch is the source language (msgids are Dutch); English is the translation.

    python scripts/translations.py check [PO]          exit 1 if an entry is untranslated,
                                                       fuzzy or has mismatched placeholders
    python scripts/translations.py todo [PO]           print the untranslated/fuzzy entries as
                                                       JSON {msgid: "" or ["", ""]}
    python scripts/translations.py apply JSON [PO]     fill msgstrs from a JSON file
                                                       {msgid: msgstr or [singular, plural]}
                                                       and drop their fuzzy flag

Only the standard library is used (polib is not a dependency). `apply` re-wraps the file
with GNU `msgcat` when it is installed, so the file keeps the layout makemessages writes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PO = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    comments: list[str] = field(default_factory=list)  # "#:", "#.", "# ", "#|" lines as-is
    flags: list[str] = field(default_factory=list)  # from "#, a, b"
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)


def _unquote(token: str) -> str:
    token = token.strip()
    if not (token.startswith('"') and token.endswith('"')):
        raise ValueError(f"not a quoted PO string: {token!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    )
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [line + "\\n" for line in lines[:-1]]
    if lines[-1]:
        parts.append(lines[-1])
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


def parse(text: str) -> list[Entry]:
    """Parse PO text into entries. Obsolete entries ("#~") are dropped."""
    entries: list[Entry] = []
    entry = Entry()
    seen_keyword = False
    target: str | None = None  # which field continuation lines append to

    def flush() -> None:
        nonlocal entry, seen_keyword, target
        if seen_keyword:
            entries.append(entry)
        entry, seen_keyword, target = Entry(), False, None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if seen_keyword:  # a comment after the strings starts a new entry
                flush()
            if line.startswith("#,"):
                entry.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
            else:
                entry.comments.append(raw)
            continue
        if line.startswith('"'):
            value = _unquote(line)
            if target is None:
                raise ValueError(f"continuation line without keyword: {raw!r}")
            if target.startswith("msgstr["):
                index = int(target[7:-1])
                entry.msgstr_plural[index] += value
            else:
                setattr(entry, target, getattr(entry, target) + value)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and seen_keyword and target not in (None, "msgctxt"):
            flush()  # entries not separated by a blank line
        seen_keyword = True
        value = _unquote(rest)
        if keyword.startswith("msgstr["):
            entry.msgstr_plural[int(keyword[7:-1])] = value
        elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            setattr(entry, keyword, value)
        else:
            raise ValueError(f"unknown PO keyword: {raw!r}")
        target = keyword
    flush()
    return entries


def serialize(entries: list[Entry]) -> str:
    blocks = []
    for entry in entries:
        lines = list(entry.comments)
        if entry.flags:
            lines.append("#, " + ", ".join(entry.flags))
        if entry.msgctxt is not None:
            lines.append("msgctxt " + _quote(entry.msgctxt))
        lines.append("msgid " + _quote(entry.msgid))
        if entry.msgid_plural is not None:
            lines.append("msgid_plural " + _quote(entry.msgid_plural))
            for index in sorted(entry.msgstr_plural):
                lines.append(f"msgstr[{index}] " + _quote(entry.msgstr_plural[index]))
        else:
            lines.append("msgstr " + _quote(entry.msgstr))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


# %(name)s / %s / %d / %% ; {name} / {} / {0} ; HTML tags such as <strong> and </a>
_PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%%"
    r"|\{[^{}\s]*\}"
    r"|</?[a-zA-Z][^<>]*>"
)


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def problems(entries: list[Entry]) -> list[str]:
    """Human-readable problems: untranslated, fuzzy, or placeholders that differ."""
    found = []
    for entry in entries:
        if entry.is_header:
            continue
        label = repr(entry.msgid) if entry.msgctxt is None else f"{entry.msgctxt!r}|{entry.msgid!r}"
        if entry.fuzzy:
            found.append(f"fuzzy: {label}")
        if not entry.translated:
            found.append(f"untranslated: {label}")
            continue
        if entry.msgid_plural is None:
            pairs = [(entry.msgid, entry.msgstr)]
        else:
            # English has two forms: [0] follows the singular msgid, [1] the plural.
            pairs = [
                (entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(entry.msgstr_plural.items())
            ]
        for source, translation in pairs:
            want, got = placeholders(source), placeholders(translation)
            plural = entry.msgid_plural is not None
            if (set(want) != set(got)) if plural else (want != got):
                found.append(f"placeholders {got} != {want}: {label}")
    return found


def key(entry: Entry) -> str:
    """The JSON key of an entry: its msgid, prefixed by "msgctxt\x04" when it has a context."""
    return entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"


def load(path: Path) -> list[Entry]:
    return parse(path.read_text(encoding="utf-8"))


def apply(path: Path, translations: dict[str, str | list[str]]) -> int:
    entries = load(path)
    changed = 0
    for entry in entries:
        if entry.is_header or key(entry) not in translations:
            continue
        value = translations[key(entry)]
        if entry.msgid_plural is not None:
            if isinstance(value, str) or len(value) != 2:
                raise ValueError(f"plural entry needs [singular, plural]: {entry.msgid!r}")
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            if not isinstance(value, str):
                raise ValueError(f"entry is not plural: {entry.msgid!r}")
            entry.msgstr = value
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        # "#| msgid" lines describe the previous msgid of a fuzzy match; drop them.
        entry.comments = [c for c in entry.comments if not c.startswith("#|")]
        changed += 1
    path.write_text(serialize(entries), encoding="utf-8")
    if shutil.which("msgcat"):
        subprocess.run(["msgcat", "--output-file", str(path), str(path)], check=True)
    return changed


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "todo", "apply"):
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    if command == "apply":
        if not args:
            print("usage: translations.py apply JSON [PO]", file=sys.stderr)
            return 2
        translations = json.loads(Path(args[0]).read_text(encoding="utf-8"))
        path = Path(args[1]) if len(args) > 1 else DEFAULT_PO
        print(f"{apply(path, translations)} entries updated in {path}")
        return 0
    path = Path(args[0]) if args else DEFAULT_PO
    entries = load(path)
    if command == "todo":
        todo = {
            key(e): ["", ""] if e.msgid_plural is not None else ""
            for e in entries
            if not e.is_header and (e.fuzzy or not e.translated)
        }
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 0
    found = problems(entries)
    for line in found:
        print(line)
    total = sum(1 for e in entries if not e.is_header)
    print(f"{total} entries, {len(found)} problems in {path}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
