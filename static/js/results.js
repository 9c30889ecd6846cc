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
