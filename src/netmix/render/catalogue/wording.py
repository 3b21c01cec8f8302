"""The words of the doubles' evidence and suggestions and of automatic circle labels.

Keys ``said.ev.*`` (one per kind of evidence), ``said.sg.*`` (one per kind of suggestion) and
``said.label.*`` (the sphere word ending an automatic circle label); read by
:mod:`netmix.render.wording`.
"""

__all__ = ["EN", "FR"]

EN: dict[str, str] = {
    "said.ev.url": "same profile URL",
    "said.ev.email": "same email",
    "said.ev.phone": "same phone",
    "said.ev.pid": "same platform id",
    "said.ev.handle": "same handle",
    "said.ev.same_name": "same name",
    "said.ev.short_form": "same name (short form)",
    "said.ev.initial": "name with an initial",
    "said.ev.extra_word": "name with an extra word",
    "said.ev.similar": "similar name ({pct}%)",
    "said.ev.different": "different names",
    "said.ev.common": "common name ({n} contacts of one account)",
    "said.ev.rare": "rare name",
    "said.ev.shared.one": "1 shared contact",
    "said.ev.shared": "{n} shared contacts",
    "said.ev.homonym": "no shared contact although both have ties: possible homonym",
    "said.ev.few_ties": "no shared contact (few ties known)",
    "said.ev.unknown_both": "ties unknown on both sides",
    "said.ev.unknown_one": "ties unknown on one side",
    "said.ev.company": "same company",
    "said.ev.ambiguous": "matches two people of this name equally: not merged",
    "said.ev.conflict": "not merged: it conflicts with another match",
    "said.ev.decided": "decided: same",
    "said.and": "and",
    "said.sg.same_sphere": "same sphere ({sphere}) on {accounts}: one connection is probably enough — "
    "keep the account you use with this person",
    "said.sg.no_shared": "no shared contacts known: keep on both, or choose from what you know of this person",
    "said.sg.no_shared_at": "no shared contacts known (works at {company}): keep on both, or choose from what you "
    "know of this person",
    "said.sg.pro_circle": "professional circle: keep on {keep}, consider removing from {drop} — {k} of {n} shared "
    "contacts are professional",
    "said.sg.perso_circle": "personal circle: keep on {keep}, consider removing from {drop} — {k} of {n} shared "
    "contacts are personal",
    "said.sg.both_circles": "both circles: keep on both — of {n} shared contacts, {p} are personal, {q} professional "
    "and {b} in both",
    "said.sg.homonym": "possible homonym: same name but no shared contacts — check before acting, then write same or "
    "not same",
    "said.sg.review": "review: the evidence is thin — look at both profiles, then write same or not same",
    "said.sg.decided": "decided: {decision}{note} — netmix suggested: {before}",
    "said.label.both spheres": "both spheres",
    "said.label.personal": "personal",
    "said.label.professional": "professional",
    "said.label.mixed": "mixed",
    "said.label.cluster": "cluster {id}",
}

FR: dict[str, str] = {
    "said.ev.url": "même URL de profil",
    "said.ev.email": "même e-mail",
    "said.ev.phone": "même téléphone",
    "said.ev.pid": "même identifiant de plateforme",
    "said.ev.handle": "même pseudo",
    "said.ev.same_name": "même nom",
    "said.ev.short_form": "même nom (forme courte)",
    "said.ev.initial": "nom avec une initiale",
    "said.ev.extra_word": "nom avec un mot de plus",
    "said.ev.similar": "nom proche ({pct} %)",
    "said.ev.different": "noms différents",
    "said.ev.common": "nom courant ({n} contacts d'un même compte)",
    "said.ev.rare": "nom rare",
    "said.ev.shared.one": "1 contact commun",
    "said.ev.shared": "{n} contacts communs",
    "said.ev.homonym": "aucun contact commun alors que les deux ont des liens : homonyme possible",
    "said.ev.few_ties": "aucun contact commun (peu de liens connus)",
    "said.ev.unknown_both": "liens inconnus des deux côtés",
    "said.ev.unknown_one": "liens inconnus d'un côté",
    "said.ev.company": "même entreprise",
    "said.ev.ambiguous": "correspond aussi bien à deux personnes de ce nom : non fusionné",
    "said.ev.conflict": "non fusionné : en conflit avec une autre correspondance",
    "said.ev.decided": "décidé : même personne",
    "said.and": "et",
    "said.sg.same_sphere": "même sphère ({sphere}) sur {accounts} : une seule connexion suffit sans doute — "
    "gardez le compte que vous utilisez avec cette personne",
    "said.sg.no_shared": "aucun contact commun connu : gardez sur les deux, ou choisissez d'après ce que vous savez "
    "de cette personne",
    "said.sg.no_shared_at": "aucun contact commun connu (travaille chez {company}) : gardez sur les deux, ou "
    "choisissez d'après ce que vous savez de cette personne",
    "said.sg.pro_circle": "cercle pro : gardez sur {keep}, retirez peut-être de {drop} — {k} des {n} contacts "
    "communs sont pro",
    "said.sg.perso_circle": "cercle perso : gardez sur {keep}, retirez peut-être de {drop} — {k} des {n} contacts "
    "communs sont perso",
    "said.sg.both_circles": "les deux cercles : gardez sur les deux — sur {n} contacts communs, {p} perso, {q} pro "
    "et {b} dans les deux",
    "said.sg.homonym": "homonyme possible : même nom mais aucun contact commun — vérifiez avant d'agir, puis "
    "choisissez même personne ou pas la même",
    "said.sg.review": "à vérifier : peu d'indices — regardez les deux profils, puis choisissez même personne ou "
    "pas la même",
    "said.sg.decided": "décidé : {decision}{note} — netmix suggérait : {before}",
    "said.label.both spheres": "les deux sphères",
    "said.label.personal": "perso",
    "said.label.professional": "pro",
    "said.label.mixed": "mixte",
    "said.label.cluster": "cercle {id}",
}
