"""Shared file handling of the readers: paths, containers (gzip, zip), HTML and empty files, text
encodings and the CSV parse, column names.

Its one public name is the size limit of a decompressed file, :data:`MAX_UNCOMPRESSED_BYTES`.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

import pandas as pd

from .errors import CorruptFileError, EmptyFileError, FileTooLargeError, HTMLFileError, ReadError, UnknownSchemaError

__all__ = ["MAX_UNCOMPRESSED_BYTES"]

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"
_UTF8_BOM = b"\xef\xbb\xbf"
# R's save() formats (after gzip, which R applies by default): XDR binary, ASCII, native binary
_RDATA_MAGIC = (b"RDX2\n", b"RDX3\n", b"RDA2\n", b"RDA3\n", b"RDB2\n", b"RDB3\n")
_BZIP2_MAGIC, _XZ_MAGIC = b"BZh", b"\xfd7zXZ\x00"

#: A compressed file is read only while it expands to at most this many bytes (2 GiB): a
#: real release is far smaller (the UN Digital Library's v5 file of 947,434 rows is about
#: 260 MB as text), and a "gzip bomb" would otherwise exhaust the memory. A test may lower it.
MAX_UNCOMPRESSED_BYTES = 2 << 30
_CHUNK = 1 << 24


def _too_large(path, what: str) -> FileTooLargeError:
    return FileTooLargeError(
        f"{path}: {what} expands to more than {MAX_UNCOMPRESSED_BYTES:,} bytes "
        "(unvotes.io.files.MAX_UNCOMPRESSED_BYTES); a GA voting release is far smaller, so this is "
        "probably not a release (a decompression bomb). If it is genuine, decompress it yourself and "
        "pass the CSV, or raise the limit",
        path=path,
    )


def _read_limited(stream, path, what: str) -> bytes:
    """Read a decompressing stream to its end, refusing more than MAX_UNCOMPRESSED_BYTES."""
    out = bytearray()
    while True:
        chunk = stream.read(min(_CHUNK, MAX_UNCOMPRESSED_BYTES + 1 - len(out)))
        if not chunk:
            return out  # type: ignore[return-value]  # a bytearray (bytes-like): no second copy of a large file
        out += chunk
        if len(out) > MAX_UNCOMPRESSED_BYTES:
            raise _too_large(path, what)


def _check_path(path) -> Path:
    if isinstance(path, (pd.DataFrame, pd.Series)):
        raise TypeError(
            "`path` must be the path of a downloaded file (str or pathlib.Path), got a "
            f"{type(path).__name__}; write it to a file first or pass the file's path"
        )
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"`path` must be a file path (str or pathlib.Path), got {path!r}")
    p = Path(path).expanduser()
    if not p.exists():
        raise FileNotFoundError(f"no such file: {str(p)!r}")
    if p.is_dir():
        raise IsADirectoryError(f"{str(p)!r} is a folder; pass the path of the release file inside it")
    return p


def _read_bytes(path: Path) -> tuple[bytes, str]:
    """Return the (decompressed) bytes of `path` and a label of its container.

    A container inside a container (a zip holding a ``.csv.gz``) is opened too.
    """
    data, label = _open_container(path.read_bytes(), path)
    if data.startswith((_GZIP_MAGIC, _ZIP_MAGIC)) and label != "plain":
        inner, inner_label = _open_container(data, path)
        return inner, f"{label}+{inner_label}"
    return data, label


def _open_container(raw: bytes, path: Path) -> tuple[bytes, str]:
    if raw.startswith(_GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
                data = _read_limited(gz, path, "the gzip stream")
        except EOFError as exc:
            raise CorruptFileError(
                f"{path}: the gzip stream is truncated ({len(raw):,} compressed bytes end before the "
                "end-of-stream marker); the download was probably interrupted: download the file again",
                path=path,
            ) from exc
        except (OSError, zlib.error) as exc:
            raise CorruptFileError(
                f"{path}: damaged gzip data ({exc}); expected a complete .gz file: download it again",
                path=path,
            ) from exc
        return data, "gzip"
    if raw.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                names = [n for n in zf.namelist() if not n.endswith("/") and not n.startswith("__MACOSX")]
                csvs = [n for n in names if n.lower().endswith((".csv", ".txt"))] or names
                if len(csvs) != 1:
                    raise ReadError(
                        f"{path}: the zip archive holds {len(csvs)} candidate files {csvs!r}; "
                        "expected exactly one CSV: extract the one you want and pass its path",
                        path=path,
                    )
                with zf.open(csvs[0]) as member:
                    data = _read_limited(member, path, f"{csvs[0]!r} in the zip archive")
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise CorruptFileError(
                f"{path}: damaged or truncated zip archive ({exc}); expected a complete .zip with one "
                "CSV inside: download it again",
                path=path,
            ) from exc
        return data, f"zip:{csvs[0]}"
    return raw, "plain"


def _check_not_empty_or_html(data: bytes, path: Path) -> None:
    # look at the start only: a large file is not copied
    stripped = data[:65536].lstrip(_UTF8_BOM).strip() if len(data) > 65536 else data.lstrip(_UTF8_BOM).strip()
    if not stripped:
        raise EmptyFileError(
            f"{path}: the file is empty ({len(data)} bytes); expected a CSV with a header line and "
            "data rows: download it again",
            path=path,
            line=1,
        )
    head = stripped[:4096].lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<body" in head:
        m = re.search(rb"<title[^>]*>(.*?)</title>", stripped[:65536], re.I | re.S)
        title = m.group(1).decode("utf-8", "replace").strip() if m else ""
        raise HTMLFileError(
            f"{path}: this is an HTML page"
            + (f" (title {title!r})" if title else "")
            + ", not a CSV data file; the download probably returned an error or login page. "
            "Download the release again (in a browser for the UN Digital Library) and check that the "
            "saved file starts with a CSV header line",
            path=path,
            line=1,
        )


def _separator(first_line: bytes) -> str:
    """The field separator the header line uses: comma, tab or semicolon (European spreadsheets)."""
    counts = {sep: first_line.count(sep.encode()) for sep in (",", "\t", ";")}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > counts[","] else ","


def _utf8_or_latin1(data: bytes) -> tuple[bytes, tuple, list]:
    """Decide the text encoding: ``(data, encodings to try, notes)``.

    UTF-8 if the whole file decodes as UTF-8; Latin-1 if no line with a non-ASCII byte does
    (a Latin-1 file). A UTF-8 file with some lines that are not UTF-8 (pasted from a Latin-1
    file) has those lines decoded as Latin-1, one note per line: nothing is garbled silently.
    """
    try:
        data.decode("utf-8")
        return data, ("utf-8", "latin-1"), []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad, good_non_ascii = [], 0
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good_non_ascii += 1
        except UnicodeDecodeError:
            bad.append(i)
    if not good_non_ascii:
        return data, ("latin-1",), []
    for i in bad:
        lines[i] = lines[i].decode("latin-1").encode("utf-8")
    shown = [f"line {i + 1} is not UTF-8 and was decoded as Latin-1 (the rest of the file is UTF-8)" for i in bad]
    return b"\n".join(lines), ("utf-8",), shown


def _is_rdata(p: Path) -> bool:
    """Whether `p` is an R data file (``save()`` output, plain or gzip/bzip2/xz-compressed)."""
    import bz2
    import lzma

    with open(p, "rb") as fh:
        head = fh.read(64)
    try:
        if head.startswith(_GZIP_MAGIC):
            with gzip.open(p) as fh:
                head = fh.read(5)
        elif head.startswith(_BZIP2_MAGIC):
            with bz2.open(p) as fh:
                head = fh.read(5)
        elif head.startswith(_XZ_MAGIC):
            with lzma.open(p) as fh:
                head = fh.read(5)
    except (OSError, EOFError, lzma.LZMAError):
        return False
    return head.startswith(_RDATA_MAGIC)


def _decode_table(data: bytes, path: Path) -> tuple[pd.DataFrame, str]:
    """Parse CSV bytes into a DataFrame of strings, trying UTF-8 then Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16").encode("utf-8")
        encodings = ["utf-16"]
    else:
        encodings = []
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        bom = True
    else:
        bom = False
    nl = data.find(b"\n", 0, 1 << 20)
    first_line = data[: nl if nl >= 0 else 1 << 20]
    sep = _separator(first_line)
    notes = [f"fields are separated by {sep!r} (not commas)"] if sep == ";" else []
    data, encs, enc_notes = _utf8_or_latin1(data)
    notes += enc_notes
    last_exc = None
    for enc in encs:
        try:
            df = pd.read_csv(
                io.BytesIO(data),
                sep=sep,
                # categorical parsing hashes repeated values without making a
                # Python string per cell: about 1.5x faster on a UNDL file
                dtype="category",
                keep_default_na=False,
                na_filter=False,
                encoding=enc,
                skipinitialspace=False,
            )
        except UnicodeDecodeError as exc:
            last_exc = exc
            continue
        except pd.errors.EmptyDataError as exc:
            raise EmptyFileError(
                f"{path}: no header line found; expected a CSV with a header line and data rows",
                path=path,
                line=1,
            ) from exc
        except pd.errors.ParserError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise CorruptFileError(
                f"{path}: the CSV does not parse ({exc}); expected one header line and rows with the "
                "same number of fields (a truncated download ends in a broken row: download it again)",
                path=path,
                line=int(m.group(1)) if m else None,
            ) from exc
        label = "+".join(encodings + [enc + ("-sig" if bom else "")])
        if enc_notes:
            label += f" ({len(enc_notes)} line{'s' if len(enc_notes) > 1 else ''} latin-1)"
        df.attrs["read_notes"] = notes
        raw_cols = [str(c).replace("\ufeff", "") for c in df.columns]
        stripped = [c.strip() for c in raw_cols]
        # strip spaces around names unless that makes two columns share a name
        # (the UN_DATA scrape has both ' ALGERIA' and 'ALGERIA')
        counts = pd.Series(stripped).value_counts()
        df.columns = [s if counts[s] == 1 else r for s, r in zip(stripped, raw_cols)]
        if len(df) == 0:
            raise EmptyFileError(
                f"{path}: the file has a header line ({', '.join(map(str, df.columns[:6]))}, ...) but no "
                "data rows; expected at least one vote row",
                path=path,
                line=2,
            )
        return df, label
    raise CorruptFileError(f"{path}: cannot decode the text ({last_exc})", path=path)  # pragma: no cover


def _load_table(path) -> tuple[Path, pd.DataFrame, str, str]:
    p = _check_path(path)
    if _is_rdata(p):
        raise UnknownSchemaError(
            f"{p}: this is an R data file (.RData), not a CSV. For Voeten's UNVotes.RData use "
            "unvotes.read_voeten(path) (needs the rdata package); the UN Digital Library publishes CSV files",
            path=p,
        )
    data, container = _read_bytes(p)
    _check_not_empty_or_html(data, p)
    df, enc = _decode_table(data, p)
    return p, df, enc, container


def _colmap(df: pd.DataFrame) -> dict[str, str]:
    """Lower-cased, stripped column name -> actual column name (first wins)."""
    out: dict[str, str] = {}
    for c in df.columns:
        out.setdefault(str(c).strip().lower(), c)
    return out


def _check_date_format(date_format) -> None:
    if date_format is not None and not (isinstance(date_format, str) and "%" in date_format):
        raise TypeError(f"`date_format` must be a strftime format such as '%m/%d/%Y' or None, got {date_format!r}")


def _check_choice(name, value, allowed):
    if value not in allowed:
        raise ValueError(f"`{name}` must be one of {', '.join(map(repr, allowed))}; got {value!r}")
