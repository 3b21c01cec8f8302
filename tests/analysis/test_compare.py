"""NMI and best-match F1, by hand and against the closed forms."""

from __future__ import annotations

import math

import pytest

from netmix.analysis.compare import best_match_f1, nmi


def test_nmi_by_hand():
    assert nmi([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0  # same partition, other names
    assert nmi([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(0.0, abs=1e-12)  # independent
    # U = [0,0,1,1], V = [0,0,0,1]: H(U) = ln 2, H(V) = -(3/4 ln 3/4 + 1/4 ln 1/4),
    # I = H(V) − H(V|U) = H(V) − 1/2 ln 2 (V is constant given U=0, a fair coin given U=1)
    hu = math.log(2)
    hv = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    assert nmi([0, 0, 1, 1], [0, 0, 0, 1]) == pytest.approx((hv - 0.5 * math.log(2)) / ((hu + hv) / 2))


def test_best_match_f1_by_hand():
    # T = {1,2,3,4}: best C = {1,2,3}: 2·3/(4+3) = 6/7; U = {9}: no overlap → 0; mean = 3/7
    assert best_match_f1({"t": [1, 2, 3, 4], "u": [9]}, {"c": [1, 2, 3], "d": [4]}) == pytest.approx(3 / 7, abs=1e-6)
    assert best_match_f1({"t": [1]}, {}) == 0.0
