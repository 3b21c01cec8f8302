"""The synthetic scenario: determinism, real formats, and a truth consistent with the files.

Expected numbers come from the brief of the scenario (22 mutual ties for the excluded person,
~40 friends in the Pau wave, 12 renamed doubles, 3 + 1 homonym pairs, 6 bridges, one duplicate)
and are checked against the files themselves, parsed here independently of the generator.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from netmix.importers import load_account
from netmix.io.text import fix_mojibake
from netmix.model import Account
from netmix.scenario import generate
from netmix.scenario.generate import ZIP_STEM

REPO = Path(__file__).resolve().parents[2]
ZIP = f"perso/{ZIP_STEM}.zip"
FRIENDS_2023 = f"{ZIP_STEM}/connections/friends/your_friends.json"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("a") / "scenario", scale="small", seed=7)


@pytest.fixture(scope="module")
def truth(scenario) -> dict:
    return json.loads((scenario / "truth.json").read_text(encoding="utf-8"))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _gdf(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Node ids and edges of a GDF whose ids are never quoted and never contain commas."""
    nodes, edges, section = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("nodedef>"):
            section = "n"
        elif line.startswith("edgedef>"):
            section = "e"
        elif section == "n":
            nodes.append(line.split(",", 1)[0])
        elif section == "e":
            a, b = line.split(",")[:2]
            edges.append((a, b))
    return nodes, edges


@pytest.fixture(scope="module")
def human_graph(scenario, truth) -> dict[str, set[str]]:
    """Neighbours of each human, read from both tie files through the truth's node ids."""
    owner = {}
    for hid, h in truth["humans"].items():
        for account, uids in h["tie_nodes"].items():
            for uid in uids:
                owner[(account, uid)] = hid
    graph: dict[str, set[str]] = {}
    for account in ("perso", "pro"):
        nodes, edges = _gdf(scenario / "ties" / f"{account}.gdf")
        assert {owner[(account, n)] for n in nodes}  # every node belongs to a human of the truth
        for a, b in edges:
            ha, hb = owner[(account, a)], owner[(account, b)]
            graph.setdefault(ha, set()).add(hb)
            graph.setdefault(hb, set()).add(ha)
    return graph


# --- determinism ------------------------------------------------------------------------------
def test_same_seed_gives_byte_identical_files(scenario, tmp_path):
    again = generate(tmp_path / "again", scale="small", seed=7)
    first, second = _files(scenario), _files(again)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []


def test_another_seed_gives_other_friends(scenario, tmp_path):
    other = generate(tmp_path / "other", scale="small", seed=8)
    assert (other / "pro/friends_and_followers/friends.json").read_bytes() != (
        scenario / "pro/friends_and_followers/friends.json"
    ).read_bytes()


def test_committed_samples_are_up_to_date(scenario):
    samples = REPO / "samples"
    if not (samples / "truth.json").exists():
        pytest.skip("samples/ not generated in this checkout")
    committed = _files(samples)
    fresh = _files(scenario)
    assert {k: v for k, v in committed.items() if k in fresh} == fresh, "run scripts/make_samples.py"


def test_unknown_scale_is_refused(tmp_path):
    with pytest.raises(ValueError):
        generate(tmp_path, scale="huge")


# --- formats ----------------------------------------------------------------------------------
def test_facebook_json_is_ascii_with_meta_escapes(scenario):
    with zipfile.ZipFile(scenario / ZIP) as zf:
        raw = zf.read(FRIENDS_2023)
    text = raw.decode("ascii")  # pure ASCII, or this raises
    assert text.startswith('{\n  "friends_v2": [\n    {\n      "name": ')
    # "é" is the two UTF-8 bytes c3 a9, each written as its own escape
    assert "\\u00c3\\u00a9" in text
    assert not re.search(r"\\u0(?!0[89a-f][0-9a-f])[0-9a-f]{3}", text)  # only \u00XX byte escapes
    names = [fix_mojibake(e["name"]) for e in json.loads(text)["friends_v2"]]
    assert "Nicolas Petit" in names and "Michael Turner, Jr." in names
    assert any("é" in n for n in names)


def test_emoji_is_escaped_byte_by_byte(scenario, truth):
    raw = (scenario / "pro/friends_and_followers/friends.json").read_text(encoding="ascii")
    (emoji_name,) = [h["tie_names"]["pro"] for h in truth["humans"].values() if h.get("variant") == "emoji"]
    escaped = "".join(f"\\u00{b:02x}" if b > 127 else chr(b) for b in emoji_name.encode("utf-8"))
    assert f'"name": "{escaped}"' in raw
    assert "\\u00f0\\u009f" in escaped or "\\u00e2\\u0098" in escaped  # a 4-byte or a 3-byte emoji


