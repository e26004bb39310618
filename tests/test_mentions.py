"""Automatic mentions: every whole-word occurrence of an entity's names, unless the mapping lists the
node's mentions or another entity's mention claims the span."""

from rdflib import URIRef

from kg.build import build
from kg.compile.mentions import Named, find_mentions
from kg.core.namespaces import DKG, NIF, graph_iri
from kg.load.quotes import WordIndex, word_starts

from .conftest import CORPUS_DIR, SEED_SLUG, copy_corpus

ENTITY = "https://w3id.org/diplokg/entity/"
ID = f"https://w3id.org/diplokg/id/{SEED_SLUG}/"
SEED_TEXT = (CORPUS_DIR / "000_seed" / "article.txt").read_text(encoding="utf-8")


def spans(result, slug, iri):
    graph = result.graphs[graph_iri(slug)]
    return sorted(
        (int(graph.value(s, NIF.beginIndex)), int(graph.value(s, NIF.endIndex)))
        for s in graph.objects(URIRef(iri), DKG.mention)
    )


def words(name, text=SEED_TEXT):
    return [(b, b + len(name)) for b in word_starts(text, name)]


def test_seed_mentions_count_every_whole_word_occurrence_attributable_to_the_entity(corpus_build):
    """Before automatic mentions: Russia 0, Syria 0, Moscow (the government) 1, Damascus 1, Lavrov 1."""
    russia = spans(corpus_build, SEED_SLUG, ENTITY + "russia")
    assert russia == words("Russia") and len(russia) == 8  # "Russia’s" is the word Russia; "Russian" is not
    administration = spans(corpus_build, SEED_SLUG, ID + "syrian-administration")
    syria = spans(corpus_build, SEED_SLUG, ENTITY + "syria")
    # the "Syria" of "Syria’s new administration" lies in the administration's listed mention
    inside = [w for w in words("Syria") if any(b <= w[0] and w[1] <= e for b, e in administration)]
    assert len(inside) == 1 and syria == [w for w in words("Syria") if w not in inside] and len(syria) == 8
    government = spans(corpus_build, SEED_SLUG, ID + "russian-government")
    assert government == words("Moscow") and len(government) == 8  # metonymy, listed on the government
    assert spans(corpus_build, SEED_SLUG, ENTITY + "moscow") == []  # the city is never named
    damascus = spans(corpus_build, SEED_SLUG, ENTITY + "damascus")
    metonymic = words("Damascus")[3]  # "while Damascus seeks to balance": listed on the administration
    assert metonymic in administration
    assert damascus == [w for w in words("Damascus") if w != metonymic] and len(damascus) == 3
    lavrov = spans(corpus_build, SEED_SLUG, ENTITY + "sergei-lavrov")
    full = words("Sergei Lavrov")
    assert lavrov == sorted(full + [w for w in words("Lavrov") if not any(b <= w[0] and w[1] <= e for b, e in full)])
    assert len(lavrov) == 4


def test_longest_match_and_listed_mentions_win(corpus_build):
    """ "Tartus" lies in the naval facility's and the port's listed mentions: the city gets none."""
    assert spans(corpus_build, SEED_SLUG, ENTITY + "tartus") == []
    graph = corpus_build.graphs[graph_iri(SEED_SLUG)]
    for claim in graph.subjects(DKG.statedIn, None):  # claims and topics are not named entities
        assert (claim, DKG.mention, None) not in graph
    assert (URIRef(ENTITY + "russian-syrian-relations"), DKG.mention, None) not in graph


def test_mentions_stay_in_the_article_graph(corpus_build):
    from kg.core.namespaces import ENTITIES_GRAPH

    assert not list(corpus_build.graphs[ENTITIES_GRAPH].triples((None, DKG.mention, None)))


def named(key, *names, listed=False):
    return Named(URIRef(ENTITY + key), set(names), listed)


def test_rules_on_one_text():
    text = "The Russian naval facility in Tartus and Tartus. Ahmad said. Moscow spoke."
    entities = [
        named("facility", "Russian naval facility in Tartus"),
        named("tartus", "Tartus"),
        named("a", "Ahmad"),
        named("b", "Ahmad"),  # one name, two entities: neither gets it
        named("city", "Moscow"),
        named("government", "Moscow", listed=True),
    ]
    moscow = text.index("Moscow")
    found = find_mentions(text, entities, [(moscow, moscow + 6, URIRef(ENTITY + "government"))])
    facility = text.index("Russian naval")
    assert found == {
        URIRef(ENTITY + "facility"): [(facility, facility + 32)],
        URIRef(ENTITY + "tartus"): [(text.rindex("Tartus"), text.rindex("Tartus") + 6)],
    }


