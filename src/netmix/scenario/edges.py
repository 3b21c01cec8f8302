"""Ties between the humans: dense inside clusters, sparse between, bridges, non-contacts, homonyms kept apart."""

from __future__ import annotations

import numpy as np

from .world import World

__all__ = ["draw_edges"]


def draw_edges(world: World, visible: dict[str, np.ndarray]) -> np.ndarray:
    """Human-level edges (u < v), shape (m, 2): clusters, background, bridges, non-contacts."""
    rng = world.rng
    humans = world.humans
    n = len(humans)
    in_graph = (visible["perso"] | visible["pro"]) & np.array([h.noncontact is None for h in humans])
    cluster_index = {key: k for k, key in enumerate(world.clusters)}
    cluster_of = np.array([cluster_index[h.cluster] for h in humans])
    parts: list[np.ndarray] = []
    for key, spec in world.clusters.items():
        m = np.array([i for i in world.members[key] if in_graph[i]], dtype=np.int64)
        if len(m) < 2 or spec.p_in <= 0:
            continue
        iu, ju = np.triu_indices(len(m), 1)
        keep = rng.random(len(iu)) < spec.p_in
        parts.append(np.stack([m[iu[keep]], m[ju[keep]]], axis=1))
    g = np.flatnonzero(in_graph)
    pairs = len(g) * (len(g) - 1) // 2
    k = int(rng.binomial(pairs, world.scale.p_out))
    a, b = g[rng.integers(0, len(g), k)], g[rng.integers(0, len(g), k)]
    ok = cluster_of[a] != cluster_of[b]
    parts.append(np.stack([a[ok], b[ok]], axis=1))
    parts.append(_bridge_edges(world, visible))
    parts.append(_noncontact_edges(world, visible))
    parts.append(_split_bridge_edges(world, visible))
    edges = np.concatenate([p.reshape(-1, 2) for p in parts]).astype(np.int64)
    edges = np.sort(edges, axis=1)
    edges = edges[edges[:, 0] != edges[:, 1]]
    codes = np.unique(edges[:, 0] * n + edges[:, 1])
    edges = np.stack([codes // n, codes % n], axis=1)
    vp, vr = visible["perso"], visible["pro"]
    observed = (vp[edges[:, 0]] & vp[edges[:, 1]]) | (vr[edges[:, 0]] & vr[edges[:, 1]])
    return _split_bridges(world, _separate_homonyms(world, edges[observed]), visible)


def _bridge_edges(world: World, visible: dict[str, np.ndarray]) -> np.ndarray:
    rng = world.rng
    out = []
    for i in list(world.bridges):
        h = world.humans[i]
        other = "personal" if h.sphere == "professional" else "professional"
        files = [f for f in ("perso", "pro") if visible[f][i]]
        options: list[list[int]] = []
        for key, spec in world.clusters.items():
            if spec.sphere != other or spec.kind == "linkedin":
                continue
            cand = [
                j
                for j in world.members[key]
                if any(visible[f][j] for f in files)
                and world.humans[j].noncontact is None
                and "homonym" not in world.humans[j].roles
            ]
            if len(cand) >= 3:
                options.append(cand)
        if not options:  # no single circle of the other sphere is visible enough: take them together
            pooled = sorted(
                {
                    j
                    for key, spec in world.clusters.items()
                    if spec.sphere == other and spec.kind != "linkedin"
                    for j in world.members[key]
                    if any(visible[f][j] for f in files)
                    and world.humans[j].noncontact is None
                    and "homonym" not in world.humans[j].roles
                }
            )
            if not pooled:  # nobody of the other sphere on this account (rare seeds): not a bridge after all
                world.bridges.remove(i)
                h.roles.discard("bridge")
                continue
            options.append(pooled)
        cand = options[int(rng.integers(len(options)))]
        k = min(len(cand), max(3, round(0.3 * len(cand)) if len(cand) > 10 else len(cand)))
        out += [(i, int(j)) for j in rng.choice(cand, size=k, replace=False)]
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def _noncontact_edges(world: World, visible: dict[str, np.ndarray]) -> np.ndarray:
    rng = world.rng
    out = []
    eligible = {
        a: [
            j
            for j, h in enumerate(world.humans)
            if visible[a][j] and h.noncontact is None and h.accounts and not ({"homonym", "dup", "bridge"} & h.roles)
        ]
        for a in ("perso", "pro")
    }
    for i in world.noncontacts:
        nc = world.humans[i].noncontact
        assert nc is not None
        chosen: list[int] = []
        for sel, k in nc.picks:
            cand = [
                j
                for j in eligible[nc.account]
                if j not in chosen and (world.humans[j].cluster == sel or sel == f"@{world.humans[j].sphere}")
            ]
            if sel == "@personal":
                cand = [j for j in cand if "double" in world.humans[j].roles]
            k = min(k, len(cand))
            chosen += [int(j) for j in rng.choice(cand, size=k, replace=False)]
        out += [(i, j) for j in chosen]
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def _separate_homonyms(world: World, edges: np.ndarray) -> np.ndarray:
    """Drop the edges that would give a homonym pair a common (observed) neighbour or tie them."""
    drop = np.zeros(len(edges), dtype=bool)
    for a, b in world.homonyms:
        na = set(edges[edges[:, 0] == a, 1]) | set(edges[edges[:, 1] == a, 0])
        bad = na | {a}
        hit = ((edges[:, 0] == b) & np.isin(edges[:, 1], list(bad))) | ((edges[:, 1] == b) & np.isin(edges[:, 0], list(bad)))
        drop |= hit
    return edges[~drop]


def _split_bridge_edges(world: World, visible: dict[str, np.ndarray]) -> np.ndarray:
    """Ties of each split bridge to one personal circle, among its members the personal file shows only."""
    rng = world.rng_split
    out: list[tuple[int, int]] = []
    only_perso = visible["perso"] & ~visible["pro"]
    keys = [k for k, spec in world.clusters.items() if spec.sphere == "personal" and spec.kind != "linkedin"]
    for i in world.split_bridges:
        for _ in range(len(keys)):
            key = keys[int(rng.integers(len(keys)))]
            cand = [
                j
                for j in world.members[key]
                if only_perso[j] and world.humans[j].noncontact is None and "homonym" not in world.humans[j].roles
            ]
            if len(cand) >= 3:
                k = min(len(cand), max(3, round(0.3 * len(cand))))
                out += [(i, int(j)) for j in rng.choice(cand, size=k, replace=False)]
                break
        # and colleagues of its own circle that only the pro file shows (those both files show are dropped)
        own = [j for j in world.members[world.humans[i].cluster] if j != i and visible["pro"][j] and not visible["perso"][j]]
        if own:
            k = min(len(own), max(3, round(0.3 * len(own))))
            out += [(i, int(j)) for j in rng.choice(own, size=k, replace=False)]
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def _split_bridges(world: World, edges: np.ndarray, visible: dict[str, np.ndarray]) -> np.ndarray:
    """Drop the ties of split bridges to people both tie files show: each file then shows only its own side."""
    if not world.split_bridges:
        return edges
    both = visible["perso"] & visible["pro"]
    split = np.zeros(len(world.humans), dtype=bool)
    split[world.split_bridges] = True
    a, b = edges[:, 0], edges[:, 1]
    drop = (split[a] & both[b]) | (split[b] & both[a])
    return edges[~drop]
