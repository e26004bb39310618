"""The rules back-end's cue words: the whole of its "knowledge" of English news prose, in one place.

Changing anything here changes the rules hash written in every draft's header.
"""

import re

FUNCTION_WORDS = frozenset(
    """
a about above according across additionally after again against all also although amid among an and another any
are as at because been before being both but by despite during each earlier either even every finally for
former from further furthermore had has have he her here hers his how however i if in into is it its last later
latter many meanwhile more moreover most my neither next no nor not now of on once one only or other our over
she since so some such than that the their them then there these they this those though through thus to today
too under until upon us was we were what when where whether which while who whom whose why will with within
without would yesterday yet you your
""".split()
)

CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)

TITLE_HEADS = (
    "Minister",
    "President",
    "Envoy",
    "Ambassador",
    "Secretary",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Emir",
    "Sultan",
    "Sheikh",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Chairman",
    "Commander",
    "Governor",
    "Mayor",
    "Senator",
    "Premier",
    "Leader",
    "Director",
    "Representative",  # "U.S. Trade Representative Froman", "Special Representative"
    "Administrator",  # "USAID Administrator Samantha Power"
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
)
TITLE_MODIFIERS = (
    "Deputy",
    "Vice",
    "Prime",
    "Foreign",
    "Defense",
    "Defence",
    "Interior",
    "Finance",
    "Economy",
    "Trade",
    "Special",
    "Presidential",
    "Acting",
    "Former",
    "Senior",
    "Chief",
    "Assistant",
    "Crown",
    "First",
    "General",
)
# Military ranks, written out or abbreviated ("Pentagon Press Secretary Maj. Gen. Pat Ryder"): part of a
# title before a name, never a name of their own.
RANKS = (
    "Maj.",
    "Gen.",
    "Lt.",
    "Col.",
    "Capt.",
    "Adm.",
    "Brig.",
    "Sgt.",
    "Cmdr.",
    "Cpl.",
    "Major",
    "Colonel",
    "Captain",
    "Admiral",
    "Lieutenant",
    "Brigadier",
    "Sergeant",
    "Commodore",
    "Marshal",
)
TITLE_WORDS = frozenset(TITLE_HEADS + TITLE_MODIFIERS + RANKS)
# What a title is "of" or "for" ("Secretary of State", "Minister for Foreign Affairs"): part of the title.
PORTFOLIO_WORDS = frozenset(
    """State Defense Defence Foreign Affairs Home Interior Finance Trade Justice Health Energy Commerce Treasury
War Agriculture Education Transportation Labor Labour Homeland Security Veterans Industry Economy""".split()
)
_MOD = "|".join(TITLE_MODIFIERS)
_HEAD = "|".join(TITLE_HEADS)
# "Foreign Minister", "ousted President", "presidential envoy to the Middle East and North Africa"
TITLE = re.compile(rf"(?:(?:{_MOD})\s+)*(?:{_HEAD})\b", re.I)
TITLE_TAIL = re.compile(r"\s+(?:to|of|for)\s+(?:the\s+)?(?:[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*)")
HEAD_OF = re.compile(
    r"(?:head|leader|chief|chairman)\s+of\s+the\s+(?:[\w’'-]+\s+){0,3}?(?:administration|government|leadership|council|ministry|delegation|authority|agency|committee)\b",
    re.I,
)
FORMER = re.compile(r"\b(?:ousted|former|late|deposed|ex-|outgoing)\s*$", re.I)

