"""The validate stage (after linking): SHACL over one article's graph, in memory.

pySHACL is run per article (much slower over a store). SHACL reads one thing from the ontology: the
class hierarchy (``sh:class`` and ``sh:targetClass`` follow ``rdfs:subClassOf*`` in the data graph), so
each validated graph gets the ontology's ``rdfs:subClassOf`` triples rather than pySHACL's copy of the
whole ontology, and is validated in place. pySHACL hands rdflib the text of each SPARQL constraint once
per focus node; ``kg.validate.shacl_sparql`` answers them from an Oxigraph copy of the graph. The graphs are on
``kg.rdf.graphstore``'s one-graph store, and pySHACL's harvest of the shapes is made once per process.
"""

import hashlib
import json
import logging
import os
import warnings
from collections.abc import Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.core.errors import KgError
from kg.core.namespaces import SH
from kg.core.ontology import load_turtle_dir
from kg.core.resources import SHAPES_DIR
from kg.rdf.graphstore import new_graph, release
from kg.util.text import counted


@dataclass(frozen=True, order=True)
class Finding:
    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    shape: str
    path: str
    message: str
    value: str = ""


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph, repr=False)
    # IRI -> "mapping.yaml:line" of the node or quote that made it (CompiledArticle.origins): a finding
    # names the line to fix, not only an IRI
    origins: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        """kg's policy: no violation (warnings do not fail a build). The report graph says, as SHACL
        does, that it conforms only when it has no result at all."""
        return not self.violations

    def text(self) -> str:
        counts = {s: sum(1 for f in self.findings if f.severity == s) for s in ("Violation", "Warning", "Info")}
        head = "conforms" if self.conforms else "does not conform"
        lines = [
            f"{head}: {counted(counts['Violation'], 'violation')}, {counted(counts['Warning'], 'warning')}, "
            f"{counts['Info']} info"
        ]
        for f in sorted(self.findings):
            where = f" {f.path}" if f.path else ""
            value = f" value <{f.value}>" if f.value else ""
            # a node-level (SPARQL) finding reports its culprit as the value; a property finding, as the focus
            culprit = (f.value, f.focus) if not f.path else (f.focus,)
            origin = next((self.origins[c] for c in culprit if c in self.origins), None)
            at = f"{origin}: " if origin else ""
            lines.append(f"{at}{f.severity}: <{f.focus}>{where}{value}: {f.message} [{f.shape}]")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def shapes_graph(directory: Path = SHAPES_DIR) -> Graph:
    """The shapes as written."""
    return load_turtle_dir(directory, "shapes")


@lru_cache(maxsize=1)
def runnable_shapes() -> Graph:
    """The shapes as validation runs them (``hoist_properties``). Their IRIs are the ones data graphs
    read from N-Triples get (``kg.rdf.ntriples.share``): pySHACL's lookups then find them by identity."""
    from kg.rdf import ntriples

    shapes = hoist_properties(shapes_graph())
    ntriples.share(term for triple in shapes for term in triple)
    return shapes


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
SHAPE_REFERENCES = (SH.node, SH["or"], SH["and"], SH["not"], SH.xone, SH.qualifiedValueShape)


