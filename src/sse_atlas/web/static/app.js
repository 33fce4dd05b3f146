// SSE Atlas: small behaviours on top of pages that work without JavaScript.
"use strict";
(function () {
  function expandFacets(root) {
    root.querySelectorAll("button.show-more").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        var facet = button.closest(".facet");
        var open = facet.classList.toggle("expanded");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
  }

  function copyButtons(root) {
    root.querySelectorAll("button.copy").forEach(function (button) {
      var field = document.querySelector(button.dataset.copy);
      if (!field || button.dataset.ready) return;
      button.dataset.ready = "1";
      field.value = window.location.href.split("#")[0];
      button.addEventListener("click", function () {
        field.select();
        var done = function () { button.textContent = button.dataset.done; };
        if (navigator.clipboard) {
          navigator.clipboard.writeText(field.value).then(done, function () {});
        }
      });
    });
  }

  function setUp(root) {
    expandFacets(root);
    copyButtons(root);
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:afterSettle", function (event) { setUp(event.target); });
})();
