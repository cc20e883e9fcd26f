// Trunk's post_build hook (Trunk.toml). Trunk starts all hooks of a stage at once, so the steps
// that must run in order on the staged site live in this one script: first the
// Content-Security-Policy is written into index.html (scripts/csp.mjs), then anything that
// reads the final files.
import { writePolicy } from './csp.mjs';
import { precompressHook } from './precompress.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('post-build: no TRUNK_STAGING_DIR (run by Trunk) and no directory given');
  process.exit(2);
}
writePolicy(dir);
console.log('post-build: Content-Security-Policy written');
// Last: the .gz/.br siblings compress the final files (release builds; scripts/precompress.mjs).
precompressHook(dir);
