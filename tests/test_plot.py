"""Plots are tested through what they draw (bar widths, line data, labels), not through pixels.

External values: the tallies of A/RES/ES-11/7 (93-18-65, 17 absent) and A/RES/ES-11/8 (93-8-73,
19 absent) are the UN's (UN Digital Library voting records 4076672 and 4076673, 24 Feb 2025); the
P5's votes on ES-11/7 (France and the UK yes, China abstaining, Russia and the US no) and the EU's
26 yes and 1 no (Hungary) are from the same record.
"""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import unvotes.plot
from unvotes.plot import _style

P5 = {"P5": ["CHN", "FRA", "GBR", "RUS", "USA"]}


def _containers(ax):
    return {c.get_label(): c for c in ax.containers}


@pytest.fixture
def rcparams_unchanged():
    before = dict(matplotlib.rcParams)
    yield
    after = dict(matplotlib.rcParams)
    changed = {k for k in before if before[k] != after[k] and not (
        isinstance(before[k], float) and np.isnan(before[k]))}
    assert not changed, f"global rcParams changed: {changed}"


# --------------------------------------------------------------------------- roll_call

def test_roll_call_bars_equal_the_tally(record, rcparams_unchanged):
    fig, ax = plt.subplots()
    out = unvotes.plot.roll_call(record["A/RES/ES-11/7"], P5, scale="count", ax=ax)
    assert out is ax
    c = _containers(ax)
    widths = {k: [p.get_width() for p in c[k]] for k in ("Yes", "Abstain", "No", "Absent (Member, no vote)")}
    # first bar: all Members; second: the P5
    assert widths["Yes"] == [93, 2]
    assert widths["Abstain"] == [65, 1]
    assert widths["No"] == [18, 2]
    assert widths["Absent (Member, no vote)"] == [17, 0]
    assert ax.get_title() == "A/RES/ES-11/7, 24 Feb 2025: yes 93, no 18, abstain 65, absent 17"
    fig2, ax2 = plt.subplots()  # by default each bar is 100 % of its members: 93 of 193 yes
    unvotes.plot.roll_call(record["A/RES/ES-11/7"], P5, ax=ax2)
    assert [round(p.get_width(), 2) for p in _containers(ax2)["Yes"]] == [round(9300 / 193, 2), 40.0]
    plt.close(fig2)
    # the P5 who voted with the minority (no) are named on every bar they belong to
    assert [t.get_text() for t in ax.get_yticklabels()] == ["All Members (193)\nno: United States, Russia",
                                                            "P5 (5)\nno: United States, Russia"]
    assert ax.get_xlabel() == "Member states (count)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Yes", "No", "Abstain",
                                                                   "Absent (Member, no vote)"]
    assert any(t.get_gid() == "unvotes-source" and "UN Digital Library" in t.get_text() for t in ax.texts)


def test_roll_call_share_scale_keeps_counts(record):
    fig, ax = plt.subplots()
    unvotes.plot.roll_call(record["A/RES/ES-11/8"], P5, scale="share", ax=ax)
    c = _containers(ax)
    assert list(c["Yes"].counts) == [93, 2]
    assert list(c["Abstain"].counts) == [73, 2]  # China and the United States abstained
    assert list(c["No"].counts) == [8, 1]  # Russia
    assert c["Yes"][0].get_width() == pytest.approx(100 * 93 / 193)
    total = sum(c[k][1].get_width() for k in c)
    assert total == pytest.approx(100.0)
    assert "Share" in ax.get_xlabel() and "(%)" in ax.get_xlabel()
    # counts are written in the segments
    assert "93" in [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("count:")]


def test_roll_call_by_bloc_ids(record):
    fig, ax = plt.subplots()
    unvotes.plot.roll_call(record["A/RES/ES-11/7"], ["EU"], scale="count", ax=ax)
    c = _containers(ax)
    assert [p.get_width() for p in c["Yes"]] == [93, 26]
    assert [p.get_width() for p in c["No"]] == [18, 1]  # Hungary


def test_roll_call_bad_input(record):
    with pytest.raises(TypeError, match="RollCall"):
        unvotes.plot.roll_call("A/RES/ES-11/7", P5)
    with pytest.raises(ValueError, match="scale"):
        unvotes.plot.roll_call(record["A/RES/ES-11/7"], P5, scale="percent")
    with pytest.raises(ValueError, match="no member"):
        unvotes.plot.roll_call(record["A/RES/ES-11/7"], {"empty": []})


