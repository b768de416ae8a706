// The HTML report's stylesheet (inline, admitted by its hash in the report's CSP). Light and dark by the reader's OS.
export const REPORT_STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #656d76; --bg: #ffffff; --panel: #f6f8fa; --border: #d0d7de;
  --cascade: rgba(209, 134, 22, 0.18); --herd: #cf222e; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700;
  --s0: #1a85ff; --s1: #e51400; --s2: #388a34; --s3: #652d90; --s4: #bf8803; --s5: #d18616; --heat: 26, 133, 255; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --border: #30363d; --cascade: rgba(209, 134, 22, 0.22);
    --herd: #f85149; --pass: #3fb950; --fail: #f85149; --warn: #d29922; --s0: #3794ff; --s1: #f14c4c; --s2: #89d185; --s3: #b180d7; --s4: #cca700; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6em; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.25em; margin: 28px 0 8px; border-bottom: 1px solid var(--border); padding-bottom: 4px; overflow-wrap: anywhere; }
h3 { font-size: 1.05em; margin: 16px 0 6px; }
.muted { color: var(--muted); }
.label { display: inline-block; font-size: 0.75em; font-weight: 700; letter-spacing: 0.05em; padding: 1px 6px; border: 1px solid currentColor; border-radius: 3px; vertical-align: middle; }
.label.simulated { color: var(--warn); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 10px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.status-completed { color: var(--pass); } .status-failed { color: var(--fail); } .status-cancelled, .status-running { color: var(--warn); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.stat { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; min-width: 140px; }
.stat b { display: block; font-size: 1.3em; }
.verdict { font-weight: 700; } .verdict.pass { color: var(--pass); } .verdict.fail { color: var(--fail); }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.steps { width: 100%; font-size: 0.9em; }
.steps td { overflow-wrap: anywhere; }
tr.cascade td:first-child { box-shadow: inset 3px 0 0 rgb(209, 134, 22); }
tr.differ td:first-child, tr.herding td:first-child { box-shadow: inset 3px 0 0 var(--herd); }
.flag { display: inline-block; font-size: 0.8em; border: 1px solid currentColor; border-radius: 8px; padding: 0 6px; margin: 1px 2px 1px 0; white-space: nowrap; }
.flag.cascade { color: rgb(209, 134, 22); } .flag.herding, .flag.differ { color: var(--herd); } .flag.error { color: var(--fail); }
.error { color: var(--fail); }
.chip { display: inline-block; background: var(--panel); border: 1px solid var(--border); border-radius: 3px; padding: 0 5px; margin: 1px 2px 1px 0; font-size: 0.9em; }
.differ-action { color: var(--herd); font-weight: 700; }
blockquote { margin: 6px 0; padding: 6px 12px; border-left: 3px solid var(--border); background: var(--panel); white-space: pre-wrap; overflow-wrap: anywhere; }
pre { margin: 4px 0 0; padding: 6px; background: var(--panel); white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; max-width: 60ch; }
details summary { cursor: pointer; color: var(--muted); }
.chart { margin: 8px 0; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.9em; }
.key { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 14px; height: 4px; }
.swatch.cascade-key { height: 10px; background: var(--cascade); border: 1px solid rgba(209, 134, 22, 0.6); }
svg.posterior { width: 100%; max-width: 900px; height: auto; display: block; }
svg.posterior text { font-size: 11px; fill: var(--muted); font-family: inherit; }
svg.posterior .grid { stroke: var(--border); fill: none; }
svg.posterior .axis { stroke: var(--muted); fill: none; }
svg.posterior .cascade { fill: var(--cascade); }
svg.posterior .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg.posterior .onset line { stroke: var(--herd); stroke-width: 2; }
svg.posterior .onset text { fill: var(--herd); font-weight: 600; }
svg.posterior text.series-label, svg.posterior .onset text { paint-order: stroke; stroke: var(--bg); stroke-width: 3px; stroke-linejoin: round; }
svg.posterior text.series-label { font-weight: 600; fill: var(--fg); }
svg.posterior text.s0 { fill: var(--s0); } svg.posterior text.s1 { fill: var(--s1); } svg.posterior text.s2 { fill: var(--s2); } svg.posterior text.s3 { fill: var(--s3); } svg.posterior text.s4 { fill: var(--s4); } svg.posterior text.s5 { fill: var(--s5); }
.s0 { stroke: var(--s0); background: var(--s0); } .s1 { stroke: var(--s1); background: var(--s1); } .s2 { stroke: var(--s2); background: var(--s2); }
.s3 { stroke: var(--s3); background: var(--s3); } .s4 { stroke: var(--s4); background: var(--s4); } .s5 { stroke: var(--s5); background: var(--s5); }
.heatmaps { display: flex; flex-wrap: wrap; gap: 18px; }
.heatmap caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
.heatmap td { text-align: right; font-variant-numeric: tabular-nums; min-width: 4.5em; }
${Array.from({ length: 10 }, (_, i) => `.heat-${i} { background: rgba(var(--heat), ${(0.08 + i * 0.08).toFixed(2)}); }`).join('\n')}
svg.histogram { width: 100%; max-width: 900px; height: auto; display: block; }
svg.histogram text { font-size: 11px; fill: var(--muted); font-family: inherit; }
svg.histogram .axis { stroke: var(--muted); fill: none; }
svg.histogram .bar { fill: var(--s0); }
.sensor-warning { border: 2px solid var(--fail); border-radius: 6px; padding: 8px 12px; color: var(--fg); background: var(--panel); }
.sensor-warning b { color: var(--fail); }
tr.rejected th { box-shadow: inset 3px 0 0 var(--fail); }
table.mini { margin: 0; font-size: 0.85em; } table.mini th, table.mini td { padding: 1px 5px; }
.side-by-side td, .side-by-side th { min-width: 12em; }
svg.forecast-chart { max-width: 100%; height: auto; display: block; margin: 8px 0; font-size: 12px; }
svg.forecast-chart text { fill: var(--fg); font-family: inherit; } svg.forecast-chart .tick { fill: var(--muted); }
svg.forecast-chart .grid { stroke: var(--border); } svg.forecast-chart .observed-ci { stroke: var(--s0); stroke-width: 3; }
svg.forecast-chart .observed-mark { fill: var(--s0); } svg.forecast-chart .forecast-ci { stroke: var(--s5); stroke-width: 2; }
svg.forecast-chart .forecast-mark { fill: var(--s5); stroke: var(--bg); stroke-width: 1; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }
`;
