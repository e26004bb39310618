"""Grounding: what a back-end proposed, held to the text, the ontology and the shapes.

Shared by both back-ends. Every quote is found in the text as a whole-word span (exactly, else after
normalising Unicode, quotes, dashes and whitespace, writing back the article's own characters) or
dropped; a claim left without evidence is dropped; classes, properties, statuses and references are
checked against the ontology; entities are merged by corpus entity, then by name; and a node that
cannot meet a shape's requirements is moved up to the nearest superclass that it can meet (a visit
with no destination is still an event), or dropped. Every decision goes into the report.
"""

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD

from kg.core.namespaces import DKG, SH
from kg.draft.known import KnownNames, name_key, slug
from kg.draft.model import DraftNode, DraftQuote, DraftReport, Proposal, TextSpan
from kg.draft.schema import DraftVocabulary, vocabulary
from kg.draft.text import NormalisedText, locate
from kg.load.model import ID_PATTERN, STATUSES

_MAPPING_KEYS = {
    RDFS.label: "label",
    DKG.status: "status",
    DKG.evidence: "evidence",
    DKG.accordingTo: "according_to",
    DKG.reportedBy: "reported_by",
}
_STATUS_SPELLING = {"notHappened": "not-happened", "inForce": "in-force"}


@dataclass(frozen=True)
class Rule:
    """One Violation-level requirement of the shapes, for nodes of ``target`` (and its subclasses)."""

    target: str
    path: str = ""
    min: int = 0
    max: int | None = None
    cls: str | None = None
    allowed: tuple[str, ...] | None = None
    any_of: tuple[str, ...] = ()
    name: str = ""


def _local(term) -> str | None:
    if term in _MAPPING_KEYS:
        return _MAPPING_KEYS[term]
    if isinstance(term, URIRef) and str(term).startswith(str(DKG)):
        return str(term)[len(str(DKG)) :]
    return None


def rules_from_shapes(shapes: Graph) -> list[Rule]:
    """Requirements a draft can meet by itself: minimum and maximum counts, value classes, allowed
    statuses and 'one of these' alternatives. Anything subtler is left to the final validation."""
    rules = []
    for shape, target in sorted(shapes.subject_objects(SH.targetClass)):
        cls = _local(target)
        if cls is None:
            continue
        for prop in shapes.objects(shape, SH.property):
            if shapes.value(prop, SH.severity) != SH.Violation:
                continue
            path = _local(shapes.value(prop, SH.path))
            if path is None or path in ("statedIn",):
                continue
            allowed = None
            values = shapes.value(prop, SH["in"])
            if values is not None:
                allowed = tuple(sorted(_STATUS_SPELLING.get(_local(v), _local(v)) for v in Collection(shapes, values)))
            minimum, maximum = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
            rules.append(
                Rule(
                    cls,
                    path,
                    int(minimum) if minimum is not None else 0,
                    int(maximum) if maximum is not None else None,
                    _local(shapes.value(prop, SH["class"])),
                    allowed,
                    name=str(prop),
                )
            )
        for alternatives in shapes.objects(shape, SH["or"]):
            if shapes.value(shape, SH.severity) != SH.Violation:
                continue
            paths = []
            for member in Collection(shapes, alternatives):
                keys = set(shapes.predicates(member))
                path = _local(shapes.value(member, SH.path))
                value = _local(shapes.value(member, SH.hasValue))
                if path is not None and keys == {SH.path, SH.hasValue} and value is not None:
                    paths.append(f"{path}: {value}")  # "unstated: actor" stands in for an actor
                    continue
                if keys != {SH.path, SH.minCount} or path is None:
                    break
                paths.append(path)
            else:
                rules.append(Rule(cls, any_of=tuple(paths), name=str(shape)))
    return rules


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    from kg.validate import shapes_graph

    return tuple(rules_from_shapes(shapes_graph()))


@dataclass
class Grounded:
    nodes: dict[str, DraftNode]
    article: dict = field(default_factory=dict)
    sections: list[TextSpan] = field(default_factory=list)
    defaults: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    report: DraftReport = field(default_factory=DraftReport)
    grounder: object = field(default=None, repr=False)
    # the entities whose mentions are written (``kg.draft.mentions``); None: every entity's
    listed: set[str] | None = None

    def drop(self, reasons: dict[str, str]) -> None:
        """Move nodes that failed validation up a class, or remove them, and settle what depended on them."""
        self.grounder.drop(self, reasons)

    def finish(self) -> None:
        """Report every node kept, once the draft is final."""
        self.grounder.kept()


