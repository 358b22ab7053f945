"""The readers' common pipeline: vote rows in one long form -> validated record + read report
(unknown codes, unresolved states, duplicates, verified absences, tally checks)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import UnvotesError
from ._states import _DATE_SLACK, _members_on, _state_tables
from .errors import UnknownVoteCodeError
from .read_report import ReadReport, _REJECT_COLUMNS

_RC_BASE_COLUMNS = [
    "rcid",
    "session",
    "special_session",
    "date",
    "symbol",
    "unres",
    "title",
    "description",
    "agenda_title",
    "kind",
    "important",
    "me",
    "nu",
    "di",
    "hr",
    "co",
    "ec",
    "issue_source",
    "tally_yes",
    "tally_no",
    "tally_abstain",
    "tally_absent",
    "source",
    "source_id",
    "terms",
]


_ISSUES = ["me", "nu", "di", "hr", "co", "ec"]


_KINDS = ["resolution", "amendment", "paragraph", "decision", "procedural", "unknown"]


@dataclasses.dataclass
class _Long:
    """Vote rows in a common form, before validation."""

    row: np.ndarray  # 1-based data row in the file
    line: np.ndarray | None  # file line (header = 1) or None
    rcid: np.ndarray  # int64
    state_raw: pd.Series  # as written (code / name), for reports
    state_raw2: pd.Series | None  # a second part (the name next to a code), or None
    iso3: pd.Series  # resolved ISO3 or None
    state_reason: pd.Series  # reason when iso3 is None
    vote_raw: pd.Series
    date: pd.Series
    near: pd.Series  # the one state a code names, where the date is just outside its spell


def _state_text(lg: _Long, mask: np.ndarray) -> np.ndarray:
    a = lg.state_raw.to_numpy(dtype=object)[mask].astype(str)
    if lg.state_raw2 is None:
        return a.astype(object)
    b = lg.state_raw2.to_numpy(dtype=object)[mask].astype(str)
    return np.char.add(np.char.add(a, " "), b).astype(object)


class _Rejects:
    def __init__(self):
        self.parts: list[pd.DataFrame] = []

    def add(self, lg: _Long, mask: np.ndarray, reason, *, present: bool = True) -> None:
        """Reject the rows of `mask`; ``present=False`` for rows whose vote is
        not the state's (bad date, no roll call), so that the state still counts
        as without a row for the absent check."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        reasons = reason[mask] if isinstance(reason, (np.ndarray, pd.Series)) else reason
        self.parts.append(
            pd.DataFrame(
                {
                    "row": lg.row[mask],
                    "line": (lg.line[mask] if lg.line is not None else np.full(mask.sum(), np.nan)),
                    "rcid": lg.rcid[mask],
                    "state": _state_text(lg, mask),
                    "iso3": lg.iso3.to_numpy(dtype=object)[mask],
                    "vote": lg.vote_raw.to_numpy(dtype=object)[mask],
                    "reason": np.asarray(reasons, dtype=object) if not isinstance(reasons, str) else reasons,
                    "_present": present,
                }
            )
        )

    def present(self) -> pd.DataFrame:
        """Rejected rows that still show the state took part (rcid, iso3)."""
        if not self.parts:
            return pd.DataFrame({"rcid": pd.Series(dtype="int64"), "iso3": pd.Series(dtype=object)})
        df = pd.concat(self.parts, ignore_index=True)
        return df.loc[df["_present"].astype(bool) & df["iso3"].notna(), ["rcid", "iso3"]]

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            df = pd.DataFrame({c: pd.Series(dtype=object) for c in _REJECT_COLUMNS})
        else:
            df = pd.concat(self.parts, ignore_index=True).drop(columns="_present")
        df["row"] = df["row"].astype("Int64")
        df["line"] = pd.to_numeric(df["line"]).astype("Int64")
        df["rcid"] = df["rcid"].astype("Int64")
        df["rcid"] = df["rcid"].mask(df["rcid"] < 0)  # -1 marks a row without a record id: NA
        return df.sort_values(["row"], kind="stable").reset_index(drop=True)


def _subset(lg: _Long, keep: np.ndarray, *, reset_index: bool = False) -> _Long:
    """The rows of `keep` (their Series renumbered 0, 1, ... with ``reset_index=True``)."""

    def part(x):
        if x is None:
            return None
        x = x[keep]
        return x.reset_index(drop=True) if reset_index and isinstance(x, pd.Series) else x

    return _Long(
        row=lg.row[keep],
        line=part(lg.line),
        rcid=lg.rcid[keep],
        state_raw=part(lg.state_raw),
        state_raw2=part(lg.state_raw2),
        iso3=part(lg.iso3),
        state_reason=part(lg.state_reason),
        vote_raw=part(lg.vote_raw),
        date=part(lg.date),
        near=part(lg.near),
    )


