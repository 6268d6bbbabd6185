/* "Open now" on an offer page: reads <script type="application/json" id="kim-hours"> and shows
 * whether the offer is open at this moment in Europe/Berlin time. Without JavaScript the hours
 * table says it all. Loaded with defer, only on offer pages with weekly hours. */
(function () {
  "use strict";
  var data = document.getElementById("kim-hours");
  var out = document.getElementById("kim-open-now");
  if (!data || !out || !window.Intl) return;
  var hours = JSON.parse(data.textContent);
  var parts = {};
  new Intl.DateTimeFormat("en-GB", {
    timeZone: hours.tz, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
  var days = { Mon: "mo", Tue: "di", Wed: "mi", Thu: "do", Fri: "fr", Sat: "sa", Sun: "so" };
  var today = days[parts.weekday];
  var date = parts.year + "-" + parts.month + "-" + parts.day;
  var now = parts.hour + ":" + parts.minute;
  var open = hours.hours.some(function (schedule) {
    if (schedule.from && date < schedule.from) return false;
    if (schedule.to && date > schedule.to) return false;
    return schedule.w.some(function (h) { return h[0] === today && h[1] <= now && now < h[2]; });
  });
  out.textContent = open ? out.getAttribute("data-open") : out.getAttribute("data-closed");
  out.className += open ? " kim-open" : " kim-closed";
  out.hidden = false;
})();
