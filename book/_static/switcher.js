// The edition switcher keeps the reader's place: its links to the same page of another
// edition carry the section the reader is in (the nearest heading at or above the top of the
// window; the editions share their sections' anchors), updated as the reader scrolls, and
// once more when a link is about to be followed. At the top of a page, no section: the other
// edition opens at its top too.
(() => {
  const links = () => document.querySelectorAll("a.mem-switch");
  // Headings of the article's sections, in page order, with the anchor of their section.
  const headings = () =>
    Array.from(
      document.querySelectorAll("main section[id] > :is(h1, h2, h3, h4, h5, h6)"),
      (heading) => [heading, heading.parentElement.id],
    );
  // What covers the top of the window (the theme's sticky header), in CSS px.
  const covered = () => {
    let bottom = 0;
    document.querySelectorAll(".bd-header, .bd-header-article").forEach((bar) => {
      const style = getComputedStyle(bar);
      if (style.position === "sticky" || style.position === "fixed") {
        bottom = Math.max(bottom, bar.getBoundingClientRect().bottom);
      }
    });
    return bottom;
  };
  const section = () => {
    const top = covered() + 2; // a heading the browser scrolled to sits right at the top
    let found = "";
    for (const [index, [heading, id]] of headings().entries()) {
      if (heading.getBoundingClientRect().top > top) break;
      found = index === 0 ? "" : id; // the page's own title: its top
    }
    return found;
  };
  const keepPlace = () => {
    const id = section();
    links().forEach((link) => {
      link.hash = id ? `#${id}` : "";
    });
  };
  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      keepPlace();
    });
  };
  const start = () => {
    keepPlace();
    window.addEventListener("scroll", soon, { passive: true });
    window.addEventListener("resize", soon, { passive: true });
    window.addEventListener("hashchange", keepPlace);
    // Before a link is followed (pointer, keyboard or a screen reader's activation).
    links().forEach((link) => {
      ["pointerdown", "focus", "click"].forEach((name) => link.addEventListener(name, keepPlace));
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
