"""The official record wins: Voeten's roll calls reconciled with the UN Digital Library's.

:func:`reconcile_official` is a step of the build (``datasets/build.py``). It
pairs the compiled record's roll calls with the UN Digital Library's voting
records (:func:`unvotes.match_roll_calls`), and on every pair of one of
Voeten's roll calls takes the UN's symbol, date, title, session and per-state
votes, keeping Voeten's rcid, issue codes, important-vote flag, ``unres`` and
description. UN records no roll call of the record pairs with are added
(missing votes, whatever day they fall on). Every change against Voeten's
values is a row of the corrections table, from which
``unvotes.load(edition="voeten")`` rebuilds Voeten's values exactly.

Rules (each is stated in the data card, datasets/README.md):

1. Only Voeten's roll calls dated before 2019-11-07 are replaced: from that day
   the DGACM lists (official, attribution only) hold the record and were
   cross-checked against Voeten's session-74 votes with 0 differences.
2. The UN's rows are read with the project's membership table: a state that
   held no seat on the date (South Africa 1974-11-12 to 1994-06-23, the
   FR Yugoslavia's nameplate 1992-2000 ...) keeps no row (non-member), as in
   the rest of the record. A state the UN record neither lists nor counts
   (Angola on A/RES/31/44, adopted on the day of its admission) has no row
   either: the reader fills absent rows only where the stated totals confirm
   them.
3. A UN record is added only if its symbol is a resolution's (``A/RES/``),
   its date lies in the session its symbol names, and its rows count to its
   stated totals; the others are listed as left out, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..record.core import VotingRecord
from ..record.match import match_roll_calls

__all__ = ["reconcile_official", "official_symbol", "adopted_without_vote", "VOTE_REASONS", "DGACM_FROM"]

#: From this date the DGACM lists hold the record (rule 1).
DGACM_FROM = pd.Timestamp("2019-11-07")

#: Reason classes of a changed state vote.
VOTE_REASONS = {
    "identity_swap": "the votes of two states are exchanged (neighbours in the alphabet: COG/COD, GRC/GRD ...)",
    "missing_block": "Voeten has no vote of the state on 10 or more roll calls of the calendar year the UN records",
    "missing_vote": "Voeten has no vote of the state; the UN records one",
    "vote_officially_none": "Voeten records a vote; officially the state did not vote",
    "date_admission": "the state's row depends on the date: Voeten's approximate date falls on the other side "
                      "of its admission",
    "different_vote": "both record a vote; they differ",
    "membership": "the UN record neither lists nor counts the state (no row), Voeten has a row",
}

_ROLL_CALL_FIELDS = ("symbol", "date", "title", "session", "special_session", "kind", "tally_yes", "tally_no",
                     "tally_abstain", "tally_absent", "source", "source_id", "terms")
_CAST = {"yes", "no", "abstain"}


def official_symbol(symbol: str) -> str:
    """The UN Digital Library's symbol in the record's spelling.

    Examples
    --------
    >>> official_symbol("A/RES/181(II)[A]"), official_symbol("A/RES/75/254A-C")
    ('A/RES/181(II) A', 'A/RES/75/254 A-C')
    >>> official_symbol("A/RES/41/209[III]"), official_symbol("A/RES/1514(XV)")
    ('A/RES/41/209 III', 'A/RES/1514(XV)')
    """
    s = re.sub(r"\s+", " ", str(symbol)).strip()
    m = re.fullmatch(r"(.*?)\s*\[([^\]]+)\]", s)
    if m:
        return f"{m[1]} {m[2]}"
    m = re.fullmatch(r"(A/RES/(?:ES-|S-)?\d+/\d+)\s*([A-Z]{1,2}(?:-[A-Z])?)", s)
    return f"{m[1]} {m[2]}" if m else s


def _title(t: str) -> str:
    return re.sub(r"\s*:\s*(?:resolutions?|decision) / adopted by the General Assembly.*$", "", str(t)).strip()


def _spells(states: pd.DataFrame) -> pd.DataFrame:
    """Seat spells [start, end) of members.csv, minus its absent periods."""
    rows = []
    for r in states.itertuples(index=False):
        start = pd.Timestamp(r.seat_from)
        end = pd.Timestamp(r.left) if r.left else pd.Timestamp("2262-01-01")
        cur = start
        for p in sorted(filter(None, str(r.absent_periods or "").split(";"))):
            a, b = (pd.Timestamp(x) for x in p.split("/"))
            rows.append((r.iso3, cur, a))
            cur = b
        rows.append((r.iso3, cur, end))
    return pd.DataFrame(rows, columns=["state", "start", "end"])


def _seated(pairs: pd.DataFrame, spells: pd.DataFrame) -> np.ndarray:
    """For rows (state, date): did the state hold a seat on the date?"""
    x = pairs.reset_index(drop=True).reset_index().merge(spells, on="state", how="left")
    ok = (x["date"] >= x["start"]) & (x["date"] < x["end"])
    return ok.groupby(x["index"]).any().reindex(range(len(pairs)), fill_value=False).to_numpy()


def _as_record(roll_calls: pd.DataFrame, votes: pd.DataFrame) -> VotingRecord:
    rc = roll_calls.copy()
    rc["date"] = pd.to_datetime(rc["date"])
    rc["session"] = rc["session"].astype("int64")
    return VotingRecord(rc, votes)


def _official_votes(official: VotingRecord, rcids, spells: pd.DataFrame) -> pd.DataFrame:
    """The UN's rows of `rcids`, without the rows of states that held no seat on the date (rule 2)."""
    v = official.votes[official.votes["rcid"].isin(rcids)][["rcid", "state", "vote"]].copy()
    v["state"] = v["state"].astype(str)
    v["vote"] = v["vote"].astype(str)
    dates = official.roll_calls.loc[official.roll_calls["rcid"].isin(rcids), ["rcid", "date"]]
    v = v.merge(dates, on="rcid")
    v = v[_seated(v[["state", "date"]], spells)]
    return v[["rcid", "state", "vote"]]


