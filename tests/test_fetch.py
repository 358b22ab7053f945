"""fetch_undl against a local HTTP server on 127.0.0.1 (no other network).

The served file is the real 3DL scrape of the UN Digital Library's 2025 GA
votes (datasets/raw/undl-scrapes/3dl_un_votes_2025_processed.csv); its SHA-256
is the one recorded in DATA-NOTES.md (appendix), and the ES-11/7 totals
checked after the fetch are the official 93-18-65 with 17 non-voting
(DATA-NOTES.md §7, UNDL record 4076672).
"""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

import unvotes.fetch as fetch
from unvotes.fetch import ChecksumError, DownloadError, clear_data_home, fetch_undl, file_sha256, get_data_home

RAW = Path(__file__).resolve().parents[1] / "datasets" / "raw" / "undl-scrapes" / "3dl_un_votes_2025_processed.csv"
# DATA-NOTES.md, "Appendix: SHA-256 of the raw files described here"
RAW_SHA256 = "050ad8f72b8cfac2e9d0e1f763be7c7eff1f328e84e323e8557fb170d5845c94"


class _Handler(http.server.BaseHTTPRequestHandler):
    body: bytes = b""
    mode: str = "full"  # "full", "truncate", "html", "404"
    hits: list = []

    def do_GET(self):  # noqa: N802 - http.server API
        type(self).hits.append(self.path)
        if self.mode == "404":
            self.send_error(404, "Not Found")
            return
        body = self.body
        if self.mode == "html":
            body = b"<!DOCTYPE html><html><head><title>Request Rejected</title></head><body>blocked</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.mode == "truncate":
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture()
def server():
    handler = type("H", (_Handler,), {"body": RAW.read_bytes(), "mode": "full", "hits": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd, handler, f"http://127.0.0.1:{httpd.server_address[1]}/files/undl_2025.csv"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _cache_files(home: Path) -> list[str]:
    # the bookkeeping files of unvotes (.unvotes-data-home, .unvotes-files) are not cached data
    return sorted(p.name for p in home.iterdir() if not p.name.startswith(".unvotes-"))


def test_raw_file_checksum_is_the_published_one():
    assert file_sha256(RAW) == RAW_SHA256


def test_fetch_match_caches_and_reads(server, tmp_path, capsys):
    _, handler, url = server
    home = tmp_path / "cache"
    record, report = fetch_undl(url, RAW_SHA256, data_home=home)
    assert _cache_files(home) == ["undl_2025.csv"]
    assert file_sha256(home / "undl_2025.csv") == RAW_SHA256
    assert "downloading" in capsys.readouterr().err  # progress was shown
    # official totals of A/RES/ES-11/7 (DATA-NOTES.md §7)
    es117 = record.votes[record.votes["rcid"] == 4076672]["vote"].value_counts()
    assert (es117["yes"], es117["no"], es117["abstain"], es117["absent"]) == (93, 18, 65, 17)
    assert report.roll_calls == 192  # GA rows of the scrape (DATA-NOTES.md §3.2)
    # a second call uses the cache, not the server
    fetch_undl(url, RAW_SHA256, data_home=home, progress=False)
    assert handler.hits == ["/files/undl_2025.csv"]


def test_fetch_mismatch_leaves_nothing(server, tmp_path):
    _, _, url = server
    home = tmp_path / "cache"
    wrong = "0" * 64
    with pytest.raises(ChecksumError, match=r"SHA-256 mismatch .*expected 0{64}, got " + RAW_SHA256) as exc:
        fetch_undl(url, wrong, data_home=home, progress=False)
    assert exc.value.expected == wrong and exc.value.actual == RAW_SHA256
    assert _cache_files(home) == []  # no partial, no unverified file


def test_fetch_interrupted_leaves_nothing(server, tmp_path):
    _, handler, url = server
    handler.mode = "truncate"
    home = tmp_path / "cache"
    size = RAW.stat().st_size
    with pytest.raises(DownloadError, match=rf"interrupted after [\d,]+ of {size:,} bytes"):
        fetch_undl(url, RAW_SHA256, data_home=home, progress=False)
    assert _cache_files(home) == []


def test_fetch_html_page_is_named(server, tmp_path):
    _, handler, url = server
    handler.mode = "html"
    with pytest.raises(ChecksumError, match="HTML page"):
        fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert _cache_files(tmp_path) == []


def test_fetch_http_error(server, tmp_path):
    _, handler, url = server
    handler.mode = "404"
    with pytest.raises(DownloadError, match="HTTP 404"):
        fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert _cache_files(tmp_path) == []


def test_corrupted_cache_is_replaced(server, tmp_path):
    _, handler, url = server
    (tmp_path / "undl_2025.csv").write_bytes(b"damaged")
    with pytest.warns(UserWarning, match="deleted"):
        fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert file_sha256(tmp_path / "undl_2025.csv") == RAW_SHA256
    assert len(handler.hits) == 1


def test_download_if_missing_false(server, tmp_path):
    _, handler, url = server
    with pytest.raises(FileNotFoundError, match="download_if_missing=False"):
        fetch_undl(url, RAW_SHA256, data_home=tmp_path, download_if_missing=False)
    assert handler.hits == []


def test_sha256_required_and_checked(tmp_path):
    with pytest.raises(TypeError, match="`sha256` is required"):
        fetch_undl("http://127.0.0.1:9/x.csv", None, data_home=tmp_path)
    with pytest.raises(ValueError, match="64 hexadecimal digits, got 'abc'"):
        fetch_undl("http://127.0.0.1:9/x.csv", "abc", data_home=tmp_path)
    with pytest.raises(ValueError, match="http:// or https://"):
        fetch_undl("ftp://example.org/x.csv", RAW_SHA256, data_home=tmp_path)


def test_data_home_env_and_clear(tmp_path, monkeypatch):
    monkeypatch.setenv("UNVOTES_DATA", str(tmp_path / "from_env"))
    home = get_data_home()
    assert home == (tmp_path / "from_env").resolve() and home.is_dir()
    # the argument wins over the environment variable
    assert get_data_home(tmp_path / "arg") == (tmp_path / "arg").resolve()
    (home / "x.csv").write_text("x")
    clear_data_home()
    assert not home.exists()
    monkeypatch.delenv("UNVOTES_DATA")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(fetch.sys, "platform", "linux")
    assert get_data_home() == (tmp_path / "xdg" / "unvotes").resolve()


def test_data_home_bad_type(tmp_path):
    with pytest.raises(TypeError, match="`data_home` must be a folder path"):
        get_data_home(3)
    f = tmp_path / "file"
    f.write_text("")
    with pytest.raises(NotADirectoryError, match="is a file"):
        get_data_home(f)


def test_clear_data_home_refuses_a_folder_unvotes_did_not_make(tmp_path, monkeypatch):
    general = tmp_path / "documents"
    general.mkdir()
    (general / "thesis.docx").write_text("years of work")
    with pytest.raises(ValueError, match=r"refusing to delete '.*documents': it is not a cache folder made by unvotes"):
        clear_data_home(general)
    monkeypatch.setenv("UNVOTES_DATA", str(general))
    assert get_data_home() == general.resolve()  # used, but not marked as unvotes's own
    with pytest.raises(ValueError, match=r"refusing to delete"):
        clear_data_home()
    assert (general / "thesis.docx").read_text() == "years of work"


def test_clear_data_home_deletes_a_folder_it_created(tmp_path):
    home = get_data_home(tmp_path / "cache")
    assert (home / ".unvotes-data-home").is_file()
    (home / "undl_2025.csv").write_text("x")
    clear_data_home(home)
    assert not home.exists()
    clear_data_home(home)  # nothing left to delete: no error


def test_clear_data_home_in_a_shared_folder_removes_only_fetched_releases(server, tmp_path):
    _, _, url = server
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "notes.txt").write_text("mine")
    fetch_undl(url, RAW_SHA256, data_home=shared, progress=False)
    assert sorted(p.name for p in shared.iterdir()) == [".unvotes-files", "notes.txt", "undl_2025.csv"]
    clear_data_home(shared)
    assert sorted(p.name for p in shared.iterdir()) == ["notes.txt"]
