"""Download a UN Digital Library voting release once, into a checksummed cache.

``load_*`` functions in unvotes never touch the network; the ``fetch_*``
functions here may. A fetched file is stored under :func:`get_data_home` only
after its SHA-256 digest matches the one you pass, so the cache never holds a
partial or unverified file.

The UN Digital Library's "General Assembly Voting Data" is (c) United Nations,
released for non-commercial use with attribution
(https://digitallibrary.un.org/record/4060887); that is why it is downloaded by
the user rather than shipped inside the package.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
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
]

_ENV_VAR = "UNVOTES_DATA"
_CHUNK = 1 << 20
_PART_PREFIX = ".part-"
#: Marker file: the folder was created by unvotes (or was empty when it took
#: it), so :func:`clear_data_home` may delete the whole folder.
_MARKER = ".unvotes-data-home"
#: Names of the release files fetch_undl cached in the folder, one a line.
_MANIFEST = ".unvotes-files"


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


def get_data_home(data_home: str | os.PathLike | None = None) -> Path:
    """Return the folder where fetched releases are cached, creating it.

    The folder is, in order of precedence: the `data_home` argument, the
    ``UNVOTES_DATA`` environment variable, then a platform default
    (``$XDG_CACHE_HOME/unvotes`` or ``~/.cache/unvotes`` on Linux,
    ``~/Library/Caches/unvotes`` on macOS, ``%LOCALAPPDATA%\\unvotes\\Cache`` on
    Windows). ``~`` is expanded.

    Parameters
    ----------
    data_home : str or path-like, optional
        Folder to use instead of the default.

    Returns
    -------
    pathlib.Path
        The absolute path of the (now existing) folder. A folder that
        unvotes creates, or finds empty, gets the marker file
        ``.unvotes-data-home`` so that :func:`clear_data_home` may delete
        it; a folder that already holds other files is used as it is.

    Raises
    ------
    TypeError
        If `data_home` is not a string or path.
    NotADirectoryError
        If the path exists and is a file.

    References
    ----------
    The layout follows scikit-learn's ``get_data_home`` (``SCIKIT_LEARN_DATA``)
    and seaborn's cache, see STYLE.md rule 3.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = tempfile.mkdtemp()
    >>> home = get_data_home(pathlib.Path(tmp) / "cache")
    >>> home.is_dir(), home.name
    (True, 'cache')
    """
    path = _resolve_home(data_home)
    path.mkdir(parents=True, exist_ok=True)
    if not any(path.iterdir()):
        (path / _MARKER).write_text(
            "This folder was created by unvotes (unvotes.get_data_home) to cache fetched releases;\n"
            "unvotes.clear_data_home() deletes it with everything in it.\n",
            encoding="utf-8",
        )
    return path


def _resolve_home(data_home) -> Path:
    """Absolute path of the data home (argument, environment, default), not created."""
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


def _cached_names(home: Path) -> list[str]:
    manifest = home / _MANIFEST
    if not manifest.is_file():
        return []
    names = [n.strip() for n in manifest.read_text(encoding="utf-8").splitlines()]
    return [n for n in dict.fromkeys(names) if n and Path(n).name == n and n not in (".", "..")]


def _remember(home: Path, name: str) -> None:
    """Add a cached release file to the folder's manifest (for clear_data_home)."""
    names = _cached_names(home)
    if name not in names:
        (home / _MANIFEST).write_text("\n".join([*names, name]) + "\n", encoding="utf-8")


def _default_data_home() -> Path:
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "unvotes" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "unvotes"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "unvotes"


def clear_data_home(data_home: str | os.PathLike | None = None) -> None:
    """Delete what unvotes cached: the cache folder, or only the release files it fetched.

    A folder carrying the marker ``.unvotes-data-home`` (created by
    :func:`get_data_home`) is deleted with everything in it. In a folder
    that already held other files (e.g. ``UNVOTES_DATA`` pointing at a
    general folder), only the release files :func:`fetch_undl` cached there
    are deleted. Any other folder is left alone.

    Parameters
    ----------
    data_home : str or path-like, optional
        The cache folder; by default the one :func:`get_data_home` returns
        (argument, ``UNVOTES_DATA``, platform default). It is not created.

    Returns
    -------
    None

    Raises
    ------
    TypeError
        If `data_home` is not a string or path.
    NotADirectoryError
        If the path is a file.
    ValueError
        If the folder neither carries the marker nor holds release files
        cached by unvotes (it was not made by unvotes); the message names it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> home = get_data_home(pathlib.Path(tempfile.mkdtemp()) / "cache")
    >>> clear_data_home(home)
    >>> home.exists()
    False
    """
    path = _resolve_home(data_home)
    if not path.exists():
        return
    if (path / _MARKER).is_file():
        shutil.rmtree(path)
        return
    names = _cached_names(path)
    if not names and not (path / _MANIFEST).is_file():
        raise ValueError(
            f"refusing to delete {str(path)!r}: it is not a cache folder made by unvotes (no "
            f"{_MARKER} marker) and holds no release fetched by unvotes; delete it yourself if you mean to"
        )
    for name in names:
        (path / name).unlink(missing_ok=True)
    for part in path.glob(_PART_PREFIX + "*"):
        part.unlink(missing_ok=True)
    (path / _MANIFEST).unlink(missing_ok=True)


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


