"""``truth.json``: the planted structure (who is who, doubles, homonyms, bridges, clusters, exclusions, waves)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .spec import ACCOUNT_ORDER, ACCOUNT_SPHERE, EGO, MEETING, WAVE_END, WAVE_START, ZIP_STEM
from .world import World

__all__ = ["truth"]


def _contact_ids(contacts: dict) -> tuple[dict[int, list[str]], dict[str, str]]:
    """Per human, its contact ids (``perso:12``) in account order; and contact id by ``account:uid``."""
    cids: dict[int, list[str]] = {}
    by_uid: dict[str, str] = {}
    for account in ACCOUNT_ORDER:
        for n, (i, _, _, uid) in enumerate(contacts[account], start=1):
            cids.setdefault(i, []).append(f"{account}:{n}")
            if uid:
                by_uid[f"{account}:{uid}"] = f"{account}:{n}"
    return cids, by_uid


def _human_entry(world: World, i: int, cids: dict[int, list[str]]) -> dict:
    h = world.humans[i]
    entry: dict = {"name": h.name, "cluster": h.cluster, "sphere": h.sphere, "contacts": cids.get(i, [])}
    tn = world.tie_nodes.get(i, {})
    entry["tie_names"] = {a: h.fb_name(a) for a in tn}
    entry["tie_nodes"] = {a: list(u) for a, u in tn.items()}  # the main node first
    if h.variant:
        entry["variant"] = h.variant
    if h.requests:
        entry["requests"] = sorted(h.requests)
    if h.url:
        entry["linkedin_url"] = h.url
    return entry


def _excluded(world: World, edges: np.ndarray, hid: dict[int, str], is_contact: set[int]) -> list[dict]:
    """The planted non-contacts with their mutual contacts, most mutual first."""
    neighbours: dict[int, set[int]] = {}
    for a, b in edges:
        neighbours.setdefault(int(a), set()).add(int(b))
        neighbours.setdefault(int(b), set()).add(int(a))
    excluded: list[dict[str, Any]] = []
    for i in world.noncontacts:
        h = world.humans[i]
        nc = h.noncontact
        assert nc is not None
        mutual = len(neighbours.get(i, set()) & is_contact)
        excluded.append(
            {"human": hid[i], "name": h.name, "mutual": mutual, "status": nc.status, "account": nc.account, "cluster": h.cluster}
        )
    excluded.sort(key=lambda e: (-e["mutual"], e["name"], e["human"]))
    return excluded


def _accounts(world: World, contacts: dict) -> dict:
    requests_count: dict[str, dict[str, int]] = {a: {} for a in ("perso", "pro", "linkedin")}
    for (account, status), members in world.requests.items():
        requests_count[account][status] = len(members)
    for _, direction, _ in world.invitations:
        key = "sent" if direction == "OUTGOING" else "received"
        requests_count["linkedin"][key] = requests_count["linkedin"].get(key, 0) + 1
    paths = {"perso": f"perso/{ZIP_STEM}.zip", "pro": "pro", "linkedin": "linkedin"}
    return {
        a: {
            "sphere": ACCOUNT_SPHERE[a],
            "platform": "linkedin" if a == "linkedin" else "facebook",
            "path": paths[a],
            "n_contacts": len(contacts[a]),
            "requests": dict(sorted(requests_count[a].items())),
        }
        for a in ACCOUNT_ORDER
    }


def truth(world: World, contacts: dict, edges: np.ndarray, ties: dict) -> dict:
    """The content of ``truth.json`` (``contacts`` from :func:`~netmix.scenario.writers.contact_rows`)."""
    width = max(4, len(str(len(world.humans))))
    live = [i for i, h in enumerate(world.humans) if "gone" not in h.roles]
    hid = {i: f"h{k + 1:0{width}d}" for k, i in enumerate(live)}
    cids, by_uid = _contact_ids(contacts)
    clusters: dict[str, list[str]] = {}
    for i in live:
        clusters.setdefault(world.humans[i].cluster, []).append(hid[i])
    dup_pairs = []
    for i in world.dups:
        h = world.humans[i]
        dup_pairs.append(sorted([by_uid[f"pro:{h.uid_pro}"], by_uid[f"pro:{h.uid_dup}"]], key=lambda c: int(c.split(":")[1])))
    wave_ids = sorted((c for i in world.wave for c in cids[i] if c.startswith("pro:")), key=lambda c: int(c[4:]))
    return {
        "seed": world.seed,
        "scale": world.scale.name,
        "ego": EGO,
        "accounts": _accounts(world, contacts),
        "humans": {hid[i]: _human_entry(world, i, cids) for i in live},
        "doubles": sorted(hid[i] for i in live if len({c.split(":")[0] for c in cids.get(i, [])}) >= 2),
        "within_account_duplicates": sorted(dup_pairs),
        "homonyms": sorted(sorted([hid[a], hid[b]]) for a, b in world.homonyms),
        "bridges": sorted(hid[i] for i in world.bridges + world.split_bridges),
        "split_bridges": sorted(hid[i] for i in world.split_bridges),
        "clusters": {k: sorted(v) for k, v in sorted(clusters.items())},
        "excluded": _excluded(world, edges, hid, set(cids)),
        "waves": [
            {
                "account": "pro",
                "event": MEETING,
                "start": WAVE_START.isoformat(),
                "end": WAVE_END.isoformat(),
                "size": len(wave_ids),
                "contacts": wave_ids,
            }
        ],
        "ties": ties,
    }
