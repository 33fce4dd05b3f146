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

  // phones: the navigation folds behind a Menu button; programme sessions start folded
  var narrow = window.matchMedia("(max-width: 48rem)");
  function foldMenu() {
    var header = document.querySelector("header.site");
    var button = header && header.querySelector(".menu-toggle");
    if (!button) return;
    var setOpen = function (open) {
      header.classList.toggle("menu-closed", !open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    };
    setOpen(!narrow.matches);
    button.addEventListener("click", function () {
      setOpen(header.classList.contains("menu-closed"));
    });
  }

  function foldSessions() {
    if (!narrow.matches) return;
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    document.querySelectorAll("details.session").forEach(function (session) {
      if (!target || !session.contains(target)) session.open = false;
    });
  }

  function openTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);

  function setUp(root) {
    expandFacets(root);
    copyButtons(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldMenu();
    foldSessions();
    setUp(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) { setUp(event.target); });
})();
