"""Wikidata-shaped test items with confusable candidates. The IDs of the people, facilities,
organisations, governments, events and publishers are invented for the tests (Q9000000 and up); only
the ones the product pins and the class IDs the ontology maps to are real, and even their claims here are
invented (a class hierarchy just deep enough for the tests).

Every class the linker searches has a right item and a confusable: a city and its government (Moscow,
the Government of Moscow, the Government of the Russian Federation), an organisation and its event (the
World Economic Forum and its annual meeting, the "Davos Forum"; the Arab League and its summit), armed
groups with similar names (two "Army of Islam", the Islamic State and the Islamic State of Iraq, the SDF
and the Syrian Democratic Council), a port and its city (the port of Tartus, Tartus), a company and its
foreign namesake, an embassy and a school named after it, a sea and a film."""

ITEMS = {
    # classes
    "Q5": {"label": "human"},
    "Q6256": {"label": "country"},
    "Q3624078": {"label": "sovereign state", "claims": {"P279": ["Q6256"]}},
    "Q515": {"label": "city"},
    "Q5119": {"label": "capital", "claims": {"P279": ["Q515"]}},
    "Q532": {"label": "village", "claims": {"P279": ["Q9000900"]}},
    "Q9000900": {"label": "human settlement"},
    "Q245016": {"label": "military base"},
    "Q695850": {"label": "airbase", "claims": {"P279": ["Q245016"]}},
    "Q1324633": {"label": "naval base", "claims": {"P279": ["Q245016"]}},
    "Q11032": {"label": "newspaper"},
    "Q192350": {"label": "ministry"},
    "Q9000901": {"label": "governorate of Syria"},
    "Q9000902": {"label": "monitoring group", "claims": {"P279": ["Q43229"]}},
    "Q43229": {"label": "organization"},
    "Q7188": {"label": "government", "claims": {"P279": ["Q43229"]}},
    "Q484652": {"label": "international organization", "claims": {"P279": ["Q43229"]}},
    "Q4830453": {"label": "business", "claims": {"P279": ["Q43229"]}},
    "Q783794": {"label": "company", "claims": {"P279": ["Q4830453"]}},
    "Q17149090": {"label": "armed organization", "claims": {"P279": ["Q43229"]}},
    "Q44782": {"label": "port"},
    "Q165": {"label": "sea"},
    "Q625994": {"label": "convention"},
    "Q9000903": {"label": "annual meeting", "claims": {"P279": ["Q625994"]}},
    "Q9000904": {"label": "city government", "claims": {"P279": ["Q7188"]}},
    "Q9000905": {"label": "jihadist group", "claims": {"P279": ["Q17149090"]}},
    "Q9000906": {"label": "regional organization", "claims": {"P279": ["Q484652"]}},
    "Q9000907": {"label": "foundation", "claims": {"P279": ["Q43229"]}},
    "Q9000908": {"label": "summit meeting", "claims": {"P279": ["Q625994"]}},
    "Q9000910": {"label": "embassy", "claims": {"P279": ["Q9000911"]}},
    "Q9000911": {"label": "diplomatic mission", "claims": {"P279": ["Q43229"]}},
    "Q9000912": {"label": "film"},
    "Q9000914": {"label": "political organization", "claims": {"P279": ["Q43229"]}},
    "Q9000915": {"label": "school building"},
    # places (the real, pinned IDs)
    "Q159": {
        "label": "Russia",
        "aliases": ["Russian Federation"],
        "claims": {"P31": ["Q3624078"], "P625": [(60.0, 90.0)]},
    },
    "Q858": {
        "label": "Syria",
        "aliases": ["Syrian Arab Republic"],
        "claims": {"P31": ["Q3624078"], "P625": [(35.0, 38.0)]},
    },
    "Q3766": {
        "label": "Damascus",
        "description": "capital city of Syria",
        "claims": {"P31": ["Q5119"], "P17": ["Q858"], "P625": [(33.513, 36.292)]},
    },
    "Q174916": {
        "label": "Tartus",
        "description": "city in Syria",
        "claims": {"P31": ["Q515"], "P17": ["Q858"], "P625": [(34.889, 35.887)]},
    },
    "Q4918": {"label": "Mediterranean Sea", "claims": {"P31": ["Q165"], "P625": [(35.0, 18.0)]}},
    "Q37470": {"label": "United Nations Security Council"},
    # confusable places
    "Q9000060": {
        "label": "Tartus Governorate",
        "aliases": ["Tartus"],
        "description": "governorate of Syria",
        "claims": {"P31": ["Q9000901"], "P17": ["Q858"]},
    },
    "Q9000050": {
        "label": "Khmeimim Air Base",
        "aliases": ["Hmeimim Air Base", "Hmeimim airbase"],
        "description": "Russian air base in Syria",
        "claims": {"P31": ["Q695850"], "P17": ["Q858"], "P137": ["Q159"], "P625": [(35.401, 35.949)]},
    },
    "Q9000051": {
        "label": "Hmeimim",
        "description": "village in Latakia Governorate, Syria",
        "claims": {"P31": ["Q532"], "P17": ["Q858"]},
    },
    "Q9000070": {
        "label": "Russian naval facility in Tartus",
        "aliases": ["Tartus naval base"],
        "description": "Russian naval base in Syria",
        "claims": {"P31": ["Q1324633"], "P17": ["Q858"], "P137": ["Q159"], "P625": [(34.905, 35.871)]},
    },
    "Q9000120": {
        "label": "Moscow",
        "description": "capital and largest city of Russia",
        "claims": {"P31": ["Q5119"], "P17": ["Q159"]},
    },
    # people, with namesakes
    "Q9000001": {
        "label": "Mikhail Bogdanov",
        "description": "Russian diplomat (born 1952)",
        "claims": {"P31": ["Q5"], "P27": ["Q159"]},
    },
    "Q9000002": {
        "label": "Mikhail Bogdanov",
        "description": "Russian footballer",
        "claims": {"P31": ["Q5"], "P27": ["Q159"]},
    },
    "Q9000003": {
        "label": "Mikhail Bogdanov",
        "description": "Soviet painter",
        "claims": {"P31": ["Q5"], "P27": ["Q9000999"]},
    },
    "Q9000010": {
        "label": "Ahmed al-Sharaa",
        "aliases": ["Abu Mohammad al-Julani"],
        "description": "Syrian politician and militant leader, president of Syria",
        "claims": {"P31": ["Q5"], "P27": ["Q858"]},
    },
    "Q9000011": {
        "label": "Farouk al-Sharaa",
        "description": "Syrian politician and diplomat",
        "claims": {"P31": ["Q5"], "P27": ["Q858"]},
    },
    "Q9000020": {
        "label": "Asaad al-Shaibani",
        "description": "Syrian politician, minister of foreign affairs",
        "claims": {"P31": ["Q5"], "P27": ["Q858"]},
    },
    "Q9000030": {
        "label": "Sergey Lavrov",
        "aliases": ["Sergei Lavrov"],
        "description": "Russian diplomat, Minister of Foreign Affairs",
        "claims": {"P31": ["Q5"], "P27": ["Q159"]},
    },
    "Q9000040": {
        "label": "Bashar al-Assad",
        "description": "former President of Syria",
        "claims": {"P31": ["Q5"], "P27": ["Q858"]},
    },
    # organisations
    "Q9000080": {
        "label": "Asharq Al-Awsat",
        "description": "Arabic international newspaper",
        "claims": {"P31": ["Q11032"]},
    },
    "Q9000090": {
        "label": "Syrian Observatory for Human Rights",
        "description": "monitoring group",
        "claims": {"P31": ["Q9000902"]},
    },
    "Q9000100": {
        "label": "Ministry of Foreign Affairs of Russia",
        "aliases": ["Russian foreign ministry"],
        "claims": {"P31": ["Q192350"], "P17": ["Q159"]},
    },
    "Q9000110": {
        "label": "Ministry of Defence of the Russian Federation",
        "aliases": ["Russian defense ministry"],
        "claims": {"P31": ["Q192350"], "P17": ["Q159"]},
    },
    # governments: the country's, a city's, the other country's
    "Q9000200": {
        "label": "Government of the Russian Federation",
        "aliases": ["Russian Government"],
        "description": "executive branch of Russia",
        "claims": {"P31": ["Q7188"], "P17": ["Q159"], "P1001": ["Q159"]},
    },
    "Q9000201": {
        "label": "Government of Moscow",
        "aliases": ["Moscow Government"],
        "description": "executive body of the city of Moscow",
        "claims": {"P31": ["Q9000904"], "P17": ["Q159"], "P1001": ["Q9000120"]},
    },
    "Q9000202": {
        "label": "Government of Syria",
        "description": "executive branch of Syria",
        "claims": {"P31": ["Q7188"], "P17": ["Q858"], "P1001": ["Q858"]},
    },
    # armed groups with similar names
    "Q9000210": {
        "label": "Islamic State",
        "aliases": ["ISIS", "ISIL", "Daesh"],
        "description": "Salafi jihadist militant group",
        "claims": {"P31": ["Q9000905"]},
    },
    "Q9000211": {
        "label": "Islamic State of Iraq",
        "description": "jihadist militant organization (2006-2013)",
        "claims": {"P31": ["Q9000905"], "P17": ["Q9000998"]},
    },
    "Q9000220": {
        "label": "Army of Islam",
        "description": "Syrian rebel group",
        "claims": {"P31": ["Q9000905"], "P17": ["Q858"]},
    },
    "Q9000221": {
        "label": "Army of Islam",
        "description": "militant group in the Gaza Strip",
        "claims": {"P31": ["Q9000905"], "P17": ["Q9000998"]},
    },
    "Q9000225": {
        "label": "Army of the Revolution",
        "description": "rebel group in Syria",
        "claims": {"P31": ["Q9000905"], "P17": ["Q858"]},
    },
    "Q9000226": {
        "label": "Army of the Revolution",
        "description": "rebel group in another country",
        "claims": {"P31": ["Q9000905"], "P17": ["Q9000998"]},
    },
    "Q9000230": {
        "label": "Syrian Democratic Forces",
        "aliases": ["SDF"],
        "description": "alliance of militias in northern Syria",
        "claims": {"P31": ["Q17149090"], "P17": ["Q858"]},
    },
    "Q9000231": {
        "label": "Syrian Democratic Council",
        "description": "political wing of the Syrian Democratic Forces",
        "claims": {"P31": ["Q9000914"], "P17": ["Q858"]},
    },
    # an international organisation and its summit; an organisation and its annual meeting
    "Q9000240": {
        "label": "Arab League",
        "aliases": ["League of Arab States"],
        "description": "regional organization of Arab states",
        "claims": {"P31": ["Q9000906"]},
    },
    "Q9000241": {
        "label": "Arab League summit",
        "description": "meeting of the heads of state of the Arab League",
        "claims": {"P31": ["Q9000908"]},
    },
    "Q9000250": {
        "label": "Annual Meeting of the World Economic Forum",
        "aliases": ["Davos Forum", "World Economic Forum Annual Meeting"],
        "description": "annual meeting held in Davos",
        "claims": {"P31": ["Q9000903"]},
    },
    "Q9000251": {
        "label": "World Economic Forum",
        "aliases": ["WEF", "Davos Forum"],
        "description": "international non-governmental organization",
        "claims": {"P31": ["Q9000907"]},
    },
    # a port and its city (Tartus, Q174916, above)
    "Q9000260": {
        "label": "Port of Tartus",
        "aliases": ["Tartus port"],
        "description": "seaport in Syria",
        "claims": {"P31": ["Q44782"], "P17": ["Q858"]},
    },
    # a company and its foreign namesake
    "Q9000270": {
        "label": "Stroytransgaz",
        "description": "Russian engineering company",
        "claims": {"P31": ["Q783794"], "P17": ["Q159"]},
    },
    "Q9000271": {
        "label": "Stroytransgaz",
        "description": "company in another country",
        "claims": {"P31": ["Q783794"], "P17": ["Q9000998"]},
    },
    # a sea and a film
    "Q9000280": {"label": "Mediterranean Sea", "description": "film", "claims": {"P31": ["Q9000912"]}},
    # an embassy and a school named after it
    "Q9000290": {
        "label": "Embassy of Russia in Damascus",
        "aliases": ["Russian embassy in Damascus"],
        "description": "diplomatic mission of Russia in Syria",
        "claims": {"P31": ["Q9000910"], "P17": ["Q858"], "P137": ["Q159"]},
    },
    "Q9000291": {
        "label": "Russian embassy school in Damascus",
        "description": "school in Damascus",
        "claims": {"P31": ["Q9000915"], "P17": ["Q858"]},
    },
}

EXPECTED_SEED_LINKS = {
    "russia": "Q159",
    "syria": "Q858",
    "damascus": "Q3766",
    "mediterranean": "Q4918",
    "un-security-council": "Q37470",
    "tartus": "Q174916",
    "bogdanov": "Q9000001",
    "al-sharaa": "Q9000010",
    "al-shibani": "Q9000020",
    "lavrov": "Q9000030",
    "assad": "Q9000040",
    "hmeimim-air-base": "Q9000050",
    "tartus-naval-facility": "Q9000070",
    "asharq-al-awsat": "Q9000080",
    "russian-foreign-ministry": "Q9000100",
    "russian-defense-ministry": "Q9000110",
    "russian-government": "Q9000200",
    "syrian-administration": "Q9000202",
    "russian-embassy": "Q9000290",
    "tartus-port": "Q9000260",
    "davos-forum": "Q9000250",
}
