"""Shared file handling of the readers: paths, containers (gzip, zip), HTML and empty files, text
encodings and the CSV parse, column names."""

from __future__ import annotations

import gzip
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

import pandas as pd

from .errors import CorruptFileError, EmptyFileError, HTMLFileError, ReadError

_GZIP_MAGIC = b"\x1f\x8b"


_ZIP_MAGIC = b"PK\x03\x04"


_UTF8_BOM = b"\xef\xbb\xbf"


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
    """Return the (decompressed) bytes of `path` and a label of its container."""
    raw = path.read_bytes()
    if raw.startswith(_GZIP_MAGIC):
        try:
            data = gzip.decompress(raw)
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
                data = zf.read(csvs[0])
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
    sep = "\t" if first_line.count(b"\t") > first_line.count(b",") else ","
    last_exc = None
    for enc in ("utf-8", "latin-1"):
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


def _check_choice(name, value, allowed):
    if value not in allowed:
        raise ValueError(f"`{name}` must be one of {', '.join(map(repr, allowed))}; got {value!r}")