class _Grounder:
    def __init__(self, proposal: Proposal, text: str, vocab: DraftVocabulary, rules, corpus: KnownNames | None):
        self.proposal, self.text, self.vocab = proposal, text, vocab
        self.rules = list(rules)
        self.corpus = corpus or KnownNames()
        self.report = DraftReport()
        self.normalised = NormalisedText(text)
        self.alias: dict[str, str] = {}  # proposed or merged id -> kept id
        self.nodes: dict[str, DraftNode] = {}
        self.proposed_mentions: set[str] = set()

    # -- quotes -----------------------------------------------------------------------------------
    def span(self, item, node: str, what: str) -> TextSpan | None:
        if isinstance(item, TextSpan):
            if 0 <= item.begin < item.end <= len(self.text):
                return item
            self.report.add("dropped", node, what, "offsets outside the text", [item.begin, item.end])
            return None
        quote = item if isinstance(item, DraftQuote) else DraftQuote(str(item))
        raw = quote.text
        found = locate(self.text, raw.strip(), quote.occurrence, quote.within, self.normalised)
        if found is None:
            reason = "not in the text"
            if raw.strip() in self.proposal.examples:
                reason = "copied from the prompt's example, not in the article"
            elif self.text.find(raw.strip()) != -1:
                reason = "occurs only inside other words"
            self.report.add("dropped", node, what, reason, raw)
            return None
        if found.repaired or raw != raw.strip():
            kinds = found.repaired or ["whitespace"]
            self.report.add(
                "repaired",
                node,
                what,
                "found after normalising " + ", ".join(kinds),
                raw,
                self.text[found.begin : found.end],
            )
        return TextSpan(found.begin, found.end)

    def spans(self, items, node: str, what: str) -> list[TextSpan]:
        spans = [s for s in (self.span(i, node, what) for i in items) if s is not None]
        return sorted(set(spans), key=lambda s: (s.begin, s.end))

    # -- one node ---------------------------------------------------------------------------------
    def classes(self, node: DraftNode) -> list[str]:
        kept = []
        for name in node.a:
            name = str(name).strip()
            if self.vocab.is_class(name):
                kept.append(name)
                continue
            fixed = next(
                (
                    c
                    for c in self.vocab.claim_classes + self.vocab.entity_classes
                    if c.casefold() == re.sub(r"[\s_-]", "", name).casefold()
                ),
                None,
            )
            if fixed:
                self.report.add("repaired", node.id, "class", "spelling", name, fixed)
                kept.append(fixed)
            else:
                self.report.add("dropped", node.id, "class", "not an ontology class a mapping may use", name)
        return list(dict.fromkeys(kept))

    def status(self, node: DraftNode) -> str | None:
        if node.status is None:
            return None
        raw = str(node.status)
        value = re.sub(r"[\s_]+", "-", raw.strip().lower())
        if value in STATUSES:
            if value != raw:
                self.report.add("repaired", node.id, "status", "spelling", raw, value)
            return value
        self.report.add("dropped", node.id, "status", f"not a status ({', '.join(STATUSES)})", raw)
        return None

    def property_name(self, node: DraftNode, key: str) -> str | None:
        if key in self.vocab.object_properties or key in self.vocab.datatype_properties:
            return key
        camel = re.sub(r"[_\s-]+(\w)", lambda m: m.group(1).upper(), key.strip())
        camel = camel[:1].lower() + camel[1:]
        if camel in self.vocab.object_properties or camel in self.vocab.datatype_properties:
            self.report.add("repaired", node.id, "property", "spelling", key, camel)
            return camel
        self.report.add("dropped", node.id, "property", "not an ontology property a mapping may use", key)
        return None

    def literal(self, node: DraftNode, prop: str, value):
        term = self.vocab.ontology.term(prop)
        datatype = self.vocab.ontology.literal_datatype(term)
        if prop == "quote":  # a statement's quote must be verbatim (shape QuoteInText)
            span = self.span(
                value if isinstance(value, (TextSpan, DraftQuote)) else DraftQuote(str(value)), node.id, "quote"
            )
            return None if span is None else self.text[span.begin : span.end]
        if isinstance(value, TextSpan):
            value = self.text[value.begin : value.end]
        if isinstance(value, DraftQuote):
            value = value.text
        try:
            if datatype == XSD.boolean:
                if isinstance(value, bool):
                    return value
                if str(value).strip().lower() in ("true", "false"):
                    return str(value).strip().lower() == "true"
                raise ValueError
            if datatype == XSD.gYear:
                if re.fullmatch(r"-?\d{4}", str(value).strip()):
                    return int(str(value).strip())
                raise ValueError
            if datatype in (XSD.integer, XSD.nonNegativeInteger):
                if isinstance(value, bool):
                    raise ValueError
                number = int(str(value).replace(",", "").strip())
                if datatype == XSD.nonNegativeInteger and number < 0:
                    raise ValueError
                return number
            if datatype == XSD.decimal:
                if isinstance(value, bool):
                    raise ValueError
                number = float(str(value).replace(",", "").strip())
                return int(number) if number.is_integer() else number
        except ValueError:
            self.report.add("dropped", node.id, prop, f"not a valid {datatype.split('#')[-1]}", str(value))
            return None
        text = str(value).strip()
        return text or None

    def node(self, node: DraftNode) -> DraftNode | None:
        classes = self.classes(node)
        if not classes:
            self.report.add("dropped", node.id, "node", "no class from the ontology")
            return None
        claim = self.vocab.is_claim(classes)
        out = DraftNode(
            node.id, classes, (node.label or "").strip() or None, notes=list(node.notes), entity=node.entity
        )
        out.aliases = list(dict.fromkeys(a.strip() for a in node.aliases if a and a.strip() and a.strip() != out.label))
        out.mentions = self.spans(node.mentions, node.id, "mention")
        if node.mentions and not out.mentions and not claim:
            self.report.add("dropped", node.id, "node", "none of its mentions is in the text")
            return None
        if claim:
            out.evidence = self.spans(node.evidence, node.id, "evidence")
            out.status = self.status(node)
            if not out.evidence:
                self.report.add("dropped", node.id, "claim", "no evidence left in the text")
                return None
            if out.status is None:
                self.report.add("dropped", node.id, "claim", "no valid status")
                return None
            out.according_to, out.reported_by = node.according_to or None, node.reported_by or None
        else:
            for key in ("evidence", "status", "according_to", "reported_by"):
                if getattr(node, key):
                    self.report.add("dropped", node.id, key, "applies only to claims", str(getattr(node, key)))
        for key, values in node.props.items():
            prop = self.property_name(node, key)
            if prop is None:
                continue
            values = values if isinstance(values, list) else [values]
            if prop in self.vocab.object_properties:
                kept = [str(v).strip() for v in values if str(v).strip()]
            else:
                kept = [v for v in (self.literal(out, prop, v) for v in values) if v is not None]
            if kept:
                out.props.setdefault(prop, []).extend(kept)
        if out.label is None:
            source = out.mentions or out.evidence
            if source:
                words = self.text[source[0].begin : source[0].end].split()
                out.label = " ".join(words[:12]) + (" ..." if len(words) > 12 else "")
                self.report.add("repaired", node.id, "label", "missing; taken from the text", None, out.label)
        return out

    # -- ids, merging, references -----------------------------------------------------------------
    def assign_ids(self, nodes: list[DraftNode]) -> list[DraftNode]:
        used, seen, result = set(), set(), []
        for node in nodes:
            new = slug(node.id)
            if new == "article" or not re.match(ID_PATTERN, new):
                new = f"node-{new}"
            base, n = new, 2
            while new in used:
                new, n = f"{base}-{n}", n + 1
            used.add(new)
            if node.id in seen:  # references to a repeated id mean its first holder
                self.report.add("repaired", node.id, "id", "used twice; renamed", node.id, new)
            elif new != node.id:
                self.alias[node.id] = new
            seen.add(node.id)
            result.append(replace(node, id=new))
        return result

    def compatible(self, a: str, b: str) -> bool:
        return a == b or self.vocab.is_a(a, b) or self.vocab.is_a(b, a)

    def merge(self, nodes: list[DraftNode]) -> list[DraftNode]:
        """Entities with the same corpus entity, or the same name (label or alias), become one."""
        kept: list[DraftNode] = []
        for node in nodes:
            if self.vocab.is_claim(node.a):
                kept.append(node)
                continue
            names = [n for n in (node.label, *node.aliases) if n]
            node.entity = node.entity or self.corpus.entity_for(names, node.a, self.compatible)
            keys = {name_key(n) for n in names}
            target = next(
                (
                    k
                    for k in kept
                    if not self.vocab.is_claim(k.a)
                    and any(self.compatible(a, b) for a in node.a for b in k.a)
                    and (
                        (node.entity and node.entity == k.entity)
                        or (not (node.entity and k.entity) and keys & {name_key(n) for n in (k.label, *k.aliases) if n})
                    )
                ),
                None,
            )
            if target is None:
                kept.append(node)
                continue
            why = "same corpus entity" if node.entity and node.entity == target.entity else "same name"
            self.report.add("repaired", node.id, "node", f"merged into '{target.id}' ({why})")
            self.alias[node.id] = target.id
            target.mentions = sorted(set(target.mentions) | set(node.mentions), key=lambda s: (s.begin, s.end))
            for name in names:
                if name != target.label and name not in target.aliases:
                    target.aliases.append(name)
            target.a = sorted({*target.a, *node.a}, key=(target.a + node.a).index)
            target.a = [c for c in target.a if not any(o != c and self.vocab.is_a(o, c) for o in target.a)]
            for key, values in node.props.items():
                target.props.setdefault(key, []).extend(v for v in values if v not in target.props[key])
            target.notes += [n for n in node.notes if n not in target.notes]
            target.entity = target.entity or node.entity
        return kept

    def resolve(self, ref) -> str | None:
        ref = str(ref).strip()
        seen = set()
        while ref in self.alias and ref not in seen:
            seen.add(ref)
            ref = self.alias[ref]
        if ref == "article" or ref in self.nodes:
            return ref
        alt = slug(ref)
        return alt if alt in self.nodes else None

    def references(self) -> bool:
        """Drop references to nodes that do not exist or are of the wrong class; True if any changed."""
        changed = False
        for node in self.nodes.values():
            for key in ("according_to", "reported_by"):
                value = getattr(node, key)
                if value is None:
                    continue
                target = self.resolve(value)
                if target is None or target == node.id:
                    self.report.add("dropped", node.id, key, "refers to no node of the draft", value)
                    changed = True
                setattr(node, key, target if target != node.id else None)
            for prop in [p for p in node.props if p in self.vocab.object_properties]:
                kept = []
                names_a_role = self.vocab.ontology.term(prop).range == RDF.Property  # "unstated: actor"
                for value in node.props[prop]:
                    target = str(value).strip() if names_a_role else self.resolve(value)
                    reason = (
                        self.bad_role(node, prop, target) if names_a_role else self.bad_reference(node, prop, target)
                    )
                    if reason:
                        self.report.add("dropped", node.id, prop, reason, value)
                        changed = True
                    elif target not in kept:
                        kept.append(target)
                node.props[prop] = kept
                if not kept:
                    del node.props[prop]
        return changed

    def bad_role(self, node: DraftNode, prop: str, role: str) -> str | None:
        """A value that names a role (``unstated: actor``): an object property the node does not also give."""
        if role not in self.vocab.object_properties:
            return f"'{role}' is not an object property of the ontology"
        if role in node.props:
            return f"'{role}' is given and also said to be unstated"
        return None

    def bad_reference(self, node: DraftNode, prop: str, target: str | None) -> str | None:
        rng = self.vocab.ontology.graph.value(self.vocab.ontology.term(prop).iri, RDFS.range)
        if target is None:
            return "refers to no node of the draft"
        if target == node.id:
            return "refers to the node itself"
        if (target == "article") != (rng == DKG.NewsArticle):
            return "only 'about' may refer to the article" if target == "article" else "must refer to the article"
        wanted = self.vocab.range_class(prop)
        if wanted and target != "article" and not any(self.vocab.is_a(c, wanted) for c in self.nodes[target].a):
            return f"'{target}' is not a {wanted}"
        if target != "article":
            # the loader's own range check (it also knows the reused vocabularies' classes, prov:Agent)
            from kg.core.checks import range_error

            ontology = self.vocab.ontology
            classes = [ontology.term(c).iri for c in self.nodes[target].a if ontology.term(c) is not None]
            return range_error(ontology, ontology.term(prop), prop, target, classes)
        return None

    # -- shapes -----------------------------------------------------------------------------------
    def count(self, node: DraftNode, path: str, cls: str | None) -> int:
        if ": " in path:  # a required value ("unstated: actor")
            key, value = path.split(": ", 1)
            return int(value in node.props.get(key, []))
        if path == "label":
            return int(bool(node.label))
        if path == "status":
            return int(bool(node.status))
        if path == "evidence":
            return len(node.evidence)
        if path == "according_to":
            return 1  # a claim without a source of its own gets the default, which grounding always sets
        if path == "reported_by":
            return int(bool(node.reported_by or self.defaults.get(path)))
        values = node.props.get(path, [])
        if cls:
            values = [
                v
                for v in values
                if (v == "article" and cls == "NewsArticle")
                or (v in self.nodes and any(self.vocab.is_a(c, cls) for c in self.nodes[v].a))
            ]
        return len(values)

    def failing(self, node: DraftNode) -> Rule | None:
        for rule in self.rules:
            if not any(self.vocab.is_a(c, rule.target) for c in node.a):
                continue
            if rule.any_of:
                if not any(self.count(node, p, None) for p in rule.any_of):
                    return rule
                continue
            if self.count(node, rule.path, rule.cls) < rule.min:
                return rule
            if rule.allowed is not None and rule.path == "status" and node.status not in rule.allowed:
                return rule
            if rule.max is not None and rule.path in node.props and len(node.props[rule.path]) > rule.max:
                extra = node.props[rule.path][rule.max :]
                node.props[rule.path] = node.props[rule.path][: rule.max]
                self.report.add(
                    "dropped", node.id, rule.path, f"at most {rule.max} allowed", ", ".join(map(str, extra))
                )
        return None

    def shapes(self) -> bool:
        changed = False
        for node_id in list(self.nodes):
            node = self.nodes[node_id]
            while (rule := self.failing(node)) is not None:
                changed = True
                why = self.why(rule)
                guilty = [c for c in node.a if self.vocab.is_a(c, rule.target)]
                parents = sorted({p for c in guilty for p in self.vocab.parents(c)})
                if not parents:
                    self.report.add("dropped", node.id, "node", f"{'/'.join(guilty)} {why}")
                    del self.nodes[node_id]
                    break
                new = [c for c in node.a if c not in guilty] + [p for p in parents if p not in node.a]
                self.report.add(
                    "repaired",
                    node.id,
                    "class",
                    f"{'/'.join(guilty)} {why}; moved up to {'/'.join(parents)}",
                    "/".join(node.a),
                    "/".join(new),
                )
                node.notes.append(f"was {'/'.join(guilty)} ({why}): complete it or keep {'/'.join(parents)}")
                node.a = new
        return changed

    @staticmethod
    def why(rule: Rule) -> str:
        if rule.any_of:
            return "needs one of " + ", ".join(rule.any_of)
        if rule.allowed is not None and rule.path == "status":
            return f"cannot have this status (allowed: {', '.join(rule.allowed)})"
        what = f"{rule.min} {rule.path}" if rule.min > 1 else f"a {rule.path}"
        return f"needs {what}" + (f" that is a {rule.cls}" if rule.cls else "")

    # -- the whole proposal -----------------------------------------------------------------------
    def settle(self) -> None:
        """Check references, shapes and use again until nothing changes (a drop can cause another)."""
        changed = True
        while changed:
            changed = self.references()
            self.defaults = self.refs_of(self.proposal.defaults, "defaults", report=False)
            changed = self.shapes() or changed
            changed = self.domains() or changed
            changed = self.unused() or changed

    def domains(self) -> bool:
        """A property whose domain the node is not in goes (the loader would refuse it): after a post
        moved up to a claim, its ``heldBy`` no longer applies."""
        from kg.core.checks import domain_error

        ontology, changed = self.vocab.ontology, False
        for node in self.nodes.values():
            classes = [ontology.term(c).iri for c in node.a if ontology.term(c) is not None]
            for prop in sorted(node.props):
                term = ontology.term(prop)
                why = term is not None and domain_error(ontology, term, prop, classes, "/".join(node.a))
                if why:
                    self.report.add("dropped", node.id, prop, why)
                    del node.props[prop]
                    changed = True
        return changed

    def run(self) -> Grounded:
        checked = [n for n in (self.node(n) for n in self.proposal.nodes) if n is not None]
        checked = self.assign_ids(checked)
        self.nodes = {n.id: n for n in self.merge(checked)}
        self.defaults = {}
        self.settle()
        self.defaults = self.refs_of(self.proposal.defaults, "defaults")
        article = self.refs_of(self.proposal.article, "article")
        notes = list(self.proposal.notes)
        if any(self.vocab.is_claim(n.a) and not n.according_to for n in self.nodes.values()) and not self.defaults.get(
            "according_to"
        ):
            self.defaults["according_to"] = "article"
            self.report.add(
                "repaired",
                None,
                "defaults.according_to",
                "no source found; the article itself until you name one",
                None,
                "article",
            )
            notes.append(
                "defaults.according_to is 'article' because no reporting source was found: name the publisher or source"
            )
        sections = self.spans(self.proposal.sections, None, "section")
        grounded = Grounded(self.nodes, article, sections, self.defaults, notes, self.report)
        grounded.grounder = self
        return grounded

    def drop(self, grounded: Grounded, reasons: dict[str, str]) -> None:
        """Nodes that failed validation move up to their superclasses, or go when there is none."""
        for node_id, reason in sorted(reasons.items()):
            node = self.nodes.get(node_id)
            if node is None:
                continue
            parents = sorted({p for c in node.a for p in self.vocab.parents(c)})
            if parents:
                self.report.add(
                    "repaired",
                    node_id,
                    "class",
                    f"{reason}; moved up to {'/'.join(parents)}",
                    "/".join(node.a),
                    "/".join(parents),
                )
                node.notes.append(f"was {'/'.join(node.a)} ({reason}): complete it or keep {'/'.join(parents)}")
                node.a = parents
            else:
                self.report.add("dropped", node_id, "node", reason)
                del self.nodes[node_id]
        defaults = dict(self.defaults)
        self.settle()
        self.defaults.update({k: v for k, v in defaults.items() if v == "article" or v in self.nodes})
        grounded.nodes, grounded.defaults = self.nodes, self.defaults
        grounded.article = {k: v for k, v in grounded.article.items() if v in self.nodes}

    def kept(self) -> None:
        for node in self.nodes.values():
            kind = "claim" if self.vocab.is_claim(node.a) else "entity"
            count = len(node.evidence) if kind == "claim" else len(node.mentions)
            noun = "evidence quote" if kind == "claim" else "mention"
            self.report.add("kept", node.id, kind, f"{'/'.join(node.a)}, {count} {noun}{'s' if count != 1 else ''}")

    def refs_of(self, values: dict, where: str, report: bool = True) -> dict:
        kept = {}
        for key, value in sorted(values.items()):
            if isinstance(value, bool) or value is None:
                if value is not None:
                    kept[key] = value
                continue
            target = self.resolve(value)
            if target is None or target == "article":
                if report:
                    self.report.add("dropped", None, f"{where}.{key}", "refers to no node of the draft", value)
            else:
                kept[key] = target
        return kept

    def unused(self) -> bool:
        """Entities with no mention in the text that nothing refers to are dropped."""
        used = {
            self.resolve(v) for v in {**self.proposal.defaults, **self.proposal.article}.values() if isinstance(v, str)
        }
        for node in self.nodes.values():
            used |= {node.according_to, node.reported_by}
            for prop, values in node.props.items():
                if prop in self.vocab.object_properties:
                    used |= set(values)
        changed = False
        for node_id in sorted(self.nodes):
            node = self.nodes[node_id]
            if not self.vocab.is_claim(node.a) and not node.mentions and node_id not in used:
                self.report.add("dropped", node_id, "node", "no mention in the text and nothing refers to it")
                del self.nodes[node_id]
                changed = True
        return changed


def ground(
    proposal: Proposal, text: str, vocab: DraftVocabulary | None = None, rules=None, corpus: KnownNames | None = None
) -> Grounded:
    return _Grounder(
        proposal, text, vocab or vocabulary(), rules if rules is not None else default_rules(), corpus
    ).run()
