"""Step 3: names nobody listed. A run of capitalised words in a sentence is split into names (words
already found, common words that only start the sentence, demonyms and titles before a name are not
part of it), and each name gets a class from its words or from cues around it, or a plain guess
marked for review. A person's last name alone is then that person.
"""

import bisect
import re
from collections.abc import Iterator

from kg.draft import gazetteer
from kg.draft.known import name_key
from kg.draft.rules import cues
from kg.draft.rules.names.found import Names, RuleEntity, class_from_name
from kg.draft.text import whole_word_spans

_ABBREVIATED = "|".join(re.escape(r) for r in cues.RANKS if r.endswith(".")) + r"|(?:Dr|Mr|Mrs|Ms|Sen|Rep|Gov)\."
# A token: a capitalised word, a rank or courtesy title with its full stop, initials with full stops
# ("U.S.", "U.K.", "U.N.": the short forms wire copy writes), or an initial ("Dana W. White")
# (a hyphenated given name of one or two short syllables is one word: "Park Ji-ho", "Kim Jong-un")
_TOKEN = (
    rf"(?:{_ABBREVIATED}|(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s+[A-Z])|[A-Z][a-z]{{1,3}}-[a-z]{{2,4}}\b(?!-)"
    rf"|(?:(?:al|el|bin|ibn|abu)-)?[A-Z][\w]*(?:[-’'][A-Z][\w]*)*)"
)
# Particles inside a person's name: "Eva de Vries", "Jan van der Berg", "Luiz da Silva".
_PARTICLES = ("de", "van", "von", "der", "van der", "van den", "da", "dos", "del", "di", "le", "la")
_JOINERS = ("of", "of the", "bin", "ibn", *_PARTICLES)
_SEQUENCE = re.compile(
    rf"{_TOKEN}(?:\s+(?:(?:of|of the|bin|ibn)\s+|(?:{'|'.join(_PARTICLES)})\s+(?=[A-Z][a-z]))?{_TOKEN})*"
)
_TOKEN_RE = re.compile(_TOKEN)
# A run of capitalised words whose head words give none of these classes is one name, even over the
# known names inside it ("Tessmark News Agency" names an agency, not Tessmark).
_NOT_ORGANISATIONS = (None, "Sea", "Port", "AirBase", "NavalFacility", "MilitaryFacility", "Conference")

# A title with its country just before a name, set off by a comma: the name is the holder's
# ("the President of Nigeria, Bola Ahmed Tinubu", "Secretary of State for Defence, John Healey", "his US
# counterpart, Ashton Carter")
_TITLED_BEFORE = re.compile(
    rf"\b(?:{'|'.join(cues.TITLE_HEADS)}|counterpart)(?:\s+(?:of|for|to)\s+(?:the\s+)?[A-Z][\w.]*){{0,2}},\s+$"
)
_PORTFOLIO_OF = re.compile(rf"(?:{cues.TITLE.pattern})\s+(?:of|for)\s+(?:the\s+)?$", re.I)
_SUFFIXES = ("Jr", "Sr", "II", "III", "IV")
Token = tuple[int, int, str]
FoundName = tuple[int, int, str, bool, str | None]  # begin, end, name, after a title, country of a demonym


def _groups(names: Names) -> dict[str, list[FoundName]]:
    """Every capitalised name of the text's sentences (not its headings), by name key."""
    groups: dict[str, list[FoundName]] = {}
    for paragraph in names.paragraphs:
        if paragraph.heading:
            continue
        for sb, se in paragraph.sentences:
            for m in _SEQUENCE.finditer(names.text, sb, se):
                for name in _names_in(names, m, sb):
                    groups.setdefault(name_key(name[2]), []).append(name)
    return groups


