// Draws a KpiChart's C# description with Chart.js 4 (loaded globally from lib/chartjs/chart.umd.js).
// The only JS for charts in the app: create, update in place, destroy.

function formatter(format, locale) {
  const options = format === 'currency' ? { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }
    : format === 'percent' ? { style: 'percent', maximumFractionDigits: 1 }
    : format === 'count' ? { maximumFractionDigits: 0 }
    : { maximumFractionDigits: 1 };
  const nf = new Intl.NumberFormat(locale, options);
  return v => (v === null || v === undefined) ? '—' : nf.format(v);
}

const palette = ['#3949ab', '#00897b', '#f4511e', '#8e24aa', '#fdd835', '#6d4c41', '#039be5', '#c0ca33'];

function toConfig(spec) {
  const fmt = formatter(spec.format, spec.locale);
  const fmt2 = formatter(spec.y2Format || spec.format, spec.locale);
  const hasY2 = spec.series.some(s => s.secondAxis);
  const horizontal = spec.horizontal === true;
  const valueAxis = { beginAtZero: true, title: { display: !!spec.yAxisTitle, text: spec.yAxisTitle }, ticks: { callback: v => fmt(v), ...(spec.format === 'count' ? { precision: 0 } : {}) } };
  const categoryAxis = { title: { display: !!spec.xAxisTitle, text: spec.xAxisTitle } };
  return {
    type: spec.kind,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.color || (spec.kind === 'doughnut' ? palette : palette[i % palette.length]),
        borderColor: s.color || palette[i % palette.length],
        tension: 0.25,
        fill: false,
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
          title: { display: !!spec.y2AxisTitle, text: spec.y2AxisTitle }, ticks: { callback: v => fmt2(v) } } } : {})),
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
