/* "Open now" on an offer page: reads <script type="application/json" id="kim-hours"> and shows
 * whether the offer is open at this moment in Europe/Berlin time. Without JavaScript the hours
 * table says it all. Loaded with defer, only on offer pages with weekly hours.
 * On an NRW public holiday (dates computed at build time) it says so instead of "open": the
 * documents do not say whether an offer opens on holidays. Hours "by appointment only" are
 * never "open", but "by appointment". */
(function () {
  "use strict";
  var data = document.getElementById("kim-hours");
  var out = document.getElementById("kim-open-now");
  if (!data || !out || !window.Intl) return;
  var hours = JSON.parse(data.textContent);
  var parts = {};
  // ?kim-now=YYYY-MM-DDTHH:MM (Berlin time) fixes the moment, for tests and for checking a page.
  var fixed = /[?&]kim-now=(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(window.location.search);
  new Intl.DateTimeFormat("en-GB", {
    timeZone: hours.tz, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  }).formatToParts(fixed ? new Date(fixed[1] + "T12:00:00Z") : new Date())
    .forEach(function (p) { parts[p.type] = p.value; });
  var days = { Mon: "mo", Tue: "di", Wed: "mi", Thu: "do", Fri: "fr", Sat: "sa", Sun: "so" };
  var today = days[parts.weekday];
  var date = fixed ? fixed[1] : parts.year + "-" + parts.month + "-" + parts.day;
  var now = fixed ? fixed[2] : parts.hour + ":" + parts.minute;
  function during(appointment) {
    return hours.hours.some(function (schedule) {
      if (!schedule.appointment !== !appointment) return false;
      if (schedule.from && date < schedule.from) return false;
      if (schedule.to && date > schedule.to) return false;
      return schedule.w.some(function (h) { return h[0] === today && h[1] <= now && now < h[2]; });
    });
  }
  var state = (hours.holidays || []).indexOf(date) >= 0 ? "holiday"
    : during(false) ? "open" : during(true) ? "appointment" : "closed";
  out.textContent = out.getAttribute("data-" + state);
  out.className += state === "open" ? " kim-open" : state === "closed" ? " kim-closed" : "";
  out.hidden = false;
})();