def test_zip_layout_is_the_2023_export_rezipped_on_a_mac(scenario):
    with zipfile.ZipFile(scenario / ZIP) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(2025, 1, 1, 0, 0, 0)}
    for base in ("your_friends", "removed_friends", "sent_friend_requests", "received_friend_requests",
                 "rejected_friend_requests"):
        assert f"{ZIP_STEM}/connections/friends/{base}.json" in names
    assert any(n.startswith("__MACOSX/") and n.rsplit("/", 1)[-1].startswith("._") for n in names)


def test_pro_folder_uses_the_2020_22_layout(scenario):
    folder = scenario / "pro/friends_and_followers"
    keys = {p.name: next(iter(json.loads(p.read_text(encoding="ascii")))) for p in folder.iterdir()}
    assert keys == {
        "friends.json": "friends_v2",
        "friend_requests_sent.json": "sent_requests_v2",
        "friend_requests_received.json": "received_requests_v2",
        "rejected_friend_requests.json": "rejected_requests_v2",
        "removed_friends.json": "deleted_friends_v2",
    }


def test_linkedin_connections_has_the_notes_preamble(scenario):
    lines = (scenario / "linkedin/Connections.csv").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "Notes:"
    assert lines[1].startswith('"When exporting your connection data')
    assert lines[2] == ""
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    rows = [ln for ln in lines[4:] if ln]
    assert all(re.search(r",\d\d [A-Z][a-z]{2} 20\d\d$", r) for r in rows)
    emails = [r.split(",")[3] for r in rows]
    assert "" in emails and any("@" in e for e in emails)  # some emails empty, some given
    inv = (scenario / "linkedin/Invitations.csv").read_text(encoding="utf-8").split("\n")
    assert inv[0] == "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"


def test_tie_files_use_their_dialects(scenario):
    perso = (scenario / "ties/perso.gdf").read_text(encoding="utf-8").splitlines()
    pro = (scenario / "ties/pro.gdf").read_text(encoding="utf-8").splitlines()
    assert perso[0] == "nodedef>name VARCHAR,label VARCHAR,sex VARCHAR,locale VARCHAR,agerank INT"
    assert "edgedef>node1 VARCHAR,node2 VARCHAR" in perso
    assert any(",Michael Turner, Jr.," in ln for ln in perso)  # Netvizz: unquoted label with a comma
    assert pro[0].startswith("nodedef> name VARCHAR,label VARCHAR,")
    assert re.match(r'^\d+,"[^"]+",10\.0,10\.0,', pro[1])  # Gephi: double-quoted labels
    assert "edgedef> node1,node2,weight DOUBLE,directed BOOLEAN" in pro


def test_netmix_toml_points_at_the_files(scenario):
    import tomllib

    config = tomllib.loads((scenario / "netmix.toml").read_text(encoding="utf-8"))
    assert config["run"]["seed"] == 7
    for entry in config["account"] + config["ties"]:
        assert (scenario / entry["path"]).exists()


# --- truth against the files ------------------------------------------------------------------
def test_every_contact_id_belongs_to_exactly_one_human(truth):
    for account, info in truth["accounts"].items():
        ids = [c for h in truth["humans"].values() for c in h["contacts"] if c.startswith(account + ":")]
        assert sorted(ids, key=lambda c: int(c.split(":")[1])) == [f"{account}:{n}" for n in range(1, info["n_contacts"] + 1)]


def test_sizes_are_those_of_the_story(truth):
    n = {a: v["n_contacts"] for a, v in truth["accounts"].items()}
    assert 130 <= n["perso"] <= 170 and 220 <= n["pro"] <= 280 and 250 <= n["linkedin"] <= 330
    both = [h for h in truth["humans"].values() if {c.split(":")[0] for c in h["contacts"]} >= {"perso", "pro"}]
    assert 25 <= len(both) <= 35
    assert len([h for h in truth["humans"].values() if h.get("variant")]) == 12


@pytest.mark.parametrize("account", ["perso", "pro"])
def test_load_account_reads_the_contacts_the_truth_says(scenario, truth, account):
    info = truth["accounts"][account]
    result = load_account(Account(account, info["sphere"], str(scenario / info["path"])))
    assert len(result.contacts) == info["n_contacts"]
    names = dict(zip(result.contacts["contact_id"], result.contacts["name"]))
    for h in truth["humans"].values():
        ids = [c for c in h["contacts"] if c.startswith(account + ":")]
        if len(ids) == 1:  # the display name this account shows is the one in its tie file
            assert names[ids[0]] == h["tie_names"][account]
    statuses = Counter(result.requests["status"])
    assert dict(statuses) == info["requests"]


