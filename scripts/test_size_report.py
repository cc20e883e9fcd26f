#!/usr/bin/env python3
"""Tests of scripts/size-report.py and scripts/precompress.mjs on a small dist/ made on the fly.

    python3 scripts/test_size_report.py        (run by scripts/test-browser.sh)

The dist/ looks like Trunk's: index.html preloads the JS glue and the wasm and imports the glue
from an inline module script; the glue imports a snippet statically, a History module
dynamically and starts a worker; a data file is fetched later.
"""
import gzip
import importlib.util
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("size_report", HERE / "size-report.py")
size_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(size_report)

INDEX = """<!doctype html><html><head>
<link rel="stylesheet" href="./main-1a2b.css" integrity="sha384-x"/><link href=./rules.css rel=stylesheet>
<link rel="modulepreload" href="./alvh-web.js" crossorigin="anonymous">
<link rel="preload" href="./alvh-web_bg.wasm" as="fetch" type="application/wasm">
<link rel="icon" href="data:,"></head><body>
<script type="module">import init, * as bindings from './alvh-web.js';
const wasm = await init({ module_or_path: './alvh-web_bg.wasm' });</script>
<script>var elsewhere = 'https://example.com/other.js';</script></body></html>"""
GLUE = (
    "import { f } from './snippets/alvh-1/inline0.js';\n"
    "export function history() { return import('./history.js'); }\n"
    "new Worker(new URL('./worker.js', import.meta.url));\n"
)


class SizeReport(unittest.TestCase):
    def setUp(self):
        self.dist = Path(tempfile.mkdtemp(prefix="alvh-size-"))
        self.cwd = os.getcwd()
        os.chdir(self.dist.parent)  # test-results/ goes beside the temporary dist
        files = {
            "index.html": INDEX,
            "alvh-web.js": GLUE * 20,
            "snippets/alvh-1/inline0.js": "export function f() {}\n",
            "main-1a2b.css": "body { color: #222; }\n" * 50,
            "rules.css": ".rule { margin: 0; }\n",  # linked unquoted, as minified by Trunk
            "history.js": "export const rows = [1, 2, 3];\n",
            "worker.js": "onmessage = () => {};\n",
            "data/vix.json": json.dumps(list(range(2000))),
        }
        for rel, text in files.items():
            (self.dist / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.dist / rel).write_text(text)
        # A wasm that compresses about 2:1, like the real one.
        (self.dist / "alvh-web_bg.wasm").write_bytes(bytes((i * 7919) % 251 for i in range(40_000)) + os.urandom(20_000))

    def tearDown(self):
        os.chdir(self.cwd)
        shutil.rmtree(self.dist)
        shutil.rmtree(self.dist.parent / "test-results", ignore_errors=True)

    def run_report(self, *args, budget=None):
        env_before = os.environ.get("ALVH_SIZE_BUDGET")
        out, err = io.StringIO(), io.StringIO()
        try:
            if budget is not None:
                size_report.BUDGET_BYTES = budget
            with redirect_stdout(out), redirect_stderr(err):
                rc = size_report.main([str(self.dist), *args])
        finally:
            size_report.BUDGET_BYTES = int(env_before or size_report.BUDGET_TARGET_BYTES)
        report = json.loads((self.dist.parent / "test-results" / "size.json").read_text())
        return rc, out.getvalue(), report

    def precompress(self):
        subprocess.run(["node", str(HERE / "precompress.mjs"), str(self.dist)], check=True, capture_output=True)

    def test_first_load_is_what_index_html_loads_before_the_page_runs(self):
        self.assertEqual(
            size_report.first_load(self.dist),
            {"index.html", "alvh-web.js", "alvh-web_bg.wasm", "main-1a2b.css", "rules.css", "snippets/alvh-1/inline0.js"},
        )

    def test_later_files_are_listed_but_not_counted(self):
        rc, out, report = self.run_report()
        self.assertEqual(rc, 0, out)
        later = sorted(r["file"] for r in report["files"] if r["load"] == "later")
        self.assertEqual(later, ["data/vix.json", "history.js", "worker.js"])
        first_gzip = sum(r["gzip"] for r in report["files"] if r["load"] == "first")
        self.assertEqual(report["first_load"]["gzip"], first_gzip)
        every_gzip = sum(r["gzip"] for r in report["files"])
        self.assertLess(report["first_load"]["gzip"], every_gzip)
        wasm = next(r for r in report["files"] if r["file"] == "alvh-web_bg.wasm")
        self.assertEqual(wasm["gzip"], len(gzip.compress((self.dist / "alvh-web_bg.wasm").read_bytes(), 9, mtime=0)))
        self.assertIn("size: ok: first load", out)

    def test_over_the_budget_fails(self):
        rc, _, report = self.run_report()
        rc_over, out, _ = self.run_report(budget=report["first_load"]["gzip"] - 1)
        self.assertEqual(rc, 0)
        self.assertEqual(rc_over, 1)
        self.assertIn("size: FAIL: first load", out)

    def test_siblings_are_not_counted_twice_and_brotli_matches_them(self):
        _, _, before = self.run_report()
        self.precompress()
        self.assertTrue((self.dist / "alvh-web_bg.wasm.gz").is_file())
        self.assertTrue((self.dist / "snippets/alvh-1/inline0.js.br").is_file())
        rc, out, after = self.run_report("--require-precompressed")
        self.assertEqual(rc, 0, out)
        self.assertEqual([r["file"] for r in before["files"]], [r["file"] for r in after["files"]])
        self.assertEqual(before["first_load"]["bytes"], after["first_load"]["bytes"])
        self.assertEqual(before["first_load"]["brotli"], after["first_load"]["brotli"])
        # gzip is now the bytes of each .gz sibling (Node's zlib), counted once.
        first = [r for r in after["files"] if r["load"] == "first"]
        self.assertEqual(after["first_load"]["gzip"], sum((self.dist / f"{r['file']}.gz").stat().st_size for r in first))
        for r in after["files"]:
            self.assertEqual(r["brotli"], (self.dist / f"{r['file']}.br").stat().st_size, r["file"])
            if r["bytes"] > 1000:  # a tiny file may grow by the format's overhead
                self.assertLess(r["brotli"], r["gzip"], r["file"])

    def test_missing_or_stale_siblings_fail(self):
        rc, out, _ = self.run_report("--require-precompressed")
        self.assertEqual(rc, 1)
        self.assertIn("alvh-web_bg.wasm.gz missing", out)
        self.precompress()
        glue = self.dist / "alvh-web.js"
        glue.write_text(glue.read_text() + "// changed after precompression\n")
        os.utime(glue, (glue.stat().st_atime, glue.stat().st_mtime + 5))
        rc, out, report = self.run_report()
        self.assertEqual(rc, 1)
        self.assertIn("alvh-web.js.gz does not decompress to alvh-web.js (stale)", out)
        self.assertIn("alvh-web.js.br is older than alvh-web.js (stale)", out)
        self.assertEqual(len(report["sibling_problems"]), 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
