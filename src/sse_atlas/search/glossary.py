# ruff: noqa: E501
"""A small multilingual lexicon of the social and solidarity economy, to bring queries to French.

Catalogues are written in one language and their readers ask in others; the embedding model
bridges most of the gap but knows no Basque and little Catalan, and lexical search sees only
shared words. Each row names one notion: the French words a catalogue would use, then how
English, Spanish, Portuguese, Catalan and Basque speakers say it. A query word or phrase found
in a row adds the French words to the query (with a lower weight than the user's own words).
Basque entries are bare stems, matched as prefixes, since Basque inflects by suffix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from sse_atlas.search.text import STOPWORDS, fold, stem, words

LANGUAGES = ("fr", "en", "es", "pt", "ca", "eu")

# fr | en | es | pt | ca | eu ; alternatives separated by commas, phrases allowed.
_ROWS = """
economie | economy, economic, economics | economia, economico | economia, economico | economia, economic | ekonomia
economie sociale | social economy | economia social | economia social | economia social | gizarte ekonomia, ekonomia soziala
economie solidaire | solidarity economy | economia solidaria | economia solidaria | economia solidaria | ekonomia solidarioa, ekonomia solidario
social sociale | social, societal | social, sociales | social, sociais | social, socials | sozial, gizarte
solidaire solidarite | solidarity, solidary | solidaridad, solidario, solidaria | solidariedade, solidario, solidaria | solidaritat, solidari, solidaria | elkartasun, solidario
cooperative | cooperative, co-op, coop, cooperatives | cooperativa, cooperativas, cooperativo | cooperativa, cooperativas, cooperativo | cooperativa, cooperatives, cooperatiu | kooperatib
cooperativisme | cooperativism, cooperative movement | cooperativismo | cooperativismo | cooperativisme | kooperatibismo
intercooperation cooperation | cooperation, collaboration | cooperacion, colaboracion | cooperacao, colaboracao | cooperacio, col·laboracio, collaboracio | lankidetza, elkarlan
mutuelle mutualisme | mutual, mutualism, mutual aid | mutual, mutualismo, ayuda mutua | mutua, mutualismo, ajuda mutua | mutualitat, mutualisme, ajuda mutua | elkarrekiko, elkarren laguntza
association | association, nonprofit, non-profit, charity | asociacion, ong | associacao, ong | associacio, entitat | elkarte
fondation | foundation | fundacion | fundacao | fundacio | fundazio
syndicats | trade union, union, unions | sindicato | sindicato | sindicat | sindikatu
reseau | network, networks | red, redes | rede, redes | xarxa | sare
entreprise | company, enterprise, business, firm | empresa | empresa | empresa | enpresa
entreprise sociale | social enterprise, social business | empresa social | empresa social | empresa social | gizarte enpresa
entrepreneuriat entreprenariat entreprendre | entrepreneurship, entrepreneur, entrepreneurs, start-up, startup | emprendimiento, emprendedor, emprendedora, emprendedores, emprender | empreendedorismo, empreendedor, empreender | emprenedoria, emprenedor, emprenedors, emprenedores, emprendre | ekintzailetza, ekintzaile, ekintzailego
innovation | innovation, innovative | innovacion, innovador | inovacao, inovador | innovacio, innovador | berrikuntza, berrikuntz
innovation sociale | social innovation | innovacion social | inovacao social | innovacio social | gizarte berrikuntza
femmes | women, woman, female, feminine | mujer, mujeres, femenino | mulher, mulheres, feminino | dona, dones, femeni | emakume
feministe | feminist, feminism | feminista, feminismo | feminista, feminismo | feminista, feminisme | feminista, feminismo
hommes | men | hombres | homens | homes | gizon
jeunes jeunesse | youth, young, young people, youngsters | jovenes, joven, juventud | jovens, jovem, juventude | joves, jove, joventut | gazte
enfants | children, child, kids | ninos, ninas, infancia | criancas, infancia | infants, nens | haur
etudiants universite | student, students, university, universities | estudiantes, universidad | estudantes, universidade | estudiants, universitat | ikasle, unibertsitate
personnes agees | elderly, older people, seniors, ageing, aging | mayores, personas mayores, tercera edad | idosos, terceira idade | gent gran, persones grans | adineko, zahar
familles | family, families, household | familia, familias | familia, familias | familia, families | familia
personnes | people, persons | personas, gente | pessoas | persones, gent | pertsona, jende
handicap handicapees | disability, disabilities, disabled, handicapped, impairment | discapacidad, discapacitados, minusvalia, diversidad funcional | deficiencia, deficientes, incapacidade | discapacitat, discapacitats, diversitat funcional | desgaitasun, ezgaitasun, ezintasun, urritasun, elbarri
handicap intellectuel | intellectual disability, learning disability | discapacidad intelectual | deficiencia intelectual | discapacitat intel·lectual | adimen desgaitasun
emploi travail | employment, jobs, job, work, labour, labor | empleo, trabajo, laboral, ocupacion | emprego, trabalho, laboral | ocupacio, treball, feina, laboral | enplegu, lan, lanpostu
chomage chomeurs | unemployment, unemployed, jobless | desempleo, paro, parados, desempleados | desemprego, desempregados | atur, aturats | langabezi, langabe
travailleurs | workers, worker, employees, staff | trabajadores, trabajador | trabalhadores, trabalhador | treballadors, treballador | langile
travail decent | decent work | trabajo decente | trabalho decente | treball digne, treball decent | lan duin
futur du travail | future of work | futuro del trabajo | futuro do trabalho | futur del treball | lanaren etorkizun
insertion | integration, work integration, labour insertion, reintegration, insertion | insercion, insercion laboral, reinsercion, integracion | insercao, reinsercao, integracao | insercio, insercio sociolaboral, reinsercio | gizarteratze, laneratze, txertatze
inclusion | inclusion, inclusive, social inclusion | inclusion, inclusivo, inclusiva | inclusao, inclusivo | inclusio, inclusiu | inklusio, barneratze, gizarteratze
exclusion | exclusion, excluded, marginalised, marginalized | exclusion, excluidos, marginacion | exclusao, excluidos | exclusio, exclosos | bazterkeri, baztertu
vulnerables | vulnerable, disadvantaged, underprivileged | vulnerables, vulnerabilidad, desfavorecidos | vulneraveis, desfavorecidos | vulnerables, desafavorits | zaurgarri, kalteberatu
pauvrete | poverty, poor | pobreza, pobres | pobreza, pobres | pobresa, pobres | pobrezi, pobre
formation | training, vocational training, apprenticeship, internship | formacion, capacitacion, formacion profesional | formacao, capacitacao | formacio, formacio professional | prestakuntza, lanbide heziketa, trebakuntza
education | education, school, schools | educacion, escuela | educacao, escola | educacio, escola | hezkuntza, eskola
sante | health, healthcare | salud, sanidad | saude | salut | osasun
soins | care, caring, caregiving, social care | cuidados, cuidado, atencion | cuidados, cuidado | cures, atencio | zaintza, zainketa
logement | housing, home, homes | vivienda, viviendas | habitacao, moradia | habitatge | etxebizitza
alimentation alimentaire aliments | food, nutrition, diet | alimentacion, alimentos, alimentaria, comida | alimentacao, alimentos, alimentar, comida | alimentacio, aliments, alimentaria | elikadura, janari, elikagai
souverainete alimentaire | food sovereignty | soberania alimentaria | soberania alimentar | sobirania alimentaria | elikadura burujabetza, elikadura subiranotasun
securite alimentaire | food security | seguridad alimentaria | seguranca alimentar | seguretat alimentaria | elikadura segurtasun
agriculture agricoles agriculteurs | agriculture, farming, farmers, farm, agricultural | agricultura, agricola, campesinos, agricultores | agricultura, agricola, camponeses, agricultores | agricultura, agricola, pagesos | nekazaritza, nekazari, baserri
paysanne | peasant | campesina, campesino | camponesa, camponesa | pagesa | nekazari
legumes | vegetables | verduras, hortalizas | legumes, hortalicas | verdures, hortalisses | barazki
jardin potager | garden, community garden, urban garden, allotment | huerto, huerto urbano, jardin | horta, horta urbana, jardim | hort, hort urba, jardi | baratze
marche | market, markets, marketplace | mercado, mercados | mercado, mercados | mercat, mercats | merkatu
marches publics achat public | public procurement, procurement, public purchasing, tender, tenders | compra publica, contratacion publica, licitacion | compras publicas, contratacao publica, licitacao | compra publica, contractacio publica | erosketa publiko, kontratazio publiko
clauses sociales | social clauses, social clause | clausulas sociales | clausulas sociais | clausules socials | gizarte klausula
achats | purchasing, purchases, buyers | compras, compradores | compras, compradores | compres, compradors | erosketa
commerce equitable | fair trade, fairtrade | comercio justo | comercio justo | comerc just | bidezko merkataritza
commerce | trade, commerce, shop, shops, retail | comercio, tiendas, tienda | comercio, lojas | comerc, botigues | merkataritza, denda
consommation responsable | responsible consumption, ethical consumption | consumo responsable | consumo responsavel | consum responsable | kontsumo arduratsu
consommation consommateurs | consumption, consumers, consumer | consumo, consumidores | consumo, consumidores | consum, consumidors | kontsumo, kontsumitzaile
monnaie | currency, money, coin | moneda, dinero | moeda, dinheiro | moneda, diner | moneta, txanpon, diru
monnaie sociale | social currency, community currency, local currency, complementary currency | moneda social, moneda local, moneda complementaria | moeda social, moeda local, moeda complementar | moneda social, moneda local | moneta sozial, gizarte moneta, tokiko moneta
carte de debit | debit card, payment card, card | tarjeta de debito, tarjeta | cartao de debito, cartao | targeta de debit, targeta | zordunketa txartel, txartel
revenu de base | basic income, universal income, citizen income | renta basica, ingreso basico | renda basica, renda cidada | renda basica | oinarrizko errenta
revenu revenus | income, revenue, wages, salary | ingresos, renta, salario | renda, rendimento, salario | ingressos, renda, salari | errenta, diru sarrera, soldata
finances financement | finance, financing, funding, financial | finanzas, financiacion, financiamiento, financiero | financas, financiamento, financeiro | finances, financament, financer | finantza, finantzaketa
finances ethiques | ethical finance, ethical banking, ethical bank | finanzas eticas, banca etica | financas eticas, banco etico | finances etiques, banca etica | finantza etiko, banka etiko
finances solidaires | solidarity finance | finanzas solidarias | financas solidarias | finances solidaries | finantza solidario
banque | bank, banking, banks | banco, banca | banco, bancos | banc, banca | banku, kutxa
credit pret prets | credit, loan, loans, lending, microcredit | credito, prestamo, prestamos, microcredito | credito, emprestimo, microcredito | credit, prestec, microcredit | kreditu, mailegu
microfinance | microfinance | microfinanzas | microfinancas | microfinances | mikrofinantza
epargne | savings, saving, thrift | ahorro, ahorros | poupanca | estalvi | aurrezki
epargne collective mutuelle tontine | savings circle, savings circles, savings group, savings groups, rotating savings, tontine | grupos de ahorro, ahorro comunitario, tanda, tontina | grupos de poupanca, poupanca comunitaria, tontina | grups d'estalvi, estalvi comunitari | aurrezki talde
investissement investisseurs | investment, investing, investors, invest | inversion, inversores | investimento, investidores | inversio, inversors | inbertsio, inbertitzaile
fonds | fund, funds | fondo, fondos | fundo, fundos | fons | funts
garantie aval | guarantee, guarantees, guaranty, collateral | garantia, garantias, aval, avales | garantia, garantias, aval | garantia, aval | berme, abal
subventions | grants, subsidies, subsidy | subvenciones, ayudas | subsidios, subvencoes | subvencions, ajuts | diru laguntza
paix | peace, peacebuilding, peace building, peace process | paz, construccion de paz | paz | pau | bake
conflit guerre | conflict, war, post-conflict | conflicto, guerra, posconflicto | conflito, guerra | conflicte, guerra | gatazka, gerra
anciens combattants reincorporation | ex-combatants, former combatants, guerrilla, guerrillas, demobilised | excombatientes, guerrilleros, guerrilla, reincorporacion | ex-combatentes, guerrilheiros | excombatents, guerrillers | borrokalari ohi, gerrillari
refugies | refugees, refugee, asylum seekers | refugiados, refugiado | refugiados, refugiado | refugiats, refugiat | errefuxiatu, iheslari
migrants immigration | migrants, migration, immigrants, immigration, migrant | migrantes, inmigrantes, migracion, inmigracion | migrantes, imigrantes, migracao, imigracao | migrants, immigrants, migracio, immigracio | etorkin, migratzaile, immigrazio, migrazio
economie circulaire | circular economy | economia circular | economia circular | economia circular | ekonomia zirkular
recyclage recycler | recycling, recycle | reciclaje, reciclar | reciclagem, reciclar | reciclatge, reciclar | birziklapen, birziklatze
reutilisation reparation | reuse, repair, second hand, second-hand | reutilizacion, reparacion, segunda mano | reutilizacao, reparacao, segunda mao | reutilitzacio, reparacio, segona ma | berrerabil, konponketa, bigarren esku
dechets | waste, garbage, rubbish, trash | residuos, basura, desechos | residuos, lixo | residus, deixalles | hondakin, zabor
environnement environnementale ecologique | environment, environmental, ecological, green | medio ambiente, ambiental, ecologico | meio ambiente, ambiental, ecologico | medi ambient, ambiental, ecologic | ingurumen, ekologiko
climat | climate, climate change | clima, cambio climatico | clima, mudanca climatica | clima, canvi climatic | klima
energie renouvelable | renewable energy, renewables, clean energy, green energy | energia renovable, energias renovables | energia renovavel, energias renovaveis | energia renovable, energies renovables | energia berriztagarri
energie | energy, electricity, power | energia, electricidad | energia, eletricidade | energia, electricitat | energia, elektrizitate
durable developpement durable | sustainable, sustainability, sustainable development | sostenible, sostenibilidad, desarrollo sostenible | sustentavel, sustentabilidade, desenvolvimento sustentavel | sostenible, sostenibilitat, desenvolupament sostenible | iraunkor, jasangarri, garapen iraunkor
objectifs de developpement durable ods | sustainable development goals, sdg, sdgs, agenda 2030 | objetivos de desarrollo sostenible, ods, agenda 2030 | objetivos de desenvolvimento sustentavel, ods | objectius de desenvolupament sostenible, ods | garapen iraunkorreko helburu, gih
biodiversite | biodiversity, biosphere, nature | biodiversidad, biosfera, naturaleza | biodiversidade, biosfera | biodiversitat, biosfera | biodibertsitate, natura
developpement | development | desarrollo | desenvolvimento | desenvolupament | garapen
developpement local | local development | desarrollo local | desenvolvimento local | desenvolupament local | tokiko garapen
local | local, locally | local | local | local | tokiko, toki
territoire territorial | territory, territorial, region, regional | territorio, territorial, region | territorio, territorial, regiao | territori, territorial, regio | lurralde, eskualde
rural | rural, countryside, village, villages | rural, campo, pueblos | rural, campo, aldeias | rural, camp, pobles | landa, landa eremu, herri txiki
exode rural | rural exodus, rural migration | exodo rural | exodo rural | exode rural | landa exodo
ville urbain | city, cities, urban, town | ciudad, ciudades, urbano | cidade, cidades, urbano | ciutat, ciutats, urba | hiri
mairie municipalite | city council, city hall, municipality, municipal, local government, mayor | ayuntamiento, municipio, municipal, alcaldia | prefeitura, camara municipal, municipio, municipal | ajuntament, municipi, municipal | udal, udaletxe
gouvernements locaux collectivites | local governments, local authorities, local authority | gobiernos locales, administraciones locales | governos locais, autarquias | governs locals, administracions locals | toki gobernu, tokiko erakunde
gouvernement | government, state, public authorities | gobierno, estado | governo, estado | govern, estat | gobernu, estatu
politiques publiques | public policy, public policies, policy, policies | politicas publicas, politica publica | politicas publicas, politica publica | politiques publiques, politica publica | politika publiko
loi | law, legislation, legal framework | ley, legislacion, marco legal | lei, legislacao | llei, legislacio | lege, legedi
parlementaires | parliament, parliamentarians, mps | parlamento, parlamentarios, diputados | parlamento, parlamentares | parlament, parlamentaris | legebiltzar, parlamentari
gouvernance | governance, corporate governance | gobernanza, gobernabilidad | governanca | governanca | gobernantza, gobernamendu
participation participative | participation, participatory, participative, engagement | participacion, participativo, participativa | participacao, participativo | participacio, participatiu | partaidetza, parte hartze
democratie democratique | democracy, democratic | democracia, democratico | democracia, democratico | democracia, democratic | demokrazia, demokratiko
autogestion | self-management, self-managed, worker control | autogestion | autogestao | autogestio | autokudeaketa
evaluation | evaluation, assessment, appraisal | evaluacion | avaliacao | avaluacio | ebaluazio
mesure impact | impact measurement, measuring impact, measure impact, social impact | medicion de impacto, medir el impacto, impacto social | medicao de impacto, medir o impacto, impacto social | mesura d'impacte, mesurar l'impacte, impacte social | inpaktu neurketa, eragin neurketa, gizarte eragin
mesure | measure, measurement, measuring, metrics, indicators | medir, medicion, indicadores | medir, medicao, indicadores | mesurar, mesura, indicadors | neurtu, neurketa, adierazle
impact | impact, effects | impacto, efecto | impacto, efeito | impacte, efecte | inpaktu, eragin
audit social bilan social | social audit, social balance, social accounting, social report | auditoria social, balance social, contabilidad social | auditoria social, balanco social | auditoria social, balanc social | gizarte auditoria, gizarte balantze
comptabilite | accounting, accounts | contabilidad | contabilidade | comptabilitat | kontabilitate
valeur sociale | social value, social return | valor social, retorno social | valor social, retorno social | valor social, retorn social | gizarte balio
responsabilite sociale | social responsibility, csr, corporate social responsibility | responsabilidad social, rse | responsabilidade social | responsabilitat social | gizarte erantzukizun
technologie numerique | technology, digital, tech, online | tecnologia, digital | tecnologia, digital | tecnologia, digital | teknologia, digital
plateformes | platform, platforms, platform cooperative, platform cooperatives | plataforma, plataformas | plataforma, plataformas | plataforma, plataformes | plataforma
communs | commons, common goods | bienes comunes, procomun | bens comuns, comuns | bens comuns, procomu | ondasun komun
robotisation automatisation | robots, robot, robotics, automation, automated | robotizacion, robots, automatizacion | robotizacao, robos, automacao | robotitzacio, robots, automatitzacio | robotizazio, robot, automatizazio
economie collaborative | sharing economy, collaborative economy, gig economy | economia colaborativa | economia colaborativa | economia col·laborativa, economia collaborativa | ekonomia kolaboratibo
ecosysteme | ecosystem, ecosystems | ecosistema | ecossistema | ecosistema | ekosistema
incubation incubateur | incubator, incubation, accelerator | incubadora, incubacion | incubadora, incubacao | incubadora, incubacio | inkubagailu
laboratoire | lab, laboratory, living lab | laboratorio | laboratorio | laboratori | laborategi
accompagnement | support, coaching, mentoring, guidance | acompanamiento, apoyo, asesoramiento | acompanhamento, apoio | acompanyament, suport | laguntza, aholkularitza
capacites autonomisation | empowerment, capacity building, skills | empoderamiento, capacidades, habilidades | empoderamento, capacidades | apoderament, capacitats | ahalduntze, gaitasun
communaute communautaire | community, communities, community-based | comunidad, comunitario, comunitaria | comunidade, comunitario | comunitat, comunitari | komunitate, auzolan
quartiers | neighbourhood, neighborhood, district, districts | barrio, barrios | bairro, bairros | barri, barris | auzo
citoyens citoyennete | citizens, citizen, citizenship, civic | ciudadanos, ciudadania | cidadaos, cidadania | ciutadans, ciutadania | herritar, hiritar
societe civile | civil society, ngo, ngos | sociedad civil | sociedade civil | societat civil | gizarte zibil
protection sociale | social protection, social security, welfare | proteccion social, seguridad social | protecao social, seguranca social | proteccio social, seguretat social | gizarte babes
services sociaux | social services | servicios sociales | servicos sociais | serveis socials | gizarte zerbitzu
benevoles | volunteers, volunteering, voluntary | voluntarios, voluntariado | voluntarios, voluntariado | voluntaris, voluntariat | boluntario
cooperation internationale | international cooperation, development aid | cooperacion internacional | cooperacao internacional | cooperacio internacional | nazioarteko lankidetza
alliance partenariat | partnership, alliance, alliances, partners | alianza, alianzas, asociacion | parceria, alianca | alianca, aliances, partenariat | aliantza, partzuergo
public prive | public-private, public private partnership | publico privado, colaboracion publico privada | publico privado, parceria publico privada | public privat | publiko pribatu
athenees cooperatifs | ateneus cooperatius, cooperative athenaeums | ateneos cooperativos | ateneus cooperativos | ateneus cooperatius | ateneu kooperatibo
tourisme | tourism | turismo | turismo | turisme | turismo
culture culturelles | culture, cultural, arts | cultura, cultural | cultura, cultural | cultura, cultural | kultura
sport | sport, sports | deporte | esporte, desporto | esport | kirol
mode textile | fashion, textile, clothing | moda, textil, ropa | moda, textil, roupa | moda, textil, roba | moda, ehungintza, arropa
hotellerie restaurants | hospitality, restaurant, restaurants, hotel | hosteleria, restaurantes | hotelaria, restaurantes | hostaleria, restaurants | ostalaritza, jatetxe
entreprises d'insertion | work integration social enterprise, wise, integration enterprises | empresas de insercion | empresas de insercao | empreses d'insercio | gizarteratze enpresa
centres speciaux d'emploi emploi aide | sheltered employment, supported employment, sheltered workshop | centros especiales de empleo, empleo con apoyo | emprego apoiado | centres especials de treball, treball amb suport | enplegu zentro berezi, enplegu babestu
europe europeenne | europe, european, european union, eu | europa, europeo, union europea | europa, europeu, uniao europeia | europa, europeu, unio europea | europa, europar
afrique | africa, african | africa, africano | africa, africano | africa, africa | afrika
amerique latine | latin america | america latina, latinoamerica | america latina | america llatina | latinoamerika, hego amerika
asie | asia, asian | asia, asiatico | asia, asiatico | asia, asiatic | asia
pays basque euskadi | basque country, basque, euskadi | pais vasco, euskadi, vasco | pais basco, basco | pais basc, basc | euskadi, euskal herri, euskal
catalogne | catalonia, catalan | cataluna, catalan | catalunha | catalunya, catala | katalunia
espagne | spain, spanish | espana, espanol | espanha | espanya | espainia
coree | korea, korean, south korea | corea, coreano | coreia | corea | korea
bresil | brazil, brazilian | brasil, brasileno | brasil, brasileiro | brasil | brasil
colombie | colombia, colombian | colombia | colombia | colombia | kolonbia
mexique | mexico, mexican | mexico, mexicano | mexico | mexic | mexiko
japon | japan, japanese | japon | japao | japo | japonia
inde | india, indian | india | india | india | india
etats unis | united states, usa, us, american | estados unidos | estados unidos | estats units | estatu batu
royaume uni | united kingdom, uk, britain, england | reino unido, inglaterra | reino unido | regne unit | erresuma batu
""".strip()


@dataclass(frozen=True)
class Expansion:
    """French words a span of the query stands for."""

    start: int  # index of the first query word covered
    end: int  # one past the last
    language: str
    french: tuple[str, ...]


def _normal(word: str) -> str:
    return fold(word).replace("·", "").replace("-", " ")


def _match_key(word: str, language: str) -> str:
    """How a glossary word and a query word are compared: by stem, Basque by its bare form."""
    if language == "eu":
        base = word[:-1] if word.endswith("a") and len(word) > 4 else word
        return base
    return stem(word, language)


@dataclass(frozen=True)
class _Entry:
    language: str
    keys: tuple[str, ...]
    french: tuple[str, ...]


class Glossary:
    """The lexicon, indexed by language and first word for phrase look-up."""

    def __init__(self, rows: str = _ROWS) -> None:
        self._rows = rows

    @cached_property
    def _entries(self) -> dict[tuple[str, str], list[_Entry]]:
        index: dict[tuple[str, str], list[_Entry]] = {}
        for line in self._rows.splitlines():
            cells = [cell.strip() for cell in line.split("|")]
            french = tuple(w for w in words(cells[0]) if w not in STOPWORDS["fr"])
            for language, cell in zip(LANGUAGES, cells, strict=True):
                for phrase in cell.split(","):
                    parts = [w for w in words(_normal(phrase)) if w not in STOPWORDS[language]]
                    if not parts:
                        continue
                    keys = tuple(_match_key(w, language) for w in parts)
                    entry = _Entry(language, keys, french)
                    index.setdefault((language, keys[0]), []).append(entry)
        for entries in index.values():
            entries.sort(key=lambda e: -len(e.keys))  # longest phrase first
        return index

    @cached_property
    def vocabulary(self) -> dict[str, frozenset[str]]:
        """Per language, the folded words of its column (for language detection)."""
        found: dict[str, set[str]] = {language: set() for language in LANGUAGES}
        for line in self._rows.splitlines():
            for language, cell in zip(LANGUAGES, line.split("|"), strict=True):
                found[language].update(words(_normal(cell)))
        return {language: frozenset(ws) for language, ws in found.items()}

    def _lookup(self, language: str, key: str) -> list[_Entry]:
        found = self._entries.get((language, key), [])
        if language == "eu" and not found:
            # Basque suffixes: try the longest known bare form the word starts with.
            for cut in range(len(key) - 1, 3, -1):
                if len(key) - cut > 7:
                    break
                found = self._entries.get((language, key[:cut]), [])
                if found:
                    break
        return found

    def expand(self, query_words: Sequence[str], languages: Sequence[str]) -> list[Expansion]:
        """Phrases of ``query_words`` (folded) found in the lexicon, longest first, per language.

        Stop words of each language are skipped, as they were when the lexicon was read; the
        spans returned index ``query_words``.
        """
        expansions: list[Expansion] = []
        for language in languages:
            kept = [i for i, w in enumerate(query_words) if w not in STOPWORDS[language]]
            keys = [_match_key(query_words[i], language) for i in kept]
            position = 0
            while position < len(keys):
                matched = 0
                for entry in self._lookup(language, keys[position]):
                    span = len(entry.keys)
                    window = keys[position : position + span]
                    if len(window) == span and all(
                        _same(k, e, language) for k, e in zip(window, entry.keys, strict=True)
                    ):
                        start, end = kept[position], kept[position + span - 1] + 1
                        expansions.append(Expansion(start, end, language, entry.french))
                        matched = span
                        break
                position += max(matched, 1)
        return expansions


def _same(query_key: str, entry_key: str, language: str) -> bool:
    if query_key == entry_key:
        return True
    if language == "eu":
        return query_key.startswith(entry_key) and len(query_key) - len(entry_key) <= 7
    return False


GLOSSARY = Glossary()
