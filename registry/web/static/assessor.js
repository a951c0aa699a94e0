// Enhancement only: without JavaScript the EVC form shows all werkproces rows. With it, empty
// rows after the first two stay hidden until the assessor asks for one more.
(function () {
  "use strict";
  var script = document.currentScript;
  var rows = Array.prototype.slice.call(document.querySelectorAll("fieldset.werkproces"));
  if (!script || rows.length === 0) { return; }

  function isEmpty(row) {
    var fields = row.querySelectorAll("input, select");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].value !== "") { return false; }
    }
    return row.querySelector(".field-error") === null;
  }

  // Hide trailing empty rows only, never one between filled rows, and keep at least two.
  var hidden = [];
  for (var i = rows.length - 1; i >= 2 && isEmpty(rows[i]); i--) {
    rows[i].hidden = true;
    hidden.unshift(rows[i]);
  }
  if (hidden.length === 0) { return; }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "button secondary add-row";
  button.textContent = script.getAttribute("data-add-label");
  rows[rows.length - 1].parentNode.appendChild(button);
  button.addEventListener("click", function () {
    var next = hidden.shift();
    if (!next) { return; }
    next.hidden = false;
    var first = next.querySelector("input");
    if (first) { first.focus(); }
    if (hidden.length === 0) { button.remove(); }
  });
})();
