// Writes the page's Content-Security-Policy into the built index.html (a Trunk post_build
// step; see scripts/post-build.mjs). index.html carries a placeholder
// `<meta http-equiv="Content-Security-Policy" content="ALVH_CSP">`; this replaces it with the
// policy below, adding the SHA-256 of every inline <script> left in the built page (Trunk's
// module loader), so no inline script runs unless it is byte-for-byte the one built here.
//
// The policy allows this origin only: scripts and wasm ('wasm-unsafe-eval' lets the page
// compile its own WebAssembly), styles, images (plus data: and blob: for the favicon and the
// PNG/CSV exports), connections (the .wasm fetch, the History data file) and workers.
// Everything else is refused. A <meta> policy cannot carry frame-ancestors: a host that does
// not want the full app framed should send that header itself (README "Security").
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PLACEHOLDER = 'ALVH_CSP';

/** The policy for a page whose inline scripts have these SHA-256 hashes (base64). */
export function policy(scriptHashes) {
  const hashes = scriptHashes.map((h) => `'sha256-${h}'`).join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval'${hashes ? ' ' + hashes : ''}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The base64 SHA-256 of each inline script's text, in page order. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    hashes.push(createHash('sha256').update(m[2], 'utf8').digest('base64'));
  }
  return hashes;
}

/** Returns `html` with the placeholder replaced by the policy; throws if it is missing. */
export function withPolicy(html) {
  const tag = new RegExp(`content=("|')?${PLACEHOLDER}\\1`);
  if (!tag.test(html)) {
    throw new Error(`csp: no Content-Security-Policy placeholder (${PLACEHOLDER}) in index.html`);
  }
  return html.replace(tag, `content="${policy(inlineScriptHashes(html))}"`);
}

/** Rewrites `dir`/index.html in place. */
export function writePolicy(dir) {
  const file = join(dir, 'index.html');
  writeFileSync(file, withPolicy(readFileSync(file, 'utf8')));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node scripts/csp.mjs DIST_DIR (or run as a Trunk hook)');
    process.exit(2);
  }
  writePolicy(dir);
  console.log(`csp: policy written into ${join(dir, 'index.html')}`);
}
