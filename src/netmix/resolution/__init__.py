"""Resolution: which contacts are the same human (persons), doubles, and ties between persons.

CONTRACT (filled in by resolution/*.py; the pipeline and the renderers rely on it):

``resolve(contacts, tiesets, requests, *, threshold=..., decisions=None, seed=0) -> Resolution``

- ``contacts``: every account's contacts concatenated (``model.CONTACT_COLUMNS``).
- ``tiesets``: the :class:`~netmix.model.TieSet` list; a tie set with ``account`` names that
  account's contacts by their display names (or platform ids); without an account, names may be
  any account's. Tie nodes that match no contact become **non-contact persons** (people the
  ego is not connected to but who are tied to the ego's contacts: "22 mutual friends").
- ``requests``: request history (``model.REQUEST_COLUMNS``); each row gets a ``person_id``
  (a known person, else a new non-contact person when its name matches a tie node, else "").

How: names are normalised (:mod:`.normalise`), tie nodes mapped to contacts (:mod:`.entities`),
candidate pairs found by blocking and shared identifiers and scored (:mod:`.match`), persons
formed by union-find under homonym constraints (:mod:`.persons`) — the shared-contact evidence
and the persons are computed in turns, each round counting shared contacts between the persons
of the round before — and doubles reported with evidence and a suggestion (:mod:`.doubles`).
Decisions (:mod:`.decisions`) force or forbid merges and are carried into ``doubles.decision``.

>>> import pandas as pd
>>> from netmix.model import CONTACT_COLUMNS, frame
>>> marie, marie_ot = "Marie Dupont", "Marie Dupont (OT Pau)"
>>> rows = [dict(contact_id="perso:1", account="perso", sphere="personal", name=marie, source_id="name:" + marie),
...         dict(contact_id="pro:1", account="pro", sphere="professional", name=marie_ot, source_id="name:" + marie_ot)]
>>> res = resolve(frame(rows, CONTACT_COLUMNS))
>>> res.doubles.loc[0, ["names", "band"]].tolist()  # merged, but a name alone leaves it to review
['perso: Marie Dupont | pro: Marie Dupont (OT Pau)', 'review']
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from ..model import CONTACT_COLUMNS, REQUEST_COLUMNS, Resolution, TieSet, frame
from ..util import collector
from ..util.arrays import blank_text, filled, text_array, unique_texts
from .blocking import candidate_pairs, url_key
from .decisions import Decision, Decisions, decisions_template, load_decisions
from .doubles import build_doubles
from .entities import Entities, build_entities, object_frame
from .facts import Fact
from .match import mark_ambiguous, name_relations, name_terms, score, shared_counts
from .normalise import normalise_name
from .persons import person_ids, person_ties, persons_table, union
from .weights import USEFUL_FUZZY

__all__ = ["resolve", "DEFAULT_THRESHOLD", "Decisions", "load_decisions", "decisions_template"]

log = logging.getLogger(__name__)

#: Confidence from which a pair is merged (band ``likely``); ``certain`` needs ids or shared contacts.
DEFAULT_THRESHOLD = 0.7
MAX_ROUNDS = 2

#: What :func:`resolve` calls with the persons' ids (sorted) and their ties once made (``on_ties``).
TiesReady = Callable[[list[str], pd.DataFrame], None]


def _prepare(contacts: pd.DataFrame) -> pd.DataFrame:
    blank = pd.Series(filled(len(contacts), ""), index=contacts.index, dtype=object)
    c = pd.DataFrame({col: blank_text(contacts[col]) if col in contacts.columns else blank for col in CONTACT_COLUMNS})
    tails = pd.Series([cid.rpartition(":")[2] for cid in c["contact_id"].tolist()], dtype=object)
    num = pd.to_numeric(tails, errors="coerce").fillna(0).to_numpy()

    def rank(col: str) -> np.ndarray:
        return pd.factorize(c[col].to_numpy(dtype=object), sort=True)[0]

    # by account, the number after the id's colon, source id, id (read only when the first two leave ties)
    keys = [rank("account"), num]
    if pd.DataFrame({"a": keys[0], "n": num}).duplicated().any():
        keys += [rank("source_id"), rank("contact_id")]
    return c.take(np.lexsort(keys[::-1])).reset_index(drop=True)


def _decision_refs(decisions: Decisions | None, contacts: pd.DataFrame) -> list[tuple[Decision, list[int]]]:
    if not decisions:
        return []
    by_key = {k: i for i, k in enumerate(contacts["account"] + "|" + contacts["source_id"])}
    by_cid = {k: i for i, k in enumerate(contacts["contact_id"])}
    out: list[tuple[Decision, list[int]]] = []
    for d in decisions.items:
        ents = sorted({by_key[k] for k in d.source_keys if k in by_key})
        if not ents:
            ents = sorted({by_cid[k] for k in d.contact_ids if k in by_cid})
        out.append((d, ents))
    return out


def resolve(
    contacts: pd.DataFrame,
    tiesets: Sequence[TieSet] = (),
    requests: pd.DataFrame | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    decisions: Decisions | None = None,
    on_ties: TiesReady | None = None,
) -> Resolution:
    """Resolve contacts (and tie-file nodes) into persons; find doubles and duplicates.

    Parameters
    ----------
    contacts : CONTACT_COLUMNS of every account.
    tiesets : tie sets read by :func:`netmix.ties.read_ties`.
    requests : REQUEST_COLUMNS, or ``None``.
    threshold : confidence from which a pair is merged (band ``likely``).
    decisions : decisions from :func:`load_decisions`, re-applied.
    on_ties : called with the persons' ids (sorted, as in the persons table) and the ties between persons as soon
        as both are known (before the persons table and the doubles are made), so that work on the person graph
        can start while the resolution ends.

    Returns
    -------
    Resolution
    """
    if not 0.0 < threshold < 1.0:
        from ..errors import ConfigError

        raise ConfigError(f"threshold {threshold} is not between 0 and 1", hint="the default is 0.7")
    # resolution only allocates: the collector's passes would walk millions of live objects for nothing (the
    # intermediate tables are freed when _resolve returns, before it runs again)
    with collector.paused():
        return _resolve(contacts, tiesets, requests, threshold, decisions, on_ties)


def _resolve(
    contacts: pd.DataFrame,
    tiesets: Sequence[TieSet],
    requests: pd.DataFrame | None,
    threshold: float,
    decisions: Decisions | None,
    on_ties: TiesReady | None,
) -> Resolution:
    c = _prepare(contacts)
    spheres: dict[str, str] = {}
    for a, s in zip(c["account"], c["sphere"], strict=False):
        spheres.setdefault(a, s)
    ents = build_entities(c, list(tiesets))
    pairs, rel, fz = _useful_pairs(ents, c)
    refs = _decision_refs(decisions, c)
    forced, forbidden = _forced_and_forbidden(refs)
    scored, root, deg, rounds = _rounds(ents, pairs, rel, fz, threshold, forced, forbidden)
    pid = person_ids(ents, root)
    ids, code = unique_texts(pid.astype(object))  # every person's id, sorted; each entity's
    ties = person_ties(ents, ids, code)
    if on_ties is not None:
        on_ties(ids.tolist(), ties)
    persons = persons_table(ents, c, pid, spheres)
    forced_roots = {int(root[a]) for a, _ in forced}
    doubles, duplicates = build_doubles(ents, c, scored, root, pid, deg, persons, spheres, forced_roots, ties)
    applied = _apply_decisions(doubles, refs, c["contact_id"].tolist())

    out_contacts = c.copy()
    out_contacts["person_id"] = blank_text(pid[: ents.n_contacts], out_contacts.index)
    out_requests = _requests(requests, c, ents, pid)
    params = {
        "threshold": threshold,
        "decisions_file": decisions.path if decisions else "",
        "decisions": applied,
        **({"decisions_match": decisions_match(applied)} if decisions else {}),
        "rounds": rounds,
        "counts": _counts(c, persons, doubles, duplicates, ties, pairs),
        "issues": [str(x) for x in ents.issues],
    }
    return Resolution(out_contacts, persons, doubles, duplicates, ties, out_requests, params)


def _useful_pairs(ents: Entities, c: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Candidate pairs with their name relation and fuzzy ratio, less those that can never be merged."""
    pairs = candidate_pairs(ents, c)
    i = pairs["i"].to_numpy(dtype=np.int64)
    j = pairs["j"].to_numpy(dtype=np.int64)
    rel, fz = name_relations(ents, i, j, pairs["blocked"].to_numpy(dtype=bool))
    # names that are neither related nor similar can never be merged: drop them unless ids link them
    useful = (rel != "") | (fz >= USEFUL_FUZZY) | (pairs["ids"].to_numpy(dtype=object) != "")
    return pairs[useful].reset_index(drop=True), rel[useful], fz[useful]


