"""Validate materials data files: ``python -m qdopto.materials.validate FILE [FILE ...]``.

Checks each file on its own (units, sources, keys, sanity) and then the shipped database
together with the files (unique names, alloy endpoints). Exit status 0 if all is well, 2 if not.
"""

from __future__ import annotations

import sys

from qdopto.errors import QdoptoError
from qdopto.materials.database import Database, data_files
from qdopto.materials.loader import load_file


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stderr.write("usage: python -m qdopto.materials.validate FILE [FILE ...]\n")
        return 2
    status = 0
    loaded = []
    for path in args:
        try:
            df = load_file(path)
        except QdoptoError as exc:
            sys.stderr.write(f"error: {exc}\n")
            status = 2
            continue
        loaded.append(df)
        sys.stdout.write(
            f"{path}: ok ({len(df.materials)} materials, {len(df.alloys)} alloys, "
            f"{len(df.references)} references)\n"
        )
    names = {df.path for df in loaded}
    others = []
    for p in data_files():
        if p.name in names:
            continue
        try:
            others.append(load_file(p))
        except QdoptoError as exc:
            sys.stdout.write(f"(skipping {p.name}, which has its own problems: {exc})\n"[:300])
    try:
        Database([*others, *loaded])
    except QdoptoError as exc:
        sys.stderr.write(f"error: together with the other data files: {exc}\n")
        status = 2
    return status


if __name__ == "__main__":
    raise SystemExit(main())
