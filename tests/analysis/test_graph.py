"""The person graph: nodes, observed and inferred ties, sparse projection of affiliations."""

from __future__ import annotations

import pandas as pd
import pytest

from netmix.graph import build_network, inferred_ties, normalise_company


def test_normalise_company():
    assert normalise_company("Office de Tourisme de Pau, S.A.S.") == "office de tourisme de pau"
    assert normalise_company("ACME Inc.") == normalise_company("acme") == "acme"
    assert normalise_company("Société Générale") == "societe generale"
    assert normalise_company("") == ""


def test_nodes_and_observed_ties(build, accounts):
    res = build.make_resolution(
        [build.person("a", "perso;pro"), build.person("b", "pro"), build.person("n", "")], [("a", "b", 2.0), ("b", "n")]
    )
    g = build_network(res, accounts, infer=False)
    assert sorted(g.nodes) == ["a", "b", "n"]  # every person, no ego node, no account node
    assert g.nodes["a"] == {"name": "Name a", "sphere": "both", "accounts": "perso;pro", "company": "", "is_contact": True}
    assert g.nodes["n"]["is_contact"] is False
    assert g.edges["a", "b"] == {"weight": 2.0, "kind": "observed", "source": "ties.csv"}


def test_company_projection_small_clique_and_big_ring(build):
    small = [build.person(f"s{i}", "linkedin", company="Mairie de Pau") for i in range(3)]
    big = [build.person(f"b{i:02d}", "linkedin", company="Big Corp Ltd") for i in range(20)]
    res = build.make_resolution(small + big)
    t = inferred_ties(res, clique_max=8, ring_k=2)
    s = t[t["a"].str.startswith("s")]
    # 3 members ≤ 8 → clique: 3 ties of weight 1/(3-1)
    assert len(s) == 3 and set(s["weight"]) == {0.5}
    b = t[t["a"].str.startswith("b")]
    # 20 members > 8 → circulant ring k=2: 20 × 2 = 40 ties, weight 1/19, every member 4 ties
    assert len(b) == 40 and b["weight"].eq(1 / 19).all()
    deg = pd.concat([b["a"], b["b"]]).value_counts()
    assert set(deg) == {4} and len(deg) == 20
    assert set(t["kind"]) == {"inferred"} and set(t["source"]) == {"same organisation"}


def test_observed_and_inferred_merge(build, accounts):
    ps = [
        build.person("a", "linkedin", company="ACME"),
        build.person("b", "linkedin", company="Acme Inc"),
        build.person("c", "linkedin"),
    ]
    res = build.make_resolution(ps, [("a", "b"), ("b", "c")])
    g = build_network(res, accounts)
    # a–b observed (1.0) and same organisation (1/(2-1) = 1.0): summed, kind says both
    assert g.edges["a", "b"]["kind"] == "observed+inferred" and g.edges["a", "b"]["weight"] == pytest.approx(2.0)
    assert g.edges["b", "c"]["kind"] == "observed"


def test_wave_ties(build, accounts):
    ps = [build.person(f"w{i}", "pro", connected="2012-06-05") for i in range(5)] + [
        build.person("o", "pro", connected="2010-01-01")
    ]
    g = build_network(build.make_resolution(ps), accounts, wave_min_size=5)
    # 5 connections on one day, baseline median 0 → a wave of 5 → clique of 5 (≤ 8): 10 ties weight 1/4
    kinds = {(u, v): d for u, v, d in g.edges(data=True)}
    assert len(kinds) == 10 and all(d["source"] == "wave w01" and d["weight"] == 0.25 for d in kinds.values())
    assert g.degree("o") == 0


def test_ties_read_by_their_codes_give_the_tables_their_texts_give(maud):
    # resolve hands its ties over as ordered categoricals of the persons' ids, which observed_ties and merge_edges
    # read by their codes; the reference is the same ties as plain text (the path of a hand-made Resolution), also
    # messy: a tie given twice (reversed, another weight and file), naming an unknown person, from a person to themself
    import dataclasses

    from netmix.graph import observed_ties, person_ties

    t = maud.ties
    messy = pd.concat(
        [t, t.iloc[:5].rename(columns={"a": "b", "b": "a"}).assign(weight=2.0, source="other.gdf"),
         t.iloc[:3].assign(b="nobody"), t.iloc[:2].assign(b=t["a"].iloc[:2])],
        ignore_index=True,
    )  # fmt: skip
    ids = pd.Index(sorted(maud.persons["person_id"]), dtype=object)

    def coded(ties: pd.DataFrame) -> pd.DataFrame:  # an unknown id: code -1 (missing)
        codes = {end: ids.get_indexer(ties[end]) for end in ("a", "b")}
        return ties.assign(**{end: pd.Categorical.from_codes(c, categories=ids, ordered=True) for end, c in codes.items()})

    def text(edges: pd.DataFrame) -> pd.DataFrame:
        return edges.astype({"a": object, "b": object})

    for ties in (t, messy):
        got = observed_ties(dataclasses.replace(maud, ties=coded(ties)))
        want = observed_ties(dataclasses.replace(maud, ties=ties))
        assert isinstance(got["a"].dtype, pd.CategoricalDtype) and len(got) == len(t) > 0
        assert text(got).equals(text(want))
        assert (got["a"] < got["b"]).all() and (got["a"].astype(str) < got["b"].astype(str)).all()
        edges = [text(person_ties(dataclasses.replace(maud, ties=x)).edges) for x in (coded(ties), ties)]
        assert edges[0].equals(edges[1])


def test_merge_edges_takes_pairs_already_merged_and_in_order_as_they_are(maud):
    # the resolution's ties are merged and sorted: merge_edges keeps them as they are (no merge, no sort); the same
    # rows shuffled go the whole way (duplicates looked for, sorted) and must come out the same, row for row
    from netmix.graph import merge_edges, observed_ties

    ties = observed_ties(maud)
    assert len(ties) > 100 and ties.duplicated(["a", "b"]).sum() == 0
    for how in ("max", "sum"):
        kept = merge_edges(ties, how=how, coded=True)
        shuffled = merge_edges(ties.sample(frac=1.0, random_state=3).reset_index(drop=True), how=how, coded=True)
        assert kept.equals(ties) and shuffled.equals(ties)
        as_text = ties.astype({"a": object, "b": object})
        assert merge_edges(as_text, how=how).equals(merge_edges(as_text.iloc[::-1].reset_index(drop=True), how=how))
