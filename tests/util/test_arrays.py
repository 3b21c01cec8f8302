"""Array helpers against the numpy calls they stand for."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from netmix.util.arrays import text_order


@given(st.lists(st.sampled_from(["", "a", "b", "ab", "B", "é", "p10", "p9", "perso:1", "perso:10"]), max_size=40))
def test_text_order_is_numpys_stable_argsort(words):
    # the same indices as numpy's stable sort of the object array, ties (repeated words) kept in their order
    values = np.array(words, dtype=object)
    assert text_order(values).tolist() == np.argsort(values, kind="stable").tolist()
