// Charts drawn as SVG: a scatter, bar charts of bins and a line over time. Each scales with its
// container (viewBox) and carries a text summary for screen readers (role img, aria-label).

import { svg, fill, number, count } from './dom.js';

const WIDTH = 480;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 40, left: 52 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

function frame(element, label) {
  element.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', label);
  element.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  return fill(element);
}

function axes(element, xLabel, yLabel) {
  const x0 = MARGIN.left;
  const y0 = MARGIN.top + PLOT_H;
  element.append(
    svg('line', { class: 'axis', x1: x0, y1: MARGIN.top, x2: x0, y2: y0 }),
    svg('line', { class: 'axis', x1: x0, y1: y0, x2: x0 + PLOT_W, y2: y0 }),
    svg('text', { class: 'axis-label', x: x0 + PLOT_W / 2, y: HEIGHT - 4, 'text-anchor': 'middle', text: xLabel }),
    svg('text', {
      class: 'axis-label',
      x: 12,
      y: MARGIN.top + PLOT_H / 2,
      'text-anchor': 'middle',
      transform: `rotate(-90 12 ${MARGIN.top + PLOT_H / 2})`,
      text: yLabel,
    }),
  );
}

function tick(element, x, y, text, anchor = 'middle') {
  element.append(svg('text', { class: 'tick', x, y, 'text-anchor': anchor, text }));
}

function empty(element, label) {
  frame(element, label);
  element.append(svg('text', { class: 'tick', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle', text: 'No songs' }));
}

/** Points {x, y, label} on 0..1 by 0..1 axes. */
export function scatter(element, points, { xLabel, yLabel }) {
  if (!points.length) return empty(element, `${xLabel} against ${yLabel}: no songs`);
  frame(element, `Scatter of ${xLabel.toLowerCase()} against ${yLabel.toLowerCase()} for ${count(points.length)} songs`);
  axes(element, xLabel, yLabel);
  for (const value of [0, 0.5, 1]) {
    tick(element, MARGIN.left + value * PLOT_W, MARGIN.top + PLOT_H + 14, number(value, 1));
    tick(element, MARGIN.left - 6, MARGIN.top + (1 - value) * PLOT_H + 4, number(value, 1), 'end');
  }
  for (const point of points) {
    element.append(
      svg(
        'circle',
        {
          class: 'dot',
          cx: (MARGIN.left + Math.min(Math.max(point.x, 0), 1) * PLOT_W).toFixed(1),
          cy: (MARGIN.top + (1 - Math.min(Math.max(point.y, 0), 1)) * PLOT_H).toFixed(1),
          r: 2.5,
        },
        svg('title', { text: point.label }),
      ),
    );
  }
}

/**
 * Bins {from, to, count} as bars; `format` writes a bin edge. Adjacent bars for a histogram,
 * spaced ones for a bar chart.
 */
export function bars(element, bins, { xLabel, format, gap = 0, name }) {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  if (!total) return empty(element, `${name}: no songs`);
  const highest = bins.reduce((best, bin) => (bin.count > best.count ? bin : best), bins[0]);
  frame(
    element,
    `${name} of ${count(total)} songs in ${bins.length} bins from ${format(bins[0].from)} to ` +
      `${format(bins[bins.length - 1].to)}; the most, ${count(highest.count)}, from ${format(highest.from)} to ${format(highest.to)}`,
  );
  axes(element, xLabel, 'Songs');
  const width = PLOT_W / bins.length;
  const top = highest.count;
  tick(element, MARGIN.left - 6, MARGIN.top + 4, count(top), 'end');
  tick(element, MARGIN.left - 6, MARGIN.top + PLOT_H + 4, '0', 'end');
  bins.forEach((bin, index) => {
    const height = (bin.count / top) * PLOT_H;
    element.append(
      svg(
        'rect',
        {
          class: 'bar',
          x: (MARGIN.left + index * width + (gap * width) / 2).toFixed(1),
          y: (MARGIN.top + PLOT_H - height).toFixed(1),
          width: Math.max(width * (1 - gap) - 1, 1).toFixed(1),
          height: height.toFixed(1),
        },
        svg('title', { text: `${format(bin.from)}–${format(bin.to)}: ${count(bin.count)} songs` }),
      ),
    );
  });
  const every = Math.ceil(bins.length / 5);
  bins.forEach((bin, index) => {
    if (index % every === 0) tick(element, MARGIN.left + index * width, MARGIN.top + PLOT_H + 14, format(bin.from));
  });
  tick(element, MARGIN.left + PLOT_W, MARGIN.top + PLOT_H + 14, format(bins[bins.length - 1].to));
}

/** Points {time (ms), value} as a stepped line on a 0..5 axis. */
export function line(element, points, { name }) {
  if (!points.length) return empty(element, `${name}: no ratings`);
  const first = points[0].time;
  const last = points[points.length - 1].time;
  const span = Math.max(last - first, 1);
  const latest = points[points.length - 1].value;
  frame(element, `${name}: ${points.length} changes; now ${number(latest, 2)}`);
  axes(element, 'Time', 'Average');
  for (const value of [0, 1, 2, 3, 4, 5]) {
    tick(element, MARGIN.left - 6, MARGIN.top + (1 - value / 5) * PLOT_H + 4, String(value), 'end');
  }
  // dates, or times (UTC) when everything happened within two days
  const when = (time) => new Date(time).toISOString().slice(...(span < 2 * 86_400_000 ? [11, 19] : [0, 10]));
  tick(element, MARGIN.left, MARGIN.top + PLOT_H + 14, when(first), 'start');
  tick(element, MARGIN.left + PLOT_W, MARGIN.top + PLOT_H + 14, when(last), 'end');
  element.append(svg('text', { class: 'axis-label', x: MARGIN.left + PLOT_W, y: HEIGHT - 4, 'text-anchor': 'end', text: span < 2 * 86_400_000 ? 'UTC' : '' }));
  const x = (time) => (MARGIN.left + ((time - first) / span) * PLOT_W).toFixed(1);
  const y = (value) => (MARGIN.top + (1 - value / 5) * PLOT_H).toFixed(1);
  let path = `M${x(first)},${y(points[0].value)}`;
  for (const point of points.slice(1)) path += ` H${x(point.time)} V${y(point.value)}`;
  element.append(svg('path', { class: 'line', d: path, fill: 'none' }));
}
