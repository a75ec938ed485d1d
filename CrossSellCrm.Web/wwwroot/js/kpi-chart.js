// Draws a KpiChart's C# description with Chart.js 4 (loaded globally from lib/chartjs/chart.umd.js).
// The only JS for charts in the app: create, update in place, destroy.

function formatter(format, locale, digits) {
  const d = digits ?? (format === 'percent' || format === 'number' ? 1 : 0);
  const options = format === 'currency' ? { style: 'currency', currency: 'EUR', minimumFractionDigits: digits ?? 0, maximumFractionDigits: d }
    : format === 'percent' ? { style: 'percent', minimumFractionDigits: digits ?? 0, maximumFractionDigits: d }
    : format === 'count' ? { maximumFractionDigits: 0 }
    : { minimumFractionDigits: digits ?? 0, maximumFractionDigits: d };
  const nf = new Intl.NumberFormat(locale, options);
  return v => (v === null || v === undefined) ? '—' : nf.format(v);
}

// Axis labels with as many decimals as the step between ticks needs, so no two ticks read the same
// (€0, €0, €1, €1 on a small range; 1 %, 1 %, 2 % on a narrow one).
function tickLabels(format, locale) {
  return (value, index, ticks) => {
    const step = ticks.length > 1 ? Math.abs(ticks[1].value - ticks[0].value) : 1;
    const scaled = format === 'percent' ? step * 100 : step;
    const digits = format === 'count' ? 0 : Math.min(4, Math.max(0, Math.ceil(-Math.log10(scaled) - 1e-9)));
    return formatter(format, locale, digits)(value);
  };
}

// A partial period's bar: the series colour, faded (bars cannot be dashed).
function fade(hex) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, 0.35)`;
}

const palette = ['#3949ab', '#00897b', '#f4511e', '#8e24aa', '#fdd835', '#6d4c41', '#039be5', '#c0ca33'];

function toConfig(spec) {
  const fmt = formatter(spec.format, spec.locale);
  const fmt2 = formatter(spec.y2Format || spec.format, spec.locale);
  const hasY2 = spec.series.some(s => s.secondAxis);
  const horizontal = spec.horizontal === true;
  const valueAxis = { beginAtZero: true, title: { display: !!spec.yAxisTitle, text: spec.yAxisTitle }, ticks: { callback: tickLabels(spec.format, spec.locale), ...(spec.format === 'count' ? { precision: 0 } : {}) } };
  // A period that is not whole (this month so far) is drawn dashed and hollow: it is not a drop.
  const partial = spec.partial || [];
  const isPartial = i => partial[i] === true;
  const categoryAxis = { title: { display: !!spec.xAxisTitle, text: spec.xAxisTitle } };
  return {
    type: spec.kind,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: spec.kind === 'bar' && partial.length
          ? s.values.map((_, j) => isPartial(j) ? fade(s.color || palette[i % palette.length]) : (s.color || palette[i % palette.length]))
          : s.color || (spec.kind === 'doughnut' ? palette : palette[i % palette.length]),
        borderColor: s.color || palette[i % palette.length],
        cubicInterpolationMode: 'monotone', // smooth without overshooting the data
        fill: false,
        segment: { borderDash: ctx => (isPartial(ctx.p0DataIndex) || isPartial(ctx.p1DataIndex)) ? [6, 4] : undefined },
        pointBackgroundColor: partial.length ? s.values.map((_, j) => isPartial(j) ? '#ffffff' : (s.color || palette[i % palette.length])) : undefined,
        yAxisID: s.secondAxis ? 'y2' : undefined,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: spec.animate === false ? false : { duration: 300 },
      indexAxis: horizontal ? 'y' : 'x',
      plugins: {
        title: { display: !!spec.title, text: spec.title },
        legend: { display: spec.series.length > 1 || spec.kind === 'doughnut' },
        tooltip: { callbacks: { label: ctx => `${ctx.dataset.label}: ${(ctx.dataset.yAxisID === 'y2' ? fmt2 : fmt)(ctx.parsed[horizontal ? 'x' : 'y'] ?? ctx.parsed)}` } },
      },
      scales: spec.kind === 'doughnut' ? {} : (horizontal ? { x: valueAxis, y: categoryAxis } : Object.assign({ x: categoryAxis, y: valueAxis },
        hasY2 ? { y2: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
          title: { display: !!spec.y2AxisTitle, text: spec.y2AxisTitle }, ticks: { callback: tickLabels(spec.y2Format || spec.format, spec.locale) } } } : {})),
    },
  };
}

// A click on a bar or point tells the component (drill-down), when it listens.
function listen(options, listener) {
  if (!listener) return options;
  options.onClick = (evt, elements) => {
    if (elements.length) listener.invokeMethodAsync('PointClicked', elements[0].datasetIndex, elements[0].index);
  };
  options.onHover = (evt, elements) => { evt.native.target.style.cursor = elements.length ? 'pointer' : 'default'; };
  return options;
}

export function create(canvas, spec, listener) {
  // A canvas holds one chart: whatever an earlier, interrupted draw left on it goes first.
  window.Chart.getChart(canvas)?.destroy();
  const config = toConfig(spec);
  listen(config.options, listener);
  const chart = new window.Chart(canvas, config);
  chart.$listener = listener;
  return chart;
}

export function update(chart, spec) {
  const config = toConfig(spec);
  chart.config.type = config.type;
  chart.data = config.data;
  chart.options = listen(config.options, chart.$listener);
  chart.update();
}

// CSV export of a widget's data: a file download made in the browser (UTF-8 with BOM, so Excel reads umlauts).
export function download(name, text) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function destroy(chart) {
  chart?.destroy();
}
