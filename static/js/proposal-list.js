// The proposals list: the header's checkbox chooses (or clears) every proposal of the page that
// can still be chosen, and shows "some chosen" when only part of them are.
const chooseAll = document.querySelector("[data-choose-all]");
if (chooseAll) {
  const table = chooseAll.closest("table");
  const boxes = () => [...table.querySelectorAll(`input[name="${chooseAll.dataset.chooseAll}"]:not(:disabled)`)];
  const reflect = () => {
    const chosen = boxes().filter((box) => box.checked).length;
    chooseAll.checked = chosen > 0 && chosen === boxes().length;
    chooseAll.indeterminate = chosen > 0 && chosen < boxes().length;
  };
  chooseAll.addEventListener("change", () => {
    boxes().forEach((box) => { box.checked = chooseAll.checked; });
    reflect();
  });
  table.addEventListener("change", (event) => { if (event.target !== chooseAll) reflect(); });
  reflect();
}
