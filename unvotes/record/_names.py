"""Normalising state names and mapping source spellings to ISO3.

Every raw source spells Member States its own way (DGACM's upper-case lists,
the R package's ``countrycode`` names, press lists...). The build and the
readers map a spelling to an ISO 3166-1 alpha-3 code in two steps:

1. :func:`normalize_name` folds case, accents, apostrophes and whitespace;
2. the name is looked up among the UN names of ``members.csv`` and the alias
   table ``state_aliases.csv`` (one row per spelling, with an optional date
   range for names whose seat changed hands, such as "Russia" for the Soviet
   seat before 1991-12-24, and the source of the spelling). On a date where a
   dated alias is valid it wins over an undated name ("Yemen" is the Yemen Arab
   Republic before 1990-05-22 and the UN name of Yemen after).

An unknown name is an error, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..errors import UnknownStateError, close_matches

__all__ = ["normalize_name", "NameIndex", "name_index"]

_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u0060\u00b4"), "'")


def normalize_name(name: str) -> str:
    """Fold a state name for matching.

    NFKD with accents stripped (so TÜRKİYE, TÜRKIYE and the mojibake TÜRKÝYE
    all become TURKIYE), one apostrophe form, "&" as "AND", collapsed
    whitespace, upper case.

    Examples
    --------
    >>> normalize_name("Côte d\u2019Ivoire")
    "COTE D'IVOIRE"
    >>> normalize_name("  TÜRKİYE ")
    'TURKIYE'
    >>> normalize_name("St. Kitts & Nevis")
    'ST. KITTS AND NEVIS'
    """
    s = unicodedata.normalize("NFKD", str(name)).translate(_APOSTROPHES)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("&", " AND ")
    s = re.sub(r"\s+", " ", s).strip().upper()
    # mojibake seen in DGACM 79.json: TÜRKÝYE (Y with acute for dotted I)
    s = s.replace("TURKYYE", "TURKIYE")
    return s


@dataclass(frozen=True)
class _Alias:
    iso3: str
    valid_from: pd.Timestamp | None
    valid_to: pd.Timestamp | None  # exclusive


class NameIndex:
    """Map normalised names to ISO3, with optional validity dates.

    Parameters
    ----------
    members : pandas.DataFrame
        The membership table (columns ``iso3``, ``un_name``).
    aliases : pandas.DataFrame
        The alias table (columns ``name``, ``iso3``, ``valid_from``,
        ``valid_to``; empty strings for open dates).
    """

    def __init__(self, members: pd.DataFrame, aliases: pd.DataFrame):
        table: dict[str, list[_Alias]] = {}
        codes = set(members["iso3"])
        for iso3, name in zip(members["iso3"], members["un_name"]):
            table.setdefault(normalize_name(name), []).append(_Alias(iso3, None, None))
        for row in aliases.itertuples(index=False):
            vf = pd.Timestamp(row.valid_from) if row.valid_from else None
            vt = pd.Timestamp(row.valid_to) if row.valid_to else None
            table.setdefault(normalize_name(row.name), []).append(_Alias(row.iso3, vf, vt))
        for iso3 in codes:
            table.setdefault(iso3, []).append(_Alias(iso3, None, None))
        self._table = table
        self.codes = codes

    def names(self) -> list[str]:
        """All known normalised spellings."""
        return sorted(self._table)

    def lookup(self, name: str, date=None) -> str:
        """Return the ISO3 of `name` (on `date` for date-ranged aliases).

        Raises
        ------
        UnknownStateError
            If the name is unknown, or no alias of it is valid on `date`.
        """
        key = normalize_name(name)
        entries = self._table.get(key)
        if not entries:
            raise UnknownStateError(
                f"unknown state name {name!r}; close names: {close_matches(key, self._table)}",
                key=name,
                suggestions=close_matches(key, self._table),
            )
        if date is None:
            isos = {e.iso3 for e in entries}
            if len(isos) == 1:
                return isos.pop()
            raise UnknownStateError(
                f"state name {name!r} stands for {sorted(isos)} at different dates; give a date",
                key=name,
                suggestions=sorted(isos),
            )
        d = pd.Timestamp(date)
        valid = [e for e in entries
                 if (e.valid_from is None or d >= e.valid_from) and (e.valid_to is None or d < e.valid_to)]
        # a dated alias is more specific than an undated name: "Yemen" before 1990-05-22 is the
        # Yemen Arab Republic's seat (dated alias) although "Yemen" is also the UN name of YEM
        dated = [e for e in valid if e.valid_from is not None or e.valid_to is not None]
        hits = {e.iso3 for e in (dated or valid)}
        if len(hits) != 1:
            raise UnknownStateError(
                f"state name {name!r} on {d.date()} matches {sorted(hits) or 'no seat'}; "
                f"aliases: {[(e.iso3, e.valid_from, e.valid_to) for e in entries]}",
                key=name,
                suggestions=sorted({e.iso3 for e in entries}),
            )
        return hits.pop()


@lru_cache(maxsize=1)
def name_index() -> NameIndex:
    """The name index built from the compiled membership and alias tables."""
    from ._resources import read_table

    return NameIndex(read_table("states"), read_table("state_aliases"))
