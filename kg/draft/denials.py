"""Where a sentence denies what follows: "India denied that it had signed an agreement ...", "The
ministry dismissed reports that the minister would visit Moscow". The words after "that" are what the
speaker says did not happen or is not planned, so no back-end may draft them as a claim: each would state
the opposite of what the sentence reports. Shared by the rules back-end (``kg.draft.rules.denials``) and
the nlp back-end, which each know where their cue words are.
"""

import re

DENIAL = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted|refutes)\s+"
    r"(?:(?:a|an|the|any|all|media|press|news|recent|earlier|local|foreign|such|reports?|claims?|suggestions?"
    r"|allegations?|speculation|rumou?rs?)\s+){0,4}that\s+",
    re.I,
)


def denied_clause(text: str, begin: int, end: int) -> re.Match | None:
    """The first denial in ``text[begin:end]`` (a sentence): its match ends where the denied words begin."""
    return DENIAL.search(text, begin, end)
