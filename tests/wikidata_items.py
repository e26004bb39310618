"""Wikidata-shaped test items with confusable candidates. The IDs of the people, facilities and
publishers are invented for the tests (Q9000000 and up); only the ones the product pins are real."""

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
    "Q9000902": {"label": "organization"},
    # places (the real, pinned IDs)
    "Q159": {"label": "Russia", "claims": {"P31": ["Q3624078"], "P625": [(60.0, 90.0)]}},
    "Q858": {"label": "Syria", "claims": {"P31": ["Q3624078"], "P625": [(35.0, 38.0)]}},
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
    "Q4918": {"label": "Mediterranean Sea", "claims": {"P625": [(35.0, 18.0)]}},
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
}
