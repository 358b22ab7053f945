"""Read the UN Secretariat's (DGACM) machine-readable General Assembly resolutions: :func:`read_dgacm`.

The Department for General Assembly and Conference Management publishes one JSON record per
line for each resolution adopted in a session (``74.json`` ... ``80.json``, ``ES-10.json``,
``ES-11.json``, ``S-32.json`` under ``datasets/raw/unxml``): the symbol, the adoption date, the
title and agenda item, the UNBIS subjects, and for a recorded vote the lists of Member States in
favour, against and abstaining (``MS_in_favour``, ``MS_against``, ``MS_abstaining``) with their
stated counts (``MS_in_favour_count`` ...; ``"N.A."`` where none is stated).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .files import _check_path
from .errors import CorruptFileError, EmptyFileError

__all__ = ["read_dgacm", "dgacm_count"]


def read_dgacm(path: str | os.PathLike) -> list[dict]:
    """Read DGACM JSON-lines files: one dict per record, in file and line order.

    Parameters
    ----------
    path : str or path-like
        One ``.json`` file of JSON lines (one resolution record a line), or a folder: then
        every ``*.json`` file in it, in sorted file-name order.

    Returns
    -------
    list of dict
        Each record as published (keys ``symbol``, ``resolution_number``, ``adoption_date``
        such as ``"29 October 2025"``, ``title``, ``agenda_item_name``, ``subjects``,
        ``adoption_type``, ``voting_type``, ``MS_in_favour``, ``MS_against``,
        ``MS_abstaining`` and their ``*_count`` ...), plus ``_file``: ``"<file name>:<line>"``
        (1-based line), which names the record in messages and in the record's ``source_id``.
        Blank lines are skipped; no record is dropped.

    Raises
    ------
    FileNotFoundError
        If `path` does not exist.
    EmptyFileError
        If a folder holds no ``.json`` file.
    CorruptFileError
        If a line is not a JSON object (the message names the file and the line).

    References
    ----------
    UN DGACM, "General Assembly resolutions, machine-readable" (datasets/raw/unxml/README_source.md);
    DATA-NOTES.md section 2.

    Examples
    --------
    A/RES/ES-11/1 (2 March 2022, aggression against Ukraine) was adopted 141-5-35 (UN press
    release GA/12407); the record lists the same Members:

    >>> recs = read_dgacm("datasets/raw/unxml/ES-11.json")
    >>> r = next(x for x in recs if x["symbol"] == "A/RES/ES-11/1")
    >>> r["adoption_date"], len(r["MS_in_favour"]), len(r["MS_against"]), len(r["MS_abstaining"])
    ('2 March 2022', 141, 5, 35)
    >>> r["_file"]
    'ES-11.json:1'
    >>> sorted(r["MS_against"])
    ['BELARUS', "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", 'ERITREA', 'RUSSIAN FEDERATION', 'SYRIAN ARAB REPUBLIC']
    """
    p = Path(path).expanduser()
    if p.is_dir():
        files = sorted(p.glob("*.json"))
        if not files:
            raise EmptyFileError(f"{p}: the folder holds no .json file; expected DGACM JSON-lines files "
                                 "such as 80.json", path=p)
    else:
        files = [_check_path(p)]
    recs = []
    for f in files:
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorruptFileError(f"{f}: line {i + 1} is not JSON ({exc.msg}); expected one DGACM record "
                                       "(a JSON object) per line", path=f, line=i + 1) from exc
            if not isinstance(r, dict):
                raise CorruptFileError(f"{f}: line {i + 1} is a JSON {type(r).__name__}, not a record (object)",
                                       path=f, line=i + 1)
            r["_file"] = f"{f.name}:{i + 1}"
            recs.append(r)
    return recs


def dgacm_count(value: str | int | None) -> int | None:
    """A DGACM stated count as an int; None where none is stated (empty, missing or ``"N.A."``).

    Examples
    --------
    >>> dgacm_count("93"), dgacm_count("N.A."), dgacm_count(None)
    (93, None, None)
    """
    x = (value or "").strip() if isinstance(value, str) else value
    if x in ("", None, "N.A."):
        return None
    return int(x)
