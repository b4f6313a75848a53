"""Titles and bibliographic citations.

- Periodicals (the list in ``corpus/entity-rules.toml``, or a capitalised name after
  "journal", "newspaper" …) are ``<title level="j">``, anywhere in the text; an English
  translation in brackets right after a title ("[Socialist Herald]") is a title too.
- In the notes, a citation ending in a page reference ("…, Moscow 1968, pp. 810-815")
  is a ``<bibl>`` with its ``<title>`` and ``<citedRange unit="page">``; "Ibid." points
  with ``@corresp`` to the work cited last, a repeated title to its first citation.
Periodical and transliterated titles are atomic: no names are marked inside them.
"""
from __future__ import annotations

import re

from ..authority import normalise
from ..document import Block, Document
from . import context
from .entities import rules

PAGES = re.compile(r"(?<![\w.])(?:pp?\.)\s?(?P<from>\d+)(?:\s?[-–]\s?(?P<to>\d+))?(?:\s?,\s?\d+(?:\s?[-–]\s?(?P<last>\d+))?)*")
CITATION_START = re.compile(r"(?:^|\s\((?:cf\.\s)?|;\s|[Cc]f\.,?\s|[Ss]ee(?: also)?:?\s|in the (?:edition|journal|newspaper)\s)")
# A quoted English title: “On Giving Legislative Functions to Gosplan,”
QUOTED_TITLE = re.compile(r"[“\"](?P<t>(?:On|The|A|An|To|Towards?|How|What|Why)\s[^”\"]+?)[.,]?[”\"]")
# An article cited with its address: "Peter Schwarz, The German October: …. https://…"
WEB_TITLE = re.compile(r",\s(?P<t>[A-Z][^.]*?)\.\s(?=https?://)")
# Any quoted capitalised phrase without sentence punctuation inside: a title if title-cased.
QUOTED_NAME = re.compile(r"[“\"](?P<t>[A-Z][^”“\".!?;]{3,80}?)[,]?[”\"]")
IBID = re.compile(r"\b[Ii]bid\.")
SCOPES = re.compile(r"(?:\bvol\.\s?(?P<volume>\d+)|(?:#|\bNo\.)\s?(?P<issue>\d+(?:\(\d+\))?(?:-\d+)?))")
# (”Ekonomicheskaia zhizn’,” 11 October 1923): a newspaper and its date
DATED_PERIODICAL = re.compile(r"\([”“\"](?P<bibl>(?P<t>[^”“\"]+?),?[”\"],?\s(?P<d>[0-3]?\d\s[A-Z][a-z]+\s\d{4}))\)")
# Peter Schwarz, The German October: …. https://…
WEB_CITATION = re.compile(r"(?P<bibl>(?:[A-Z][\w’'-]+\s){1,2}[A-Z][\w’'-]+,\s[A-Z][^.]*?\.\s(?P<url>https?://\S+?))(?=[.,;)]?(?:\s|$))")
INVERTED_AUTHOR = re.compile(r"[A-Z][\w’'-]+,\s(?:[A-Z][a-z]?\.\s?){1,3},?\s?")
INITIALS_AUTHOR = re.compile(r"(?:[A-Z][a-z]?\.\s?){1,3}[A-Z][\w’'-]+,\s")
NAMED_AUTHOR = re.compile(r"(?P<fore>[A-Z][a-z]+)\s(?:[A-Z]\.\s?)?(?P<sur>[A-Z][\w’'-]+),\s")
# The title after the author: up to a comma, a bracket, or ". Place, Year" ("Trotsky, L. The New
# Course. Moscow, 1924, p. 5").
TITLE_IN_CITATION = re.compile(r"[“\"]?(?P<t>[A-Z][^,\[\]“”\"]*?)[”\"]?"
                               r"(?=,|\s\[|\s\((?!b\))|\.\s[A-Z][^\s,.]*,?\s1[89]\d\d|$)")
AUTHOR_IN = re.compile(r"(?:[A-Z][a-z]?\.\s?){1,3}[A-Z][\w’'-]+\sin\s")
# Where else a citation starts inside a sentence: "Her speech: XIV s’ezd …", "appeared in
# Biulleten’ …", "the account of X in Trotsky, L., My Life …", "and Trotsky, L.D., Problems …",
# "the article of L. Kritsman in Voennoe delo …".
INNER_START = re.compile(r"(?::\s|(?<=\s)(?P<word>\S+)\s(?P<joint>in|and)\s|\b(?:article|speech|account|report|book|"
                         r"pamphlet|essay|letter|memoirs)s?\s(?:of|by)\s(?=(?:[A-Z][a-z]?\.\s?){1,3}[A-Z]))")
