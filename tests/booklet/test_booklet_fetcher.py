"""The booklet renderer reads only static/media files and data: URLs, never the network."""

import base64
import http.server
import threading
from pathlib import Path

import pytest
from django.conf import settings

from booklet.fetcher import BASE_URL, ForbiddenURL, SafeURLFetcher, resolve_path
from booklet.render import html_to_pdf
from tests.booklet.booklet_pdf import pdf_text

SECRET = "TOP-SECRET-LOCAL-FILE-CONTENT"


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).hits += 1
        body = SECRET.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def counting_server():
    """A local HTTP server on 127.0.0.1 that counts the requests it gets."""
    _CountingHandler.hits = 0
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.css"
    path.write_text(f'body::after {{ content: "{SECRET}"; }}', encoding="utf-8")
    return path


def test_render_with_hostile_urls_reads_no_local_file_and_sends_no_request(
    counting_server, secret_file
):
    port = counting_server.server_address[1]
    url = f"http://127.0.0.1:{port}"
    html = f"""<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>t</title>
      <style>@import url("{secret_file.as_uri()}"); @import "{url}/style.css";</style>
      <link rel="stylesheet" href="{url}/linked.css">
      <link rel="stylesheet" href="{secret_file.as_uri()}">
      </head><body>
      <p>Visible paragraph</p>
      <img src="file:///etc/passwd" alt="passwd">
      <img src="{url}/pixel.png" alt="pixel">
      <img src="/static/../../../../etc/passwd" alt="escape">
      <object data="file:///etc/passwd"></object>
      <embed src="file:///etc/hostname">
      <iframe src="{url}/frame"></iframe>
      <div class="bg" style="background: url('{url}/bg.png')">x</div>
      <div style="background: url('file:///etc/passwd')">y</div>
      <a href="{url}/link">a link is not fetched</a>
      </body></html>"""
    text = pdf_text(html_to_pdf(html))
    assert "Visible paragraph" in text
    assert SECRET not in text
    assert "root:" not in text
    assert _CountingHandler.hits == 0


def test_fetcher_refuses_files_outside_the_roots(secret_file):
    fetcher = SafeURLFetcher()
    for url in (
        "file:///etc/passwd",
        secret_file.as_uri(),
        f"{BASE_URL}static/../../../../etc/passwd",
        f"{BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
        f"{BASE_URL}media/../settings.py",
        f"{BASE_URL}otwarte/settings.py",
        "file://otherhost/etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.png",
        "ftp://127.0.0.1/x",
    ):
        with pytest.raises(ForbiddenURL):
            fetcher.fetch(url)


def test_fetcher_refuses_symlink_out_of_the_static_root(tmp_path, settings, secret_file):
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STATIC_ROOT.mkdir()
    (settings.STATIC_ROOT / "evil.css").symlink_to(secret_file)
    with pytest.raises(ForbiddenURL):
        resolve_path(f"{BASE_URL}static/evil.css")


def test_fetcher_reads_static_files_media_and_data_urls(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "logos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "logos" / "a.txt").write_text("logo")
    fetcher = SafeURLFetcher()

    css = fetcher.fetch(f"{BASE_URL}static/css/booklet.css")
    assert b"@font-face" in css.read()
    assert css.content_type == "text/css"
    assert fetcher.fetch(f"{BASE_URL}media/logos/a.txt").read() == b"logo"
    font = Path(settings.BASE_DIR) / "static" / "fonts" / "NotoSerif-Regular.ttf"
    assert fetcher.fetch(font.as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    encoded = base64.b64encode(b"hello").decode()
    assert fetcher.fetch(f"data:text/plain;base64,{encoded}").read() == b"hello"
    assert fetcher.fetch("data:text/plain,hi%20there").read() == b"hi there"


def test_fetcher_never_opens_urls_through_urllib():
    with pytest.raises(ForbiddenURL):
        SafeURLFetcher().open("http://127.0.0.1:9/")


def test_static_root_setting_is_inside_the_allowed_roots():
    from booklet.fetcher import allowed_roots

    assert Path(settings.STATIC_ROOT).resolve() in allowed_roots()
    assert Path(settings.MEDIA_ROOT).resolve() in allowed_roots()
