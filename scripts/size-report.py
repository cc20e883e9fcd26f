#!/usr/bin/env python3
"""Size report of the release build in dist/: what the first page load transfers, gzip and brotli.

    python3 scripts/size-report.py [DIST] [--require-precompressed]

Budget: the FIRST PAGE LOAD may transfer at most 600 KB gzipped (614,400 B, gzip -9; 480 KB
from issue 15 until 2026-12-04, raised when issues 18 and 19 put the History view, the backtest
panel and the field-level errors on the first load: docs/performance.md, "Budget raised"): index.html and everything it loads before the page can run, i.e. every file that
index.html references (the JS glue, the wasm, the CSS) and, transitively, the static `import`s
of those JS files and the `@import`/`url()`s of those CSS files. Every other file in dist/ (a
module or data file fetched later, e.g. a History data file or a worker module) is listed apart,
"later", and is not counted. The precompressed siblings that scripts/precompress.mjs writes
(FILE.gz, FILE.br) are not files of the site: they are not listed or counted, only checked.

Columns (a file that hosts do not compress, e.g. an image, counts its raw size): raw bytes;
gzip -9 (the budgeted figure: the size of the file's .gz sibling when that is a fresh gzip of the
file, the bytes a host serving precompressed files sends, else gzip -9 by Python's zlib; Node's
zlib, which writes the siblings, gives about 0.6% more on the wasm); brotli at quality 11 (Node's
zlib, through scripts/precompress.mjs --sizes; not budgeted; "-" if Node is missing).

Checks, exit status 1 when any fails:
- the first load's gzip -9 total is over the budget (ALVH_SIZE_BUDGET overrides it, in bytes);
- a .gz sibling does not decompress to its file, or a .br sibling is older than its file
  (a host would send stale code);
- with --require-precompressed (scripts/test-browser.sh, after `trunk build --release`): a
  compressible file has no .gz or .br sibling (the Trunk post_build hook did not run).

Writes test-results/size.json. Size is deterministic for a toolchain, so unlike timings it can
be checked in CI.
"""
import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

BUDGET_TARGET_BYTES = 600 * 1024
BUDGET_BYTES = int(os.environ.get("ALVH_SIZE_BUDGET", BUDGET_TARGET_BYTES))
# Issue 15's goal inside the budget (printed, not enforced).
GOAL_GZIP_BYTES = 400 * 1024
GOAL_BROTLI_BYTES = 320 * 1024

SIBLINGS = (".gz", ".br")
# The History backtest's Web Worker module (index.html's data-type="worker" link): its loader,
# JS glue and wasm are fetched when a backtest first runs, so they are "later" files; the report
# also totals them on a line of their own.
WORKER_PREFIX = "alvh-worker"
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".txt", ".csv", ".map"}

# References in index.html: attribute values, and quoted relative paths in its inline scripts
# (Trunk's loader imports the glue and passes the wasm's path to init()).
# Attribute values may be unquoted: Trunk's release minifier drops the quotes (href=./main.css).
HTML_ATTR = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
QUOTED_PATH = re.compile(r"""["'](\.{0,2}/?[\w./-]+\.(?:js|mjs|wasm|css|json))["']""")
# Static imports of a JS module (not `import(...)`, which is a later load).
JS_STATIC_IMPORT = re.compile(
    r"""(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']""", re.M
)
CSS_REF = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')]+)["']?\s*\)""")


def kind(name: str) -> str:
    for ext, label in ((".wasm", "wasm"), (".js", "js"), (".mjs", "js"), (".css", "css"), (".html", "html")):
        if name.endswith(ext):
            return label
    return "other"


def resolve(dist: Path, base: PurePosixPath, ref: str):
    """The dist-relative path a reference from file `base` points at, or None if external."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("data:", "#")) or not parts.path:
        return None
    path = unquote(parts.path)
    target = PurePosixPath(path.lstrip("/")) if path.startswith("/") else base.parent / path
    norm = os.path.normpath(str(target))
    if norm.startswith(".."):
        return None
    return norm if (dist / norm).is_file() else None


