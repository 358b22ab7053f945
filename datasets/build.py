"""Build the compiled unvotes record from the raw public sources.

Usage (from the repository root)::

    pip install -e ".[build]"      # rdata reads the R .rda files
    python datasets/build.py       # writes datasets/compiled/ and its catalogue.json

The build is deterministic: a rerun on the same raw files gives byte-identical
outputs (gzip without timestamps, sorted rows, fixed float formats). The
manifest ``datasets/compiled/catalogue.json`` records each output's row count
and sha256, and the sha256 of every raw input.

Order of precedence (DATA-NOTES.md section 6):

1. 1946 to 2019-12-27: the R package ``unvotes`` 0.3.0 tables (Voeten's data,
   CC0); absent and non-member rebuilt from ``members.csv``.
2. From 2019-11-07: the UN DGACM machine-readable resolutions (``unxml``),
   deduplicated and name-normalised. Session 74 is in both: the R roll call is
   kept (it carries Voeten's rcid and issue codes) and the two are cross-checked.
3. Gaps of both: the UN Digital Library scrape ``UN_DATA.csv.zip`` (the ten
   late session-73 votes, the six session-74 votes of 2020, A/RES/75/254 A-C).
4. 2025 gaps: the 3DL scrape of the UN Digital Library (ES-11/7 to 9, ES-10/27...).
5. A/RES/ES-10/23: the press-compiled list.

Every state is keyed by ISO 3166-1 alpha-3; an unknown or ambiguous name
stops the build with a message naming it. Every roll call whose source records
totals is checked against its per-state counts; the only allowed differences
are listed in ``KNOWN_TALLY_EXCEPTIONS`` and the build fails on any other.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import shutil
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "datasets" / "raw"
OUT = ROOT / "datasets" / "compiled"
ALIASES = ROOT / "datasets" / "aliases" / "state_aliases.csv"
NOTES = ROOT / "datasets" / "notes.csv"
REGISTRY = ROOT / "datasets" / "rcid_registry.csv"

sys.path.insert(0, str(ROOT))
from unvotes.record._names import NameIndex, normalize_name  # noqa: E402
from unvotes.record import symbol_key  # noqa: E402

# Pinned raw inputs: the build refuses to run on other versions.
EXPECTED_R_ROWS = {"un_votes": 869_937, "un_roll_calls": 6_202, "un_roll_call_issues": 5_745}
NEW_RCID_START = 100_001
MAX_DATE_SLACK_DAYS = 62
UNDL_FILL_FROM = "1990-01-01"  # UN_DATA fills Voeten's missing roll calls from this date on  # tolerance for approximate early Voeten dates  # rcids of roll calls not in Voeten's data (Voeten's end at 9147)

# Roll calls whose source's stated count differs from its own name list.
# symbol -> (category, stated, counted, explanation). Documented in datasets/README.md.
KNOWN_TALLY_EXCEPTIONS = {
    ("A/RES/77/293", "abstain"): "DGACM 77.json states 59 abstentions but lists 58 names (DATA-NOTES 2, problem 4)",
}

ISSUES = ["me", "nu", "di", "hr", "co", "ec"]
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
         (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def log(*a):
    print(*a, file=sys.stderr)


def roman(n: int) -> str:
    out = ""
    for v, s in ROMAN:
        while n >= v:
            out += s
            n -= v
    return out


# --------------------------------------------------------------------------- symbols
def voeten_symbol(unres: str) -> str:
    """Official-style symbol from Voeten's ``unres`` code (mechanical conversion).

    R/<s>/<n><part> -> A/RES/<s>/<n> <part> from session 31, A/RES/<n>(<roman s>) <part>
    before; ESS/<s>/<n> -> A/RES/ES-<s>/<n>; SS/<s>/<n> -> A/RES/S-<s>/<n>.
    """
    u = (unres or "").strip()
    if not u:
        return ""
    if u.startswith("A/RES/"):
        return u
    m = re.fullmatch(r"R/(\d+)/(\d+)([A-Z]*)(?:/(.*))?", u)
    if m:
        s, n, part, extra = int(m[1]), m[2], m[3], m[4]
        base = f"A/RES/{s}/{n}" if s >= 31 else f"A/RES/{n}({roman(s)})"
        tail = " ".join(x for x in (part, extra) if x)
        return f"{base} {tail}".strip()
    m = re.fullmatch(r"(ESS|SS)/(\d+)/(\d+)([A-Z]*)", u)
    if m:
        pre = "ES-" if m[1] == "ESS" else "S-"
        return f"A/RES/{pre}{m[2]}/{m[3]}{(' ' + m[4]) if m[4] else ''}"
    return u


def undl_symbol(s: str) -> str:
    """Normalise a UN Digital Library symbol: 'A/RES/73/268B' -> 'A/RES/73/268 B'."""
    s = str(s).strip().replace("[", "").replace("]", "")
    m = re.fullmatch(r"(A/RES/(?:ES-|S-)?\d+/\d+)\s*([A-Z]{1,2}(?:-[A-Z])?)?", s)
    if m:
        return f"{m[1]} {m[2]}".strip() if m[2] else m[1]
    return s


def undl_title(t: str) -> str:
    """Strip the UN Digital Library's ' : resolution / adopted by the General Assembly' suffix."""
    return re.sub(r"\s*:\s*(?:resolutions?|decision) / adopted by the General Assembly.*$", "", str(t)).strip()


