"""Resolution lineage (unvotes.record.lineage): links pinned on resolutions that the UN adopts every session."""

import pandas as pd
import pytest

import unvotes
from unvotes.record.lineage import LINEAGE_KINDS, lineage, title_key


@pytest.fixture(scope="module")
def lin():
    return unvotes.load().lineage.set_index("symbol")


def test_cuba_embargo_chain(lin):
    # "Necessity of ending the economic, commercial and financial embargo imposed by the United States
    # of America against Cuba": A/RES/72/4 (2017) ... A/RES/80/4 (2025), one resolution a year
    # (session 76 had none: the 2021 vote was A/RES/75/289, held over from session 75).
    chain = ["A/RES/72/4", "A/RES/73/8", "A/RES/74/7", "A/RES/75/289", "A/RES/77/7", "A/RES/78/7",
             "A/RES/79/7", "A/RES/80/4"]
    ids = lin.loc[chain, "lineage_id"]
    assert ids.nunique() == 1
    for prev, cur in zip(chain, chain[1:]):
        assert lin.loc[cur, "previous_rcid"] == lin.loc[prev, "rcid"]
    assert lin.loc["A/RES/77/7", "gap"] == 2
    assert (lin.loc[chain[1:], "confidence"] == "high").all()


def test_country_resolution_linked(lin):
    # Situation of human rights in the Islamic Republic of Iran: A/RES/72/189 (2017), A/RES/73/181 (2018)
    assert lin.loc["A/RES/73/181", "previous_rcid"] == lin.loc["A/RES/72/189", "rcid"]


def test_distinct_resolutions_not_linked(lin):
    # ES-11/1 "Aggression against Ukraine" (2022) and ES-11/4 "Territorial integrity of Ukraine:
    # defending the principles of the Charter" (2022) are two resolutions, not one repeated
    assert lin.loc["A/RES/ES-11/1", "lineage_id"] != lin.loc["A/RES/ES-11/4", "lineage_id"]
    assert pd.isna(lin.loc["A/RES/ES-11/1", "previous_rcid"])
    assert lin.loc["A/RES/ES-11/1", "confidence"] == ""


def test_only_whole_resolution_votes():
    r = unvotes.load()
    kinds = r.roll_calls.set_index("rcid")["kind"].astype(str)
    table = r.lineage
    assert set(kinds.loc[table["rcid"]]) <= set(LINEAGE_KINDS)
    assert len(table) == int(kinds.isin(LINEAGE_KINDS).sum())


def test_title_key_drops_un_digital_library_suffix():
    un = "Jerusalem : resolution / adopted by the General Assembly"
    assert title_key(un) == title_key("Jerusalem") == "jerusalem"
    assert title_key(None) == title_key("") == ""


def test_assignment_pairs_parts_by_votes():
    # two parts of one title in each of two sessions: each later part goes to the earlier part it
    # votes like (vote codes: 1 yes, 3 no)
    rc = pd.DataFrame({"rcid": [1, 2, 3, 4], "session": [40, 40, 41, 41],
                       "symbol": ["A/RES/40/1 A", "A/RES/40/1 B", "A/RES/41/1 A", "A/RES/41/1 B"],
                       "title": ["APARTHEID"] * 4, "kind": ["resolution"] * 4})
    m = pd.DataFrame([[1, 1, 1, 1], [3, 3, 1, 1], [3, 3, 1, 3], [1, 1, 1, 3]], index=pd.Index([1, 2, 3, 4], name="rcid"),
                     columns=["AAA", "BBB", "CCC", "DDD"])
    out = lineage(rc, m).set_index("rcid")
    assert out.loc[3, "previous_rcid"] == 2 and out.loc[4, "previous_rcid"] == 1
    assert out.loc[3, "similarity"] == pytest.approx(0.75)
    assert out.loc[3, "confidence"] == "low"
    assert set(out["lineage_id"]) == {1, 2}


def test_bad_tables_are_named():
    r = unvotes.load().select(years=2024)
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['kind'\]"):
        lineage(r.roll_calls.drop(columns="kind"), r.matrix())
    with pytest.raises(ValueError, match=r"`matrix` has no row for rcid"):
        lineage(r.roll_calls, r.matrix().iloc[1:])
