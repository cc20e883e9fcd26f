// The first-chart probe shared by the browser benchmarks (browser.bench.ts, cold-load.bench.ts).
// Installed with page.addInitScript, it sets window.__alvhFirstChart to performance.now() (ms
// since navigation start) in the first animation frame in which the P/L canvas
// ([data-testid="pnl-chart"]) holds a drawn chart: more than 20 pixels of a 4-pixel band across
// its middle differ from the band's first pixel. A blank or cleared canvas does not count.

/** Records, per animation frame, when the P/L canvas first holds a drawn chart. */
export const FIRST_CHART_PROBE = () => {
  const w = window as any;
  const tick = () => {
    const c = document.querySelector('[data-testid="pnl-chart"]') as HTMLCanvasElement | null;
    if (c && c.width > 0 && c.height > 0) {
      const ctx = c.getContext('2d');
      if (ctx) {
        const y = Math.floor(c.height / 2);
        const band = ctx.getImageData(0, y - 2, c.width, 4).data;
        let differing = 0;
        for (let i = 4; i < band.length; i += 4) {
          if (band[i] !== band[0] || band[i + 1] !== band[1] || band[i + 2] !== band[2]) differing++;
        }
        if (differing > 20) {
          w.__alvhFirstChart = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