def test_load_account_reads_linkedin(scenario, truth):
    pytest.importorskip("netmix.importers.linkedin")
    info = truth["accounts"]["linkedin"]
    result = load_account(Account("linkedin", info["sphere"], str(scenario / info["path"])))
    assert len(result.contacts) == info["n_contacts"]
    names = dict(zip(result.contacts["contact_id"], result.contacts["name"]))
    urls = dict(zip(result.contacts["contact_id"], result.contacts["profile_url"]))
    for h in truth["humans"].values():
        for c in h["contacts"]:
            if c.startswith("linkedin:"):
                assert names[c] == h["name"] and urls[c] == h["linkedin_url"]


def test_read_ties_reads_both_tie_files(scenario, truth):
    pytest.importorskip("netmix.ties.gdf")
    from netmix.model import TieSource
    from netmix.ties import read_ties

    for account in ("perso", "pro"):
        ties = read_ties(TieSource(str(scenario / "ties" / f"{account}.gdf"), account))
        assert len(ties.nodes) == truth["ties"][account]["nodes"]
        assert len(ties.edges) == truth["ties"][account]["edges"]
        labels = dict(zip(ties.nodes["node"], ties.nodes["name"]))
        for h in truth["humans"].values():
            if account in h["tie_nodes"]:
                assert labels[h["tie_nodes"][account][0]] == h["tie_names"][account]


def test_excluded_person_has_22_mutual_ties_and_a_pending_request(scenario, truth, human_graph):
    (bruno,) = [e for e in truth["excluded"] if e["name"] == "Bruno Garnier"]
    assert (bruno["status"], bruno["account"], bruno["mutual"]) == ("pending", "pro", 22)
    assert truth["humans"][bruno["human"]]["contacts"] == []
    contacts = {hid for hid, h in truth["humans"].items() if h["contacts"]}
    assert len(human_graph[bruno["human"]] & contacts) == 22  # counted from the tie files
    personal = [n for n in human_graph[bruno["human"]] if truth["humans"][n]["sphere"] == "personal"]
    assert 0 < len(personal) < 11  # mostly professional, some personal
    sent = json.loads((scenario / "pro/friends_and_followers/friend_requests_sent.json").read_text(encoding="ascii"))
    assert "Bruno Garnier" in [e["name"] for e in sent["sent_requests_v2"]]
    others = [e for e in truth["excluded"] if e["name"] != "Bruno Garnier"]
    assert 2 <= len(others) <= 3 and {e["status"] for e in others} >= {"rejected", "removed"}
    for e in others:
        assert len(human_graph[e["human"]] & contacts) == e["mutual"] > 0


def test_homonyms_share_a_name_but_no_neighbour(truth, human_graph):
    assert len(truth["homonyms"]) == 4  # 3 across perso/pro + 1 inside one account
    inside = 0
    for a, b in truth["homonyms"]:
        ha, hb = truth["humans"][a], truth["humans"][b]
        assert a != b and ha["name"] == hb["name"]
        assert not (human_graph.get(a, set()) & human_graph.get(b, set())) and b not in human_graph.get(a, set())
        accounts_a = {c.split(":")[0] for c in ha["contacts"]}
        accounts_b = {c.split(":")[0] for c in hb["contacts"]}
        inside += accounts_a == accounts_b == {"perso"}
    assert inside == 1
    names = Counter(h["name"] for h in truth["humans"].values())
    assert sum(1 for c in names.values() if c > 1) == 4  # no accidental homonym


def test_within_account_duplicate_is_one_human_twice_on_pro(truth):
    (pair,) = truth["within_account_duplicates"]
    owners = [hid for hid, h in truth["humans"].items() if set(pair) <= set(h["contacts"])]
    assert len(owners) == 1 and truth["humans"][owners[0]]["name"] == "Claire Moreau"
    assert len(truth["humans"][owners[0]]["tie_nodes"]["pro"]) == 2


def test_bridges_are_tied_into_both_spheres(truth, human_graph):
    assert len(truth["bridges"]) == 10 and len(truth["split_bridges"]) == 4 and set(truth["split_bridges"]) <= set(truth["bridges"])
    def on_both(hid: str) -> bool:  # a "double friendship": friends with both Facebook accounts
        return {c.split(":")[0] for c in truth["humans"][hid]["contacts"]} >= {"perso", "pro"}

    assert sum(not on_both(b) for b in truth["bridges"]) == 2
    assert all(on_both(b) for b in truth["split_bridges"])
    for b in truth["bridges"]:
        spheres = Counter(truth["humans"][n]["sphere"] for n in human_graph[b])
        assert spheres["personal"] >= 3 and spheres["professional"] >= 3


