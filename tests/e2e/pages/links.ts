import { deflateRawSync } from 'node:zlib';

/**
 * A share-link fragment in alvh's format 1 (src/codec/link.rs): `c=1.` + base64url without padding
 * of the raw-deflated JSON. Takes the JSON text as is, so a test can write what alvh's own
 * encoder never would (NaN tokens, wrong types, huge strings).
 */
export function fragmentOfJson(json: string): string {
  return `c=1.${deflateRawSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64url')}`;
}

/** As fragmentOfJson, for a config object. */
export function fragmentOf(config: unknown): string {
  return fragmentOfJson(JSON.stringify(config));
}
