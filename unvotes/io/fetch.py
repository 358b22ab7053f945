"""Download a UN Digital Library voting release once, into a checksummed cache that unvotes owns.

``load_*`` functions in unvotes never touch the network; the ``fetch_*``
functions here may. Fetched files live in a folder that unvotes creates and
owns, ``unvotes/`` inside the folder you name (see :func:`get_data_home`), so
that a file of yours is never overwritten, adopted or deleted:

- a download goes to a staging folder ``.part-<pid>-<host>-*`` beside the
  cache and is renamed into place only after the whole body arrived and its
  SHA-256 matched; a staging folder left by a killed download is swept by the
  next fetch;
- each cached file has its own record ``.unvotes-records/<file>.json``
  (digest, size, URL, time), written atomically before the file is renamed
  into place, so concurrent fetches into one cache lose no entry;
- :func:`clear_data_home` deletes only the files so recorded (and unchanged),
  its own bookkeeping, and the folder if nothing else is left in it.

The download itself is pooch's (requests, with a tqdm progress bar); pooch and
tqdm are the optional extra ``unvotes[fetch]``.

The UN Digital Library's "General Assembly Voting Data" is (c) United Nations,
released for non-commercial use with attribution
(https://digitallibrary.un.org/record/4060887); that is why it is downloaded by
the user rather than shipped inside the package.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import time
import urllib.parse
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UnvotesError

if TYPE_CHECKING:
    from ..record.core import VotingRecord
    from .readers import ReadReport

__all__ = [
    "fetch_undl",
    "get_data_home",
    "clear_data_home",
    "file_sha256",
    "ChecksumError",
    "DownloadError",
    "DataHomeError",
]

_ENV_VAR = "UNVOTES_DATA"
_CHUNK = 1 << 20
#: The folder unvotes creates (and owns) inside the folder the user names.
_OWNED = "unvotes"
#: Marker file written into that folder when unvotes creates it; only a folder carrying it is unvotes's.
_MARKER = ".unvotes-owned"
#: One JSON record per cached file, so concurrent fetches never rewrite a shared manifest.
_RECORDS = ".unvotes-records"
#: Staging folders of downloads in progress: ``.part-<pid>-<host hash>-<random>``.
_PART_PREFIX = ".part-"
_PART_RE = re.compile(r"^\.part-(\d+)-([0-9a-f]{8})-")
#: A staging folder older than this is swept even when its process cannot be checked (other host, Windows).
_STALE_SECONDS = 24 * 3600


class ChecksumError(UnvotesError, ValueError):
    """A downloaded or cached file whose SHA-256 digest is not the expected one.

    Attributes ``path`` (or URL), ``expected`` and ``actual`` hold the details.
    """

    def __init__(self, message: str, *, path=None, expected: str = "", actual: str = ""):
        super().__init__(message)
        self.path = path
        self.expected = expected
        self.actual = actual


class DownloadError(UnvotesError, OSError):
    """A download that failed or stopped before the whole file arrived."""


class DataHomeError(UnvotesError, OSError):
    """A cache folder unvotes cannot use: not writable, not made by unvotes, or a
    folder or a file of someone else where unvotes would keep a fetched file.

    Attribute ``path`` names the folder or file.
    """

    def __init__(self, message: str, *, path=None):
        super().__init__(message)
        self.path = path


def get_data_home(data_home: str | os.PathLike | None = None) -> Path:
    """Return the folder where fetched releases are cached, creating it.

    unvotes keeps fetched files in a folder of its own, ``unvotes/``, inside the
    folder named by, in order of precedence: the `data_home` argument, the
    ``UNVOTES_DATA`` environment variable, then the platform's user cache
    folder (``platformdirs.user_cache_path()``: ``$XDG_CACHE_HOME`` or
    ``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on
    Windows). ``~`` is expanded. A folder that unvotes returned before (it
    carries the marker ``.unvotes-owned``) may be passed again as it is.

    Parameters
    ----------
    data_home : str or path-like, optional
        Folder to use instead of ``UNVOTES_DATA`` and the platform default.

    Returns
    -------
    pathlib.Path
        The absolute path of unvotes's own folder, ``<data_home>/unvotes``
        (now existing, with the marker file). Nothing else in `data_home` is
        touched.

    Raises
    ------
    TypeError
        If `data_home` is not a string or path.
    NotADirectoryError
        If the path exists and is a file.
    DataHomeError
        If ``<data_home>/unvotes`` exists but was not created by unvotes (no
        marker), or the folder cannot be created (no write permission).

    References
    ----------
    The layout follows scikit-learn's ``get_data_home`` (``SCIKIT_LEARN_DATA``)
    and seaborn's cache, see STYLE.md rule 3; the platform folder is
    platformdirs'.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> home = get_data_home(tmp / "cache")
    >>> home.is_dir(), home.relative_to(tmp).as_posix()
    (True, 'cache/unvotes')
    >>> get_data_home(home) == home  # the folder unvotes returned may be passed again
    True
    """
    named = _resolve_home(data_home)
    home = _owned_path(named)
    if (home / _MARKER).is_file():
        return home
    if home.exists():
        raise _not_ours(home)
    try:
        named.mkdir(parents=True, exist_ok=True)
        # build the folder with its marker aside, then rename it into place: atomic, so a
        # concurrent process sees either no folder or a marked one
        tmp = Path(tempfile.mkdtemp(prefix=".unvotes-new-", dir=named))
        try:
            (tmp / _MARKER).write_text(
                "This folder was created by unvotes (unvotes.get_data_home) to cache fetched releases.\n"
                "unvotes.clear_data_home() deletes the files unvotes fetched into it (listed in "
                f"{_RECORDS}/) and the folder if nothing else is left.\n", encoding="utf-8")
            os.rename(tmp, home)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)  # our own just-made folder
            if not (home / _MARKER).is_file():  # not a concurrent get_data_home that won the race
                raise
    except OSError as exc:
        if isinstance(exc, UnvotesError):
            raise
        raise DataHomeError(
            f"cannot create the cache folder {str(home)!r} ({exc.strerror or exc}); pass data_home= a folder "
            f"you can write to, or set the {_ENV_VAR} environment variable", path=home) from exc
    return home


def _not_ours(home: Path) -> DataHomeError:
    return DataHomeError(
        f"{str(home)!r} exists but was not created by unvotes (it has no {_MARKER} marker), so unvotes will "
        f"neither write into it nor delete it; pass data_home= another folder, or rename that one",
        path=home)


def _resolve_home(data_home) -> Path:
    """Absolute path of the folder the user names (argument, environment, default), not created."""
    if data_home is None:
        data_home = os.environ.get(_ENV_VAR) or _default_data_home()
    elif not isinstance(data_home, (str, os.PathLike)):
        raise TypeError(
            f"`data_home` must be a folder path (str or pathlib.Path), got {data_home!r} "
            f"of type {type(data_home).__name__}"
        )
    path = Path(data_home).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(f"`data_home` {str(path)!r} is a file; pass a folder path")
    return path


def _owned_path(named: Path) -> Path:
    """unvotes's folder for the named one: the named folder itself if it is unvotes's, else named/unvotes."""
    return named if (named / _MARKER).is_file() else named / _OWNED


def _default_data_home() -> Path:
    import platformdirs

    return platformdirs.user_cache_path()


def _write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder (os.replace)."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _record_path(home: Path, name: str) -> Path:
    return home / _RECORDS / f"{name}.json"


def _read_record(home: Path, name: str) -> dict | None:
    """The record of a file unvotes cached in `home`, or None if it wrote no such file."""
    try:
        rec = json.loads(_record_path(home, name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None  # an unreadable record vouches for nothing
    return rec if isinstance(rec, dict) and rec.get("file") == name else None


def _records(home: Path) -> list[dict]:
    folder = home / _RECORDS
    if not folder.is_dir():
        return []
    names = [p.name[: -len(".json")] for p in sorted(folder.glob("*.json"))]
    return [r for r in (_read_record(home, n) for n in names) if r is not None and Path(r["file"]).name == r["file"]]


def _remember(home: Path, name: str, sha256: str, size: int, url: str) -> None:
    """Record (atomically, one file per entry) that unvotes is caching `name` in `home`."""
    (home / _RECORDS).mkdir(exist_ok=True)
    rec = {"file": name, "sha256": sha256, "size": size, "url": url,
           "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "by": "unvotes.fetch_undl"}
    _write_atomic(_record_path(home, name), json.dumps(rec, indent=1) + "\n")


def _host_tag() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only checks that the process exists (POSIX)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep_parts(home: Path) -> list[Path]:
    """Delete the staging folders of downloads that can no longer finish; return them.

    A staging folder is stale when its process (same host) is gone, or, where that
    cannot be checked (another host; Windows, where os.kill would end the process),
    when it is older than a day.
    """
    swept = []
    for part in home.glob(_PART_PREFIX + "*"):
        m = _PART_RE.match(part.name)
        try:
            age = time.time() - part.stat().st_mtime
        except FileNotFoundError:
            continue  # finished meanwhile
        same_host = m is not None and m[2] == _host_tag() and not sys.platform.startswith("win")
        if (same_host and m is not None and not _pid_alive(int(m[1]))) or age > _STALE_SECONDS:
            shutil.rmtree(part, ignore_errors=True) if part.is_dir() else part.unlink(missing_ok=True)
            swept.append(part)
    return swept


def clear_data_home(data_home: str | os.PathLike | None = None) -> None:
    """Delete what unvotes fetched into its cache folder, and the folder if nothing else is left.

    Only the files :func:`fetch_undl` recorded (and that still have the size
    it recorded), the staging folders of unfinished downloads and unvotes's
    own bookkeeping are deleted. Anything else — in the folder you named, or
    put by you inside ``unvotes/`` — is left where it is (a warning lists what
    was kept inside ``unvotes/``).

    Parameters
    ----------
    data_home : str or path-like, optional
        The folder named to :func:`get_data_home` (or the folder it returned);
        by default ``UNVOTES_DATA`` or the platform default. It is not created.

    Returns
    -------
    None

    Raises
    ------
    TypeError
        If `data_home` is not a string or path.
    NotADirectoryError
        If the path is a file.
    DataHomeError
        If ``<data_home>/unvotes`` exists but was not created by unvotes (no
        ``.unvotes-owned`` marker); nothing is deleted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> mine = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (mine / "analysis.ipynb").write_text("{}")
    >>> home = get_data_home(mine)
    >>> clear_data_home(mine)
    >>> home.exists(), (mine / "analysis.ipynb").exists()
    (False, True)
    """
    home = _owned_path(_resolve_home(data_home))
    if not home.exists():
        return
    if not (home / _MARKER).is_file():
        raise _not_ours(home)
    for rec in _records(home):
        f = home / rec["file"]
        if f.is_file() and not f.is_symlink() and f.stat().st_size == rec.get("size"):
            f.unlink()
        _record_path(home, rec["file"]).unlink(missing_ok=True)
    for part in home.glob(_PART_PREFIX + "*"):
        shutil.rmtree(part, ignore_errors=True) if part.is_dir() else part.unlink(missing_ok=True)
    for tmp in home.glob(".tmp-*"):
        tmp.unlink(missing_ok=True)
    for folder in (home / _RECORDS,):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    left = sorted(p.name for p in home.iterdir() if p.name != _MARKER)
    if left:
        warnings.warn(f"clear_data_home kept {len(left)} item(s) in {str(home)!r} that unvotes did not "
                      f"write (or that changed since): {left[:10]}", stacklevel=2)
        return
    (home / _MARKER).unlink()
    home.rmdir()


def file_sha256(path: str | os.PathLike) -> str:
    """Return the SHA-256 digest of a file as 64 lowercase hex digits.

    Use it to pin a release you downloaded in a browser, then pass the digest
    to :func:`fetch_undl` (or record it next to your analysis).

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    str
        The hex digest.

    References
    ----------
    FIPS 180-4, Secure Hash Standard (SHA-256).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "empty"
    >>> _ = p.write_bytes(b"")
    >>> file_sha256(p)  # the SHA-256 of zero bytes (FIPS 180-4 test value)
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def _check_sha256(sha256) -> str:
    if sha256 is None:
        raise TypeError(
            "`sha256` is required: fetch_undl keeps only files whose SHA-256 you pinned. "
            "Download the release once in a browser from https://digitallibrary.un.org/record/4060887, "
            "compute its digest with unvotes.fetch.file_sha256(path), and pass it as sha256='...' "
            "(or read the downloaded file directly with unvotes.read_undl(path))"
        )
    if not isinstance(sha256, str) or not re.fullmatch(r"[0-9a-fA-F]{64}", sha256.strip()):
        raise ValueError(f"`sha256` must be 64 hexadecimal digits, got {sha256!r}")
    return sha256.strip().lower()