def _unknown_codes(lg: _Long, labels: pd.Series, *, path, schema, vote_column, unknown_codes, rejects) -> np.ndarray:
    """Rows whose vote code is outside the vocabulary: raise, or reject them (``unknown_codes``)."""
    unknown = pd.isna(labels).to_numpy()
    if unknown.any():
        if unknown_codes == "raise":
            first = int(np.flatnonzero(unknown)[0])
            bad = lg.vote_raw[unknown].astype(str).value_counts()
            where = f"line {int(lg.line[first])}" if lg.line is not None else f"data row {int(lg.row[first])}"
            raise UnknownVoteCodeError(
                f"{path}: unknown vote code {str(lg.vote_raw.iloc[first])!r} in column {vote_column!r} "
                f"at {where} ({int(unknown.sum()):,} rows; values {dict(bad.head(5))}); expected one of "
                f"{_expected_codes(schema)}. Pass unknown_codes='reject' to keep the other rows and list "
                "these in report.rejected",
                path=path,
                line=int(lg.line[first]) if lg.line is not None else None,
                column=vote_column,
            )
        rejects.add(lg, unknown, "unknown vote code")
    return unknown


def _keep_near_spell(lg: _Long, lab: np.ndarray, notes: list) -> None:
    """A cast vote dated just outside the spell of the one state its code names is kept (noted)."""
    near = pd.isna(lg.iso3).to_numpy() & pd.notna(lg.near).to_numpy() & np.isin(lab, ["yes", "no", "abstain"])
    if not near.any():
        return
    iso_fixed = lg.iso3.to_numpy(dtype=object).copy()
    iso_fixed[near] = lg.near.to_numpy(dtype=object)[near]
    lg.iso3 = pd.Series(iso_fixed, index=lg.iso3.index)
    ex = pd.DataFrame({"s": iso_fixed[near], "d": pd.Series(lg.date.to_numpy()[near])})
    ex = ex.drop_duplicates("s").head(5)
    notes.append(
        f"{int(near.sum()):,} cast vote(s) are dated up to {int(_DATE_SLACK / np.timedelta64(1, 'D'))} days "
        "outside the voter's membership spell in members.csv and were kept (the code names one state; "
        "the source's dates may be approximate), e.g. "
        + ", ".join(f"{r.s} on {pd.Timestamp(r.d):%Y-%m-%d}" for r in ex.itertuples())
    )


def _merge_duplicates(df: pd.DataFrame, lg: _Long, rejects: _Rejects, n: int) -> tuple[pd.DataFrame, int]:
    """Rows repeating a (roll call, state) pair: same vote -> merged; different votes -> all rejected."""
    dup_all = df.duplicated(["rcid", "state"], keep=False).to_numpy()
    if not dup_all.any():
        return df, 0
    d = df[dup_all]
    nvotes = d.groupby(["rcid", "state"])["vote"].transform("nunique")
    conflict_idx = d.index[nvotes.to_numpy() > 1]
    if len(conflict_idx):
        cmask = np.zeros(n, dtype=bool)
        cmask[df.loc[conflict_idx, "i"].to_numpy()] = True
        detail = (
            d.loc[conflict_idx]
            .groupby(["rcid", "state"])["vote"]
            .transform(lambda v: " vs ".join(sorted(set(v))))
        )
        reason = np.full(n, None, dtype=object)
        reason[df.loc[conflict_idx, "i"].to_numpy()] = (
            "duplicate with a conflicting vote (" + detail.astype(str) + ")"
        ).to_numpy()
        rejects.add(lg, cmask, reason)
        df = df.drop(index=conflict_idx)
    before = len(df)
    df = df.drop_duplicates(["rcid", "state"], keep="first")
    return df, before - len(df)


def _roll_calls_with_rows(rc: pd.DataFrame, df: pd.DataFrame, notes: list) -> pd.DataFrame:
    """Roll calls that still have rows, in (date, rcid) order; those whose every row was rejected are noted."""
    rc = rc.sort_values(["date", "rcid"], kind="stable").reset_index(drop=True)
    kept_rc = set(df["rcid"].unique())
    dropped_rc = rc[~rc["rcid"].isin(kept_rc)]
    if len(dropped_rc):
        notes.append(
            f"{len(dropped_rc)} roll call(s) had every row rejected and are not in the record: "
            + ", ".join(f"{r.rcid} {r.symbol}".strip() for r in dropped_rc.head(10).itertuples())
            + (" ..." if len(dropped_rc) > 10 else "")
        )
    return rc[rc["rcid"].isin(kept_rc)].reset_index(drop=True)


