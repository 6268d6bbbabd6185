"""SYNTHETIC benchmark data: a copy of a region folder with N generated, obviously invented offers.

Every generated offer is marked ``synthetic: true``, has an id starting with ``synthetic-``, and
every reader text says SYNTHETIC in every configured language (portal.yml), so nobody can take
it for real data. The folders are written under benchmarks/work/ (gitignored) and never committed.

    python benchmarks/synthetic.py 500            # -> benchmarks/work/synthetic-500/
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.i18n import DEFAULT_LANGUAGE, languages  # noqa: E402
from macros.schema import TARGET_GROUPS, TOPICS  # noqa: E402

WORK = ROOT / "benchmarks" / "work"

# Lorem-ipsum style filler: long enough to give pages a realistic weight, obviously not real.
FILLER = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
          "incididunt ut labore et dolore magna aliqua.")


def source_hash(german: str) -> str:
    """The fingerprint `kim translations stamp` writes (first 8 hex digits of SHA-256)."""
    return hashlib.sha256(german.encode("utf-8")).hexdigest()[:8]


def text(german: str, codes: list[str], status: str = "machine") -> dict:
    """A Text with a SYNTHETIC translation into every configured language."""
    value: dict = {"de": german}
    for code in codes:
        value[code] = {"text": f"[SYNTHETIC {code}] {german}", "status": status,
                       "source_hash": source_hash(german)}
    return value


def offer(number: int, codes: list[str], providers: list[str], municipalities: list[str],
          sub_regions: list[str], document: str) -> dict:
    topics = list(TOPICS)
    groups = list(TARGET_GROUPS)
    name = f"SYNTHETIC Testangebot {number}"
    description = "\n\n".join([
        f"SYNTHETIC: erfundenes Angebot Nummer {number} für den Benchmark. {FILLER}",
        f"**Ablauf** (SYNTHETIC): {FILLER} {FILLER}",
        f"- SYNTHETIC Punkt eins {number}\n- SYNTHETIC Punkt zwei\n- SYNTHETIC Punkt drei",
    ])
    return {
        "id": f"synthetic-{number:05d}",
        "name": text(name, codes),
        "summary": text(f"SYNTHETIC: erfundenes Testangebot {number}, nur für Messungen. "
                        f"{FILLER}", codes),
        "description": text(description, codes),
        "provider": providers[number % len(providers)],
        "topics": [topics[number % len(topics)], topics[(number * 7 + 3) % len(topics)]]
        if number % 3 else [topics[number % len(topics)]],
        "target_groups": [groups[number % len(groups)]],
        "sub_region": sub_regions[number % len(sub_regions)] if sub_regions else None,
        "service_area": [municipalities[number % len(municipalities)]] if municipalities else [],
        "schedules": [{"weekly": [{"day": "mo", "opens": "09:00", "closes": "12:00"},
                                  {"day": "do", "opens": "14:00", "closes": "17:30"}],
                       "note": text(f"SYNTHETIC Hinweis zu Angebot {number}", codes)}],
        "languages": ["de", "en", "ar"][: 1 + number % 3],
        "cost": text("SYNTHETIC: kostenlos", codes),
        "free_of_charge": True,
        "access": ["offen"] if number % 2 else ["Termin"],
        "documents": [text(f"SYNTHETIC Unterlage {number}", codes)],
        "status": "aktiv",
        "synthetic": True,
        "source": {"document": document, "section": "SYNTHETIC (erfunden, nur Benchmark)"},
    }


def generate(count: int, base: Path = ROOT / "data", target: Path | None = None) -> Path:
    """Write base's region folder with `count` SYNTHETIC offers instead of its own offers."""
    target = target or WORK / f"synthetic-{count}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("offers"))
    codes = [lang.code for lang in languages() if lang.code != DEFAULT_LANGUAGE]
    region = yaml.safe_load((base / "region.yml").read_text(encoding="utf-8"))
    providers = [p["id"] for p in
                 yaml.safe_load((base / "providers.yml").read_text(encoding="utf-8"))["providers"]]
    documents = yaml.safe_load((base / "documents.yml").read_text(encoding="utf-8"))["documents"]
    municipalities = [m["id"] for m in region.get("municipalities", [])]
    sub_regions = [s["id"] for s in region.get("sub_regions", [])]
    offers = target / "offers"
    offers.mkdir()
    header = "# SYNTHETIC benchmark data (invented, never real): benchmarks/synthetic.py\n"
    for number in range(1, count + 1):
        record = offer(number, codes, providers, municipalities, sub_regions, documents[0]["id"])
        if record["sub_region"] is None:
            del record["sub_region"]
        body = yaml.dump(record, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                         allow_unicode=True, sort_keys=False, width=100)
        (offers / f"synthetic-{number:05d}.yml").write_text(header + body, encoding="utf-8")
    (target / "SYNTHETIC.txt").write_text(
        f"SYNTHETIC benchmark data: {count} invented offers in {len(codes) + 1} languages, "
        f"generated by benchmarks/synthetic.py from {base.name}/. Not real data.\n",
        encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    print(generate(args.count, target=args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
