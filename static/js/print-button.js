// The print button of a document's HTML view (a file, not inline: the CSP allows no inline script).
document.getElementById("print-button")?.addEventListener("click", () => window.print());
