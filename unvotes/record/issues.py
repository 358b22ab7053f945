"""Voeten's six issue codes for every roll call: a transparent keyword rule.

Voeten's UN General Assembly data code six issues (Voeten 2013; the R package
``unvotes`` 0.3.0, table ``un_roll_call_issues``), assigned by keyword searches
over the description of each roll call with a light manual check:

====  =============================================
code  issue
====  =============================================
me    Palestinian conflict
nu    nuclear weapons and nuclear material
di    arms control and disarmament
hr    human rights
co    colonialism
ec    economic development
====  =============================================

The codes are not exclusive: a roll call may carry several of them, or none.
Voeten's coding stops in December 2019. This module assigns the same six codes
to any roll call from its official texts, with a rule made only of the
case-insensitive regular expressions listed below, so that a reader can check
every decision by hand:

1. :data:`TITLE_PATTERNS`, searched in the resolution **title** and in the
   **sub-item** of the agenda item name, when it has one (the text after its
   last ``": "``, e.g. ``"nuclear disarmament"`` in ``"General and complete
   disarmament: nuclear disarmament"``; the parent item names are too broad,
   e.g. "... in the economic, social and related fields");
2. :data:`TITLE_EXCLUSIONS`, phrases removed from the text before a code's
   patterns are searched (e.g. ``nuclear-weapon-free`` does not count as a
   "weapon" for ``di``, as in Voeten's coding of the nuclear-weapon-free zone
   resolutions);
3. :data:`AGENDA_PATTERNS`, searched in the **whole agenda item name** (the
   standing agenda items of the Assembly whose every resolution Voeten coded
   the same way, e.g. *Question of Palestine*);
4. :data:`SUBJECT_TERMS`, UNBIS thesaurus subject headings that set a code
   when a resolution is indexed with them (exact match, case-insensitive).

A code is set when any of these matches. The rule was written on Voeten's
labels of the roll calls dated 2000-2009 (official titles from the UN Digital
Library) and validated on those dated 2010-2019; ``docs/issues.md`` gives the
measured precision and recall per code (and discloses the one fix made after
the validation) and ``benchmarks/validate_issue_rule.py`` recomputes them.

:func:`classify` applies the rule to any texts; :func:`fill_issue_codes` is
the step of the build that keeps Voeten's codes where they exist and fills the
other roll calls from the rule, recording the provenance of each row in
``issue_source``.

References
----------
Voeten, E. (2013). Data and analyses of voting in the UN General Assembly. In
B. Reinalda (ed.), *Routledge Handbook of International Organization*.
Data: Harvard Dataverse hdl:1902.1/12379 (doi:10.7910/DVN/LEJUQZ), as
packaged in the R package ``unvotes`` 0.3.0 (Robinson 2021).

UN Dag Hammarskjöld Library, UNBIS Thesaurus (subject headings of the UN
Digital Library and of the DGACM resolution files).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

__all__ = [
    "ISSUE_CODES",
    "ISSUE_LABELS",
    "TITLE_PATTERNS",
    "TITLE_EXCLUSIONS",
    "AGENDA_PATTERNS",
    "SUBJECT_TERMS",
    "classify",
    "fill_issue_codes",
]

#: The six codes, in Voeten's order.
ISSUE_CODES: tuple[str, ...] = ("me", "nu", "di", "hr", "co", "ec")

#: Voeten's labels of the six codes (``issue`` column of ``un_roll_call_issues``).
ISSUE_LABELS: dict[str, str] = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}

#: Keyword patterns searched (case-insensitive) in the title and in the most
#: specific part of the agenda item name. One match sets the code.
TITLE_PATTERNS: dict[str, tuple[str, ...]] = {
    "me": (
        r"palestin",  # Palestine, Palestinian(s)
        r"israel",  # Israel, Israeli practices, Israeli settlements
        r"jerusalem",
        r"golan",
        r"near east",  # UNRWA: Relief and Works Agency ... in the Near East
        r"\bunrwa\b",
        r"\blebanon\b",  # UNIFIL, the Israeli operations in Lebanon
        # "... and other Arabs of the occupied territories", "... the Arab population in the
        # occupied Syrian Golan"; not "Syrian Arab Republic" or "League of Arab States"
        r"other arabs",
        r"arab population",
        r"\bgaza\b",
        r"west bank",
    ),
    "nu": (
        r"nuclear",
    ),
    "di": (
        r"disarm",
        r"\barms\b",
        r"armament",
        r"weapon",
        r"missile",
        r"\bmines\b",
        r"munition",
        r"proliferat",
    ),
    "hr": (
        r"\brights\b",  # human rights, rights of the child, inalienable rights
        r"\bright (?:to|of)\b",  # right to development, right of peoples to ...
        r"racis[mt]",
        r"racial",
        r"death penalty",
        r"electoral process",  # "... in their electoral processes as an important element for ... human rights"
        r"defamation of religions",
    ),
    "co": (
        r"colonial",
        r"decoloni",
        r"non-self-governing",
        r"self-determination",
        r"territories",  # the Territories; the occupied territories
        r"western sahara",
        # the other Non-Self-Governing Territories on the UN list (Question of ...)
        r"american samoa|anguilla|bermuda|british virgin islands|cayman islands|falkland|malvinas",
        r"french polynesia|gibraltar|\bguam\b|montserrat|new caledonia|pitcairn|saint helena",
        r"tokelau|turks and caicos|united states virgin islands",
        r"applicability of the geneva convention",  # "... to the Occupied Palestinian Territory"
    ),
    "ec": (
        r"develop",  # development, developing countries (Voeten's keyword)
        r"econom",
        r"\btrade\b",
        r"embargo",
    ),
}

#: Phrases deleted from the text before the patterns of one code are searched.
TITLE_EXCLUSIONS: dict[str, tuple[str, ...]] = {
    "me": (),
    "nu": (),
    "di": (
        r"nuclear-weapon-free",  # zones: Voeten codes them nu, not di
    ),
    "hr": (),
    "co": (),
    "ec": (),
}

#: Patterns searched (case-insensitive) in the whole agenda item name.
AGENDA_PATTERNS: dict[str, tuple[str, ...]] = {
    "me": (
        r"^question of palestine",
        r"^the situation in the middle east",
        r"^united nations relief and works agency",
        r"peacekeeping forces in the middle east",
        r"israeli",  # "Illegal Israeli actions in Occupied East Jerusalem ..." (ES-10)
        r"palestin",
    ),
    "nu": (),
    "di": (),
    "hr": (
        r"^promotion and protection of human rights",
        r"^elimination of racism",
        r"^report of the human rights council",
        r"^right of peoples to self-determination",
    ),
    "co": (
        r"granting of independence to colonial countries",
        r"non-self-governing territories",
        r"^right of peoples to self-determination",
    ),
    "ec": (
        r"^macroeconomic policy questions",
        r"^eradication of poverty",
        r"^globalization and interdependence",
        r"^groups of countries in special situations",
        r"^operational activities for development",
        r"^agriculture development",
        r"^information and communications technologies for development",
    ),
}

#: UNBIS thesaurus subject headings that set a code (exact, case-insensitive).
SUBJECT_TERMS: dict[str, tuple[str, ...]] = {
    "me": (
        "PALESTINE QUESTION",
        "PALESTINIANS",
        "PALESTINE REFUGEES",
        "TERRITORIES OCCUPIED BY ISRAEL",
        "GOLAN HEIGHTS",
        "EAST JERUSALEM (STATE OF PALESTINE)",
        "UNRWA",
    ),
    "nu": (),
    "di": (),
    "hr": (),
    "co": (
        "DECOLONIZATION",
        "NON-SELF-GOVERNING TERRITORIES",
    ),
    "ec": (),
}

#: Provenance values written by :func:`fill_issue_codes` in ``issue_source``.
SOURCE_VOETEN = "voeten"
SOURCE_RULE = "rule"

# ": resolution / adopted by the General Assembly" (UNDL), also misspelt or cut
# off by the scrape ("resolultion", "resolution / adopted by the Gen[...]"),
# and a trailing "[...]" where the scrape cut a title
_UNDL_SUFFIX = re.compile(r"\s*:\s*resol[a-z]*\s*(?:/.*|\[\.\.\.\])?$|\s*\[\.\.\.\]$", re.IGNORECASE)
_CHAR_MAP = str.maketrans({
    "\u00a0": " ",  # no-break space (DGACM files from session 78 on)
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",  # dashes and non-breaking hyphen
    "\u2019": "'", "\u2018": "'",
})


def _compile(patterns: Iterable[str]) -> re.Pattern | None:
    patterns = tuple(patterns)
    if not patterns:
        return None
    # the texts are lower-cased once and every pattern is lower case, which is
    # faster than re.IGNORECASE and gives the same matches
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _as_text_series(values, name: str, index: pd.Index | None) -> pd.Series:
    """One text per roll call, as a str Series (missing -> "")."""
    if isinstance(values, (str, bytes)):
        raise TypeError(
            f"{name} must be a sequence of texts, one per roll call, not a single string "
            f"({values[:60]!r}); wrap it in a list: [{values[:30]!r}]"
        )
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be a sequence or Series of texts, not a DataFrame; pass one column")
    if not isinstance(values, pd.Series):
        try:
            values = list(values)
        except TypeError:
            raise TypeError(
                f"{name} must be a sequence of texts, one per roll call; got {type(values).__name__}"
            ) from None
        values = pd.Series(values, dtype=object)
    if index is not None and len(values) != len(index):
        raise ValueError(
            f"{name} has {len(values)} entries but titles has {len(index)}; give one entry per roll call "
            f"(None or '' where there is none)"
        )
    bad = values.map(lambda v: not (isinstance(v, str) or _is_missing(v)))
    if bad.any():
        first = values[bad].iloc[0]
        raise TypeError(
            f"{name} must hold strings (or None/NaN); position {int(np.flatnonzero(bad.to_numpy())[0])} holds "
            f"{type(first).__name__} {first!r}"
        )
    out = values.astype(object).where(~values.map(_is_missing), "").astype(str).str.translate(_CHAR_MAP)
    return out.str.replace(_UNDL_SUFFIX, "", regex=True).str.strip()


def _is_missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _subject_key(value, position: int) -> str:
    """Normalise one roll call's subjects to "|TERM1|TERM2|" (upper case)."""
    if _is_missing(value):
        return "|"
    if isinstance(value, str):
        terms = re.split(r"[;|\n]", value)
    else:
        try:
            items = list(value)
        except TypeError:
            raise TypeError(
                f"subjects[{position}] must be a string of terms separated by ';', or a list of terms; "
                f"got {type(value).__name__} {value!r}"
            ) from None
        terms = []
        for item in items:
            if isinstance(item, str):
                terms.append(item)
            elif isinstance(item, (list, tuple)) and item and isinstance(item[0], str):
                terms.append(item[0])  # DGACM form: [term, vocabulary]
            else:
                raise TypeError(
                    f"subjects[{position}] holds {item!r}; each subject must be a term (str) or a "
                    f"[term, vocabulary] pair as in the DGACM files"
                )
    terms = [" ".join(t.translate(_CHAR_MAP).split()).upper() for t in terms]
    return "|" + "|".join(t for t in terms if t) + "|"


