"""The build's steps (unvotes.io.compilation) on real raw tables.

External values: the UN had 59 Members on 1 January 1950 (51 founders; Afghanistan, Iceland,
Sweden and Thailand admitted in 1946, Pakistan and Yemen in 1947, Burma in 1948, Israel in
1949) and 193 in 2025 (South Sudan, 2011, the last admitted); the first resolution of the GA is
A/RES/1(I) of 24 January 1946; A/RES/ES-10/23 was adopted 143-9-25 with 16 not voting
(GA/12600). The whole build reproduces datasets/compiled byte for byte (docs/DESIGN.md; the
proof is in the catalogue's sha256 values, checked by rerunning datasets/build.py).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from unvotes.errors import DataIntegrityError, UnknownStateError
from unvotes.io import compilation as c
from unvotes.io.press import read_press_list

RAW = Path(__file__).resolve().parents[1] / "datasets" / "raw"
ALIASES = RAW.parent / "aliases" / "state_aliases.csv"


def _table(p):
    return pd.read_csv(p, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def comp():
    return c.Compilation(_table(RAW / "reference-tables" / "members.csv"), _table(ALIASES), log=lambda *a: None)


def test_membership_counts_the_members_on_a_date(comp):
    on = comp.seats.members_on(pd.Series(pd.to_datetime(["1950-01-01", "2025-02-24"])))
    assert on.groupby("date").size().tolist() == [59, 193]


def test_symbols():
    assert c.voeten_symbol("R/1/1") == "A/RES/1(I)"
    assert c.voeten_symbol("R/74/1") == "A/RES/74/1"
    assert c.voeten_symbol("ESS/10/14") == "A/RES/ES-10/14"
    assert c.undl_symbol("A/RES/73/268B") == "A/RES/73/268 B"
    assert c.special_session_of("A/RES/ES-11/7") == "ES-11" and c.special_session_of("A/RES/79/1") == ""


def test_press_step_maps_every_name_and_skips_a_held_symbol(comp):
    press = read_press_list(RAW / "press-compiled" / "es10_23.csv")
    args = dict(symbol="A/RES/ES-10/23", date="2024-05-10", title="Admission of new Members", source_id="x")
    c.add_press_list(comp, press, **args)
    votes = pd.DataFrame(comp.listed_votes, columns=["key", "state", "vote"])
    assert votes["state"].is_unique and len(votes) == 193
    assert votes["vote"].value_counts().to_dict() == {"yes": 143, "abstain": 25, "absent": 16, "no": 9}
    assert votes.set_index("state").loc["USA", "vote"] == "no"
    c.add_press_list(comp, press, **args)  # an earlier step (here: the same) holds the symbol
    assert len(comp.roll_calls) == 1 and len(comp.listed_votes) == 193


def test_an_unknown_name_stops_the_build(comp):
    with pytest.raises(UnknownStateError, match="Atlantis"):
        comp.iso("Atlantis", "2024-05-10")


def test_tally_check_allows_only_the_listed_exceptions(comp):
    R = pd.DataFrame({"rcid": [1], "symbol": ["A/RES/77/293"], "tally_yes": [2], "tally_no": [0],
                      "tally_abstain": [1], "tally_absent": [pd.NA]})
    V = pd.DataFrame({"rcid": [1, 1], "state": ["FRA", "USA"], "vote": ["yes", "yes"]})
    with pytest.raises(DataIntegrityError, match="unexpected .*'abstain', 1, 0"):
        c.check_tallies(comp, R, V, {})
    assert c.check_tallies(comp, R, V, {("A/RES/77/293", "abstain"): "why"}) == [("A/RES/77/293", "abstain", 1, 0)]
    with pytest.raises(DataIntegrityError, match="expected but not seen"):
        c.check_tallies(comp, R.assign(tally_abstain=0), V, {("A/RES/77/293", "abstain"): "why"})


def test_rcids_are_kept_from_the_registry_and_new_ones_follow():
    R = pd.DataFrame({"rcid": [None, None, 9147], "symbol": ["A/RES/80/2", "A/RES/80/1", "A/RES/74/1"],
                      "date": pd.to_datetime(["2025-10-01", "2025-10-01", "2019-10-01"])})
    reg = c.assign_rcids(R, {"A/RES/80/2": 100_500})
    assert R["rcid"].tolist() == [100_500, 100_501, 9147] and reg["A/RES/80/1"] == 100_501
