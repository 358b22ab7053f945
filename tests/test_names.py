"""States by name, code or number everywhere a state is taken (issue 15, items 1-2).

External values: the State Department's coincidence with the United States in 2022 (Voting
Practices in the United Nations 2022): United Kingdom 0.79, Russian Federation 0.30; the official
vote of A/RES/ES-11/7 (UN Digital Library record 4076672): Hungary voted no, the United Kingdom yes.
"""

import pytest

import unvotes
from unvotes.errors import UnknownStateError


def test_resolver_reads_names_codes_and_numbers():
    assert unvotes.resolve_states(["United States", "gbr", 2, "Soviet Union", "Russia"]) == [
        "USA", "GBR", "USA", "SUN", "RUS"]
    # a code the caller knows is kept as it is (former Members: USSR, Yugoslavia)
    assert unvotes.resolve_states("SUN", among={"SUN", "USA"}) == ["SUN"]


def test_unknown_state_quotes_the_users_spelling():
    with pytest.raises(UnknownStateError, match="'Untied Kingdom'") as e:
        unvotes.resolve_states(["USA", "Untied Kingdom"])
    assert e.value.key == "Untied Kingdom"
    with pytest.raises(TypeError, match="True"):
        unvotes.resolve_states([True])


def test_short_names():
    assert [unvotes.state_name(c) for c in ["GBR", "CHN", "BHS", "RUS", "USA"]] == [
        "United Kingdom", "China", "Bahamas", "Russia", "United States"]
    assert unvotes.state_name("United Kingdom", style="un") == "United Kingdom of Great Britain and Northern Ireland"
    with pytest.raises(ValueError, match="'long'"):
        unvotes.state_name("GBR", style="long")


def test_select_by_name(record):
    by_name = record.select(years=2025, states=["United States", "United Kingdom"])
    by_code = record.select(years=2025, states=["USA", "GBR"])
    assert sorted(by_name.votes["state"].unique()) == ["GBR", "USA"]
    assert len(by_name.votes) == len(by_code.votes)
    rc = by_name["A/RES/ES-11/7"]
    assert rc.vote_of("United Kingdom") == "yes"
    with pytest.raises(UnknownStateError, match="'Narnia'"):
        record.select(states=["Narnia"])


def test_metrics_by_name_reproduce_the_state_department_2022(record):
    t = unvotes.coincidence(record, "United States", 2022).set_index("state")
    assert round(t.loc["GBR", "coincidence"], 2) == 0.79
    assert round(t.loc["RUS", "coincidence"], 2) == 0.30
    by_name = unvotes.agreement_with(record.select(years=2022), "United States", states=["United Kingdom", "Russia"])
    by_code = unvotes.agreement_with(record.select(years=2022), "USA", states=["GBR", "RUS"])
    assert by_name.equals(by_code)
    m = unvotes.agreement_matrix(record, year=2022, states=["United States", "France", "China"])
    assert set(m.value.index) == {"USA", "FRA", "CHN"}


def test_custom_bloc_by_name(record):
    split = record["A/RES/ES-11/7"].by_bloc({"Visegrad": ["Poland", "Czechia", "Slovakia", "Hungary"]})
    row = split.iloc[0]
    assert (row["yes"], row["no"]) == (3, 1)
