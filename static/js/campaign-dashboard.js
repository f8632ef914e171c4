// Draws the dashboard's figures as ECharts bar charts when the library is available; the page's
// tables hold the same numbers without JavaScript.
(function () {
  'use strict';
  function draw() {
    var holder = document.getElementById('dashboard-data');
    var box = document.getElementById('progress-chart');
    if (!holder || !box || typeof window.echarts === 'undefined') return;
    var data = JSON.parse(holder.getAttribute('data-json'));
    if (!data.children || data.children.length === 0 || data.metrics.length === 0) return;
    box.hidden = false;
    var chart = window.echarts.init(box);
    var metric = data.metrics[0];
    var names = data.children.map(function (c) { return c.name; });
    var approved = data.children.map(function (c) { return c.cells[0].approved; });
    var quota = data.children.map(function (c) { return c.cells[0].quota || 0; });
    chart.setOption({
      title: { text: metric.name + '(' + metric.measure + ')', left: 'center' },
      tooltip: { trigger: 'axis' },
      legend: { data: ['已完成', '任务数'], top: 28 },
      grid: { left: 40, right: 16, bottom: 90, top: 64 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 40 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '已完成', type: 'bar', data: approved },
        { name: '任务数', type: 'bar', data: quota }
      ]
    });
    chart.on('click', function (p) {
      var child = data.children[p.dataIndex];
      if (child) window.location.href = '/campaigns/' + data.campaign.id + '/dashboard?unit=' + encodeURIComponent(child.code);
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
