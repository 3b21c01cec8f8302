"""Array helpers against the numpy calls they stand for."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from netmix.util.arrays import float_texts, text_order, unique_texts

WORDS = st.lists(st.sampled_from(["", "a", "b", "ab", "B", "é", "p10", "p9", "perso:1", "perso:10"]), max_size=40)


@given(WORDS)
def test_text_order_is_numpys_stable_argsort(words):
    # the same indices as numpy's stable sort of the object array, ties (repeated words) kept in their order
    values = np.array(words, dtype=object)
    assert text_order(values).tolist() == np.argsort(values, kind="stable").tolist()


@given(WORDS)
def test_unique_texts_is_numpys_unique_with_inverse(words):
    # the distinct texts in numpy's order and each value's place among them, as np.unique gives them
    values = np.array(words, dtype=object)
    ids, code = unique_texts(values)
    want_ids, want_code = np.unique(values, return_inverse=True)
    assert ids.tolist() == want_ids.tolist()
    assert code.tolist() == want_code.ravel().tolist()
    assert ids.dtype == object and code.dtype == np.int64


@given(st.lists(st.sampled_from([0.0, -0.0, 0.5, 1e15, float("nan"), float("inf"), -2.25]), max_size=40))
def test_float_texts_says_each_value_as_it_is(values):
    # one call per distinct value gives what a call per value gives: -0.0 said apart from 0.0
    assert float_texts(np.array(values, dtype=float), repr) == [repr(v) for v in values]
