"""Invented name lists for the synthetic scenario (French and English, with accents and particles).

Common first names and surnames only, combined at random: no entry stands for a real person.
Every list is unique after accent-stripping and case-folding, so generated names never collide by
accident (planted homonyms are made on purpose by the generator).
"""

from __future__ import annotations

__all__ = [
    "DIMINUTIVES",
    "EMOJI",
    "ENGLISH_FIRST",
    "ENGLISH_LAST",
    "FEMALE",
    "FEMALE_EN",
    "FEMALE_FR",
    "MALE_EN",
    "MALE_FR",
    "SURNAMES_EN",
    "SURNAMES_FR",
    "first_names",
    "is_female",
    "surnames",
]

FEMALE_FR: tuple[str, ...] = (
    "Adèle", "Agathe", "Agnès", "Alice", "Aline", "Amandine", "Amélie", "Anaïs", "Andrée", "Angélique",
    "Anne", "Anne-Laure", "Anne-Sophie", "Annick", "Anouk", "Armelle", "Aurélie", "Aurore", "Béatrice",
    "Bénédicte", "Bernadette", "Brigitte", "Camille", "Capucine", "Carole", "Caroline", "Catherine",
    "Cécile", "Céline", "Chantal", "Charlotte", "Chloé", "Christelle", "Christine", "Claire", "Clarisse",
    "Claudine", "Clémence", "Colette", "Coralie", "Corinne", "Delphine", "Denise", "Diane", "Dominique",
    "Edwige", "Éléonore", "Élise", "Élodie", "Éloïse", "Émilie", "Emmanuelle", "Estelle", "Éveline",
    "Fabienne", "Fanny", "Florence", "Françoise", "Gaëlle", "Geneviève", "Ghislaine", "Gisèle",
    "Hélène", "Hortense", "Inès", "Irène", "Isabelle", "Jacqueline", "Jeanne", "Joëlle", "Josiane",
    "Juliette", "Justine", "Laëtitia", "Laure", "Laurence", "Léa", "Léonie", "Lise", "Louise", "Lucie",
    "Lydie", "Madeleine", "Maëlle", "Manon", "Margaux", "Marianne", "Marie", "Marie-Claude",
    "Marie-Hélène", "Marie-Noëlle", "Marine", "Marion", "Martine", "Mathilde", "Maude", "Mélanie",
    "Mireille", "Monique", "Muriel", "Myriam", "Nadège", "Nathalie", "Noémie", "Océane", "Odile",
    "Pascale", "Pauline", "Perrine", "Raphaëlle", "Régine", "Rose", "Sabine", "Sandrine", "Séverine",
    "Simone", "Solène", "Sophie", "Stéphanie", "Suzanne", "Sylvie", "Thérèse", "Valérie", "Véronique",
    "Victoire", "Virginie", "Yvette", "Zoé",
)

MALE_FR: tuple[str, ...] = (
    "Adrien", "Alain", "Alexandre", "Alexis", "Amaury", "André", "Antoine", "Arnaud", "Arthur", "Aurélien",
    "Baptiste", "Bastien", "Benjamin", "Benoît", "Bernard", "Bertrand", "Bruno", "Cédric", "Charles",
    "Christian", "Christophe", "Claude", "Clément", "Cyril", "Damien", "Daniel", "David", "Denis",
    "Didier", "Dimitri", "Dominique", "Édouard", "Emmanuel", "Éric", "Étienne", "Fabien", "Fabrice",
    "Florent", "Florian", "François", "François-Xavier", "Frédéric", "Gaël", "Gaétan", "Gérard",
    "Gilles", "Grégoire", "Guillaume", "Gustave", "Hervé", "Hugo", "Hugues", "Jacques", "Jean",
    "Jean-Baptiste", "Jean-Charles", "Jean-François", "Jean-Luc", "Jean-Marc", "Jean-Michel",
    "Jean-Pierre", "Jérémie", "Jérôme", "Joël", "Jonathan", "Joseph", "Julien", "Kévin", "Laurent",
    "Léo", "Léon", "Loïc", "Louis", "Luc", "Lucas", "Ludovic", "Marc", "Marcel", "Martin", "Mathieu",
    "Matthias", "Maxime", "Michel", "Mickaël", "Nicolas", "Noël", "Olivier", "Pascal", "Patrice",
    "Patrick", "Paul", "Philippe", "Pierre", "Pierre-Yves", "Quentin", "Raphaël", "Raymond", "Rémi",
    "Renaud", "René", "Richard", "Robert", "Roger", "Romain", "Samuel", "Sébastien", "Serge",
    "Simon", "Stéphane", "Sylvain", "Théo", "Thibault", "Thierry", "Thomas", "Timothée", "Tristan",
    "Valentin", "Victor", "Vincent", "Xavier", "Yann", "Yannick", "Yves",
)

FEMALE_EN: tuple[str, ...] = (
    "Abigail", "Amy", "Bethany", "Bridget", "Chelsea", "Deborah", "Eleanor", "Emily", "Fiona",
    "Gemma", "Grace", "Hannah", "Harriet", "Heather", "Imogen", "Jennifer", "Jessica", "Kate",
    "Kirsty", "Lauren", "Megan", "Molly", "Olivia", "Rachel", "Rebecca", "Samantha", "Sarah",
    "Siobhan", "Tracy", "Wendy",
)

