// <alvh-chart link="#c=1.…" theme="light|dark"></alvh-chart>: the alvh P/L chart and key
// figures inline in a documentation page (issue 18). Load this one module from where alvh is
// hosted; it fetches only alvh's own files next to it (alvh-web.js, alvh-web_bg.wasm,
// alvh-chart.css), draws in a shadow root at the element's width, and follows the host page's
// light/dark (the `theme` attribute, else the page's prefers-color-scheme).
const base = import.meta.url;
let ready = null;
function load() {
  ready ??= import(new URL('./alvh-web.js', base).href).then(async (alvh) => {
    await alvh.default({ module_or_path: new URL('./alvh-web_bg.wasm', base) });
    return alvh;
  });
  return ready;
}

const money = (x) =>
  (x < 0 ? '−' : '') + '$' + Math.round(Math.abs(x)).toLocaleString('en-US');

class AlvhChart extends HTMLElement {
  static observedAttributes = ['link', 'theme'];

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('./alvh-chart.css', base).href;
    const figure = document.createElement('figure');
    figure.setAttribute('part', 'figure');
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'P/L of the SPX iron condor, the VIX hedge and both, by SPX level');
    this.figures = document.createElement('dl');
    this.message = document.createElement('p');
    this.message.className = 'message';
    this.message.setAttribute('role', 'status');
    figure.append(this.canvas, this.figures, this.message);
    root.append(css, figure);
    this.dark = window.matchMedia('(prefers-color-scheme: dark)');
    this.onScheme = () => this.render();
  }

  connectedCallback() {
    this.dark.addEventListener('change', this.onScheme);
    this.resize = new ResizeObserver(() => this.render());
    this.resize.observe(this);
  }

  disconnectedCallback() {
    this.dark.removeEventListener('change', this.onScheme);
    this.resize?.disconnect();
  }

  attributeChangedCallback() {
    this.render();
  }

  isDark() {
    const t = this.getAttribute('theme');
    return t ? t === 'dark' : this.dark.matches;
  }

  async render() {
    const width = Math.round(this.getBoundingClientRect().width);
    if (!this.isConnected || width === 0) return;
    this.dataset.state = 'loading';
    try {
      const alvh = await load();
      const f = alvh.renderChart(this.canvas, this.getAttribute('link') ?? '', width, this.isDark());
      this.figures.replaceChildren();
      const rows = [
        ['Credit', money(f.creditDollars)],
        ['Defined risk', money(f.definedRiskDollars)],
        ['Hedge cost', money(f.hedgeCostDollars)],
        [`PoP at expiry${f.expiry ? ` (${f.expiry})` : ''}`, f.pop == null ? '—' : `${(100 * f.pop).toFixed(1)}%`],
        ['Expected P/L at expiry', f.expectedPnl == null ? '—' : money(f.expectedPnl)],
        ['Fingerprint', f.fingerprint],
      ];
      for (const [k, v] of rows) {
        const div = document.createElement('div');
        const dt = document.createElement('dt');
        const dd = document.createElement('dd');
        dt.textContent = k;
        dd.textContent = v;
        div.append(dt, dd);
        this.figures.append(div);
      }
      this.message.textContent = f.notices.length ? `Link notices: ${f.notices.join('; ')}` : '';
      this.dataset.fingerprint = f.fingerprint;
      this.dataset.state = 'ready';
    } catch (e) {
      this.message.textContent = `alvh could not draw this link: ${e}`;
      this.dataset.state = 'error';
    }
  }
}

if (!customElements.get('alvh-chart')) customElements.define('alvh-chart', AlvhChart);
