// The forecast beside what happened in the HTML report (issue 10 §3): per true state, the observed herding and
// wrong-herd rates next to the forecast for the run's own model, in the words the panel and `herdscope overview` use.
import {
  CONSISTENCY_RULE,
  consistencyText,
  forecastMethodText,
  forecastValueText,
  observedText,
  type ObservedVsForecast,
  type RunForecast,
} from '../../shared/run-forecast';
import { forecastStrip, type Mark } from '../../shared/forecast-strip';
import { escapeHtml as e } from './html-escape';
import { labelOf } from './html-sections';

export function forecastBesideSection(forecast: RunForecast | null, states: readonly string[]): string {
  if (!forecast) return '';
  const title = `<h2>Forecast vs what happened (the profile's model, before any call)</h2>`;
  if (forecast.status !== 'ready') {
    const why = forecast.status === 'pending' ? 'still being computed' : forecast.reason;
    return `<section class="forecast-beside" id="forecast">${title}<p class="muted" data-forecast="unavailable">No forecast: ${e(why)}</p></section>`;
  }
  const { comparison: c, method } = forecast;
  const cells = (s: ObservedVsForecast, what: string) =>
    `<td class="num" data-cell="${what}-observed">${e(observedText(s))}</td><td class="num" data-cell="${what}-forecast">${e(forecastValueText(s))}</td><td${s.consistent === false ? ' class="verdict fail"' : ''} data-cell="${what}-verdict">${e(consistencyText(s))}</td>`;
  const rows = c.states
    .map(
      (s) =>
        `<tr data-state="${s.state}"><th scope="row">${e(labelOf(states, s.state))}</th>${cells(s.herding, 'herding')}${cells(s.wrongHerd, 'wrong')}</tr>`,
    )
    .join('');
  return `<section class="forecast-beside" id="forecast">${title}
<p class="muted">${c.agents} agents per row · ${e(forecastMethodText(method))} · forecast P(herded by agent ${c.agents}) and P(herds on a wrong action) per true state, beside the labelled rows.</p>
<table class="forecast"><thead><tr><th>true state</th><th>herded by agent ${c.agents}: observed</th><th>forecast</th><th>verdict</th><th>wrong herd: observed</th><th>forecast</th><th>verdict</th></tr></thead><tbody>${rows}</tbody></table>
${svgOf(forecastStrip(c.states, (i) => labelOf(states, i), c.exact))}
<p class="muted">${e(CONSISTENCY_RULE)}.</p></section>`;
}

/** The shared strip chart's marks as SVG markup: attribute values and text escaped. */
function svgOf(mark: Mark): string {
  const attrs = Object.entries(mark.attrs)
    .map(([k, v]) => ` ${k}="${e(String(v))}"`)
    .join('');
  const xmlns = mark.tag === 'svg' ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  return `<${mark.tag}${xmlns}${attrs}>${mark.text !== undefined ? e(mark.text) : ''}${(mark.children ?? []).map(svgOf).join('')}</${mark.tag}>`;
}
