// Conference results page: "mark all" buttons and a confirmation before finalizing.
document.querySelectorAll("[data-check-all]").forEach((button) => {
  button.addEventListener("click", () => {
    const table = document.querySelector(`[data-testid="${button.dataset.checkAll}"]`);
    table.querySelectorAll("input[type=checkbox]").forEach((box) => { box.checked = true; });
  });
});
document.querySelectorAll("[data-confirm]").forEach((button) => {
  button.addEventListener("click", (event) => {
    if (!window.confirm(button.dataset.confirm)) event.preventDefault();
  });
});
// "Add a line" under a formset (guests, proposals): a copy of the formset's empty line, numbered
// next, so that more lines need no save. The page's own empty lines remain without JavaScript.
document.querySelectorAll("[data-add-row]").forEach((button) => {
  const prefix = button.dataset.addRow;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-empty-row`);
  const rows = document.getElementById(`${prefix}-rows`);
  button.addEventListener("click", () => {
    const index = Number(total.value);
    rows.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", String(index)));
    total.value = String(index + 1);
    rows.lastElementChild.querySelector("input, select")?.focus();
  });
});
