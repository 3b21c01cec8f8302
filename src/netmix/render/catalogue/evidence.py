"""Words of the resolution's evidence and suggestions (doubles.csv, review.csv, report, map tooltips).

Keys are ``ev.`` + a fact code of :mod:`netmix.resolution.facts`; :mod:`netmix.render.evidence`
fills them in. The English sentences are the ones netmix has always written.
"""

from __future__ import annotations

__all__ = ["EN", "FR"]

EN: dict[str, str] = {
    "ev.join.parts": "; ",
    "ev.join.pairs": " / ",
    "ev.join.and": " and ",
    "ev.join.list": ", ",
    "ev.pair": "{pair}: {facts}",
    "ev.id.url": "same profile URL",
    "ev.id.email": "same email",
    "ev.id.phone": "same phone",
    "ev.id.pid": "same platform id",
    "ev.id.handle": "same handle",
    "ev.name.exact": "same name",
    "ev.name.diminutive": "same name (short form)",
    "ev.name.initial": "name with an initial",
    "ev.name.subset": "name with an extra word",
    "ev.name.similar": "similar name ({pct}%)",
    "ev.name.different": "different names",
    "ev.common": "common name ({n} contacts of one account)",
    "ev.rare": "rare name",
    "ev.population.common": "common name in the population ({source}: 1 in {one_in})",
    "ev.population.rare": "rare name in the population ({source})",
    "ev.source.insee": "INSEE",
    "ev.source.census": "US Census",
    "ev.organisation": "organisation in the name: {org}",
    "ev.organisation.match": "organisation in the name matches {where}: {org}",
    "ev.where.company": "a company",
    "ev.where.cluster": "a circle",
    "ev.organisation.cluster": "organisation in the name matches the organisation of circle {cluster}: {org}",
    "ev.shared.one": "{n} shared contact",
    "ev.shared.many": "{n} shared contacts",
    "ev.shared_few": "only {n} shared of {of} contacts: what two different people share by chance",
    "ev.homonym": "no shared contact although both have ties: possible homonym",
    "ev.few_ties": "no shared contact (few ties known)",
    "ev.ties_unknown.2": "ties unknown on both sides",
    "ev.ties_unknown.1": "ties unknown on one side",
    "ev.same_company": "same company",
    "ev.ambiguous": "matches two people of this name equally: not merged",
    "ev.decided_same": "decided: same",
    "ev.decided_not_same": "decided: not same",
    "ev.conflict": "not merged: it conflicts with another match",
    "ev.sphere.personal": "personal",
    "ev.sphere.professional": "professional",
    "ev.sphere.both": "both",
    "ev.decision.same": "same",
    "ev.decision.not same": "not same",
    "ev.decision.keep": "keep",
    "ev.decision.remove": "remove",
    "ev.sg.same_sphere": (
        "same sphere ({sphere}) on {accounts}: one connection is probably enough — keep the account you use "
        "with this person"
    ),
    "ev.sg.no_shared": "no mutual contacts known: keep on both, or choose from what you know of this person",
    "ev.sg.no_shared.company": (
        "no mutual contacts known (works at {company}): keep on both, or choose from what you know of this person"
    ),
    "ev.sg.professional": (
        "professional circle: keep on {keep}, consider removing from {drop} — mutual contacts: {k} of {n} professional"
    ),
    "ev.sg.personal": "personal circle: keep on {keep}, consider removing from {drop} — mutual contacts: {k} of {n} personal",
    "ev.sg.both": "both circles: keep on both — mutual contacts: {n} ({p} personal, {q} professional, {b} in both)",
    "ev.sg.homonym": "possible homonym: same name but no shared contacts — check before acting, then write same or not same",
    "ev.sg.review": "review: the evidence is thin — look at both profiles, then write same or not same",
    "ev.sg.bridge": (
        "if these two are one person, they are your bridge no. {rank} — check both profiles, then write same "
        "or not same"
    ),
    "ev.decided": "decided: {decision}{note} — netmix suggested: {then}",
    "ev.note": " ({note})",
    "ev.decisions.match": "{matched} of {decisions} decisions match this data",
}

