"""fetch_undl against a local HTTP server on 127.0.0.1 (no other network).

The served file is the real 3DL scrape of the UN Digital Library's 2025 GA
votes (datasets/raw/undl-scrapes/3dl_un_votes_2025_processed.csv); its SHA-256
is the one recorded in DATA-NOTES.md (appendix), and the ES-11/7 totals
checked after the fetch are the official 93-18-65 with 17 non-voting
(DATA-NOTES.md §7, UNDL record 4076672).
"""

from __future__ import annotations

import http.server
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

import unvotes
import unvotes.fetch as fetch
from unvotes.fetch import (
    ChecksumError,
    DataHomeError,
    DownloadError,
    clear_data_home,
    fetch_undl,
    file_sha256,
    get_data_home,
)

RAW = Path(__file__).resolve().parents[1] / "datasets" / "raw" / "undl-scrapes" / "3dl_un_votes_2025_processed.csv"
# DATA-NOTES.md, "Appendix: SHA-256 of the raw files described here"
RAW_SHA256 = "050ad8f72b8cfac2e9d0e1f763be7c7eff1f328e84e323e8557fb170d5845c94"


class _Handler(http.server.BaseHTTPRequestHandler):
    body: bytes = b""
    mode: str = "full"  # "full", "truncate", "html", "404", "ftp", "stall"
    hits: list = []

    def do_GET(self):  # noqa: N802 - http.server API
        type(self).hits.append(self.path)
        if self.mode == "ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/undl_2025.csv")
            self.end_headers()
            return
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
        if self.mode in ("truncate", "stall"):
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            if self.mode == "stall":  # a download that never ends (until its client is killed)
                time.sleep(30)
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture()
def server():
    handler = type("H", (_Handler,), {"body": RAW.read_bytes(), "mode": "full", "hits": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd, handler, f"http://127.0.0.1:{httpd.server_address[1]}/files/undl_2025.csv"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _cache_files(named: Path) -> list[str]:
    # files in unvotes's own folder, without its bookkeeping (.unvotes-owned, .unvotes-records/)
    home = named / "unvotes"
    return sorted(p.name for p in home.iterdir() if not p.name.startswith(".unvotes-")) if home.is_dir() else []


def test_raw_file_checksum_is_the_published_one():
    assert file_sha256(RAW) == RAW_SHA256


def test_fetch_match_caches_and_reads(server, tmp_path, capsys):
    _, handler, url = server
    home = tmp_path / "cache"
    record, report = fetch_undl(url, RAW_SHA256, data_home=home)
    assert _cache_files(home) == ["undl_2025.csv"]
    assert file_sha256(home / "unvotes" / "undl_2025.csv") == RAW_SHA256
    err = capsys.readouterr().err  # where it goes, then tqdm's progress bar, full at the end
    assert f"downloading {url} into {home.resolve() / 'unvotes'}" in err and "100%" in err
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
    with pytest.raises(DownloadError, match=rf"interrupted after [\d,]+ of {size:,} bytes.*nothing was kept"):
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


def test_a_damaged_cached_file_unvotes_wrote_is_replaced(server, tmp_path):
    _, handler, url = server
    fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    cached = tmp_path / "unvotes" / "undl_2025.csv"
    cached.write_bytes(b"damaged")
    with pytest.warns(UserWarning, match=r"has SHA-256 .*not the file unvotes fetched \(it changed since\)"):
        fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert file_sha256(cached) == RAW_SHA256
    assert len(handler.hits) == 2


def test_a_users_file_of_the_same_name_is_neither_deleted_nor_adopted(server, tmp_path):
    # old: fetch_undl deleted the user's own undl_2025.csv (with a UserWarning), then listed
    # the download in its manifest, so a later clear_data_home deleted that too
    _, handler, url = server
    mine = tmp_path / "undl_2025.csv"
    mine.write_text("my own notes")
    fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert mine.read_text() == "my own notes"
    clear_data_home(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["undl_2025.csv"] and mine.read_text() == "my own notes"
    # a file of the user's inside unvotes's folder is refused, not used or replaced
    home = get_data_home(tmp_path)
    (home / "undl_2025.csv").write_text("also mine")
    with pytest.raises(DataHomeError, match=r"undl_2025.csv' was not written by unvotes .* neither uses nor replaces"):
        fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert (home / "undl_2025.csv").read_text() == "also mine"
    with pytest.warns(UserWarning, match=r"kept 1 item\(s\) .* \['undl_2025.csv'\]"):
        clear_data_home(tmp_path)
    assert (home / "undl_2025.csv").read_text() == "also mine"


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
    assert home == (tmp_path / "from_env" / "unvotes").resolve() and home.is_dir()
    # the argument wins over the environment variable
    assert get_data_home(tmp_path / "arg") == (tmp_path / "arg" / "unvotes").resolve()
    clear_data_home()
    assert not home.exists() and (tmp_path / "from_env").is_dir()  # the named folder stays
    monkeypatch.delenv("UNVOTES_DATA")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert get_data_home() == (tmp_path / "xdg" / "unvotes").resolve()  # platformdirs' Linux cache folder


def test_data_home_bad_type(tmp_path):
    with pytest.raises(TypeError, match="`data_home` must be a folder path"):
        get_data_home(3)
    f = tmp_path / "file"
    f.write_text("")
    with pytest.raises(NotADirectoryError, match="is a file"):
        get_data_home(f)


def test_clear_data_home_never_touches_a_folder_unvotes_did_not_make(tmp_path, monkeypatch):
    general = tmp_path / "documents"
    general.mkdir()
    (general / "thesis.docx").write_text("years of work")
    clear_data_home(general)  # nothing of unvotes's there: nothing to do
    monkeypatch.setenv("UNVOTES_DATA", str(general))
    assert get_data_home() == (general / "unvotes").resolve()
    clear_data_home()
    assert sorted(p.name for p in general.iterdir()) == ["thesis.docx"]
    # a folder of the user's that happens to be called unvotes is not unvotes's
    (general / "unvotes").mkdir()
    (general / "unvotes" / "draft.md").write_text("mine")
    with pytest.raises(DataHomeError, match=r"documents/unvotes' exists but was not created by unvotes"):
        get_data_home(general)
    with pytest.raises(DataHomeError, match=r"neither write into it nor delete it"):
        clear_data_home(general)
    assert (general / "unvotes" / "draft.md").read_text() == "mine"


def test_clear_data_home_removes_only_what_unvotes_wrote(server, tmp_path):
    # old: get_data_home(d) on an existing empty folder marked it as unvotes's, and
    # clear_data_home(d) then deleted the user's analysis.ipynb and notes/ with it
    _, _, url = server
    d = tmp_path / "project"
    d.mkdir()
    home = get_data_home(d)
    (d / "analysis.ipynb").write_text("{}")
    (d / "notes").mkdir()
    (d / "notes" / "a.md").write_text("mine")
    fetch_undl(url, RAW_SHA256, data_home=d, progress=False)
    assert _cache_files(d) == ["undl_2025.csv"]
    clear_data_home(home)  # the folder get_data_home returned may be passed too
    assert not home.exists()
    assert sorted(p.name for p in d.iterdir()) == ["analysis.ipynb", "notes"]
    assert (d / "notes" / "a.md").read_text() == "mine"
    clear_data_home(d)  # nothing left to delete: no error


def _fetch_one(url, sha, home):  # run in a forked child
    os._exit(0 if fetch_undl(url, sha, data_home=home, progress=False)[1].roll_calls > 0 else 1)


def test_eight_processes_fetching_into_one_cache_are_all_recorded(server, tmp_path):
    # old: all 8 succeeded but the shared manifest listed 1 of them; clear_data_home left 7
    _, handler, url = server
    handler.body = RAW.read_bytes()[:20_000].rsplit(b"\n", 1)[0] + b"\n"  # whole rows of the real scrape
    sha = __import__("hashlib").sha256(handler.body).hexdigest()
    # warm what the forked children inherit (pooch's imports, the reader's state tables), so the
    # test times the fetches, not 8 cold starts
    fetch._optional_fetch_packages()
    (tmp_path / "warm.csv").write_bytes(handler.body)
    unvotes.read_undl(tmp_path / "warm.csv")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_fetch_one, args=(url.replace(".csv", f"_{i}.csv"), sha, tmp_path)) for i in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * 8
    home = tmp_path / "unvotes"
    assert sorted(p.name for p in (home / ".unvotes-records").iterdir()) == [f"undl_2025_{i}.csv.json" for i in range(8)]
    clear_data_home(tmp_path)
    assert not home.exists()


def test_a_redirect_to_ftp_is_refused(server, tmp_path):
    _, handler, url = server
    handler.mode = "ftp"
    with pytest.raises(DownloadError, match=r"redirected to 'ftp://127.0.0.1/undl_2025.csv', which is not an http\(s\) "
                                            r"address; the redirect was refused"):
        fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert _cache_files(tmp_path) == []


def test_a_folder_in_the_cached_files_place_is_named(server, tmp_path):
    # old: IsADirectoryError from inside hashlib's read
    _, _, url = server
    (get_data_home(tmp_path) / "undl_2025.csv").mkdir()
    with pytest.raises(DataHomeError, match=r"undl_2025.csv' is a folder where unvotes would keep the file fetched from"):
        fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert (tmp_path / "unvotes" / "undl_2025.csv").is_dir()


def test_a_cache_that_cannot_be_written_is_named(server, tmp_path, monkeypatch):
    # old: a raw PermissionError. The tests run as root, whom chmod does not stop, so the
    # refusal the operating system gives a user (EACCES) is raised where unvotes writes.
    _, _, url = server
    ro = tmp_path / "readonly"
    ro.mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(ro))

    monkeypatch.setattr(fetch.tempfile, "mkdtemp", refuse)
    with pytest.raises(DataHomeError, match=r"cannot create the cache folder '.*readonly/unvotes' \(Permission denied\); "
                                            r"pass data_home= a folder you can write to"):
        fetch_undl(url, RAW_SHA256, data_home=ro, progress=False)
    monkeypatch.undo()
    get_data_home(ro)
    monkeypatch.setattr(fetch.tempfile, "mkdtemp", refuse)
    with pytest.raises(DataHomeError, match=r"cannot write into the cache folder '.*readonly/unvotes' \(Permission denied\)"):
        fetch_undl(url, RAW_SHA256, data_home=ro, progress=False)


def _fetch_forever(url, home):  # run in a forked child, killed by the test
    fetch_undl(url, RAW_SHA256, data_home=home, progress=False, timeout=60)


def test_a_part_left_by_a_killed_download_is_swept(server, tmp_path):
    _, handler, url = server
    handler.mode = "stall"
    child = multiprocessing.get_context("fork").Process(target=_fetch_forever, args=(url, tmp_path))
    child.start()
    home = tmp_path / "unvotes"
    for _ in range(200):
        parts = list(home.glob(".part-*")) if home.is_dir() else []
        if parts and any(parts[0].iterdir()):
            break
        time.sleep(0.05)
    assert parts and parts[0].name.startswith(f".part-{child.pid}-")
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    assert parts[0].exists()  # old: left behind for good
    handler.mode = "full"
    fetch_undl(url, RAW_SHA256, data_home=tmp_path, progress=False)
    assert not parts[0].exists()
    assert _cache_files(tmp_path) == ["undl_2025.csv"]


def test_fetch_without_the_optional_packages_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pooch", None)  # as if pooch were not installed
    with pytest.raises(ImportError, match=r"needs the optional packages pooch and tqdm \(pooch is missing\): "
                                          r"pip install 'unvotes\[fetch\]'"):
        fetch_undl("http://127.0.0.1:9/x.csv", RAW_SHA256, data_home=tmp_path)