def _forced_and_forbidden(refs: list[tuple[Decision, list[int]]]) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """The entity pairs the decisions merge (``same``) and keep apart (``not same``, which wins)."""
    forced: list[tuple[int, int]] = []
    forbidden: set[tuple[int, int]] = set()
    for d, es in refs:
        if d.decision == "same":
            forced += [(es[0], x) for x in es[1:]]
        elif d.decision == "not same":
            forbidden |= {(a, b) for a in es for b in es if a < b}
    return [p for p in forced if (min(p), max(p)) not in forbidden], forbidden


def _rounds(
    ents: Entities,
    pairs: pd.DataFrame,
    rel: np.ndarray,
    fz: np.ndarray,
    threshold: float,
    forced: list[tuple[int, int]],
    forbidden: set[tuple[int, int]],
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, int]:
    """Score and merge in turns (shared contacts counted between the persons of the round before).

    Returns the scored pairs, the root entity of every entity, the entities' degrees and the rounds run.
    """
    t = ents.table
    n_ent = len(t)
    i = pairs["i"].to_numpy(dtype=np.int64)
    j = pairs["j"].to_numpy(dtype=np.int64)
    keys = t["key"].to_numpy(dtype=object)
    labels = pd.factorize(np.where(keys == "", "\x00" + np.arange(n_ent).astype(str), keys))[0].astype(np.int64)
    groups = t["group"].to_numpy(dtype=object)
    persons_prev: np.ndarray | None = None
    terms = name_terms(ents, pairs, rel)  # what the names alone give, the same in every round
    for rounds in range(1, MAX_ROUNDS + 1):
        shared, deg = shared_counts(n_ent, ents.edges, labels, i, j)
        scored = mark_ambiguous(score(ents, pairs, rel, fz, shared, deg, threshold=threshold, persons=persons_prev, terms=terms))
        homonyms = scored.loc[scored["homonym"], ["i", "j"]].to_numpy()
        root = union(n_ent, groups, scored, forced=forced, forbidden=forbidden, homonyms={(int(a), int(b)) for a, b in homonyms})
        new_labels = pd.factorize(root)[0].astype(np.int64)
        if rounds > 1 and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        persons_prev = root
    return scored, root, deg, rounds