def _text(x) -> str:
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return ""
    if isinstance(x, pd.Timestamp):
        return x.strftime("%Y-%m-%d")
    if isinstance(x, (float, np.floating)) and float(x).is_integer():
        return str(int(x))
    return str(x)


def _new_values(off: pd.DataFrame) -> pd.DataFrame:
    """The roll-call fields the UN record gives, in the compiled table's spelling (index: UN rcid)."""
    return pd.DataFrame({
        "symbol": off["symbol"].map(official_symbol), "date": off["date"].dt.strftime("%Y-%m-%d"),
        "title": off["title"].map(_title), "session": off["session"].astype("int64"),
        "special_session": off["special_session"].fillna("").astype(str),
        "kind": np.where(off["symbol"].str.contains("PARA", regex=False), "paragraph", "resolution"),
        **{f"tally_{k}": off[f"tally_{k}"].astype("Int64") for k in ("yes", "no", "abstain", "absent")},
        "source": "undl_un_data", "source_id": "UNDL record " + off["undl_id"].astype(str), "terms": "UNDL-NC",
    }, index=off.index)


def _replace_roll_calls(rc: pd.DataFrame, new: pd.DataFrame, pairs: pd.DataFrame):
    """Roll calls of `rc` (index rcid) with the UN's fields on `pairs`, and one correction row per changed field."""
    rc = rc.copy()
    a = pairs["rcid_a"].astype("int64").to_numpy()
    vals = new.loc[pairs["rcid_b"].astype("int64").to_numpy()].set_axis(a)
    corr = []
    for f in _ROLL_CALL_FIELDS:
        old = rc.loc[a, f].map(_text)
        nv = vals[f].map(_text)
        ch = old.to_numpy() != nv.to_numpy()
        corr.append(pd.DataFrame({"rcid": a[ch], "field": f, "state": "", "voeten": old.to_numpy()[ch],
                                  "official": nv.to_numpy()[ch]}))
        rc[f] = rc[f].astype(object)
        rc.loc[a, f] = vals[f].astype(object).to_numpy()
    return rc, pd.concat(corr, ignore_index=True)


def _swaps(d: pd.DataFrame) -> np.ndarray:
    """Rows of `d` (one roll call's changed votes) whose state's votes are exchanged with another's."""
    out = np.zeros(len(d), dtype=bool)
    v, o = d["voeten"].to_numpy(), d["official"].to_numpy()
    for i in range(len(d)):
        for j in range(len(d)):
            if i != j and v[i] == o[j] and v[j] == o[i] and v[i] != v[j]:
                out[i] = True
                break
    return out