# --------------------------------------------------------------------------- alignment

def _with_reference():
    return pd.DataFrame({
        "state": ["GBR"] * 4 + ["RUS"] * 4,
        "reference": "USA",
        "period": [2022, 2023, 2024, 2025, 2022, 2023, 2024, 2025],
        "value": [0.79, 0.80, 0.79, 0.28, 0.30, 0.27, 0.28, 0.19],
        "n": [89, 87, 92, 192, 89, 88, 92, 9],
    })


def _series(ax):
    return {ln.get_label(): ln for ln in ax.get_lines() if (ln.get_gid() or "").startswith("series:")}


def test_alignment_lines_equal_the_values(rcparams_unchanged):
    df = _with_reference()
    fig, ax = plt.subplots()
    assert unvotes.plot.alignment(df, ax=ax) is ax
    s = _series(ax)
    assert list(s) == ["United Kingdom", "Russia"]
    np.testing.assert_allclose(s["United Kingdom"].get_xdata(), [2022, 2023, 2024, 2025])
    np.testing.assert_allclose(s["Russia"].get_ydata(), [0.30, 0.27, 0.28, 0.19])
    assert ax.get_ylim() == (0.0, 1.0)
    assert ax.get_xlabel() == "Calendar year"
    assert ax.get_ylabel() == "Agreement index, Voeten (0 to 1)"
    # the default title is wrapped to the figure's width
    assert ax.get_title().replace("\n", " ") == "Agreement with the United States in the UN General Assembly, 2022-2025"
    # the one point on fewer than 10 votes (Russia 2025, n = 9) gets a hollow marker
    few = [ln for ln in ax.get_lines() if ln.get_gid() == "few:Russia"]
    assert len(few) == 1 and list(few[0].get_xdata()) == [2025]
    assert not [ln for ln in ax.get_lines() if ln.get_gid() == "few:United Kingdom"]
    assert "fewer than 10 votes (uncertain)" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.get_gid() == "unvotes-source" for t in ax.texts)


def test_alignment_gap_breaks_the_line():
    df = _with_reference()
    df = df[df.period != 2023]
    fig, ax = plt.subplots()
    unvotes.plot.alignment(df, ax=ax)
    y = _series(ax)["United Kingdom"].get_ydata()
    assert len(y) == 4 and np.isnan(y[1])


def test_alignment_pairs_session_and_smoothing():
    df = pd.DataFrame({"state_a": ["FRA"] * 3, "state_b": ["USA"] * 3, "period": [77, 78, 79],
                       "value": [0.6, 0.9, 0.3], "n": [10, 30, 10]})
    fig, ax = plt.subplots()
    unvotes.plot.alignment(df, by="session", smooth=3, labels={"FRA": "France"}, ax=ax)
    line = _series(ax)["France - United States"]
    # centred mean of the period values: (0.6+0.9)/2, (0.6+0.9+0.3)/3, (0.9+0.3)/2
    np.testing.assert_allclose(line.get_ydata(), [0.75, 0.6, 0.6])
    raw = [ln for ln in ax.get_lines() if ln.get_gid() == "raw:France - United States"][0]
    np.testing.assert_allclose(raw.get_ydata(), [0.6, 0.9, 0.3])
    assert ax.get_xlabel() == "General Assembly session"


def test_alignment_with_real_metric(record):
    import unvotes.alignment as alignment
    data = alignment.agreement_with(record.select(years=[2022, 2023, 2024]), "USA", states=["GBR", "RUS"])
    fig, ax = plt.subplots()
    unvotes.plot.alignment(data, ax=ax)
    s = _series(ax)
    gbr = data[data.state == "GBR"].sort_values("period")
    np.testing.assert_allclose(s["United Kingdom"].get_ydata(), gbr["value"].to_numpy())


def test_alignment_s_score_axis():
    df = _with_reference()
    fig, ax = plt.subplots()
    unvotes.plot.alignment(df, measure="s_score", ax=ax)
    assert ax.get_ylim() == (-1.0, 1.0)