def _votes_table(votes: pd.DataFrame) -> pd.DataFrame:
    """The record's votes table: sorted by (rcid, state), state categorical, vote of VOTE_DTYPE."""
    from ..record.codes import VOTE_DTYPE

    votes["vote"] = votes["vote"].astype(VOTE_DTYPE)
    votes["rcid"] = votes["rcid"].astype("int64")
    votes["state"] = votes["state"].astype(str)
    votes = votes.sort_values(["rcid", "state"], kind="stable").reset_index(drop=True)
    votes["state"] = pd.Categorical(votes["state"], categories=sorted(votes["state"].unique()))
    return votes


def _build(
    lg: _Long,
    labels: pd.Series,
    rc: pd.DataFrame,
    *,
    path: Path,
    schema: str,
    encoding: str,
    vote_column: str,
    unknown_codes: str,
    fill_absent: str,
    rejects: _Rejects,
    notes: list,
    rows_read: int,
    source: str,
    inconsistent: pd.DataFrame | None = None,
):
    """Validate rows, merge duplicates, fill verified absences, build the record."""
    from ..record.core import VotingRecord

    n = len(labels)
    lab = labels.to_numpy(dtype=object)
    unknown = _unknown_codes(lg, labels, path=path, schema=schema, vote_column=vote_column,
                             unknown_codes=unknown_codes, rejects=rejects)
    _keep_near_spell(lg, lab, notes)
    # a row coded "not a Member" needs no seat (nor a resolvable code): counted, not kept
    non_member = (lab == "non_member") & ~unknown
    no_state = pd.isna(lg.iso3).to_numpy() & ~unknown & ~non_member
    rejects.add(lg, no_state, lg.state_reason.to_numpy(dtype=object))
    good = ~unknown & ~no_state & ~non_member
    df = pd.DataFrame({"i": np.flatnonzero(good), "rcid": lg.rcid[good],
                       "state": lg.iso3.to_numpy(dtype=object)[good], "vote": lab[good]})
    df, n_merged = _merge_duplicates(df, lg, rejects, n)
    rc = _roll_calls_with_rows(rc, df, notes)
    filled, incomplete = _fill_absent(df, rc, lg, rejects, fill_absent)
    votes = pd.concat([df[["rcid", "state", "vote"]], filled], ignore_index=True)
    mismatches = _tally_mismatches(votes, rc)
    votes = _votes_table(votes)
    record = VotingRecord(_finish_roll_calls(rc), votes, _state_tables()["states_raw"], source=source)
    rej = rejects.frame()
    report = ReadReport(
        path=str(path), schema=schema, encoding=encoding, rows_read=int(rows_read), rows_kept=int(len(df)),
        rejected=rej, duplicates_merged=int(n_merged), non_member_rows=int(non_member.sum()),
        absent_filled=int(len(filled)), roll_calls=int(len(rc)), incomplete=incomplete,
        tally_mismatches=mismatches, notes=tuple(notes),
    )
    if inconsistent is not None:
        object.__setattr__(report, "inconsistent", inconsistent)
    if report.rows_read != report.rows_kept + len(rej) + report.duplicates_merged + report.non_member_rows:
        raise UnvotesError(  # pragma: no cover - an internal invariant
            f"internal error: rows do not add up in {report!r}; please report this"
        )
    return record, report


def _expected_codes(schema: str) -> str:
    if schema.startswith("voeten"):
        return "1 (yes), 2 (abstain), 3 (no), 8 (absent), 9 (not a Member)"
    if schema == "undl-wide":
        return "Y, N, A, X (v5), NV (v1), YES, NO, ABSTAIN, or an empty cell"
    return "Y (yes), N (no), A (abstain), X (non-voting, v5) or NV (non-voting, v1)"


