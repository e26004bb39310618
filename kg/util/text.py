"""Clipping text for one line of output: messages, table cells, labels and titles on pages.

One helper, so that every clipped text ends the same way and no caller gets the arithmetic wrong.
"""


def clip(text: str, limit: int, marker: str = "…", *, keep: int | None = None, rstrip: bool = False) -> str:
    """``text`` if it has at most ``limit`` characters, else its first characters and ``marker``.

    By default as much is kept as leaves room for the marker, so the result has ``limit`` characters;
    ``keep`` says how many instead. ``rstrip`` drops the spaces that would stand before the marker.
    """
    if len(text) <= limit:
        return text
    head = text[: max(limit - len(marker), 0) if keep is None else keep]
    return (head.rstrip() if rstrip else head) + marker


def one_line(text: str, limit: int) -> str:
    """``text`` with its runs of white space made one space, clipped to ``limit`` with an ellipsis."""
    return clip(" ".join(text.split()), limit, rstrip=True)


def counted(count: int, noun: str, plural: str | None = None, *, grouped: bool = False) -> str:
    """``count`` and ``noun``, singular for one and plural otherwise: "1 article", "0 articles", "3 entities".

    One helper for every count kg prints, so that no message says "1 articles" and none hedges with
    "article(s)". The plural is ``plural``, else the noun with "ies" for a "y" after a consonant, "es"
    after s, x, ch or sh, "s" otherwise. ``grouped`` writes thousands with commas (12,345)."""
    if plural is None:
        if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
            plural = noun[:-1] + "ies"
        elif noun.endswith(("s", "x", "ch", "sh")):
            plural = noun + "es"
        else:
            plural = noun + "s"
    return (f"{count:,}" if grouped else str(count)) + " " + (noun if count == 1 else plural)
