#!/usr/bin/env python3
"""Size report of the release build in dist/: raw and gzip -9 bytes per file and in total.

Prints a table, writes test-results/size.json, and exits 1 when the gzipped total is over the
budget. Size is deterministic for a given toolchain, so unlike timings it can be checked in CI.

Budget: issue 7's 350 KB (358,400 bytes) gzipped in total; the check fails above it and the
report prints the margin on every run (docs/performance.md, "Bundle"). Override with
ALVH_SIZE_BUDGET.
"""
import gzip
import json
import os
import sys
from pathlib import Path

TARGET_BYTES = 350 * 1024
BUDGET_BYTES = int(os.environ.get("ALVH_SIZE_BUDGET", TARGET_BYTES))


def kind(name: str) -> str:
    for ext, label in ((".wasm", "wasm"), (".js", "js"), (".css", "css"), (".html", "html")):
        if name.endswith(ext):
            return label
    return "other"


def main() -> int:
    dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    files = sorted(p for p in dist.rglob("*") if p.is_file())
    if not any(kind(p.name) == "wasm" for p in files):
        print(f"size: no .wasm in {dist}/; build first (trunk build --release)", file=sys.stderr)
        return 1
    rows = []
    for p in files:
        data = p.read_bytes()
        rows.append({
            "file": str(p.relative_to(dist)),
            "kind": kind(p.name),
            "bytes": len(data),
            "gzip": len(gzip.compress(data, compresslevel=9, mtime=0)),
        })
    total_raw = sum(r["bytes"] for r in rows)
    total_gz = sum(r["gzip"] for r in rows)
    width = max(len(r["file"]) for r in rows)
    print(f"{'file':<{width}}  {'bytes':>10}  {'gzip -9':>10}")
    for r in rows:
        print(f"{r['file']:<{width}}  {r['bytes']:>10,}  {r['gzip']:>10,}")
    by_kind = {}
    for r in rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + r["gzip"]
    print(f"{'total':<{width}}  {total_raw:>10,}  {total_gz:>10,}")
    print("gzip by kind: " + ", ".join(f"{k} {v:,}" for k, v in sorted(by_kind.items())))
    margin = TARGET_BYTES - total_gz
    print(f"issue 7 target {TARGET_BYTES:,} B: {f'met, {margin:,} B to spare' if margin >= 0 else f'over by {-margin:,} B'}")
    out = Path("test-results")
    out.mkdir(exist_ok=True)
    (out / "size.json").write_text(json.dumps({
        "files": rows, "total_bytes": total_raw, "total_gzip": total_gz,
        "budget_gzip": BUDGET_BYTES, "target_gzip": TARGET_BYTES,
    }, indent=2))
    if total_gz > BUDGET_BYTES:
        print(f"size: FAIL: {total_gz:,} B gzipped is over the budget of {BUDGET_BYTES:,} B")
        return 1
    print(f"size: ok: {total_gz:,} B gzipped, budget {BUDGET_BYTES:,} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