def test_alignment_bad_input():
    with pytest.raises(TypeError, match="DataFrame"):
        unvotes.plot.alignment([1, 2, 3])
    with pytest.raises(ValueError, match="lacks the column"):
        unvotes.plot.alignment(pd.DataFrame({"period": [1], "value": [1.0]}))
    with pytest.raises(ValueError, match="measure"):
        unvotes.plot.alignment(_with_reference(), measure="cosine")
    with pytest.raises(ValueError, match="no series for 'FRA'"):
        unvotes.plot.alignment(_with_reference(), states=["FRA"])
    with pytest.raises(ValueError, match="smooth"):
        unvotes.plot.alignment(_with_reference(), smooth=0)
    with pytest.raises(TypeError, match="Axes"):
        unvotes.plot.alignment(_with_reference(), ax="left")


def test_ax_none_draws_on_current_axes():
    fig, ax = plt.subplots()
    out = unvotes.plot.alignment(_with_reference())
    assert out is ax


# --------------------------------------------------------------------------- agreement_matrix

def _blocks():
    states = ["USA", "RUS", "GBR", "CHN", "FRA"]
    v = pd.DataFrame(0.2, index=states, columns=states)
    west, east = ["USA", "GBR", "FRA"], ["RUS", "CHN"]
    v.loc[west, west] = 0.9
    v.loc[east, east] = 0.8
    v.loc["USA", "GBR"] = v.loc["GBR", "USA"] = 0.95
    return v


def test_matrix_clusters_and_draws_the_values(rcparams_unchanged):
    v = _blocks()
    fig, ax = plt.subplots()
    assert unvotes.plot.agreement_matrix(v, dendrogram=True, ax=ax) is ax
    order = [t.get_text() for t in ax.get_yticklabels()]
    assert order == [t.get_text() for t in ax.get_xticklabels()]
    assert sorted(order) == sorted(v.index)
    pos = {s: i for i, s in enumerate(order)}
    assert abs(pos["RUS"] - pos["CHN"]) == 1  # each cluster is contiguous
    assert {pos["USA"], pos["GBR"], pos["FRA"]} in ({0, 1, 2}, {2, 3, 4})
    assert abs(pos["USA"] - pos["GBR"]) == 1  # the closest pair sits side by side
    arr = ax.images[0].get_array()
    assert arr.mask[0, 0] and arr.mask[4, 4]  # diagonal not drawn
    i, j = pos["RUS"], pos["CHN"]
    assert arr[i, j] == pytest.approx(0.8)
    assert ax.images[0].get_clim() == (0.0, 1.0)
    assert len(ax.child_axes) == 2  # colour bar and dendrogram
    assert "0.8" not in [t.get_text() for t in ax.texts] and ".80" in [t.get_text() for t in ax.texts]


def test_matrix_from_agreement_matrix_marks_few_votes(record):
    import unvotes.alignment as alignment
    m = alignment.agreement_matrix(record, year=2022, states=["USA", "GBR", "RUS", "CHN"])
    n = m.n.copy()
    n.loc["USA", "GBR"] = n.loc["GBR", "USA"] = 5
    fig, ax = plt.subplots()
    unvotes.plot.agreement_matrix(alignment.AgreementMatrix(m.value, n), order="given", ax=ax)
    arr = ax.images[0].get_array()
    assert arr[0, 1] == pytest.approx(m.value.loc["USA", "GBR"])
    assert len([p for p in ax.patches if p.get_gid() == "few-votes"]) == 2


def test_matrix_bad_input():
    v = _blocks()
    v.loc["USA", "RUS"] = v.loc["RUS", "USA"] = np.nan
    with pytest.raises(ValueError, match=r"\('RUS', 'USA'\)|\('USA', 'RUS'\)"):
        unvotes.plot.agreement_matrix(v)
    with pytest.raises(ValueError, match="square"):
        unvotes.plot.agreement_matrix(v.iloc[:3])
    with pytest.raises(TypeError, match="AgreementMatrix"):
        unvotes.plot.agreement_matrix(v.to_numpy())
    with pytest.raises(ValueError, match="not in `data`"):
        unvotes.plot.agreement_matrix(_blocks(), order=["USA", "XXX"])


# --------------------------------------------------------------------------- cohesion

