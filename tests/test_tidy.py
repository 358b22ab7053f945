"""record.tidy(): the R vignette's long table (issue 15, item 2).

External values: R unvotes 0.3.0's vignette ("Introduction to unvotes", CRAN 2021-03-09), per
country and year, votes = n() and percent_yes = mean(vote == "yes") on un_votes joined with
un_roll_calls: Afghanistan 1946, 17 votes, 41.2 % yes; United States 1980, 103 votes, 26.2 % yes.
They are computed here on R's own votes (the roll calls whose source is the R tables, voeten_r).
"""

import pandas as pd
import pytest

import unvotes


@pytest.fixture(scope="module")
def voeten_tidy(voeten_record):
    # Voeten's values (the Voeten edition) on the roll calls of Voeten's data, as the R vignette uses them
    return voeten_record.select(source="voeten_r", years=[1946, 1980]).tidy()


@pytest.mark.parametrize("country, year, votes, percent_yes", [
    ("Afghanistan", 1946, 17, 0.412),
    ("United States", 1980, 103, 0.262),
])
def test_reproduces_the_r_vignette(voeten_tidy, country, year, votes, percent_yes):
    d = voeten_tidy[(voeten_tidy["country"] == country) & (voeten_tidy["year"] == year)]
    assert len(d) == votes
    assert round((d["vote"] == "yes").mean(), 3) == percent_yes


def test_shape_and_columns(record):
    df = record.select(years=2025).tidy()
    assert list(df.columns) == ["rcid", "session", "year", "date", "symbol", "country_code", "country", "vote",
                                *unvotes.ISSUE_CODES.values()]
    # cast votes only by default, as R's un_votes
    assert set(df["vote"].astype(str)) == {"yes", "no", "abstain"}
    es7 = df[df["symbol"] == "A/RES/ES-11/7"]
    assert es7["vote"].value_counts().to_dict() == {"yes": 93, "abstain": 65, "no": 18}  # official tally
    assert es7.loc[es7["country_code"] == "GBR", "country"].item() == "United Kingdom"
    with_absent = record.select(years=2025).tidy(include_absent=True)
    assert (with_absent["symbol"] == "A/RES/ES-11/7").sum() == 193  # 93 + 18 + 65 + 17 absent
    assert len(with_absent) == len(record.select(years=2025).votes)


def test_issue_columns_do_not_duplicate_or_drop_roll_calls(record):
    """One row per state and roll call: a roll call with two issue codes is not counted twice, one with
    none is kept (the inner-merge trap of the Python course ports; PITFALLS.md 9)."""
    rec = record.select(years=1980)
    df = rec.tidy()
    cast = rec.votes[rec.votes["vote"].isin(["yes", "no", "abstain"])]
    assert len(df) == len(cast)
    flags = rec.roll_calls.set_index("rcid")[list(unvotes.ISSUE_CODES)]
    n_codes = flags.fillna(False).sum(axis=1)
    assert (n_codes == 0).any() and (n_codes >= 2).any()  # both kinds occur in 1980
    per_rc = df.groupby("rcid").size()
    assert per_rc.index.equals(pd.Index(sorted(cast["rcid"].unique()), name="rcid"))


def test_bad_argument(record):
    with pytest.raises(TypeError, match="'yes'"):
        record.tidy(include_absent="yes")
