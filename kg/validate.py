"""Stage 3 — validate: SHACL over one article's graph, in memory, with the ontology as ``ont_graph``.

pySHACL is run per article (it costs about 24 us per triple and is much slower over a store), with
RDFS inference so that shapes targeting a superclass reach every subclass instance.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.compile.ontology import load_ontology_graph, load_turtle_dir
from kg.namespaces import SH
from kg.paths import SHAPES_DIR


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
    origins: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self) -> str:
        counts = {s: sum(1 for f in self.findings if f.severity == s) for s in ("Violation", "Warning", "Info")}
        head = "conforms" if self.conforms else "does not conform"
        lines = [f"{head}: {counts['Violation']} violation(s), {counts['Warning']} warning(s), {counts['Info']} info"]
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
    return load_turtle_dir(directory, "shapes")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return load_ontology_graph()


def _short(term) -> str:
    return "" if term is None else str(term)


def validate(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None,
             origins: dict[str, str] | None = None) -> Report:
    import pyshacl  # heavy import; only paid when validating

    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        ont_graph=ontology if ontology is not None else _ontology(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=_short(results.value(result, SH.focusNode)),
                shape=_short(results.value(result, SH.sourceShape)),
                path=_short(results.value(result, SH.resultPath)) if isinstance(results.value(result, SH.resultPath), URIRef) else "",
                message=messages[0] if messages else "",
                value=_short(results.value(result, SH.value)) if isinstance(results.value(result, SH.value), URIRef) else "",
            )
        )
    return Report(sorted(set(findings)), results, origins or {})