def test_names_come_from_the_node_and_the_entity_list_never_from_other_articles(tmp_path):
    """Another article's spelling ("S. Lavrov") does not make a mention here; the list's ("Sergey Lavrov") does."""
    corpus = copy_corpus(tmp_path / "c", ["000_seed"])
    for name, text, extra in (
        ("100_a", "Sergey Lavrov and S. Lavrov met reporters. Damascus was calm.\n", ""),
        ("110_b", "S. Lavrov arrived.\n", "    aliases: [S. Lavrov]\n"),
    ):
        folder = corpus / name
        folder.mkdir()
        (folder / "article.txt").write_text(text, encoding="utf-8")
        slug = name.split("_")[1]
        (folder / "mapping.yaml").write_text(
            f"article:\n  slug: art-{slug}\n  publisher: pub\n  defaults:\n    according_to: pub\nnodes:\n"
            "  pub: {a: NewsPublisher, label: Pub, entity: none}\n"
            f"  lavrov:\n    a: Person\n    label: Sergei Lavrov\n{extra}"
            "  calm:\n    a: StateOfAffairs\n    status: ongoing\n    stateOf: damascus\n    condition: calm\n"
            "    evidence: [Damascus was calm.]\n"
            if slug == "a"
            else f"article:\n  slug: art-{slug}\n  publisher: pub\n  defaults:\n    according_to: pub\nnodes:\n"
            "  pub: {a: NewsPublisher, label: Pub, entity: none}\n"
            f"  lavrov:\n    a: Person\n    label: Sergei Lavrov\n{extra}",
            encoding="utf-8",
        )
    result = build(corpus, None)
    text = (corpus / "100_a" / "article.txt").read_text(encoding="utf-8")
    assert spans(result, "art-a", ENTITY + "sergei-lavrov") == [(0, len("Sergey Lavrov"))]
    assert spans(result, "art-b", ENTITY + "sergei-lavrov") == [(0, len("S. Lavrov"))]
    # an entity named only by its id (stateOf: damascus, no node) is mentioned too
    assert spans(result, "art-a", ENTITY + "damascus") == words("Damascus", text)


def test_the_word_index_finds_what_a_search_of_the_whole_text_finds():
    """The index of words answers exactly as word_starts: glued letters and digits on either side,
    punctuation and spaces at a quote's edges, overlapping matches, non-Latin letters, a word at the
    very start or end of the text."""
    text = (
        "Syria and Syrian forces; Syria’s envoy (Syria). U.S. and U.S.-led talks, US-UK. Al-Sharaa, al-Sharaa "
        "said: “Syria” 2024 and 20245. Ålesund Ålesunds Moskva/Москва Москвы. aa aaa aa_aa Syria"
    )
    index = WordIndex(text)
    quotes = [
        "Syria", "Syrian", "Syria’s envoy", "U.S.", "U.S", "US", "UK", "Al-Sharaa", "al-Sharaa", "Sharaa",
        "2024", "Ålesund", "Москва", "Москв", "aa", "aa aaa", "“Syria”", "Syria”", ") U", "(Syria)", "_aa", "a",
    ]  # fmt: skip
    for quote in quotes:
        assert index(text, quote) == word_starts(text, quote), quote
    assert index(text, "Syria") == index(text, "Syria")  # remembered, the same answer
    assert index("another text, Syria", "Syria") == [14]  # another text is searched, not looked up


def test_a_quote_with_a_common_first_word_is_found_by_a_rarer_word_of_it():
    """A quote whose first word is common is looked up by the places of a rarer word inside it: the
    same matches as a search of the whole text, for every span of a text with many repeated words
    (words glued to a quote's edges, underscores, the rarer word at the quote's end or cut by it)."""
    import random

    rng = random.Random(7)
    vocabulary = ["The", "the", "talks", "Talks", "of", "envoy", "Syria", "Syrian", "a_b", "2024", "Москва"]
    pieces = []
    for _ in range(600):
        pieces.append(rng.choice(vocabulary))
        pieces.append(rng.choice([" ", " ", ", ", ". ", "-", "’s ", "_", ""]))
    text = "".join(pieces)
    index = WordIndex(text)
    for _ in range(3_000):
        begin = rng.randrange(len(text))
        quote = text[begin : begin + rng.randint(1, 40)]
        assert index(text, quote) == word_starts(text, quote), quote
    assert len(index(text, "The")) > 8  # the first word is common: the rarer word was used