# A word in a name -> the class it suggests (first match wins); event-like names become claims.
NAME_HEADS = (
    (r"\bMinistr(?:y|ies)\b", "Ministry"),
    # a US executive department: "the State Department", "the Department of Energy"
    (
        r"\b(?:State|Defen[cs]e|Treasury|Justice|Commerce|Energy|Labor|Interior|Agriculture|Education"
        r"|Transportation|Homeland Security) Department\b|\bDepartment of (?:State|Defen[cs]e|the Treasury|Justice"
        r"|Commerce|Energy|Labor|the Interior|Agriculture|Education|Transportation|Homeland Security)\b",
        "Ministry",
    ),
    (
        r"\b(?:UN|U\.N\.|United Nations|NATO|European Union|EU|Arab League|African Union|OPEC|ASEAN)\b",
        "InternationalBody",
    ),
    (r"\bSecurity Council\b", "InternationalBody"),
    # groups of states: "G7", "G-20", "the Commonwealth", "the Global Coalition" (against Daesh)
    (r"\bG-?(?:7|8|20)\b|\bCommonwealth\b|\bCoalition\b", "InternationalBody"),
    (r"\b(?:Government|Administration|Cabinet)\b", "Government"),
    (r"\b(?:Parliament|Assembly|Senate|Congress|Duma|Knesset|Majlis)\b", "GovernmentBody"),
    (r"\b(?:Company|Corporation|Corp|Inc|Ltd|LLC|Group|Holding|Holdings|Bank|Airlines|Petroleum|Energy)\b", "Company"),
    (r"\b(?:Embassy|Consulate|High Commission)\b", "Facility"),
    (r"\b(?:Mount|Mountains|Valley|Desert|Peninsula|Island|Islands)\b", "Place"),
    (
        r"\b(?:News|Times|Post|Observer|Gazette|Journal|Herald|Tribune|Press|Daily|Telegraph|Television|TV|Radio|Agency|Observatory)\b",
        "NewsPublisher",
    ),
    (
        r"\b(?:Council|Committee|Commission|Forces|Army|Navy|Guard|Party|Movement|Front|University|Institute|Foundation|Organi[sz]ation|Service)\b",
        "Organization",
    ),
    (r"\b(?:Air Base|Airbase)\b", "AirBase"),
    (r"\bNaval (?:Base|Facility)\b", "NavalFacility"),
    (r"\bBase\b", "MilitaryFacility"),
    (r"\b(?:Port|Harbou?r)\b", "Port"),
    (r"\b(?:Sea|Ocean|Gulf|Strait)\b", "Sea"),
    # "the Shangri-La Dialogue", "the Australia-United States Ministerial Consultations": a named meeting
    (r"\b(?:Forum|Summit|Conference|Meeting|Dialogue|Consultations)\b", "Conference"),
)

