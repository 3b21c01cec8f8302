"""Comparing a partition with ground truth: normalised mutual information and best-match F1.

Used by the validation benchmarks (SNAP circles, the synthetic scenario's planted clusters) and
available to researchers who compare netmix's clusters with their own coding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence

import numpy as np

__all__ = ["best_match_f1", "nmi"]


def nmi(labels_true: Sequence[Hashable], labels_pred: Sequence[Hashable]) -> float:
    """Normalised mutual information of two labelings of the same items.

    ``NMI = I(U; V) / ((H(U) + H(V)) / 2)`` (arithmetic normalisation; Danon et al. 2005,
    *J. Stat. Mech.* P09008; the default of scikit-learn's ``normalized_mutual_info_score``).
    1 = same partition (up to names); 0 = independent. Two single-cluster labelings give 1.

    >>> nmi([0, 0, 1, 1], ["a", "a", "b", "b"])
    1.0
    >>> round(nmi([0, 0, 1, 1], [0, 1, 0, 1]), 6)
    0.0
    """
    if len(labels_true) != len(labels_pred):
        raise ValueError("both labelings must have the same length")
    n = len(labels_true)
    if n == 0:
        return 1.0
    joint = Counter(zip(labels_true, labels_pred, strict=False))
    pu, pv = Counter(labels_true), Counter(labels_pred)
    hu = -sum(c / n * np.log(c / n) for c in pu.values())
    hv = -sum(c / n * np.log(c / n) for c in pv.values())
    if hu == 0 and hv == 0:
        return 1.0
    mi = sum(c / n * np.log(c * n / (pu[u] * pv[v])) for (u, v), c in joint.items())
    return float(max(0.0, min(1.0, mi / ((hu + hv) / 2))))


def best_match_f1(truth: Mapping[Hashable, Sequence[Hashable]], found: Mapping[Hashable, Sequence[Hashable]]) -> float:
    """Mean over true groups of the best F1 with any found group (0 when nothing is found).

    ``F1(T, C) = 2 |T∩C| / (|T| + |C|)``; as in Yang & Leskovec (2013, *WSDM*) one direction of
    their symmetric average — how well each true group is recovered.

    >>> best_match_f1({"t": [1, 2, 3, 4]}, {"c": [1, 2, 3], "d": [4]})
    0.857143
    """
    if not truth:
        return 0.0
    fsets = [set(m) for m in found.values()]
    scores = []
    for members in truth.values():
        t = set(members)
        best = max((2 * len(t & c) / (len(t) + len(c)) for c in fsets), default=0.0)
        scores.append(best)
    return round(float(np.mean(scores)), 6)
