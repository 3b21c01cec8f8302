"""The words of automatic circle labels (``said.label.*``: the sphere word ending a label), read by
:mod:`netmix.render.wording`. Evidence and suggestions are in :mod:`.evidence`.
"""

__all__ = ["EN", "FR"]

EN: dict[str, str] = {
    "said.label.both spheres": "both spheres",
    "said.label.personal": "personal",
    "said.label.professional": "professional",
    "said.label.mixed": "mixed",
    "said.label.cluster": "cluster {id}",
}

FR: dict[str, str] = {
    "said.label.both spheres": "les deux sphères",
    "said.label.personal": "perso",
    "said.label.professional": "pro",
    "said.label.mixed": "mixte",
    "said.label.cluster": "cercle {id}",
}
