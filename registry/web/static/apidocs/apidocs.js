// Starts Swagger UI on /schema. A file of its own: the page's CSP runs no inline script.
// validatorUrl null: the default would load a badge from validator.swagger.io.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
  });
});
