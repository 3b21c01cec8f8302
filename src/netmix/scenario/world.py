"""The world of the scenario: every human, who is a contact of which account, and the planted cases."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import numpy as np

from . import names as N
from . import vocab as V
from .people import (
    PERSO_YEARS,
    SMALL_VARIANT_NAMES,
    VARIANT_KINDS,
    Human,
    NameBook,
    ascii_fold,
    draw_ts,
    marked_name,
    name_key,
    needs_rename,
    ts_date,
    variant_name,
)
from .spec import ACCOUNT_ORDER, ACCOUNT_SPHERE, PRO_START, WAVE_END, WAVE_START, ClusterSpec, NonContact, Scale

__all__ = ["World"]


class World:
    """All humans, their contacts, ties and the truth, built step by step from one seed."""

    def __init__(self, scale: Scale, seed: int, rng: np.random.Generator) -> None:
        self.scale = scale
        self.seed = seed
        self.rng = rng
        #: a second stream for the split bridges, so that planting them leaves the rest of the world as it was
        self.rng_split = np.random.default_rng((seed, 12))
        self.humans: list[Human] = []
        self.clusters: dict[str, ClusterSpec] = {c.key: c for c in scale.clusters}
        self.members: dict[str, list[int]] = {c.key: [] for c in scale.clusters}
        reserved = {nc.name for nc in scale.noncontacts if nc.name} | {
            "Claire Moreau",
            "Nicolas Petit",
            "Sophie Bernard",
            "Thomas Robert",
            "Camille Martin",
            "Michael Turner, Jr.",
            "Marie Dupont",
            "Sébastien Martin",
        }
        self.names = NameBook(rng, reserved, scale.name == "large")
        self.homonyms: list[tuple[int, int]] = []
        self.dups: list[int] = []
        self.bridges: list[int] = []
        self.split_bridges: list[int] = []
        self.noncontacts: list[int] = []
        self.wave: list[int] = []
        self.requests: dict[tuple[str, str], list[int]] = {}
        self.invitations: list[tuple[int, str, int]] = []  # (human, direction, ts)
        self.tie_nodes: dict[int, dict[str, list[str]]] = {}  # human -> account -> node ids

    # ---- population ----
    def populate(self) -> None:
        rng = self.rng
        for spec in self.scale.clusters:
            for _ in range(spec.size):
                first, last = self.names.draw()
                h = Human(first, last, spec.key, spec.kind, spec.sphere)
                if spec.kind == "office":
                    h.city = "Pau"
                elif spec.kind == "national":
                    h.city = V.CITIES[int(rng.integers(len(V.CITIES)))]
                self.members[spec.key].append(len(self.humans))
                self.humans.append(h)
            idx = np.array(self.members[spec.key])
            for account in ACCOUNT_ORDER:
                share = getattr(spec, account)
                chosen = rng.choice(idx, size=round(share * len(idx)), replace=False) if share else []
                for i in chosen:
                    self.humans[int(i)].accounts.add(account)
            for i in idx:
                h = self.humans[int(i)]
                if not h.accounts:
                    h.accounts.add("perso" if spec.sphere == "personal" else ("pro" if spec.pro else "linkedin"))
            if spec.doubles:
                base = "perso" if spec.sphere == "personal" else "pro"
                pool = [int(i) for i in idx if base in self.humans[int(i)].accounts]
                k = min(len(pool), round(spec.doubles * len(idx)))
                for i in rng.choice(pool, size=k, replace=False):
                    h = self.humans[int(i)]
                    h.accounts |= {"perso", "pro"}
                    h.roles.add("double")
                    h.separate_pro = spec.sphere == "professional"

    def _pick(self, pool: list[int], k: int, what: str) -> list[int]:
        if len(pool) < k:
            raise RuntimeError(f"scenario: not enough candidates for {what} ({len(pool)} < {k})")
        return [int(i) for i in self.rng.choice(pool, size=k, replace=False)] if k else []

    def _rename(self, i: int, first: str, last: str | None = None) -> None:
        h = self.humans[i]
        self.names.release(h.name)
        if last is None:
            h.first, h.last = self.names.draw(first)
        else:
            h.first, h.last = first, last
            self.names.used.add(name_key(f"{first} {last}"))

    def plant_variants(self) -> None:
        pool = [i for i, h in enumerate(self.humans) if h.separate_pro]
        office = [i for i in pool if self.humans[i].kind == "office"]
        others = [i for i in pool if self.humans[i].kind != "office"]
        n = min(self.scale.variants, len(pool))
        first_ones = self._pick(office, min(len(office), n // 2 + 1), "variants")
        rest = self._pick(others, n - len(first_ones), "variants")
        chosen = first_ones + rest
        small = self.scale.name == "small"
        dims = list(N.DIMINUTIVES)
        for j, i in enumerate(chosen):
            h = self.humans[i]
            kind = VARIANT_KINDS[j % len(VARIANT_KINDS)]
            if small and j in SMALL_VARIANT_NAMES:
                first, last = SMALL_VARIANT_NAMES[j]
                self._rename(i, first, last)
            elif needs_rename(kind, h):
                if kind == "diminutive":
                    self._rename(i, dims[j % len(dims)])
                elif kind == "hyphen-dropped":
                    self._rename(i, "Marie-Hélène" if N.is_female(h.first) else "Jean-François")
                else:
                    self._rename(i, "Hélène" if N.is_female(h.first) else "Jérôme")
            h.variant = kind
            h.pro_name = variant_name(h, kind, self.rng)
            h.roles.add("variant")

    def plant_dups(self) -> None:
        pool = [i for i, h in enumerate(self.humans) if h.kind == "national" and h.plain and "pro" in h.accounts]
        for j, i in enumerate(self._pick(pool, self.scale.dup_accounts, "within-account duplicates")):
            h = self.humans[i]
            if j == 0:
                self._rename(i, "Claire", "Moreau")
                h.city = "Biarritz"
            h.dup_name = f"{h.name} (OT {h.city})"
            h.roles.add("dup")
            self.dups.append(i)

    def plant_homonyms(self) -> None:
        def perso_only(h: Human) -> bool:
            return h.plain and h.accounts == {"perso"}

        def pro_side(h: Human) -> bool:
            return h.plain and "perso" not in h.accounts and "pro" in h.accounts

        small_names = [("Nicolas", "Petit"), ("Sophie", "Bernard"), ("Thomas", "Robert")]
        pairs_sp = [("sports", "partners"), ("school", "media"), ("neighbours", "national")]
        for j in range(self.scale.cross_homonyms):
            ka, kb = pairs_sp[j % 3]
            a = self._pick([i for i, h in enumerate(self.humans) if h.kind == ka and perso_only(h)], 1, "homonym")[0]
            self.humans[a].roles.add("homonym")
            b = self._pick([i for i, h in enumerate(self.humans) if h.kind == kb and pro_side(h)], 1, "homonym")[0]
            self.humans[b].roles.add("homonym")
            if j < len(small_names):
                self._rename(a, *small_names[j])
            self._copy_name(a, b)
            if j % 2 == 1:  # the same organisation-marked pro name as half the split bridges
                self.humans[b].pro_name = marked_name(self.humans[b], j)
            self.homonyms.append((a, b))
        for j in range(self.scale.inner_homonyms):
            a = self._pick([i for i, h in enumerate(self.humans) if h.kind == "family" and perso_only(h)], 1, "homonym")[0]
            self.humans[a].roles.add("homonym")
            b = self._pick([i for i, h in enumerate(self.humans) if h.kind == "sports" and perso_only(h)], 1, "homonym")[0]
            self.humans[b].roles.add("homonym")
            if j == 0:
                self._rename(a, "Camille", "Martin")
            self._copy_name(a, b)
            self.homonyms.append((a, b))
        pool = [i for i, h in enumerate(self.humans) if h.kind == "sports" and perso_only(h)]
        c = self._pick(pool, 1, "comma name")[0]
        self.names.release(self.humans[c].name)
        self.humans[c].first, self.humans[c].last = "Michael", "Turner, Jr."
        self.humans[c].roles.add("comma")

    def plant_split_bridges(self) -> None:
        """Colleagues of the pro account who are also friends of the personal one, each file showing only its side.

        Their two halves look like a pair of homonyms (same name, no shared contact); half of them
        carry an organisation-marked name on the pro side ("Emma Roger (OT Pau)"), as half of the
        cross-sphere homonyms do (:meth:`plant_homonyms`): the two cases have the same structure.
        """
        rng = self.rng_split
        pool = [
            i
            for i, h in enumerate(self.humans)
            if h.kind == "office" and h.plain and "pro" in h.accounts and "perso" not in h.accounts
        ]
        if len(pool) < self.scale.split_bridges:
            raise RuntimeError(f"scenario: not enough candidates for split bridges ({len(pool)} < {self.scale.split_bridges})")
        uids = {h.uid for h in self.humans} | {h.uid_pro for h in self.humans}
        for j, i in enumerate(int(x) for x in rng.choice(pool, size=self.scale.split_bridges, replace=False)):
            h = self.humans[i]
            h.accounts.add("perso")
            h.roles |= {"bridge", "split-bridge"}
            h.pro_name = marked_name(h, j) if j % 2 == 0 else ""
            later = min(ts_date(h.ts["pro"]) + dt.timedelta(days=int(rng.integers(180, 2200))), dt.date(2024, 12, 20))
            h.ts["perso"] = draw_ts(rng, later, later + dt.timedelta(days=10))
            h.separate_pro = True  # a work account of their own: another Facebook id on the pro side
            while h.uid_pro in uids:
                h.uid_pro = str(int(rng.integers(100000000000000, 100009999999999)))
            uids.add(h.uid_pro)
            self.split_bridges.append(i)
        cap = self.scale.caps.get("perso")
        if cap:  # keep the personal account within its cap: the last plain perso-only friends make room
            holders = [i for i, h in enumerate(self.humans) if "perso" in h.accounts]
            spare = [i for i in holders if self.humans[i].plain and self.humans[i].accounts == {"perso"}]
            for i in spare[len(spare) - max(0, len(holders) - cap) :] if len(holders) > cap else []:
                self.humans[i].accounts.discard("perso")
                self.humans[i].roles.add("gone")

    def _copy_name(self, a: int, b: int) -> None:
        self.names.release(self.humans[b].name)
        self.humans[b].first, self.humans[b].last = self.humans[a].first, self.humans[a].last

    def plant_bridges(self) -> None:
        """Colleagues-turned-friends (doubles) and two-per-scale non-doubles tied across spheres."""
        doubles = [i for i, h in enumerate(self.humans) if h.separate_pro and h.kind == "office" and "dup" not in h.roles]
        if len(doubles) < self.scale.double_bridges:
            doubles = [i for i, h in enumerate(self.humans) if h.separate_pro and "dup" not in h.roles]
        for i in self._pick(doubles, self.scale.double_bridges, "bridges"):
            self.humans[i].roles.add("bridge")
            self.bridges.append(i)
        half = self.scale.single_bridges // 2
        perso = [i for i, h in enumerate(self.humans) if h.kind == "school" and h.plain and h.accounts <= {"perso", "linkedin"}]
        pro = [
            i
            for i, h in enumerate(self.humans)
            if h.kind == "partners" and h.plain and "perso" not in h.accounts and "pro" in h.accounts
        ]
        for i in self._pick(perso, half, "bridges") + self._pick(pro, self.scale.single_bridges - half, "bridges"):
            self.humans[i].roles.add("bridge")
            self.bridges.append(i)

    def _new_human(self, cluster: str, name: str | None = None) -> int:
        spec = self.clusters[cluster]
        if name:
            first, last = name.split(" ", 1)
            self.names.used.add(name_key(name))
        else:
            first, last = self.names.draw()
        h = Human(first, last, cluster, spec.kind, spec.sphere)
        self.humans.append(h)
        self.members[cluster].append(len(self.humans) - 1)
        return len(self.humans) - 1

    def plant_noncontacts(self) -> None:
        specs = list(self.scale.noncontacts)
        keys = [c.key for c in self.scale.clusters if c.kind != "linkedin"]
        for _ in range(self.scale.random_noncontacts):
            key = keys[int(self.rng.integers(len(keys)))]
            account = "perso" if self.clusters[key].sphere == "personal" else "pro"
            status = ("pending", "rejected", "removed", "none")[int(self.rng.integers(4))]
            specs.append(NonContact(None, key, account, status, ((key, int(self.rng.integers(2, 26))),)))
        for nc in specs:
            i = self._new_human(nc.cluster, nc.name)
            h = self.humans[i]
            h.noncontact = nc
            h.roles.add("noncontact")
            req = {"pending": "sent", "rejected": "rejected", "removed": "removed"}.get(nc.status)
            if req:
                h.requests.append(f"{nc.account}:{req}")
                self.requests.setdefault((nc.account, req), []).append(i)
            self.noncontacts.append(i)

    def plant_requests(self) -> None:
        for (account, status), n in sorted(self.scale.requests.items()):
            sphere = ACCOUNT_SPHERE[account]
            keys = [c.key for c in self.scale.clusters if c.sphere == sphere and c.kind != "linkedin"]
            for _ in range(n):
                i = self._new_human(keys[int(self.rng.integers(len(keys)))])
                self.humans[i].requests.append(f"{account}:{status}")
                self.humans[i].roles.add("request")
                self.requests.setdefault((account, status), []).append(i)
        # a personal friend who also asked the pro account (still pending on Maud's side)
        pool = [i for i, h in enumerate(self.humans) if h.plain and h.accounts == {"perso"} and h.kind == "sports"]
        i = self._pick(pool, 1, "cross request")[0]
        self.humans[i].requests.append("pro:received")
        self.humans[i].roles.add("request")
        self.requests.setdefault(("pro", "received"), []).append(i)
        out_n, in_n = self.scale.invitations
        pool = [
            i
            for i, h in enumerate(self.humans)
            if h.plain and h.sphere == "professional" and "pro" in h.accounts and "linkedin" not in h.accounts
        ]
        for j, i in enumerate(self._pick(pool, out_n + in_n, "invitations")):
            direction = "OUTGOING" if j < out_n else "INCOMING"
            self.humans[i].requests.append("linkedin:" + ("sent" if direction == "OUTGOING" else "received"))
            self.humans[i].roles.add("request")
            self.invitations.append((i, direction, draw_ts(self.rng, dt.date(2024, 1, 1), dt.date(2024, 12, 20))))

    def apply_caps(self) -> None:
        """Trim plain single-account humans so each account has at most its cap of contacts."""
        for account, cap in sorted(self.scale.caps.items()):
            holders = [i for i, h in enumerate(self.humans) if account in h.accounts]
            extra = len(holders) + (len(self.dups) if account == "pro" else 0) - cap
            if extra <= 0:
                continue
            pool = [i for i in holders if self.humans[i].plain and len(self.humans[i].accounts) == 1] + [
                i for i in holders if self.humans[i].plain and len(self.humans[i].accounts) > 1
            ]
            for i in pool[:extra] if len(pool) >= extra else pool:
                self.humans[i].accounts.discard(account)
        for h in self.humans:  # a human left without any account and no other role drops out
            if not h.accounts and h.plain:
                h.roles.add("gone")

    # ---- dates, ids ----
    def date_contacts(self) -> None:
        rng = self.rng
        pro_pool = [
            i
            for i, h in enumerate(self.humans)
            if "pro" in h.accounts and h.plain and h.kind in ("national", "digital", "partners")
        ]
        self.wave = self._pick(pro_pool, min(self.scale.wave, len(pro_pool)), "wave")
        wave = set(self.wave)
        for i, h in enumerate(self.humans):
            if "pro" in h.accounts:
                h.ts["pro"] = (
                    draw_ts(rng, WAVE_START, WAVE_END)
                    if i in wave
                    else draw_ts(rng, PRO_START, dt.date(2024, 12, 20), avoid=True)
                )
            if h.dup_name:
                h.ts["pro-dup"] = draw_ts(rng, max(ts_date(h.ts["pro"]), PRO_START), dt.date(2024, 12, 20), avoid=True)
            if "perso" in h.accounts:
                if h.sphere == "personal":
                    y0, y1 = PERSO_YEARS[h.kind]
                    h.ts["perso"] = draw_ts(rng, dt.date(y0, 1, 1), dt.date(y1, 12, 31))
                else:
                    later = ts_date(h.ts["pro"]) + dt.timedelta(days=int(rng.integers(180, 2200)))
                    later = min(later, dt.date(2024, 12, 20))
                    h.ts["perso"] = draw_ts(rng, later, later + dt.timedelta(days=10))
            if "linkedin" in h.accounts:
                h.ts["linkedin"] = draw_ts(rng, dt.date(2010, 1, 1), dt.date(2024, 12, 20))
        used: set[int] = set()

        def uid() -> str:
            while True:
                u = int(rng.integers(100000000000000, 100009999999999))
                if u not in used:
                    used.add(u)
                    return str(u)

        slugs: set[str] = set()
        for h in self.humans:
            h.uid = uid()
            h.uid_pro = uid() if h.separate_pro else h.uid
            h.uid_dup = uid() if h.dup_name else ""
            if "linkedin" in h.accounts or any(r.startswith("linkedin:") for r in h.requests):
                while True:
                    base = f"{h.first} {h.last}"
                    if rng.random() < 0.05:
                        slug = urllib.parse.quote("-".join(base.lower().split()))
                    else:
                        slug = "-".join(ascii_fold(base).lower().replace("'", "").split())
                    slug += f"-{int(rng.integers(16**5, 16**7)):x}"
                    if slug not in slugs:
                        slugs.add(slug)
                        h.url = f"https://www.linkedin.com/in/{slug}"
                        break
