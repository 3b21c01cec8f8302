"""Hand-built resolution and analysis for the render tests (synthetic people only).

Ten persons in two clusters:

- c1 "Family & old friends": p01 Marie Dupont (perso+pro, a double), p02 Jean Martin,
  p03 Zoë Lefèvre, p04 the ``<img onerror>`` name, p09 Léa Noncontact (not a contact);
- c2 "Tourism office": p05 the ``<a href=javascript:>`` name, p06 the ``</select><script>`` name,
  p07 Ana Souza (linkedin), p08 Karl Weber, p10 Omar Haddad (perso+linkedin, a double).

Spheres: personal p02 p03 p04; professional p05 p06 p07 p08; both p01 p10; non-contact p09.
Ties: 5 in c1, 6 in c2, 2 between (p01–p10 inferred, p02–p10 observed) → 13 edges.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from netmix import model
from netmix.model import Account, Analysis, Resolution
from netmix.resolution.facts import Fact

IMG = "<img src=x onerror=alert(1)>"
SELECT = "</select><script>alert(2)</script>"
HREF = 'Bob <a href="javascript:alert(3)">x</a>'

PERSONS = [
    # person_id, name, accounts, sphere, cluster, is_contact, bridging_score, ego_role
    ("p01", "Marie Dupont", "perso;pro", "both", "c1", "1", 0.8, "gateway"),
    ("p02", "Jean Martin", "perso", "personal", "c1", "1", 0.3, "insider"),
    ("p03", "Zoë Lefèvre", "perso", "personal", "c1", "1", 0.1, "insider"),
    ("p04", IMG, "perso", "personal", "c1", "1", 0.0, "insider"),
    ("p05", HREF, "pro", "professional", "c2", "1", 0.2, "insider"),
    ("p06", SELECT, "pro", "professional", "c2", "1", 0.0, "insider"),
    ("p07", "Ana Souza", "linkedin", "professional", "c2", "1", 0.1, "insider"),
    ("p08", "Karl Weber", "pro", "professional", "c2", "1", 0.0, "insider"),
    ("p09", "Léa Noncontact", "", "", "c1", "0", 0.0, ""),
    ("p10", "Omar Haddad", "linkedin;perso", "both", "c2", "1", 1.0, "gateway"),
]
EDGES = [
    ("p01", "p02", "observed"), ("p02", "p03", "observed"), ("p01", "p03", "observed"),
    ("p03", "p04", "observed"), ("p04", "p09", "observed"),
    ("p05", "p06", "observed"), ("p06", "p07", "observed"), ("p07", "p08", "observed"),
    ("p05", "p08", "observed"), ("p10", "p05", "observed"), ("p10", "p07", "observed"),
    ("p01", "p10", "inferred"), ("p02", "p10", "observed"),
]  # fmt: skip

CONTACTS = [
    # contact_id, account, platform, sphere, name, source_id, email, phone, profile_url, handle, company, person_id
    ("perso:1", "perso", "facebook", "personal", "Marie Dupont", "name:Marie Dupont", "", "", "", "", "", "p01"),
    ("perso:2", "perso", "facebook", "personal", "Jean Martin", "name:Jean Martin", "", "", "", "", "", "p02"),
    ("perso:3", "perso", "facebook", "personal", "Zoë Lefèvre", "name:Zoë Lefèvre", "", "", "", "", "", "p03"),
    ("perso:4", "perso", "facebook", "personal", IMG, "name:" + IMG, "", "", "", "", "", "p04"),
    ("perso:10", "perso", "facebook", "personal", "Omar Haddad", "name:Omar Haddad", "", "", "", "", "", "p10"),
    ("pro:1", "pro", "facebook", "professional", "Marie Dupont", "name:Marie Dupont", "marie@example.org", "+33 6 12 34 56 78", "", "", "OT Pau", "p01"),
    ("pro:2", "pro", "facebook", "professional", HREF, "name:" + HREF, "", "", "", "", "", "p05"),
    ("pro:3", "pro", "facebook", "professional", SELECT, "name:" + SELECT, "", "", "", "", "", "p06"),
    ("pro:4", "pro", "facebook", "professional", "Karl Weber", "name:Karl Weber", "", "", "", "", "", "p08"),
    ("linkedin:1", "linkedin", "linkedin", "professional", "Ana Souza", "https://www.linkedin.com/in/ana-souza", "ana@example.com", "", "https://www.linkedin.com/in/ana-souza", "", "Acme", "p07"),
    ("linkedin:2", "linkedin", "linkedin", "professional", "Omar Haddad", "https://www.linkedin.com/in/omar", "", "", "https://www.linkedin.com/in/omar", "omarh", "Acme", "p10"),
]  # fmt: skip

ACCOUNTS = (
    Account("perso", "personal", "perso.zip"),
    Account("pro", "professional", "pro.zip"),
    Account("linkedin", "professional", "Connections.csv"),
)


def build_case() -> tuple[Resolution, Analysis, tuple[Account, ...]]:
    contacts = model.frame(
        [
            dict(zip(("contact_id", "account", "platform", "sphere", "name", "source_id", "email", "phone",
                      "profile_url", "handle", "company", "person_id"), row), relation="friend", source_file="x")
            for row in CONTACTS
        ],
        model.CONTACT_COLUMNS + ("person_id",),
    )  # fmt: skip
    persons = pd.DataFrame(
        PERSONS, columns=["person_id", "name", "accounts", "sphere", "cluster", "is_contact", "bridging_score", "ego_role"]
    )
    degree = {p: 0 for p, *_ in PERSONS}
    for a, b, _ in EDGES:
        degree[a] += 1
        degree[b] += 1
    persons["degree"] = persons["person_id"].map(degree)
    resolved = persons[["person_id", "name", "accounts", "sphere", "is_contact"]].copy()
    for col in ("contact_ids", "company", "position", "first_connected"):
        resolved[col] = ""
    resolved.loc[resolved.person_id == "p01", "company"] = "OT Pau"
    doubles = model.frame(
        [
            {"person_id": "p01", "name": "Marie Dupont", "accounts": "perso;pro",
             "names": "perso: Marie Dupont | pro: Marie Dupont", "confidence": 0.97, "band": "certain",
             "evidence": (Fact("name.exact"), Fact("id", {"kind": "email"})), "suggestion": (Fact("sg.both", {"n": 3, "p": 1, "q": 1, "b": 1}),)},
            {"person_id": "p10", "name": "Omar Haddad", "accounts": "linkedin;perso",
             "names": "linkedin: Omar Haddad | perso: Omar Haddad", "confidence": 0.81, "band": "likely",
             "evidence": (Fact("name.exact"), Fact("id", {"kind": "url"})), "suggestion": (Fact("sg.review"),)},
        ],
        model.DOUBLE_COLUMNS,
    )  # fmt: skip
    doubles["confidence"] = doubles["confidence"].astype(float)
    ties = model.frame(
        [{"a": a, "b": b, "weight": 1.0, "kind": "observed", "source": "ties.csv"} for a, b, k in EDGES if k == "observed"],
        model.TIE_COLUMNS,
    )
    resolution = Resolution(
        contacts=contacts, persons=resolved, doubles=doubles, duplicates=model.empty_frame(["person_id"]),
        ties=ties, requests=model.empty_frame(model.REQUEST_COLUMNS + ("person_id",)), params={"threshold": 0.8},
    )  # fmt: skip
    clusters = pd.DataFrame(
        [("c1", "Family & old friends", 5, 3, 0, 1), ("c2", "Tourism office", 5, 0, 4, 1)],
        columns=list(model.CLUSTER_COLUMNS),
    )
    exclusions = model.frame(
        [{"name": "Léa Noncontact", "person_id": "p09", "cluster": "c1", "mutual": 1, "status": "not connected",
          "reason": "tied to 1 member"}],
        model.EXCLUSION_COLUMNS + ("reason",),
    )  # fmt: skip
    bridges = pd.DataFrame(
        [("p10", "Omar Haddad", 1, 1.0), ("p01", "Marie Dupont", 2, 0.8)], columns=["person_id", "name", "rank", "bridging_score"]
    )
    waves = pd.DataFrame([("perso", "2015-03", 4), ("pro", "2019-06", 3)], columns=["account", "wave", "size"])
    graph = nx.Graph()
    for pid, name, accs, sphere, cluster, is_contact, *_ in PERSONS:
        graph.add_node(pid, name=name, sphere=sphere, cluster=cluster, accounts=accs, is_contact=is_contact)
    for a, b, kind in EDGES:
        graph.add_edge(a, b, weight=1.0, kind=kind)
    summary = {"persons": 10, "contacts": 9, "doubles": 2}
    analysis = Analysis(
        persons=persons, clusters=clusters, exclusions=exclusions, bridges=bridges, waves=waves,
        overlap={}, summary=summary, params={"seed": 0}, graph=graph,
    )  # fmt: skip
    return resolution, analysis, ACCOUNTS


@pytest.fixture()
def case():
    return build_case()


def synthetic(n: int, *, per_cluster: int = 100, ties: int = 10, seed: int = 0) -> tuple[Resolution, Analysis]:
    """A clustered network of ``n`` persons with about ``ties`` ties each (benchmarks, big tests)."""
    import random

    rnd = random.Random(seed)
    accounts = ["perso", "pro", "perso;pro", ""]
    spheres = {"perso": "personal", "pro": "professional", "perso;pro": "both", "": ""}
    rows = []
    graph = nx.Graph()
    for i in range(n):
        pid = f"p{i:07d}"
        acc = accounts[rnd.choices(range(4), weights=(5, 4, 1, 1))[0]]
        cl = f"c{i // per_cluster + 1}"
        rows.append((pid, f"Person {i}", acc, spheres[acc], cl, "1" if acc else "0", rnd.random(), ""))
        graph.add_node(pid, name=f"Person {i}", sphere=spheres[acc], cluster=cl, accounts=acc, is_contact="1" if acc else "0")
    for i in range(n):
        base = (i // per_cluster) * per_cluster
        for _ in range(ties // 2):
            j = base + rnd.randrange(per_cluster) if rnd.random() < 0.9 else rnd.randrange(n)
            j = min(j, n - 1)
            if j != i:
                graph.add_edge(f"p{i:07d}", f"p{j:07d}", weight=1.0, kind="observed")
    persons = pd.DataFrame(rows, columns=["person_id", "name", "accounts", "sphere", "cluster", "is_contact", "bridging_score", "ego_role"])
    clusters = persons.groupby("cluster").size().reset_index(name="size")
    clusters["label"] = "Group " + clusters["cluster"]
    for col in ("personal", "professional", "both"):
        clusters[col] = 0
    empty = model.empty_frame
    analysis = Analysis(
        persons=persons, clusters=clusters[list(model.CLUSTER_COLUMNS)], exclusions=empty(model.EXCLUSION_COLUMNS),
        bridges=empty(model.BRIDGE_COLUMNS), waves=empty(["wave"]), overlap={}, summary={}, params={}, graph=graph,
    )  # fmt: skip
    resolution = Resolution(
        contacts=empty(model.CONTACT_COLUMNS), persons=persons, doubles=empty(model.DOUBLE_COLUMNS),
        duplicates=empty(["person_id"]), ties=empty(model.TIE_COLUMNS), requests=empty(model.REQUEST_COLUMNS),
    )  # fmt: skip
    return resolution, analysis
