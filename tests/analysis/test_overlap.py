"""Overlap between accounts and spheres, by hand."""

from __future__ import annotations

import pandas as pd

from netmix.analysis.overlap import overlap, pairs_frame
from netmix.model import Account


def test_overlap_by_hand():
    p = pd.DataFrame(
        {
            "person_id": ["a", "b", "c", "d", "e", "x"],
            "accounts": ["perso", "perso;pro", "perso;linkedin;pro", "pro", "linkedin", ""],
            "sphere": ["personal", "both", "both", "professional", "professional", ""],
        }
    )
    acc = [Account("perso", "personal", "p"), Account("pro", "professional", "q"), Account("linkedin", "professional", "l")]
    o = overlap(p, acc)
    # perso = {a,b,c}, pro = {b,c,d}, linkedin = {c,e}
    pro_perso = next(r for r in o["pairs"] if {r["a"], r["b"]} == {"perso", "pro"})
    assert pro_perso["shared"] == 2 and pro_perso["jaccard"] == 0.5  # 2 / |{a,b,c,d}|
    assert pro_perso["coverage_a"] == round(2 / 3, 4)  # |perso ∩ pro| / |perso| (a = perso, sorted)
    li_perso = next(r for r in o["pairs"] if {r["a"], r["b"]} == {"linkedin", "perso"})
    assert (li_perso["shared"], li_perso["coverage_a"], li_perso["coverage_b"]) == (1, 0.5, round(1 / 3, 4))
    # reached professionally: b, c, d, e; also personally: b, c → 2/4
    assert o["share_professional_also_personal"] == 0.5
    # reached personally: a, b, c; also professionally: b, c → 2/3
    assert o["share_personal_also_professional"] == round(2 / 3, 4)
    # only on perso: a; only on pro: d; only on linkedin: e
    assert o["vanish_if_deleted"] == {"linkedin": 1, "perso": 1, "pro": 1}
    assert o["accounts"]["perso"]["persons"] == 3 and o["spheres"] == {"personal": 1, "professional": 2, "both": 2}
    assert len(pairs_frame(o)) == 3


def test_account_without_contacts_is_listed():
    p = pd.DataFrame({"person_id": ["a"], "accounts": ["perso"], "sphere": ["personal"]})
    o = overlap(p, {"perso": "personal", "pro": "professional"})
    assert o["accounts"]["pro"]["persons"] == 0 and o["share_professional_also_personal"] == 0.0
