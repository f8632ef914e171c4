// Draws the year in review's figures as ECharts charts (SVG renderer) when the library is
// available; the tables under each chart hold the same figures without JavaScript.
(function () {
  'use strict';
  function chart(id, option) {
    var box = document.getElementById(id);
    if (!box) return;
    box.hidden = false;
    var c = window.echarts.init(box, null, { renderer: 'svg' });
    c.setOption(option);
    window.addEventListener('resize', function () { c.resize(); });
    window.addEventListener('beforeprint', function () { c.resize(); });
  }
  function bars(names, series, rotate) {
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, bottom: rotate ? 96 : 40, top: 36 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: rotate ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series
    };
  }
  function draw() {
    var holder = document.getElementById('review-data');
    if (!holder || typeof window.echarts === 'undefined') return;
    var d = JSON.parse(holder.getAttribute('data-json'));
    var printButton = document.querySelector('.js-print');
    if (printButton) {
      printButton.hidden = false;
      printButton.addEventListener('click', function () { window.print(); });
    }
    chart('chart-quota', bars(d.metrics.map(function (m) { return m.name; }), [
      { name: '已完成', type: 'bar', data: d.metrics.map(function (m) { return m.approved; }) },
      { name: '任务数', type: 'bar', data: d.metrics.map(function (m) { return m.quota || 0; }) }
    ], true));
    if (d.children.length && d.metrics.length) {
      chart('chart-children', bars(d.children.map(function (c) { return c.name; }), [
        { name: d.metrics[0].name, type: 'bar', data: d.children.map(function (c) { return c.approved[0]; }) }
      ], true));
    }
    if (d.activity_forms.length) {
      chart('chart-forms', {
        tooltip: { trigger: 'item' },
        series: [{ type: 'pie', radius: '60%', data: d.activity_forms.map(function (f) {
          return { name: f.form, value: f.reports };
        }) }]
      });
    }
    if (d.activity_levels.length) {
      chart('chart-levels', bars(d.activity_levels.map(function (l) { return l.label; }), [
        { name: '活动场次', type: 'bar', data: d.activity_levels.map(function (l) { return l.reports; }) },
        { name: '参与人数', type: 'bar', data: d.activity_levels.map(function (l) { return l.participants; }) }
      ], false));
    }
    var levels = [];
    d.funnel.forEach(function (t) {
      t.recommended.forEach(function (l) { if (levels.indexOf(l.label) < 0) levels.push(l.label); });
    });
    var series = [{ name: '提交作品', type: 'bar', data: d.funnel.map(function (t) { return t.submitted; }) }];
    levels.forEach(function (label) {
      series.push({ name: label, type: 'bar', data: d.funnel.map(function (t) {
        var found = t.recommended.filter(function (l) { return l.label === label; })[0];
        return found ? found.works : 0;
      }) });
    });
    series.push({ name: '获奖', type: 'bar', data: d.funnel.map(function (t) { return t.awarded; }) });
    chart('chart-funnel', bars(d.funnel.map(function (t) { return t.name.replace(/征集$/, ''); }), series, true));
    if (d.awards_by_track.length) {
      chart('chart-awards', {
        tooltip: { trigger: 'item' },
        series: [{ type: 'pie', radius: '60%', data: d.awards_by_track.map(function (a) {
          return { name: a.name, value: a.count };
        }) }]
      });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
