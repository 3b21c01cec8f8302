"""Every weight and threshold of pair scoring, in one place.

A pair's confidence is the logistic of a sum of log-odds (natural logarithm) terms, in the
manner of a Fellegi–Sunter model (each term: how much more likely the observation is for two
contacts of one person than for two different people):

``w = PRIOR + name + rarity (own lists) + rarity (population) + company + organisation in the name
+ shared contacts + no overlap + same account``

The values were set by hand on the synthetic scenario (``netmix.scenario``) and are kept here
so that a change is one diff, documented in one place.

>>> round(NAME_WEIGHT["exact"] + PRIOR, 2)
1.5
"""

from __future__ import annotations

__all__ = [
    "WINDOW",
    "MAX_BLOCK",
    "CERTAIN",
    "REVIEW_FLOOR",
    "USEFUL_FUZZY",
    "PRIOR",
    "NAME_WEIGHT",
    "FUZZY_HIGH",
    "FUZZY_HIGH_WEIGHT",
    "FUZZY_LOW",
    "FUZZY_LOW_WEIGHT",
    "DIFFERENT_NAME_WEIGHT",
    "RARE_NAME_WEIGHT",
    "COMMON_NAME_PER_DOUBLING",
    "SAME_COMPANY",
    "DIFFERENT_COMPANY",
    "SHARED_BASE",
    "SHARED_PER_DOUBLING",
    "SHARED_CAP",
    "NO_OVERLAP_PER_TIE",
    "NO_OVERLAP_CAP",
    "MIN_KNOWN",
    "SHARED_MIN_FRACTION",
    "SAME_ACCOUNT",
    "STRONG",
    "AMBIGUITY_MARGIN",
    "CERTAIN_MIN_SHARED",
    "NODE_MIN_SHARED",
    "SIMILAR_MIN_SHARED",
    "POPULATION_REF",
    "POPULATION_PER_E",
    "POPULATION_MIN",
    "POPULATION_MAX",
    "POPULATION_COMMON",
    "ORG_MATCHES_COMPANY",
]

# --- blocking -----------------------------------------------------------------------------------
#: sorted-neighbourhood window for spelling variants (names this close once sorted are compared)
WINDOW = 4
#: blocks larger than this (a very common first name + initial) are skipped, except same-name blocks
MAX_BLOCK = 200
#: pairs whose names are neither related nor at least this similar (fuzzy ratio) are dropped unless an id links them
USEFUL_FUZZY = 0.8

# --- bands --------------------------------------------------------------------------------------
#: confidence from which a pair with ties on both sides and shared contacts is banded ``certain``
CERTAIN = 0.95
#: shared contacts a ``certain`` pair needs (besides the confidence)
CERTAIN_MIN_SHARED = 2
#: unmerged cross-account pairs from this confidence are listed for review
REVIEW_FLOOR = 0.35

# --- log-odds terms -----------------------------------------------------------------------------
#: prior log-odds that two compared contacts are one person
PRIOR = -1.5
#: how the names relate (see :func:`netmix.resolution.normalise.compare_names`)
NAME_WEIGHT = {"exact": 3.0, "diminutive": 2.6, "subset": 1.2, "initial": 0.8}
#: unrelated names still this similar (fuzzy ratio of their keys) get ``FUZZY_HIGH_WEIGHT`` …
FUZZY_HIGH = 0.92
FUZZY_HIGH_WEIGHT = 1.6
#: … or, from ``FUZZY_LOW``, ``FUZZY_LOW_WEIGHT``; below, ``DIFFERENT_NAME_WEIGHT``
FUZZY_LOW = 0.85
FUZZY_LOW_WEIGHT = 0.6
DIFFERENT_NAME_WEIGHT = -2.5
#: a name carried by one person of an account (rare in the user's own lists)
RARE_NAME_WEIGHT = 0.5
#: per doubling of the persons of one account carrying the name (common in the user's lists)
COMMON_NAME_PER_DOUBLING = -0.8
#: both sides name the same company / different companies
SAME_COMPANY = 1.0
DIFFERENT_COMPANY = -0.3
#: shared contacts k > 0: ``min(SHARED_BASE + SHARED_PER_DOUBLING * log2(1 + k), SHARED_CAP)``
SHARED_BASE = 1.0
SHARED_PER_DOUBLING = 1.2
SHARED_CAP = 6.0
#: no shared contact although both sides have ties: per tie of the less-tied side, capped
NO_OVERLAP_PER_TIE = -0.45
NO_OVERLAP_CAP = -4.0
#: ties each side needs for a neighbourhood to count as known (no overlap then = possible homonym)
MIN_KNOWN = 3
#: shared contacts below this fraction of the less-tied side's ties are what two different people
#: of a large network share by chance (a friend who is also a colleague, a false merge nearby): they
#: count as no overlap, so a pair that no field but the name supports is never carried by them
#: (large scenario: true pairs share 0.17 of their contacts at the 10th percentile; same-name
#: homonyms 1 or 2 of 80–160)
SHARED_MIN_FRACTION = 0.05
#: two contacts of one account (a friend's second account carries the same name)
SAME_ACCOUNT = -1.5

# --- acceptance ---------------------------------------------------------------------------------
#: name relations strong enough for same-account pairs and tie-node pairs
STRONG = ("exact", "diminutive")
#: shared contacts a pair involving a tie-file node needs
NODE_MIN_SHARED = 1
#: shared contacts a pair of merely similar names (a spelling variant, not the same name) needs when
#: both sides have ties: one contact in common is what two people of one circle share (seed 42:
#: "Liam Colin" and "Liam Collins", 1 shared of 15)
SIMILAR_MIN_SHARED = 2
#: a contact matching two possible homonyms with confidences closer than this matches neither
AMBIGUITY_MARGIN = 0.05

# --- population name frequency (term-frequency adjustment, as in Splink) ------------------------
#: probability of a name (first-name share × surname share) at which the population term is 0:
#: about 7 people of this name in France
POPULATION_REF = 1e-7
#: log-odds per factor e between the reference and the name's probability (rarer: more, commoner: less)
POPULATION_PER_E = 0.35
#: the population term is kept within these bounds
POPULATION_MIN = -0.5
POPULATION_MAX = 0.8
#: from this probability (about 70 people of this name in France) the evidence calls the name common
POPULATION_COMMON = 1e-6
#: the organisation written in one account name is the company (or organisation) of the other side
ORG_MATCHES_COMPANY = 1.0