def _agenda_sub_item(agenda: pd.Series) -> pd.Series:
    """The sub-item of an agenda item name ("Parent: sub-item"), or "" if it has none."""
    parts = agenda.str.rsplit(": ", n=1)
    return parts.str[1].where(parts.str.len() > 1, "").fillna("")


def classify(titles: Iterable[str] | pd.Series, agenda_titles: Iterable[str] | pd.Series | None = None,
             subjects: Iterable[str] | pd.Series | None = None) -> pd.DataFrame:
    """Assign Voeten's six issue codes to roll calls from their official texts.

    Applies the keyword rule of this module (:data:`TITLE_PATTERNS`,
    :data:`TITLE_EXCLUSIONS`, :data:`AGENDA_PATTERNS`,
    :data:`SUBJECT_TERMS`). A roll call gets every code whose patterns match,
    so it may get several codes or none.

    Parameters
    ----------
    titles : sequence of str or pandas.Series, length n
        Title of the resolution voted on in each roll call (UN Digital Library
        or DGACM title). The UNDL suffix ``": resolution / adopted by the
        General Assembly"`` is ignored. ``None``/NaN counts as no text. The
        index of a Series is kept in the result.
    agenda_titles : sequence of str or pandas.Series, length n, optional
        Agenda item name of each roll call (DGACM ``agenda_item_name``, e.g.
        ``"General and complete disarmament: nuclear disarmament"``).
    subjects : sequence, length n, optional
        UNBIS subject headings of each roll call: a string of terms separated
        by ``";"`` or ``"|"``, or a list of terms, or a list of
        ``[term, vocabulary]`` pairs as in the DGACM files; ``None`` for none.

    Returns
    -------
    pandas.DataFrame
        n rows (index of `titles` if it is a Series, else 0..n-1) and the
        boolean columns ``me nu di hr co ec`` (:data:`ISSUE_CODES`).

    Raises
    ------
    TypeError
        If `titles` or `agenda_titles` is a single string or holds non-strings,
        or a subjects entry is not a string or list of terms.
    ValueError
        If `agenda_titles` or `subjects` does not have one entry per title.

    See Also
    --------
    fill_issue_codes : keep Voeten's codes and fill the other roll calls.

    Notes
    -----
    The rule was written on Voeten's labels of 2000-2009 and validated on
    2010-2019 (``docs/issues.md``; ``benchmarks/validate_issue_rule.py``).
    Voeten's own codes are keyword-based and noisy (the same title can carry
    different codes in different years), which bounds the agreement any
    title rule can reach.

    References
    ----------
    Voeten, E. (2013). Data and analyses of voting in the UN General Assembly.
    In B. Reinalda (ed.), *Routledge Handbook of International Organization*;
    issue codes from Harvard Dataverse hdl:1902.1/12379 (R package
    ``unvotes`` 0.3.0, ``un_roll_call_issues``).

    Examples
    --------
    Titles of A/RES/ES-11/1 (2022), A/RES/77/247 (2022) and A/RES/78/35 (2023),
    as in the DGACM files:

    >>> from unvotes.issues import classify
    >>> classify([
    ...     "Aggression against Ukraine",
    ...     "Israeli practices affecting the human rights of the Palestinian "
    ...     "people in the Occupied Palestinian Territory, including East Jerusalem",
    ...     "Treaty on the Prohibition of Nuclear Weapons",
    ... ])  # doctest: +NORMALIZE_WHITESPACE
          me     nu     di     hr     co     ec
    0  False  False  False  False  False  False
    1   True  False  False   True  False  False
    2  False   True   True  False  False  False

    The agenda item and the UNBIS subjects add codes where the title is
    silent (A/RES/80/124, 2025, and A/RES/74/84, 2019):

    >>> classify(
    ...     ["Commodities",
    ...      "Persons displaced as a result of the June 1967 and subsequent hostilities"],
    ...     agenda_titles=["Macroeconomic policy questions: commodities",
    ...                    "United Nations Relief and Works Agency for Palestine "
    ...                    "Refugees in the Near East"],
    ...     subjects=[["COMMODITIES"], ["Palestine Refugees", "Displaced Persons"]],
    ... )  # doctest: +NORMALIZE_WHITESPACE
          me     nu     di     hr     co     ec
    0  False  False  False  False  False   True
    1   True  False  False  False  False  False
    """
    index = titles.index if isinstance(titles, pd.Series) else None
    title = _as_text_series(titles, "titles", None)
    if index is None:
        index = pd.RangeIndex(len(title))
    title.index = index
    return _match_codes(title, _agenda_series(agenda_titles, index), _subject_series(subjects, index))