def _filename_for(url: str, filename: str | None) -> str:
    if filename is not None:
        if not isinstance(filename, str) or not filename or Path(filename).name != filename:
            raise ValueError(f"`filename` must be a plain file name without folders, got {filename!r}")
        return filename
    name = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).name
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    if not name:
        raise ValueError(f"cannot take a file name from the URL {url!r}; pass filename='undl_votes.csv'")
    return name


def _looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<!doctype html") or text.startswith(b"<html") or b"<html" in text[:2048]


def _optional_fetch_packages():
    try:
        import pooch
        import requests  # pooch's HTTP client
        import tqdm  # noqa: F401  (pooch's progress bar)
    except ImportError as exc:
        raise ImportError(
            f"fetch_undl needs the optional packages pooch and tqdm ({exc.name} is missing): "
            "pip install 'unvotes[fetch]'; or download the release in a browser and read it with "
            "unvotes.read_undl(path)") from exc
    return pooch, requests


def _download(url: str, dest: Path, sha256: str, *, progress: bool, timeout: float) -> Path:
    """Download `url` into a staging folder beside `dest` and check its digest; return the staged file.

    The caller renames the staged file onto `dest`. On every failure the staging
    folder is deleted, so nothing partial or unverified stays in the cache.
    """
    pooch, requests = _optional_fetch_packages()
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{_PART_PREFIX}{os.getpid()}-{_host_tag()}-", dir=dest.parent))
    except OSError as exc:
        raise DataHomeError(
            f"cannot write into the cache folder {str(dest.parent)!r} ({exc.strerror or exc}); pass "
            f"data_home= a folder you can write to, or set the {_ENV_VAR} environment variable",
            path=dest.parent) from exc
    part = staging / dest.name
    seen: dict = {}

    def check_response(resp, *args, **kwargs):  # requests calls it for every response, redirects too
        seen.setdefault("length", resp.headers.get("Content-Length"))
        if resp.is_redirect:
            target = urllib.parse.urljoin(resp.url, resp.headers.get("Location", ""))
            if urllib.parse.urlparse(target).scheme not in ("http", "https"):
                raise DownloadError(f"download of {url} was redirected to {target!r}, which is not an http(s) "
                                    "address; the redirect was refused and nothing was kept in the cache")
            seen.pop("length", None)

    if progress:
        print(f"downloading {url} into {dest.parent}", file=sys.stderr)
    downloader = pooch.HTTPDownloader(progressbar=bool(progress), timeout=timeout,
                                      headers={"User-Agent": "unvotes (python)"}, hooks={"response": check_response})
    try:
        try:
            downloader(url, str(part), None)
        except requests.HTTPError as exc:
            r = exc.response
            raise DownloadError(f"download of {url} failed: HTTP {r.status_code} {r.reason}") from exc
        except (requests.exceptions.ChunkedEncodingError, requests.ConnectionError, requests.Timeout) as exc:
            got = part.stat().st_size if part.exists() else 0
            total = seen.get("length")
            of = f" of {int(total):,}" if total and str(total).isdigit() else ""
            raise DownloadError(f"download of {url} was interrupted after {got:,}{of} bytes ({exc}); "
                                "nothing was kept in the cache. Try again") from exc
        except requests.RequestException as exc:
            raise DownloadError(f"download of {url} failed: {exc}; nothing was kept in the cache") from exc
        _check_download(url, part, sha256)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return part


