/**
 * Inline SVG charts for the self-contained report: grouped bars, density curves and a heat map. Plain
 * strings, no script, no external resource; every chart carries `class="plot"` and a `data-plot` name.
 */

/** Escapes text for HTML and SVG. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Formats an axis value with two significant digits (whole numbers from 10 up). */
function tick(x: number): string {
  return x >= 10 ? x.toFixed(0) : x === 0 ? '0' : x.toPrecision(2);
}

/** Formats a number for a label (NaN and null as an en dash). */
export function fmt(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

/** One series of a chart: its name and colour. */
export interface Series {
  name: string;
  colour: string;
}

/** Chart size and title. */
export interface ChartOptions {
  name: string;
  title: string;
  width?: number;
  height?: number;
  /** Top of the value axis. Default: the largest value (x 1.1). */
  max?: number;
  /** A dashed horizontal line at this value (e.g. a threshold). */
  line?: { value: number; label: string };
}

const M = { top: 28, right: 10, bottom: 42, left: 44 };

function frame(o: ChartOptions, body: string, legend: readonly Series[]): string {
  const w = o.width ?? 520;
  const h = o.height ?? 240;
  const step = Math.min(120, (w - M.left) / Math.max(1, legend.length));
  const keys = legend
    .map(
      (s, i) =>
        `<rect x="${M.left + i * step}" y="${h - 14}" width="10" height="10" fill="${s.colour}"/>` +
        `<text x="${M.left + 14 + i * step}" y="${h - 5}" font-size="${step < 100 ? 9 : 11}">${esc(s.name)}</text>`,
    )
    .join('');
  return (
    `<svg class="plot" data-plot="${esc(o.name)}" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" ` +
    `viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(o.title)}"><title>${esc(o.title)}</title>` +
    `<text x="${M.left}" y="16" font-size="13" font-weight="bold">${esc(o.title)}</text>${body}${keys}</svg>`
  );
}

function axis(o: ChartOptions, max: number): string {
  const w = o.width ?? 520;
  const h = o.height ?? 240;
  const y = (v: number): number => h - M.bottom - ((h - M.top - M.bottom) * v) / max;
  let s = `<line x1="${M.left}" y1="${y(0)}" x2="${w - M.right}" y2="${y(0)}" stroke="#444"/>`;
  for (const f of [0, 0.5, 1])
    s += `<text x="${M.left - 4}" y="${y(max * f) + 4}" font-size="10" text-anchor="end">${tick(max * f)}</text>`;
  if (o.line)
    s +=
      `<line x1="${M.left}" y1="${y(o.line.value)}" x2="${w - M.right}" y2="${y(o.line.value)}" stroke="#c00" stroke-dasharray="4 3"/>` +
      `<text x="${w - M.right}" y="${y(o.line.value) - 3}" font-size="10" text-anchor="end" fill="#c00" ` +
      `stroke="#fff" stroke-width="3" paint-order="stroke">${esc(o.line.label)}</text>`;
  return s;
}

/** Grouped bars: one group per label, one bar per series (NaN values leave a gap). */
export function barChart(
  labels: readonly string[],
  series: readonly Series[],
  values: readonly (readonly number[])[],
  o: ChartOptions,
): string {
  const w = o.width ?? 520;
  const h = o.height ?? 240;
  const finite = values.flat().filter(Number.isFinite);
  const max = o.max ?? Math.max(1e-9, ...finite, o.line?.value ?? 0) * 1.1;
  const plotW = w - M.left - M.right;
  const groupW = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, (groupW * 0.8) / Math.max(1, series.length));
  const y = (v: number): number => h - M.bottom - ((h - M.top - M.bottom) * Math.min(v, max)) / max;
  let body = axis(o, max);
  labels.forEach((label, g) => {
    const x0 = M.left + g * groupW + groupW * 0.1;
    series.forEach((s, k) => {
      const v = values[k]?.[g];
      if (v === undefined || !Number.isFinite(v)) return;
      body +=
        `<rect class="bar" x="${(x0 + k * barW).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 1).toFixed(1)}" ` +
        `height="${Math.max(0.5, h - M.bottom - y(v)).toFixed(1)}" fill="${s.colour}"><title>${esc(s.name)} ${esc(label)}: ${fmt(v)}</title></rect>`;
    });
    body += `<text x="${(x0 + (groupW * 0.8) / 2).toFixed(1)}" y="${h - M.bottom + 13}" font-size="10" text-anchor="middle">${esc(label)}</text>`;
  });
  return frame(o, body, series);
}

/** Density curves sharing one x axis: one path per series. */
export function curveChart(
  series: readonly Series[],
  curves: readonly { x: readonly number[]; y: readonly number[] }[],
  o: ChartOptions,
): string {
  const w = o.width ?? 520;
  const h = o.height ?? 240;
  const xs = curves.flatMap((c) => c.x);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const max = o.max ?? Math.max(1e-9, ...curves.flatMap((c) => c.y)) * 1.1;
  const px = (x: number): number => M.left + ((w - M.left - M.right) * (x - lo)) / (hi - lo || 1);
  const py = (v: number): number => h - M.bottom - ((h - M.top - M.bottom) * v) / max;
  let body = axis(o, max);
  body += `<text x="${M.left}" y="${h - M.bottom + 13}" font-size="10">${fmt(lo, 2)}</text>`;
  body += `<text x="${w - M.right}" y="${h - M.bottom + 13}" font-size="10" text-anchor="end">${fmt(hi, 2)}</text>`;
  curves.forEach((c, k) => {
    const d = c.x.map((x, i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(c.y[i]).toFixed(1)}`).join('');
    body += `<path class="curve" d="${d}" fill="none" stroke="${series[k].colour}" stroke-width="2"/>`;
  });
  return frame(o, body, series);
}

/** A heat map of a matrix (rows x columns) with the counts written in the cells. */
export function heatMap(
  matrix: readonly (readonly number[])[],
  rows: readonly string[],
  columns: readonly string[],
  o: ChartOptions,
): string {
  const cell = 40;
  const w = o.width ?? Math.max(420, M.left + 30 + cell * columns.length + 10);
  const h = o.height ?? M.top + 20 + cell * rows.length + 30;
  const max = Math.max(1, ...matrix.flat());
  let body = `<text x="${M.left + 30}" y="${M.top + 8}" font-size="10">predicted →</text>`;
  columns.forEach((c, j) => {
    body += `<text x="${M.left + 30 + j * cell + cell / 2}" y="${M.top + 18}" font-size="11" text-anchor="middle">${esc(c)}</text>`;
  });
  matrix.forEach((row, i) => {
    const y = M.top + 22 + i * cell;
    body += `<text x="${M.left + 24}" y="${y + cell / 2 + 4}" font-size="11" text-anchor="end">${esc(rows[i])}</text>`;
    row.forEach((v, j) => {
      const a = (0.1 + (0.9 * v) / max).toFixed(3);
      body +=
        `<rect class="cell" x="${M.left + 30 + j * cell}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="rgba(47,126,216,${a})"/>` +
        `<text x="${M.left + 30 + j * cell + cell / 2 - 1}" y="${y + cell / 2 + 4}" font-size="12" text-anchor="middle">${v}</text>`;
    });
  });
  return frame({ ...o, width: w, height: h }, body, []);
}