def hoist_properties(shapes: Graph) -> Graph:
    """The same shapes, in the form pySHACL runs fastest.

    pySHACL validates a node shape's ``sh:property`` shapes once per focus node, at about 0.1 ms of
    overhead per call (about 1,600 calls for the seed). A property shape may carry targets itself
    (SHACL 2.1.3), and then it is validated once over all its focus nodes, with the same results
    (focus node, path, value, source shape). So each property shape that belongs to exactly one
    node shape, which no other shape refers to, gets that node shape's targets instead of being
    its ``sh:property``; a node shape left with no constraint of its own loses its targets too
    (it would report nothing). The shapes files stay as written."""
    out = new_graph()
    for prefix, namespace in shapes.namespaces():
        out.bind(prefix, namespace)
    for triple in shapes:
        out.add(triple)
    referenced = _referenced_shapes(shapes)
    owners: dict = {}
    for node_shape, prop in shapes.subject_objects(SH.property):
        owners.setdefault(prop, []).append(node_shape)
    for prop, (node_shape, *others) in owners.items():
        # a closed shape allows the paths of its own sh:property shapes: those stay where they are
        if (
            others
            or node_shape in referenced
            or prop in referenced
            or (node_shape, SH.deactivated, None) in shapes
            or (node_shape, SH.closed, None) in shapes
        ):
            continue
        targets = [(p, o) for p in TARGETS for o in shapes.objects(node_shape, p)]
        if not targets or any((prop, p, None) in shapes for p in TARGETS):
            continue
        for p, o in targets:
            out.add((prop, p, o))
        out.remove((node_shape, SH.property, prop))
    for node_shape in sorted({n for ns in owners.values() for n in ns}):
        if (node_shape, SH.property, None) not in out and node_shape not in referenced:
            _untarget_if_empty(out, node_shape)
    return out


def _referenced_shapes(shapes: Graph) -> set:
    """The shapes another shape refers to (sh:node, sh:or lists ...): they stay as written."""
    from rdflib.collection import Collection

    referenced = set()
    for p in SHAPE_REFERENCES:
        for _s, o in shapes.subject_objects(p):
            referenced.add(o)
            if (o, RDF.first, None) in shapes:
                referenced.update(Collection(shapes, o))
    return referenced


# what a node shape may carry that checks nothing
_NOT_CONSTRAINTS = {
    RDF.type,
    RDFS.comment,
    RDFS.label,
    SH.name,
    SH.message,
    SH.severity,
    SH.description,
    SH.deactivated,
}


def _untarget_if_empty(shapes: Graph, node_shape) -> None:
    """A node shape left with no constraint of its own loses its targets (it would report nothing)."""
    if not set(shapes.predicates(node_shape, None)) - set(TARGETS) - _NOT_CONSTRAINTS:
        for p in TARGETS:
            shapes.remove((node_shape, p, None))


@lru_cache(maxsize=1)
def class_hierarchy() -> Graph:
    """What SHACL needs of the default ontology in a data graph: its ``rdfs:subClassOf`` triples."""
    from kg.core.ontology import default_ontology
    from kg.rdf import ntriples

    hierarchy = _hierarchy(default_ontology().graph)
    ntriples.share(term for triple in hierarchy for term in triple)
    return hierarchy


@lru_cache(maxsize=1)
def _class_hierarchy_lines() -> tuple[str, ...]:
    from kg.rdf import ntriples

    return tuple(ntriples.lines(class_hierarchy()))


def _hierarchy(ontology: Graph) -> Graph:
    hierarchy = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        hierarchy.add(triple)
    return hierarchy


def prepare() -> None:
    """Load all that validation reads (pySHACL, the shapes it has harvested, the class hierarchy) by
    validating an empty graph. A build does this before it forks its workers: they share it instead
    of each loading it again, and the cycle collector, frozen at the fork, does not walk it."""
    validate(new_graph(), owned=True, lines=[])


def _short(term) -> str:
    return "" if term is None else str(term)