def _reasons(diff: pd.DataFrame, spells: pd.DataFrame) -> pd.Series:
    """The reason class (VOTE_REASONS) of each changed state vote."""
    v, o = diff["voeten"], diff["official"]
    seat_v = _seated(diff[["state"]].assign(date=diff["date_voeten"]), spells)
    seat_o = _seated(diff[["state"]].assign(date=diff["date_official"]), spells)
    r = np.select(
        [v.isin(_CAST) & o.isin(_CAST),
         v.isin(_CAST) & (o == "absent"),
         (seat_v != seat_o) & ((v == "non_member") | (o == "non_member")),
         ~v.isin(_CAST) & o.isin(_CAST)],
        ["different_vote", "vote_officially_none", "date_admission", "missing_vote"], "membership")
    r = pd.Series(r, index=diff.index, dtype=object)
    swap = np.zeros(len(diff), dtype=bool)
    for _, idx in diff.groupby("rcid").indices.items():
        if len(idx) > 1:
            swap[idx] = _swaps(diff.iloc[idx])
    r[swap] = "identity_swap"
    miss = r == "missing_vote"
    n = diff[miss].groupby(["state", diff["date_official"].dt.year]).rcid.transform("size")
    r[n.index[n >= 10]] = "missing_block"
    return r


def _replace_votes(votes: pd.DataFrame, official: VotingRecord, pairs: pd.DataFrame, spells, dates):
    """Votes with the UN's rows on `pairs`, and one correction row per changed state vote."""
    a2b = pd.Series(pairs["rcid_a"].astype("int64").to_numpy(), index=pairs["rcid_b"].astype("int64").to_numpy())
    new = _official_votes(official, a2b.index, spells)
    new["rcid"] = a2b.reindex(new["rcid"]).to_numpy()
    old = votes[votes["rcid"].isin(a2b.to_numpy())]
    cmp = old.merge(new, on=["rcid", "state"], how="outer", suffixes=("_v", "_o"))
    cmp = cmp.fillna({"vote_v": "non_member", "vote_o": "non_member"})
    diff = cmp[cmp["vote_v"] != cmp["vote_o"]].rename(columns={"vote_v": "voeten", "vote_o": "official"})
    diff = diff.assign(date_voeten=diff["rcid"].map(dates["voeten"]), date_official=diff["rcid"].map(dates["official"]))
    diff = diff.sort_values(["rcid", "state"]).reset_index(drop=True)
    diff["reason"] = _reasons(diff, spells)
    out = pd.concat([votes[~votes["rcid"].isin(a2b.to_numpy())], new], ignore_index=True)
    corr = diff[["rcid", "state", "voeten", "official", "reason"]].assign(field="vote")
    return out, corr


def _session_opening(rc: pd.DataFrame) -> pd.Series:
    """First roll-call date of each regular session of the record."""
    reg = rc[rc["special_session"].fillna("") == ""]
    return pd.to_datetime(reg["date"]).groupby(reg["session"].astype("int64")).min().sort_index()


def _addable(only: pd.DataFrame, new: pd.DataFrame, official: VotingRecord, opening: pd.Series) -> pd.Series:
    """Why each UN record without a pair is left out ("" if it is added; rule 3)."""
    why = pd.Series("", index=only["rcid_b"].astype("int64").to_numpy(), dtype=object)
    nv = new.loc[why.index]
    why[~nv["symbol"].str.startswith("A/RES/")] = "not a resolution symbol (draft or missing symbol)"
    nxt = opening.shift(-1)
    for r, s, d, sp in zip(why.index, nv["session"], pd.to_datetime(nv["date"]), nv["special_session"]):
        if why[r] or sp or s not in opening.index:
            continue
        if d < opening[s] - pd.Timedelta(days=31) or (pd.notna(nxt[s]) and d >= nxt[s]):
            why[r] = f"dated {d.date()}, outside session {s} that its symbol names"
    counts = official.votes[official.votes["rcid"].isin(why.index)].astype({"vote": str})
    counts = counts.pivot_table(index="rcid", columns="vote", values="state", aggfunc="size", fill_value=0)
    for k in ("yes", "no", "abstain"):
        got = counts.reindex(why.index)[k].fillna(0) if k in counts else pd.Series(0, index=why.index)
        bad = (got != nv[f"tally_{k}"].astype("float")).to_numpy() & (why == "").to_numpy()
        why[bad] = "its rows do not count to its stated totals (rows rejected by the reader)"
    return why


def _added_rows(rc_cols, new: pd.DataFrame, take, registry: dict) -> tuple[pd.DataFrame, dict]:
    """Compiled rows of the UN records `take` (UN rcids), numbered from the rcid registry."""
    from ..record.issues import fill_issue_codes

    regmap = dict(registry)
    nxt = max([100_000, *regmap.values()]) + 1
    rows = new.loc[take].sort_values(["date", "symbol"]).copy()
    ids = []
    for s in rows["symbol"]:
        if s not in regmap:
            regmap[s] = nxt
            nxt += 1
        ids.append(regmap[s])
    rows.insert(0, "rcid", ids)
    rows = rows.reset_index(names="_undl")
    for c in rc_cols:
        if c not in rows:
            rows[c] = pd.NA if c in ("important", "me", "nu", "di", "hr", "co", "ec") else ""
    coded = fill_issue_codes(rows.assign(**{c: pd.array([pd.NA] * len(rows), dtype="boolean")
                                            for c in ("me", "nu", "di", "hr", "co", "ec")}))
    for c in ("me", "nu", "di", "hr", "co", "ec"):
        rows[c] = coded[c].astype(object).map({True: "1", False: "0"}).fillna("")
    rows["issue_source"] = coded["issue_source"]
    rows["important"] = ""
    return rows, regmap


