// Enhancement only: the search form works without this. Empty fields are left out of the
// address on submit, so a search link to share stays short (/catalogus?vorm=online).
(function () {
  "use strict";
  function forms() {
    return document.querySelectorAll("form.search-form");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("search-form")) {
      return;
    }
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name && element.value === "") {
        element.disabled = true;
      }
    });
  });
  // Coming back with the Back button may restore the page as it was: enable the fields again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(forms(), function (form) {
      Array.prototype.forEach.call(form.elements, function (element) {
        element.disabled = false;
      });
    });
  });
})();
