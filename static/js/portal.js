/* The portal's only script: everything here improves a page that works without it.
   - the header collapses into a "Menu" button on narrow screens;
   - a form's error summary takes focus, so a screen reader reads it first;
   - wide tables scroll inside their own keyboard-focusable region;
   - an htmx row template is added in place ("Add a row") and running totals follow input. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function setUpMenu() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) { return; }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      menu.classList.toggle("open", !open);
    });
  }

  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  }

  function wrapTables(scope) {
    var tables = (scope || document).querySelectorAll("main table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.closest(".table-scroll")) { return; }
      var wrapper = document.createElement("div");
      wrapper.className = "table-scroll";
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      var caption = table.querySelector("caption");
      var label = caption ? caption.textContent.trim() : (table.getAttribute("aria-label") || "");
      wrapper.setAttribute("aria-label", label || document.title);
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
    });
  }

  function number(value) {
    var n = parseFloat(String(value || "").replace(/[\s,]/g, ""));
    return isFinite(n) ? n : 0;
  }

  function format(n) {
    return n.toLocaleString((root.lang || "en") + "-u-nu-latn", { maximumFractionDigits: 0 });
  }

  /* A grid (table.grid[data-totals]) keeps a total per group (the value of the row's
     [data-group] select) and overall, in elements [data-total-for="group"] and
     [data-total-for="__all__"]. */
  function updateTotals(grid) {
    var totals = { __all__: 0 };
    Array.prototype.forEach.call(grid.querySelectorAll("tbody tr"), function (row) {
      var amount = row.querySelector("[data-amount]");
      if (!amount) { return; }
      var deleted = row.querySelector("input[type=checkbox][name$='-DELETE']");
      if (deleted && deleted.checked) { return; }
      var groupField = row.querySelector("[data-group]");
      var group = groupField ? groupField.value : "";
      var value = number(amount.value);
      totals.__all__ += value;
      if (group) { totals[group] = (totals[group] || 0) + value; }
    });
    var form = grid.closest("form") || document;
    Array.prototype.forEach.call(form.querySelectorAll("[data-total-for]"), function (cell) {
      if (cell.getAttribute("data-grid") !== grid.id) { return; }
      cell.textContent = format(totals[cell.getAttribute("data-total-for")] || 0);
    });
  }

  function setUpGrids(scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll("table.grid[data-totals]"), function (grid) {
      if (grid.dataset.ready) { updateTotals(grid); return; }
      grid.dataset.ready = "1";
      grid.addEventListener("input", function () { updateTotals(grid); });
      grid.addEventListener("change", function () { updateTotals(grid); });
      updateTotals(grid);
    });
  }

  /* htmx swaps a new row in; its management form's TOTAL_FORMS follows. */
  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    var prefix = source && source.getAttribute("data-formset");
    if (!prefix) { return; }
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (total) { event.detail.parameters.index = total.value; }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var prefix = source && source.getAttribute("data-formset");
    if (prefix) {
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      if (total) { total.value = String(parseInt(total.value, 10) + 1); }
      var rows = event.detail.target.querySelectorAll("tr");
      var last = rows[rows.length - 1];
      var first = last && last.querySelector("input, select, textarea");
      if (first) { first.focus(); }
    }
    setUpGrids(document);
    wrapTables(event.detail.target);
  });

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    wrapTables(document);
    setUpGrids(document);
    focusErrorSummary();
  });
})();
