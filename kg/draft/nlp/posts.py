"""Posts from the titles in front of a person's name: "Defence Secretary Michael Fallon", "Secretary of
Defense James Mattis", "UK Ambassador Sir Peter Westmacott". One post per person and title, with
every place it is named as evidence; a country named inside the title is where the post is.
"""

from kg.draft.model import DraftNode, Located, TextSpan
from kg.draft.nlp.entities import TITLE_WORDS, Entities, NlpEntity

HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "capt.", "gen.", "lt."}
JOINERS = {"of", "for", "and", "the"}


def posts(doc, ents: Entities) -> list[DraftNode[Located]]:
    """Post claims for the titled names of the Doc; ``ents.titles`` learns who each title names."""
    made: dict[tuple[str, str], DraftNode[Located]] = {}
    main = _main_country(ents)
    for ent in list(ents.by_key.values()):
        if ent.cls != "Person":
            continue
        for first in sorted(i for i in ent.tokens if i == 0 or doc[i - 1].i not in ent.tokens):
            title = _title(doc, ents, first) or _apposition(doc, ent, first)
            if title is None:
                continue
            begin, end = _trim(doc, *title)
            label = doc[begin:end].text
            name_end = _end_of(doc, ent, first)
            if begin < first:  # "Defence Secretary Michael Fallon"
                evidence = TextSpan(doc[begin].idx, name_end)
            else:  # "Mikhail Bogdanov, Russia's Deputy Foreign Minister"
                evidence = TextSpan(doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))
            key = (ent.key, label.casefold())
            same = key if key in made else _same_post(made, ent.key, label)
            country = _country(doc[begin:end], ents)
            if same is not None:  # "Secretary Mattis" after "Defense Secretary James N. Mattis": one post
                post = made[same]
                post.evidence.append(evidence)
                if len(label) > len(post.label or "") and (country is not None or not post.notes):
                    post.label = label
                    if country is not None:
                        post.props["postIn"], post.notes = [country], []
                continue
            ents.titles.setdefault(label.casefold(), ent.key)
            guess = country is None and main is not None
            if country is None and main is None:
                continue  # a post must be in a country, and the article names none
            post = DraftNode(f"post-{len(made) + 1}", ["Post"], label, evidence=[evidence], status="ongoing")
            post.props = {"heldBy": [ent.key], "postIn": [country or main]}
            if guess:
                post.notes.append(f"postIn is the country the article names most ({main}): the title names none")
            made[key] = post
    return list(made.values())


def _words(label: str) -> set[str]:
    return {w for w in label.casefold().split() if w not in JOINERS}


def _same_post(made: dict[tuple[str, str], DraftNode[Located]], person: str, label: str) -> tuple[str, str] | None:
    """The post already made for this person whose title has all this one's words, or whose words this
    one has ("Secretary" and "Secretary of Defense"): the same post, named shorter or longer."""
    words = _words(label)
    for (holder, other), _ in made.items():
        if holder == person and (words <= _words(other) or _words(other) <= words):
            return holder, other
    return None


def _trim(doc, begin: int, end: int) -> tuple[int, int]:
    """The title without the heading's words before it ("Readout of Secretary of Defense", "Call with
    Iraqi Kurdistan Regional President") or another person's title joined by "and" ("President and Prime
    Minister Cameron"); "Minister of Trade and Industry" keeps its "and"."""
    first = next((i for i in range(begin, end) if doc[i].lower_ in TITLE_WORDS), begin)
    cut = [i for i in range(begin, first) if doc[i].is_alpha and doc[i].is_lower]  # not "’s"
    if cut:
        begin = cut[-1] + 1
    joined = [i for i in range(begin, end - 1) if doc[i].lower_ == "and" and doc[i + 1].lower_ in TITLE_WORDS]
    if joined:
        begin = joined[-1] + 1
    return begin, end


def _title(doc, ents: Entities, first: int) -> tuple[int, int] | None:
    """The title words just before the name starting at token ``first``: capitalised words (and "of",
    "for" between them) of one sentence, at least one of them a title word; honorifics are skipped."""
    end = first
    while end > 0 and doc[end - 1].lower_ in HONORIFICS:
        end -= 1
    begin = end
    sentence_start = doc[first].sent.start
    while begin > sentence_start:
        token = doc[begin - 1]
        owner = ents.of(token)
        if owner is not None and owner.cls == "Person":
            break
        if token.lower_ in JOINERS and begin < end and token.lower_ != "the":
            begin -= 1
            continue
        if token.is_alpha and (token.text[:1].isupper() or token.lower_ in TITLE_WORDS) or owner is not None:
            begin -= 1
            continue
        break
    while begin < end and doc[begin].lower_ in JOINERS:
        begin += 1
    words = {t.lower_ for t in doc[begin:end]}
    return (begin, end) if words & TITLE_WORDS else None


def _apposition(doc, ent: NlpEntity, first: int) -> tuple[int, int] | None:
    """A title after the name, set off by a comma: "Ahmad Al-Sharaa, head of the Syrian administration"."""
    last = first
    while last + 1 in ent.tokens:
        last += 1
    for token in (doc[last], doc[first]):
        for child in token.children:
            if child.dep_ == "appos" and child.i > last and child.lower_ in TITLE_WORDS:
                begin = child.left_edge.i
                while begin < child.i and (doc[begin].dep_ == "det" or doc[begin].is_punct):
                    begin += 1
                end = child.right_edge.i + 1
                while end > child.i + 1 and doc[end - 1].is_punct:
                    end -= 1
                return begin, end
    return None


def _country(title, ents: Entities) -> str | None:
    """The country a title names: a country entity in it ("UK Ambassador"), or a nationality word
    that begins like a country the article names ("Japanese" and Japan, "Russian" and Russia)."""
    for token in title:
        found = ents.of(token)
        if found is not None and found.cls == "Country":
            return found.key
    countries = [e for e in ents.by_key.values() if e.cls == "Country"]
    for token in title:
        if token.ent_type_ == "NORP" or (token.pos_ == "ADJ" and token.text[:1].isupper()):
            for country in countries:
                stem = country.label.casefold()[: max(4, len(country.label) - 2)]
                if len(stem) >= 4 and token.lower_.startswith(stem):
                    return country.key
    return None


def _main_country(ents: Entities) -> str | None:
    countries = [e for e in ents.by_key.values() if e.cls == "Country"]
    return max(countries, key=lambda e: len(e.spans)).key if countries else None


def _end_of(doc, ent: NlpEntity, first: int) -> int:
    last = first
    while last + 1 in ent.tokens:
        last += 1
    return doc[last].idx + len(doc[last].text)