def reconcile_official(roll_calls: pd.DataFrame, votes: pd.DataFrame, official: VotingRecord, states: pd.DataFrame,
                       *, registry: dict, log: Callable[[str], None] | None = None
                       ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict, dict]:
    """Lay the UN Digital Library's records over Voeten's roll calls of the compiled record.

    Parameters
    ----------
    roll_calls, votes : pandas.DataFrame
        The compiled tables as written (``roll_calls.csv.gz``: dates as
        ISO text, flags as "1"/"0"/""; ``votes.csv.gz``).
    official : VotingRecord
        The UN Digital Library record (``read_undl`` of ``UN_DATA.csv.zip``).
    states : pandas.DataFrame
        ``members.csv`` (seat spells and absent periods; rule 2).
    registry : dict
        Symbol -> rcid of the roll calls not in Voeten's data; added roll
        calls keep theirs or get the next free number.
    log : callable, optional
        Called with lines of text about what was done.

    Returns
    -------
    roll_calls, votes : pandas.DataFrame
        The tables with the official values, in the same form.
    corrections : pandas.DataFrame
        One row per change against Voeten's values: ``rcid``, ``field``
        (a roll-call column, ``vote`` or ``roll_call`` for an added roll
        call), ``state`` (for votes), ``voeten`` and ``official`` (as text;
        "non_member" for no row), ``reason`` (VOTE_REASONS for votes).
    summary : dict
        The reconciliation's figures (paired, replaced, added, left out,
        changed fields and votes by reason).
    registry : dict
        The registry with the added roll calls.
    """
    log = log or (lambda *a: None)
    rec = _as_record(roll_calls, votes)
    m = match_roll_calls(rec, official)
    rc = roll_calls.set_index("rcid", drop=False)
    new = _new_values(official.roll_calls.set_index("rcid"))
    pairs = m[m["status"].isin(["exact", "date_window", "votes"])]
    a = pairs["rcid_a"].astype("int64")
    voeten_pair = (rc.loc[a, "source"].to_numpy() == "voeten_r") & (pd.to_datetime(rc.loc[a, "date"]) < DGACM_FROM).to_numpy()
    rep = pairs[voeten_pair]
    kept = pairs[~voeten_pair]
    dates = {"voeten": pd.to_datetime(rc["date"]),
             "official": pd.Series(pd.to_datetime(new.loc[rep["rcid_b"].astype("int64"), "date"]).to_numpy(),
                                   index=rep["rcid_a"].astype("int64").to_numpy())}
    rc2, rc_corr = _replace_roll_calls(rc, new, rep)
    v2, v_corr = _replace_votes(votes, official, rep, _spells(states), dates)
    only = m[m["status"] == "only_b"]
    why = _addable(only, new, official, _session_opening(roll_calls))
    add_rows, regmap = _added_rows(list(roll_calls.columns), new, why.index[why == ""], registry)
    add_votes = _official_votes(official, add_rows["_undl"], _spells(states))
    add_votes["rcid"] = add_votes["rcid"].map(dict(zip(add_rows["_undl"], add_rows["rcid"])))
    out_rc = pd.concat([rc2.reset_index(drop=True), add_rows[list(roll_calls.columns)]], ignore_index=True)
    out_rc = out_rc.assign(_d=pd.to_datetime(out_rc["date"])).sort_values(["_d", "rcid"]).drop(columns="_d")
    out_v = pd.concat([v2, add_votes], ignore_index=True).sort_values(["rcid", "state"]).reset_index(drop=True)
    corrections = pd.concat([
        rc_corr.assign(reason=""), v_corr,
        pd.DataFrame({"rcid": add_rows["rcid"], "field": "roll_call", "state": "", "voeten": "", "official": "added",
                      "reason": "missing_in_voeten"})], ignore_index=True)
    corrections = corrections[["rcid", "field", "state", "voeten", "official", "reason"]]
    corrections = corrections.sort_values(["rcid", "field", "state"], kind="stable").reset_index(drop=True)
    summary = _summary(m, rep, kept, rc_corr, v_corr, add_rows, why, rc)
    for line in (f"official record: {k}: {v}" for k, v in summary.items()):
        log(line)
    return out_rc.reset_index(drop=True), out_v, corrections, summary, regmap