def _counts(
    c: pd.DataFrame,
    persons: pd.DataFrame,
    doubles: pd.DataFrame,
    duplicates: pd.DataFrame,
    ties: pd.DataFrame,
    pairs: pd.DataFrame,
) -> dict:
    bands = doubles["band"].value_counts().to_dict() if len(doubles) else {}
    merged = doubles[~doubles["person_id"].str.contains(";")] if len(doubles) else doubles
    return {
        "contacts": int(len(c)),
        "persons": int(len(persons)),
        "non_contacts": int((persons["is_contact"] == "0").sum()) if len(persons) else 0,
        "doubles": int(len(merged)),
        "review_pairs": int(len(doubles) - len(merged)),
        "bands": {k: int(v) for k, v in sorted(bands.items())},
        "duplicates": int(len(duplicates)),
        "ties": int(len(ties)),
        "candidate_pairs": int(len(pairs)),
    }


def _apply_decisions(doubles: pd.DataFrame, refs: list[tuple[Decision, list[int]]], cids: list[str]) -> list[dict]:
    """Fill ``doubles.decision`` (and the suggestion) from the decisions; list what was applied.

    A row is decided by a ``keep``/``remove`` decision naming one of its contacts, and by a
    ``same``/``not same`` decision naming two of them (or by its person id when the decision's
    contacts are all gone). Later lines of the file win.
    """
    applied: list[dict] = []
    if not refs:
        return applied
    cid_sets = [set(x.split(";")) for x in doubles["contact_ids"]] if len(doubles) else []
    pid_sets = [set(x.split(";")) for x in doubles["person_id"]] if len(doubles) else []
    sugg = doubles["suggestion"].tolist()
    for d, es in refs:
        hit = 0
        ref = {cids[e] for e in es}
        need = 1 if d.decision in ("keep", "remove") else 2
        for row, (cs, ps) in enumerate(zip(cid_sets, pid_sets, strict=False)):
            if (ref and len(cs & ref) >= min(need, len(cs))) or (not ref and d.person_id and d.person_id in ps):
                doubles.at[row, "decision"] = d.decision
                doubles.at[row, "note"] = d.note
                if d.decision in ("keep", "remove"):
                    sugg[row] = (Fact("decided", {"decision": d.decision, "note": d.note, "then": sugg[row]}),)
                hit += 1
        applied.append(
            {
                "line": d.line,
                "decision": d.decision,
                "person_id": d.person_id,
                "contacts": len(es),
                "rows": hit,
                "matched": bool(hit or len(es) >= need),
            }
        )
    doubles["suggestion"] = pd.Series(sugg, index=doubles.index, dtype="object")
    return applied


