"""Build the synthetic scenario: Maud Lefèvre's three accounts, two tie files and the planted truth.

Everything is drawn from one seeded :class:`numpy.random.Generator`, so the same ``seed`` and
``scale`` give byte-identical files. The world is a set of invented *humans* in clusters (family,
sports club, the tourist office in Pau, the national network, …); each human may be a contact of
the personal Facebook account, of the "perso PRO" Facebook account and of LinkedIn, under the name
they use there. Ties are drawn between humans (dense inside clusters, sparse between) and written
into one tie file per Facebook account, keeping only the people that account can see.
``truth.json`` records who is who, so person resolution and cluster analysis can be measured.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .edges import draw_edges
from .spec import SMALL, ZIP_STEM, large_scale
from .truth import truth as make_truth
from .world import World
from .writers import README, TOML, contact_rows, write_facebook, write_file, write_linkedin, write_ties

__all__ = ["generate"]


def generate(out_dir: str | Path, *, scale: str = "small", seed: int = 7) -> Path:
    """Write the synthetic scenario into ``out_dir`` and return ``out_dir``.

    Parameters
    ----------
    out_dir
        Folder to write to (created if needed); existing scenario files are overwritten.
    scale
        ``"small"`` (the committed samples: ~150 / ~250 / ~300 contacts) or ``"large"``
        (benchmarks: 5,000 + 5,000 Facebook friends, 30,000 LinkedIn connections, ~500,000 ties).
    seed
        Seed of the only random generator; the same seed gives byte-identical files.

    Returns
    -------
    Path
        ``out_dir``, holding ``netmix.toml``, ``truth.json``, ``perso/``, ``pro/``, ``linkedin/``
        and ``ties/``.

    Examples
    --------
    >>> root = generate(tmp_path / "scenario")            # doctest: +SKIP
    >>> (root / "netmix.toml").exists()                   # doctest: +SKIP
    True
    """
    if scale not in ("small", "large"):
        raise ValueError(f"scale must be 'small' or 'large', not {scale!r}")
    root = Path(out_dir)
    rng = np.random.default_rng(seed)
    spec = SMALL if scale == "small" else large_scale(rng)
    world = World(spec, seed, rng)
    world.populate()
    world.plant_variants()
    world.plant_dups()
    world.plant_homonyms()
    world.plant_bridges()
    world.plant_noncontacts()
    world.plant_requests()
    world.apply_caps()
    world.date_contacts()
    world.plant_split_bridges()
    visible = {
        a: np.array([(a in h.accounts) or (h.noncontact is not None and h.noncontact.account == a) for h in world.humans])
        for a in ("perso", "pro")
    }
    edges = draw_edges(world, visible)
    contacts = contact_rows(world)
    write_facebook(world, root, contacts)
    write_linkedin(world, root, contacts)
    ties = write_ties(world, root, edges, visible)
    truth = make_truth(world, contacts, edges, ties)
    write_file(root / "truth.json", (json.dumps(truth, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    write_file(root / "netmix.toml", TOML.format(seed=seed, zip_stem=ZIP_STEM).encode("utf-8"))
    write_file(root / "README.md", README.format(scale=scale, seed=seed, zip_stem=ZIP_STEM).encode("utf-8"))
    return root
