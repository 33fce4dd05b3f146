// The API reference at /api/v1/docs: Swagger UI (vendored) over the app's own OpenAPI document.
// Its own layout draws a title, a server picker and a second <main>; this page has its title and
// its one <main>, so a smaller layout shows the operations and the schemas only.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var mount = document.getElementById("swagger-ui");
  if (!mount || typeof window.SwaggerUIBundle !== "function") return;
  var atlasLayout = function (system) {
    return {
      components: {
        AtlasLayout: function () {
          var h = system.React.createElement;
          var Errors = system.getComponent("errors", true);
          var Operations = system.getComponent("operations", true);
          var Models = system.getComponent("Models", true);
          return h("div", { className: "swagger-ui" },
            h("div", { className: "wrapper" }, h(Errors), h(Operations), h(Models)));
        }
      }
    };
  };
  window.SwaggerUIBundle({
    url: mount.dataset.spec,
    domNode: mount,
    plugins: [atlasLayout],
    layout: "AtlasLayout",
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    validatorUrl: null
  });
});