def special_of(symbol: str) -> str:
    m = re.match(r"A/(?:RES|DEC)/(ES-\d+|S-\d+)/", symbol)
    return m[1] if m else ""


# --------------------------------------------------------------------------- membership
class Membership:
    """Who held a seat on a date, from members.csv ([seat_from, left), minus absent_periods)."""

    def __init__(self, members: pd.DataFrame):
        self.m = members
        rows = []
        for r in members.itertuples(index=False):
            start = pd.Timestamp(r.seat_from)
            end = pd.Timestamp(r.left) if r.left else pd.Timestamp("2262-01-01")
            cuts = []
            if r.absent_periods:
                for p in r.absent_periods.split(";"):
                    a, b = p.split("/")
                    cuts.append((pd.Timestamp(a), pd.Timestamp(b)))
            pieces, cur = [], start
            for a, b in sorted(cuts):
                pieces.append((cur, a))
                cur = b
            pieces.append((cur, end))
            rows += [(r.iso3, a, b) for a, b in pieces if a < b]
        self.spells = pd.DataFrame(rows, columns=["iso3", "start", "end"])

    def members_on(self, dates: pd.Series) -> pd.DataFrame:
        """Cross join of unique dates with the states seated on each (columns date, state)."""
        d = pd.DataFrame({"date": pd.Series(dates.unique())})
        x = d.merge(self.spells, how="cross")
        x = x[(x.date >= x.start) & (x.date < x.end)]
        return x[["date", "iso3"]].rename(columns={"iso3": "state"})


# --------------------------------------------------------------------------- sources
def read_r():
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = {n: rdata.read_rda(RAW / "unvotes-r" / f"{n}.rda")[n] for n in EXPECTED_R_ROWS}
    for n, rows in EXPECTED_R_ROWS.items():
        if len(t[n]) != rows:
            raise SystemExit(f"R unvotes table {n} has {len(t[n])} rows, expected {rows} (CRAN 0.3.0 build)")
    rc = t["un_roll_calls"].reset_index(drop=True)
    rc["rcid"] = rc["rcid"].astype("int64")
    rc["date"] = pd.to_datetime(rc["date"].astype("float64"), unit="D")
    v = t["un_votes"].reset_index(drop=True)
    v["rcid"] = v["rcid"].astype("int64")
    v["vote"] = v["vote"].astype(str)
    iss = t["un_roll_call_issues"].reset_index(drop=True)
    iss["rcid"] = iss["rcid"].astype("int64")
    return rc, v, iss


def _count(x) -> int | None:
    x = (x or "").strip() if isinstance(x, str) else x
    if x in ("", None, "N.A."):
        return None
    return int(x)


def read_unxml():
    recs = []
    for f in sorted((RAW / "unxml").glob("*.json")):
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                r = json.loads(line)
                r["_file"] = f"{f.name}:{i + 1}"
                recs.append(r)
    return recs


def parse_date(s: str) -> pd.Timestamp:
    s = str(s).replace("\u00a0", " ").strip()
    return pd.Timestamp(pd.to_datetime(s, format="mixed")).normalize()


