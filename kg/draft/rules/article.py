"""Claims that come from names rather than from cue words in a sentence, and what an article says about
itself: posts from titles, conferences from their names, editorial notes, the reporting publisher.
"""

import re

from kg.draft.known import slug
from kg.draft.rules import cues
from kg.draft.rules.names import Title
from kg.draft.rules.reading import Reading, RuleClaim, Unit


def posts(r: Reading) -> None:
    """A post for each title tied to a person, in the organisation or state its words name. A title
    that names none takes the organisation of the post listed just before it in the same sentence
    ("X, head of the Syrian administration, Foreign Minister Y"), marked for review; a former title
    that names none is the person's ``formerly`` ("ousted President"): a post needs its organisation."""
    by_key: dict[tuple, RuleClaim] = {}
    listed: tuple[tuple[int, int] | None, str | None] = (None, None)  # (sentence, organisation) of the last post
    for title in sorted(r.names.titles, key=lambda t: (t.begin, t.end)):
        if title.person not in r.entities:
            continue
        label = _post_label(r, title)
        key = (title.person, label.lower())
        if key in by_key:
            by_key[key].evidence.append((title.begin, title.end))
            continue
        inside = [
            k for _, _, k in r.mentions(title.begin, title.end) if k != title.person and r.is_a(k, "Organization")
        ]
        post_in, note = title.country or (inside[0] if inside else None), None
        sentence = r.sentence_of(title.begin)
        if post_in is None and listed[1] is not None and sentence == listed[0]:
            post_in = listed[1]
            note = (
                f"postIn taken from the post listed before it in the sentence ({r.entities[post_in].label}): check it"
            )
        name_begin = min((b for b, _ in r.entities[title.person].spans if title.begin < b < title.end), default=None)
        if post_in is None and title.former and name_begin is not None:  # "ousted President Bashar Al-Assad"
            r.entities[title.person].props.setdefault("formerly", []).append(r.text[title.begin : name_begin].strip())
            continue
        stem = "post-" + slug(r.entities[title.person].label.split()[-1])
        claim = r.claim("Post", (title.begin, title.end), "happened" if title.former else "ongoing", label, stem)
        claim.props["heldBy"] = [title.person]
        if post_in:
            claim.props["postIn"] = [post_in]
            listed = (sentence, post_in)
        if note:
            claim.notes.append(note)
        by_key[key] = claim


def _post_label(r: Reading, title: Title) -> str:
    """The title's words, capitalised, with the country it is held in when the words name none."""
    country = r.entities[title.country].label if title.country in r.entities else None
    label = title.label[:1].upper() + title.label[1:]
    if country and not re.search(r"\b(?:of|to|for)\b", label):
        label = f"{label} of {country}"
    return label


def conference(r: Reading, key: str) -> RuleClaim:
    """The conference a conference's name stands for, made once."""
    existing = next((c for c in r.claims if c.cls == "Conference" and c.head == key), None)
    if existing:
        return existing
    ent = r.entities[key]
    begin, end = ent.spans[0]
    window = r.lower[max(0, begin - 20) : begin]
    status = "planned" if re.search(r"\b(?:upcoming|next|forthcoming)\b", window) else "happened"
    claim = r.claim("Conference", (begin, end), status, ent.label, "conference-" + slug(ent.label), head=key)
    claim.evidence = list(ent.spans)
    if re.search(r"\brecent\b", window):
        claim.props["timeDescription"] = ["recent"]
    return claim


def notes(r: Reading, unit: Unit) -> None:
    """An editorial note where the article speaks of itself ("this article", "the author")."""
    ub, ue = unit
    sentence = r.lower[ub:ue]
    if not re.search(r"\bthis (?:article|story|report)\b|\bthe author\b", sentence):
        return
    publishers = [k for _, _, k in r.mentions(ub, ue) if r.is_a(k, "NewsPublisher")]
    publisher = publishers[0] if publishers else r.article.get("translated_by")
    claim = r.claim("EditorialNote", (ub, ue), "happened", r.text[ub:ue].rstrip("."))
    claim.props["about"] = ["article"]
    if publisher:
        claim.according_to = publisher
        claim.props["reported_by"] = [publisher]
    translated = re.search(r"\btranslated(?:\s+and\s+\w+)?\s+by\s+", r.text[ub:ue])
    if translated and publishers:
        r.article["translated_by"] = publishers[0]
    author = [k for _, _, k in r.mentions(ub, ue) if k == "agent:the author"]
    if author and re.search(r"\bresponsib", sentence):
        r.article["responsible_party"] = author[0]


def reporting_publisher(r: Reading) -> str | None:
    """The publisher whose report the article is: one that sources spoke to, or that reported or quoted
    what the article tells (not one that only translated, published or edited it)."""
    for ent in r.entities.values():
        if "NewsPublisher" not in ent.classes:
            continue
        for b, e in ent.spans:
            if (
                cues.PUBLISHER_BEFORE.search(r.text[max(0, b - 80) : b])
                and not re.search(r"(?:translated|published|edited)", r.text[max(0, b - 40) : b])
                or cues.PUBLISHER_AFTER.match(r.text[e : e + 30])
                and "verified" not in r.text[e : e + 30]
            ):
                return ent.key
    return None
