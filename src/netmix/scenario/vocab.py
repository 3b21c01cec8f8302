"""Invented places, organisations and job titles for the synthetic scenario (French tourism world)."""

from __future__ import annotations

__all__ = ["CITIES", "DIGITAL", "EMPLOYERS", "KIND_POSITIONS", "MEDIA", "PARTNERS", "POSITIONS"]

#: towns with a tourist office in the national network (public place names, no persons).
CITIES: tuple[str, ...] = (
    "Biarritz", "Lourdes", "Bayonne", "Annecy", "Colmar", "Saint-Malo", "Arcachon", "La Rochelle",
    "Carcassonne", "Chamonix", "Avignon", "Dinan", "Honfleur", "Sarlat", "Vannes", "Nîmes", "Uzès",
    "Étretat", "Menton", "Cassis", "Ajaccio", "Quimper", "Amboise", "Beaune", "Épernay", "Metz",
    "Lille", "Nantes", "Lyon", "Bordeaux", "Toulouse", "Strasbourg", "Rodez", "Albi", "Cahors",
    "Périgueux", "Angoulême", "Poitiers", "Tours", "Blois", "Chartres", "Rouen", "Caen", "Bayeux",
    "Granville", "Morlaix", "Lorient", "Vichy", "Le Puy-en-Velay", "Gap", "Briançon", "Grasse",
)

#: (masculine, feminine) job titles per cluster kind; a title with a comma exercises CSV quoting.
POSITIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "office": (
        ("Conseiller en séjour", "Conseillère en séjour"),
        ("Chargé de communication", "Chargée de communication"),
        ("Directeur", "Directrice"),
        ("Responsable accueil, promotion", "Responsable accueil, promotion"),
        ("Community manager", "Community manager"),
        ("Chargé de promotion", "Chargée de promotion"),
        ("Animateur numérique de territoire", "Animatrice numérique de territoire"),
    ),
    "partner": (
        ("Directeur d'hôtel", "Directrice d'hôtel"),
        ("Gérant", "Gérante"),
        ("Responsable commercial", "Responsable commerciale"),
        ("Chef de projet tourisme", "Cheffe de projet tourisme"),
        ("Responsable partenariats", "Responsable partenariats"),
    ),
    "media": (
        ("Journaliste", "Journaliste"),
        ("Rédacteur en chef", "Rédactrice en chef"),
        ("Blogueur voyage", "Blogueuse voyage"),
        ("Photographe, rédacteur", "Photographe, rédactrice"),
    ),
    "digital": (
        ("Consultant Entreprise 2.0", "Consultante Entreprise 2.0"),
        ("Formateur réseaux sociaux", "Formatrice réseaux sociaux"),
        ("Community manager", "Community manager"),
        ("Chef de projet web", "Cheffe de projet web"),
    ),
    "personal": (
        ("Infirmier", "Infirmière"),
        ("Professeur des écoles", "Professeure des écoles"),
        ("Ingénieur", "Ingénieure"),
        ("Comptable", "Comptable"),
        ("Kinésithérapeute", "Kinésithérapeute"),
        ("Technicien", "Technicienne"),
    ),
}

PARTNERS: tuple[str, ...] = (
    "Hôtel du Parc", "Hôtel des Pyrénées", "Camping Les Chênes", "Domaine du Vert Galant",
    "Comité Départemental du Tourisme", "Château de Montaner", "Auberge du Gave", "Villa Bel Air",
    "Gîtes de la Vallée", "Cave des Coteaux", "Navettes du Béarn", "Hôtel Continental Pau",
)
MEDIA: tuple[str, ...] = (
    "Le Petit Béarnais", "Radio Gave FM", "Voyages & Saveurs (blog)", "Freelance",
    "Magazine Sud Escapades", "TV Adour Locale", "Les Carnets du Routard Gourmand",
)
DIGITAL: tuple[str, ...] = (
    "Freelance", "Agence Pixel & Co", "Conseil 2.0", "Atelier Numérique", "Social Buzz Conseil",
    "Réseau des Animateurs Numériques",
)
EMPLOYERS: tuple[str, ...] = (
    "Centre Hospitalier", "Banque Régionale du Sud-Ouest", "Éducation nationale", "Mairie de Lescar",
    "Cabinet Comptable Dufau", "Usine Aéro Pyrénées", "Pharmacie du Centre",
)

#: cluster kind -> the position family used for its members.
KIND_POSITIONS: dict[str, str] = {
    "family": "personal",
    "school": "personal",
    "sports": "personal",
    "neighbours": "personal",
    "office": "office",
    "national": "office",
    "partners": "partner",
    "media": "media",
    "digital": "digital",
}
