// Small enhancements for the worker's pages; every page works without them.
(function () {
  "use strict";

  // A "copy" button next to the share link (the link stays selectable without it).
  document.querySelectorAll("input[data-copy]").forEach(function (input) {
    var button = document.createElement("button");
    var status = input.parentElement.querySelector(".copy-status");
    button.type = "button";
    button.className = "button secondary";
    button.textContent = input.dataset.copyLabel;
    input.insertAdjacentElement("afterend", button);
    input.addEventListener("focus", function () { input.select(); });
    button.addEventListener("click", function () {
      input.select();
      var done = function () { if (status) { status.textContent = input.dataset.copiedLabel; } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          document.execCommand("copy"); done();
        });
      } else {
        document.execCommand("copy"); done();
      }
    });
  });

  // The date field of the share form shows only for "until a date I choose". A typed date
  // counts whatever the menu says (the form without JavaScript shows both), so a hidden date
  // field is disabled: it is not sent, and the menu's choice is what counts.
  var lifetime = document.getElementById("lifetime");
  var ownDate = document.querySelector("[data-lifetime-date]");
  var until = document.getElementById("until");
  if (lifetime && ownDate && until) {
    var sync = function () {
      var own = lifetime.value === "datum";
      var hasError = ownDate.querySelector(".field-error");
      ownDate.hidden = !own && !hasError;
      until.disabled = ownDate.hidden;
    };
    lifetime.addEventListener("change", sync);
    sync();
  }

  // A print button on the certificate page.
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