def decisions_match(applied: list[dict]) -> dict[str, int]:
    """How many decisions of the file match something in this data (``{"decisions": 36, "matched": 0}``).

    A decision matches when the contacts it names are in this data (two of them for ``same`` /
    ``not same``) or when it decided a row.

    >>> decisions_match([{"matched": True}, {"matched": False}])
    {'decisions': 2, 'matched': 1}
    """
    return {"decisions": len(applied), "matched": sum(1 for a in applied if a.get("matched"))}


def _tries(row: dict) -> list[tuple[str, str]]:
    """The identifiers a request row is looked up by, most specific first (its account's, then any account's)."""
    acc = row["account"]
    key = normalise_name(row["name"]).key if row["name"] else ""
    tries = [
        (acc, "u:" + url_key(row["profile_url"])) if row["profile_url"] else None,
        (acc, "i:" + row["platform_id"]) if row["platform_id"] else None,
        (acc, "h:" + row["handle"].lower().lstrip("@")) if row["handle"] else None,
        (acc, "n:" + row["name"]) if row["name"] else None,
        (acc, "k:" + key) if key else None,
        ("", "n:" + row["name"]) if row["name"] else None,
        ("", "k:" + key) if key else None,
    ]
    return [tk for tk in tries if tk]


def _requests(requests: pd.DataFrame | None, c: pd.DataFrame, ents, pid: np.ndarray) -> pd.DataFrame:
    out_cols = list(REQUEST_COLUMNS) + ["person_id"]
    if requests is None or len(requests) == 0:
        return frame([], out_cols)
    r = requests.copy()
    for col in REQUEST_COLUMNS:
        if col not in r.columns:
            r[col] = ""
    r = pd.DataFrame({col: pd.Series(text_array(r[col].fillna("")), dtype=object) for col in REQUEST_COLUMNS})
    t = ents.table
    n = ents.n_contacts
    rows = r.to_dict("records")
    tries_of = [_tries(row) for row in rows]
    # the persons behind each identifier the requests ask for
    need = {tk for tries in tries_of for tk in tries}
    kinds = {k[:2] for _, k in need}
    lookup: dict[tuple[str, str], set[str]] = {}

    def add(accs: list[str], ks: list[str], ps: list[str]) -> None:
        for tk, p in zip(zip(accs, ks, strict=True), ps, strict=True):
            if tk in need:
                lookup.setdefault(tk, set()).add(p)

    c_accs, n_accs = c["account"].tolist(), [""] * (len(t) - n)
    c_pids, n_pids = pid[:n].tolist(), pid[n:].tolist()
    tkeys = t["key"].tolist()
    if "u:" in kinds:
        add(c_accs, ["u:" + url_key(u) if u else "" for u in c["profile_url"].tolist()], c_pids)
    if "i:" in kinds:
        add(c_accs, ["i:" + x if x else "" for x in c["platform_id"].tolist()], c_pids)
    if "h:" in kinds:
        add(c_accs, ["h:" + x.lower().lstrip("@") if x else "" for x in c["handle"].tolist()], c_pids)
    if "n:" in kinds:
        add(c_accs, ["n:" + x for x in c["name"].tolist()], c_pids)
        add(n_accs, ["n:" + x for x in t["name"].tolist()[n:]], n_pids)
    if "k:" in kinds:
        add(c_accs, ["k:" + x for x in tkeys[:n]], c_pids)
        add(n_accs, ["k:" + x for x in tkeys[n:]], n_pids)
    out = []
    for row, tries in zip(rows, tries_of, strict=False):
        found = ""
        for tk in tries:
            if len(lookup.get(tk, ())) == 1:
                found = next(iter(lookup[tk]))
                break
        out.append({**row, "person_id": found})
    return object_frame(out, out_cols)
