"""Reduce schema.org's vocabulary release file to what a domain/range check needs.

Usage: python extract.py schemaorg-current-https.jsonld > vocabulary.json

Input: data/releases/30.0/schemaorg-current-https.jsonld of schemaorg/schemaorg (1.5 MB).
Output: every class with its direct superclasses, every property with its domainIncludes and
rangeIncludes, and every enumeration member with its types; names without the
https://schema.org/ prefix, sorted, so the file diffs well. Nothing is left out or added.
"""

from __future__ import annotations

import json
import sys

PREFIX = "schema:"


def _names(value) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return sorted(i["@id"].removeprefix(PREFIX) for i in items if i["@id"].startswith(PREFIX))


def reduce(graph: list[dict]) -> dict:
    classes, properties, members = {}, {}, {}
    for node in graph:
        name = node["@id"].removeprefix(PREFIX)
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in types:
            classes[name] = _names(node.get("rdfs:subClassOf"))
        if "rdf:Property" in types:
            properties[name] = {"domain": _names(node.get("schema:domainIncludes")),
                                "range": _names(node.get("schema:rangeIncludes"))}
        schema_types = [t.removeprefix(PREFIX) for t in types if t.startswith(PREFIX)]
        if schema_types and "rdfs:Class" not in types:
            members[name] = sorted(schema_types)
    return {"classes": dict(sorted(classes.items())),
            "properties": dict(sorted(properties.items())),
            "members": dict(sorted(members.items()))}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        document = json.load(handle)
    json.dump(reduce(document["@graph"]), sys.stdout, ensure_ascii=False, indent=0,
              sort_keys=False)
    sys.stdout.write("\n")