def unknown(names: Names) -> None:
    groups = _groups(names)
    for key in sorted(groups, key=lambda k: groups[k][0][0]):
        found = groups[key]
        label = found[0][2]
        if _demonym_of_gazetteer(names, found):
            continue
        cls, note = guess(names, found)
        if cls is None:
            continue
        if cls == "Country" and (known := gazetteer.country(label)) is not None and known.name != label:
            # "U.S.", "UK", "UAE" alone: the country under its gazetteer name, the short form an alias
            names.country_of(label, (found[0][0], found[0][1]))
        if cls == "Country" and _same_country(names, key, found):
            continue
        ent = names.entity(f"name:{key}", label, [cls])
        if note:
            ent.notes.append(note)
        for begin, end, _, _, country in found:
            ent.add((begin, end))
            if country and cls == "Person":
                ent.props.setdefault("country", [country])
        if cls == "Person":
            _title_for_before(names, found)
    surnames(names)


def _title_for_before(names: Names, found: list[FoundName]) -> None:
    """ "UN Special Envoy for Syria Tomas Lindqvist", "Director of the Relief Service in Nairobi Amina
    Njeri": the title before the name is the person's (a post in the body it names, "UN" or "U.S."
    before it or "the Relief Service" in it)."""
    for begin, _, name, *_ in found:
        window = names.text[max(0, begin - 100) : begin]
        m = cues.PERSON_BEFORE.search(window)
        if m is None or m.group("title") is None or "\n" in m.group(0):
            continue
        title_begin = begin - len(window) + m.start("title")
        body = re.search(r"\b(?:[A-Z]{2,5}|(?:[A-Z]\.){2,4})\s+$", names.text[max(0, title_begin - 10) : title_begin])
        if body:  # "UN Special Envoy": the body the title is in
            title_begin -= len(body.group(0))
        names.pending_titles.append((title_begin, begin - 1, names.text[title_begin:begin].strip(), name, None))
        return


def _title_words_after_a_body(names: Names, run: list[Token]) -> list[Token]:
    """ "UN Special Envoy" (for Syria X): the body's abbreviation is the name, the words after it a title."""
    if len(run) < 2 or run[-1][2] not in cues.TITLE_HEADS or not re.fullmatch(r"[A-Z]{2,5}|U\.N\.", run[0][2]):
        return run
    if all(t[2] in cues.TITLE_WORDS for t in run[1:]):
        return run[:1]
    return run


def _same_country(names: Names, key: str, found: list[FoundName]) -> bool:
    """ "the Czech Republic" when "Czech" already made Czechia: one country, the name an alias."""
    label = found[0][2]
    same = names.country_of(label)
    if same is None or same == f"name:{key}":
        return False
    for begin, end, *_ in found:
        names.entities[same].add((begin, end))
    if label not in (names.entities[same].label, *names.entities[same].aliases):
        names.entities[same].aliases.append(label)
    return True


def _demonym_of_gazetteer(names: Names, found: list[FoundName]) -> bool:
    """ "his Dutch colleague", "the French delegation": a demonym no suffix rule knows, before a noun, is
    its country (a mention of it), not a name of its own."""
    label = found[0][2]
    country = gazetteer.country_of_demonym(label)
    if " " in label or country is None or gazetteer.country(label):
        return False
    if not all(re.match(r"\s[a-z]", names.text[f[1] : f[1] + 2]) for f in found):
        return False
    for begin, end, *_ in found:
        key = names.country_of(label, (begin, end))
        if key and not names.covered(begin, end):
            names.entities[key].add((begin, end))
    return True


def surnames(names: Names) -> None:
    """ "Al-Sharaa said" is Ahmad Al-Sharaa, whether his full name came from the entity list or the
    text: a person's last name alone is that person (unless two persons share it), and an alias."""
    persons: dict[str, list[RuleEntity]] = {}
    for ent in names.entities.values():
        words = [w for w in ent.label.split() if w.rstrip(".") not in _SUFFIXES]
        if "Person" in ent.classes and len(words) > 1:
            persons.setdefault(words[-1], []).append(ent)  # "Lloyd J. Austin III" is Austin
    for surname, found in sorted(persons.items()):
        if len(found) != 1:
            continue
        person = found[0]
        guessed = names.entities.get(f"name:{name_key(surname)}")
        if guessed is not None and guessed is not person and not guessed.known:
            del names.entities[guessed.key]
        added = False
        # the full name where no mention was taken (a headline's): its last word is no mention of its own
        whole = whole_word_spans(names.text, person.label)
        for span in whole_word_spans(names.text, surname):
            if not names.index.containing(*span) and not any(b <= span[0] and span[1] <= e for b, e in whole):
                person.add(span)
                added = True
        if added and surname not in person.aliases:
            person.aliases.append(surname)
    _family_names_first(names, persons)
    _without_initials(names)