# Cue phrases for agents named by description rather than by name. {D} is a demonym ("Russian").
DEMONYM = r"[A-Z][a-z]+(?:an|ian|ese|ish|i|ic)"
UNNAMED_SOURCE = re.compile(
    rf"\b(?:an?|one)\s+(?:(?:senior|high-level|informed|well-informed|diplomatic|official|military|government|security|western)\s+)*(?:({DEMONYM})\s+)?(?:(?:diplomatic|official|government|military|security)\s+)?source\b"
)
UNNAMED_COMPANY = re.compile(
    rf"\ban?\s+(?:(?:private|state-owned|state|local|foreign|major|large)\s+)*(?:({DEMONYM})\s+)?(?:company|firm|contractor)\b"
)
COLLECTIVE = re.compile(
    rf"\b(?:other\s+)?({DEMONYM}|Arab|Western)\s+"
    r"(diplomatic circles|diplomats|officials|companies|firms|citizens|nationals|troops|businesses|investors|nations"
    r"|states|leaders)\b"
)
SYNONYMS = {"firms": "companies", "firm": "company"}
OTHER_OFFICIALS = re.compile(r"\bother\s+officials\b")
THE_AUTHOR = re.compile(r"\bthe author\b")
GOVERNMENT_NOUNS = r"(?:administration|government|leadership|authorities|cabinet)"
GOVERNMENT_BY_DEMONYM = re.compile(rf"\b(?:(?:new|current|transitional|interim)\s+)?({DEMONYM})\s+{GOVERNMENT_NOUNS}\b")
# "Kenya's government", "South Korea's new government"
GOVERNMENT_BY_COUNTRY = re.compile(
    rf"\b((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+)[’']s\s+(?:(?:new|current|transitional|interim)\s+)?{GOVERNMENT_NOUNS}\b"
)
MINISTRY_BY_DEMONYM = re.compile(
    rf"\b({DEMONYM})\s+(?:(?:foreign|defen[cs]e|interior|finance|economy|trade|health|justice|energy|oil|information)\s+)?ministry\b"
)
MINISTRY_BY_COUNTRY = re.compile(
    r"\b([A-Z][a-z]+)[’']s\s+(?:(?:foreign|defen[cs]e|interior|finance|economy|trade|health|justice|energy|oil|information)\s+)?ministry\b"
)
# "China's embassy in Manila", "the Russian embassy in Damascus": a body of the state, in a city (written in
# lower case, as news writes the institution; "the British Embassy" capitalised is a place: ``NAME_HEADS``)
EMBASSY_BY_COUNTRY = re.compile(r"\b([A-Z][a-z]+)[’']s\s+embassy(?:\s+in\s+([A-Z][a-z]+))?\b")
EMBASSY_BY_DEMONYM = re.compile(rf"\b({DEMONYM})\s+embassy(?:\s+in\s+([A-Z][a-z]+))?\b")
PORT_OF = re.compile(r"\bthe\s+port\s+of\s+([A-Z][\w-]+)")

# Context around a name.
PUBLISHER_BEFORE = re.compile(
    r"(?:\b(?:sources?|officials?|diplomats?|spokes\w+)\b[^.“”]{0,40}?\b(?:spoke|speaking|talked|told)(?:\s+to)?|\b(?:translated|published|edited)(?:\s+and\s+\w+)?\s+by|\binterview\s+with|\breported\s+by|\baccording\s+to\s+(?:the\s+)?(?:newspaper|daily|agency|channel|broadcaster))\s+$"
)
PUBLISHER_AFTER = re.compile(r"^\s+(?:reported|reports|quoted|cited|newspaper|daily|news agency|has not verified)\b")
PLACE_BEFORE = re.compile(
    r"\b(?:in|to|from|at|near|into|across|towards?|visit|visits|visited|visiting|arrived in)\s+(?:the\s+)?$", re.I
)
AGENT_AFTER = re.compile(
    r"^(?:[’']s)?\s+(?:also\s+|further\s+|later\s+)?(?:said|says|stated|told|stressed|added|noted|announced|declared|warned|welcomed|expressed|emphasi[sz]ed|clarified|confirmed|shares|sees|seeks|wants|believes)\b"
)
# A role noun in lower case, or a title with what it is for, right before a full name: the name is a person's.
PERSON_BEFORE = re.compile(
    r"(?:\b(?:diplomat|envoy|ambassador|official|spokes(?:person|man|woman)|minister|lawmaker|legislator|colleague"
    r"|counterpart|negotiator|advis[eo]r|analyst|journalist|activist|director|secretary|president|premier|senator"
    r"|businessman|businesswoman|commander|mediator)"
    rf"|(?P<title>(?:{TITLE.pattern})\s+(?:for|to|of|in)\s+(?:(?:the|and|of|in)\s+|[A-Z][\w.’'-]*\s+){{0,6}}[A-Z][\w.’'-]*))"
    r"\s+$"
)
PERSON_APPOSITIVE = re.compile(
    rf"^,\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w-]*[’']s\s+)?(?:{TITLE.pattern}|head of|leader of|chief of)", re.I
)

