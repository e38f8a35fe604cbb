// The timeline chart. The page shows the chart drawn at build time (an SVG on wide pages, a vertical list on
// narrow ones); this script adds today to both (here, so that builds stay reproducible) and, when the reader
// asks for it (the "Interactive chart" button, never a pointer merely passing), loads plotly.js and draws the
// interactive chart below, which leaves the chart above as it is: its items remain links a keyboard reaches.
(function () {
  "use strict";
  var chart = document.getElementById("timeline-chart");
  var data = document.getElementById("timeline-figure");
  var button = document.querySelector(".edition-chart-interactive");
  var plotlyUrl = document.currentScript.getAttribute("data-plotly");
  if (!chart || !data) return;
  var today = new Date().toISOString().slice(0, 10);
  var todayWord = chart.getAttribute("data-today");
  var SVG = "http://www.w3.org/2000/svg";

  // Today's line on the SVG, under the items, its word above the rows.
  var svg = chart.querySelector("svg.edition-timeline-svg");
  var start = Date.parse(svg.getAttribute("data-start")), end = Date.parse(svg.getAttribute("data-end"));
  var left = Number(svg.getAttribute("data-left")), right = Number(svg.getAttribute("data-right"));
  var x = left + (Date.parse(today) - start) / (end - start) * (right - left);
  if (x >= left && x <= right) {
    var items = svg.querySelector(".edition-timeline-items");
    var line = document.createElementNS(SVG, "line");
    line.setAttribute("class", "today");
    line.setAttribute("x1", x); line.setAttribute("x2", x);
    line.setAttribute("y1", Number(svg.getAttribute("data-top")) - 4);
    line.setAttribute("y2", svg.getAttribute("data-bottom"));
    svg.insertBefore(line, items);
    var label = document.createElementNS(SVG, "text");
    label.setAttribute("class", "today");
    label.setAttribute("y", svg.getAttribute("data-label"));
    label.setAttribute("dominant-baseline", "central");
    var before = x > svg.viewBox.baseVal.width * 0.85;  // near the right edge, the word stands left of the line
    label.setAttribute("x", before ? x - 4 : x + 4);
    label.setAttribute("text-anchor", before ? "end" : "start");
    label.textContent = todayWord;
    svg.insertBefore(label, items);
  }

  // Today's place in the list: before the first item that begins after today.
  var list = chart.querySelector(".edition-timeline-list");
  var entries = list.querySelectorAll("li[data-start]");
  var next = null;
  for (var i = 0; i < entries.length; i++) {
    if (entries[i].getAttribute("data-start") > today) { next = entries[i]; break; }
  }
  var mark = document.createElement("li");
  mark.className = "edition-timeline-today";
  var word = document.createElement("span");
  word.textContent = todayWord;
  mark.appendChild(word);
  list.insertBefore(mark, next);

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