def _without_initials(names: Names) -> None:
    """ "Jan K. Novak" and, later, "Jan Novak": one person, the shorter name an alias (it was guessed
    apart: a place after "from", an organisation)."""
    for person in [e for e in names.entities.values() if "Person" in e.classes]:
        words = person.label.split()
        short = " ".join(w for w in words if not re.fullmatch(r"[A-Z]\.", w))
        if short == person.label or len(short.split()) < 2:
            continue
        guessed = names.entities.get(f"name:{name_key(short)}")
        if guessed is None or guessed is person or guessed.known:
            continue
        del names.entities[guessed.key]
        for span in whole_word_spans(names.text, short):
            if not names.index.containing(*span):
                person.add(span)
        if short not in person.aliases:
            person.aliases.append(short)


def _family_names_first(names: Names, by_last: dict[str, list[RuleEntity]]) -> None:
    """ "Chinese Foreign Minister Li Wenhao ... Li said": a name written family name first (Chinese,
    Korean, Vietnamese, Hungarian usage) is the person when its first word stands alone, as a name the
    rules found, the person's last word never does, and no other person's name begins or ends with it."""
    firsts: dict[str, list[RuleEntity]] = {}
    for ent in names.entities.values():
        words = ent.label.split()
        if "Person" in ent.classes and len(words) == 2 and ent.label[0].isupper():
            firsts.setdefault(words[0], []).append(ent)
    for first, found in sorted(firsts.items()):
        guessed = names.entities.get(f"name:{name_key(first)}")
        if len(found) != 1 or first in by_last or guessed is None or guessed.known or "Person" in guessed.classes:
            continue
        person = found[0]
        last = person.label.split()[1]
        if last in person.aliases or first in cues.TITLE_WORDS or gazetteer.country_of_demonym(first):
            continue
        if gazetteer.city(first) or len(first) < 2:
            continue
        del names.entities[guessed.key]
        for span in whole_word_spans(names.text, first):
            if not names.index.containing(*span):
                person.add(span)
        person.aliases.append(first)


def _names_in(names: Names, m: re.Match, sentence_begin: int) -> Iterator[FoundName]:
    """Split a capitalised run into names: drop covered words, sentence-initial common words,
    leading demonyms and titles; yield (begin, end, name, person_cue, country)."""
    tokens = [(t.start() + m.start(), t.end() + m.start(), t.group(0)) for t in _TOKEN_RE.finditer(m.group(0))]
    whole = names.text[tokens[0][0] : tokens[-1][1]] if tokens else ""
    if (
        len(tokens) > 1
        and not any(t[2] in cues.TITLE_HEADS for t in tokens[:-1])  # "Pentagon Press Secretary Pat Ryder"
        and class_from_name(whole) not in _NOT_ORGANISATIONS
        and not any(_of_body(names, tokens[:i], _joiner(names, tokens, i), tokens[i:]) for i in range(1, len(tokens)))
        and not names.covered(tokens[-1][0], tokens[-1][1])
        and _release(names, tokens[0][0], tokens[-1][1])
    ):
        yield tokens[0][0], tokens[-1][1], whole, False, None  # "Tessmark News Agency" names an agency, not Tessmark
        return
    for run, person_after in _runs(names, tokens):
        found = _name_of(names, run, person_after, sentence_begin)
        if found is not None:
            yield found


