// The documentation page's one module: imports <alvh-chart> from where alvh is hosted
// (?app=URL of the folder holding alvh's index.html; a real book writes the URL in).
const app = new URL(new URLSearchParams(location.search).get('app') ?? 'https://example.org/alvh/', location.href);
await import(new URL('alvh-chart.js', app).href);