def _agenda_series(agenda_titles, index: pd.Index) -> pd.Series:
    """The agenda item names as a Series on `index` ("" where there is none)."""
    if agenda_titles is None:
        return pd.Series("", index=index)
    agenda = _as_text_series(
        agenda_titles.to_numpy() if isinstance(agenda_titles, pd.Series) else agenda_titles,
        "agenda_titles", index,
    )
    agenda.index = index
    return agenda


def _subject_series(subjects, index: pd.Index) -> pd.Series:
    """The UNBIS subjects of each roll call as one ``|TERM|TERM|`` key on `index`."""
    if subjects is None:
        return pd.Series("|", index=index)
    if isinstance(subjects, (str, bytes)):
        raise TypeError(
            "subjects must hold one entry per roll call (a list of terms or a ';'-separated string), "
            f"not a single string {subjects[:60]!r}"
        )
    subj_list = list(subjects.to_numpy() if isinstance(subjects, pd.Series) else subjects)
    if len(subj_list) != len(index):
        raise ValueError(
            f"subjects has {len(subj_list)} entries but titles has {len(index)}; give one entry per "
            "roll call (None where there is none)"
        )
    return pd.Series([_subject_key(v, i) for i, v in enumerate(subj_list)], index=index, dtype=object)


def _match_codes(title: pd.Series, agenda: pd.Series, subj: pd.Series) -> pd.DataFrame:
    """Apply the keyword rule to aligned title, agenda and subject Series (one boolean column per code)."""
    agenda = agenda.str.lower()
    specific = (title + " \n " + _agenda_sub_item(agenda)).str.lower()
    out = {}
    for code in ISSUE_CODES:
        text = specific
        excl = _compile(TITLE_EXCLUSIONS[code])
        if excl is not None:
            text = text.str.replace(excl, " ", regex=True)
        hit = np.array(text.str.contains(_compile(TITLE_PATTERNS[code]), regex=True), dtype=bool)
        agenda_re = _compile(AGENDA_PATTERNS[code])
        if agenda_re is not None:
            hit |= agenda.str.contains(agenda_re, regex=True).to_numpy(bool)
        if SUBJECT_TERMS[code]:
            terms = "|".join(re.escape(t.upper()) for t in SUBJECT_TERMS[code])
            hit |= subj.str.contains(rf"\|(?:{terms})\|", regex=True).to_numpy(bool)
        out[code] = hit
    return pd.DataFrame(out, index=title.index, columns=list(ISSUE_CODES))


