"""The claims check, on the briefing of 24 February 2025 and on claims built to fail.

External values: A/RES/ES-11/7 was adopted 93-18-65 (UN Digital Library voting record 4076672;
UN press release of the 24 Feb 2025 meeting of the eleventh emergency special session). The 18
votes against were Belarus, Burkina Faso, Burundi, the Central African Republic, the DPRK, Equatorial
Guinea, Eritrea, Haiti, Hungary, Israel, Mali, the Marshall Islands, Nicaragua, Niger, Palau, Russia,
Sudan and the United States (same record). A/RES/ES-11/8 was adopted 93-8-73 (UNDL record 4076673).
"""

import json
from importlib import resources

import pytest

import unvotes
from unvotes.claims import CLAIM_TYPES, check_claims, read_claims
from unvotes.errors import UnknownSymbolError

S = "A/RES/ES-11/7"
NO_VOTES = ["BDI", "BFA", "BLR", "CAF", "ERI", "GNQ", "HTI", "HUN", "ISR", "MHL", "MLI", "NER", "NIC",
            "PLW", "PRK", "RUS", "SDN", "USA"]


@pytest.fixture(scope="module")
def briefing():
    return read_claims(resources.files("unvotes._seeds") / "briefing-2025-02-24-claims.json")


def test_briefing_verdicts(record, briefing):
    res = check_claims(record, briefing)
    verdict = dict(zip(res["id"], res["verdict"]))
    assert verdict.pop("us_plus_18_others") == "does not hold"
    assert set(verdict.values()) == {"holds"} and len(verdict) == 9
    row = res.set_index("id").loc["us_plus_18_others"]
    assert row["observed"] == "17 others"
    assert row["evidence"].endswith(": " + ", ".join(s for s in NO_VOTES if s != "USA"))
    eu = res.set_index("id").loc["most_europe_in_favour_eu"]
    assert eu["observed"] == "26/27 (96%)" and "HUN no" in eu["evidence"]
    assert list(res.columns) == ["id", "symbol", "type", "text", "claimed", "observed", "verdict", "evidence"]


def test_briefing_claims_cover_every_type(briefing):
    assert {c["type"] for c in briefing} == set(CLAIM_TYPES)
    m49 = next(c for c in briefing if c["id"] == "most_europe_in_favour_m49")
    assert len(m49["members"]) == len(set(m49["members"])) == 43  # UN Members in M49 region 150


def test_tally_claims(record):
    claims = [{"type": "tally", "symbol": S, "vote": v, "count": c} for v, c in
              (("yes", 93), ("no", 18), ("abstain", 65), ("absent", 17))]
    claims += [{"type": "tally", "symbol": "A/RES/ES-11/8", "vote": v, "count": c} for v, c in
               (("yes", 93), ("no", 8), ("abstain", 73))]
    claims.append({"type": "tally", "symbol": S, "vote": "no", "count": 19})  # the briefing's implied count
    res = check_claims(record, claims)
    assert list(res["verdict"]) == ["holds"] * 7 + ["does not hold"]
    assert res["evidence"].iloc[-1] == ("A/RES/ES-11/7 (2025-02-24): 18 Members voted no; "
                                        "the source's recorded total is 18")


def test_vote_and_company_claims(record):
    res = check_claims(record, [
        {"id": "all18", "type": "vote", "symbol": S, "states": NO_VOTES, "vote": "no"},
        {"id": "with", "type": "voted_with", "symbol": S, "state": "USA", "others": ["RUS", "CHN"]},
        {"id": "against", "type": "voted_against", "symbol": S, "state": "USA", "others": ["CHN"]},
        {"id": "against2", "type": "voted_against", "symbol": S, "state": "FRA", "others": ["RUS", "USA"]},
        {"id": "others", "type": "others_count", "symbol": S, "state": "USA", "vote": "no", "count": 17},
        {"id": "with_yes", "type": "voted_with", "symbol": S, "state": "USA", "others": ["RUS"], "vote": "yes"},
    ])
    v = dict(zip(res["id"], res["verdict"]))
    assert v == {"all18": "holds", "with": "does not hold", "against": "does not hold", "against2": "holds",
                 "others": "holds", "with_yes": "does not hold"}
    ev = dict(zip(res["id"], res["evidence"]))
    assert "not with USA: CHN" in ev["with"]
    assert "not voting yes: CHN" in ev["against"]  # an abstention is not a vote against