def test_cohesion_lines_equal_the_values(rcparams_unchanged):
    df = pd.DataFrame({"bloc": ["EU"] * 3 + ["NATO"] * 3, "period": [2023, 2024, 2025] * 2,
                       "value": [0.95, 0.93, 0.9, 0.88, 0.86, 0.7], "n": [88, 93, 190, 88, 93, 4]})
    fig, ax = plt.subplots()
    assert unvotes.plot.cohesion(df, index="rice", ax=ax) is ax
    s = _series(ax)
    np.testing.assert_allclose(s["NATO"].get_ydata(), [0.88, 0.86, 0.7])
    assert ax.get_ylabel() == "Rice index of cohesion (0 to 1)"
    assert ax.get_title().replace("\n", " ") == "Cohesion of EU, NATO in the UN General Assembly"
    assert [ln.get_gid() for ln in ax.get_lines() if (ln.get_gid() or "").startswith("few:")] == ["few:NATO"]
    with pytest.raises(ValueError, match="not in `data`"):
        unvotes.plot.cohesion(df, blocs=["AU"])
    with pytest.raises(ValueError, match="index"):
        unvotes.plot.cohesion(df, index="gini")


def test_cohesion_with_real_metric(record):
    import unvotes.cohesion as cohesion
    data = cohesion.agreement_index(record.select(years=[2023, 2024]), {"P5": P5["P5"]})
    fig, ax = plt.subplots()
    unvotes.plot.cohesion(data, ax=ax)
    np.testing.assert_allclose(_series(ax)["P5"].get_ydata(), data.sort_values("period")["value"])


# --------------------------------------------------------------------------- style

def test_vote_colours_read_in_grayscale():
    # Tol's high-contrast scheme: the vote colours differ in lightness, so grayscale keeps them apart
    lum = sorted(_style.relative_luminance(c) for c in _style.VOTE_COLORS.values())
    assert min(np.diff(lum)) > 0.1
    assert _style.VOTE_HATCHES["absent"] and _style.VOTE_HATCHES["non_member"]


# --------------------------------------------------------------------------- new-user test


@pytest.mark.parametrize(
    "plot, columns, match",
    [
        (unvotes.plot.alignment, ["state", "reference", "period", "value", "n"], r"unvotes.plot.alignment\(\)"),
        (unvotes.plot.alignment, ["state_a", "state_b", "period", "value", "n"], r"unvotes.plot.alignment\(\)"),
        (unvotes.plot.cohesion, ["bloc", "period", "value", "n"], r"unvotes.plot.cohesion\(\)"),
    ],
)
def test_empty_data_is_an_error_not_a_blank_chart(plot, columns, match):
    with pytest.raises(ValueError, match=r"no data to plot: `data` of " + match + " has no rows"):
        plot(pd.DataFrame({c: [] for c in columns}))
    with pytest.raises(ValueError, match=r"no data to plot"):
        unvotes.plot.agreement_matrix(pd.DataFrame())


def test_labels_come_from_the_data_and_a_contradicting_argument_is_an_error(record):
    rec = record.select(years=[2021, 2022])
    kappa = unvotes.agreement_with(rec, "USA", states=["GBR"], measure="kappa", by="session")
    fig, ax = plt.subplots()
    unvotes.plot.alignment(kappa, ax=ax)  # no measure/by given: the data's own
    assert ax.get_ylabel() == "Cohen's kappa (-1 to 1)" and ax.get_ylim() == (-1.0, 1.0)
    assert ax.get_xlabel() == "General Assembly session"
    voeten = unvotes.agreement_with(rec, "USA", states=["GBR"])
    with pytest.raises(ValueError, match=r"`measure`='kappa' contradicts `data`, which holds measure 'voeten'"):
        unvotes.plot.alignment(voeten, measure="kappa")
    with pytest.raises(ValueError, match=r"`by`='session' contradicts `data`, which holds by 'year'"):
        unvotes.plot.alignment(voeten, by="session")
    # the signature's default yields to the data: kappa by session keeps its own labels
    fig, ax = plt.subplots()
    unvotes.plot.alignment(kappa, measure="voeten", by="year", ax=ax)
    assert ax.get_ylabel() == "Cohen's kappa (-1 to 1)" and ax.get_xlabel() == "General Assembly session"
    unvotes.plot.alignment(voeten, measure="voeten", by="year")  # agreeing arguments are fine
    rice = unvotes.rice(rec, {"P3": ["USA", "GBR", "FRA"]})
    fig, ax = plt.subplots()
    unvotes.plot.cohesion(rice, ax=ax)
    assert ax.get_ylabel() == "Rice index of cohesion (0 to 1)"
    with pytest.raises(ValueError, match=r"`index`='attina' contradicts `data`, which holds index 'rice'"):
        unvotes.plot.cohesion(rice, index="attina")
    m = unvotes.agreement_matrix(rec, year=2022, measure="s_score", states=["USA", "GBR", "RUS"])
    fig, ax = plt.subplots()
    unvotes.plot.agreement_matrix(m, ax=ax)
    assert ax.images[0].get_clim() == (-1.0, 1.0)
    with pytest.raises(ValueError, match=r"`measure`='kappa' contradicts `data`, which holds measure 's_score'"):
        unvotes.plot.agreement_matrix(m, measure="kappa")