def first_load(dist: Path) -> set:
    """index.html and what it loads before the page runs (see the module docstring)."""
    seen = {"index.html"}
    queue = ["index.html"]
    while queue:
        rel = queue.pop()
        text = (dist / rel).read_text(encoding="utf-8", errors="replace")
        base = PurePosixPath(rel)
        if rel.endswith(".html"):
            refs = ["".join(groups) for groups in HTML_ATTR.findall(text)]
            for script in re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.S | re.I):
                refs += QUOTED_PATH.findall(script)
        elif rel.endswith((".js", ".mjs")):
            refs = JS_STATIC_IMPORT.findall(text)
        elif rel.endswith(".css"):
            refs = [a or b for a, b in CSS_REF.findall(text)]
        else:
            refs = []
        for ref in refs:
            target = resolve(dist, base, ref)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def brotli_sizes(dist: Path, files: list):
    """Brotli (quality 11) size per file from Node's zlib, or None without Node."""
    script = Path(__file__).with_name("precompress.mjs")
    try:
        out = subprocess.run(
            ["node", str(script), "--sizes", str(dist), *files],
            check=True, capture_output=True, text=True,
        ).stdout
        return {f: v["br"] for f, v in json.loads(out).items()}
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        print(f"size: brotli sizes unavailable ({e}); Node is needed for them", file=sys.stderr)
        return None


def gzip_size(path: Path, data: bytes) -> int:
    """Bytes of `path` gzipped: its .gz sibling's size when that is a fresh gzip of the file (the
    bytes a host serving precompressed files sends; Node's zlib, about 0.6% larger than Python's
    on the wasm), otherwise gzip -9 by Python's zlib."""
    sibling = Path(f"{path}.gz")
    if sibling.is_file():
        packed = sibling.read_bytes()
        try:
            if gzip.decompress(packed) == data:
                return len(packed)
        except (OSError, EOFError):
            pass
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def check_siblings(dist: Path, files: list, require: bool) -> list:
    """Problems with the precompressed siblings of `files` (empty list: none)."""
    problems = []
    for rel in files:
        if Path(rel).suffix not in COMPRESSIBLE:
            continue
        p = dist / rel
        gz, br = Path(f"{p}.gz"), Path(f"{p}.br")
        if gz.is_file():
            try:
                if gzip.decompress(gz.read_bytes()) != p.read_bytes():
                    problems.append(f"{rel}.gz does not decompress to {rel} (stale)")
            except (OSError, EOFError) as e:
                problems.append(f"{rel}.gz is not valid gzip ({e})")
        elif require:
            problems.append(f"{rel}.gz missing")
        if br.is_file():
            if br.stat().st_mtime < p.stat().st_mtime - 1e-3:
                problems.append(f"{rel}.br is older than {rel} (stale)")
        elif require:
            problems.append(f"{rel}.br missing")
    return problems


def fmt(n) -> str:
    return "-" if n is None else f"{n:,}"