BRACKETED = re.compile(r",?\s?\[(?P<t>[A-Z][^\[\]]+)\]")


def _periodicals(block: Block, names: list[tuple[str, str]], cues: list[str], doc: Document) -> None:
    """``names``: (name, its casefold), longest first."""
    text = block.text
    folded = text.casefold()
    for name, name_folded in names:
        if name_folded not in folded:
            continue  # most names are absent from most blocks: skip compiling and scanning
        # "Biulleten’ Oppozitsii" for "Biulleten’ oppozitsii": the capital letter opens it, the rest may vary in case
        pattern = r"(?<![\w’'])" + re.escape(name[0]) + "(?i:" + re.escape(name[1:]) + r")(?![\w’'])"
        for m in re.finditer(pattern, text):
            _title(block, doc, m.start(), m.end(), "j")
    if cues:
        cue = re.compile(r"\b(?:" + "|".join(cues) + r")\s+(?P<t>[A-Z][\w’'-]*(?:\s(?!in\b|of\b|from\b|and\b|on\b|issue\b)[\w’'-]+){0,4}?)(?=\s[\[(]|[,.;:]|\sin\b|\sissue\b|\sfrom\b|$)")
        for m in cue.finditer(text):
            _title(block, doc, m.start("t"), m.end("t"), "j")


def _title(block: Block, doc: Document, start: int, end: int, level: str, atomic: bool = True) -> bool:
    if not block.free(start, end, ("title", "ref", "idno")):
        return False
    if block.add_span(start, end, "title", layer=45, level=level) is None:
        return False
    if atomic:
        context.mark_atomic(doc, block, start, end)
    after = BRACKETED.match(block.text, end)
    if after and block.free(after.start("t"), after.end("t"), ("title",)):
        block.add_span(after.start("t"), after.end("t"), "title", layer=45, level=level, type="translated")
    return True


def _cued_works(block: Block, cues: dict[str, str], doc: Document) -> None:
    """"his book The Revolution Betrayed", "the pamphlet Lessons of October": an unquoted
    title-case phrase after a word for a work (``work_cues``: word -> title level)."""
    if not cues:
        return
    pattern = re.compile(r"\b(?P<cue>" + "|".join(map(re.escape, cues)) + r")\s+(?P<t>[A-Z][\w’'-]*"
                         r"(?:\s(?:[A-Z][\w’'-]*|of|the|and|in|on|a|an|to|for))*)")
    for m in pattern.finditer(block.text):
        title = re.sub(r"(?:\s(?:of|the|and|in|on|a|an|to|for))+$", "", m["t"])
        if len(title) >= 4:  # not "the book I wrote"
            _title(block, doc, m.start("t"), m.start("t") + len(title), cues[m["cue"]], atomic=False)


def _title_cased(text: str) -> bool:
    """“Lessons of October”: three words or more, every long word capitalised (a quoted group
    name, “Democratic Centralism”, or a kind of paper, “Communist’s Companion”, is shorter)."""
    words = text.split()
    long_words = [w for w in words if len(w) > 3]
    return len(words) >= 3 and bool(long_words) and all(w[0].isupper() for w in long_words)


def _author(segment: str, doc: Document) -> re.Match | None:
    """The author opening a citation: "Deutscher, I., ", "E.H. Carr, ", "Leon Trotsky, " (a known
    forename or surname, so that a two-word title is not taken for a name)."""
    found = INVERTED_AUTHOR.match(segment) or INITIALS_AUTHOR.match(segment) or AUTHOR_IN.match(segment)
    if found:
        return found
    named = NAMED_AUTHOR.match(segment)
    if named:
        authority = context.authority(doc)
        if named["fore"] in authority.forenames() | set(rules().get("forenames", [])) \
                or named["sur"] in authority.by_surname:
            return named
    return None


