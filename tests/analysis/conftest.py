"""A hand-built :class:`Resolution` factory for the analysis tests (no resolver needed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pytest

from netmix.model import (
    CONTACT_COLUMNS,
    REQUEST_COLUMNS,
    RESOLVED_PERSON_COLUMNS,
    TIE_COLUMNS,
    Account,
    Resolution,
    frame,
)

SPHERE_OF = {"perso": "personal", "pro": "professional", "linkedin": "professional"}
ACCOUNTS = (
    Account("perso", "personal", "perso.zip"),
    Account("pro", "professional", "pro.zip"),
    Account("linkedin", "professional", "linkedin.zip"),
)


def person(
    pid: str, accounts: str = "perso", *, name: str | None = None, company: str = "", position: str = "", connected: str = ""
) -> dict:
    """One person row; ``accounts`` ``""`` makes a non-contact."""
    accs = sorted(a for a in accounts.split(";") if a)
    spheres = {SPHERE_OF[a] for a in accs}
    sphere = "" if not spheres else ("both" if len(spheres) == 2 else spheres.pop())
    return {
        "person_id": pid,
        "name": name or f"Name {pid}",
        "accounts": ";".join(accs),
        "sphere": sphere,
        "is_contact": "1" if accs else "0",
        "contact_ids": ";".join(f"{a}:{pid}" for a in accs),
        "company": company,
        "position": position,
        "first_connected": connected,
    }


def make_resolution(persons: Sequence[dict], ties: Iterable[tuple] = (), requests: Iterable[dict] = ()) -> Resolution:
    """A resolution from person rows, ``(a, b)`` or ``(a, b, weight)`` ties and request rows."""
    prows = sorted(persons, key=lambda r: r["person_id"])
    contacts = []
    for p in prows:
        for a in filter(None, p["accounts"].split(";")):
            contacts.append(
                {
                    "contact_id": f"{a}:{p['person_id']}",
                    "account": a,
                    "platform": "facebook" if a != "linkedin" else "linkedin",
                    "sphere": SPHERE_OF[a],
                    "relation": "friend",
                    "name": p["name"],
                    "source_id": f"name:{p['name']}",
                    "company": p["company"],
                    "position": p["position"],
                    "connected_on": p["first_connected"],
                    "person_id": p["person_id"],
                }
            )
    trows = []
    for t in ties:
        a, b = sorted(t[:2])
        trows.append({"a": a, "b": b, "weight": float(t[2]) if len(t) > 2 else 1.0, "kind": "observed", "source": "ties.csv"})
    ties_df = frame(trows, TIE_COLUMNS)
    ties_df["weight"] = ties_df["weight"].astype(float) if len(ties_df) else ties_df["weight"]
    reqs = [dict({"platform": "facebook", "sphere": SPHERE_OF.get(r.get("account", ""), "")}, **r) for r in requests]
    return Resolution(
        contacts=frame(contacts, list(CONTACT_COLUMNS) + ["person_id"]),
        persons=frame(prows, RESOLVED_PERSON_COLUMNS),
        doubles=frame([], ["person_id"]),
        duplicates=frame([], ["person_id"]),
        ties=ties_df,
        requests=frame(reqs, list(REQUEST_COLUMNS) + ["person_id"]),
        params={},
    )


@pytest.fixture
def accounts():
    return ACCOUNTS


@pytest.fixture
def maud() -> Resolution:
    return maud_resolution()


def maud_resolution() -> Resolution:
    """Maud's toy network: the "22 mutual friends" case.

    - personal circle: f1..f6, all tied to each other (a clique of 6), perso contacts;
    - professional circle: t01..t25 (pro contacts, company "Office de Tourisme"), all tied to each
      other (a clique of 25); t01..t12 joined ``pro`` in one week of June 2012 (a wave), the others
      one a month from 2011-01-15;
    - ``dbl``: a double (perso + pro), tied to f1, f2 and t01, t02: the personal↔professional bridge;
    - ``x``: NOT a contact, tied to 22 of the professional circle (t01..t22);
      Maud sent him a request from ``pro`` in 2013, still listed as sent;
    - ``y``: not a contact, tied to 2 contacts only (below min_mutual=3);
    - ``p7``: a pro contact in the personal clique's circle (tied to f1..f5): other sphere only.
    """
    ps = [person(f"f{i}", "perso", connected=f"2010-01-0{i}") for i in range(1, 7)]
    dates = [f"2012-06-{4 + i % 5:02d}" for i in range(12)] + [f"{2011 + i // 12}-{1 + i % 12:02d}-15" for i in range(13)]
    office = "Office de Tourisme"
    ps += [person(f"t{i:02d}", "pro", company=office, connected=d) for i, d in zip(range(1, 26), dates, strict=True)]
    ps += [person("dbl", "perso;pro"), person("x", "", name="Xavier Tourisme"), person("y", ""), person("p7", "pro")]
    ties = [(f"f{i}", f"f{j}") for i in range(1, 7) for j in range(i + 1, 7)]
    ts = [f"t{i:02d}" for i in range(1, 26)]
    ties += [(ts[i], ts[j]) for i in range(25) for j in range(i + 1, 25)]
    ties += [("dbl", "f1"), ("dbl", "f2"), ("dbl", "t01"), ("dbl", "t02")]
    ties += [("x", t) for t in ts[:22]]
    ties += [("y", "f3"), ("y", "t05")]
    ties += [("p7", f"f{i}") for i in range(1, 6)]
    reqs = [
        {"account": "pro", "status": "sent", "name": "Xavier Tourisme", "date": "2013-03-02", "person_id": "x"},
        {"account": "perso", "status": "removed", "name": "Ghost", "date": "2012-01-01", "person_id": ""},
    ]
    return make_resolution(ps, ties, reqs)


@pytest.fixture
def build():
    """The factory functions, for tests (``build.person(...)``, ``build.make_resolution(...)``)."""
    from types import SimpleNamespace

    return SimpleNamespace(person=person, make_resolution=make_resolution)