def _runs(names: Names, tokens: list[Token]) -> list[tuple[list[Token], tuple[int, str] | None]]:
    """Runs of tokens not yet found, with the known person's name that follows a run directly, if any."""
    runs: list[tuple[list[Token], tuple[int, str] | None]] = []
    run: list[Token] = []
    for i, token in enumerate(tokens):
        if names.covered(token[0], token[1]):
            if run:
                runs.append((run, _person_at(names, token[0])))
            run = []
            continue
        joiner = names.text[run[-1][1] : token[0]].strip() if run else ""
        if run and (
            joiner not in ("", *_JOINERS)
            or _of_country(names, run, joiner, tokens[i:])
            or _of_body(names, run, joiner, tokens[i:])
        ):
            runs.append((run, None))
            run = []
        run.append(token)
    if run:
        runs.append((run, None))
    return [piece for run, after in runs for piece in _place_first(names, run, after)]


def _place_first(
    names: Names, run: list[Token], after: tuple[int, str] | None
) -> list[tuple[list[Token], tuple[int, str] | None]]:
    """ "... for Syria Tomas Lindqvist", "... in Geneva Ana Ruiz": a title's place fused with the name
    after it is split off, when the place is a country or city of the gazetteer and the rest (two or
    three words) is no name of an organisation ("Kenya Airways Group", "New York Times" stay whole), and
    only after a title and its "for", "in", "to" or "of" ("Abu Dhabi National Oil" stays whole)."""
    if not run or not _AFTER_TITLE_FOR.search(names.text, max(0, run[0][0] - 100), run[0][0]):
        return [(run, after)]
    for n in (2, 1):
        rest = run[n:]
        if len(run) <= n or len(rest) not in (2, 3) or any(t[2] in cues.TITLE_WORDS for t in rest):
            continue
        place = names.text[run[0][0] : run[n - 1][1]]
        longer = names.text[run[0][0] : run[n][1]]
        whole = names.text[run[0][0] : run[-1][1]]
        if (
            (gazetteer.country(place) or gazetteer.city(place))
            and not (gazetteer.country(longer) or gazetteer.city(longer))
            and class_from_name(whole) is None
            and all(t[2][0].isupper() and not t[2].isupper() for t in rest)
        ):
            return [(run[:n], None), (rest, after)]
    return [(run, after)]


def _of_country(names: Names, run: list[Token], joiner: str, rest: list[Token]) -> bool:
    """ "Ana Ostrom of Nigeria": a name "of" a country is the name, and the country after it; "the
    Ministry of Defence of Japan", "University of Nigeria" and "Republic of Korea" stay whole (a head
    word that says what the name is, or a country's own name)."""
    if joiner not in ("of", "of the") or not rest:
        return False
    before = names.text[run[0][0] : run[-1][1]]
    if class_from_name(before) is not None or any(t[2] in _OF_HEADS for t in run):
        return False
    words = names.text[rest[0][0] : rest[min(2, len(rest) - 1)][1]].split()
    for n in (3, 2, 1):
        country = " ".join(words[:n])
        if len(words) >= n and gazetteer.country(country):
            return not gazetteer.country(f"{before} {joiner} {country}") and not gazetteer.country(
                f"{run[-1][2]} {joiner} {country}"
            )
    return False


def _joiner(names: Names, tokens: list[Token], i: int) -> str:
    return names.text[tokens[i - 1][1] : tokens[i][0]].strip()


def _of_body(names: Names, run: list[Token], joiner: str, rest: list[Token]) -> bool:
    """ "General David Petraeus of the U.S. Army": a rank and a name "of" the whole name of an
    organisation are the titled person, and the organisation after it (the mirror of ``_of_country``).
    Without the rank before the name the run stays whole ("Guest of Government", "New Southern Policy
    of the Government", "Bank of England": nothing says its first words name a person)."""
    if joiner not in ("of", "of the") or len(rest) < 2 or len(run) not in (3, 4):
        return False
    if run[0][2] not in cues.RANKS and run[0][2] not in cues.TITLE_MODIFIERS:
        return False
    before = names.text[run[1][0] : run[-1][1]]
    if class_from_name(before) is not None or any(t[2] in _OF_HEADS or t[2] in cues.TITLE_WORDS for t in run[1:]):
        return False
    return class_from_name(names.text[rest[0][0] : rest[-1][1]]) not in _NOT_ORGANISATIONS