def test_bloc_share_with_explicit_members(record):
    res = check_claims(record, [{"type": "bloc_share", "symbol": S, "vote": "yes", "share": 0.5,
                                 "members": ["GBR", "FRA", "DEU", "HUN"], "definition": "four states"}])
    assert res["observed"].iloc[0] == "3/4 (75%)" and res["verdict"].iloc[0] == "holds"


def test_claims_from_a_file(record, tmp_path):
    p = tmp_path / "c.json"
    p.write_text(json.dumps({"claims": [{"type": "vote", "symbol": S, "states": ["CHN", "IRN"],
                                         "vote": "abstain"}]}))
    assert check_claims(record, p)["verdict"].tolist() == ["holds"]
    assert check_claims(record, str(p))["verdict"].tolist() == ["holds"]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="not valid JSON"):
        check_claims(record, bad)


def test_bad_claims(record):
    with pytest.raises(ValueError, match="unknown `type` 'count'"):
        check_claims(record, [{"type": "count", "symbol": S}])
    with pytest.raises(ValueError, match=r"lacks \['count'\]"):
        check_claims(record, [{"type": "tally", "symbol": S, "vote": "yes"}])
    with pytest.raises(ValueError, match="`vote` must be one of"):
        check_claims(record, [{"type": "tally", "symbol": S, "vote": "in favour", "count": 93}])
    with pytest.raises(ValueError, match="unknown field"):
        check_claims(record, [{"type": "tally", "symbol": S, "vote": "yes", "count": 93, "state": "USA"}])
    with pytest.raises(ValueError, match="exactly one of `bloc`"):
        check_claims(record, [{"type": "bloc_share", "symbol": S, "vote": "yes"}])
    with pytest.raises(UnknownSymbolError, match="A/RES/ES-11/99"):
        check_claims(record, [{"type": "tally", "symbol": "A/RES/ES-11/99", "vote": "yes", "count": 1}])
    with pytest.raises(TypeError, match="list of claim dicts"):
        check_claims(record, {"type": "tally"})
    with pytest.raises(TypeError, match="VotingRecord"):
        check_claims(record.votes, [])


def test_top_level_export():
    assert unvotes.check_claims is check_claims


# --- states are resolved with unvotes.state on the vote date (new-user test) -------------


@pytest.mark.parametrize("name", ["usa", "United States", "US", "united states of america"])
def test_vote_claim_resolves_names_and_any_case(record, name):
    res = check_claims(record, [{"type": "vote", "symbol": S, "states": [name], "vote": "no"}])
    assert res.loc[0, "verdict"] == "holds"
    assert res.loc[0, "observed"] == "USA no"


def test_unknown_or_ambiguous_state_is_an_error_not_a_verdict(record):
    with pytest.raises(unvotes.errors.UnknownStateError, match=r"claim #0: `states` 'XYZ': unknown state"):
        check_claims(record, [{"type": "vote", "symbol": S, "states": ["XYZ"], "vote": "no"}])
    with pytest.raises(unvotes.errors.AmbiguousStateError, match=r"claim c: `others` 'Korea'.*ambiguous"):
        check_claims(record, [{"id": "c", "type": "voted_with", "symbol": S, "state": "USA", "others": ["Korea"]}])
    with pytest.raises(unvotes.errors.UnknownStateError, match=r"`members` 'XYZ'"):
        check_claims(record, [{"type": "bloc_share", "symbol": S, "vote": "yes", "members": ["FRA", "XYZ"]}])
    with pytest.raises(unvotes.errors.UnknownStateError, match=r"`state` 'Untied States'"):
        check_claims(record, [{"type": "others_count", "symbol": S, "state": "Untied States", "vote": "no",
                               "count": 17}])


def test_voted_with_and_bloc_share_take_names(record):
    res = check_claims(record, [
        {"type": "voted_with", "symbol": S, "state": "usa", "others": ["Russia", "hun"], "vote": "no"},
        {"type": "voted_against", "symbol": S, "state": "United States", "others": ["fra"]},
        {"type": "bloc_share", "symbol": S, "vote": "yes", "members": ["fra", "deu", "hun"]},
    ])
    assert res["verdict"].tolist() == ["holds", "holds", "holds"]
    assert res.loc[0, "observed"] == "USA no; RUS no, HUN no"
    assert res.loc[2, "observed"] == "2/3 (67%)"


def test_state_without_a_seat_on_the_date_is_a_non_member(record):
    # the Soviet Union's seat passed to Russia on 1991-12-24: no vote in 2025
    res = check_claims(record, [{"type": "vote", "symbol": S, "states": ["SUN"], "vote": "no"}])
    assert res.loc[0, "verdict"] == "does not hold" and res.loc[0, "observed"] == "SUN non_member"