def _inner_starts(text: str, stop: int) -> list[int]:
    """Starts of a citation inside the sentence that leads to it (``INNER_START``): after a
    colon; after "in" that follows a lower-case word ("printed in Pravda", not "Revolution in
    Danger") or precedes an inverted author; after "and" before an inverted author; after
    "the article of" before an author's initials."""
    found = []
    for m in INNER_START.finditer(text, 0, stop):
        if m["joint"]:
            author_next = INVERTED_AUTHOR.match(text, m.end()) is not None
            if not (author_next or (m["joint"] == "in" and m["word"].isalpha() and m["word"].islower())):
                continue
        if text.count("(", m.end(), stop) < text.count(")", m.end(), stop):
            continue  # inside parentheses that close before the pages
        found.append(m.end())
    return found


def tag_bibliography(doc: Document) -> None:
    data = rules()
    names = [(name, name.casefold()) for name in sorted(data.get("periodicals", []), key=len, reverse=True)]
    cues = data.get("periodical_cues", [])
    for block in doc.blocks():
        _periodicals(block, names, cues, doc)
        for m in list(QUOTED_TITLE.finditer(block.text)) + list(WEB_TITLE.finditer(block.text)):
            words = [w for w in m["t"].split() if len(w) > 3]
            if words and sum(w[0].isupper() for w in words) * 2 >= len(words):
                _title(block, doc, m.start("t"), m.end("t"), "a", atomic=False)
        _cued_works(block, data.get("work_cues", {}), doc)
        for m in QUOTED_NAME.finditer(block.text):
            if _title_cased(m["t"]) and not context.authority(doc).lookup(re.sub(r"^The\s", "", m["t"])):
                _title(block, doc, m.start("t"), m.end("t"), "a", atomic=False)
    cited: dict[str, str] = {}
    last_id: str | None = None
    for block in doc.notes:
        text = block.text
        for pattern in (DATED_PERIODICAL, WEB_CITATION):
            for m in pattern.finditer(text):
                block.add_span(m.start("bibl"), m.end("bibl"), "bibl", layer=30)
        for k, pages in enumerate(PAGES.finditer(text), start=1):
            starts = [m.end() for m in CITATION_START.finditer(text, 0, pages.start())
                      if text.count("[", 0, m.start()) == text.count("]", 0, m.start())
                      and text.count(")", m.end(), pages.start()) <= text.count("(", m.end(), pages.start())]
            # "RGAE, f. 3429, … l. 33 and Biulleten’ VSNKh, #4(12), 1921, p. 8": after another reference
            for span in block.spans:
                joint = re.match(r"(?:\s+and\s+|,\s+|;\s+)", text[span.end:]) if span.tag == "bibl" else None
                if joint and span.end + joint.end() < pages.start():
                    starts.append(span.end + joint.end())
            starts += _inner_starts(text, pages.start())
            start = max(starts) if starts else 0
            segment = text[start:pages.start()]
            if not segment.strip() or segment.count(". ") > 2:
                continue
            bibl_id = f"bibl{block.n}-{k}"
            attrs = {"xml:id": bibl_id}
            ibid = IBID.match(segment.strip())
            if ibid and last_id:
                attrs["corresp"] = f"#{last_id}"
            title_m = None
            if not ibid:
                author = _author(segment, doc)
                t0 = start + (author.end() if author else 0)
                title_m = TITLE_IN_CITATION.match(text[t0:pages.start()])
                if title_m:
                    key = normalise(title_m["t"])
                    # a repeat, or a short title: "XIV s’ezd VKP(b)" for "XIV s’ezd VKP(b). Stenograficheskii otchet"
                    earlier = cited.get(key) or next((i for k, i in cited.items() if k.startswith(key + ".")), None)
                    if earlier:
                        attrs["corresp"] = f"#{earlier}"
                    else:
                        cited[key] = bibl_id
            if block.add_span(start, pages.end(), "bibl", layer=30, **attrs) is None:
                continue
            last_id = attrs.get("corresp", "#" + bibl_id).lstrip("#") if not ibid else last_id
            if title_m:
                level = "j" if re.search(r"journal|newspaper", text[max(0, start - 30):start]) else "m"
                _title(block, doc, t0 + title_m.start("t"), t0 + title_m.end("t"), level,
                       atomic=not re.search(r"\b(?:the|of|and|on|to)\b", title_m["t"], re.I))
            for scope in SCOPES.finditer(text, start, pages.start()):
                unit = "volume" if scope["volume"] else "issue"
                block.add_span(scope.start(unit), scope.end(unit), "biblScope", layer=40, unit=unit)
            page_to = pages["last"] or pages["to"] or pages["from"]
            block.add_span(pages.start("from"), pages.end(), "citedRange", layer=40, unit="page",
                           **{"from": pages["from"], "to": page_to})