_AFTER_TITLE_FOR = re.compile(rf"(?:{cues.TITLE.pattern})[^.\n]{{0,80}}\b(?:for|in|to|of)\s+(?:the\s+)?$")
_OF_HEADS = {"Republic", "Kingdom", "University", "Bank", "Court", "Office", "Department", "State", "States"}


def _name_of(
    names: Names, run: list[Token], person_after: tuple[int, str] | None, sentence_begin: int
) -> FoundName | None:
    """The name in a run once its leading words are trimmed; a title before a known person's name is
    kept for that person (``pending_titles``)."""
    run, person_cue, country, title_begin = _trim(names, run, sentence_begin)
    run = _title_words_after_a_body(names, run)
    if not run and title_begin is not None and person_after is not None:
        # "Russian Foreign Minister Sergei Lavrov", the name known from the entity list
        begin = person_after[0]
        title_text = names.text[title_begin:begin].strip()
        names.pending_titles.append(
            (title_begin, begin - 1, title_text, names.entities[person_after[1]].label, country)
        )
        return None
    if not run or all(t[2] in cues.TITLE_WORDS or t[2][:-1] in cues.TITLE_WORDS for t in run):  # "Both Ministers"
        return None
    begin, end = run[0][0], run[-1][1]
    name = names.text[begin:end]
    if len(run) == 1 and not _single_word_name(names, run[0][2], begin, end, sentence_begin):
        return None
    if (
        len(run) > 1
        and gazetteer.country_of_demonym(name)
        and not gazetteer.country(name)  # "the Czech Republic would": a country, not an adjective
        and re.match(r"\s[a-z]", names.text[end : end + 2])
    ):
        return None  # "North Korean aggression": an adjective, as "Russian" is
    if person_cue and title_begin is not None:
        title_text = names.text[title_begin:begin].strip()
        names.pending_titles.append((title_begin, begin - 1, title_text, name, country))
    return begin, end, name, person_cue, country


_BODY_HEADS = {"Ministry", "Department", "Committee", "Council", "Commission", "Agency"}
_BODY_CLASSES = {"Ministry", "GovernmentBody", "Organization", "InternationalBody"}


def _trim(names: Names, run: list[Token], sentence_begin: int) -> tuple[list[Token], bool, str | None, int | None]:
    """Drop a run's leading function words, a common word that only starts the sentence, demonyms
    and titles (noting the country and that a person follows) and a leading "of"."""
    person_cue, country, title_begin = False, None, None
    while run and run[0][2].lower() in cues.FUNCTION_WORDS and not (run[0][2].isupper() and len(run[0][2]) > 1):
        run = run[1:]  # "The", "In"; not "US" (an abbreviation, not the pronoun)
    if (
        run
        and _at_sentence_start(names, run[0][0], sentence_begin)
        and run[0][2].lower() in names.lower_words
        and not (len(run) > 1 and run[0][2] in cues.TITLE_WORDS and run[1][2] in cues.TITLE_WORDS)
    ):  # "Defense" of "Defense Secretary James N. Mattis" at the start of a sentence stays a title word
        run = run[1:]
    if run and run[-1][2] in _BODY_HEADS and class_from_name(names.text[run[0][0] : run[-1][1]]) in _BODY_CLASSES:
        # "the Russian Foreign Ministry", "Defence Ministry": a body's name, whose first words are no title
        return run, person_cue, country, title_begin
    if len(run) > 2 and run[2][2] in cues.TITLE_WORDS and gazetteer.country_of_demonym(f"{run[0][2]} {run[1][2]}"):
        # "South Korean Foreign Minister Park Ji-ho", "New Zealand Prime Minister ...": a two-word demonym
        country = names.country_of(f"{run[0][2]} {run[1][2]}", (run[0][0], run[1][1]))
        title_begin = run[0][0]
        run = run[2:]
    while len(run) > 1 and _demonym_or_country(run[0][2]) and run[1][2] in cues.TITLE_WORDS:
        country = names.country_of(run[0][2], (run[0][0], run[0][1]))
        title_begin = run[0][0] if title_begin is None else title_begin
        run = run[1:]
    run, person_cue, title_begin = _portfolio(names, run, person_cue, title_begin)
    while run and run[0][2] in cues.TITLE_WORDS:
        person_cue = True
        title_begin = run[0][0] if title_begin is None else title_begin
        run = run[1:]
    run, person_cue, title_begin = _portfolio(names, run, person_cue, title_begin)
    heads = (*cues.TITLE_HEADS, *cues.RANKS)
    inner = [i for i, t in enumerate(run[:-1]) if t[2] in heads and run[i + 1][2] not in cues.TITLE_WORDS]
    if (
        inner
        and 1 <= len(run) - inner[-1] - 1 <= 3
        and class_from_name(names.text[run[inner[-1] + 1][0] : run[-1][1]]) is None
    ):
        # "Iraqi Kurdistan Regional President Masoud Barzani": the words up to the title are the title's
        if country is None and _demonym_or_country(run[0][2]):  # "Czech State Secretary Jan K. Novak"
            country = names.country_of(run[0][2], (run[0][0], run[0][1]))
        person_cue = True
        title_begin = run[0][0] if title_begin is None else title_begin
        run = run[inner[-1] + 1 :]
    while run and names.text[run[0][0] : run[0][1]] in ("of", "of the"):
        run = run[1:]
    return run, person_cue, country, title_begin


