// The timeline chart. The page shows an SVG drawn at build time; this script adds today's line to it
// (here, so that builds stay reproducible) and, when the reader asks for it (the "Interactive chart"
// button, never a pointer merely passing), loads plotly.js and draws the interactive chart below the
// SVG, which stays: its items remain links a keyboard reaches.
(function () {
  "use strict";
  var chart = document.getElementById("timeline-chart");
  var data = document.getElementById("timeline-figure");
  var button = document.querySelector(".edition-chart-interactive");
  var plotlyUrl = document.currentScript.getAttribute("data-plotly");
  if (!chart || !data) return;
  var today = new Date().toISOString().slice(0, 10);

  // Today's line on the SVG.
  var svg = chart.querySelector("svg");
  var start = Date.parse(svg.getAttribute("data-start")), end = Date.parse(svg.getAttribute("data-end"));
  var left = Number(svg.getAttribute("data-left")), right = Number(svg.getAttribute("data-right"));
  var x = left + (Date.parse(today) - start) / (end - start) * (right - left);
  var height = svg.viewBox.baseVal.height;
  var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
  line.setAttribute("class", "today");
  line.setAttribute("x1", x); line.setAttribute("x2", x);
  line.setAttribute("y1", 10); line.setAttribute("y2", height - 24);
  svg.appendChild(line);
  var label = document.createElementNS("http://www.w3.org/2000/svg", "text");
  label.setAttribute("class", "today"); label.setAttribute("x", x + 4); label.setAttribute("y", 18);
  label.textContent = chart.getAttribute("data-today");
  svg.appendChild(label);

  var loading = false;
  var plot = null;
  function interactive() {
    if (loading) return;
    loading = true;
    plot = document.createElement("div");
    plot.className = "edition-chart edition-chart--interactive";
    plot.id = "timeline-interactive";
    chart.parentNode.insertBefore(plot, chart.nextSibling);
    var script = document.createElement("script");
    script.src = plotlyUrl;
    script.onload = draw;
    document.head.appendChild(script);
  }

  function draw() {
    var figure = JSON.parse(data.textContent);
    figure.layout.shapes = [{ type: "line", xref: "x", yref: "paper", x0: today, x1: today, y0: 0, y1: 1,
                              line: { color: "#c62828", width: 2, dash: "dot" } }];
    figure.layout.annotations = [{ x: today, y: 1, xref: "x", yref: "paper", yanchor: "bottom", showarrow: false,
                                   text: chart.getAttribute("data-today"), font: { color: "#c62828" } }];
    Plotly.newPlot(plot, figure.data, figure.layout, { responsive: true, displayModeBar: false }).then(function () {
      plot.setAttribute("data-drawn", today);
      if (button) button.hidden = true;
    });
    plot.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      if (point && point.customdata) location.href = point.customdata;
    });
  }

  if (button) {
    button.hidden = false;
    button.addEventListener("click", interactive);
  }
})();
