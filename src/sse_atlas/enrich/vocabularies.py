"""The controlled vocabularies initiatives are classified onto, read from ``data/vocab/``.

ESSGLOBAL, RIPESS's vocabulary for the social and solidarity economy, gives the ``themes``, the
economic sectors (``activities-modified``), ``organisational-structure`` and ``legal-form``; the
UN gives the 17 ``sdgs``; this project adds the ``groups`` an initiative serves and the
``organisation-types`` that ESSGLOBAL's structures lack (governments, networks, universities).
``data/vocab/README.md`` names the source and licence of each file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

THEMES: Final = "themes"
SECTORS: Final = "activities-modified"
STRUCTURES: Final = "organisational-structure"
LEGAL_FORMS: Final = "legal-form"
SDGS: Final = "sdgs"
GROUPS: Final = "groups"
ORGANISATION_TYPES: Final = "organisation-types"

SCHEME_NAMES: Final = (THEMES, SECTORS, STRUCTURES, LEGAL_FORMS, SDGS, GROUPS, ORGANISATION_TYPES)
ESSGLOBAL_SCHEMES: Final = (THEMES, SECTORS, STRUCTURES, LEGAL_FORMS)


class UnknownConcept(KeyError):
    """A scheme name or a code that the vocabularies do not have."""


@dataclass(frozen=True)
class Concept:
    """One concept of a scheme: its code, URI and labels per language (``en``, ``fr``, ...)."""

    scheme: str
    code: str
    uri: str | None
    pref_labels: MappingProxyType[str, str] = field(hash=False)
    alt_labels: tuple[str, ...] = ()
    scope_notes: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    # labels this project wrote where the source leaves a language empty
    translations: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    # published labels whose accents or spelling were lost, as this project writes them
    corrections: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )

    def label(self, language: str = "en") -> str:
        """The label in ``language``: corrected, else as published, else this project's, else
        the English one."""
        lang = language.lower()
        return (
            self.corrections.get(lang)
            or self.pref_labels.get(lang)
            or self.translations.get(lang)
            or self.pref_labels.get("en")
            or self.code
        )

    def description(self) -> str:
        """Every label and scope note in one line, for matching text against the concept."""
        parts = [*self.pref_labels.values(), *self.translations.values(), *self.alt_labels]
        parts += self.scope_notes.values()
        seen: list[str] = []
        for part in parts:
            if len(part) > 1 and part not in seen:
                seen.append(part)
        return ". ".join(seen)


@dataclass(frozen=True)
class Scheme:
    """A concept scheme as vendored: its namespace, provenance and concepts in published order."""

    name: str
    uri: str | None
    title: str
    source: str
    licence: str
    concepts: tuple[Concept, ...]

    def concept(self, code: str) -> Concept:
        for item in self.concepts:
            if item.code == code:
                return item
        raise UnknownConcept(f"{self.name} has no concept {code!r}")

    def codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.concepts)


def _strings(value: Any) -> MappingProxyType[str, str]:
    if not isinstance(value, dict):
        return MappingProxyType({})
    return MappingProxyType({str(k): str(v) for k, v in value.items() if v})


def _concept(scheme_name: str, value: dict[str, Any]) -> Concept:
    alt = value.get("altLabel") or {}
    alt_labels = tuple(str(label) for labels in alt.values() for label in labels)
    return Concept(
        scheme=scheme_name,
        code=str(value["code"]),
        uri=value.get("uri"),
        pref_labels=_strings(value.get("prefLabel")),
        alt_labels=alt_labels,
        scope_notes=_strings(value.get("scopeNote")),
        translations=_strings(value.get("labelTranslations")),
        corrections=_strings(value.get("labelCorrections")),
    )


@cache
def scheme(name: str) -> Scheme:
    """The scheme called ``name`` (one of :data:`SCHEME_NAMES`), read once per process."""
    if name not in SCHEME_NAMES:
        raise UnknownConcept(f"no vocabulary called {name!r}")
    text = resources.files("sse_atlas").joinpath("data", "vocab", f"{name}.json").read_text("utf-8")
    document = json.loads(text)
    return Scheme(
        name=name,
        uri=document.get("uri"),
        title=str(document["title"]),
        source=str(document["source"]),
        licence=str(document["licence"]),
        concepts=tuple(_concept(name, item) for item in document["concepts"]),
    )


def concept(scheme_name: str, code: str) -> Concept:
    """One concept: ``concept("themes", "T3").label("fr") == "Finances Solidaires"``."""
    return scheme(scheme_name).concept(code)


def concept_uri(scheme_name: str, code: str) -> str | None:
    """The concept URI (``http://purl.org/essglobal/standard/themes/T3``); None for local lists."""
    return concept(scheme_name, code).uri


# Words that signal a concept, as regular expressions over accent-folded, case-folded text (see
# ``sse_atlas.ingest.patterns.fold``), in the forums' languages: French, Spanish, English,
# Portuguese, Catalan and Basque. Each alternative is a stem matched from a word start. Per
# concept: (strong cues, enough alone; weak cues, which need company).
Cues = dict[str, tuple[str, str]]

THEME_CUES: Final[Cues] = {
    "T1": (
        r"logements?\b|habitat\b|habitation|vivienda|housing|habitatge|moradia|etxebizitz"
        r"|villes? en transition|transition towns?|ciudades en transicion|mobilite|movilidad"
        r"|mobility|mobilitat",
        r"transports?\b|urbanis",
    ),
    "T2": (
        r"souverainete alimentaire|securite alimentaire|soberania alimentaria|seguridad alimentaria"
        r"|food sovereignty|food security|soberania alimentar|agricult|agroecolog|agro-ecolog"
        r"|paysan|campesin|agricol|maraich|legumes|nekazari|justice alimentaire"
        r"|systemes? alimentaires?|food systems?|huertos?\b|potager|jardins? communautaires?"
        r"|circuits? courts?|production ecologique d'aliments",
        r"aliment|food\b|nourri|nutrition",
    ),
    "T3": (
        r"financ(?:e|es) (?:solidaires?|ethiques?|sociales?|alternatives?)"
        r"|finanzas (?:solidarias|eticas)"
        r"|solidarity financ|ethical financ|social financ|micro-?financ|micro-?credit"
        r"|monnaies? (?:sociales?|locales?|complementaires?|citoyennes?)"
        r"|moned(?:a|as) (?:social|local|complementaria)|local currenc|social currenc"
        r"|complementary currenc|investissements? (?:sociaux|social|solidaires?|d'impact)"
        r"|investisseurs?|fonds d'investissements?|fonds solidaires?"
        r"|instruments? (?:financiers?|de garantie)"
        r"|produits financiers|epargn|prets? solidaires?|garanties? de prets?|societe de garantie"
        r"|cooperatives? (?:de credit|financieres?)|caisse d'economie|banca etica"
        r"|banques? (?:ethiques?|solidaires?|cooperatives?)|ethical bank|mutuelle de solidarite"
        r"|tontine|crowdfunding|financement participatif|muso\b|outils financiers",
        r"financ|credit|prets?\b|monnaie|moneda|currenc|investiss|investment|inversion"
        r"|banque(?! mondiale)|banca|banco(?! mundial)|bank|fonds\b|fondos?\b|garantie|avals?\b",
    ),
    "T4": (
        r"principes (?:de l'economie|cooperatifs?)|identite cooperative|audit social"
        r"|economie feministe|culture cooperative|valeurs (?:cooperatives|de l'economie)",
        r"principes?\b|valeurs?\b|philosophie|impact social|valeur sociale|bilan social"
        r"|comptabilite sociale|mesure (?:de|et evaluation de) l'impact|evaluation de l'impact",
    ),
    "T5": (
        r"environnementa|environmental|l'environnement\b(?! de l'entreprise)|medio ?ambiente"
        r"|ingurumen|ecologi|climat(?!isation)"
        r"|climate|energies? renouvelables?|renewable energ|energias? renovables?|biodiversit"
        r"|dechets|residuos|waste|recycl|reutilis|reemploi|reutiliz|reuse|reparation\b|repair"
        r"|economie circulaire|circular econom|economia circular|pollution|contaminacion"
        r"|biens communs|bienes comunes|commons\b|biosphere|eco-friendly|boucle fermee",
        r"energie|energia|energy|durable|sostenible|sustainab|verte?\b|green\b|communs?\b",
    ),
    "T6": (
        r"politiques? publiques?|politicas? publicas?|public polic"
        r"|politique (?:municipale|regionale"
        r"|nationale|de la ville|sur la societe)|politica municipal|loi (?:sur|de|francaise)\b"
        r"|ley de|legislati|cadre (?:juridique|legal|politique)|marches publics|achats? publics?"
        r"|commande publique|clauses? sociales?|contratacion publica|compra publica"
        r"|public procurement|passation de marches|pouvoirs publics|administrations? publiques?"
        r"|collectivites? (?:territoriales|locales|publiques)|gouvernements? locaux"
        r"|gouvernement local|local governments?|gobiernos? locales?|reglementation|decret"
        r"|co-construction|coproduction de politiques|strategie d'economie sociale",
        r"gouvernement|government|gobierno|mairie|ayuntamiento|municipal|institutions? publiques?"
        r"|public-prive|public-social|ministere|subvention|plaidoyer|advocacy",
    ),
    "T7": (
        r"logiciels? libres?|software libre|open source|code ouvert|culture libre|cultura libre"
        r"|connaissances? libres?|conocimiento libre|free knowledge|creative commons"
        r"|communs? numeriques?"
        r"|plateformes? (?:cooperatives?|en communs?|basees? sur les? communs?)"
        r"|platform cooperativ|procomun",
        r"communs?\b|open data|donnees ouvertes",
    ),
    "T8": (
        r"formation professionnelle|formacion profesional|vocational|education|educacion"
        r"|educacao|hezkuntza|enseignement|etudiants?|estudiantes?|students?|ecoles?\b|escuelas?"
        r"|pedagog|prestakuntza|itineraires? (?:de|integral) (?:de )?formation"
        r"|programmes? de formation|centres? de formation|recu une formation"
        r"|formations? pratiques?",
        r"formation|formacion|training|capacitacion|apprentissage|aprendizaje|sensibilis"
        r"|competences|capacites|universit|stages?\b|former\b",
    ),
    "T9": (
        r"commerce equitable|fair trade|comercio justo|consommation responsable|consumo responsable"
        r"|responsible consumption|consommateurs?|consumidores?|consumers?"
        r"|socialement responsables?"
        r"|production responsable|marches? solidaires?|mercados? (?:sociales|solidarios)"
        r"|circuits? courts?|distribution alimentaire|cooperatives? de consommation"
        r"|commercialis|comercializ",
        r"commerce|comercio|vente|ventes|magasin",
    ),
    "T10": (
        r"developpement (?:local|territorial|communautaire|rural|des territoires)"
        r"|desarrollo (?:local|territorial|comunitario|rural)|local development"
        r"|community development|territorial development|economie locale|economia local"
        r"|local econom|transformation des territoires|buen vivir|bien vivir|bem viver"
        r"|developpement regional|desarrollo regional|regional development|croissance regionale",
        r"territoires?\b|territorial|local(?:e|es)?\b|quartiers?|barrios?|neighbourhood|rural"
        r"|proximite|communautaire|developpement socio-economique",
    ),
    "T11": (
        r"cooperation internationale|cooperacion internacional|international cooperation"
        r"|cooperacao internacional|nazioarteko lankidetza|cooperation (?:sud-sud|au developpement)"
        r"|south-south|sud-sud|nations unies|naciones unidas|united nations|onu\b|pnud\b"
        r"|banque mondiale|banco mundial|world bank|pays du sud|sud global|global south"
        r"|transfert international|solidarite internationale|experiences internationales",
        r"international|internacional|mondial|global\b|europe|transnational",
    ),
    "T12": (
        r"pauvrete|pobreza|poverty|txirotasun|insertion|insercion|inclusion sociale"
        r"|inclusion social|social inclusion|inclusion socio|exclusion|inegalit|desigualdad"
        r"|inequalit|vulnerab|defavoris|desfavorecid|disadvantaged|justice sociale"
        r"|justicia social|social justice|protection sociale|proteccion social|social protection"
        r"|revenu (?:minimal|minimum|de base|citoyen)|renta basica|basic income|aide sociale"
        r"|services sociaux|servicios sociales|intervention sociale|intervencion social|precarit",
        r"inclusi|integration|integracion|dignit|droits?\b|derechos",
    ),
    "T13": (
        r"travail (?:decent|digne)|trabajo (?:decente|digno)|decent work|trabalho decente"
        r"|autogestion|self-manag|cogestion|co-gestion|autogestao"
        r"|gouvernance (?:participative|democratique|cooperative)|gobernanza (?:participativa"
        r"|democratica)|gestion participative|participation des (?:travailleurs|personnes)"
        r"|democratie directe|cooperatives? de travail|worker cooperativ|cooperativa de trabajo"
        r"|entreprises recuperees|empresas recuperadas|trade unions?|postes? de travail"
        r"|auto-emploi|autoempleo|conditions de travail|qualite du travail|futur du travail"
        r"|future of work|creation de cooperatives|entrepren\w+ (?:collectif|cooperatif)"
        r"|cooperativisme|cooperativismo|travail personnalise|cooperative de travail"
        r"|proprietaires de l'entreprise",
        r"travail|trabajo|work\b|travailleurs|trabajadores|workers|cooperatives?\b|cooperativas?"
        r"|gouvernance|syndica"
        r"|sindica|emplois?\b|empleos?\b|employment|jobs?\b|enplegu|chomage|chomeurs?|desemple"
        r"|unemploy|emploi aide|empleo con apoyo|marche (?:du|ordinaire du) travail"
        r"|mercado laboral|monde du travail|employabilit",
    ),
    "T14": (
        r"femmes?\b|feminin|feminis|mujer(?:es)?\b|women|woman|mulher(?:es)?\b|emakume"
        r"|(?:perspective|egalite|approche|violences?) de genre|gender|genero\b"
        r"|egalite (?:femmes|entre les sexes)|agricultrices|enceintes?\b|embarazada",
        r"meres\b|madres\b|mothers|filles\b|girls\b",
    ),
    "T15": (
        r"mise en reseau|networking|reseau (?:national|international|global|mondial|etatique"
        r"|d'organisations|d'entreprises|de parlementaires|de collectivites|d'athenees|d'affaires)"
        r"|federation|confederation|mouvement (?:social|cooperatif|mutuel|coop)|movimiento"
        r"|social movements?|ripess|represente les interets|reseaux sectoriels",
        r"reseaux?\b|redes?\b|network|sarea|xarxa|plate-?formes?|plataforma|mouvements?"
        r"|coalition|alliance|alianza|inter-?cooperation|intercooperacion",
    ),
    "T16": (
        r"(?<!qui )recherches?\b(?! d'emploi)|investigacion|research|ikerket|chercheurs?"
        r"|investigadores?|researchers?"
        r"|technolog|tecnolog|numerique|digital|robotis|automatis|r\+d|i\+d"
        r"|makers?\b|intelligence artificielle",
        r"universit|innovation(?! sociale)|innovacion(?! social)|innovat(?!\w* soci)|etudes?\b"
        r"|analyse|diagnostic|incubat|laboratoires?|donnees",
    ),
    "T17": (
        r"autochtones?|indigenes?|indigenous|indigenas?|pueblos originarios|peuples? premiers"
        r"|first nations|quilombo|aborigen",
        "",
    ),
    "T18": (
        r"communication|comunicacion|medias?\b|journalis|periodis|radio|television|presse\b"
        r"|site web|sitio web|website|information alternative|informacion alternativa|divulgat",
        r"information|informacion|diffus|publication",
    ),
}

SDG_CUES: Final[Cues] = {
    "1": (
        r"pauvrete|pobreza|poverty|pobres?\b|pauvres?\b|txirotasun"
        r"|revenu (?:minimal|minimum|de base|citoyen)|renta (?:basica|minima)|basic income"
        r"|protection sociale|proteccion social|social protection",
        r"precarit|vulnerab|defavoris|micro-?financ|micro-?credit",
    ),
    "2": (
        r"faim\b|hambre|hunger|securite alimentaire|souverainete alimentaire|soberania alimentaria"
        r"|seguridad alimentaria|food security|food sovereignty|nutrition|nutricion|agricult"
        r"|agroecolog|paysan|campesin|agricol|maraich|legumes|huertos?\b|potager"
        r"|production ecologique d'aliments",
        r"aliment|food\b|nourri",
    ),
    "3": (
        r"sante|salud|health|osasun|saude|sanitaire|sanitari|vih\b|hiv\b|sida\b|maladie"
        r"|hopita|planification familiale|planning familial|contracept|vie plus saine"
        r"|aliments sains|infections?",
        r"soins|cuidados|care\b|sport|bien-etre|well-?being",
    ),
    "4": (
        r"education|educacion|educacao|hezkuntza|enseignement|formation professionnelle"
        r"|formacion profesional|vocational|etudiants?|estudiantes?|students?|ecoles?\b"
        r"|escuelas?|lifelong learning|scolarit|alphabetis"
        r"|itineraires? (?:de|integral) (?:de )?formation"
        r"|programmes? de formation|centres? de formation|recu une formation"
        r"|formations? pratiques?",
        r"formation|formacion|training|capacitacion|apprentissage|aprendizaje|competences"
        r"|sensibilis|universit|stages?\b",
    ),
    "5": (
        r"femmes?\b|mujer(?:es)?\b|women|woman|mulher(?:es)?\b|emakume|feminis|feminin"
        r"|(?:perspective|egalite|approche|violences?) de genre|gender|genero\b"
        r"|egalite (?:femmes|entre les sexes)|planification familiale|enceintes?\b",
        r"meres\b|madres\b|filles\b|girls\b",
    ),
    "6": (
        r"eau potable|eau salubre|agua potable|drinking water|clean water|assainissement"
        r"|saneamiento|sanitation|curage de caniveaux",
        r"eau\b|agua\b|water\b",
    ),
    "7": (
        r"energie|energia|energy|renouvelable|renovable|renewable|solaire|solar\b|eolien"
        r"|electricit",
        "",
    ),
    "8": (
        r"emplois?\b|empleos?\b|employment|jobs?\b|enplegu|travail decent|trabajo decente"
        r"|decent work|postes? de travail|chomage|chomeurs?|desemple|unemploy|paro\b"
        r"|employabilit|insertion (?:socio-)?professionnelle|inclusion (?:socio-)?professionnelle"
        r"|marche (?:du|ordinaire du) travail|mercado laboral|labour market|monde du travail"
        r"|croissance economique|crecimiento economico|economic growth|creation d'entreprises?"
        r"|creation d'activites|pme\b|pymes?\b|petites entreprises|micro-?entreprises?"
        r"|generation de revenus|auto-emploi|autoempleo|travail personnalise"
        r"|acces (?:au|aux|a des?|a la) (?:financement|credit|capital|micro-?financ)",
        r"travail|trabajo|work\b|entrepreneuriat|entreprenariat|emprendimiento|entrepreneurship"
        r"|revenus?\b|ingresos|financement|entreprises? (?:d'economie sociale|sociales|locales)",
    ),
    "9": (
        r"infrastructures?|industrialis|innovation technologique|r\+d|recherche et developpement"
        r"|makers?\b|laboratoires? ouverts",
        r"innovation(?! sociale)|innovacion(?! social)|innovat(?!\w* soci)|industri|technolog"
        r"|robotis|automatis|numerique|digital|incubat",
    ),
    "10": (
        r"inegalit|desigualdad|inequalit|migrant|migra|immigr|refugi|refugees?|handicap|disabilit"
        r"|discapacidad|discrimin|lgbt|exclusion|inclusion sociale|social inclusion"
        r"|inclusion social|personne en arriere|leave no one behind|vulnerab|defavoris"
        r"|desfavorecid|disadvantaged|plus egalitaire|plus juste|revenu (?:minimal|de base)",
        r"inclusi|insertion|egalit|equit",
    ),
    "11": (
        r"villes? (?:durables?|inclusives?|resilientes?)|ciudades? sostenibles?|sustainable cities"
        r"|urbain|urbano|urbana|urban\b|logements?\b|vivienda|housing|mobilite|movilidad"
        r"|mobility|espaces? publics?|espacios publicos|patrimoine culturel"
        r"|quartiers populaires|transformation urbaine|metropole",
        r"villes?\b|ciudad|city\b|cities|quartiers?\b|barrios?|municipal|local\b|territoires?\b"
        r"|amenagement du territoire",
    ),
    "12": (
        r"consommation (?:responsable|durable)|consumo (?:responsable|sostenible)"
        r"|responsible consumption|production (?:responsable|durable)"
        r"|produccion (?:responsable|sostenible)|economie circulaire|economia circular"
        r"|circular econom|recycl|reutilis|reemploi|reutiliz|reuse\b|reparation\b|repair"
        r"|dechets|residuos|waste|boucle fermee|cycle ferme|closed loop"
        r"|achats? (?:professionnels )?socialement responsables?|achats? responsables?"
        r"|commerce equitable|comercio justo|fair trade|gaspillage|consommateurs? responsables"
        r"|bilan social|reddition de comptes",
        r"consommat|consumo|consum|durable|sostenible",
    ),
    "13": (
        r"climat|climate|cambio climatico|emissions|carbone|carbon|co2\b|effet de serre",
        "",
    ),
    "14": (r"oceans?|oceanos?|mers?\b|marine|peche\b|pesca|fisher|littoral|aquatique", ""),
    "15": (
        r"biodiversit|forets?\b|bosques?|forests?|desertific|biosphere|especes\b"
        r"|espaces naturels|reserve naturelle|faune|flore",
        r"conservation",
    ),
    "16": (
        r"paix\b|paz\b|peace|bakea|conflit|conflicto|conflict|post-conflit|violence|violencia"
        r"|reconciliation|reconciliacion|combattants|etat de droit|estado de derecho"
        r"|rule of law|bonne gouvernance|buena gobernanza|good governance|corruption"
        r"|droits humains|droits de l'homme|derechos humanos|human rights"
        r"|participation (?:citoyenne|publique|des citoyens)"
        r"|institutions? (?:efficaces|responsables)"
        r"|gouvernance locale|etat de droit",
        r"gouvernance (?:publique|territoriale)|citoyennet|ciudadan"
        r"|democratie (?:participative|locale|pleinement)",
    ),
    "17": (
        r"partenariats?|partnerships?|alianzas?|alliances?|cooperation (?:sud-sud|internationale"
        r"|multilaterale)|sud-sud|south-south|public-prive|publico-privad|public-private"
        r"|public-social|multi-?acteurs|multi-?stakeholder|pluri-sectoriel|co-creation"
        r"|cocreacion|coalitions?",
        r"collaboration|colaboracion|cooperation|convention|synergie|partenaires",
    ),
}

GROUP_CUES: Final[Cues] = {
    "women": (
        r"femmes?\b|mujer(?:es)?\b|women|woman|mulher(?:es)?\b|emakume|agricultrices"
        r"|enceintes?\b|embarazada|girls\b|filles\b|ninas\b|meres\b|madres\b|mothers",
        r"feminin",
    ),
    "youth": (
        r"jeunes?\b|jeunesse|youth|young|jovenes|joven\b|juventud|gazte|jovem|jovens|etudiants?"
        r"|estudiantes?|students?|moins de (?:25|30|35) ans|menores de (?:25|30|35)"
        r"|millennials|adolescen",
        "",
    ),
    "disability": (
        r"handicap|disabilit|disabled|discapacidad|discapacitad|diversidad funcional|minusval"
        r"|ezintasun|esat\b|entreprises? adaptees?|centres? speciaux d'emploi"
        r"|centros? especiales? de empleo|emploi aide|empleo con apoyo|supported employment",
        r"deficien|invalid",
    ),
    "migrants": (
        r"migrant|migra|immigr|emigr|refugi|refugees?|asile\b|asilo\b|asylum|sans-papiers"
        r"|sans documentation|exode rural|exodo rural|desplazad|displaced",
        r"etrangers",
    ),
    "unemployed": (
        r"chomage|chomeurs?|desemplead|desempleo|unemploy|paro\b|sans emploi"
        r"|demandeurs d'emploi|insertion|insercion|exclusion|excluded|excluid"
        r"|echec professionnel|publics? en difficulte|sans-abri|sans domicile|homeless"
        r"|sin hogar|marginalis",
        r"defavoris|vulnerab",
    ),
    "farmers": (
        r"agriculteurs?|agricultrices?|paysan|campesin|farmers?|peasants?|nekazari"
        r"|petits? producteurs|pequenos productores|producteurs (?:agricoles|communautaires)"
        r"|agriculture familiale|agricultura familiar|eleveurs|pecheurs|pescadores",
        r"agricol|agricult|rural",
    ),
    "informal-workers": (
        r"secteur informel|economie informelle|travailleurs informels|informal (?:sector|econom"
        r"|workers)|sector informal|economia informal|trabajadores informales|de l'informel"
        r"|vendeurs? (?:de rue|ambulants)|vendedores ambulantes|street vendors|recicladores"
        r"|catadores|waste pickers",
        "",
    ),
    "elderly": (
        r"personnes? agees|aines\b|seniors?\b|silver econom|troisieme age|tercera edad|elderly"
        r"|older (?:people|persons)|personas mayores|adultos mayores|idosos|retraites"
        r"|vieillissement|envejecimiento|ageing|aging",
        r"dependance",
    ),
}

SECTOR_CUES: Final[Cues] = {
    "AM10": (
        r"artist|musique|musica|theatre|teatro|cinema|sports?\b|deporte|loisirs?|leisure"
        r"|tourism|turismo|economie creative|economia creativa|creative econom"
        r"|patrimoine culturel|experiences culturelles|activites culturelles|fashion",
        r"culture(?:l|ls|lle|lles)?\b|cultura|arts?\b|medias?\b|mode\b",
    ),
    "AM20": (
        r"plaidoyer|advocacy|incidencia politica|lobby|plaide\b|campagnes?\b|campanas?\b"
        r"|campaign|militan|activis|defense des interets|represente les interets|reclamations",
        r"sensibilis|revendiqu",
    ),
    "AM30": (
        r"espaces? (?:communautaires?|collectifs?|de coworking|partages?|d'echange)|tiers-lieux?"
        r"|coworking|centres? communautaires?|ateneus?|athenees?|maisons? de quartier"
        r"|espacios? comunitarios|community (?:centre|center|space)|huertos?\b"
        r"|jardins? communautaires?|espaces? publics? non utilises|recuperation d'espaces",
        r"espaces?\b|espacios?",
    ),
    "AM40": (
        r"formation|formacion|education|educacion|training|enseignement|ecoles?\b|escuelas?"
        r"|etudiants?|students?|apprentissage|capacitacion|stages? professionnels",
        r"universit|sensibilis|competences",
    ),
    "AM50": (r"energie|energia|energy|renouvelable|renovable|renewable|electricit|solaire", ""),
    "AM60": (
        r"alimentation|aliments?\b|food\b|restaurants?|restauration|cuisine|hotellerie"
        r"|traiteur|catering|nutrition|distribution alimentaire|legumes|elikadura",
        r"alimentaire",
    ),
    "AM70": (
        r"nettoyage|limpieza|cleaning|veilleurs de nuit|prestation de services"
        r"|biens et (?:des )?services|produits et (?:des )?services|commerces? de proximite",
        r"services?\b|servicios|commerces?\b|magasins?",
    ),
    "AM80": (
        r"sante|salud|health|soins|cuidados|social care|services sociaux|servicios sociales"
        r"|intervention sociale|intervencion social|aide a domicile|personnes agees"
        r"|planification familiale|contracept|bien-etre|well-?being|sanitaire",
        r"care\b|handicap|dependance",
    ),
    "AM90": (
        r"logements?\b|vivienda|housing|habitat\b|habitation|etxebizitz|moradia",
        "",
    ),
    "AM100": (
        r"micro-?financ|micro-?credit|credit|prets?\b|epargn|banques?(?! mondiale)|banca\b"
        r"|bank|monnaies?|moneda|currenc|investiss|investment|garanties? de prets?"
        r"|instruments? (?:financiers?|de garantie)|produits financiers|avals?\b"
        r"|assurance|seguro|insurance|fonds d'investissement|fiducie|financ(?:e|es)\b"
        r"|finanzas",
        r"financement|finance par|fonds\b|capital\b|mutuelle",
    ),
    "AM110": (
        r"biodiversit|espaces naturels|espaces verts|foret|bosque|biosphere"
        r"|reserve naturelle|paysage",
        r"conservation|nature\b|naturaleza|environnement",
    ),
    "AM120": (
        r"recycl|reutilis|reemploi|reutiliz|reuse|reparation\b|reparacion|repair|dechets"
        r"|residuos|waste|economie circulaire|economia circular|circular econom"
        r"|seconde main|segunda mano|second-hand|d'occasion",
        "",
    ),
    "AM130": (
        r"agricult|agricol|agroecolog|paysan|campesin|farm|maraich|legumes|elevage|ganader"
        r"|nekazaritza|huertos?\b|potager|production ecologique d'aliments",
        "",
    ),
    "AM140": (
        r"industri|manufactur|usines?|fabrication|metal\b|metall|menuiserie|textile"
        r"|confection|batiments? et travaux publics|construction|btp\b|second oeuvre"
        r"|climatisation",
        r"bois\b|madera|mode\b",
    ),
    "AM150": (
        r"eau potable|assainissement|saneamiento|sanitation|gestion (?:des|de) dechets"
        r"|electricite|eclairage|curage",
        "",
    ),
    "AM160": (r"transports?\b|mobilite|movilidad|mobility|logistique|logistica", ""),
}