def _portfolio(
    names: Names, run: list[Token], person_cue: bool, title_begin: int | None
) -> tuple[list[Token], bool, int | None]:
    """ "Secretary of State Antony Blinken", "Minister for Foreign Affairs Ana Ostrom": what the title is
    of or for is the title's, not the name's."""
    whole = bool(run) and all(t[2] in cues.PORTFOLIO_WORDS for t in run)  # a known name follows the run
    if not run or run[0][2] not in cues.PORTFOLIO_WORDS or not (whole or len(run) > 2):
        return run, person_cue, title_begin
    # the title's pattern is long: asked only of a run that could be a portfolio (most runs are not)
    portfolio = _PORTFOLIO_OF.search(names.text, max(0, run[0][0] - 60), run[0][0])
    if portfolio is None:
        return run, person_cue, title_begin
    while run and run[0][2] in cues.PORTFOLIO_WORDS and (whole or len(run) > 2):
        run = run[1:]
    return run, True, portfolio.start() if title_begin is None else title_begin


def _demonym_or_country(word: str) -> bool:
    """ "Russian" in "Russian Foreign Minister", "US" in "US Secretary of State"."""
    return bool(re.fullmatch(cues.DEMONYM, word)) or gazetteer.country_of_demonym(word) is not None


def _single_word_name(names: Names, word: str, begin: int, end: int, sentence_begin: int) -> bool:
    """A one-word name is not a month or weekday, a demonym used as an adjective ("Russian-Syrian
    relations", "Syrian officials"), or a capitalised word seen only at the start of sentences."""
    if word in cues.CALENDAR:
        return False
    after = names.text[end : end + 2]
    adjective = (
        re.fullmatch(cues.DEMONYM, word)
        and not gazetteer.country(word)  # "Japan has", "Sudan did not": a country's name, not an adjective
        and not (gazetteer.country_of_demonym(word) is None and gazetteer.city(word))  # "Nairobi", "Tehran"
    )
    if adjective and (re.match(r"\s[a-z]", after) or after.startswith("-")):
        return False
    if "-" in word and all(re.fullmatch(cues.DEMONYM, part) for part in word.split("-")):
        return False  # "Russian-Syrian relations"
    if (
        _at_sentence_start(names, begin, sentence_begin)
        and not _seen_inside_sentence(names, word)
        and not gazetteer.country(word)  # "Kenya has signed ...": a country, wherever it stands
        and class_from_name(word) != "InternationalBody"  # "UN Special Envoy X said": the UN
    ):
        return False
    return len(word) >= 2


def _person_at(names: Names, begin: int) -> tuple[int, str] | None:
    """(begin, key) of a person's name that starts here."""
    persons = {k for k in names.index.starting(begin) if "Person" in names.entities[k].classes}
    if len(persons) < 2:  # the index answers; for two or more, the first in the entities' order
        return (begin, persons.pop()) if persons else None
    for ent in names.entities.values():
        if "Person" in ent.classes and any(b == begin for b, _ in ent.spans):
            return begin, ent.key
    return None


