"""Exporters: the registry, every format on the corpus, a TEI fixture with entities and the real samples."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import jsonschema
import pytest
from lxml import etree, html as lxml_html

from tei_toolkit.exporters import NotApplicable, get_exporter, registry
from tei_toolkit.exporters.json_data import schema
from tei_toolkit.teitext import parse_tei, read_tei, text_of

FIXTURE = Path(__file__).parent / "fixtures" / "export-entities.xml"
TEI = "{http://www.tei-c.org/ns/1.0}"
FORMATS = {"bagit", "cmif", "csv", "dc", "html", "json", "md", "txt"}
# Of <choice>, the reading text shows the corrected/regularised/expanded reading.
HIDDEN_READINGS = {"sic", "orig", "abbr"}
DC = "{http://purl.org/dc/elements/1.1/}"


def real_samples() -> list[Path]:
    folder = Path(__file__).resolve().parents[1].parent / "shared" / "tei-samples" / "real"
    return sorted(folder.glob("*.xml")) if folder.is_dir() else []


SAMPLES = real_samples()


def body_chunks(root: etree._Element, skip=lambda node: False) -> list[str]:
    """Every text node of the document's text (whitespace normalised), independent of teitext.

    The text is ``<text>`` (or ``<sourceDoc>``, or the whole root for a fragment);
    hidden alternatives of ``<choice>`` and nodes ``skip`` rejects are left out.
    """
    name = etree.QName(root).localname
    if name in ("TEI", "teiCorpus"):
        parts = root.findall(f".//{TEI}text") or root.findall(f".//{TEI}sourceDoc")
        parts = [p for p in parts if not any(etree.QName(a).localname == "text" for a in p.iterancestors())]
    else:
        parts = [root]
    chunks = []
    for part in parts:
        for node in part.iter():
            if not isinstance(node.tag, str):
                continue
            hidden = any(etree.QName(n).localname in HIDDEN_READINGS and n.getparent() is not None
                         and etree.QName(n.getparent()).localname == "choice"
                         for n in [node, *node.iterancestors()])
            if not hidden and not skip(node) and node.text and node.text.strip():
                chunks.append(" ".join(node.text.split()))
            parent = node.getparent()
            parent_hidden = parent is not None and any(
                etree.QName(n).localname in HIDDEN_READINGS and n.getparent() is not None
                and etree.QName(n.getparent()).localname == "choice" for n in [parent, *parent.iterancestors()])
            if node is not part and not parent_hidden and node.tail and node.tail.strip() and not (
                    parent is not None and skip(parent)):
                chunks.append(" ".join(node.tail.split()))
    return chunks


def squash(text: str) -> str:
    return " ".join(text.split())


def missing(chunks: list[str], output: str) -> list[str]:
    flat = squash(output)
    return [c for c in chunks if c not in flat]


def html_text(data: bytes) -> str:
    return lxml_html.document_fromstring(data).text_content()


def check_html_outline(data: bytes) -> None:
    """``lang`` set, one h1 first, and heading levels that never skip one going down."""
    page = lxml_html.document_fromstring(data)
    assert page.get("lang")
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def md_text(data: bytes) -> str:
    return re.sub(r"\\(.)", r"\1", data.decode("utf-8"))


def md_skip(node: etree._Element) -> bool:
    """Markdown replaces note markers by ``[^n]`` and drops the notes' own labels."""
    name = etree.QName(node).localname
    parent = node.getparent()
    return (name in ("ref", "ptr") and (node.get("target") or "").startswith("#")) or (
        name == "label" and parent is not None and etree.QName(parent).localname == "note")


# -- registry and CLI ---------------------------------------------------------------------------

def test_registry_lists_every_format_with_media_type():
    exporters = registry()
    assert set(exporters) == FORMATS
    for exporter in exporters.values():
        assert exporter.media_type and exporter.extension and exporter.description


