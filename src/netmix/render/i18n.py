"""The words of the map and the report, in English and French.

>>> t("fr", "sphere.both")
'perso et pro'
>>> t("en", "headline.vanish", n=12, account="perso")
'12 contacts would vanish if you deleted your account perso'
"""

from __future__ import annotations

from ..errors import ConfigError

LANGS: tuple[str, ...] = ("en", "fr")

_EN: dict[str, str] = {
    # map
    "map.title": "netmix — your network map",
    "map.search": "Search a name",
    "map.search.none": "No match",
    "map.filters": "Filters",
    "map.spheres": "Spheres",
    "map.clusters": "Circle",
    "map.clusters.all": "All circles",
    "map.accounts": "Accounts",
    "map.legend": "Legend",
    "map.reset": "Show everything",
    "map.double": "double friendship (diamond)",
    "map.size": "size: how much the person bridges",
    "map.aggregated": "This network has {n} persons, more than {max} can be drawn smoothly: "
    "each dot is a circle of people, sized by its members; lines count the ties between circles.",
    "map.shown": "{shown} of {total} persons shown",
    "map.members": "members",
    "map.unclustered": "not in a circle",
    "map.ties": "ties",
    "tip.accounts": "Accounts",
    "tip.cluster": "Circle",
    "tip.role": "Role",
    "tip.double": "Double friendship",
    "tip.evidence": "Evidence",
    "tip.sphere": "Sphere",
    "tip.bridge": "Bridge rank",
    "tip.excluded": "Kept out of",
    "tip.none": "none",
    "sphere.personal": "personal",
    "sphere.professional": "professional",
    "sphere.both": "personal and professional",
    "sphere.": "not a contact",
    "sphere.noncontact": "not a contact",
    "account.personal": "personal account",
    "account.professional": "professional account",
    # report
    "report.title": "netmix — report",
    "report.headlines": "In a few words",
    "report.map": "The map",
    "report.doubles": "Double friendships",
    "report.clusters": "Circles: who is in, who is kept out",
    "report.bridges": "Bridges",
    "report.roles": "Roles",
    "report.definitions": "Definitions used",
    "report.steps": "Step by step",
    "report.prev": "← Previous",
    "report.next": "Next →",
    "report.step_hint": "Use the buttons or the ← → keys.",
    "report.empty": "Nothing to show.",
    "report.more": "{n} more rows in the CSV file.",
    "report.inclusion": "Included through",
    "report.exclusion": "Kept out",
    "headline.contacts": "{n} persons in your contact lists, from {k} accounts",
    "headline.account": "{account} ({sphere}): {n} contacts",
    "headline.overlap": "{pct} % of your professional contacts are also personal friends",
    "headline.overlap.none": "You have no professional contacts in these exports",
    "headline.vanish": "{n} contacts would vanish if you deleted your account {account}",
    "headline.doubles": "{n} double friendships (people you are connected to from two or more accounts)",
    "headline.clusters": "{n} circles: {ties} found in the ties, {other} grouping people by company or connection wave",
    "headline.exclusions": "{n} people are kept out of a circle they are strongly tied to",
    "headline.bridge": "Your strongest bridge between circles: {name}",
    "col.name": "Name",
    "col.accounts": "Accounts",
    "col.confidence": "Confidence",
    "col.band": "Band",
    "col.evidence": "Evidence",
    "col.suggestion": "Suggestion",
    "col.cluster": "Circle",
    "col.label": "Label",
    "col.size": "Members",
    "col.personal": "Personal",
    "col.professional": "Professional",
    "col.both": "Both",
    "col.mutual": "Mutual contacts",
    "col.status": "Status",
    "col.rank": "Rank",
    "col.score": "Bridging score",
    "col.role": "Role",
    "col.count": "Persons",
    "def.double": "Double friendship: a person you are connected to from two or more of your accounts.",
    "def.sphere": "Sphere: personal or professional, the side of your life an account belongs to; "
    "a person reached from both is in both spheres.",
    "def.cluster": "Circle: a group of people more tied to each other than to the rest, found in the ties.",
    "def.exclusion": "Kept out (exclusion): someone strongly tied to a circle but not in it through your "
    "accounts — not a contact, a refused, pending or removed request, or reached only from the other sphere.",
    "def.bridge": "Bridge: a person whose position links parts of your network that would otherwise be "
    "apart, above all your personal and professional spheres.",
    "def.inferred": "Ties are observed (from a file) or inferred (same organisation, same connection wave).",
    "step.spheres": "Spheres",
    "step.spheres.text": "Colours show the sphere: orange personal, blue professional, purple both, grey not a contact.",
    "step.doubles": "Doubles",
    "step.doubles.text": "Diamonds are double friendships: people you reach from two or more accounts.",
    "step.clusters": "Circles",
    "step.clusters.text": "Shaded areas are circles: groups more tied to each other than to the rest.",
    "step.exclusions": "Exclusions",
    "step.exclusions.text": "Highlighted: people strongly tied to a circle but kept out of it.",
    "step.bridges": "Bridges",
    "step.bridges.text": "Highlighted: the people who link circles and spheres together.",
    "band.certain": "certain",
    "band.likely": "likely",
    "band.review": "to review",
    "decision.same": "same person",
    "decision.not same": "not the same",
    "decision.keep": "keep",
    "decision.remove": "remove",
    "col.decision": "Your decision",
    "report.decisions": "Your decisions file was applied ({detail}). It is applied on every run; decided doubles come first below.",
    "status.not connected": "not connected",
    "status.request pending": "request pending",
    "status.request received": "request received",
    "status.request rejected": "request refused",
    "status.removed": "removed",
    "status.other sphere only": "other sphere only",
    "role.insider": "insider",
    "role.outsider": "outsider",
    "role.connector": "connector",
    "role.gateway": "gateway",
    "role.neighbour": "neighbour",
}