def _summary(m, rep, kept, rc_corr, v_corr, add_rows, why, rc) -> dict:
    paired_a = set(m["rcid_a"].dropna().astype("int64")) - set(m.loc[m["status"].isin(["only_a", "ambiguous"]),
                                                                       "rcid_a"].dropna().astype("int64"))
    voeten = rc[rc["source"] == "voeten_r"]
    left = voeten[~voeten["rcid"].isin(paired_a)]
    amb = set(m.loc[m["status"] == "ambiguous", "rcid_a"].dropna().astype("int64"))
    left_why = np.where(left["rcid"].isin(amb), "ambiguous pairing (identical vote vectors)",
                        np.where(left["kind"].isin(["paragraph", "amendment"]), "paragraph or amendment vote",
                                 "no UN Digital Library record pairs with it"))
    return {
        "match_statuses": {str(k): int(v) for k, v in m["status"].astype(str).value_counts().items()},
        "voeten_roll_calls_replaced": int(len(rep)),
        "other_pairs_checked": int(len(kept)),
        "other_pairs_votes_differing": int((kept["n_votes_differ"].fillna(0) > 0).sum()),
        "changed_fields": {str(k): int(v) for k, v in rc_corr["field"].value_counts().sort_index().items()},
        "changed_votes": int(len(v_corr)),
        "changed_votes_by_reason": {str(k): int(v) for k, v in v_corr["reason"].value_counts().items()},
        "roll_calls_with_changed_votes": int(v_corr["rcid"].nunique()),
        "added": sorted(add_rows["symbol"].tolist()),
        "left_out": {str(k): str(v) for k, v in why[why != ""].items()},
        "left_as_voeten": {str(k): int(v) for k, v in pd.Series(left_why).value_counts().items()},
    }


def adopted_without_vote(records: list[dict]) -> pd.DataFrame:
    """The resolutions the DGACM files record as adopted without a vote.

    Parameters
    ----------
    records : list of dict
        DGACM records as :func:`unvotes.io.dgacm.read_dgacm` returns them.

    Returns
    -------
    pandas.DataFrame
        One row per symbol (repeated records merged, DATA-NOTES.md §2 problem 1), sorted by date
        and symbol: ``symbol``, ``date`` (ISO text), ``title``, ``session`` (the regular
        session the resolution number names; emergency and special sessions: "" and
        ``special_session``), ``special_session``, ``meeting``, ``source_id`` (``"<file>:<line>"``)
        and ``terms`` (``"UN"``). A record counts when its ``adoption_type`` is "Without a vote"
        or its ``voting_type`` is ``adoptedWithoutVote``.

    Examples
    --------
    >>> from unvotes.io.official import adopted_without_vote
    >>> t = adopted_without_vote([{"symbol": "A/RES/77/11", "resolution_number": "77/11.",
    ...     "adoption_date": "21\\u00a0November 2022", "adoption_type": "Without a vote", "title": "T",
    ...     "adoption_meeting": "40th plenary meeting", "_file": "77.json:12"}])
    >>> t[["symbol", "date", "session"]].values.tolist()
    [['A/RES/77/11', '2022-11-21', '77']]
    """
    rows = []
    for r in records:
        how = (r.get("adoption_type") or "").strip().lower()
        if not (how.startswith("without") or r.get("voting_type") == "adoptedWithoutVote"):
            continue
        num = str(r.get("resolution_number") or "")
        m = re.match(r"(ES-\d+|S-\d+)/", num)
        reg = re.match(r"(\d+)/", num)
        date = pd.Timestamp(pd.to_datetime(str(r["adoption_date"]).replace("\u00a0", " ").strip(), format="mixed"))
        rows.append({"symbol": str(r["symbol"]).strip(), "date": date.strftime("%Y-%m-%d"),
                     "title": str(r.get("title") or "").strip(), "session": reg[1] if reg else "",
                     "special_session": m[1] if m else "", "meeting": str(r.get("adoption_meeting") or ""),
                     "source_id": r.get("_file", ""), "terms": "UN"})
    t = pd.DataFrame(rows, columns=["symbol", "date", "title", "session", "special_session", "meeting",
                                    "source_id", "terms"])
    return t.drop_duplicates("symbol").sort_values(["date", "symbol"], kind="stable").reset_index(drop=True)
