/** Inline SVG charts for the HTML report: a pass/fail/advice donut and one such bar per check family. */
import { html } from 'hono/html';
import type { CheckResult } from '../types.js';
import { FAMILIES } from '../types.js';

const OK = '#1f7a3a';
const BAD = '#b3261e';
const ADVICE = '#e0b040';

export function donut(passed: number, failed: number, advice: number) {
  const total = Math.max(passed + failed + advice, 1);
  const r = 70;
  const circumference = 2 * Math.PI * r;
  const passLength = (passed / total) * circumference;
  const adviceLength = (advice / total) * circumference;
  return html`<svg class="donut" viewBox="0 0 200 200" width="190" height="190" role="img" aria-label="${passed} passed, ${failed} failed, ${advice} advice">
  <circle cx="100" cy="100" r="${r}" fill="none" stroke="${BAD}" stroke-width="26" opacity="${failed > 0 ? 1 : 0.15}"/>
  <circle cx="100" cy="100" r="${r}" fill="none" stroke="${ADVICE}" stroke-width="26" stroke-dasharray="${(passLength + adviceLength).toFixed(2)} ${circumference.toFixed(2)}" transform="rotate(-90 100 100)"/>
  <circle cx="100" cy="100" r="${r}" fill="none" stroke="${OK}" stroke-width="26" stroke-dasharray="${passLength.toFixed(2)} ${circumference.toFixed(2)}" transform="rotate(-90 100 100)"/>
  <text x="100" y="98" text-anchor="middle" font-size="30" font-weight="700" fill="#1d2633">${passed}/${passed + failed + advice}</text>
  <text x="100" y="122" text-anchor="middle" font-size="14" fill="#5f6b7a">checks passed</text>
</svg>`;
}

export function familyBars(results: CheckResult[], isAdvice: (r: CheckResult) => boolean) {
  const rows = FAMILIES.map((family) => {
    const mine = results.filter((r) => r.family === family);
    const advice = mine.filter(isAdvice).length;
    return { family, passed: mine.filter((r) => r.passed).length, failed: mine.filter((r) => !r.passed).length - advice, advice };
  }).filter((row) => row.passed + row.failed + row.advice > 0);
  const most = Math.max(...rows.map((row) => row.passed + row.failed + row.advice), 1);
  const [labelWidth, barWidth, rowHeight] = [104, 300, 28];
  const width = labelWidth + barWidth + 60;
  return html`<svg class="families" viewBox="0 0 ${width} ${rows.length * rowHeight + 8}" width="100%" role="img" aria-label="passed and failed checks per family">
  ${rows.map((row, i) => {
    const y = i * rowHeight + 4;
    const pass = (row.passed / most) * barWidth;
    const fail = (row.failed / most) * barWidth;
    const advice = (row.advice / most) * barWidth;
    return html`<g>
    <text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="13" fill="#1d2633">${row.family}</text>
    <rect x="${labelWidth}" y="${y + 2}" width="${pass.toFixed(1)}" height="18" rx="3" fill="${OK}"><title>${row.passed} passed</title></rect>
    <rect x="${(labelWidth + pass).toFixed(1)}" y="${y + 2}" width="${fail.toFixed(1)}" height="18" rx="3" fill="${BAD}"><title>${row.failed} failed</title></rect>
    <rect x="${(labelWidth + pass + fail).toFixed(1)}" y="${y + 2}" width="${advice.toFixed(1)}" height="18" rx="3" fill="${ADVICE}"><title>${row.advice} advice</title></rect>
    <text x="${(labelWidth + pass + fail + advice + 6).toFixed(1)}" y="${y + 15}" font-size="12" fill="${row.failed > 0 ? BAD : '#5f6b7a'}">${row.passed}/${row.passed + row.failed + row.advice}</text>
  </g>`;
  })}
</svg>`;
}