FR: dict[str, str] = {
    "ev.join.parts": " ; ",
    "ev.join.pairs": " / ",
    "ev.join.and": " et ",
    "ev.join.list": ", ",
    "ev.pair": "{pair} : {facts}",
    "ev.id.url": "même adresse de profil",
    "ev.id.email": "même e-mail",
    "ev.id.phone": "même téléphone",
    "ev.id.pid": "même identifiant de plateforme",
    "ev.id.handle": "même pseudonyme",
    "ev.name.exact": "même nom",
    "ev.name.diminutive": "même nom (forme courte)",
    "ev.name.initial": "nom avec une initiale",
    "ev.name.subset": "nom avec un mot en plus",
    "ev.name.similar": "nom proche ({pct} %)",
    "ev.name.different": "noms différents",
    "ev.common": "nom courant ({n} contacts d'un même compte)",
    "ev.rare": "nom rare",
    "ev.population.common": "nom courant dans la population ({source} : 1 sur {one_in})",
    "ev.population.rare": "nom rare dans la population ({source})",
    "ev.source.insee": "Insee",
    "ev.source.census": "recensement des États-Unis",
    "ev.organisation": "organisation dans le nom : {org}",
    "ev.organisation.match": "l'organisation du nom correspond à {where} : {org}",
    "ev.where.company": "une entreprise",
    "ev.where.cluster": "un cercle",
    "ev.organisation.cluster": "l'organisation du nom correspond à celle du cercle {cluster} : {org}",
    "ev.shared.one": "{n} contact commun",
    "ev.shared.many": "{n} contacts communs",
    "ev.shared_few": "seulement {n} contact(s) en commun sur {of} : ce que deux personnes différentes partagent par hasard",
    "ev.homonym": "aucun contact commun alors que les deux ont des liens : homonyme possible",
    "ev.few_ties": "aucun contact commun (peu de liens connus)",
    "ev.ties_unknown.2": "liens inconnus des deux côtés",
    "ev.ties_unknown.1": "liens inconnus d'un côté",
    "ev.same_company": "même entreprise",
    "ev.ambiguous": "correspond autant à deux personnes de ce nom : non fusionné",
    "ev.decided_same": "décidé : même personne",
    "ev.decided_not_same": "décidé : personnes différentes",
    "ev.conflict": "non fusionné : en conflit avec une autre correspondance",
    "ev.sphere.personal": "personnelle",
    "ev.sphere.professional": "professionnelle",
    "ev.sphere.both": "les deux",
    "ev.decision.same": "même personne",
    "ev.decision.not same": "personnes différentes",
    "ev.decision.keep": "garder",
    "ev.decision.remove": "retirer",
    "ev.sg.same_sphere": (
        "même sphère ({sphere}) sur {accounts} : une seule relation suffit sans doute — gardez le compte que "
        "vous utilisez avec cette personne"
    ),
    "ev.sg.no_shared": (
        "vous n'avez aucun contact en commun connu avec cette personne : gardez sur les deux, ou choisissez "
        "d'après ce que vous savez d'elle"
    ),
    "ev.sg.no_shared.company": (
        "vous n'avez aucun contact en commun connu avec cette personne (travaille chez {company}) : gardez sur "
        "les deux, ou choisissez d'après ce que vous savez d'elle"
    ),
    "ev.sg.professional": (
        "cercle professionnel : gardez sur {keep}, envisagez de retirer de {drop} — contacts en commun avec vous : "
        "{k} sur {n} pro"
    ),
    "ev.sg.personal": (
        "cercle personnel : gardez sur {keep}, envisagez de retirer de {drop} — contacts en commun avec vous : "
        "{k} sur {n} perso"
    ),
    "ev.sg.both": (
        "les deux cercles : gardez sur les deux — contacts en commun avec vous : {n} ({p} perso, {q} pro, "
        "{b} dans les deux)"
    ),
    "ev.sg.homonym": (
        "homonyme possible : même nom mais aucun contact commun — vérifiez avant d'agir, puis écrivez même "
        "ou différent"
    ),
    "ev.sg.review": "à vérifier : les indices sont minces — regardez les deux profils, puis écrivez même ou différent",
    "ev.sg.bridge": (
        "si ces deux profils sont une seule personne, c'est votre pont n° {rank} — vérifiez les deux "
        "profils, puis écrivez même ou différent"
    ),
    "ev.decided": "décidé : {decision}{note} — netmix suggérait : {then}",
    "ev.note": " ({note})",
    "ev.decisions.match": "{matched} décisions sur {decisions} correspondent à ces données",
}