def _fill_absent(df, rc, lg, rejects, fill_absent):
    empty_inc = pd.DataFrame(
        {"rcid": pd.Series(dtype="int64"), "symbol": pd.Series(dtype=object),
         "date": pd.Series(dtype="datetime64[ns]"), "missing": pd.Series(dtype=object),
         "reason": pd.Series(dtype=object)}
    )
    empty_fill = pd.DataFrame({"rcid": pd.Series(dtype="int64"), "state": pd.Series(dtype=object),
                               "vote": pd.Series(dtype=object)})
    if len(rc) == 0:
        return empty_fill, empty_inc
    held, spell_iso = _members_on(rc["date"].to_numpy())
    rc_pos = pd.Series(np.arange(len(rc)), index=rc["rcid"].to_numpy())
    iso_pos = pd.Series(np.arange(len(spell_iso)), index=spell_iso)
    # a state counts as present if it has a kept row, or rows rejected for its vote
    present = np.zeros_like(held)
    pr = rc_pos.reindex(df["rcid"]).to_numpy()
    ps = iso_pos.reindex(df["state"]).to_numpy()
    ok = ~np.isnan(pr) & ~np.isnan(ps)
    present[pr[ok].astype(int), ps[ok].astype(int)] = True
    rj = rejects.present()
    if len(rj):
        # a Member whose row was rejected (bad code, conflicting duplicate) is not "missing";
        # one whose row was rejected for its date or record id is
        rpr = rc_pos.reindex(rj["rcid"].to_numpy(dtype="int64")).to_numpy()
        rps = iso_pos.reindex(rj["iso3"].astype(object)).to_numpy()
        ok = ~np.isnan(rpr) & ~np.isnan(rps)
        present[rpr[ok].astype(int), rps[ok].astype(int)] = True
    missing = held & ~present
    n_missing = missing.sum(axis=1)
    n_x = (
        df[df["vote"] == "absent"].groupby("rcid").size().reindex(rc["rcid"], fill_value=0).to_numpy()
    )
    stated = pd.to_numeric(rc["tally_absent"], errors="coerce").to_numpy(dtype=float)
    if fill_absent == "all":
        verified = np.ones(len(rc), dtype=bool)
    elif fill_absent == "none":
        verified = np.zeros(len(rc), dtype=bool)
    else:
        verified = ~np.isnan(stated) & (n_x + n_missing == stated)
    do_fill = verified & (n_missing > 0)
    r_idx, s_idx = np.nonzero(missing & do_fill[:, None])
    filled = pd.DataFrame(
        {"rcid": rc["rcid"].to_numpy()[r_idx], "state": spell_iso[s_idx], "vote": "absent"}
    )
    inc = (n_missing > 0) & ~do_fill
    if inc.any():
        rows = []
        rcids = rc["rcid"].to_numpy()
        syms = rc["symbol"].to_numpy(dtype=object)
        dts = rc["date"].to_numpy()
        for i in np.flatnonzero(inc):
            miss = " ".join(sorted(spell_iso[missing[i]]))
            if fill_absent == "none":
                why = "fill_absent='none'"
            elif np.isnan(stated[i]):
                why = "the release states no non-voting total to verify against"
            else:
                why = (
                    f"the release's non-voting total is {int(stated[i])} but it has {int(n_x[i])} "
                    f"non-voting rows and {int(n_missing[i])} Member(s) without a row"
                )
            rows.append((rcids[i], syms[i], dts[i], miss, why))
        inc_df = pd.DataFrame(rows, columns=["rcid", "symbol", "date", "missing", "reason"])
    else:
        inc_df = empty_inc
    return filled, inc_df


def _tally_mismatches(votes: pd.DataFrame, rc: pd.DataFrame) -> pd.DataFrame:
    counts = votes.groupby(["rcid", "vote"], observed=True).size().unstack(fill_value=0)
    idx = rc["rcid"].to_numpy()
    parts = []
    for v in ("yes", "no", "abstain"):
        stated = pd.to_numeric(rc[f"tally_{v}"], errors="coerce").to_numpy(dtype=float)
        counted = (counts[v] if v in counts.columns else pd.Series(0, index=counts.index)).reindex(idx, fill_value=0)
        counted = counted.to_numpy(dtype=float)
        bad = ~np.isnan(stated) & (stated != counted)
        parts.append(
            pd.DataFrame(
                {"rcid": idx[bad], "symbol": rc["symbol"].to_numpy()[bad], "vote": v,
                 "stated": stated[bad].astype("int64"), "counted": counted[bad].astype("int64")}
            )
        )
    out = pd.concat(parts, ignore_index=True).astype({"rcid": "int64"})
    return out.sort_values(["rcid", "vote"], kind="stable").reset_index(drop=True)


def _finish_roll_calls(rc: pd.DataFrame) -> pd.DataFrame:
    """Give the roll-call table the record's columns and dtypes; extras follow."""
    out = rc.copy()
    defaults = {
        "unres": "", "title": "", "description": "", "agenda_title": "", "issue_source": "",
        "source": "", "source_id": "", "terms": "", "special_session": "", "symbol": "",
    }
    for c, v in defaults.items():
        if c not in out:
            out[c] = v
        out[c] = out[c].fillna("").astype(str)
    if "kind" not in out:
        out["kind"] = "unknown"
    out["kind"] = pd.Categorical(out["kind"], categories=_KINDS)
    if "important" not in out:
        out["important"] = pd.NA
    out["important"] = out["important"].astype("boolean")
    for c in _ISSUES:
        if c not in out:
            out[c] = pd.NA
        out[c] = out[c].astype("boolean")
    for c in ("tally_yes", "tally_no", "tally_abstain", "tally_absent"):
        if c not in out:
            out[c] = pd.NA
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("Int64")
    out["rcid"] = out["rcid"].astype("int64")
    out["session"] = out["session"].astype("int64")
    out["date"] = out["date"].astype("datetime64[ns]")
    extras = [c for c in out.columns if c not in _RC_BASE_COLUMNS]
    return out[_RC_BASE_COLUMNS + extras].reset_index(drop=True)
