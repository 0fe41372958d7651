// Draws the home page's four charts from the JSON the server rendered into #chart-data.
// When every chart is drawn: performance mark 'charts-drawn' and <body data-charts="drawn"> (tests and the bench wait for it).
(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  if (typeof Chart === 'undefined') { document.body.dataset.charts = 'missing'; return; }

  var palette = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#9333ea', '#ea580c', '#475569', '#0d9488'];
  function color(i) { return palette[i % palette.length]; }
  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function money(v) { return v == null ? '–' : '$' + Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }
  function tokens(v) { return v >= 1e9 ? (v / 1e9).toFixed(1) + 'B' : v >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : v >= 1e3 ? (v / 1e3).toFixed(0) + 'k' : String(v); }

  var teams = data.teams.map(function (t) { return t.name; });
  function label(t) { var band = data.teams.find(function (x) { return x.name === t; }).band; return band ? t + ' · ' + band : t; }

  function base(yTitle, yFormat) {
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, color: css('--fg') } },
        tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + yFormat(c.parsed.y, c); } } }
      },
      scales: {
        x: { ticks: { color: css('--muted') }, grid: { color: css('--grid') } },
        y: { beginAtZero: true, title: { display: true, text: yTitle, color: css('--muted') }, ticks: { color: css('--muted'), callback: function (v) { return yFormat(v); } }, grid: { color: css('--grid') } }
      }
    };
  }

  var charts = [];

  // 1. Dollars (stacked bars per team) and tokens (a line per team, right axis).
  var spendOptions = base('Dollars', function (v, c) { return c && c.dataset.yAxisID === 'tokens' ? tokens(v) + ' tokens' : money(v); });
  spendOptions.scales.x.stacked = true;
  spendOptions.scales.y.stacked = true;
  spendOptions.scales.tokens = { position: 'right', beginAtZero: true, title: { display: true, text: 'Tokens', color: css('--muted') }, ticks: { color: css('--muted'), callback: function (v) { return tokens(v); } }, grid: { drawOnChartArea: false } };
  charts.push(new Chart(document.getElementById('chart-spend'), {
    type: 'bar',
    data: {
      labels: data.weeks,
      datasets: teams.map(function (t, i) { return { label: label(t), team: t, kind: 'spend', data: data.spend[t], backgroundColor: color(i), stack: 'dollars' }; })
        .concat(teams.map(function (t, i) { return { type: 'line', label: label(t) + ' tokens', team: t, kind: 'tokens', data: data.tokens[t], borderColor: color(i), backgroundColor: color(i), borderDash: [4, 3], pointRadius: 0, borderWidth: 1.5, yAxisID: 'tokens' }; }))
    },
    options: spendOptions
  }));

  // 2. Outcomes: per team a stack of verified, disqualified (together: attempted) and pending.
  var outcomeOptions = base('Changes', function (v) { return v == null ? '–' : String(v); });
  outcomeOptions.scales.x.stacked = true;
  outcomeOptions.scales.y.stacked = true;
  var outcomeSets = [];
  teams.forEach(function (t, i) {
    outcomeSets.push({ label: label(t) + ' verified', team: t, kind: 'verified', data: data.verified[t], backgroundColor: color(i), stack: t });
    outcomeSets.push({ label: label(t) + ' disqualified', team: t, kind: 'disqualified', data: data.disqualified[t], backgroundColor: color(i) + '99', stack: t });
    outcomeSets.push({ label: label(t) + ' pending', team: t, kind: 'pending', data: data.pending[t], backgroundColor: color(i) + '33', borderColor: color(i), borderWidth: 1, stack: t });
  });
  outcomeOptions.plugins.legend.labels.filter = function (item) { return !/ (disqualified|pending)$/.test(item.text); };
  charts.push(new Chart(document.getElementById('chart-outcomes'), { type: 'bar', data: { labels: data.weeks, datasets: outcomeSets }, options: outcomeOptions }));

  // 3. Verified share, 0–100%.
  var shareOptions = base('Verified share', function (v) { return v == null ? '–' : Number(v).toFixed(0) + '%'; });
  shareOptions.scales.y.max = 100;
  charts.push(new Chart(document.getElementById('chart-share'), {
    type: 'line',
    data: { labels: data.weeks, datasets: teams.map(function (t, i) { return { label: label(t), team: t, kind: 'share', data: data.share[t], borderColor: color(i), backgroundColor: color(i), spanGaps: true, cubicInterpolationMode: 'monotone' }; }) },
    options: shareOptions
  }));

  // 4. CPVO trend.
  charts.push(new Chart(document.getElementById('chart-cpvo'), {
    type: 'line',
    data: { labels: data.weeks, datasets: teams.map(function (t, i) { return { label: label(t), team: t, kind: 'cpvo', data: data.cpvo[t], borderColor: color(i), backgroundColor: color(i), spanGaps: true, cubicInterpolationMode: 'monotone' }; }) },
    options: base('Dollars per verified outcome', function (v) { return money(v); })
  }));

  document.addEventListener('receipts-theme', function () {
    charts.forEach(function (c) {
      Object.keys(c.options.scales).forEach(function (k) {
        var s = c.options.scales[k];
        if (s.ticks) { s.ticks.color = css('--muted'); }
        if (s.grid) { s.grid.color = css('--grid'); }
        if (s.title) { s.title.color = css('--muted'); }
      });
      c.options.plugins.legend.labels.color = css('--fg');
      c.update();
    });
  });

  requestAnimationFrame(function () {
    performance.mark('charts-drawn');
    document.body.dataset.charts = 'drawn';
  });
})();
