"""read_press_list: a press-compiled vote list.

External value: A/RES/ES-10/23 (10 May 2024, admission of new Members) was adopted 143-9-25
with 16 Members not voting (UN press release GA/12600; datasets/raw/press-compiled/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unvotes.io.errors import MissingColumnsError, UnknownVoteCodeError
from unvotes.io.press import read_press_list

ES10_23 = Path(__file__).resolve().parents[1] / "datasets" / "raw" / "press-compiled" / "es10_23.csv"


def test_es10_23_reproduces_the_official_tally():
    p = read_press_list(ES10_23)
    assert p["vote"].value_counts().to_dict() == {"yes": 143, "no": 9, "abstain": 25, "absent": 16}
    assert p["country"].is_unique and len(p) == 193
    assert p.set_index("country").loc["United States of America", "vote"] == "no"


def test_bad_lists_name_the_value_and_line(tmp_path):
    f = tmp_path / "list.csv"
    f.write_text("country,vote\nAlbania,abstain\nAndorra,Yes\n", encoding="utf-8")
    with pytest.raises(UnknownVoteCodeError, match=r"vote 'Yes' on line 3 is not one of yes, no, abstain, absent"):
        read_press_list(f)
    f.write_text("state,vote\nAlbania,abstain\n", encoding="utf-8")
    with pytest.raises(MissingColumnsError, match=r"lacks \['country'\]"):
        read_press_list(f)
