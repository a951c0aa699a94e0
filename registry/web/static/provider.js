// Provider pages, enhanced; every form here also works without this script.
// 1. Cohort upload: send the file with fetch, show a <progress> bar and a live text while the
//    server streams {"done", "total"} lines (NDJSON), then show the result table it sends.
// 2. Module form: search competences by label and add them to the competences field.
(function () {
  "use strict";

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  async function eachLine(body, handle) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
      let end;
      while ((end = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        if (line) handle(JSON.parse(line));
      }
      if (done) return;
    }
  }

  function cohort(form) {
    const box = document.getElementById("cohort-progress");
    const bar = document.getElementById("cohort-bar");
    const status = document.getElementById("cohort-status");
    const result = document.getElementById("cohort-result");
    const errors = document.getElementById("cohort-errors");
    const button = document.getElementById("cohort-submit");

    function show(event) {
      if ("result" in event) {
        bar.max = 1;
        bar.value = 1;
        // An outcome with its own text says it (and takes the focus): the live region would
        // say it twice. A refusal without one is said here.
        status.textContent = event.html ? "" : event.message;
        const target = event.result === "invalid" ? errors : result;
        target.innerHTML = event.html;
        const focus = target.querySelector("#cohort-outcome, .error-summary") || target;
        focus.focus();
        return;
      }
      bar.max = Math.max(event.total, 1);
      bar.value = event.done;
      status.textContent = fill(form.dataset.working, event);
    }

    form.addEventListener("submit", async function (submit) {
      submit.preventDefault();
      button.disabled = true;
      result.innerHTML = "";
      errors.innerHTML = "";
      box.hidden = false;
      bar.removeAttribute("value"); // no value: the bar moves without a count while uploading
      status.textContent = form.dataset.uploading;
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/x-ndjson" },
          credentials: "same-origin",
        });
        const type = response.headers.get("content-type") || "";
        if (!type.startsWith("application/x-ndjson") || !response.body) {
          throw new Error("unexpected answer " + response.status);
        }
        await eachLine(response.body, show);
      } catch (error) {
        status.textContent = form.dataset.failed;
      } finally {
        button.disabled = false;
      }
    });
  }

  function competenceSearch(box) {
    const field = document.getElementById("competences");
    const input = document.getElementById("competence-query");
    const button = document.getElementById("competence-search-button");
    const list = document.getElementById("competence-results");
    const status = document.getElementById("competence-search-status");
    box.hidden = false;

    // The label in the page's language where the competence has one.
    function name(item) {
      return (item.labels && item.labels[document.documentElement.lang]) || item.label;
    }

    function add(item) {
      const line = name(item) + " | " + item.uri;
      const current = field.value.replace(/\s+$/, "");
      field.value = current ? current + "\n" + line : line;
      status.textContent = fill(box.dataset.added, { label: name(item) });
    }

    async function search() {
      const query = input.value.trim();
      if (query.length < 2) return;
      const url = "/api/catalogue/competences?limit=10&q=" + encodeURIComponent(query);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const found = await response.json();
      list.replaceChildren();
      found.items.forEach(function (item) {
        const row = document.createElement("li");
        const label = document.createElement("span");
        label.textContent = name(item);
        const choose = document.createElement("button");
        choose.type = "button";
        choose.className = "button secondary";
        choose.textContent = box.dataset.add;
        choose.setAttribute("aria-label", box.dataset.add + ": " + name(item));
        choose.addEventListener("click", function () { add(item); });
        row.append(label, choose);
        list.append(row);
      });
      status.textContent = found.items.length
        ? fill(box.dataset.found, { count: found.items.length })
        : box.dataset.none;
    }

    button.addEventListener("click", search);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        search();
      }
    });
  }

  const form = document.getElementById("cohort-form");
  if (form && window.fetch && window.TextDecoder) cohort(form);
  const box = document.getElementById("competence-search");
  if (box && window.fetch) competenceSearch(box);
})();
