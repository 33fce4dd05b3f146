"""Continents and UN M49 sub-regions of countries, for facets and maps.

The table follows the UN Statistics Division's M49 standard: the finest grouping it names, so the
intermediate regions of Sub-Saharan Africa and of Latin America and the Caribbean ("Western
Africa", "South America", "Caribbean") rather than their parents. Taiwan, which M49 does not
list, sits in Eastern Asia; Antarctica belongs to no region. Kosovo's user-assigned ``XK`` is
placed with Serbia's sub-region.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# sub-region: (continent, ISO 3166-1 alpha-2 codes of its countries and territories)
_SUBREGIONS: Final[dict[str, tuple[str, str]]] = {
    "Northern Africa": ("Africa", "DZ EG EH LY MA SD TN"),
    "Eastern Africa": (
        "Africa",
        "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW",
    ),
    "Middle Africa": ("Africa", "AO CD CF CG CM GA GQ ST TD"),
    "Southern Africa": ("Africa", "BW LS NA SZ ZA"),
    "Western Africa": ("Africa", "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG"),
    "Caribbean": (
        "Americas",
        "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    ),
    "Central America": ("Americas", "BZ CR GT HN MX NI PA SV"),
    "South America": ("Americas", "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE"),
    "Northern America": ("Americas", "BM CA GL PM US"),
    "Central Asia": ("Asia", "KG KZ TJ TM UZ"),
    "Eastern Asia": ("Asia", "CN HK JP KP KR MN MO TW"),
    "South-eastern Asia": ("Asia", "BN ID KH LA MM MY PH SG TH TL VN"),
    "Southern Asia": ("Asia", "AF BD BT IN IR LK MV NP PK"),
    "Western Asia": ("Asia", "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE"),
    "Eastern Europe": ("Europe", "BG BY CZ HU MD PL RO RU SK UA"),
    "Northern Europe": ("Europe", "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ"),
    "Southern Europe": ("Europe", "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA XK"),
    "Western Europe": ("Europe", "AT BE CH DE FR LI LU MC NL"),
    "Australia and New Zealand": ("Oceania", "AU CC CX HM NF NZ"),
    "Melanesia": ("Oceania", "FJ NC PG SB VU"),
    "Micronesia": ("Oceania", "FM GU KI MH MP NR PW UM"),
    "Polynesia": ("Oceania", "AS CK NU PF PN TK TO TV WF WS"),
}

CONTINENTS: Final = ("Africa", "Americas", "Asia", "Europe", "Oceania")
UN_REGIONS: Final = tuple(_SUBREGIONS)

_BY_COUNTRY: Final = MappingProxyType(
    {
        code: (continent_name, subregion)
        for subregion, (continent_name, codes) in _SUBREGIONS.items()
        for code in codes.split()
    }
)


def _lookup(country_code: str | None) -> tuple[str, str] | None:
    if not country_code:
        return None
    return _BY_COUNTRY.get(country_code.strip().upper())


def continent(country_code: str | None) -> str | None:
    """The continent (Africa, Americas, Asia, Europe, Oceania) of an ISO alpha-2 country code."""
    found = _lookup(country_code)
    return found[0] if found else None


def un_region(country_code: str | None) -> str | None:
    """The UN M49 sub-region ("Western Africa", "South America", ...) of a country code."""
    found = _lookup(country_code)
    return found[1] if found else None
