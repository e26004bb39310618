"""Step 1: the names the corpus knows (entity list, pins, link cache), found in the text longest first,
each with its known class and label, and the entity-list properties that name other entities.
"""

import bisect

from kg.draft.known import name_key
from kg.draft.rules.names.found import Names, class_from_name
from kg.draft.text import whole_word_spans


def corpus_names(names: Names) -> None:
    found = []
    for known in names.corpus.known:
        classes = [c for c in known.classes if names.vocab.is_class(c)] or [
            class_from_name(known.label) or "Organization"
        ]
        key = f"entity:{known.entity}" if known.entity else f"name:{name_key(known.label)}"
        for name in known.names():
            found.append((len(name), name, key, known, classes))
    taken: list[tuple[int, int]] = []  # sorted, searched by bisection (a scan of all grew as a square)
    longest = 0
    for _, name, key, known, classes in sorted(found, key=lambda n: (-n[0], n[1], n[2])):
        for span in whole_word_spans(names.text, name):
            lo, hi = (
                bisect.bisect_left(taken, (span[1] - longest,)),
                bisect.bisect_right(taken, (span[0], len(names.text) + 1)),
            )
            if any(b <= span[0] and span[1] <= e and (b, e) != span for b, e in taken[lo:hi]):
                continue
            if any((b, e) == span for b, e, _ in names.index.within(*span)):  # an entity has it already
                continue
            ent = names.entity(key, known.label, classes, entity=known.entity, known=True)
            ent.aliases = list(dict.fromkeys([*ent.aliases, *known.aliases]))
            for prop, value in known.props:
                values = ent.props.setdefault(prop, [])
                if isinstance(value, str) and known.entity and f"entity:{value}" not in values:
                    values.append(f"entity:{value}")
            ent.add(span)
            bisect.insort(taken, span)
            longest = max(longest, span[1] - span[0])