def test_matrix_order_as_a_str_is_a_type_error():
    with pytest.raises(TypeError, match=r"`order` takes 'cluster', 'given' or a list of ISO3 codes, got the str 'foo'"):
        unvotes.plot.agreement_matrix(_blocks(), order="foo")


def test_own_figure_keeps_title_and_source_inside(record, rcparams_unchanged):
    import io

    plt.close("all")
    data = unvotes.agreement_with(record.select(years=[2020, 2021, 2022]), "USA", states=["GBR", "RUS"])
    ax = unvotes.plot.alignment(data)  # no figure open: the plot makes its own
    fig = ax.figure
    assert fig.get_layout_engine() is not None  # constrained layout on this figure only
    fig.savefig(io.BytesIO(), format="png")  # no bbox_inches="tight"
    renderer = fig.canvas.get_renderer()
    source = [t for t in ax.texts if t.get_gid() == "unvotes-source"][0]
    for text in (ax.title, source):
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= fig.bbox.x1 and box.y1 <= fig.bbox.y1, text.get_text()


@pytest.fixture(scope="module")
def small_fit(record):
    return unvotes.ideal_points(record.select(sessions=[76, 77]), progress=False)


def test_ideal_map_highlight_unknown_code_is_an_error(small_fit):
    from unvotes.plot import plot_ideal_map

    fig, ax = plt.subplots()
    with pytest.raises(unvotes.errors.UnknownStateError, match=r"unknown state 'XYZ'"):
        plot_ideal_map(small_fit, 77, highlight=["USA", "XYZ"], ax=ax)
    ax = plot_ideal_map(small_fit, 77, highlight=["usa", "China"], ax=ax)  # any case, or a name
    assert sorted(t.get_text() for t in ax.texts if t.get_text() in ("USA", "CHN")) == ["CHN", "USA"]


def test_roll_call_own_blocs_check_their_members(record):
    rc = record["A/RES/ES-11/7"]
    with pytest.raises(ValueError, match=r"`blocs` is an empty dict"):
        unvotes.plot.roll_call(rc, {})
    with pytest.raises(unvotes.errors.UnknownStateError, match=r"'XYZ' in bloc 'P3' of `blocs`"):
        unvotes.plot.roll_call(rc, {"P3": ["USA", "GBR", "XYZ"]})
    fig, ax = plt.subplots()
    unvotes.plot.roll_call(rc, {"P3": ["usa", "gbr", "fra"]}, include_all=False, scale="count", ax=ax)  # any case: USA no, GBR and FRA yes
    widths = {label: [p.get_width() for p in c] for label, c in _containers(ax).items()}
    assert widths["Yes"] == [2] and widths["No"] == [1]


def test_ideal_plots_in_their_own_figure_keep_the_source_inside(small_fit):
    import io

    from unvotes.plot import plot_ideal_map, plot_ideal_points

    for draw in (lambda: plot_ideal_points(small_fit, ["USA", "RUS"]), lambda: plot_ideal_map(small_fit, 77)):
        plt.close("all")
        ax = draw()
        fig = ax.figure
        fig.savefig(io.BytesIO(), format="png")
        renderer = fig.canvas.get_renderer()
        source = [t for t in ax.texts if t.get_text().startswith("Source:")][0]
        for text in (ax.title, source):
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= fig.bbox.x1 and box.y1 <= fig.bbox.y1, text.get_text()


