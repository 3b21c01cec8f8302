"""The words of the report's decision part: what to decide, the controls, the saved file."""

__all__ = ["EN", "FR"]

EN: dict[str, str] = {
    "decide.title": "What needs your decision",
    "decide.count": "{n} pairs wait for your decision: are they the same person, and on which account do you keep them?",
    "decide.none": "Nothing waits for your decision.",
    "decide.choice": "Your choice",
    "decide.opt.none": "— not decided —",
    "decide.opt.same": "same person",
    "decide.opt.not same": "not the same person",
    "decide.opt.keep": "keep both",
    "decide.opt.remove": "remove from {account}",
    "decide.save": "Save my decisions (CSV)",
    "decide.saved": "{n} decisions chosen. They stay in this browser; save them as a file and give it to the next run:",
    "decide.command": "netmix analyze … --decisions decisions.csv",
    "decide.clear": "Forget my choices",
    "summary.title": "Your double friendships at a glance",
    "summary.decided": "{n} already decided in your decisions file",
    "summary.review": "{n} to review: the evidence is thin — decide above",
    "summary.homonym": "{n} possible homonyms: same name but no shared contact — decide above",
    "summary.pro_circle": "{n} belong to your professional circle: keep them on the professional account, "
    "consider removing them from the personal one",
    "summary.perso_circle": "{n} belong to your personal circle: keep them on the personal account, "
    "consider removing them from the professional one",
    "summary.both_circles": "{n} belong to both circles: keep them on both accounts",
    "summary.no_shared": "{n} share no known contact with you: keep them on both, or choose from what you know",
    "summary.same_sphere": "{n} are on {accounts}, accounts of the same sphere: nothing to do, one connection is enough",
    "summary.other": "{n} other double friendships",
    "summary.bands": "By confidence: {detail}.",
    "table.search": "Filter the rows",
    "table.rows": "{n} rows",
    "table.page": "page {p} of {pages}",
    "table.decimal": ".",
    "table.prev": "← previous",
    "table.next": "next →",
    "table.show": "Show the table ({n} rows)",
    "table.sort": "Click a column heading to sort.",
}

FR: dict[str, str] = {
    "decide.title": "Ce qui attend votre décision",
    "decide.count": "{n} paires attendent votre décision : est-ce la même personne, et sur quel compte la garder ?",
    "decide.none": "Rien n'attend votre décision.",
    "decide.choice": "Votre choix",
    "decide.opt.none": "— pas encore décidé —",
    "decide.opt.same": "même personne",
    "decide.opt.not same": "pas la même personne",
    "decide.opt.keep": "garder les deux",
    "decide.opt.remove": "retirer de {account}",
    "decide.save": "Enregistrer mes décisions (CSV)",
    "decide.saved": "{n} décisions choisies. Elles restent dans ce navigateur ; enregistrez-les dans un fichier à "
    "donner au prochain lancement :",
    "decide.command": "netmix analyze … --decisions decisions.csv",
    "decide.clear": "Oublier mes choix",
    "summary.title": "Vos doubles amitiés en bref",
    "summary.decided": "{n} déjà décidées dans votre fichier de décisions",
    "summary.review": "{n} à vérifier : peu d'indices — décidez ci-dessus",
    "summary.homonym": "{n} homonymes possibles : même nom mais aucun contact commun — décidez ci-dessus",
    "summary.pro_circle": "{n} font partie de votre cercle pro : gardez-les sur le compte pro, retirez-les peut-être "
    "du compte perso",
    "summary.perso_circle": "{n} font partie de votre cercle perso : gardez-les sur le compte perso, retirez-les "
    "peut-être du compte pro",
    "summary.both_circles": "{n} sont dans les deux cercles : gardez-les sur les deux comptes",
    "summary.no_shared": "{n} n'ont aucun contact commun connu : gardez-les sur les deux, ou choisissez d'après ce "
    "que vous savez",
    "summary.same_sphere": "{n} sont sur {accounts}, des comptes de la même sphère : rien à faire, une connexion suffit",
    "summary.other": "{n} autres doubles amitiés",
    "summary.bands": "Par niveau de confiance : {detail}.",
    "table.search": "Filtrer les lignes",
    "table.rows": "{n} lignes",
    "table.page": "page {p} sur {pages}",
    "table.decimal": ",",
    "table.prev": "← précédente",
    "table.next": "suivante →",
    "table.show": "Afficher le tableau ({n} lignes)",
    "table.sort": "Cliquez sur un titre de colonne pour trier.",
}
