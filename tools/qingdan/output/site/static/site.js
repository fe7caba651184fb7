// qingdan site: search and filters of an edition's table, in the reader's browser; no request leaves the page.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("table");
  if (!form || !table) { return; }
  form.hidden = false;
  var query = document.getElementById("q");
  var category = document.getElementById("category");
  var department = document.getElementById("department");
  var change = document.getElementById("change");
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var services = Array.prototype.slice.call(table.querySelectorAll("tbody.service"));
  var headings = Array.prototype.slice.call(table.querySelectorAll("tbody.category"));

  function normal(text) { return text.toLowerCase().replace(/\s+/g, ""); }

  function apply() {
    var words = query.value.trim().split(/\s+/).filter(Boolean).map(normal);
    var shown = 0;
    var seen = {};
    services.forEach(function (body) {
      var text = normal(body.getAttribute("data-search"));
      var ok = words.every(function (word) { return text.indexOf(word) >= 0; });
      ok = ok && (!category.value || body.getAttribute("data-category") === category.value);
      ok = ok && (!department.value || body.getAttribute("data-units").split("|").indexOf(department.value) >= 0);
      ok = ok && (!change || !change.value || body.getAttribute("data-classes").split(" ").indexOf(change.value) >= 0);
      body.hidden = !ok;
      if (ok) { shown += 1; seen[body.getAttribute("data-category")] = true; }
    });
    headings.forEach(function (body) { body.hidden = !seen[body.getAttribute("data-category")]; });
    none.hidden = shown > 0;
    count.textContent = (shown === 1 ? form.getAttribute("data-one") : form.getAttribute("data-count"))
      .replace("{count}", String(shown));
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  apply();
}());
