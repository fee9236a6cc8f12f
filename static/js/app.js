// Small progressive enhancements; every action also works without JavaScript.
(() => {
  "use strict";

  // A table wider than the screen scrolls inside its wrapper; keyboard users must be able to
  // reach that scroll area (WCAG 2.1.1), so it becomes a focusable, labelled region.
  function labelScrollableTables(root) {
    root.querySelectorAll(".app-table-wrap").forEach((wrap) => {
      const scrollable = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrollable) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          const caption = wrap.querySelector("caption");
          const heading = wrap.closest("section")?.querySelector("h2, h3");
          const text = (caption || heading)?.textContent.trim();
          const fallback = document.documentElement.lang === "en" ? "Table" : "Tabel";
          wrap.setAttribute("aria-label", text || fallback);
        }
      } else if (wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
      }
    });
  }

  function enhance(root) {
    labelScrollableTables(root);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
    enhance(document);
  });

  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => enhance(document), 150);
  });

  // htmx swaps in new rows (filters, comments, contribution status).
  document.addEventListener("htmx:afterSettle", (event) => enhance(event.target));
})();
