"""The two Wikidata action-API calls kg needs, and the shapes it reads from their answers."""

from dataclasses import dataclass, field

from kg.link.http import WikidataClient, WikidataError

BATCH = 50  # wbgetentities accepts at most 50 ids per request


@dataclass
class Item:
    id: str
    label: str = ""
    description: str = ""
    aliases: list[str] = field(default_factory=list)
    claims: dict = field(default_factory=dict, repr=False)

    def values(self, prop: str) -> list:
        """Datavalues of non-deprecated statements with a value (not somevalue/novalue)."""
        out = []
        statements = self.claims.get(prop, [])
        for statement in statements if isinstance(statements, list) else []:
            if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
                continue
            snak = statement.get("mainsnak")
            if (
                not isinstance(snak, dict)
                or snak.get("snaktype") != "value"
                or not isinstance(snak.get("datavalue"), dict)
            ):
                continue
            out.append(snak["datavalue"].get("value"))
        return out

    def item_values(self, prop: str) -> list[str]:
        return [v["id"] for v in self.values(prop) if isinstance(v, dict) and "id" in v]

    def coordinates(self) -> tuple[float, float] | None:
        for value in self.values("P625"):
            if isinstance(value, dict) and "latitude" in value and "longitude" in value:
                return float(value["latitude"]), float(value["longitude"])
        return None


def search(client: WikidataClient, text: str, language: str = "en", limit: int = 10) -> list[dict]:
    body = client.get(
        {
            "action": "wbsearchentities",
            "search": text,
            "language": language,
            "uselang": language,
            "type": "item",
            "limit": limit,
        }
    )
    hits = body.get("search")
    if not isinstance(hits, list):
        raise WikidataError("Wikidata wbsearchentities: answer has no 'search' list", unavailable=False)
    return [h for h in hits if isinstance(h, dict) and isinstance(h.get("id"), str)]


def get_items(
    client: WikidataClient, ids, language: str = "en", props: str = "labels|descriptions|aliases|claims"
) -> dict[str, Item]:
    ids = sorted(set(ids))
    items: dict[str, Item] = {}
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        body = client.get({"action": "wbgetentities", "ids": "|".join(batch), "props": props, "languages": language})
        entities = body.get("entities")
        if not isinstance(entities, dict):
            raise WikidataError("Wikidata wbgetentities: answer has no 'entities' object", unavailable=False)
        for qid, entity in entities.items():
            if not isinstance(entity, dict) or "missing" in entity:
                continue
            aliases = _dict(entity.get("aliases")).get(language, [])
            items[qid] = Item(
                id=qid,
                label=str(_dict(_dict(entity.get("labels")).get(language)).get("value", "")),
                description=str(_dict(_dict(entity.get("descriptions")).get(language)).get("value", "")),
                aliases=[str(a.get("value", "")) for a in aliases if isinstance(a, dict)]
                if isinstance(aliases, list)
                else [],
                claims=_dict(entity.get("claims")),
            )
    return items


def _dict(value) -> dict:
    """MediaWiki writes an empty object as [] (a PHP empty array): treat anything else as empty."""
    return value if isinstance(value, dict) else {}
