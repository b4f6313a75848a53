"""Markdown (CommonMark + footnotes, as code-hosting sites render it): header facts, text, notes as ``[^n]``."""
from __future__ import annotations

import re

from lxml import etree

from ..teitext import (Note, TeiSource, header_facts, holds_blocks, is_block, joined_tail, local,
                       notes_of, reading_children, text_roots)
from . import Exporter

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)(#|[-+]\s|\d+[.)]|=|>)")


def escape(text: str) -> str:
    """Markdown-escape running text so that it shows as written."""
    return _SPECIAL.sub(r"\\\1", text)


def _escape_start(line: str) -> str:
    match = _LINE_START.match(line)
    if not match:
        return line
    token = match.group(2)
    escaped = token[:-1] + "\\" + token[-1] if token[-1] in ".)" else "\\" + token
    return match.group(1) + escaped + line[match.end():]


class MarkdownRenderer:
    """Walks the text once; notes become footnotes, headings keep their depth."""

    def __init__(self, root: etree._Element) -> None:
        self.notes = notes_of(root)
        self.by_element = {id(n.element): n for n in self.notes}
        self.anchor_targets = {id(a): n for n in self.notes for a in n.anchors}
        self.labels = self._footnote_labels(self.notes)
        self.blocks: list[str] = []
        self.footnotes: list[str] = []

    @staticmethod
    def _footnote_labels(notes: list[Note]) -> dict[int, str]:
        labels: dict[int, str] = {}
        used: set[str] = set()
        for note in notes:
            label = re.sub(r"[^\w-]", "", note.label) or "n"
            candidate, k = label, 1
            while candidate in used:
                k += 1
                candidate = f"{label}-{k}"
            used.add(candidate)
            labels[id(note.element)] = candidate
        return labels

    def inline(self, node: etree._Element, skip_labels: bool = False) -> str:
        """An element's content as one line of Markdown."""
        parts = [escape(node.text or "")]
        for child in reading_children(node):
            parts.append(self._inline_child(child, skip_labels))
            parts.append(escape(joined_tail(child)))
        return "".join(parts)

    def _inline_child(self, child: etree._Element, skip_labels: bool) -> str:
        name = local(child)
        if name == "note" and id(child) in self.by_element:
            self._footnote(self.by_element[id(child)])
            return f"[^{self.labels[id(child)]}]"
        if id(child) in self.anchor_targets:
            return f"[^{self.labels[id(self.anchor_targets[id(child)].element)]}]"
        if skip_labels and name == "label":
            return ""
        if name in ("lb", "space") and child.get("break") != "no":
            return " " + self.inline(child)
        content = self.inline(child, skip_labels)
        if name == "hi" and content.strip() and re.search(r"italic|bold|underline", child.get("rend", "")):
            mark = "**" if "bold" in child.get("rend", "") else "*"
            stripped = content.strip()
            return content[: len(content) - len(content.lstrip())] + f"{mark}{stripped}{mark}" + \
                content[len(content.rstrip()):]
        if is_block(child):
            return f" {content} "
        return content

    def _footnote(self, note: Note) -> None:
        paras = [p for p in (" ".join(self.inline(b, skip_labels=True).split()) for b in self._note_blocks(note)) if p]
        self.footnotes.append(f"[^{self.labels[id(note.element)]}]: " + "\n\n    ".join(paras or ["(empty note)"]))

    @staticmethod
    def _note_blocks(note: Note) -> list[etree._Element]:
        if not holds_blocks(note.element):
            return [note.element]
        return [c for c in reading_children(note.element) if local(c) != "label" or is_block(c)]

    def block(self, node: etree._Element, depth: int) -> None:
        """Render a structural element: containers recurse, paragraph-like elements become one block."""
        name = local(node)
        if name == "note" and id(node) in self.by_element:
            note = self.by_element[id(node)]
            if note.anchors or note.inline:
                self._footnote(note)
                return
        children = reading_children(node)
        if not holds_blocks(node) or name in ("p", "ab", "l", "head", "item", "salute", "dateline", "signed"):
            line = " ".join(self.inline(node).split())
            if not line:
                return
            if name == "head" and local(node.getparent()) == "figure":
                self.blocks.append("*Figure:* " + line)
            elif name == "head":
                self.blocks.append("#" * min(6, depth + 1) + " " + line)
            elif name == "item":
                self.blocks.append("- " + line)
            else:
                self.blocks.append(_escape_start(line))
            return
        deeper = depth + (1 if any(local(c) == "head" for c in children) else 0)
        for child in children:
            self.block(child, depth if local(child) == "head" else deeper)

    def render(self, root: etree._Element) -> str:
        facts = header_facts(root)
        lines = [f"# {escape(facts.title)}", ""]
        licence = escape(facts.licence) + (f" <{facts.licence_url}>" if facts.licence_url else "")
        source = " ".join(filter(None, (escape(facts.source), facts.source_url and f"<{facts.source_url}>")))
        rows = [("Author", "; ".join(facts.authors)), ("Date", facts.date or ""), ("Source", source),
                ("Archival original", facts.archival), ("Publisher", facts.publisher),
                ("Licence", licence)]
        lines += [f"- **{label}:** {value if label in ('Licence', 'Source') else escape(value)}"
                  for label, value in rows if value]
        for part in text_roots(root):
            self.block(part, 1)
        body = "\n\n".join(self.blocks)
        notes = "\n\n".join(self.footnotes)
        return "\n".join(lines) + "\n\n" + body + ("\n\n" + notes if notes else "") + "\n"


def export_markdown(source: TeiSource) -> bytes:
    return MarkdownRenderer(source.root).render(source.root).encode("utf-8")


EXPORTER = Exporter("md", "md", "text/markdown; charset=utf-8",
                    "Markdown with footnotes ([^1]) for code-hosting sites", export_markdown)
