"""Build the compiled unvotes record from the raw public sources.

Usage (from the repository root)::

    pip install -e ".[build]"      # rdata reads the R .rda files
    python datasets/build.py       # writes datasets/compiled/ and its catalogue.json

The build is deterministic: a rerun on the same raw files gives byte-identical
outputs (gzip without timestamps, sorted rows, fixed float formats). The
manifest ``datasets/compiled/catalogue.json`` records each output's row count
and sha256, and the sha256 of every raw input.

Every source is read with a public reader of ``unvotes.io`` and laid into the record by one
step of ``unvotes.io.compilation``; this script only names the files, the pins and the order.

Order of precedence (DATA-NOTES.md section 6; each step adds only roll calls that no earlier
step holds, so to change the precedence, change the order of the steps in ``main``):

1. 1946 to 2019-12-27: the R package ``unvotes`` 0.3.0 tables (Voeten's data,
   CC0); absent and non-member rebuilt from ``members.csv``.
2. From 2019-11-07: the UN DGACM machine-readable resolutions (``unxml``),
   deduplicated and name-normalised. Session 74 is in both: the R roll call is
   kept (it carries Voeten's rcid and issue codes) and the two are cross-checked.
3. Gaps of both: the UN Digital Library scrape ``UN_DATA.csv.zip`` (the ten
   late session-73 votes, the six session-74 votes of 2020, A/RES/75/254 A-C).
4. 2025 gaps: the 3DL scrape of the UN Digital Library (ES-11/7 to 9, ES-10/27...).
5. A/RES/ES-10/23: the press-compiled list.
6. The official record wins (``unvotes.io.official``): where the UN Digital Library has a record
   of one of Voeten's roll calls (paired by ``unvotes.match_roll_calls``), its symbol, date,
   title, session and votes replace Voeten's; its records of votes missing from Voeten's data
   are added. Every change is written to ``corrections.csv.gz``.

Every state is keyed by ISO 3166-1 alpha-3; an unknown or ambiguous name
stops the build with a message naming it. Every roll call whose source records
totals is checked against its per-state counts; the only allowed differences
are listed in ``KNOWN_TALLY_EXCEPTIONS`` and the build fails on any other.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "datasets" / "raw"
OUT = ROOT / "datasets" / "compiled"
ALIASES = ROOT / "datasets" / "aliases" / "state_aliases.csv"
NOTES = ROOT / "datasets" / "notes.csv"
REGISTRY = ROOT / "datasets" / "rcid_registry.csv"

sys.path.insert(0, str(ROOT))
from unvotes.errors import UnvotesError  # noqa: E402
from unvotes.io import compilation as c  # noqa: E402
from unvotes.io.dgacm import read_dgacm  # noqa: E402
from unvotes.io.press import read_press_list  # noqa: E402
from unvotes.io.undl import read_undl_table  # noqa: E402
from unvotes.io.voeten import read_voeten_r  # noqa: E402
from unvotes.io.official import adopted_without_vote, reconcile_official  # noqa: E402
from unvotes.io.undl import read_undl  # noqa: E402

# Pinned raw inputs: the build refuses to run on other versions.
EXPECTED_R_ROWS = {"un_votes": 869_937, "un_roll_calls": 6_202, "un_roll_call_issues": 5_745}

# Roll calls whose source's stated count differs from its own name list.
# (symbol, vote) -> explanation. Documented in datasets/README.md.
KNOWN_TALLY_EXCEPTIONS = {
    ("A/RES/77/293", "abstain"): "DGACM 77.json states 59 abstentions but lists 58 names (DATA-NOTES 2, problem 4)",
}

# A/RES/ES-10/23 as datasets/raw/press-compiled/README.md names it.
PRESS_ES10_23 = dict(symbol="A/RES/ES-10/23", date="2024-05-10", title="Admission of new Members to the United Nations",
                     source_id="press-compiled/es10_23.csv")

# Copied as published: compiled name -> raw table.
COPIES = {"states.csv": RAW / "reference-tables" / "members.csv", "blocs.csv": RAW / "reference-tables" / "blocs.csv",
          "observers.csv": RAW / "reference-tables" / "observers.csv", "state_aliases.csv": ALIASES,
          "cow_state_abbreviations.csv": RAW / "reference-tables" / "cow_state_abbreviations.csv",
          "notes.csv": NOTES}


def text_table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def voeten_r_tables():
    t = read_voeten_r(RAW / "unvotes-r")
    got = {"un_votes": len(t.votes), "un_roll_calls": len(t.roll_calls), "un_roll_call_issues": len(t.issues)}
    for n, rows in EXPECTED_R_ROWS.items():
        if got[n] != rows:
            raise SystemExit(f"R unvotes table {n} has {got[n]} rows, expected {rows} (CRAN 0.3.0 build)")
    return t


def registry() -> dict:
    if not REGISTRY.exists():
        return {}
    reg = pd.read_csv(REGISTRY, dtype={"symbol": str, "rcid": "int64"})
    return dict(zip(reg.symbol, reg.rcid))


def write_registry(regmap: dict) -> None:
    pd.DataFrame(sorted(regmap.items(), key=lambda kv: kv[1]), columns=["symbol", "rcid"]).to_csv(
        REGISTRY, index=False, lineterminator="\n")


def official_record(compiled, comp):
    """6. The official record wins: Voeten's roll calls take the UN Digital Library's values (issue 13)."""
    undl, _ = read_undl(RAW / "undl-scrapes" / "UN_DATA.csv.zip")
    votes = compiled.votes.astype({"state": str, "vote": str})
    compiled.roll_calls, compiled.votes, corrections, summary, compiled.registry = reconcile_official(
        compiled.roll_calls, votes, undl, text_table(RAW / "reference-tables" / "members.csv"),
        registry=compiled.registry, log=comp.log)
    return corrections, summary


def main() -> None:
    comp = c.Compilation(text_table(RAW / "reference-tables" / "members.csv"), text_table(ALIASES))
    c.add_voeten_r(comp, *voeten_r_tables())                                              # 1
    dgacm = read_dgacm(RAW / "unxml")
    c.add_dgacm(comp, dgacm)                                                              # 2
    c.add_undl_gaps(comp, read_undl_table(RAW / "undl-scrapes" / "UN_DATA.csv.zip"))      # 3
    c.add_3dl(comp, read_undl_table(RAW / "undl-scrapes" / "3dl_un_votes_2025_processed.csv"),
              read_undl_table(RAW / "undl-scrapes" / "3dl_unga_2025_resolutions_wide.csv", council=None))  # 4
    c.add_press_list(comp, read_press_list(RAW / "press-compiled" / "es10_23.csv"), **PRESS_ES10_23)  # 5
    compiled = c.compile_record(comp, registry=registry(), tally_exceptions=KNOWN_TALLY_EXCEPTIONS)
    corrections, official_summary = official_record(compiled, comp)                       # 6
    copies = {k: text_table(p) for k, p in COPIES.items()} | {
        "corrections.csv.gz": corrections, "adopted_without_vote.csv.gz": adopted_without_vote(dgacm)}
    manifest = c.write_compiled(OUT, compiled, copies=copies, raw=RAW, summary={"official_record": official_summary})
    write_registry(compiled.registry)
    comp.log(json.dumps(manifest["summary"], indent=1))


if __name__ == "__main__":
    try:
        main()
    except UnvotesError as exc:  # a broken invariant or an unknown name: stop, naming it
        raise SystemExit(f"build failed: {type(exc).__name__}: {exc}") from exc
