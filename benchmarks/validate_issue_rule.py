"""Validate the issue rule of ``unvotes.issues`` against Voeten's own codes.

The rule (``unvotes.issues.classify``) was written on the roll calls dated
2000-2009 and is validated here, unchanged, on those dated 2010-2019. For each
roll call of Voeten's data (R package ``unvotes`` 0.3.0) the rule reads:

* the official title of the resolution from the UN Digital Library scrape
  ``datasets/raw/undl-scrapes/UN_DATA.csv.zip`` (joined on the resolution
  symbol; paragraph and amendment votes share their resolution's symbol);
  where no UNDL title exists, Voeten's ``short`` text is used instead;
* for session 74 (Nov-Dec 2019) also the DGACM agenda item name and UNBIS
  subjects of ``datasets/raw/unxml/74.json``.

It prints, per code and period, the confusion counts (tp, fp, fn, tn),
precision and recall, for all roll calls and for the votes on whole
resolutions (Voeten's ``descr`` is not a meeting-record excerpt). The named
baseline is Voeten's self-consistency: predicting each roll call's code by the
majority of Voeten's codes on roll calls with the same title in the same
period (an in-sample ceiling for any rule that reads titles only); the ratio
rule / baseline is printed next to it.

Run:  python benchmarks/validate_issue_rule.py   (needs the ``rdata`` package)
"""

from __future__ import annotations

import json
import re
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from unvotes.issues import ISSUE_CODES, classify

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "datasets" / "raw"
DEV_YEARS = (2000, 2009)
TEST_YEARS = (2010, 2019)


def _key_undl(symbol: str) -> str | None:
    """Join key of a UNDL resolution symbol: "65/123", "35/115B", "3484E", "ES-10/19"."""
    s = symbol.strip()
    m = re.match(r"A/RES/(\d+)/(\d+)\s*\[?([A-Z]{0,2})\]?$", s)
    if m:
        return f"{m[1]}/{m[2]}{m[3]}"
    m = re.match(r"A/RES/(\d+)\([IVXL]+\)\s*(?:\[([A-Z])\])?$", s)
    if m:
        return f"{m[1]}{m[2] or ''}"
    m = re.match(r"A/RES/ES-(\d+)/(\d+)\s*\[?([A-Z]?)\]?$", s)
    if m:
        return f"ES-{m[1]}/{m[2]}{m[3]}"
    return None


def _key_voeten(unres) -> str | None:
    """Join key of Voeten's ``unres`` ("R/65/123", "A/RES/74/1", "R/30/3390A")."""
    if unres is None or pd.isna(unres):
        return None
    s = str(unres).strip()
    m = re.match(r"(?:R|A/RES)/(\d+)/(\d+)\s*/?([A-Z]?)$", s)
    if m:
        # before session 31 resolutions were numbered across sessions: 3390(XXX)
        return f"{m[2]}{m[3]}" if int(m[1]) <= 30 else f"{m[1]}/{m[2]}{m[3]}"
    m = re.match(r"A/RES/ES-(\d+)/(\d+)$", s)
    if m:
        return f"ES-{m[1]}/{m[2]}"
    return None


def load_validation_table() -> pd.DataFrame:
    """Voeten's roll calls with their codes, official title, agenda and subjects."""
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rc = rdata.read_rda(RAW / "unvotes-r" / "un_roll_calls.rda")["un_roll_calls"]
        iss = rdata.read_rda(RAW / "unvotes-r" / "un_roll_call_issues.rda")["un_roll_call_issues"]
    assert len(rc) == 6202 and len(iss) == 5745, "not the CRAN 0.3.0 build of the R unvotes tables"
    rc = rc.reset_index(drop=True)
    rc["rcid"] = rc["rcid"].astype("int64")
    rc["date"] = pd.to_datetime(rc["date"], unit="D")
    rc["year"] = rc["date"].dt.year
    wide = (iss.assign(v=True).pivot_table(index="rcid", columns="short_name", values="v",
                                           aggfunc="any", fill_value=False))
    for c in ISSUE_CODES:
        rc[c] = rc["rcid"].map(wide[c].astype(bool)).fillna(False).astype(bool)

    with zipfile.ZipFile(RAW / "undl-scrapes" / "UN_DATA.csv.zip") as z:
        un = pd.read_csv(z.open(z.namelist()[0]), encoding="utf-8-sig", dtype=str,
                         usecols=["Council", "Title", "Resolution"])
    ga = un[un["Council"] == "General Assembly"].copy()
    ga["key"] = ga["Resolution"].map(_key_undl)
    ga = ga.dropna(subset=["key"]).drop_duplicates("key")
    rc["key"] = rc["unres"].map(_key_voeten)
    rc["undl_title"] = rc["key"].map(ga.set_index("key")["Title"])

    recs = [json.loads(line) for line in open(RAW / "unxml" / "74.json", encoding="utf-8") if line.strip()]
    x = pd.DataFrame(recs)
    x["key"] = x["symbol"].str.replace(r"^A/RES/", "", regex=True).str.strip()
    x = x.drop_duplicates("key").set_index("key")
    in74 = rc["session"] == 74
    rc["agenda_title"] = None
    rc["subjects"] = None
    rc.loc[in74, "agenda_title"] = rc.loc[in74, "key"].map(x["agenda_item_name"])
    rc.loc[in74, "subjects"] = rc.loc[in74, "key"].map(x["subjects"])
    rc["has_undl_title"] = rc["undl_title"].notna()
    rc["title"] = rc["undl_title"].fillna(rc["short"]).fillna("")
    speech = rc["descr"].fillna("").str.match(r"\s*(?:The (?:Acting )?(?:President|Chair)|Mr\.|Ms\.|Mrs\.)")
    rc["whole"] = ~speech
    return rc