def validate(
    data: Graph,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    origins: dict[str, str] | None = None,
    owned: bool = False,
    lines: list[str] | None = None,
) -> Report:
    """``owned``: ``data`` is the caller's throwaway copy, which may receive the class hierarchy
    (saves copying a large graph once more). ``lines``: the N-Triples lines ``data`` was made from,
    when the caller has them (the Oxigraph copy SHACL's SPARQL runs on is loaded from them)."""
    import pyshacl  # heavy import; only paid when validating
    from pyshacl.graph_abstraction import DataGraph

    from kg.validate import shacl_sparql

    shacl_sparql.install()
    graph = data if owned else _copy(data)
    graph += class_hierarchy() if ontology is None else _hierarchy(ontology)
    if lines is not None:
        lines = [*lines, *_class_hierarchy_lines()] if ontology is None else None
    # kg's own shapes only: their queries are known to read nothing Oxigraph stores differently (see
    # kg.validate.shacl_sparql); and SHACL rules would add to the graph while it is validated, leaving the copy behind
    own = shapes is None
    shapes = shapes if shapes is not None else runnable_shapes()
    copied = shacl_sparql.mirrored(graph, lines) if own and (None, SH.rule, None) not in shapes else nullcontext()
    with copied, _warnings_as_lines(), _no_text_report(), _parameters_as_set():
        try:
            validator = pyshacl.Validator(
                DataGraph.from_rdflib(graph),
                shacl_graph=shapes,
                options={
                    "inference": "none",
                    "advanced": True,
                    "allow_warnings": True,
                    "abort_on_first": False,
                    "inplace": True,
                    "logger": _LOGGER,
                },
            )
            validator.shacl_graph = _harvested(shapes, validator.shacl_graph)
            _conforms, results, _text = validator.run()
        except Exception as exc:  # pySHACL and rdflib's SPARQL engine raise many types on odd data or shapes
            raise KgError(f"SHACL validation could not run: {type(exc).__name__}: {exc}") from None
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=_short(results.value(result, SH.focusNode)),
                shape=_short(results.value(result, SH.sourceShape)),
                path=_short(results.value(result, SH.resultPath))
                if isinstance(results.value(result, SH.resultPath), URIRef)
                else "",
                message=messages[0] if messages else "",
                value=_short(results.value(result, SH.value))
                if isinstance(results.value(result, SH.value), URIRef)
                else "",
            )
        )
    if not owned:
        release(graph)
    _spec_conformance(results, bool(findings))
    return Report(sorted(set(findings)), results, origins if origins is not None else {})


def _spec_conformance(results: Graph, any_result: bool) -> None:
    """SHACL 3.6.1: a report conforms only when it has no result at all. pySHACL, asked to let warnings
    pass, says true beside a Warning; the report graph says what the spec says. (kg's own exit codes
    still fail only on violations: ``Report.conforms``.)"""
    for report in list(results.subjects(RDF.type, SH.ValidationReport)):
        results.set((report, SH.conforms, Literal(not any_result)))


_HARVESTED: list = []  # [(shapes graph, its harvested pySHACL ShapesGraph)]


@contextmanager
def _no_text_report():
    """pySHACL writes a text description of every result it makes, for its text report, and that
    includes the results of the ``sh:or`` and ``sh:not`` branches it tries and throws away; each
    description writes out the shapes involved, blank-node shapes whole. kg reads only the report
    graph, whose results pySHACL makes apart from their text (``make_v_result``), so within the block
    the text is left empty: about a fifth of pySHACL's time on the seed, same report graph (the
    differential test compares it with stock pySHACL's)."""
    from pyshacl.constraints.constraint_component import ConstraintComponent

    written = ConstraintComponent.make_v_result_description
    ConstraintComponent.make_v_result_description = _no_description
    try:
        yield
    finally:
        ConstraintComponent.make_v_result_description = written


def _no_description(*_args, **_kwargs) -> str:
    return ""


class _Parameters(list):
    """pySHACL's list of constraint parameters, that asks ``p in parameters`` for every predicate of
    every shape on every run: a list compares ``p`` with each entry through rdflib's Python ``__eq__``
    (about a tenth of validating an article). This list answers ``in`` from a set of its entries (the
    same answer: rdflib terms hash as they compare); pySHACL copies it and appends to the copy."""

    def __init__(self, items=()):
        super().__init__(items)
        self._members = set(self)

    def copy(self) -> "_Parameters":
        return _Parameters(self)

    def append(self, item) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item) -> bool:
        if len(self._members) != len(self):  # changed by another list method: asked as a list
            return super().__contains__(item)
        return item in self._members