# Who is appointed: "has named Ana Ruiz as its new envoy", "Ana Ruiz was appointed ambassador".
APPOINTED_BEFORE = re.compile(r"\b(?:appointed|named|nominated|designated|appoint|name|nominate)\s+$")
AS_POST = re.compile(
    rf"\s+(?:as\s+)?(?:(?:the|its|his|her|their|a|an)\s+)?(?:new\s+)?(?:[\w-]+\s+){{0,3}}"
    rf"(?:{TITLE.pattern}|envoy|ambassador|head|director|chief|representative|adviser)\b",
    re.I,
)
APPOINTED_AFTER = re.compile(
    r"\s+(?:was|has been|had been|will be|is)\s+(?:(?:formally|officially)\s+)?(?:appointed|named|nominated)\s+"
    r"(?:as\s+)?(?:(?:the|its|a|an)\s+)?(?:new\s+)?(?:[\w-]+\s+){0,3}"
    rf"(?:{TITLE.pattern}|envoy|ambassador|head|director|chief|representative|adviser)\b",
    re.I,
)

REPORTING = (
    r"said|says|stated|states|told|tells|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|added|adds|noted|clarified"
    r"|confirmed|affirmed|announced|declared|insisted|warned|argued|explained|expressed|welcomed|highlighted"
    r"|underlined|underscored|reiterated|asserted|acknowledged|denied|claimed|remarked|commented|urged|revealed"
    r"|indicated|maintained|assured|mentioned|praised|condemned|critici[sz]ed|pointed out|called for"
    r"|thanked|lauded|reaffirmed|congratulated|commended|reflected|relayed|updated|offered|conveyed|briefed"
    r"|made clear|voiced|signall?ed|set out|outlined|pleaded|appealed|asked"
    # "leaders adopted a declaration on food security": what they declared together
    r"|(?:adopted|issued)(?= (?:a|the|their) (?:joint |final )?(?:declaration|communiqu[eé]|statement)\b)"
    # "X reported on Monday that ...": a person's report (a publisher's "reported" is who reports the article)
    r"|reported(?=(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday))?"
    r"\s+that\b)"
    r"|raised(?= (?:(?:his|her|their|its|the|serious|grave)\s+)?(?:concerns?|issues?|matter|question|case)\b)"
)
REPORTING_VERB = re.compile(rf"\b(?:{REPORTING})\b")
QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")