def test_matrix_numbers_in_the_lower_triangle_only():
    # the matrix is symmetric: annotate="lower" writes each pair's value once, below the diagonal
    v = _blocks()
    fig, ax = plt.subplots()
    unvotes.plot.agreement_matrix(v, order="given", annotate="lower", source=None, ax=ax)
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}
    k = len(v)
    assert len(cells) == k * (k - 1) // 2 and all(i > j for i, j in cells)
    assert cells[(v.index.get_loc("RUS"), v.index.get_loc("USA"))] == f"{v.loc['RUS', 'USA']:.2f}".replace("0.", ".")
    with pytest.raises(ValueError, match=r"`annotate` must be True, False, None or 'lower', got 'upper'"):
        unvotes.plot.agreement_matrix(v, annotate="upper", ax=ax)
    plt.close(fig)


# --------------------------------------------------------------------------- issue 15 item 3: charts that tell the story

def _ref_frame(states, ref="USA"):
    rows = [{"state": s, "reference": ref, "period": y, "value": 0.2 + 0.6 * ((i + y) % 7) / 7, "n": 50}
            for i, s in enumerate(states) for y in (2020, 2021, 2022)]
    return pd.DataFrame(rows)


def _series_colours(ax):
    return {ln.get_gid()[len("series:"):]: matplotlib.colors.to_hex(ln.get_color())
            for ln in ax.get_lines() if (ln.get_gid() or "").startswith("series:")}


def test_one_colour_per_state_in_every_chart():
    # the six fixed states keep their documented colour whatever the order or company
    fixed = _style.FIXED_STATE_COLORS
    assert set(fixed) == {"USA", "RUS", "CHN", "GBR", "FRA", "DEU"} and len(set(fixed.values())) == 6
    fig, (a1, a2) = plt.subplots(1, 2)
    unvotes.plot.alignment(_ref_frame(["GBR", "RUS", "IND"], ref="FRA"), ax=a1)
    unvotes.plot.alignment(_ref_frame(["IND", "CHN", "RUS", "DEU"], ref="FRA"), ax=a2)
    c1, c2 = _series_colours(a1), _series_colours(a2)
    assert c1["Russia"] == c2["Russia"] == fixed["RUS"].lower()
    assert c1["United Kingdom"] == fixed["GBR"].lower() and c2["China"] == fixed["CHN"].lower()
    assert c1["India"] == c2["India"] and c1["India"] not in {v.lower() for v in fixed.values()}
    assert len(set(c2.values())) == 4
    plt.close(fig)


def test_series_legend_sits_outside_the_data_by_default():
    fig, ax = plt.subplots(figsize=(8, 4))
    unvotes.plot.alignment(_ref_frame(["GBR", "RUS"]), ax=ax)
    fig.canvas.draw()
    leg = ax.get_legend().get_window_extent()
    assert leg.x0 >= ax.get_window_extent().x1  # right of the Axes, not on the lines
    plt.close(fig)


def test_alignment_of_every_member_draws_no_legend_over_the_plot(record):
    codes = sorted(record["A/RES/ES-11/7"].votes.index)
    assert len(codes) == 193
    fig, ax = plt.subplots()
    unvotes.plot.alignment(_ref_frame(codes), ax=ax)
    assert ax.get_legend() is None
    note = [t.get_text() for t in ax.texts if t.get_gid() == "legend-note"]
    assert note and "193 series" in note[0] and "states=" in note[0]
    for legend in ("best", "outside"):
        ax2 = plt.figure().gca()
        unvotes.plot.alignment(_ref_frame(codes), legend=legend, ax=ax2)
        assert ax2.get_legend() is None
    plt.close("all")


def test_all_nan_values_are_an_error_not_an_empty_chart():
    df = _ref_frame(["GBR", "RUS"])
    df["value"] = np.nan
    with pytest.raises(ValueError, match=r"no value to plot: every `value` of unvotes.plot.alignment\(\) is NaN"):
        unvotes.plot.alignment(df)
    coh = pd.DataFrame({"bloc": "EU", "period": [2020, 2021], "value": np.nan, "n": 5})
    with pytest.raises(ValueError, match=r"every `value` of unvotes.plot.cohesion\(\) is NaN"):
        unvotes.plot.cohesion(coh)
    plt.close("all")


