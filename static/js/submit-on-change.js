// Forms whose select submits as soon as a value is picked (the language switch); the page keeps
// a <noscript> button for browsers without JavaScript. A file, not an inline handler: see the CSP.
document.querySelectorAll("select[data-submit-on-change]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
// The year switcher of a page whose URL has a year: each option is the same page for that year.
document.querySelectorAll("select[data-navigate]").forEach((select) => {
  select.addEventListener("change", () => { window.location.assign(select.value); });
});
