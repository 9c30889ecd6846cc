// Names for two widgets that Django's admin scripts build without one (axe-core, WCAG 4.1.2):
// - the select2 box of an autocomplete field, a combobox named only by its chosen value (so by
//   nothing while empty): named by the field's label, or by the aria-label that a tabular
//   inline's cell carries (core.admin.LabelledCellsInline), then by its value; the value, which
//   select2 marks as a read-only textbox of its own inside the combobox (a second, unnamed
//   field), becomes the combobox's plain text;
// - the magnifier icon of the filter_horizontal widget's search boxes, a span carrying an
//   aria-label that a span without a role may not have: it becomes the image it is, and so
//   names the search box whose label it sits in.
// Both are built after the page has loaded, and again for a row added to an inline: they are
// named whenever they appear. A file of our own, not inline script: see the CSP.
"use strict";
{
  const nameCombobox = (select) => {
    const container = select.nextElementSibling;
    const box = container && container.querySelector(".select2-selection[role=combobox]");
    if (!box || box.dataset.named) {
      return;
    }
    const value = box.getAttribute("aria-labelledby") || "";
    const shown = value && document.getElementById(value);
    if (shown) {
      shown.removeAttribute("role");
      shown.removeAttribute("aria-readonly");
    }
    const label = select.labels && select.labels[0];
    if (label) {
      label.id = label.id || `${select.id}-label`;
      box.setAttribute("aria-labelledby", `${label.id} ${value}`.trim());
    } else if (select.getAttribute("aria-label")) {
      // Its own aria-label first, then its value: a name may refer to the element itself.
      box.id = box.id || `${select.id}-combobox`;
      box.setAttribute("aria-label", select.getAttribute("aria-label"));
      box.setAttribute("aria-labelledby", `${box.id} ${value}`.trim());
    }
    box.dataset.named = "1";
  };

  const nameAll = () => {
    document.querySelectorAll("select.admin-autocomplete.select2-hidden-accessible").forEach(nameCombobox);
    document.querySelectorAll(".selector .search-label-icon[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  };

  const start = () => {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}
