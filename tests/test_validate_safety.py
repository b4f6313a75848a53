"""Hostile documents: no file or URL is read because a document asks, bombs are refused."""
from __future__ import annotations

import http.server
import threading

import pytest

from tei_toolkit.validation import Options, validate
from tei_toolkit.validation.engines.jing import without_external_dtd
from tei_toolkit.xmlsafe import XMLParseError, parse_tei

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0">{body}</TEI>'
HEADER = ("<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt>"
          "<p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>")


def document(doctype: str, text: str) -> bytes:
    return (f"<?xml version='1.0'?>\n{doctype}\n" +
            TEI.format(body=HEADER + f"<text><body><p>{text}</p></body></text>")).encode()


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT")
    return path


def test_external_entity_reading_a_local_file_is_refused(tmp_path, secret):
    data = document(f'<!DOCTYPE TEI [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>', "&leak;")
    with pytest.raises(XMLParseError, match="external entity"):
        parse_tei(data)
    path = tmp_path / "xxe.xml"
    path.write_bytes(data)
    for engine in ("lxml", "jing"):
        report = validate([str(path)], Options(("tei_all",), engine=engine))
        assert report.exit_code == 1
        assert all("TOP-SECRET" not in p.message for p in report.problems)
        assert report.problems[0].rule == "xml"


def test_billion_laughs_is_refused(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10))
    data = document(f"<!DOCTYPE TEI [{entities}]>", "&lol9;")
    with pytest.raises(XMLParseError, match="amplification|entity"):
        parse_tei(data)
    path = tmp_path / "bomb.xml"
    path.write_bytes(data)
    assert validate([str(path)], Options(("tei_all",))).exit_code == 1


def test_the_sample_attacks_are_refused(samples):
    for name in ("sec-external-entity-reference.xml", "sec-billion-laughs-entity-expansion.xml"):
        with pytest.raises(XMLParseError):
            parse_tei(samples / "broken" / name)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        _Recorder.requests.append(self.path)
        body = b'<!ENTITY remote "FETCHED-FROM-NETWORK">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_dtd_with_a_url_is_never_fetched(tmp_path, http_server):
    cases = {
        "system.xml": document(f'<!DOCTYPE TEI SYSTEM "{http_server}/tei.dtd">', "plain"),
        "param.xml": document(f'<!DOCTYPE TEI [<!ENTITY % ext SYSTEM "{http_server}/p.dtd"> '
                              f'%ext;]>', "&remote;"),
        "entity.xml": document(f'<!DOCTYPE TEI [<!ENTITY r SYSTEM "{http_server}/e.txt">]>',
                               "&r;"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    for engine in ("lxml", "jing"):
        report = validate([str(tmp_path / name) for name in cases],
                          Options(("tei_all",), engine=engine))
        assert all("FETCHED" not in p.message for p in report.problems)
    assert _Recorder.requests == []
    # the harmless one (a DTD that is simply not loaded) is still validated
    assert not validate([str(tmp_path / "system.xml")], Options(("tei_all",))).results[0].failed()


def test_jing_gets_documents_without_their_external_dtd():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE TEI PUBLIC "-//x//y"\n "http://e.org/x.dtd">\n<TEI/>'
    cleaned = without_external_dtd(data)
    assert b"http" not in cleaned and len(cleaned) == len(data)
    assert cleaned.count(b"\n") == data.count(b"\n")


def test_deep_nesting_does_not_exhaust_memory(tmp_path):
    depth = 100_000
    data = document("", "<hi>" * depth + "x" + "</hi>" * depth)
    with pytest.raises(XMLParseError):
        parse_tei(data)


def test_huge_text_node_is_refused_without_huge_tree(tmp_path):
    data = document("", "x" * (11 * 1024 * 1024))
    with pytest.raises(XMLParseError):
        parse_tei(data)