def test_clusters_are_dense_inside_and_sparse_between(truth, human_graph):
    cluster = {hid: h["cluster"] for hid, h in truth["humans"].items()}
    planted = set(truth["bridges"])  # bridges are tied across clusters on purpose
    inside = sum(1 for a, ns in human_graph.items() for b in ns if cluster[a] == cluster[b]) // 2
    between = sum(1 for a, ns in human_graph.items() for b in ns if cluster[a] != cluster[b] and not {a, b} & planted) // 2
    assert between < 0.1 * inside


def test_the_pau_wave(scenario, truth):
    (wave,) = truth["waves"]
    assert 35 <= wave["size"] <= 45
    pro = truth["accounts"]["pro"]
    result = load_account(Account("pro", "professional", str(scenario / pro["path"])))
    dates = dict(zip(result.contacts["contact_id"], result.contacts["connected_on"]))
    start, end = dt.date.fromisoformat(wave["start"]), dt.date.fromisoformat(wave["end"])
    in_window = {c for c, d in dates.items() if start <= dt.date.fromisoformat(d) <= end}
    assert in_window == set(wave["contacts"])
    years = {d[:4] for d in dates.values()}
    assert min(years) >= "2011" and max(years) <= "2024" and len(years) >= 10


@pytest.mark.slow
def test_large_scale_sizes(tmp_path):
    root = generate(tmp_path / "large", scale="large", seed=7)
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    n = {a: v["n_contacts"] for a, v in truth["accounts"].items()}
    assert n == {"perso": 5000, "pro": 5000, "linkedin": 30000}
    assert 400_000 <= truth["ties"]["perso"]["edges"] + truth["ties"]["pro"]["edges"] <= 600_000
    both = sum(1 for h in truth["humans"].values() if {c.split(":")[0] for c in h["contacts"]} >= {"perso", "pro"})
    assert 400 <= both <= 650  # ~10 % of 5,000


@pytest.mark.parametrize("seed", [75, 12])
def test_other_seeds_generate_and_their_bridges_cross_spheres(tmp_path, seed):
    # seed 75 once had a perso-only bridge with nobody professional on perso: the generator raised;
    # such a person is now simply not planted as a bridge, and every planted bridge still crosses
    root = generate(tmp_path / "s", scale="small", seed=seed)
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    assert truth["bridges"]
    owner = {(acc, uid): hid for hid, h in truth["humans"].items() for acc, uids in h["tie_nodes"].items() for uid in uids}
    neighbours: dict[str, set[str]] = {}
    for account in ("perso", "pro"):
        _, edges = _gdf(root / "ties" / f"{account}.gdf")
        for a, b in edges:
            ha, hb = owner[(account, a)], owner[(account, b)]
            neighbours.setdefault(ha, set()).add(hb)
            neighbours.setdefault(hb, set()).add(ha)
    for b in truth["bridges"]:
        spheres = {truth["humans"][n]["sphere"] for n in neighbours[b]}
        assert {"personal", "professional"} <= spheres


def test_split_bridges_look_like_homonyms_in_the_tie_files(scenario, truth):
    """Issue 12: a split bridge's ties in each file reach only that file's side, as a cross-sphere homonym pair's do."""
    from netmix.model import TieSource
    from netmix.ties import read_ties

    def neighbours(account: str, node: str) -> set[str]:
        ties = read_ties(TieSource(str(scenario / "ties" / f"{account}.gdf"), account))
        labels = dict(zip(ties.nodes["node"], ties.nodes["name"], strict=False))
        e = ties.edges
        return {labels[b] for a, b in zip(e["a"], e["b"], strict=False) if a == node} | {
            labels[a] for a, b in zip(e["a"], e["b"], strict=False) if b == node
        }

    marked = 0
    for h in truth["split_bridges"]:
        entry = truth["humans"][h]
        perso = neighbours("perso", entry["tie_nodes"]["perso"][0])
        pro = neighbours("pro", entry["tie_nodes"]["pro"][0])
        assert perso and pro and not perso & pro  # nobody in common across the two files
        marked += entry["tie_names"]["pro"] != entry["name"]
    assert marked == 2  # half of them under an organisation-marked pro name
    marked_homonyms = sum(truth["humans"][b]["tie_names"].get("pro", truth["humans"][b]["name"]) != truth["humans"][b]["name"]
                          for _, b in truth["homonyms"])
    assert marked_homonyms >= 1  # the homonyms have the same structure, names included