def main(argv: list) -> int:
    require = "--require-precompressed" in argv
    args = [a for a in argv if not a.startswith("--")]
    dist = Path(args[0] if args else "dist")
    if not (dist / "index.html").is_file():
        print(f"size: no index.html in {dist}/; build first (trunk build --release)", file=sys.stderr)
        return 1
    files = sorted(
        str(p.relative_to(dist)) for p in dist.rglob("*")
        if p.is_file() and not (p.suffix in SIBLINGS and p.with_suffix("").is_file())
    )
    first = first_load(dist)
    if not any(kind(f) == "wasm" for f in first):
        print(f"size: index.html in {dist}/ loads no .wasm: cannot tell the first load", file=sys.stderr)
        return 1
    # A host compresses text and wasm; an image or font goes as it is (its raw size counts).
    packed = [f for f in files if Path(f).suffix in COMPRESSIBLE]
    br = brotli_sizes(dist, packed)
    rows = []
    for rel in files:
        data = (dist / rel).read_bytes()
        compressed = rel in packed
        rows.append({
            "file": rel,
            "kind": kind(rel),
            "load": "first" if rel in first else "later",
            "bytes": len(data),
            "gzip": gzip_size(dist / rel, data) if compressed else len(data),
            "brotli": (None if br is None else br[rel]) if compressed else len(data),
        })
    width = max(len(r["file"]) for r in rows + [{"file": "first load total"}])
    header = f"{'file':<{width}}  {'bytes':>10}  {'gzip -9':>10}  {'brotli 11':>10}"

    def total(rs, key):
        vals = [r[key] for r in rs]
        return None if any(v is None for v in vals) else sum(vals)

    first_rows = [r for r in rows if r["load"] == "first"]
    later_rows = [r for r in rows if r["load"] == "later"]
    print("first page load (index.html and what it loads before the page runs; budgeted):")
    print(header)
    for r in first_rows:
        print(f"{r['file']:<{width}}  {r['bytes']:>10,}  {r['gzip']:>10,}  {fmt(r['brotli']):>10}")
    first_raw, first_gz, first_br = (total(first_rows, k) for k in ("bytes", "gzip", "brotli"))
    print(f"{'first load total':<{width}}  {first_raw:>10,}  {first_gz:>10,}  {fmt(first_br):>10}")
    by_kind = {}
    for r in first_rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + r["gzip"]
    print("first load gzip by kind: " + ", ".join(f"{k} {v:,}" for k, v in sorted(by_kind.items())))
    if later_rows:
        print("fetched later (reported apart, not counted):")
        for r in later_rows:
            print(f"{r['file']:<{width}}  {r['bytes']:>10,}  {r['gzip']:>10,}  {fmt(r['brotli']):>10}")
    else:
        print("fetched later (reported apart, not counted): none")
    worker_rows = [r for r in later_rows if PurePosixPath(r["file"]).name.startswith(WORKER_PREFIX)]
    if worker_rows:
        w_raw, w_gz, w_br = (total(worker_rows, k) for k in ("bytes", "gzip", "brotli"))
        print(f"History backtest worker ({WORKER_PREFIX}*, started on the first Run; not counted): "
              f"{w_raw:,} B, gzip {w_gz:,} B, brotli {fmt(w_br)} B")

    problems = check_siblings(dist, files, require)
    n_siblings = sum(
        1 for rel in files for s in SIBLINGS if Path(rel).suffix in COMPRESSIBLE and (dist / f"{rel}{s}").is_file()
    )
    print(f"precompressed siblings: {n_siblings} present, {len(problems)} problem(s)"
          + "".join(f"\n  {p}" for p in problems))

    goal = (f"issue 15 goal (400 KB gzip / 320 KB brotli): gzip {fmt(GOAL_GZIP_BYTES - first_gz)} B to spare"
            if first_gz <= GOAL_GZIP_BYTES else
            f"issue 15 goal (400 KB gzip / 320 KB brotli): gzip over by {fmt(first_gz - GOAL_GZIP_BYTES)} B")
    if first_br is not None:
        goal += (f", brotli {fmt(GOAL_BROTLI_BYTES - first_br)} B to spare" if first_br <= GOAL_BROTLI_BYTES
                 else f", brotli over by {fmt(first_br - GOAL_BROTLI_BYTES)} B")
    print(goal)

    out = Path("test-results")
    out.mkdir(exist_ok=True)
    (out / "size.json").write_text(json.dumps({
        "files": rows,
        "first_load": {"bytes": first_raw, "gzip": first_gz, "brotli": first_br},
        "later": {k: total(later_rows, k) for k in ("bytes", "gzip", "brotli")},
        "worker": {k: total([r for r in later_rows if PurePosixPath(r["file"]).name.startswith(WORKER_PREFIX)], k)
                   for k in ("bytes", "gzip", "brotli")},
        "budget_gzip": BUDGET_BYTES, "target_gzip": BUDGET_TARGET_BYTES,
        "goal_gzip": GOAL_GZIP_BYTES, "goal_brotli": GOAL_BROTLI_BYTES,
        "sibling_problems": problems,
    }, indent=2))

    failed = False
    if problems:
        print(f"size: FAIL: {len(problems)} precompressed sibling problem(s), see above")
        failed = True
    if first_gz > BUDGET_BYTES:
        print(f"size: FAIL: first load {first_gz:,} B gzipped is over the budget of {BUDGET_BYTES:,} B"
              f" (brotli {fmt(first_br)} B)")
        failed = True
    if failed:
        return 1
    print(f"size: ok: first load {first_gz:,} B gzipped (brotli {fmt(first_br)} B), "
          f"budget {BUDGET_BYTES:,} B, {BUDGET_BYTES - first_gz:,} B to spare")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
