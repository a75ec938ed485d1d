// Draws a KpiChart's C# description with Chart.js 4 (loaded globally from lib/chartjs/chart.umd.js).
// The only JS for charts in the app: create, update in place, destroy.

function formatter(format, locale) {
  const options = format === 'currency' ? { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }
    : format === 'percent' ? { style: 'percent', maximumFractionDigits: 1 }
    : { maximumFractionDigits: 1 };
  const nf = new Intl.NumberFormat(locale, options);
  return v => (v === null || v === undefined) ? '—' : nf.format(v);
}

const palette = ['#3949ab', '#00897b', '#f4511e', '#8e24aa', '#fdd835', '#6d4c41', '#039be5', '#c0ca33'];

function toConfig(spec) {
  const fmt = formatter(spec.format, spec.locale);
  const horizontal = spec.horizontal === true;
  const valueAxis = { beginAtZero: true, title: { display: !!spec.yAxisTitle, text: spec.yAxisTitle }, ticks: { callback: v => fmt(v) } };
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
        tooltip: { callbacks: { label: ctx => `${ctx.dataset.label}: ${fmt(ctx.parsed[horizontal ? 'x' : 'y'] ?? ctx.parsed)}` } },
      },
      scales: spec.kind === 'doughnut' ? {} : (horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }),
    },
  };
}

export function create(canvas, spec) {
  return new window.Chart(canvas, toConfig(spec));
}

export function update(chart, spec) {
  const config = toConfig(spec);
  chart.config.type = config.type;
  chart.data = config.data;
  chart.options = config.options;
  chart.update();
}

export function destroy(chart) {
  chart?.destroy();
}
