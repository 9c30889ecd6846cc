// The certificates page: each batch's PDF is asked for after the one before, so that a large
// decision prints without one long request, with a progress bar. A batch ready becomes a link to
// the PDF held by the browser; without this script each link still downloads its batch.
(() => {
  const button = document.getElementById("make-certificates");
  const progress = document.getElementById("certificates-progress");
  const status = document.getElementById("certificates-status");
  const messages = document.getElementById("certificates-messages");
  if (!button || !progress) return;
  const links = Array.from(document.querySelectorAll("#certificate-batches [data-batch]"));
  const bar = progress.querySelector(".progress-bar");
  const say = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_match, key) => String(values[key] ?? ""));

  const show = (done) => {
    progress.setAttribute("aria-valuenow", String(done));
    bar.style.width = `${Math.round((done * 100) / links.length)}%`;
    status.textContent = say(messages.dataset.made, { done, total: links.length });
  };

  button.addEventListener("click", async () => {
    button.disabled = true;
    let done = 0;
    show(done);
    for (const link of links) {
      const response = await fetch(link.dataset.batch, { credentials: "same-origin" });
      if (!response.ok) {
        status.textContent = say(messages.dataset.failed, { status: response.status });
        button.disabled = false;
        return;
      }
      const blob = await response.blob();
      link.href = URL.createObjectURL(blob);
      link.download = `${link.textContent.trim()}.pdf`;
      link.closest("li").querySelector("[data-ready]").classList.remove("d-none");
      done += 1;
      show(done);
    }
    button.disabled = false;
  });
})();
