// The edition switcher keeps the reader's place: its links to the same page of another
// edition carry the section the reader is in (the nearest heading at or above the top of the
// window; the editions share their sections' anchors), so that the other edition opens there.
//
// The switcher stands at the top of the page: to reach it, a reader scrolls (or tabs) back
// up, past the sections above theirs. So the place is taken where the reader stops scrolling
// (for SETTLE ms) with the switcher out of view, and kept while it is in view; at the top of
// a page, and before the reader has stopped anywhere else, there is none (the other edition
// opens at its top), or the #section the page was opened at.
(() => {
  const SETTLE = 400;
  let place = "";
  const links = () => Array.from(document.querySelectorAll("a.mem-switch"));
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
      const position = getComputedStyle(bar).position;
      if (position === "sticky" || position === "fixed") {
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
  const switcherInView = () => {
    const bar = document.querySelector(".mem-switcher");
    if (!bar) return false;
    const box = bar.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  };
  const apply = () => {
    links().forEach((link) => {
      const page = link.dataset.memPage;
      link.setAttribute("href", place ? `${page}#${place}` : page);
    });
  };
  let timer = null;
  const settled = () => {
    timer = null;
    if (!switcherInView()) {
      place = section();
      apply();
    }
  };
  const scrolled = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(settled, SETTLE);
  };
  const start = () => {
    links().forEach((link) => {
      link.dataset.memPage = link.getAttribute("href").split("#")[0];
    });
    const opened = decodeURIComponent(window.location.hash.slice(1));
    const target = opened && document.getElementById(opened);
    if (target && target.matches("main section[id]")) place = opened;
    apply();
    window.addEventListener("scroll", scrolled, { passive: true });
    window.addEventListener("hashchange", scrolled);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
