"""Each article's second pass: link it (unless its links are kept), keep it, and validate it with the part
of the entity graph it names (unless the validation memo knows the answer).

The article's lines are parsed once for all of this, in a worker process (``kg.util.parallel``): the records
are written by the worker and only their small metadata and the findings travel back. Linking that may
ask Wikidata is done beforehand in the building process, one article after the other, so that the
Wikidata client stays one polite, serial client.
"""

from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from kg import export
from kg import validate as validation
from kg.build.units import CompiledUnit, LinkedUnit, Units
from kg.core.namespaces import graph_iri
from kg.rdf import ntriples
from kg.rdf.graphstore import filled, release
from kg.validate import Finding, Memo


@dataclass
class Task:
    unit: CompiledUnit
    key: str  # of its linked record
    kept: LinkedUnit | None  # its linked record, when kept from an earlier build (or linked already)
    part: list[str]  # the lines of the entity graph it names (validated with it)


@dataclass
class Done:
    linked: LinkedUnit
    fresh: bool  # the linked record was made by this build
    findings: list[Finding] = field(default_factory=list)
    memo_key: str | None = None


def made(units: Units, key: str, name: URIRef, lines: list[str], results=(), countries=None, reads=()) -> LinkedUnit:
    """A linked record of a graph's lines (and the link results that made it, with what of the
    Wikidata cache they read), kept."""
    from kg.link.linker import LinkSummary, result_as_json

    unit = LinkedUnit(
        key=key,
        digest=ntriples.digest(lines),
        triples=len(lines),
        results=[result_as_json(r) for r in results],
        lacks_answers=LinkSummary(list(results), 0).lacks_answers,
        countries={str(k): v for k, v in (countries or {}).items()},
        reads=list(reads),
        lines=lines,
        trig=export.trig_document(str(name), lines),
    )
    units.put(unit)
    return unit


class Finisher:
    """``finisher(task) -> Done``; ``linker`` is None when nothing links (the graph is taken as compiled)."""

    def __init__(self, units: Units, memo: Memo | None, linker, countries: dict):
        self.units, self.memo, self.linker, self.countries = units, memo, linker, countries

    def link(self, task: Task) -> tuple[LinkedUnit, Graph | None, list[str]]:
        """The article's linked record, made now; the graph it was made from, when it was parsed; and
        its lines (the record keeps them on disk only)."""
        unit = task.unit
        lines = self.units.take(unit, "lines")
        if self.linker is None:
            return made(self.units, task.key, graph_iri(unit.slug), lines), None, lines
        graph = ntriples.graph(lines)
        size = len(graph)
        found, reads = self.linker.link_article(unit.slug, graph, unit.language, self.countries)
        # linking only adds triples: when it added none, the lines are the compiled ones
        linked_lines = lines if len(graph) == size else ntriples.lines(graph)
        return made(self.units, task.key, graph_iri(unit.slug), linked_lines, found, reads=reads), graph, linked_lines

    def __call__(self, task: Task) -> Done:
        graph = lines = None
        if task.kept is None:
            linked, graph, lines = self.link(task)
            done = Done(linked, True)
        else:
            done = Done(task.kept, False)
        if self.memo is not None:
            done.memo_key = self.memo.key(done.linked.digest, ntriples.digest(task.part))
            remembered = self.memo.get(done.memo_key)
            if remembered is not None:
                done.findings = remembered
                if graph is not None:
                    release(graph)
                return done
        if lines is None:
            lines = self.units.take(done.linked, "lines")
        if graph is None:
            graph = ntriples.graph(lines)
        ntriples.graph(task.part, into=graph)
        filled(graph)
        done.findings = validation.validate(graph, owned=True, lines=[*lines, *task.part]).findings
        release(graph)
        if self.memo is not None and done.memo_key is not None:
            self.memo.put(done.memo_key, done.findings)
        return done