def _release(names: Names, begin: int, end: int) -> bool:
    """Give up known-name mentions inside a longer organisation name; False if one is not a known name."""
    inside = [(names.entities[k], (b, e)) for b, e, k in names.index.within(begin, end)]
    if not inside or not all(e.known for e, _ in inside):
        return False
    for ent, span in inside:
        ent.spans.remove(span)
    return True


def _at_sentence_start(names: Names, begin: int, sentence_begin: int) -> bool:
    return not names.text[sentence_begin:begin].strip(" “\"‘'(")


def _seen_inside_sentence(names: Names, word: str) -> bool:
    starts = names.sorted_sentence_starts
    for span in whole_word_spans(names.text, word):
        at = bisect.bisect_right(starts, span[0])
        sentence = starts[at - 1] if at else 0
        if not _at_sentence_start(names, span[0], sentence) and not names.in_heading(span[0]):
            return True
    return False


def _appointed(text: str, f: FoundName) -> bool:
    """Whether the name is of someone appointed to a post: "named Ana Ruiz as its new envoy", "Ana
    Ruiz was appointed ambassador" (a person, whom nothing else in the text may tell)."""
    before = cues.APPOINTED_BEFORE.search(text[max(0, f[0] - 30) : f[0]])
    return bool(before and cues.AS_POST.match(text[f[1] : f[1] + 60])) or bool(
        cues.APPOINTED_AFTER.match(text[f[1] : f[1] + 60])
    )


def guess(names: Names, found: list[FoundName]) -> tuple[str | None, str | None]:
    text = names.text
    label = found[0][2]
    by_name = class_from_name(label)
    if by_name:
        return by_name, None
    if gazetteer.country(label):
        return "Country", None
    if label.endswith("s") and gazetteer.country_of_demonym(label[:-1]):
        return "CollectiveAgent", None  # "Americans", "Kenyans": the people of a country
    acts = any(cues.AGENT_AFTER.match(text[f[1] : f[1] + 30]) for f in found)
    place = any(cues.PLACE_BEFORE.search(text[max(0, f[0] - 20) : f[0]]) for f in found)
    known_city = gazetteer.city(label)
    # "Commonwealth" is a city somewhere too; "San Bernardino" is not much else
    if known_city and not acts and (known_city.capital or place or " " in label):
        return "City", None
    if any(_TITLED_BEFORE.search(text[max(0, f[0] - 60) : f[0]]) for f in found) and " " in label:
        return "Person", None  # "the President of Nigeria, Bola Ahmed Tinubu"
    if (
        any(f[3] for f in found)
        or any(cues.PERSON_APPOSITIVE.match(text[f[1] : f[1] + 80]) for f in found)
        # "veteran diplomat Daniel Otieno", "his Dutch colleague Eva de Vries", "UN Special Envoy for Syria X"
        or (" " in label and any(cues.PERSON_BEFORE.search(text[max(0, f[0] - 80) : f[0]]) for f in found))
        or (" " in label and any(_appointed(text, f) for f in found))  # "has named Ana Ruiz as its new envoy"
    ):
        return "Person", None
    if any(
        cues.PUBLISHER_BEFORE.search(text[max(0, f[0] - 80) : f[0]])
        or cues.PUBLISHER_AFTER.match(text[f[1] : f[1] + 30])
        for f in found
    ):
        return "NewsPublisher", None
    if place and acts and " " not in label:  # "visit Moscow" and "Moscow shares these sentiments"
        return "Government", (
            "class guessed: a place name that also speaks or acts, so a government named by its "
            "seat (metonymy); say whose (governmentOf) and give its label, or make it the place"
        )
    if place:
        return "Place", "class guessed from a place word before it (in, to, from, visit): say which kind of place"
    if acts:
        if " " in label:
            return "Person", "class guessed: a name that speaks or acts; check it is a person"
        return "Organization", "class guessed: a name that speaks or acts; say what it is"
    return "Organization", "class not known and no cue found: say what it is"