def quotations(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The quotations in ``text[begin:end]``, each with its marks, as offsets into ``text``."""
    return [m.span() for m in QUOTATION.finditer(text, begin, end)]


PARTICIPLE = re.compile(
    r"\b(?:saying|stressing|emphasi[sz]ing|adding|noting|affirming|highlighting|describing|underlining|insisting|warning|explaining|arguing|indicating|expressing)\b"
)
SPLIT_PARTICIPLE = re.compile(r",\s+(?:noting|adding|saying)\s+that\b")
SPEAKER_FILLER = re.compile(r"^(?:\s|also|further|later|again|then|has|have|had|once|repeatedly|publicly|,)*$")
PRONOUN = re.compile(r"\b(?:he|she)\s*$", re.I)
# A speaker named again by a role noun, after what was said: "..., the diplomat added."
ROLE_BACK = re.compile(
    r"^\s*the\s+(?:diplomat|minister|official|spokes(?:person|man|woman)|envoy|ambassador|president|premier)\s*$"
)
ROLE_PLURAL = re.compile(
    rf"\b(?:(?:the|other|some|many|several)\s+)?(?:({DEMONYM})\s+)?(diplomats|officials|sources|analysts|experts|observers)\s*$"
)
ATTRIBUTION_VERB = re.compile(
    r"\b(?:anticipate|anticipates|expect|expects|believe|believes|see|sees|consider|considers|predict|predicts)\s+(?:that\s+)?"
)
ACCORDING_TO = re.compile(r"\baccording to\s+")

# Claims from cue words. A claim word after a definite determiner refers back to an earlier claim.
TRIGGERS = (
    ("DiplomaticVisit", r"\bvisit(?:s|ed|ing)?\b|\btrip to\b|\btravel(?:s|led|ed|ling)? to\b"),
    ("Delegation", r"\bdelegations?\b"),
    (
        "Meeting",
        # "to meet NATO’s 2% target", "met its obligations": a goal met is no meeting
        r"\bmeetings?\b|\b(?:meet(?:s|ing)?|met)\b(?!\s+(?:[\w’'%.-]+\s+){0,3}(?:targets?|goals?|commitments?"
        r"|obligations?|needs|demands?|requirements?|criteria|deadlines?|standards?|expectations|thresholds?)\b)",
    ),
    (
        "Talks",
        r"\btalks\b|\bdiscussions?\b|\bdialogue\b|\bnegotiations?\b|\bconsultations\b|\bteleconference\b"
        r"|\bvideo ?conference\b|\b(?:phone|telephone|video) call\b|\bcall with\b|\bconsult(?:ed|ing)?\b"
        r"|(?<=leaders )discussed\b|\bspoke to(?= (?:the )?(?:vice )?(?:president|prime minister|chancellor|secretary))"
        # "called Kenyan Foreign Minister X to discuss": a call; "called on/for ...", "called X's remarks ...",
        # "called President X a liar" are not: the title's name (up to three words) ends the clause or is
        # followed by what the call was about or when it was
        r"|\bcalled(?= (?:the )?(?:(?!(?:on|for|upon|off|it|in|a|an|back|out|up|him|her|them)\b)[\w’'.-]+ ){0,3}"
        r"(?:vice )?(?:president|prime minister|chancellor|secretary|minister|king|emir)\b"
        r"(?: (?!(?:a|an|the|his|her|their|its)\b)[\w.-]+(?![\w.-]*[’']s\b)){0,3}"
        r"(?:[.,;:]| (?:to|on|about|regarding|today|yesterday|this|last|earlier|from|and)\b))"
        r"|\b(?:spoke|speak|speaks)\b(?=\s+(?:by (?:phone|telephone|video)|on the (?:phone|telephone)|with|today"
        r"|yesterday|earlier|this|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))",
    ),
    (
        "Agreement",
        r"\bagreements?\b|\bdeals?\b|\btreat(?:y|ies)\b|\baccords?\b|\bcontracts?\b"
        r"|\bmemorand(?:um|a) of understanding\b|\bmous?\b",
    ),
    (
        "Cancellation",
        r"\bcancel(?:l?ed|l?ing|lation|s)?\b|\bcalled off\b|\bscrapp(?:ed|ing)\b|\brevo(?:ked|king|cation)\b"
        r"|\bannul(?:led|ment)\b|\bterminat(?:ed|ion)\b",
    ),
    (
        "Appointment",
        r"\bappoint(?:s|ed)?\b|\bnam(?:ed|es)\b|\bnominat(?:ed|es)\b|\bdesignat(?:ed|es)\b|\bappointment of\b",
    ),
    ("Assistance", r"\b(?:support|assistance|aid)\b(?!\s+(?:of|from)\b)"),
    # "the Czech Republic would send additional funds": who gives them is the subject of the verb
    ("Assistance", r"\b(?:send|sends|sent|provide[sd]?|pledged?|pledges)\s+(?:[a-z]+\s+)?(?:funds|funding|supplies)\b"),
    # "the African Union summit in Addis Ababa", "a regional forum in Jakarta"; not a press conference or a call
    ("Conference", r"(?<!press )(?<!news )(?<!video )\b(?:summit|forum|conference)\b(?! call)"),
    # "close collaboration in addressing ...", "expand cooperation by bringing to bear ..."
    ("Cooperation", r"\b(?:cooperation|collaboration)\b(?=\s+(?:among|between|with|on|in)\b|\s+by\s+\w+ing\b)"),
    # "will continue to work closely with Kenya", "working closely together to drive growth"
    ("Cooperation", r"\bwork(?:s|ed|ing)?\s+closely(?=\s+(?:together|with)\b)"),
    (
        "Withdrawal",
        r"\bwithdr(?:aw|awal|awals|awn|ew|awing|aws)\b|\bpull(?:ed|ing|s)? out\b|\bpull-?out\b|\bevacuat(?:e|ed|ion)\b"
        # "handed over its base to ...": what a force leaves, not a letter handed over
        r"|\bhand(?:ed|s|ing)? over\b(?= (?:the |its |their |his |her )?(?:[\w-]+ ){0,2}"
        r"(?:bases?|facilit(?:y|ies)|airport|port|control|positions?|territory|garrison)\b)",
    ),
)
# Both sides say it together: "the two leaders agreed", "both reiterated their commitment".
JOINT = re.compile(
    r"\b(?:the (?:two )?(?:leaders|ministers|secretaries|sides|men|officials|prime ministers|presidents)"
    r"|both(?: leaders| sides| ministers| men)?|they)\s+(?:also\s+|further\s+)?"
    r"(agreed|reiterated|reaffirmed|expressed|pledged|affirmed|welcomed|confirmed|underlined"
    r"|underscored|emphasi[sz]ed|stressed|noted|shared|committed|condemned|highlighted|recognized|recognised)\b",
    re.I,
)
# Two persons named together by their office: the sides of talks they continue ("the two leaders pledged
# to continue their dialogue"); "both sides" may be two states, so it is not one of them.
LEADERS = re.compile(
    r"\b(?:[Tt]he (?:two )?(?:[Ll]eaders|[Mm]inisters|[Ss]ecretaries)|[Bb]oth (?:[Ll]eaders|[Mm]inisters))\b"
)
JOINT_VERB = re.compile(
    r"\s+(?:also\s+|further\s+)?(agreed|reiterated|reaffirmed|expressed|pledged|affirmed|welcomed|confirmed|underlined"
    r"|underscored|emphasi[sz]ed|stressed|committed|condemned|highlighted)\b"
)
DEFINITE = re.compile(
    r"\b(?:the|this|these|those|such|its|their|his|her)\s+(?:(?!(?:include|includes|are|is|was|were|will|would|could|should|may|might|can|must|do|does|did|have|has|had|be|the|a|an)\b)[\w’'-]+\s+){0,2}$",
    re.I,
)
LED_BY = re.compile(r"^,?\s+(?:led|headed)\s+by\s+")
LEVEL = re.compile(
    r"\b(high-level|senior|ministerial|official|parliamentary|military|government)\s+(?:[A-Z][a-z]+\s+)?delegation",
    re.I,
)
YEAR_BEFORE = re.compile(r"\b((?:19|20)\d\d)\s+$")

# An event noun whose clause says it was undone: "A planned visit to Dakar by X was postponed".
UNDONE = re.compile(
    r"[^,;:—–“”\"()]*?\b(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?"
    r"(postponed|put off|called off|cancel+ed|scrapped|delayed indefinitely)\b"
)

# A dateline: "WASHINGTON, Feb. 1, 2018 —", "BEIJING, Dec. 12 (Xinhua) --", "MOSCOW, March 3. /TASS/.".
DATELINE = re.compile(
    r"^(?P<place>[A-Z]{3,}(?:[ -][A-Z]{3,})*)"
    # the country or state after the city ("NAIROBI, Kenya (AP) —", "DAKAR, Senegal (Reuters) -")
    r"(?:,\s+(?P<region>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s+[(/]|\s*(?:—|--|–|-)))?"
    r"(?:,\s+(?P<date>(?:[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s+\d{4})?))\.?)?"
    r"(?:\s+\((?P<agency>[A-Z][\w ]+)\)|\s+/(?P<wire>[A-Z][A-Za-z-]+)/)?"
    # TASS ends its dateline with a full stop: "MOSCOW, March 3. /TASS/."
    r"\s*(?:—|--|–|-|(?<=/)\.)",
    re.M,
)

# An event already past, named by a noun phrase with its time: "the recent San Bernardino shootings", "this
# week’s vote on airstrikes", "the latest missile launches by X", "his recent election victory", "the 2013
# vote". The time word, then up to three words, then a noun of an event that is no claim class of its own.
PAST_EVENT = re.compile(
    r"\b(?:(?:[Tt]he|[Tt]his|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+)?"
    r"(?P<time>recent|latest|(?:this|last)\s+(?:week|month|year|weekend)[’']s|(?:19|20)\d\d)\s+"
    r"(?:[\w’'-]+\s+){0,3}?"
    r"(?P<noun>votes?|(?:election\s+)?victory|elections?|referendums?|shootings?|attacks?|bombings?|launch(?:es)?"
    r"|(?:nuclear|missile)\s+tests?|explosions?|earthquakes?|floods?|crash|coup|air\s?strikes|massacre)\b"
    # what it was of, on, by or against: "on Syrian airstrikes", "by North Korea"
    r"(?:\s+(?:on|by|against|in|of)\s+(?:the\s+)?"
    rf"(?:{DEMONYM}\s+[a-z][\w-]+|(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*))?"
)

# A transcript's speaker label at the start of a line: "JANE ROE, PRIME MINISTER:", "TOMAS REYLE:" (the
# words of the turn follow it on the line)
TRANSCRIPT_TURN = re.compile(r"^([A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+)+)(?:,\s+[A-Z][A-Z ,.’'-]*)?:[ \t]+(?=\S)", re.M)

# "Quotes attributable to Prime Minister Jane Roe:", "Attributable to the Minister:": a release's line that
# introduces the speaker's own words in the paragraphs after it, as "X said:" does
ATTRIBUTABLE = re.compile(
    r"(?:(?:[Tt]he\s+following\s+)?(?:[Qq]uotes?|[Cc]omments?|[Rr]emarks|[Ss]tatement)\s+(?:(?:is|are)\s+)?)?"
    r"[Aa]ttributable\s+to\s+(\S.*?)\s*:\s*"
)

# A condition after "would": what would happen is possible, not planned.
CONDITION = re.compile(r"\b(?:if|unless|provided that|as long as)\b")

# Status cues, strongest first.
STATUS_CUES = (
    # "postponed": it did not take place when it was to (the ontology has no status for a new date)
    ("not-happened", r"\b(?:not|no|never|without|n[’']t)\b|\b(?:in the )?absence of\b|\bpostponed\b|\bput off\b"),
    ("cancelled", r"\bcancel(?:l?ed|lation)\b|\bcalled off\b|\bscrapped\b|\brevoked\b|\bannulled\b"),
    ("possible", r"\b(?:may|might|could|possibl[ey]|potential(?:ly)?|ready to)\b"),
    ("expected", r"\b(?:expected|expects?|anticipated?|anticipates|likely|predicted|forecast)\b"),
    (
        "planned",
        r"\b(?:is|are) set to\b|\bwill\b|\bwould\b|\bplans? to\b|\bplanned\b|\bplanning\b|\bscheduled\b"
        r"|\barranged\b|\bupcoming\b|\bto be held\b|\bdue to\b|\bintends? to\b"
        r"|\b(?:committed|pledged|agreed|vowed|promised) to\b|\bgoing forward\b|\blook(?:s|ed)? forward to\b"
        r"|\b(?:commit|pledge|agree|vow|promise)s? to\b",
    ),
    (
        "ongoing",
        r"\b(?:continues?|continuing|ongoing|remains?|is functioning|currently)\b"
        r"|\b(?:is|are) (?:now )?on (?:an? |his |her |their )?(?:[\w-]+ ){0,2}(?=visit|tour|trip)"
        r"|\b(?:is|are) (?:now |currently )?(?=visiting\b)",
    ),
)