MALE_EN: tuple[str, ...] = (
    "Andrew", "Ben", "Brian", "Callum", "Connor", "Craig", "Darren", "Edward", "Gareth", "George",
    "Graham", "Harry", "Henry", "Ian", "Jack", "James", "Jason", "John", "Keith", "Liam", "Mark",
    "Matthew", "Michael", "Neil", "Oliver", "Peter", "Ryan", "Scott", "Steven", "William",
)

SURNAMES_FR: tuple[str, ...] = (
    "Arnaud", "Aubert", "Aubry", "Bailly", "Barbier", "Baron", "Barre", "Barthélemy",
    "Benoit", "Berger", "Bernard", "Bertin", "Bertrand", "Besnard", "Blanc", "Blanchard", "Bonnet",
    "Boucher", "Boulanger", "Bourgeois", "Bouvier", "Boyer", "Breton", "Brun", "Brunet",
    "Caron", "Carpentier", "Carré", "Chevalier", "Clément", "Colin", "Collet", "Cordier",
    "Cousin", "Da Costa", "Da Silva", "Daniel", "David", "de La Tour", "de Lacroix", "Delmas",
    "Denis", "Deschamps", "Devaux", "Dos Santos", "Douillet", "Dubois", "Dufour", "Dumas", "Dumont",
    "Dupont", "Dupuis", "Durand", "Duval", "Étienne", "Fabre", "Faure", "Fernandez",
    "Ferrand", "Fleury", "Fontaine", "Fournier", "François", "Gaillard", "Garcia", "Garnier",
    "Gautier", "Germain", "Gérard", "Giraud", "Gomez", "Guérin", "Guillaume", "Guillot",
    "Hamon", "Henry", "Hoarau", "Hubert", "Huet", "Jacob", "Jacquet", "Joly", "Julien", "Klein",
    "Lacroix", "Lambert", "Laine", "Lamy", "Laurent", "Le Bihan", "Le Borgne", "Le Brun", "Le Gall",
    "Le Goff", "Le Roux", "Leclerc", "Lefèvre", "Legrand", "Lemaire",
    "Lemoine", "Leroy", "Lucas", "Maillard", "Marchal", "Marchand", "Marie", "Martin",
    "Martinez", "Masson", "Mathieu", "Menard", "Mercier", "Meunier", "Meyer", "Michel", "Moreau",
    "Morel", "Morin", "Muller", "Noël", "Olivier", "Paris", "Perrin", "Petit", "Picard", "Pierre",
    "Poirier", "Prévost", "Renard", "Renaud", "Rey", "Richard", "Rivière", "Robert", "Robin", "Roche",
    "Rodriguez", "Roger", "Rolland", "Roussel", "Roux", "Roy", "Royer", "Sanchez", "Schmitt",
    "Simon", "Taillandier", "Thomas", "Vasseur", "Vidal", "Vincent", "Weber",
)

SURNAMES_EN: tuple[str, ...] = (
    "Baker", "Bennett", "Brooks", "Campbell", "Carter", "Clarke", "Collins", "Cooper", "Davies",
    "Edwards", "Evans", "Fletcher", "Graham", "Harris", "Hughes", "Jenkins", "Kelly", "Lewis",
    "Mitchell", "Morgan", "Murphy", "O'Brien", "Parker", "Phillips", "Roberts", "Shaw", "Stewart",
    "Taylor", "Turner", "Walker", "Walsh", "Watson", "Wright",
)

#: first name -> the short form people type on a second account.
DIMINUTIVES: dict[str, str] = {
    "Sébastien": "Seb",
    "Frédéric": "Fred",
    "Jean-Baptiste": "JB",
    "Christophe": "Chris",
    "Alexandre": "Alex",
    "Nicolas": "Nico",
    "Stéphanie": "Steph",
    "Catherine": "Cathy",
    "Benjamin": "Ben",
    "Maxime": "Max",
}

#: emoji some people add to their display name (non-BMP and BMP, to exercise the escapes).
EMOJI: tuple[str, ...] = ("\U0001F30D", "\u2600\ufe0f", "\U0001F6B2", "\U0001F3D4\ufe0f")

FEMALE: frozenset[str] = frozenset(FEMALE_FR + FEMALE_EN)
ENGLISH_FIRST: frozenset[str] = frozenset(FEMALE_EN + MALE_EN)
ENGLISH_LAST: frozenset[str] = frozenset(SURNAMES_EN)


def first_names() -> tuple[str, ...]:
    """Every first name, French then English (Dominique appears once: it is epicene)."""
    seen: dict[str, None] = {}
    for n in FEMALE_FR + MALE_FR + FEMALE_EN + MALE_EN:
        seen.setdefault(n, None)
    return tuple(seen)


def surnames() -> tuple[str, ...]:
    """Every surname, French then English, without duplicates."""
    seen: dict[str, None] = {}
    for n in SURNAMES_FR + SURNAMES_EN:
        seen.setdefault(n, None)
    return tuple(seen)


def is_female(first: str) -> bool:
    """Whether the generator treats ``first`` as a woman's name (for Netvizz ``sex``, job titles)."""
    return first in FEMALE