_FR: dict[str, str] = {
    "map.title": "netmix — la carte de votre réseau",
    "map.search": "Chercher un nom",
    "map.search.none": "Aucun résultat",
    "map.filters": "Filtres",
    "map.spheres": "Sphères",
    "map.clusters": "Cercle",
    "map.clusters.all": "Tous les cercles",
    "map.accounts": "Comptes",
    "map.legend": "Légende",
    "map.reset": "Tout afficher",
    "map.double": "double amitié (losange)",
    "map.size": "taille : à quel point la personne fait le lien",
    "map.aggregated": "Ce réseau compte {n} personnes, plus que les {max} dessinables sans ralentir : "
    "chaque point est un cercle de personnes, de taille selon ses membres ; les traits comptent les "
    "liens entre cercles.",
    "map.shown": "{shown} personnes affichées sur {total}",
    "map.members": "membres",
    "map.unclustered": "hors cercle",
    "map.ties": "liens",
    "tip.accounts": "Comptes",
    "tip.cluster": "Cercle",
    "tip.role": "Rôle",
    "tip.double": "Double amitié",
    "tip.evidence": "Indices",
    "tip.sphere": "Sphère",
    "tip.bridge": "Rang de passeur",
    "tip.excluded": "Exclu de",
    "tip.none": "aucun",
    "sphere.personal": "perso",
    "sphere.professional": "pro",
    "sphere.both": "perso et pro",
    "sphere.": "hors contacts",
    "sphere.noncontact": "hors contacts",
    "account.personal": "compte perso",
    "account.professional": "compte pro",
    "report.title": "netmix — rapport",
    "report.headlines": "En quelques mots",
    "report.map": "La carte",
    "report.doubles": "Doubles amitiés",
    "report.clusters": "Cercles : qui est dedans, qui est exclu",
    "report.bridges": "Passeurs",
    "report.roles": "Rôles",
    "report.definitions": "Définitions utilisées",
    "report.steps": "Pas à pas",
    "report.prev": "← Précédent",
    "report.next": "Suivant →",
    "report.step_hint": "Utilisez les boutons ou les touches ← →.",
    "report.empty": "Rien à afficher.",
    "report.more": "{n} lignes de plus dans le fichier CSV.",
    "report.inclusion": "Inclus par",
    "report.exclusion": "Exclus",
    "headline.contacts": "{n} personnes dans vos listes de contacts, sur {k} comptes",
    "headline.account": "{account} ({sphere}) : {n} contacts",
    "headline.overlap": "{pct} % de vos contacts pro sont aussi des amis perso",
    "headline.overlap.none": "Aucun contact pro dans ces exports",
    "headline.vanish": "{n} contacts disparaîtraient si vous supprimiez votre compte {account}",
    "headline.doubles": "{n} doubles amitiés (personnes liées à deux de vos comptes ou plus)",
    "headline.clusters": "{n} cercles : {ties} trouvés dans les liens, {other} regroupant des personnes par entreprise ou vague de connexions",
    "headline.exclusions": "{n} personnes sont exclues d'un cercle auquel elles sont très liées",
    "headline.bridge": "Votre principal passeur entre cercles : {name}",
    "col.name": "Nom",
    "col.accounts": "Comptes",
    "col.confidence": "Confiance",
    "col.band": "Niveau",
    "col.evidence": "Indices",
    "col.suggestion": "Suggestion",
    "col.cluster": "Cercle",
    "col.label": "Intitulé",
    "col.size": "Membres",
    "col.personal": "Perso",
    "col.professional": "Pro",
    "col.both": "Les deux",
    "col.mutual": "Contacts communs",
    "col.status": "Statut",
    "col.rank": "Rang",
    "col.score": "Score de passeur",
    "col.role": "Rôle",
    "col.count": "Personnes",
    "def.double": "Double amitié : une personne à laquelle vous êtes lié par deux de vos comptes ou plus.",
    "def.sphere": "Sphère : perso ou pro, le côté de votre vie auquel appartient un compte ; une personne "
    "atteinte par les deux est dans les deux sphères.",
    "def.cluster": "Cercle : un groupe de personnes plus liées entre elles qu'au reste, trouvé dans les liens.",
    "def.exclusion": "Exclu : une personne très liée à un cercle mais qui n'y entre pas par vos comptes — "
    "hors contacts, demande refusée, en attente ou retirée, ou atteinte seulement depuis l'autre sphère.",
    "def.bridge": "Passeur : une personne dont la position relie des parties de votre réseau qui seraient "
    "sinon séparées, surtout vos sphères perso et pro.",
    "def.inferred": "Les liens sont observés (dans un fichier) ou déduits (même organisation, même vague de "
    "connexions).",
    "step.spheres": "Sphères",
    "step.spheres.text": "Les couleurs montrent la sphère : orange perso, bleu pro, violet les deux, gris hors contacts.",
    "step.doubles": "Doubles",
    "step.doubles.text": "Les losanges sont les doubles amitiés : des personnes liées à plusieurs de vos comptes.",
    "step.clusters": "Cercles",
    "step.clusters.text": "Les zones colorées sont les cercles : des groupes plus liés entre eux qu'au reste.",
    "step.exclusions": "Exclus",
    "step.exclusions.text": "En évidence : les personnes très liées à un cercle mais qui en sont exclues.",
    "step.bridges": "Passeurs",
    "step.bridges.text": "En évidence : les personnes qui relient les cercles et les sphères.",
    "band.certain": "certain",
    "band.likely": "probable",
    "band.review": "à vérifier",
    "decision.same": "même personne",
    "decision.not same": "pas la même",
    "decision.keep": "garder",
    "decision.remove": "retirer",
    "col.decision": "Votre décision",
    "report.decisions": "Votre fichier de décisions a été appliqué ({detail}). Il s'applique à chaque lancement ; les doubles décidés viennent en premier ci-dessous.",
    "status.not connected": "hors contacts",
    "status.request pending": "demande en attente",
    "status.request received": "demande reçue",
    "status.request rejected": "demande refusée",
    "status.removed": "retiré",
    "status.other sphere only": "seulement dans l'autre sphère",
    "role.insider": "membre du cœur",
    "role.outsider": "à l'écart",
    "role.connector": "connecteur",
    "role.gateway": "passerelle",
    "role.neighbour": "voisin",
}

_TABLES = {"en": _EN, "fr": _FR}
assert set(_EN) == set(_FR), set(_EN) ^ set(_FR)


def check_lang(lang: str) -> str:
    """``lang`` if supported, else a :class:`ConfigError` listing the languages."""
    if lang not in _TABLES:
        raise ConfigError(f"language {lang!r} is not available", hint=f"use one of {', '.join(LANGS)}")
    return lang


def t(lang: str, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    text = _TABLES[check_lang(lang)][key]
    return text.format(**values) if values else text


def value(lang: str, kind: str, raw: str) -> str:
    """A data value shown to the reader (``value("fr", "band", "likely")`` → ``"probable"``).

    Unknown values are shown as they are.
    """
    return _TABLES[check_lang(lang)].get(f"{kind}.{raw}", raw)


def strings(lang: str, prefix: str = "") -> dict[str, str]:
    """All strings whose key starts with ``prefix`` (for the page's script)."""
    return {k: v for k, v in sorted(_TABLES[check_lang(lang)].items()) if k.startswith(prefix)}