def _check_download(url: str, part: Path, sha256: str) -> None:
    actual = file_sha256(part)
    if actual == sha256:
        return
    with open(part, "rb") as fh:
        head = fh.read(4096)
    hint = ""
    if _looks_like_html(head):
        hint = (" The server sent an HTML page, not the data file (the UN Digital Library's "
                "firewall blocks scripted downloads): download the file in a browser and read it "
                "with unvotes.read_undl(path).")
    raise ChecksumError(
        f"SHA-256 mismatch for {url}: expected {sha256}, got {actual} "
        f"({part.stat().st_size:,} bytes); the file was not kept in the cache.{hint}",
        path=url, expected=sha256, actual=actual)


def _cached(home: Path, dest: Path, sha: str, url: str) -> bool:
    """True if `dest` is a file unvotes cached with digest `sha`; False if it must be (re)downloaded.

    Raises DataHomeError when something that unvotes did not write is in the file's place.
    """
    if not (dest.exists() or dest.is_symlink()):
        return False
    if dest.is_symlink() or not dest.is_file():
        raise DataHomeError(
            f"{str(dest)!r} is {'a folder' if dest.is_dir() else 'not a regular file'} where unvotes would keep "
            f"the file fetched from {url}; unvotes did not make it and leaves it alone: move it away, or pass "
            "filename= another name", path=dest)
    rec = _read_record(home, dest.name)
    if rec is None:
        raise DataHomeError(
            f"{str(dest)!r} was not written by unvotes (it has no record in {_RECORDS}/), so unvotes neither "
            "uses nor replaces it: move it away or pass filename= another name; to read a file you downloaded "
            "yourself, use unvotes.read_undl(path)", path=dest)
    try:
        actual = file_sha256(dest)
    except OSError as exc:
        raise DataHomeError(f"cannot read the cached file {str(dest)!r} ({exc.strerror or exc})", path=dest) from exc
    if actual == sha:
        return True
    why = ("it is not the file unvotes fetched (it changed since)" if actual != rec.get("sha256")
           else f"it is the release fetched on {rec.get('fetched', '?')}, not the one pinned now")
    warnings.warn(f"cached file {str(dest)!r} has SHA-256 {actual}, not {sha}: {why}; fetch_undl "
                  "does not use it and replaces it when it downloads the release again", stacklevel=3)
    return False


