"""The words of the report's charts (titles, one-sentence summaries, table headings)."""

__all__ = ["EN", "FR"]

EN: dict[str, str] = {
    "chart.figures": "The figures",
    "chart.overlap": "How your accounts overlap",
    "chart.overlap.summary": "{n} of your {total} contacts are reached from two or more accounts; "
    "{k} combinations of accounts in all.",
    "chart.col.combination": "Accounts",
    "chart.circles": "Circles by sphere",
    "chart.circles.summary": "Members of your {n} circles by sphere (the {shown} largest are drawn).",
    "chart.waves": "Connection waves over time",
    "chart.waves.summary": "{n} connections with a date; the busiest period is {period} ({most} new contacts); "
    "{waves} connection waves found (shaded).",
    "chart.waves.none": "No connection dates in these exports.",
    "chart.unit.year": "Year",
    "chart.unit.month": "Month",
    "chart.bridges": "Top bridges",
    "chart.bridges.summary": "The person who links your circles and spheres the most is {name}.",
}

FR: dict[str, str] = {
    "chart.figures": "Les chiffres",
    "chart.overlap": "Comment vos comptes se recoupent",
    "chart.overlap.summary": "{n} de vos {total} contacts sont atteints par deux comptes ou plus ; "
    "{k} combinaisons de comptes en tout.",
    "chart.col.combination": "Comptes",
    "chart.circles": "Les cercles par sphère",
    "chart.circles.summary": "Les membres de vos {n} cercles par sphère (les {shown} plus grands sont dessinés).",
    "chart.waves": "Les vagues de connexions dans le temps",
    "chart.waves.summary": "{n} connexions datées ; la période la plus chargée est {period} ({most} nouveaux "
    "contacts) ; {waves} vagues de connexions trouvées (en couleur).",
    "chart.waves.none": "Aucune date de connexion dans ces exports.",
    "chart.unit.year": "Année",
    "chart.unit.month": "Mois",
    "chart.bridges": "Les principaux passeurs",
    "chart.bridges.summary": "La personne qui relie le plus vos cercles et vos sphères est {name}.",
}