def test_unknown_format_is_a_clear_error(corpus_tei):
    result = subprocess.run([sys.executable, "-m", "tei_toolkit", "export", "pdf", str(corpus_tei)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "unknown export format 'pdf'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("payload, message", [
    (b"", "empty"),
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", "not well-formed"),
    (b"<html><body/></html>", "not in the TEI namespace"),
    (b"<?xml version='1.0'?><!DOCTYPE TEI [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
     b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>&x;</p></body></text></TEI>", "entities"),
    (b"<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
     b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>&b;</p></body></text></TEI>", "entities"),
    (b"<?xml version='1.0'?><!DOCTYPE TEI SYSTEM 'file:///tmp/tei-toolkit-test.dtd'>"
     b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>a &x; b</p></body></text></TEI>",
     "entity &x; is not declared"),
])
def test_bad_input_is_refused_in_one_line(tmp_path, payload, message):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(payload)
    out = tmp_path / "out.html"
    result = subprocess.run([sys.executable, "-m", "tei_toolkit", "export", "html", str(bad), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob(".out*"))


def test_external_entities_are_never_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doc = (f"<?xml version='1.0'?><!DOCTYPE TEI SYSTEM '{secret.as_uri()}'>"
           "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>x</p></body></text></TEI>").encode()
    assert "TOPSECRET" not in text_of(parse_tei(doc).tree)


def test_cli_writes_one_format_and_all_formats(tmp_path, corpus_tei):
    out = tmp_path / "letter.md"
    subprocess.run([sys.executable, "-m", "tei_toolkit", "export", "md", str(corpus_tei), "-o", str(out)], check=True)
    assert out.read_text(encoding="utf-8").startswith("# ")
    folder = tmp_path / "all"
    result = subprocess.run([sys.executable, "-m", "tei_toolkit", "export", "--all", str(corpus_tei), "-o", str(folder)],
                            capture_output=True, text=True, check=True)
    names = sorted(p.name for p in folder.iterdir())
    stem = corpus_tei.stem
    assert names == sorted(f"{stem}.{e.extension}" for e in registry().values()), result.stderr


def test_cli_all_skips_cmif_for_a_text_that_is_not_a_letter(tmp_path):
    doc = tmp_path / "poem.xml"
    doc.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader><fileDesc><titleStmt><title>A poem</title>"
                   "</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>"
                   "</teiHeader><text><body><lg><l>one line</l></lg></body></text></TEI>", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tei_toolkit", "export", "--all", str(doc), "-o", str(tmp_path / "o")],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert "skipped cmif" in result.stderr
    assert not (tmp_path / "o" / "poem.cmif.xml").exists() and (tmp_path / "o" / "poem.html").exists()


# -- text and round trip -------------------------------------------------------------------------

def test_txt_words_equal_the_source_edition_words(edition, corpus_tei):
    source_lines = [line for line in edition.read_text(encoding="utf-8").splitlines()
                    if line.strip() not in ("English", "Loading")]
    exported = get_exporter("txt").export(read_tei(corpus_tei)).decode("utf-8")
    assert exported.split() == " ".join(source_lines).split()


def test_txt_keeps_blocks_apart_and_joins_words_broken_at_line_ends():
    text = get_exporter("txt").export(read_tei(FIXTURE)).decode("utf-8")
    assert "\n\n1. The Politburo met before the XIIth Congress 17-25 April 1923.[1] Comrade Stalin" in text
    assert "2. Rykov wrote that in the spring of 1921 the line was broken.[2]" in text
    assert "Moskow" not in text and "in Moscow." in text


def test_every_export_is_deterministic(corpus_tei):
    for exporter in registry().values():
        assert exporter.export(read_tei(corpus_tei)) == exporter.export(read_tei(corpus_tei)), exporter.name


def rendered_markdown(source: Path) -> lxml_html.HtmlElement:
    """The md export as a CommonMark + footnotes renderer (markdown-it, as code-hosting sites) shows it."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    data = get_exporter("md").export(read_tei(source)).decode("utf-8")
    return lxml_html.fragment_fromstring(MarkdownIt("commonmark").use(footnote_plugin).render(data),
                                         create_parent="div")


@pytest.mark.parametrize("source, notes", [("corpus", 26), ("fixture", 3)])
def test_markdown_renders_with_working_footnotes(source, notes, corpus_tei):
    page = rendered_markdown(corpus_tei if source == "corpus" else FIXTURE)
    refs = page.xpath("//sup[@class='footnote-ref']/a/@href")
    items = page.xpath("//li[@class='footnote-item']/@id")
    assert len(refs) == len(set(refs)) == len(items) == notes and {r[1:] for r in refs} == set(items)
    assert "[^" not in page.text_content()
    assert len(page.xpath("//h1")) == 1
    # numbered paragraphs stay paragraphs with their number, not Markdown lists
    assert page.xpath("//ol[not(@class='footnotes-list')]") == []
    assert any(p.text_content().startswith("1. ") for p in page.iter("p"))


# -- json -------------------------------------------------------------------------------------------

def check_json(data: bytes) -> dict:
    document = json.loads(data)
    jsonschema.validate(document, schema())
    text = document["text"]
    ids = {a["id"] for a in document["annotations"]}
    for ann in document["annotations"]:
        assert 0 <= ann["start"] <= ann["end"] <= len(text)
        assert text[ann["start"]:ann["end"]] == ann["text"]
    for entity in document["entities"]:
        assert set(entity["mentions"]) <= ids
    return document


def test_json_of_the_fixture_has_offsets_entities_dates_and_records():
    document = check_json(get_exporter("json").export(read_tei(FIXTURE)))
    text = document["text"]
    by_type: dict[str, list[dict]] = {}
    for ann in document["annotations"]:
        by_type.setdefault(ann["type"], []).append(ann)
    people = [a for a in by_type["entity"] if a["element"] == "persName"]
    assert [text[a["start"]:a["end"]] for a in people] == ["L.D. Trotsky", "Stalin", "Stalin", "Bukharin", "Trotsky",
                                                            "Rykov", "L. Trotsky"]
    assert [a.get("ref") for a in people] == ["trotsky", "stalin", "stalin", None, "trotsky", "rykov", "trotsky"]
    dates = {a["text"]: a["attributes"] for a in by_type["date"]}
    assert dates["17-25 April 1923"] == {"from": "1923-04-17", "to": "1923-04-25"}
    assert dates["1921"] == {"notBefore": "1921-03-01", "notAfter": "1921-05-31"}
    assert [a["text"] for a in by_type["archival"]] == ["RGASPI, fond 17, opis’ 2, delo 685, listy 53-68"]
    anchors = by_type["noteAnchor"]
    assert [(a["text"], a["attributes"]["target"]) for a in anchors] == [("[1]", "#note1"), ("[2]", "#note2")]
    assert len(by_type["note"]) == 3
    records = {r["id"]: r for r in document["records"]}
    assert records["trotsky"]["facts"]["birth"] == "1879-11-07"
    assert records["congress-rcp-12"]["name"] == "XIIth Congress of the RCP(b)"
    # the preferred name comes first, its parts spaced even when the TEI has no spaces between them
    assert records["rykov"]["names"] == ["Alexei Ivanovich Rykov", "Rykov"]
    assert records["rykov"]["facts"]["occupation"].startswith("Chairman")
    trotsky = next(e for e in document["entities"] if e["key"] == "trotsky")
    assert trotsky["name"] == "Leon Trotsky" and len(trotsky["mentions"]) == 3
    assert document["metadata"]["archival"] == "RGASPI, fond 17, opis 2, delo 685"


def test_json_of_the_corpus_validates_and_holds_the_text(corpus_tei):
    document = check_json(get_exporter("json").export(read_tei(corpus_tei)))
    assert document["text"] == text_of(read_tei(corpus_tei).tree)
    assert document["metadata"]["date"] == "1923-10-08"


# -- csv, dc, cmif -------------------------------------------------------------------------------------

def test_csv_index_has_one_row_per_entity_with_counts_and_context():
    rows = list(csv.DictReader(io.StringIO(get_exporter("csv").export(read_tei(FIXTURE)).decode("utf-8"))))
    table = {(r["type"], r["id"] or r["preferred_name"]): r for r in rows}
    assert len(rows) == len(table) == 9
    trotsky = table[("person", "trotsky")]
    assert (trotsky["preferred_name"], trotsky["mentions"], trotsky["first_mention"]) == ("Leon Trotsky", "3",
                                                                                           "L.D. Trotsky")
    assert "L.D. Trotsky wrote from Moscow" in trotsky["context"]
    assert table[("person", "Bukharin")]["id"] == ""
    assert table[("event", "congress-rcp-12")]["mentions"] == "2"
    assert table[("place", "moscow")]["mentions"] == "2"


DC_ELEMENTS = {"title", "creator", "subject", "description", "publisher", "contributor", "date", "type", "format",
               "identifier", "source", "language", "relation", "coverage", "rights"}


def check_oai_dc(data: bytes) -> etree._Element:
    """What oai_dc.xsd requires: an oai_dc:dc root holding only the 15 DC elements, as text."""
    root = etree.fromstring(data)
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
    for child in root:
        assert child.tag.startswith(DC) and etree.QName(child).localname in DC_ELEMENTS, child.tag
        assert len(child) == 0 and child.text and child.text.strip()
    assert root.find(f"{DC}title") is not None
    return root


def test_dublin_core_record(corpus_tei):
    root = check_oai_dc(get_exporter("dc").export(read_tei(corpus_tei)))
    values = {}
    for child in root:
        values.setdefault(etree.QName(child).localname, []).append(child.text)
    assert values["title"][0].startswith("October 8, 1923 Letter from Leon Trotsky")
    assert values["creator"] == ["Leon Trotsky"]
    assert values["date"] == ["1923-10-08"] and values["language"] == ["en"] and values["type"] == ["Text"]
    assert any("delo 685" in s for s in values["source"])
    assert any("CC BY 4.0" in r for r in values["rights"])


def jing(schema_path: Path, files: list[Path]) -> subprocess.CompletedProcess:
    pyjing = Path(sys.executable).with_name("pyjing")
    return subprocess.run([str(pyjing), str(schema_path), *map(str, files)], capture_output=True, text=True)


def test_cmif_is_valid_tei_with_authority_uris(tmp_path, corpus_tei, tei_all):
    files = []
    for source in (corpus_tei, FIXTURE):
        path = tmp_path / f"{source.stem}.cmif.xml"
        path.write_bytes(get_exporter("cmif").export(read_tei(source)))
        files.append(path)
    result = jing(tei_all, files)
    assert result.returncode == 0, result.stdout + result.stderr
    root = etree.parse(str(files[1])).getroot()
    sent = root.find(f".//{TEI}correspAction[@type='sent']")
    assert sent.find(f"{TEI}persName").get("ref") == "https://www.wikidata.org/entity/Q33391"
    assert sent.find(f"{TEI}placeName").get("ref") == "https://www.geonames.org/524901"
    assert sent.find(f"{TEI}date").get("when") == "1923-10-08"
    assert root.find(f".//{TEI}correspDesc").get("ref") == "https://example.org/letters/1"


def test_cmif_refuses_a_document_that_is_not_a_letter():
    doc = parse_tei(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>x</p></body></text></TEI>")
    with pytest.raises(NotApplicable):
        get_exporter("cmif").export(doc)


# -- bagit ------------------------------------------------------------------------------------------

def unpack(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    (bag_dir,) = list(folder.iterdir())
    return bag_dir


def test_bag_is_valid_and_holds_tei_schemas_and_exports(tmp_path, corpus_tei, tei_all, root):
    source = read_tei(corpus_tei)
    bag_dir = unpack(get_exporter("bagit").export(source), tmp_path)
    bag = bagit.Bag(str(bag_dir))
    bag.validate()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    data = bag_dir / "data"
    assert (data / "tei" / corpus_tei.name).read_bytes() == corpus_tei.read_bytes()
    assert (data / "schemas" / "tei_all.rng").read_bytes() == tei_all.read_bytes()
    project_schemas = sorted(p.name for p in (root / "schemas").iterdir() if p.is_file())
    assert project_schemas and all((data / "schemas" / name).read_bytes() == (root / "schemas" / name).read_bytes()
                                   for name in project_schemas)
    # the bag is self-contained: its TEI is valid against the RELAX NG schemas it carries
    for schema_file in ("tei_all.rng", "tei-toolkit.rng"):
        result = jing(data / "schemas" / schema_file, [data / "tei" / corpus_tei.name])
        assert result.returncode == 0, result.stdout[:1000]
    exported = sorted(p.name for p in (data / "exports").iterdir())
    assert exported == sorted(e.file_name(source) for e in registry().values() if e.name != "bagit")
    assert bag.info["Bagging-Date"] == "2026-11-25"
    assert bag.info["External-Identifier"] == corpus_tei.name
    # a changed payload byte is caught by bagit's own validator
    (data / "exports" / f"{corpus_tei.stem}.txt").write_bytes(b"tampered\n")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bag_dir)).validate()


# -- every exporter over the real TEI samples ----------------------------------------------------------------

TEXT_FORMATS = {
    "txt": (lambda data: data.decode("utf-8"), lambda node: False),
    "md": (md_text, md_skip),
    "html": (html_text, lambda node: False),
    "json": (lambda data: json.loads(data)["text"], lambda node: False),
}


@pytest.mark.skipif(not SAMPLES, reason="../shared/tei-samples/real is not beside the project")
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_exporter_keeps_the_text_of_every_real_sample(sample, tmp_path):
    source = read_tei(sample)
    root = source.root
    for name, exporter in registry().items():
        try:
            data = exporter.export(source)
        except NotApplicable:
            assert name == "cmif" and root.find(f".//{TEI}correspDesc") is None, sample.name
            continue
        assert data, (name, sample.name)
        if name in TEXT_FORMATS:
            read, skip = TEXT_FORMATS[name]
            lost = missing(body_chunks(root, skip), read(data))
            assert not lost, f"{name} lost text of {sample.name}: {lost[:3]}"
            if name == "html":
                check_html_outline(data)
        elif name == "csv":
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
            document = json.loads(get_exporter("json").export(source))
            assert sum(int(r["mentions"]) for r in rows) == sum(len(e["mentions"]) for e in document["entities"])
            assert sum(int(r["mentions"]) for r in rows) == sum(
                1 for a in document["annotations"] if a["type"] == "entity")
        elif name == "dc":
            check_oai_dc(data)
        elif name == "cmif":  # validated against tei_all in test_cmif_of_every_real_letter_is_valid_tei
            assert etree.fromstring(data).find(f".//{TEI}correspDesc") is not None
        elif name == "bagit":
            bag_dir = unpack(data, tmp_path)
            bagit.Bag(str(bag_dir)).validate()
            assert (bag_dir / "data" / "tei" / sample.name).read_bytes() == sample.read_bytes()
    json_document = check_json(get_exporter("json").export(source))
    assert json_document["source"] == sample.name


@pytest.mark.skipif(not SAMPLES, reason="../shared/tei-samples/real is not beside the project")
def test_cmif_of_every_real_letter_is_valid_tei(tmp_path, tei_all):
    files = []
    for sample in SAMPLES:
        try:
            data = get_exporter("cmif").export(read_tei(sample))
        except NotApplicable:
            continue
        path = tmp_path / f"{sample.stem}.cmif.xml"
        path.write_bytes(data)
        files.append(path)
    assert len(files) >= 10
    result = jing(tei_all, files)
    assert result.returncode == 0, result.stdout[:2000]


def test_body_chunks_notices_lost_text():
    """The sample check is able to fail: a dropped word is reported."""
    root = etree.fromstring(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>alpha <hi>beta</hi> gamma</p>"
                            b"<p>delta</p></body></text></TEI>")
    assert missing(body_chunks(root), "alpha beta gamma") == ["delta"]
    assert missing(body_chunks(root), "alpha beta gamma\n\ndelta") == []


def test_mixed_content_stays_one_paragraph_in_md_and_html():
    doc = parse_tei("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><div><p>Body.</p>"
                    "<closer>Alles Glück für den Re<c>s</c>t<note>Eine Anmerkung.</note> des Jahres! "
                    "<signed>Paul</signed></closer></div></body></text></TEI>".encode())
    md = get_exporter("md").export(doc).decode("utf-8")
    assert "Alles Glück für den Rest[^1] des Jahres! Paul" in md
    assert "[^1]: Eine Anmerkung." in md
    page = lxml_html.document_fromstring(get_exporter("html").export(doc))
    closer = page.find_class("tei-closer")[0]
    assert closer.tag == "p" and " ".join(closer.text_content().split()) == "Alles Glück für den Rest1 des Jahres! Paul"


@pytest.mark.skipif(not SAMPLES, reason="../shared/tei-samples/real is not beside the project")
def test_author_identifiers_are_not_part_of_the_name():
    sample = next(p for p in SAMPLES if p.name == "gerdracor__stramm-erwachen.xml")
    root = etree.fromstring(get_exporter("dc").export(read_tei(sample)))
    assert [c.text for c in root.iter(f"{DC}creator")] == ["August Stramm"]