def _subjects_by_rcid(subjects: pd.DataFrame, rcids: pd.Series) -> list:
    """Long subjects table (rcid, subject) -> one list of terms per roll call."""
    col = "subject" if "subject" in subjects.columns else ("term" if "term" in subjects.columns else None)
    if "rcid" not in subjects.columns or col is None:
        raise ValueError(
            "subjects must be a table with columns 'rcid' and 'subject' (one row per UNBIS heading); "
            f"got columns {list(subjects.columns)}"
        )
    grouped = subjects.dropna(subset=[col]).groupby("rcid")[col].agg(list)
    return [grouped.get(r) for r in rcids]


def fill_issue_codes(roll_calls: pd.DataFrame, subjects: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keep Voeten's issue codes and fill the other roll calls with the rule.

    A roll call whose six code columns are all set (True/False) keeps them and
    gets ``issue_source = "voeten"`` (unless it already has a non-empty
    source). A roll call whose six codes are all missing gets the codes of
    :func:`classify` from its ``title``, ``agenda_title`` and subjects, and
    ``issue_source = "rule"``. A roll call with all codes missing and no
    title, agenda title or subject keeps missing codes and ``issue_source
    = ""``: there is nothing to read, and it is not silently coded "none".

    Parameters
    ----------
    roll_calls : pandas.DataFrame
        One row per roll call with columns ``rcid`` and ``title``; optional
        ``agenda_title``, ``issue_source`` and the code columns ``me nu di hr
        co ec`` (nullable boolean: NA = not coded; missing columns count as
        all NA).
    subjects : pandas.DataFrame, optional
        Long table of UNBIS subject headings with columns ``rcid`` and
        ``subject`` (one row per heading, as ``record.subjects``).

    Returns
    -------
    pandas.DataFrame
        A copy of `roll_calls` (same index and row order) whose columns ``me nu
        di hr co ec`` are of dtype ``boolean`` and ``issue_source`` is str
        (``"voeten"``, ``"rule"`` or ``""``).

    Raises
    ------
    ValueError
        If ``rcid`` or ``title`` is missing, or `subjects` lacks ``rcid`` /
        ``subject``.
    unvotes.errors.DataIntegrityError
        If a roll call has some of its six codes set and others missing
        (Voeten's codes come as a full set of six).

    See Also
    --------
    classify : the rule itself.

    References
    ----------
    Voeten, E. (2013). Data and analyses of voting in the UN General Assembly.
    In B. Reinalda (ed.), *Routledge Handbook of International Organization*.

    Examples
    --------
    rcid 9131 is Voeten's roll call on A/RES/74/167 (2019-12-18; code hr in
    ``un_roll_call_issues``); the other row is A/RES/ES-11/1 (2022), which
    Voeten's data do not cover:

    >>> import pandas as pd
    >>> from unvotes.issues import fill_issue_codes
    >>> na = pd.NA
    >>> rc = pd.DataFrame({
    ...     "rcid": [9131, 9500],
    ...     "title": ["Situation of human rights in the Islamic Republic of Iran",
    ...               "Aggression against Ukraine"],
    ...     "me": pd.array([False, na], dtype="boolean"),
    ...     "nu": pd.array([False, na], dtype="boolean"),
    ...     "di": pd.array([False, na], dtype="boolean"),
    ...     "hr": pd.array([True, na], dtype="boolean"),
    ...     "co": pd.array([False, na], dtype="boolean"),
    ...     "ec": pd.array([False, na], dtype="boolean")})
    >>> fill_issue_codes(rc)[["rcid", "me", "hr", "issue_source"]]
    ... # doctest: +NORMALIZE_WHITESPACE
       rcid     me     hr issue_source
    0  9131  False   True       voeten
    1  9500  False  False         rule
    """
    out, na = _coded_copy(roll_calls)
    coded = ~na.any(axis=1)
    todo = np.flatnonzero(~coded)
    source = (out["issue_source"].fillna("").astype(str).to_numpy(dtype=object) if "issue_source" in out.columns
              else np.full(len(out), "", dtype=object))
    source[coded & (source == "")] = SOURCE_VOETEN
    if len(todo):
        _fill_by_rule(out, todo, source, subjects)
    out["issue_source"] = pd.Series(source, index=out.index).astype(str)
    return out


def _coded_copy(roll_calls) -> tuple[pd.DataFrame, np.ndarray]:
    """Validate `roll_calls`; return a copy with boolean code columns and its (n, 6) missing-code mask."""
    from unvotes.errors import DataIntegrityError

    if not isinstance(roll_calls, pd.DataFrame):
        raise TypeError(f"roll_calls must be a pandas DataFrame, got {type(roll_calls).__name__}")
    missing = [c for c in ("rcid", "title") if c not in roll_calls.columns]
    if missing:
        raise ValueError(
            f"roll_calls lacks the column(s) {missing}; it needs 'rcid' and 'title' "
            "(and optionally 'agenda_title' and the code columns me nu di hr co ec)"
        )
    out = roll_calls.copy()
    for c in ISSUE_CODES:
        out[c] = out[c].astype("boolean") if c in out.columns else pd.array([pd.NA] * len(out), dtype="boolean")
    na = np.column_stack([out[c].isna().to_numpy() for c in ISSUE_CODES]).reshape(len(out), len(ISSUE_CODES))
    partial = na.any(axis=1) & ~na.all(axis=1)
    if partial.any():
        bad = out.loc[partial, "rcid"].tolist()
        raise DataIntegrityError(
            f"roll calls {bad[:10]} have some issue codes set and others missing; set all six "
            "(Voeten's codes) or none (to be filled by the rule)"
        )
    return out, na


def _fill_by_rule(out: pd.DataFrame, todo: np.ndarray, source: np.ndarray, subjects) -> None:
    """Code the uncoded rows `todo` of `out` by :func:`classify`, in place; set their `source`."""
    part = out.iloc[todo].reset_index(drop=True)
    agenda = part["agenda_title"] if "agenda_title" in part.columns else None
    subj = None
    if subjects is not None:
        if not isinstance(subjects, pd.DataFrame):
            raise TypeError(
                f"subjects must be a DataFrame with columns 'rcid' and 'subject', got {type(subjects).__name__}"
            )
        subj = _subjects_by_rcid(subjects, part["rcid"])
    codes = classify(part["title"], agenda, subj)
    has_text = np.array(part["title"].fillna("").astype(str).str.strip().ne(""), dtype=bool)
    if agenda is not None:
        has_text |= agenda.fillna("").astype(str).str.strip().ne("").to_numpy()
    if subj is not None:
        has_text |= np.array([bool(v) for v in subj], dtype=bool)
    rows = todo[has_text]
    for c in ISSUE_CODES:
        values = out[c].to_numpy(dtype=object, na_value=pd.NA)
        values[rows] = codes[c].to_numpy()[has_text]
        out[c] = pd.array(values, dtype="boolean")
    source[rows] = SOURCE_RULE
    source[todo[~has_text]] = ""
