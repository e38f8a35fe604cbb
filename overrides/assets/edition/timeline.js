// The timeline chart: plotly.js draws the figure built at build time, adds a line for today (drawn
// here, so that builds stay reproducible), and follows a click on an item to its paragraph.
(function () {
  "use strict";
  var chart = document.getElementById("timeline-chart");
  var data = document.getElementById("timeline-figure");
  if (!chart || !data || !window.Plotly) return;
  var figure = JSON.parse(data.textContent);
  var today = new Date().toISOString().slice(0, 10);
  figure.layout.shapes = [{ type: "line", xref: "x", yref: "paper", x0: today, x1: today, y0: 0, y1: 1,
                            line: { color: "#c62828", width: 2, dash: "dot" } }];
  figure.layout.annotations = [{ x: today, y: 1, xref: "x", yref: "paper", yanchor: "bottom", showarrow: false,
                                 text: chart.getAttribute("data-today"), font: { color: "#c62828" } }];
  Plotly.newPlot(chart, figure.data, figure.layout, { responsive: true, displayModeBar: false }).then(function () {
    chart.setAttribute("data-drawn", today);
  });
  chart.on("plotly_click", function (event) {
    var point = event.points && event.points[0];
    if (point && point.customdata) location.href = point.customdata;
  });
})();
