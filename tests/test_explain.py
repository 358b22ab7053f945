"""unvotes.explain_change: the change of a pair's agreement split into mix and changed votes."""

import numpy as np
import pandas as pd
import pytest

import unvotes


@pytest.fixture(scope="module")
def record():
    return unvotes.load()


@pytest.fixture(scope="module")
def us_uk(record):
    return unvotes.explain_change(record, "USA", "GBR", 2024, 2025)


def test_states_by_name(record, us_uk):
    ex = unvotes.explain_change(record, "United States", "United Kingdom", 2024, 2025)
    assert (ex.a, ex.b, ex.change) == ("USA", "GBR", us_uk.change)


def test_values_are_the_agreement_of_each_period(record, us_uk):
    ag = unvotes.agreement(record.select(years=[2024, 2025]), states=["USA", "GBR"]).set_index("period")
    assert us_uk.before == pytest.approx(ag.loc[2024, "value"], abs=1e-12)
    assert us_uk.after == pytest.approx(ag.loc[2025, "value"], abs=1e-12)
    assert (us_uk.n_before, us_uk.n_after) == (ag.loc[2024, "n"], ag.loc[2025, "n"])


def test_parts_add_up(us_uk):
    assert us_uk.mix + us_uk.behaviour == pytest.approx(us_uk.change, abs=1e-12)
    assert us_uk.by_issue["total"].sum() == pytest.approx(us_uk.change, abs=1e-12)
    assert us_uk.by_lineage["total"].sum() == pytest.approx(us_uk.change, abs=1e-12)
    assert us_uk.roll_calls["contribution"].sum() == pytest.approx(us_uk.change, abs=1e-12)


def test_official_votes_in_the_tables(us_uk):
    # A/RES/ES-11/7 (24 Feb 2025): the United States voted no, the United Kingdom yes (A/ES-11/PV.21)
    row = us_uk.roll_calls.set_index("symbol").loc["A/RES/ES-11/7"]
    assert (row.vote_a, row.vote_b, row.agreement) == ("no", "yes", 0.0)
    # the Cuba embargo resolution: the US voted no and the UK yes both years (A/RES/79/7, 187-2-1;
    # A/RES/80/4, 165-7-12): the same lineage, no change of votes, so no "changed votes" part
    cuba = us_uk.by_lineage.set_index("symbol_after").loc["A/RES/80/4"]
    assert cuba.symbol_before == "A/RES/79/7"
    assert (cuba.before, cuba.after, cuba.behaviour) == (0.0, 0.0, 0.0)


def test_changed_votes_on_a_repeated_resolution():
    # constructed: lineage 1 voted both years; the pair agreed in year 1 and not in year 2
    rc = pd.DataFrame({
        "rcid": [1, 2, 3], "session": [1, 1, 2], "special_session": "",
        "date": pd.to_datetime(["2001-01-01", "2001-02-01", "2002-01-01"]),
        "symbol": ["A/RES/1/1", "A/RES/1/2", "A/RES/2/1"], "title": ["Same text", "Other", "Same text"],
        "kind": "resolution"})
    votes = pd.DataFrame({"rcid": [1, 1, 2, 2, 3, 3], "state": ["AAA", "BBB"] * 3,
                          "vote": ["yes", "yes", "yes", "no", "yes", "no"]})
    r = unvotes.VotingRecord(rc, votes)
    ex = unvotes.explain_change(r, "AAA", "BBB", 2001, 2002, measure="percent")
    # before: agree on 1 of 2 (0.5); after: 0 of 1. Lineage "Same text": 1 -> 0, weights 1/2 -> 1
    assert (ex.before, ex.after) == (0.5, 0.0)
    assert ex.behaviour == pytest.approx(0.75 * (0 - 1))
    assert ex.mix == pytest.approx(ex.change - ex.behaviour)
    assert ex.mix == pytest.approx((1 - 0.5) * (0.5 - 0.5) - 0.5 * (0 - 0.5))


def test_bloc_leaves_the_state_out(record):
    ex = unvotes.explain_change(record, "USA", "G7", 2024, 2025)
    ag = unvotes.state_bloc_agreement(record.select(years=[2024, 2025]), "G7", states=["USA"]).set_index("period")
    assert ex.after == pytest.approx(ag.loc[2025, "value"], abs=1e-9)
    assert ex.mix + ex.behaviour == pytest.approx(ex.change, abs=1e-12)


def test_summary_names_the_figures(us_uk):
    text = us_uk.summary()
    assert text.startswith("United States-United Kingdom agreement (voeten) fell from 0.79 in 2024 (92 roll calls) "
                           "to 0.28 in 2025 (192)")
    assert f"{us_uk.behaviour:+.2f}" in text and f"{us_uk.mix:+.2f}" in text


@pytest.mark.parametrize("kwargs, exc, words", [
    (dict(b="Untied Kingdom"), unvotes.UnknownStateError, "close names: 'United Kingdom'"),
    (dict(b="SUN"), unvotes.StateNotMemberError, "its seat was held by RUS then: use 'RUS'"),
    (dict(a="DEU", before=1970), unvotes.StateNotMemberError, "DEU was not a UN Member on any roll call of 1970"),
    (dict(b="USA"), ValueError, "the same state (USA)"),
    (dict(measure="kappa"), ValueError, "'kappa' is chance-corrected"),
    (dict(before="2024"), TypeError, "'2024'"),
    (dict(before=(2025, 2024)), ValueError, "(2025, 2024)"),
    (dict(before=1800), ValueError, "before` = 1800"),
])
def test_bad_input(record, kwargs, exc, words):
    args = dict(record=record, a="USA", b="GBR", before=2024, after=2025)
    args.update(kwargs)
    with pytest.raises(exc) as e:
        unvotes.explain_change(**args)
    assert words in str(e.value)


def test_change_chart_steps_add_up(us_uk):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import unvotes.plot

    for by in ("part", "issue"):
        fig, ax = plt.subplots()
        out = unvotes.plot.change(us_uk, by=by, ax=ax)
        assert out is ax
        bars = [p for p in ax.patches]
        start, steps, end = bars[0].get_width(), bars[2:], bars[1].get_width()
        assert start == pytest.approx(us_uk.before) and end == pytest.approx(us_uk.after)
        assert sum(b.get_width() for b in steps) == pytest.approx(us_uk.change)
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[0] == "2024 (92 roll calls)" and labels[-1] == "2025 (192 roll calls)"
        assert "0.79 in 2024 to 0.28 in 2025" in ax.get_title().replace("\n", " ")
        plt.close(fig)
    with pytest.raises(TypeError, match="explain_change"):
        unvotes.plot.change(pd.DataFrame())
