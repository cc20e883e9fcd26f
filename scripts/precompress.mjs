// Precompressed siblings for static hosts (issue 15, item 5), with Node's built-in zlib only.
//
//   node scripts/precompress.mjs [DIR]          write FILE.gz (gzip -9) and FILE.br (brotli
//                                               quality 11) beside every compressible FILE
//   node scripts/precompress.mjs --sizes DIR FILE...
//                                               print {"FILE": {"gzip": N, "br": N}} as JSON
//                                               (the size report's brotli figures), write nothing
//
// DIR defaults to $TRUNK_STAGING_DIR. In a build, scripts/post-build.mjs (Trunk's `post_build`
// hook, Trunk.toml) calls precompressHook() last, after the Content-Security-Policy is written
// into index.html: Trunk runs it after it has written the assets and index.html to its staging
// directory and before that directory replaces dist/, so the siblings land in dist/ together
// with the final files they compress.
// In a debug build (TRUNK_PROFILE=debug) the hook does nothing unless ALVH_PRECOMPRESS=1: brotli
// at quality 11 of an unoptimised wasm takes long, and `trunk serve` does not need it.
//
// Hosts that serve such siblings (nginx `gzip_static`/`brotli_static`, Caddy `file_server {
// precompressed br gzip }`, GitLab Pages, ...) send FILE.gz or FILE.br with `Content-Encoding`
// when the browser accepts it; see README, "Hosting".
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Extensions worth compressing: the page's text files and the wasm module. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.csv', '.map']);
/** Text files get brotli's text mode (a hint for its context modelling); the wasm generic. */
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.csv', '.map']);

/** True for a file this script compresses (not a sibling it wrote itself). */
export function compressible(name) {
  return COMPRESSIBLE.has(extname(name));
}

/** gzip at level 9 (the level the size budget is stated in), as a host's `.gz` sibling. */
export function gzip(data) {
  return gzipSync(data, { level: 9 });
}

/** brotli at quality 11 (the maximum), window 22 bits (the default), with a size hint. */
export function brotli(data, name) {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_MODE]: TEXT.has(extname(name)) ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
    },
  });
}

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function writeSiblings(dir) {
  let raw = 0;
  let gz = 0;
  let br = 0;
  let count = 0;
  for (const file of walk(dir).filter(compressible)) {
    const data = readFileSync(file);
    const z = gzip(data);
    const b = brotli(data, file);
    writeFileSync(`${file}.gz`, z);
    writeFileSync(`${file}.br`, b);
    // nginx recommends the same modification time for a file and its compressed copies; the
    // size report uses it to tell a stale sibling from a fresh one.
    const { atime, mtime } = statSync(file);
    utimesSync(`${file}.gz`, atime, mtime);
    utimesSync(`${file}.br`, atime, mtime);
    raw += data.length;
    gz += z.length;
    br += b.length;
    count++;
  }
  const fmt = (n) => n.toLocaleString('en-US');
  console.log(
    `precompress: ${count} files in ${dir}: ${fmt(raw)} B -> ` +
      `${fmt(gz)} B .gz, ${fmt(br)} B .br (all files, first load or not)`,
  );
}

/** The build step: siblings for every file of `dir`, except in a debug build (see above). */
export function precompressHook(dir) {
  if (process.env.TRUNK_PROFILE === 'debug' && process.env.ALVH_PRECOMPRESS !== '1') {
    console.log('precompress: debug build, no .gz/.br siblings (set ALVH_PRECOMPRESS=1 to write them)');
    return;
  }
  writeSiblings(dir);
}

function main(argv) {
  if (argv[0] === '--sizes') {
    const [dir, ...files] = argv.slice(1);
    const sizes = {};
    for (const f of files) {
      const data = readFileSync(join(dir, f));
      sizes[f] = { gzip: gzip(data).length, br: brotli(data, f).length };
    }
    process.stdout.write(JSON.stringify(sizes));
    return 0;
  }
  const dir = argv[0] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('precompress: no directory (pass one, or run as a Trunk hook with TRUNK_STAGING_DIR)');
    return 2;
  }
  if (argv[0]) writeSiblings(dir);
  else precompressHook(dir);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