@contextmanager
def _parameters_as_set():
    """Within the block pySHACL's shapes look their constraint parameters up in a ``_Parameters``
    (its module keeps the pair it looks them up in as ``CONSTRAINT_PARAMS``, made on first use)."""
    from pyshacl import shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    missing = object()
    before = getattr(shape, "CONSTRAINT_PARAMS", missing)
    shape.CONSTRAINT_PARAMS = (_Parameters(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)
    try:
        yield
    finally:
        if before is missing:
            del shape.CONSTRAINT_PARAMS
        else:
            shape.CONSTRAINT_PARAMS = before


class _Collected(logging.Handler):
    """pySHACL's log records of one validation, kept to be said once each."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# pySHACL logs what it skips in a shapes graph (a constraint it cannot load, ...) and warns through
# Python's warnings (a shape that refers to itself): kg says each once, as its own one-line warning
_LOGGER = logging.getLogger("kg.validate.pyshacl")
_LOGGER.propagate = False
_LOGGER.setLevel(logging.WARNING)
_COLLECTED = _Collected()
_LOGGER.addHandler(_COLLECTED)


@contextmanager
def _warnings_as_lines():
    from kg.util.console import warn

    _COLLECTED.messages.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    said = [*_COLLECTED.messages, *(str(w.message) for w in caught)]
    _COLLECTED.messages.clear()
    for message in sorted({" ".join(text.split()) for text in said}):
        warn(f"pySHACL: {message}")


def _harvested(shapes: Graph, fresh):
    """The pySHACL ``ShapesGraph`` of ``shapes``, made once per process. pySHACL builds one in every
    ``Validator`` and finds every shape in it again on each run, about 5 ms per article; its shapes
    keep nothing of a run (each run makes its constraint components anew), so one harvested shapes
    graph serves every run. ``fresh`` is the validator's own, kept for shapes seen for the first time."""
    if not _HARVESTED or _HARVESTED[0][0] is not shapes:
        _HARVESTED[:] = [(shapes, fresh)]  # one set of shapes at a time
    return _HARVESTED[0][1]


def _copy(data: Graph) -> Graph:
    graph = new_graph()
    for triple in data:
        graph.add(triple)
    return graph


# -- findings remembered between builds ----------------------------------------------------------------


class Memo:
    """Validation reports remembered by the content of what was validated, with the shapes, the
    ontology and kg's version: validating the same graph again gives the same findings, so an article
    whose graph did not change is not validated again (``OUT/.kg/validated/``)."""

    def __init__(self, folder: Path):
        from kg import __version__
        from kg.core.resources import ONTOLOGY_DIR, SHAPES_DIR

        self.folder = Path(folder)
        salt = hashlib.sha256(__version__.encode())
        for directory in (ONTOLOGY_DIR, SHAPES_DIR):
            for path in sorted(Path(directory).glob("*.ttl")):
                salt.update(path.read_bytes())
        self.salt = salt.hexdigest()
        self.used: set[str] = set()

    def key(self, *digests: str) -> str:
        """The name of what is validated: the union of graphs, given by their digests
        (``kg.rdf.ntriples.digest``)."""
        return hashlib.sha256("\0".join([self.salt, *digests]).encode()).hexdigest()

    def get(self, key: str) -> list[Finding] | None:
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        self.used.add(key)
        return [Finding(**f) for f in data]

    def put(self, key: str, findings: list[Finding]) -> None:
        from kg.util import atomic

        atomic.write_text(self.folder / f"{key}.json", json.dumps([f.__dict__ for f in findings], ensure_ascii=False))
        self.used.add(key)

    def prune(self) -> None:
        """Forget what this build did not use: the memo holds one corpus, not its history."""
        if not self.folder.is_dir():
            return
        for name in os.listdir(self.folder):  # names, not 10,000 Path objects
            if name.endswith(".json") and name[: -len(".json")] not in self.used:
                (self.folder / name).unlink(missing_ok=True)