def read_un_data():
    z = zipfile.ZipFile(RAW / "undl-scrapes" / "UN_DATA.csv.zip")
    (name,) = z.namelist()
    d = pd.read_csv(z.open(name), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return d[d["Council"] == "General Assembly"].reset_index(drop=True)


def read_3dl():
    d = pd.read_csv(RAW / "undl-scrapes" / "3dl_un_votes_2025_processed.csv", dtype=str, keep_default_na=False)
    return d[d["Council"] == "General Assembly"].reset_index(drop=True)


# --------------------------------------------------------------------------- build
def main() -> None:
    members = pd.read_csv(RAW / "reference-tables" / "members.csv", dtype=str, keep_default_na=False)
    aliases = pd.read_csv(ALIASES, dtype=str, keep_default_na=False)
    names = NameIndex(members, aliases)
    seats = Membership(members)

    def iso(name, date):
        return names.lookup(name, date)

    roll_calls: list[dict] = []
    votes: list[pd.DataFrame] = []  # rcid, state, vote (yes/abstain/no only; absent filled later)
    subjects: list[tuple] = []

    # ---- 1. R unvotes (Voeten) -------------------------------------------------------
    rc, v, iss = read_r()
    rc = rc.sort_values("rcid")
    imp_start = int(rc.loc[rc.importantvote == 1, "session"].min())
    v = v.merge(rc[["rcid", "date"]], on="rcid", how="left", validate="many_to_one")
    if v["date"].isna().any():
        raise SystemExit("R un_votes has rcids unknown to un_roll_calls")
    # map (name, date) -> iso3 once per distinct pair
    pairs = v[["country", "date"]].drop_duplicates()
    pairs["state"] = [iso(n, d) for n, d in zip(pairs.country, pairs.date)]
    v = v.merge(pairs, on=["country", "date"], how="left")
    votes.append(v[["rcid", "state", "vote"]])
    issue_sets = iss.groupby("rcid")["short_name"].agg(set)
    for r in rc.itertuples(index=False):
        kind = "unknown"
        if pd.notna(r.amend) and r.amend == 1:
            kind = "amendment"
        elif pd.notna(r.para) and r.para == 1:
            kind = "paragraph"
        elif pd.notna(r.amend) and pd.notna(r.para):
            kind = "resolution"
        imp = pd.NA if (pd.isna(r.importantvote) or r.session < imp_start) else bool(r.importantvote)
        codes = issue_sets.get(r.rcid, set())
        symbol = voeten_symbol(r.unres if pd.notna(r.unres) else "")
        row = dict(
            rcid=int(r.rcid), session=int(r.session), special_session=special_of(symbol), date=r.date,
            symbol=symbol, unres=r.unres if pd.notna(r.unres) else "",
            title=r.short if pd.notna(r.short) else "", description=r.descr if pd.notna(r.descr) else "",
            agenda_title="", kind=kind, important=imp, issue_source="voeten",
            source="voeten_r", source_id=f"rcid {int(r.rcid)}", terms="CC0",
        )
        row.update({c: c in codes for c in ISSUES})
        roll_calls.append(row)
    r_keys = {symbol_key(x["symbol"]): x for x in roll_calls if x["symbol"]}
    log(f"R unvotes: {len(rc)} roll calls, {len(v)} votes; important votes coded from session {imp_start}")

    # ---- 2. DGACM unxml ---------------------------------------------------------------
    by_symbol: dict[str, dict] = {}
    dup_count = 0
    for r in read_unxml():
        lists = {k: sorted({normalize_name(x) for x in (r.get(k) or [])})
                 for k in ("MS_in_favour", "MS_against", "MS_abstaining")}
        r["_lists"] = lists
        s = r["symbol"].strip()
        if s in by_symbol:
            if by_symbol[s]["_lists"] != lists:
                raise SystemExit(f"unxml: duplicate records of {s} disagree ({by_symbol[s]['_file']} vs {r['_file']})")
            dup_count += 1
            continue
        by_symbol[s] = r
    xml_votes = []
    overlap_checked = 0
    for s, r in sorted(by_symbol.items()):
        lists = r["_lists"]
        n_listed = sum(len(x) for x in lists.values())
        counts = [_count(r.get(k)) for k in ("MS_in_favour_count", "MS_against_count", "MS_abstaining_count")]
        recorded = "recorded" in (r.get("adoption_type") or "").lower() or r.get("voting_type") == "adoptedRecordedVote"
        if n_listed == 0:
            if recorded or any(counts):
                log(f"unxml: {s} is a recorded vote without name lists (counts {counts}); taken from the UNDL scrape")
            continue
        date = parse_date(r["adoption_date"])
        key = symbol_key(s)
        if key in r_keys:  # session 74, autumn 2019: keep the R roll call, cross-check
            rr = r_keys[key]
            rr["kind"] = "resolution"
            rr["title"], rr["agenda_title"] = r.get("title", ""), r.get("agenda_item_name", "")
            rr["_xml"] = (r, lists, counts)
            overlap_checked += 1
            for subj in r.get("subjects") or []:
                subjects.append((key, subj[0]))
            continue
        m = re.match(r"(?:ES-|S-)?(\d+)/", r["resolution_number"])
        special = special_of(s)
        row = dict(
            rcid=None, session=None if special else int(m[1]), special_session=special, date=date, symbol=s,
            unres="", title=r.get("title", ""), description="", agenda_title=r.get("agenda_item_name", ""),
            kind="resolution", important=pd.NA, issue_source="", source="unxml", source_id=r["_file"], terms="UN",
            tally_yes=counts[0] if counts[0] is not None else 0, tally_no=counts[1] if counts[1] is not None else 0,
            tally_abstain=counts[2] if counts[2] is not None else 0, tally_absent=pd.NA,
        )
        row.update({c: pd.NA for c in ISSUES})
        roll_calls.append(row)
        for subj in r.get("subjects") or []:
            subjects.append((key, subj[0]))
        for k, lab in (("MS_in_favour", "yes"), ("MS_against", "no"), ("MS_abstaining", "abstain")):
            for nm in lists[k]:
                xml_votes.append((key, iso(nm, date), lab))
    log(f"unxml: {len(by_symbol)} unique symbols ({dup_count} duplicate records merged, lists equal); "
        f"{overlap_checked} session-74 roll calls already in R unvotes")

    # ---- 3. UN Digital Library scrape: gaps of both ------------------------------------
    und = read_un_data()
    und["symbol"] = und["Resolution"].map(undl_symbol)
    und["date_ts"] = pd.to_datetime(und["Date"], format="%Y-%m-%d", errors="coerce")
    known = set(r_keys) | {symbol_key(x["symbol"]) for x in roll_calls if x["source"] == "unxml"}
    r_end = max(x["date"] for x in roll_calls if x["source"] == "voeten_r")
    xml_start: dict[int, pd.Timestamp] = {}
    for r in by_symbol.values():
        m = re.match(r"(\d+)/", r["resolution_number"])
        if m and sum(map(len, r["_lists"].values())):
            d = parse_date(r["adoption_date"])
            xml_start[int(m[1])] = min(d, xml_start.get(int(m[1]), d))
    # gap windows: after each source's end and before the next one's start
    r_last_73 = max(x["date"] for x in roll_calls if x["source"] == "voeten_r" and x["session"] == 73)
    windows = [(r_last_73, min(xml_start.values())), (r_end, xml_start[75])]
    combined = {symbol_key(s) for s, r in by_symbol.items() if not sum(map(len, r["_lists"].values()))
                and ("recorded" in (r.get("adoption_type") or "").lower())}
    take = und[np.array([any(a < d < b for a, b in windows) if pd.notna(d) else False for d in und.date_ts])
               & ~und.symbol.map(symbol_key).isin(known)]
    # multi-part records that DGACM gives as one record with counts and no lists ("A/RES/75/254 A-C"):
    # take each part (A, B, C) from the UNDL scrape
    bases = [re.sub(r"[A-Z]-[A-Z]$", "", c) for c in combined]
    parts = und[und.symbol.map(lambda s: any(re.fullmatch(re.escape(b) + r"[A-Z]", symbol_key(s)) for b in bases))]
    # recorded votes that Voeten's data lack inside their own span (e.g. A/RES/ES-10/1-18 and 20, A/RES/73/8):
    # resolution symbols absent from the R tables, dated on a day with no R roll call at all, from 1990 on
    # (before 1990 the scrape's symbols and Voeten's approximate dates do not match reliably)
    r_dates = {x["date"] for x in roll_calls if x["source"] == "voeten_r"}
    inside = und[(und.date_ts >= pd.Timestamp(UNDL_FILL_FROM)) & (und.date_ts <= r_end)
                 & und.symbol.str.startswith("A/RES/") & ~und.symbol.map(symbol_key).isin(known)
                 & ~und.date_ts.isin(r_dates)]
    take = pd.concat([take, parts, inside]).drop_duplicates("token")
    seated_on = seats.members_on(take.date_ts.dropna())
    seated_on = set(zip(seated_on.date, seated_on.state))
    non_voting_outside = []
    country_cols = [c for c in und.columns[11:] if c not in ("symbol", "date_ts")]
    rejected_undl = []
    for r in take.sort_values(["date_ts", "symbol"]).itertuples(index=False):
        key = symbol_key(r.symbol)
        rowvals = und.loc[und.token == r.token, country_cols].iloc[0]
        cast = [(c.strip(), v) for c, v in rowvals.items() if v in ("Y", "N", "A")]
        unseated = []
        for c, v in cast:
            try:
                if (r.date_ts, iso(c, r.date_ts)) not in seated_on:
                    unseated.append(c)
            except Exception:  # a name with no seat on the date (e.g. a dated alias)
                unseated.append(c)
        if unseated:  # the record's list cannot belong to that date: reject the roll call, say so
            rejected_undl.append((r.symbol, str(r.date_ts.date()), sorted(unseated)))
            continue
        row = dict(
            rcid=None, session=int(re.match(r"A/RES/(\d+)/", r.symbol)[1]) if not special_of(r.symbol) else None,
            special_session=special_of(r.symbol), date=r.date_ts,
            symbol=r.symbol, unres="", title=undl_title(r.Title),
            description="", agenda_title="", kind="resolution", important=pd.NA, issue_source="",
            source="undl_un_data", source_id=f"UNDL record {r.token}", terms="UNDL-NC",
            tally_yes=int(r._8), tally_no=int(r._7), tally_abstain=int(r._6), tally_absent=int(r._5),
        )
        row.update({c: pd.NA for c in ISSUES})
        roll_calls.append(row)
        for col, val in rowvals.items():
            if val:
                lab = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}[val]
                if lab == "absent" and col.strip().upper() == "YUGOSLAVIA" and not any(
                        (r.date_ts, c) in seated_on for c in ("YUG", "SCG", "SRB")):
                    # the FR Yugoslavia's nameplate 1992-2000 (no seat in members.csv): not a Member's absence
                    non_voting_outside.append((r.symbol, col.strip()))
                    continue
                xml_votes.append((key, iso(col.strip(), r.date_ts), lab))
    log(f"UN_DATA.csv.zip: took {len(take) - len(rejected_undl)} roll calls: "
        f"{', '.join(x for x in take.symbol if x not in {y[0] for y in rejected_undl})}")
    for sym_, date_, who in rejected_undl:
        log(f"UN_DATA.csv.zip: REJECTED {sym_} ({date_}): votes cast by states without a UN seat on that date: {who}")
    fry_marks = {}
    for sym_, _ in non_voting_outside:
        fry_marks[symbol_key(sym_)] = fry_marks.get(symbol_key(sym_), 0) + 1
    if non_voting_outside:
        log(f"UN_DATA.csv.zip: {len(non_voting_outside)} non-voting marks of YUGOSLAVIA while no Yugoslav seat was "
            f"held (1992-09-22 to 2000-11-01) read as non-member: {sorted({x[0] for x in non_voting_outside})}")

    # ---- 4. 3DL 2025 scrape ------------------------------------------------------------
    tdl = read_3dl()
    # UNBIS subject terms: the wide file's "Topic Tags" ("; "-separated; the processed file's comma-separated
    # `tags` splits headings that contain commas)
    wide = pd.read_csv(RAW / "undl-scrapes" / "3dl_unga_2025_resolutions_wide.csv", dtype=str, keep_default_na=False)
    wide = wide[wide.Resolution != ""]  # the second header row holds country names
    tags3 = {symbol_key(undl_symbol(a)): list(dict.fromkeys(t.strip() for t in b.split(";") if t.strip()))
             for a, b in zip(wide.Resolution, wide["Topic Tags"])}
    iso_cols = [c for c in tdl.columns[16:]]
    known = {symbol_key(x["symbol"]) for x in roll_calls}
    added3 = []
    check3 = 0
    for r in tdl.itertuples(index=False):
        sym = undl_symbol(r.Resolution)
        key = symbol_key(sym)
        date = pd.Timestamp(r.Date).normalize()
        row_votes = tdl.loc[tdl.token == r.token, iso_cols].iloc[0]
        vv = [(key, c, {"YES": "yes", "NO": "no", "ABSTAIN": "abstain"}[x]) for c, x in row_votes.items() if x]
        if key in known:
            check3 += 1
            continue  # cross-checked below against the unxml lists
        added3.append(sym)
        special = special_of(sym)
        m = re.match(r"A/(?:RES|DEC)/(\d+)/", sym)
        row = dict(
            rcid=None, session=int(m[1]) if m else None, special_session=special, date=date, symbol=sym, unres="",
            title=undl_title(r.Title), description="", agenda_title="", kind="decision" if "/DEC/" in sym else "resolution",
            important=pd.NA, issue_source="", source="undl_3dl", source_id=f"UNDL record {r.token}", terms="UNDL-NC",
            tally_yes=int(r._10), tally_no=int(r._11), tally_abstain=int(r._12), tally_absent=int(r._13),
        )
        row.update({c: pd.NA for c in ISSUES})
        roll_calls.append(row)
        for t in tags3.get(key, []):
            subjects.append((key, t))
        for k, c, lab in vv:
            if c not in names.codes:
                raise SystemExit(f"3DL: unknown ISO3 column {c!r}")
            xml_votes.append((k, c, lab))
    log(f"3DL 2025: added {len(added3)} roll calls ({', '.join(added3)}); {check3} already present")

    # ---- 5. press-compiled ES-10/23 ----------------------------------------------------
    press = pd.read_csv(RAW / "press-compiled" / "es10_23.csv", dtype=str, keep_default_na=False)
    sym, date = "A/RES/ES-10/23", pd.Timestamp("2024-05-10")
    if symbol_key(sym) not in known:
        row = dict(
            rcid=None, session=None, special_session="ES-10", date=date, symbol=sym, unres="",
            title="Admission of new Members to the United Nations", description="", agenda_title="",
            kind="resolution", important=pd.NA, issue_source="", source="press", source_id="press-compiled/es10_23.csv",
            terms="press", tally_yes=pd.NA, tally_no=pd.NA, tally_abstain=pd.NA, tally_absent=pd.NA,
        )
        row.update({c: pd.NA for c in ISSUES})
        roll_calls.append(row)
        for c, lab in zip(press.country, press.vote):
            xml_votes.append((symbol_key(sym), iso(c, date), lab))

    # ---- assemble roll calls -----------------------------------------------------------
    R = pd.DataFrame(roll_calls)
    # sessions for emergency/special-session votes: the regular session in progress on the date
    opening = (R[R.special_session == ""].groupby("session").date.min()).sort_index()
    miss = R.session.isna()
    R.loc[miss, "session"] = [int(opening.index[opening.searchsorted(d, side="right") - 1]) for d in R.loc[miss, "date"]]
    R["session"] = R["session"].astype("int64")
    # rcids for roll calls not in Voeten's data: a committed registry keeps them stable
    reg = pd.read_csv(REGISTRY, dtype={"symbol": str, "rcid": "int64"}) if REGISTRY.exists() else pd.DataFrame(
        {"symbol": pd.Series(dtype=str), "rcid": pd.Series(dtype="int64")})
    regmap = dict(zip(reg.symbol, reg.rcid))
    new = R[R.rcid.isna()].sort_values(["date", "symbol"])
    nxt = max([NEW_RCID_START - 1, *regmap.values()]) + 1
    for i in new.index:
        s = R.at[i, "symbol"]
        if s not in regmap:
            regmap[s] = nxt
            nxt += 1
        R.at[i, "rcid"] = regmap[s]
    R["rcid"] = R["rcid"].astype("int64")
    if R.rcid.duplicated().any():
        raise SystemExit(f"duplicate rcids: {R.rcid[R.rcid.duplicated()].tolist()}")
    key2rcid = {symbol_key(s): r for s, r, src in zip(R.symbol, R.rcid, R.source) if src != "voeten_r"}

    # ---- assemble votes (yes/no/abstain, then absent from membership) -----------------------
    V1 = votes[0]
    X = pd.DataFrame(xml_votes, columns=["key", "state", "vote"])
    X["rcid"] = X.key.map(key2rcid)
    V = pd.concat([V1, X[["rcid", "state", "vote"]]], ignore_index=True)
    dup = V.duplicated(["rcid", "state"], keep=False)
    if dup.any():
        raise SystemExit(f"duplicate (rcid, state) votes:\n{V[dup].head(20)}")
    V = V.merge(R[["rcid", "date"]], on="rcid", how="left", validate="many_to_one")
    seated = seats.members_on(R.date)
    full = R[["rcid", "date"]].merge(seated, on="date")
    chk = V.merge(full[["rcid", "state"]], on=["rcid", "state"], how="left", indicator=True)
    outside = chk[chk._merge == "left_only"].merge(seats.spells, left_on="state", right_on="iso3", how="left")
    # distance (days) from the vote's date to the nearest seat spell of that state
    gap = np.minimum((outside.start - outside.date).dt.days.abs(), (outside.date - outside.end).dt.days.abs())
    outside = outside.assign(gap=gap).groupby(["rcid", "state", "date"], as_index=False).gap.min()
    far = outside[outside.gap > MAX_DATE_SLACK_DAYS]
    if len(far):
        raise SystemExit("votes by states without a seat on the date (members.csv):\n" + far.to_string())
    # Old Voeten dates are approximate (often the first of a month): a vote recorded a few days
    # before an admission is kept, and the state counts as seated on that roll call.
    off_spell = outside[["rcid", "state"]]
    full = pd.concat([full[["rcid", "state"]], off_spell], ignore_index=True)
    by_state = outside.groupby("state").agg(n=("rcid", "size"), first=("date", "min"), last=("date", "max"))
    log(f"{len(outside)} votes fall outside members.csv spells by at most {MAX_DATE_SLACK_DAYS} days "
        f"(approximate source dates); kept:\n{by_state.to_string()}")
    off_spell_report = by_state
    V = full[["rcid", "state"]].merge(V[["rcid", "state", "vote"]], on=["rcid", "state"], how="left")
    V["vote"] = V["vote"].fillna("absent")
    V = V.sort_values(["rcid", "state"]).reset_index(drop=True)

    # ---- fidelity: per-state counts equal every recorded tally -------------------------------
    counts = V.pivot_table(index="rcid", columns="vote", values="state", aggfunc="size", fill_value=0)
    for c in ("yes", "no", "abstain", "absent"):
        if c not in counts:
            counts[c] = 0
    RC = R.set_index("rcid")
    mism = []
    for cat in ("yes", "no", "abstain", "absent"):
        t = RC[f"tally_{cat}"]
        has = t.notna()
        expected = t.fillna(-1).astype("int64")
        if cat == "absent":  # UNDL counts the FR Yugoslavia nameplate (1992-2000, no seat) as non-voting
            expected = expected - RC["symbol"].map(lambda x: fry_marks.get(symbol_key(x), 0)).astype("int64")
        bad = has & (expected != counts.reindex(RC.index)[cat])
        for rcid in RC.index[bad]:
            mism.append((RC.at[rcid, "symbol"], cat, int(t[rcid]), int(counts.at[rcid, cat])))
    unexpected = [m for m in mism if (m[0], m[1]) not in KNOWN_TALLY_EXCEPTIONS]
    missing_exc = set(KNOWN_TALLY_EXCEPTIONS) - {(m[0], m[1]) for m in mism}
    if unexpected or missing_exc:
        raise SystemExit(f"tally check failed: unexpected {unexpected}; expected but not seen {missing_exc}")
    log(f"tallies: {int(RC.tally_yes.notna().sum())} roll calls with recorded totals match their per-state counts, "
        f"except {mism}")
    # session-74 overlap: R (Voeten) votes vs the DGACM lists
    dis = 0
    for rr in roll_calls:
        if "_xml" not in rr:
            continue
        r, lists, cnt = rr["_xml"]
        mine = V[V.rcid == rr["rcid"]].set_index("state").vote
        for k, lab in (("MS_in_favour", "yes"), ("MS_against", "no"), ("MS_abstaining", "abstain")):
            for nm in lists[k]:
                if mine.get(iso(nm, rr["date"])) != lab:
                    dis += 1
    if dis:
        raise SystemExit(f"session 74: {dis} votes differ between R unvotes and DGACM")
    log(f"session 74 overlap: {overlap_checked} roll calls, 0 votes differ between R unvotes and DGACM")
    # 3DL rows already present: cross-check (AFG and VEN have no column: absent)
    dis3 = 0
    for r in tdl.itertuples(index=False):
        key = symbol_key(undl_symbol(r.Resolution))
        if key not in key2rcid:
            continue
        rcid = key2rcid[key]
        if R.loc[R.rcid == rcid, "source"].iloc[0] == "undl_3dl":
            continue
        mine = V[V.rcid == rcid].set_index("state").vote
        row_votes = tdl.loc[tdl.token == r.token, iso_cols].iloc[0]
        for c, x in row_votes.items():
            lab = {"YES": "yes", "NO": "no", "ABSTAIN": "abstain", "": "absent"}[x]
            if mine.get(c, "non_member") != lab:
                dis3 += 1
    log(f"3DL cross-check: {dis3} votes differ from the DGACM lists on the shared roll calls")
    if dis3:
        raise SystemExit("3DL and DGACM disagree")

    # ---- agenda of emergency special sessions with a single agenda item (DGACM) ------------
    es_agenda: dict[str, set] = {}
    for r in by_symbol.values():
        sp = special_of(r["symbol"])
        if sp and r.get("agenda_item_name"):
            es_agenda.setdefault(sp, set()).add(r["agenda_item_name"])
    for sp, items in es_agenda.items():
        if len(items) == 1:
            fill = (R.special_session == sp) & (R.agenda_title == "")
            R.loc[fill, "agenda_title"] = next(iter(items))
            if fill.any():
                log(f"{sp}: agenda title of {int(fill.sum())} roll calls taken from the session's single DGACM agenda item")

    # ---- issue codes: Voeten's where they exist, the documented rule elsewhere (unvotes.issues) ----
    from unvotes.issues import fill_issue_codes

    S = pd.DataFrame(subjects, columns=["key", "subject"])
    allkeys = {symbol_key(s): r for s, r in zip(R.symbol, R.rcid) if s}
    S["rcid"] = S.key.map(allkeys).astype("int64")
    S = S[["rcid", "subject"]].drop_duplicates().sort_values(["rcid", "subject"])
    for c in ISSUES:
        R[c] = R[c].astype("boolean")
    R = fill_issue_codes(R, subjects=S)
    log("issue codes: " + ", ".join(f"{k} {int(n)}" for k, n in R.issue_source.value_counts().items()))

    # ---- write -------------------------------------------------------------------------
    R = R.sort_values(["date", "rcid"]).reset_index(drop=True)
    for c in ("tally_yes", "tally_no", "tally_abstain", "tally_absent"):
        R[c] = R[c].astype("Int64")
    R["date"] = R["date"].dt.strftime("%Y-%m-%d")
    R["important"] = R["important"].map({True: "1", False: "0"}).fillna("")
    for c in ISSUES:
        R[c] = R[c].astype(object).map({True: "1", False: "0"}).fillna("")
    cols = ["rcid", "session", "special_session", "date", "symbol", "unres", "title", "description", "agenda_title",
            "kind", "important", *ISSUES, "issue_source", "tally_yes", "tally_no", "tally_abstain", "tally_absent",
            "source", "source_id", "terms"]
    R = R[cols]
    # ---- the official record wins (unvotes.io.official; DATA-NOTES section 6, issue 13) ----------
    from unvotes import read_undl
    from unvotes.io.official import reconcile_official

    undl, _ = read_undl(RAW / "undl-scrapes" / "UN_DATA.csv.zip")
    R, V, corrections, official_summary, regmap = reconcile_official(
        R, V[["rcid", "state", "vote"]].astype({"state": str, "vote": str}), undl, members, registry=regmap, log=log)
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = {"outputs": {}, "inputs": {}}
    write_csv(R, "roll_calls.csv.gz", manifest)
    write_csv(V[["rcid", "state", "vote"]], "votes.csv.gz", manifest)
    write_csv(corrections, "corrections.csv.gz", manifest)
    write_csv(S, "subjects.csv.gz", manifest)
    for src, dst in ((RAW / "reference-tables" / "members.csv", "states.csv"),
                     (RAW / "reference-tables" / "blocs.csv", "blocs.csv"),
                     (RAW / "reference-tables" / "observers.csv", "observers.csv"),
                     (ALIASES, "state_aliases.csv"), (NOTES, "notes.csv")):
        df = pd.read_csv(src, dtype=str, keep_default_na=False)
        write_csv(df, dst, manifest)
    pd.DataFrame(sorted(regmap.items(), key=lambda kv: kv[1]), columns=["symbol", "rcid"]).to_csv(
        REGISTRY, index=False, lineterminator="\n")
    for p in sorted(RAW.rglob("*")):
        if p.is_file():
            manifest["inputs"][str(p.relative_to(RAW))] = hashlib.sha256(p.read_bytes()).hexdigest()
    summary = {
        "roll_calls": len(R), "votes": len(V),
        "first_date": R.date.min(), "last_date": R.date.max(),
        "votes_by_value": {k: int(x) for k, x in V.vote.value_counts().sort_index().items()},
        "roll_calls_by_source": {k: int(x) for k, x in R.source.value_counts().sort_index().items()},
        "tally_exceptions": [list(m) for m in mism],
        "official_record": official_summary,
        "rejected_source_records": [{"source": "undl_un_data", "symbol": a, "date": b, "reason":
                                     f"votes cast by states without a UN seat on that date: {c}"} for a, b, c in rejected_undl],
    }
    manifest["summary"] = summary
    (OUT / "catalogue.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log(json.dumps(summary, indent=1))


def write_csv(df: pd.DataFrame, name: str, manifest: dict) -> None:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    data = buf.getvalue().encode("utf-8")
    if name.endswith(".gz"):
        out = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        data = out.getvalue()
    (OUT / name).write_bytes(data)
    manifest["outputs"][name] = {"rows": len(df), "sha256": hashlib.sha256(data).hexdigest()}


if __name__ == "__main__":
    main()
