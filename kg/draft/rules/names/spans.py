"""An index of every mention the rules have found, by where it begins, so that the questions asked
of the text again and again (which mentions lie in this sentence, is this word already a mention, which
person's name starts here) cost a bisection, not a scan of every mention of a long article: scanning
them all for each question made drafting grow with the square of the text (issue 22).

The index follows the entities as they change, whatever changes them: an entity's ``spans`` is a
``TrackedSpans`` list and the entities are kept in an ``Entities`` dict, and both report every change
to the ``SpanIndex`` of the article, which applies the changes in a batch before the next question.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from typing import Any, SupportsIndex

Entry = tuple[int, int, str]  # begin, minus end, entity key: in the order the rules list mentions in
_BATCH = 64  # more pending changes than this are applied by one sort instead of one bisection each


class SpanIndex:
    """The mentions of the entities of one ``Entities`` dict, sorted by (begin, longest first, key)."""

    def __init__(self, entities: Entities):
        self.entities = entities
        self.entries: list[Entry] = []
        self.held: dict[int, int] = {}  # id of an entity -> how many keys of the dict hold it
        self.added: list[Entry] = []
        self.removed: list[Entry] = []
        self.stale = False  # a change the index cannot follow one mention at a time: rebuild it
        self.longest = 0  # no mention is longer than this (never lowered: a bound, not a maximum)

    # -- changes ------------------------------------------------------------------------------------
    def add(self, entity: Any, spans: Iterable[tuple[int, int]]) -> None:
        count = self.held.get(id(entity), 0)
        for begin, end in spans:
            self.longest = max(self.longest, end - begin)
            self.added.extend([(begin, -end, entity.key)] * count)

    def remove(self, entity: Any, spans: Iterable[tuple[int, int]]) -> None:
        count = self.held.get(id(entity), 0)
        for begin, end in spans:
            self.removed.extend([(begin, -end, entity.key)] * count)

    def hold(self, entity: Any) -> None:
        entity._index = self
        self.held[id(entity)] = self.held.get(id(entity), 0) + 1
        self.longest = max([self.longest, *(e - b for b, e in entity.spans)])
        self.added.extend((b, -e, entity.key) for b, e in entity.spans)

    def release(self, entity: Any) -> None:
        self.removed.extend((b, -e, entity.key) for b, e in entity.spans)
        count = self.held[id(entity)] - 1
        if count:
            self.held[id(entity)] = count
        else:
            del self.held[id(entity)]

    def _current(self) -> list[Entry]:
        """The index as it stands, every pending change applied (additions first: a mention added and
        removed again before a question is simply gone)."""
        if self.stale:
            self.entries = sorted((b, -e, ent.key) for ent in self.entities.values() for b, e in ent.spans)
            self.longest = max([self.longest, *(-ne - b for b, ne, _ in self.entries)])
            self.added, self.removed, self.stale = [], [], False
        if self.added:
            if len(self.added) > _BATCH:
                self.entries.extend(self.added)
                self.entries.sort()
            else:
                for entry in self.added:
                    bisect.insort(self.entries, entry)
            self.added = []
        if self.removed:
            if len(self.removed) > _BATCH:
                gone = Counter(self.removed)
                kept = []
                for entry in self.entries:
                    if gone.get(entry):
                        gone[entry] -= 1
                    else:
                        kept.append(entry)
                self.entries = kept
            else:
                for entry in self.removed:
                    del self.entries[bisect.bisect_left(self.entries, entry)]
            self.removed = []
        return self.entries

    # -- questions ----------------------------------------------------------------------------------
    def within(self, begin: int, end: int) -> list[tuple[int, int, str]]:
        """(begin, end, key) of the mentions inside [begin, end), by begin, the longer first, then key."""
        entries = self._current()
        lo, hi = bisect.bisect_left(entries, (begin,)), bisect.bisect_left(entries, (end + 1,))
        return [(b, -ne, key) for b, ne, key in entries[lo:hi] if -ne <= end]

    def overlapping(self, begin: int, end: int) -> bool:
        """Whether a mention shares a character with [begin, end)."""
        entries = self._current()
        lo, hi = bisect.bisect_left(entries, (begin - self.longest,)), bisect.bisect_left(entries, (end,))
        return any(-ne > begin for _, ne, _ in entries[lo:hi])

    def containing(self, begin: int, end: int) -> bool:
        """Whether a mention holds all of [begin, end)."""
        entries = self._current()
        lo, hi = bisect.bisect_left(entries, (end - self.longest,)), bisect.bisect_left(entries, (begin + 1,))
        return any(-ne >= end for _, ne, _ in entries[lo:hi])

    def starting(self, begin: int) -> list[str]:
        """The keys of the entities with a mention that begins at ``begin``."""
        entries = self._current()
        lo, hi = bisect.bisect_left(entries, (begin,)), bisect.bisect_left(entries, (begin + 1,))
        return [key for _, _, key in entries[lo:hi]]


class Entities(dict):
    """The entities of an article by key (the key is the entity's own), telling its index what
    comes and goes."""

    def __init__(self) -> None:
        super().__init__()
        self.index = SpanIndex(self)

    def __setitem__(self, key: str, entity: Any) -> None:
        old = self.get(key)
        if old is entity:
            return
        super().__setitem__(key, entity)
        if old is not None:
            self.index.release(old)
        self.index.hold(entity)

    def __delitem__(self, key: str) -> None:
        entity = self[key]
        super().__delitem__(key)
        self.index.release(entity)

    def pop(self, key: str, *default: Any) -> Any:
        if key in self:
            entity = self[key]
            del self[key]
            return entity
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, Any]:
        key, entity = super().popitem()
        self.index.release(entity)
        return key, entity

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, entity in dict(*args, **kwargs).items():
            self[key] = entity

    def __ior__(self, other: Any) -> Entities:  # type: ignore[misc]
        self.update(other)
        return self

    def clear(self) -> None:
        for key in list(self):
            del self[key]


class TrackedSpans(list):
    """An entity's mentions, (begin, end) each: a list that tells the index holding its entity of each
    mention added or removed."""

    __slots__ = ("owner",)

    def __init__(self, items: Iterable[tuple[int, int]] = (), owner: Any = None):
        super().__init__(items)
        self.owner = owner

    def _index(self) -> SpanIndex | None:
        return getattr(self.owner, "_index", None) if self.owner is not None else None

    def _added(self, spans: Iterable[tuple[int, int]]) -> None:
        index = self._index()
        if index is not None:
            index.add(self.owner, spans)

    def _removed(self, spans: Iterable[tuple[int, int]]) -> None:
        index = self._index()
        if index is not None:
            index.remove(self.owner, spans)

    def _reset(self) -> None:
        index = self._index()
        if index is not None:
            index.stale = True

    def append(self, span: tuple[int, int]) -> None:
        super().append(span)
        self._added([span])

    def insert(self, at: SupportsIndex, span: tuple[int, int]) -> None:
        super().insert(at, span)
        self._added([span])

    def extend(self, spans: Iterable[tuple[int, int]]) -> None:
        spans = list(spans)
        super().extend(spans)
        self._added(spans)

    def __iadd__(self, spans: Iterable[tuple[int, int]]) -> TrackedSpans:  # type: ignore[override,misc]
        self.extend(spans)
        return self

    def remove(self, span: tuple[int, int]) -> None:
        super().remove(span)
        self._removed([span])

    def pop(self, at: SupportsIndex = -1) -> tuple[int, int]:
        span = super().pop(at)
        self._removed([span])
        return span

    def clear(self) -> None:
        self._removed(list(self))
        super().clear()

    def __setitem__(self, at: Any, value: Any) -> None:
        super().__setitem__(at, value)
        self._reset()

    def __delitem__(self, at: Any) -> None:
        super().__delitem__(at)
        self._reset()

    def __imul__(self, times: SupportsIndex) -> TrackedSpans:
        super().__imul__(times)
        self._reset()
        return self