def _norm_title(t: pd.Series) -> pd.Series:
    t = t.str.replace(r"\s*:\s*resolution\s*/.*$", "", regex=True)
    return t.str.lower().str.replace(r"[^a-z]", "", regex=True)


def confusion(truth: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for c in ISSUE_CODES:
        t, p = truth[c].to_numpy(bool), pred[c].to_numpy(bool)
        tp, fp, fn, tn = int((t & p).sum()), int((~t & p).sum()), int((t & ~p).sum()), int((~t & ~p).sum())
        rows.append({"code": c, "n_voeten": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
                     "precision": tp / (tp + fp) if tp + fp else np.nan,
                     "recall": tp / (tp + fn) if tp + fn else np.nan})
    return pd.DataFrame(rows).set_index("code")


def majority_baseline(d: pd.DataFrame) -> pd.DataFrame:
    key = _norm_title(d["title"])
    return pd.DataFrame({c: d.groupby(key)[c].transform("mean").to_numpy() >= 0.5 for c in ISSUE_CODES},
                        index=d.index)


def report(d: pd.DataFrame, label: str, agenda: bool = False) -> pd.DataFrame:
    pred = classify(d["title"], d["agenda_title"] if agenda else None, d["subjects"] if agenda else None)
    cm = confusion(d, pred)
    base = confusion(d, majority_baseline(d))
    cm["base_P"] = base["precision"]
    cm["base_R"] = base["recall"]
    cm["P/base"] = cm["precision"] / cm["base_P"]
    cm["R/base"] = cm["recall"] / cm["base_R"]
    print(f"\n== {label}: {len(d)} roll calls ==")
    print(cm.to_string(float_format=lambda v: f"{v:.3f}"))
    return cm


def main(argv: list[str]) -> int:
    rc = load_validation_table()
    for name, (lo, hi) in (("DEV (rule written on)", DEV_YEARS), ("TEST (validation)", TEST_YEARS)):
        d = rc[rc["year"].between(lo, hi)]
        n_title = int(d["has_undl_title"].sum())
        print(f"\n#### {name}: roll calls dated {lo}-{hi}; {n_title} of {len(d)} with a UNDL title "
              f"({len(d) - n_title} read Voeten's short text)")
        report(d, f"{name} {lo}-{hi}, all roll calls")
        report(d[d["whole"]], f"{name} {lo}-{hi}, votes on whole resolutions")
        if name.startswith("TEST"):
            report(d[d["session"] != 74], f"{name} {lo}-{hi} without session 74, all roll calls")
            report(d[(d["session"] != 74) & d["whole"]],
                   f"{name} {lo}-{hi} without session 74, votes on whole resolutions")
    print("\n== Voeten's labels, session 74 vs sessions 65-73 (label defect check) ==")
    for label, sel in (("sessions 65-73", rc["session"].between(65, 73)), ("session 74", rc["session"] == 74)):
        d = rc[sel]
        print(f"{label}: {len(d)} roll calls; di {int(d['di'].sum())}; co {int(d['co'].sum())} "
              f"(of which also di: {int((d['co'] & d['di']).sum())}); ec {int(d['ec'].sum())} "
              f"(of which also di: {int((d['ec'] & d['di']).sum())})")
    d = rc[(rc["session"] == 74) & rc["agenda_title"].notna()]
    report(d, "TEST session 74 (2019) with the UNDL title only")
    report(d, "TEST session 74 (2019) with the UNDL title + DGACM agenda item + UNBIS subjects", agenda=True)
    old = rc[rc["year"] < DEV_YEARS[0]]
    report(old[old["has_undl_title"]], f"OUT OF PERIOD 1946-{DEV_YEARS[0] - 1}, roll calls with a UNDL title")
    timing(rc)
    return 0


def _naive_classify(titles: list[str]) -> pd.DataFrame:
    """Baseline: one re.search per roll call and pattern, in a Python loop (titles only)."""
    from unvotes.issues import TITLE_EXCLUSIONS, TITLE_PATTERNS

    out = {c: [] for c in ISSUE_CODES}
    for t in titles:
        for c in ISSUE_CODES:
            text = t
            for e in TITLE_EXCLUSIONS[c]:
                text = re.sub(e, " ", text, flags=re.IGNORECASE)
            out[c].append(any(re.search(p, text, re.IGNORECASE) for p in TITLE_PATTERNS[c]))
    return pd.DataFrame(out)


def timing(rc: pd.DataFrame, repeat: int = 5) -> None:
    """Speed of classify() on every Voeten title, against the naive per-row loop."""
    import time

    titles = rc["title"].str.replace(r"\s*:\s*resolution\s*/\s*adopted by the General Assembly.*$", "",
                                     regex=True, case=False)
    best = {}
    for name, fn in (("classify (vectorised pandas str ops)", lambda: classify(titles)),
                     ("baseline: per-row re.search loop", lambda: _naive_classify(list(titles)))):
        ts = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            res = fn()
            ts.append(time.perf_counter() - t0)
        best[name] = (min(ts), res)
    a, b = best["classify (vectorised pandas str ops)"], best["baseline: per-row re.search loop"]
    same = bool((a[1].to_numpy() == b[1].to_numpy()).all())
    print(f"\n== Speed: {len(titles)} titles (all Voeten roll calls), best of {repeat} ==")
    for name, (t, _) in best.items():
        print(f"{name:40s} {t * 1e3:8.1f} ms")
    print(f"ratio baseline / classify: {b[0] / a[0]:.1f}x; identical codes: {same}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
