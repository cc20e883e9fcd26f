// The three origins playwright.config.ts starts: the app (dist/ at /), a documentation site
// (test host pages at /, docs/ at /docs/) and dist/ again under a subpath with CORS.
const port = Number(process.env.ALVH_E2E_PORT ?? 4173);

/** The app's own origin (python's static server, no CORS header). */
export const APP = `http://127.0.0.1:${port}/`;
/** Another origin: tests/e2e/fixtures/host/ at /, docs/ at /docs/. */
export const DOCS_HOST = `http://127.0.0.1:${port + 1}/`;
/** dist/ under a subpath of a third origin, with `Access-Control-Allow-Origin: *`. */
export const SUBPATH_APP = `http://127.0.0.1:${port + 2}/sub/alvh/`;