def test_bloc_chart_names_the_states_of_the_story(record):
    # ES-11/7: the United States and Russia voted no with the minority (UN Digital Library record 4076672)
    fig, ax = plt.subplots()
    unvotes.plot.roll_call(record["A/RES/ES-11/7"], ["EU", "G7", "BRICS"], ax=ax)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["All Members (193)\nno: United States, Russia", "EU (27)", "G7 (7)\nno: United States",
                    "BRICS (10)\nno: Russia"]
    # segments run as the title reads: yes, no, abstain
    assert [c.get_label() for c in ax.containers] == ["Yes", "No", "Abstain", "Absent (Member, no vote)"]
    assert ax.get_title().startswith("A/RES/ES-11/7, 24 Feb 2025: yes 93, no 18, abstain 65")
    ax2 = plt.figure().gca()
    unvotes.plot.roll_call(record["A/RES/ES-11/7"], ["G7"], highlight=["United Kingdom"], ax=ax2)
    assert [t.get_text() for t in ax2.get_yticklabels()] == ["All Members (193)\nyes: United Kingdom",
                                                            "G7 (7)\nyes: United Kingdom"]
    ax3 = plt.figure().gca()
    unvotes.plot.roll_call(record["A/RES/ES-11/7"], ["G7"], highlight=(), ax=ax3)
    assert [t.get_text() for t in ax3.get_yticklabels()] == ["All Members (193)", "G7 (7)"]
    plt.close("all")


# --------------------------------------------------------------------------- vote_map (issue 15 item 4)

def test_vote_map_shows_every_member_of_es_11_7(record):
    # 193 Members on 24 Feb 2025; tallies 93-18-65 with 17 absent (UN Digital Library record 4076672)
    rc = record["A/RES/ES-11/7"]
    fig, ax = plt.subplots(figsize=(10, 5))
    assert unvotes.plot.vote_map(rc, ax=ax) is ax
    drawn = {}
    for c in ax.collections:
        kind, vote = c.get_gid().split(":")
        for s in c.states:
            drawn.setdefault(s, set()).add(vote)
    assert set(drawn) == set(rc.votes.index) and len(drawn) == 193
    assert all(len(v) == 1 for v in drawn.values())  # one colour per Member
    by_vote = {v: sorted(s for s, vs in drawn.items() if v in vs) for v in ("yes", "no", "abstain", "absent")}
    assert {k: len(v) for k, v in by_vote.items()} == {"yes": 93, "no": 18, "abstain": 65, "absent": 17}
    assert {"USA", "RUS", "HUN"} <= set(by_vote["no"]) and "CHN" in by_vote["abstain"]
    # the tiny Members are dots, in their vote's colour
    dots = {s for c in ax.collections if c.get_gid().startswith("dots:") for s in c.states}
    assert {"AND", "MCO", "TUV", "NRU", "SMR", "KNA", "LIE"} <= dots
    yes_dots = next(c for c in ax.collections if c.get_gid() == "dots:yes")
    assert matplotlib.colors.to_hex(yes_dots.get_facecolor()[0]) == _style.VOTE_COLORS["yes"].lower()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:4] == ["Yes (93)", "No (18)", "Abstain (65)", "Absent (Member, no vote) (17)"]
    src = next(t.get_text() for t in ax.texts if t.get_gid() == "unvotes-source")
    assert "Natural Earth" in src and "today's borders for every date" in src
    plt.close(fig)


def test_vote_map_of_an_early_vote_marks_later_members_as_non_members(record):
    rc = record.select(years=1950).roll_calls["rcid"].iloc[0]
    rc = record[int(rc)]
    fig, ax = plt.subplots()
    unvotes.plot.vote_map(rc, ax=ax)
    members = {s for c in ax.collections if not c.get_gid().endswith("non_member") for s in c.states}
    assert members == set(rc.votes.index) and "DEU" not in members and len(members) == sum(rc.tally.values())
    plt.close(fig)


def test_vote_map_bad_input(record):
    with pytest.raises(TypeError, match=r"`roll_call` must be a unvotes.RollCall"):
        unvotes.plot.vote_map(record.votes)


def test_every_measure_has_an_axis_label():
    # a measure without a label made plot.alignment raise KeyError (bsv and widyr, added with the presets)
    import unvotes
    from unvotes.plot import _style

    assert set(unvotes.MEASURES) <= set(_style.MEASURE_LABELS)