def _download(url: str, dest: Path, sha256: str, *, progress: bool, timeout: float) -> None:
    """Download `url` to `dest` through a temporary file in the same folder.

    The temporary file is renamed onto `dest` (``os.replace``, atomic on one
    file system) only when the whole body has arrived and its digest matches;
    it is deleted on every failure.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=_PART_PREFIX, dir=dest.parent)
    tmp = Path(tmp_name)
    h = hashlib.sha256()
    received = 0
    head = b""
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                req = urllib.request.Request(url, headers={"User-Agent": "unvotes (python)"})
                with urllib.request.urlopen(req, timeout=timeout) as resp:
                    length = resp.headers.get("Content-Length")
                    total = int(length) if length and length.isdigit() else None
                    while True:
                        try:
                            chunk = resp.read(_CHUNK)
                        except http.client.IncompleteRead as exc:
                            chunk = exc.partial
                            out.write(chunk)
                            h.update(chunk)
                            received += len(chunk)
                            raise DownloadError(
                                f"download of {url} was interrupted after {received:,} of "
                                f"{total:,} bytes; nothing was kept in the cache. Try again"
                                if total is not None
                                else f"download of {url} was interrupted after {received:,} bytes; "
                                "nothing was kept in the cache. Try again"
                            ) from exc
                        if not chunk:
                            break
                        if len(head) < 4096:
                            head += chunk[: 4096 - len(head)]
                        out.write(chunk)
                        h.update(chunk)
                        received += len(chunk)
                        if progress:
                            _show_progress(received, total)
                    if progress:
                        sys.stderr.write("\n")
                        sys.stderr.flush()
                    if total is not None and received < total:
                        raise DownloadError(
                            f"download of {url} was interrupted after {received:,} of {total:,} bytes; "
                            "nothing was kept in the cache. Try again"
                        )
            except urllib.error.HTTPError as exc:
                raise DownloadError(f"download of {url} failed: HTTP {exc.code} {exc.reason}") from exc
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if isinstance(exc, DownloadError):
                    raise
                raise DownloadError(
                    f"download of {url} failed after {received:,} bytes: {exc}; nothing was kept in the cache"
                ) from exc
        actual = h.hexdigest()
        if actual != sha256:
            hint = ""
            if _looks_like_html(head):
                hint = (
                    " The server sent an HTML page, not the data file (the UN Digital Library's "
                    "firewall blocks scripted downloads): download the file in a browser and read it "
                    "with unvotes.read_undl(path)."
                )
            raise ChecksumError(
                f"SHA-256 mismatch for {url}: expected {sha256}, got {actual} "
                f"({received:,} bytes); the file was not kept in the cache.{hint}",
                path=url,
                expected=sha256,
                actual=actual,
            )
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            tmp.unlink()


def _show_progress(received: int, total: int | None) -> None:
    if total:
        frac = min(received / total, 1.0)
        bar = "#" * int(frac * 30)
        msg = f"\rdownloading [{bar:<30}] {frac:6.1%} {received / 1e6:8.1f} of {total / 1e6:.1f} MB"
    else:
        msg = f"\rdownloading {received / 1e6:8.1f} MB"
    sys.stderr.write(msg)
    sys.stderr.flush()


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

    The file is cached in :func:`get_data_home` (`data_home` argument, then the
    ``UNVOTES_DATA`` environment variable, then a platform default). A cached
    file is used again only if its SHA-256 still matches `sha256`. A download
    goes to a temporary file in the cache folder and is renamed into place
    only after the whole body arrived and its digest matched, so the cache
    never holds a partial or unverified file.

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
        Show a progress line on standard error while downloading.
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
        If the server answers with an HTTP error or the download stops early
        (nothing is cached).
    FileNotFoundError
        If the file is not cached and `download_if_missing` is False.
    TypeError, ValueError
        If `sha256`, `url` or `filename` are malformed.
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
    home = get_data_home(data_home)
    dest = home / _filename_for(url, filename)
    if dest.exists():
        actual = file_sha256(dest)
        if actual == sha:
            _remember(home, dest.name)
            return read_undl(dest, **read_kwargs)
        dest.unlink()
        warnings.warn(
            f"cached file {str(dest)!r} had SHA-256 {actual}, not {sha}; it was deleted"
            + (" and will be downloaded again" if download_if_missing else ""),
            stacklevel=2,
        )
    if not download_if_missing:
        raise FileNotFoundError(
            f"{str(dest)!r} is not in the cache and download_if_missing=False; "
            "call fetch_undl(..., download_if_missing=True) to download it"
        )
    _download(url, dest, sha, progress=progress, timeout=timeout)
    _remember(home, dest.name)
    return read_undl(dest, **read_kwargs)