def fetch_undl(
    url: str,
    sha256: str,
    *,
    data_home: str | os.PathLike | None = None,
    filename: str | None = None,
    download_if_missing: bool = True,
    progress: bool = True,
    timeout: float = 60.0,
    **read_kwargs: Any,
) -> tuple[VotingRecord, ReadReport]:
    """Download a UN Digital Library GA voting release once, verify it, and read it.

    The file is cached in unvotes's own folder :func:`get_data_home` (inside
    the `data_home` argument, the ``UNVOTES_DATA`` environment variable, or the
    platform's cache folder). A cached file is used again only if unvotes
    recorded it and its SHA-256 still matches `sha256`. A download goes to a
    staging folder in the cache and is renamed into place only after the whole
    body arrived and its digest matched, so the cache never holds a partial or
    unverified file; it is recorded in a file of its own, so concurrent
    fetches into one cache are all recorded. A file that unvotes did not write
    is never used, replaced or deleted. Needs the optional packages pooch and
    tqdm (``pip install 'unvotes[fetch]'``).

    Parameters
    ----------
    url : str
        The ``http(s)://`` address of the release file (long CSV, plain, .gz or
        .zip), for example a file link on https://digitallibrary.un.org/record/4060887.
    sha256 : str
        The expected SHA-256 digest, 64 hex digits (see :func:`file_sha256`).
    data_home : str or path-like, optional
        Cache folder, overriding ``UNVOTES_DATA`` and the platform default.
    filename : str, optional
        Name of the cached file; by default the last part of the URL path.
    download_if_missing : bool, default True
        If False and the file is not cached, raise :class:`FileNotFoundError`
        instead of using the network.
    progress : bool, default True
        Show a progress bar (tqdm) on standard error while downloading.
    timeout : float, default 60.0
        Seconds to wait for the server to connect or to send more data.
    **read_kwargs
        Passed to :func:`unvotes.read_undl` (for example ``unknown_codes="reject"``).

    Returns
    -------
    record : VotingRecord
        The release as a record keyed by ISO 3166-1 alpha-3 codes.
    report : ReadReport
        Rows read, rows kept, rejected rows with their reasons, merged duplicates.

    Raises
    ------
    ChecksumError
        If the downloaded file's digest is not `sha256` (nothing is cached).
    DownloadError
        If the server answers with an HTTP error, redirects to an address that
        is not http(s) (e.g. ``ftp://``), or the download stops early (nothing
        is cached).
    DataHomeError
        If the cache folder cannot be written, or a file or folder that unvotes
        did not write stands where the fetched file would go (it is left alone).
    FileNotFoundError
        If the file is not cached and `download_if_missing` is False.
    TypeError, ValueError
        If `sha256`, `url` or `filename` are malformed.
    ImportError
        If pooch or tqdm is not installed (``pip install 'unvotes[fetch]'``).
    ReadError
        If the file is not a UNDL release unvotes can read (see :func:`unvotes.read_undl`).

    References
    ----------
    UN Dag Hammarskjöld Library, "General Assembly Voting Data",
    https://digitallibrary.un.org/record/4060887 (version 5, 2026-02-06,
    947,434 rows); (c) United Nations, non-commercial use with attribution.

    Examples
    --------
    >>> record, report = fetch_undl(  # doctest: +SKIP
    ...     "https://digitallibrary.un.org/record/4060887/files/<file name>",
    ...     sha256="<the digest you pinned>",
    ... )
    """
    from .readers import read_undl

    sha = _check_sha256(sha256)
    if not isinstance(url, str) or urllib.parse.urlparse(url).scheme not in ("http", "https"):
        raise ValueError(f"`url` must be an http:// or https:// address, got {url!r}")
    name = _filename_for(url, filename)
    home = get_data_home(data_home)
    dest = home / name
    _sweep_parts(home)
    if _cached(home, dest, sha, url):
        return read_undl(dest, **read_kwargs)
    if not download_if_missing:
        raise FileNotFoundError(
            f"{str(dest)!r} is not in the cache and download_if_missing=False; "
            "call fetch_undl(..., download_if_missing=True) to download it"
        )
    part = _download(url, dest, sha, progress=progress, timeout=timeout)
    try:
        # the record first: a process killed between the two leaves a record without a file
        # (fetched again next time), never an unrecorded file that looks like a user's
        _remember(home, name, sha, part.stat().st_size, url)
        os.replace(part, dest)
    except OSError as exc:
        raise DataHomeError(f"cannot write {str(dest)!r} into the cache ({exc.strerror or exc}); pass "
                            f"data_home= a folder you can write to", path=dest) from exc
    finally:
        shutil.rmtree(part.parent, ignore_errors=True)
    return read_undl(dest, **read_kwargs)
