"""Words of the progress a command shows on stderr (:mod:`netmix.cli.progress`) and of its last line.

Keys are ``progress.`` + a step code of :class:`netmix.pipeline.StepEvent` (``progress.analyse.`` + a code of
:data:`netmix.analysis.ANALYSIS_STEPS` for the analysis's own steps). The English lines are the ones netmix has
always written.
"""

from __future__ import annotations

__all__ = ["EN", "FR"]

EN: dict[str, str] = {
    "progress.starting": "starting",
    "progress.import": "importing {item}",
    "progress.ties": "reading ties {item}",
    "progress.resolve": "resolving persons and doubles",
    "progress.analyse.waves": "finding connection waves",
    "progress.analyse.person_graph": "building the person graph",
    "progress.analyse.clusters": "finding clusters",
    "progress.analyse.roles": "computing roles (brokerage, ego roles)",
    "progress.analyse.effective_size": "measuring structural holes (effective size)",
    "progress.analyse.exclusions": "labelling clusters and finding exclusions",
    "progress.analyse.circles": "finding circles",
    "progress.analyse.betweenness": "measuring betweenness and constraint",
    "progress.analyse.overlap": "measuring overlap",
    "progress.review": "review",
    "progress.tables": "sorting the tables",
    "progress.layout": "laying out the map",
    "progress.write": "writing {item}",
    "progress.count.contacts": "{n} contacts",
    "progress.count.ties": "{n} ties",
    "progress.count.persons": "{n} persons",
    "progress.size.MB": "{n} MB",
    "progress.size.kB": "{n} kB",
    "progress.size.bytes": "{n} bytes",
    "progress.counted": "{step}: {count}",
    "progress.done": "{step} in {seconds} s",
    "progress.summary": (
        "{persons} persons, {doubles} doubles, {clusters} clusters, {exclusions} exclusions → {out}/ ({files} files)"
    ),
    "progress.empty": (
        "warning: account '{account}' yields no contact and was left out ({file}: {reason}); "
        "give the folder or zip its platform sent — `netmix contacts PATH` shows what is read"
    ),
    "progress.empty.no-rows": "the files netmix recognised hold no contact rows",
    "progress.empty.only-requests": "the files hold friend or follow requests only, no contacts",
    "progress.issues": "{account}: {counts} while importing (-v lists them; run.json keeps them)",
    "progress.issues.info.1": "{n} info",
    "progress.issues.info.n": "{n} infos",
    "progress.issues.warning.1": "{n} warning",
    "progress.issues.warning.n": "{n} warnings",
    "progress.demo": "building the sample scenario in {path}",
    "progress.demo.report": "report: {path}",
    "progress.viz": "map written to {path}",
}

FR: dict[str, str] = {
    "progress.starting": "démarrage",
    "progress.import": "import du compte {item}",
    "progress.ties": "lecture des liens {item}",
    "progress.resolve": "résolution des personnes et des doubles",
    "progress.analyse.waves": "recherche des vagues de connexion",
    "progress.analyse.person_graph": "construction du graphe des personnes",
    "progress.analyse.clusters": "recherche des groupes",
    "progress.analyse.roles": "calcul des rôles (courtage, rôles d'ego)",
    "progress.analyse.effective_size": "mesure des trous structuraux (taille effective)",
    "progress.analyse.exclusions": "nommage des groupes et recherche des exclusions",
    "progress.analyse.circles": "recherche des cercles",
    "progress.analyse.betweenness": "mesure de l'intermédiarité et de la contrainte",
    "progress.analyse.overlap": "mesure du recouvrement",
    "progress.review": "paires à trancher",
    "progress.tables": "tri des tableaux",
    "progress.layout": "disposition de la carte",
    "progress.write": "écriture du fichier {item}",
    "progress.count.contacts": "{n} contacts",
    "progress.count.ties": "{n} liens",
    "progress.count.persons": "{n} personnes",
    "progress.size.MB": "{n} Mo",
    "progress.size.kB": "{n} ko",
    "progress.size.bytes": "{n} octets",
    "progress.counted": "{step} : {count}",
    "progress.done": "{step} en {seconds} s",
    "progress.summary": (
        "{persons} personnes, {doubles} doubles, {clusters} groupes, {exclusions} exclusions → {out}/ ({files} fichiers)"
    ),
    "progress.empty": (
        "attention : le compte « {account} » ne donne aucun contact et a été laissé de côté ({file} : {reason}) ; "
        "donnez le dossier ou le zip que sa plateforme a envoyé — `netmix contacts CHEMIN` montre ce qui est lu"
    ),
    "progress.empty.no-rows": "les fichiers que netmix a reconnus ne contiennent aucune ligne de contact",
    "progress.empty.only-requests": "les fichiers ne contiennent que des demandes d'amitié ou d'abonnement, aucun contact",
    "progress.issues": "{account} : {counts} à l'import (-v les liste ; run.json les garde)",
    "progress.issues.info.1": "{n} information",
    "progress.issues.info.n": "{n} informations",
    "progress.issues.warning.1": "{n} avertissement",
    "progress.issues.warning.n": "{n} avertissements",
    "progress.demo": "construction du scénario d'exemple dans {path}",
    "progress.demo.report": "rapport : {path}",
    "progress.viz": "carte écrite dans {path}",
}