def test_alignment_draws_the_interval_as_a_band():
    # agreement_with(..., ci=0.95) gives lower/upper; the chart shades them behind each line and keys them
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import unvotes
    import unvotes.plot

    r = unvotes.load().select(years=[2024, 2025, 2026])
    d = unvotes.agreement_with(r, "USA", states=["GBR"], ci=0.95)
    fig, ax = plt.subplots()
    unvotes.plot.alignment(d, states=["GBR"], ax=ax)
    bands = [c for c in ax.collections if str(c.get_gid()).startswith("band:")]
    assert len(bands) == 1
    ys = bands[0].get_paths()[0].vertices[:, 1]
    row = d[d["period"] == 2026].iloc[0]  # 11 roll calls in 2026: the widest interval
    assert row["upper"] - row["lower"] > 0.3
    assert ys.min() == pytest.approx(d["lower"].min()) and ys.max() == pytest.approx(d["upper"].max())
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "95 % interval (bootstrap over roll calls)" in labels
    plt.close(fig)


def test_matrix_of_a_year_names_the_states_without_votes():
    # 2024: Afghanistan and Venezuela cast no vote (Article 19 arrears; PITFALLS.md), so the clustered
    # matrix of all Members cannot be drawn; the message names them instead of listing pairs only
    import unvotes
    import unvotes.plot

    m = unvotes.agreement_matrix(unvotes.load().select(years=2024))
    with pytest.raises(ValueError, match=r"most of them involve AFG \(192 pairs\), VEN \(192 pairs\)"):
        unvotes.plot.agreement_matrix(m)


def test_matrix_title_carries_its_period():
    import unvotes
    import unvotes.plot

    m = unvotes.agreement_matrix(unvotes.load(), year=2025, states=["USA", "GBR", "FRA", "RUS", "CHN"])
    ax = unvotes.plot.agreement_matrix(m)
    assert ax.get_title() == "Agreement in the UN General Assembly, year 2025, clustered"


def test_a_year_in_progress_is_marked():
    # the record stops on 2026-06-04: 2026 has 11 roll calls and must not read as a full year
    import unvotes
    import unvotes.plot

    r = unvotes.load()
    d = unvotes.agreement_with(r.select(years=range(2020, 2027)), "USA", states=["GBR"])
    assert d.attrs["last_date"] == "2026-06-04"
    fig, ax = plt.subplots()
    unvotes.plot.alignment(d, ax=ax)
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "partial-year-label"]
    assert labels == ["2026 so far:\nto 4 June"]
    plt.close(fig)
    full = unvotes.agreement_with(r.select(years=range(2020, 2026)), "USA", states=["GBR"])  # 2025 is complete
    fig, ax = plt.subplots()
    unvotes.plot.alignment(full, ax=ax)
    assert not [t for t in ax.texts if t.get_gid() == "partial-year-label"]
    plt.close(fig)


def test_ideal_point_ticks_are_whole_periods():
    # a fit of sessions 75-79 was drawn with ticks at 75.5, 76.5 ... (sessions that do not exist)
    import unvotes
    import unvotes.plot

    fit = unvotes.ideal_points(unvotes.load().select(sessions=range(75, 80)))
    fig, ax = plt.subplots()
    unvotes.plot.plot_ideal_points(fit, ["USA", "RUS"], ax=ax)
    fig.canvas.draw()
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
    plt.close(fig)


def test_vote_map_before_1971_gives_chinas_land_the_china_seats_vote(record):
    # A/RES/1514(XV), 14 Dec 1960: the China seat (held by the Republic of China, TWN, to 1971-10-25,
    # GA res. 2758 (XXVI)) voted yes; mainland China was drawn as "not a UN Member"
    from unvotes.plot import _map

    rc = record["A/RES/1514(XV)"]
    votes = rc.votes.astype(str)
    land, _ = _map._groups(_map._geometry(), votes)
    yes_land = [owner for owner, _, _, member in land["yes"] if member]
    assert rc.vote_of("TWN") == "yes" and yes_land.count("TWN") >= 2  # Taiwan and the mainland
    assert not [o for o, _, _, m in land["non_member"] if o == "CHN"]
    # after 1971 the People's Republic holds the seat and Taiwan's land is not a Member's
    later = record["A/RES/ES-11/7"].votes.astype(str)
    land2, _ = _map._groups(_map._geometry(), later)
    assert "CHN" in [o for o, _, _, m in land2["abstain"] if m]
