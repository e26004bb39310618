"""The build's link summary counted from the ledger's tallies says what the summary of every result says."""

import random

from kg.build.ledger import Links
from kg.build.result import kept_summary
from kg.link.linker import NOT_CACHED, LinkResult, LinkSummary


def test_the_tallied_summary_is_the_summary_of_every_result():
    rng = random.Random(7)
    labels = [f"Name {i}" for i in range(30)]
    reasons = [f"{NOT_CACHED} (offline)", "no candidate", "ambiguous"]
    for _round in range(40):
        corpus = [
            LinkResult(
                f"e{i}",
                "entities",
                rng.choice(labels),
                "Person",
                *(("Q1", 1.0, "pin", "") if rng.random() < 0.4 else (None, None, "none", rng.choice(reasons))),
            )  # fmt: skip
            for i in range(rng.randrange(4))
        ]
        links, every = Links(), list(corpus)
        for slug in sorted(f"a{n:03d}" for n in rng.sample(range(200), rng.randrange(1, 12))):
            results = []
            for _ in range(rng.randrange(8)):
                if rng.random() < 0.3:
                    results.append({"chosen": "Q2", "method": rng.choice(["pin", "search"]), "label": "", "reason": ""})
                else:
                    results.append({"chosen": None, "method": "none", "label": rng.choice(labels[:6]),
                                    "reason": rng.choice(reasons)})  # fmt: skip
            links.add(slug, results, 1)
            every += [
                LinkResult("x", slug, r["label"], "Person", r["chosen"], None, r["method"], r["reason"])
                for r in results
            ]
        # the results in the order a build from the records reads them: the entity graph's, then by article
        whole = LinkSummary(sorted(every, key=lambda r: (r.article != "entities", r.article)), 3)
        tallied = kept_summary(LinkSummary(list(corpus), 3), corpus, links)
        assert tallied.lacks_answers == whole.lacks_answers
        assert len(tallied.linked) == len(whole.linked) and len(tallied.unlinked) == len(whole.unlinked)
        assert str(tallied) == str(whole)
