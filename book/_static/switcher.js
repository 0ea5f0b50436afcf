// The edition switcher keeps the reader's place: its links to the same page of another
// edition carry the #anchor the reader is at (the editions share their anchors).
(() => {
  const keepPlace = () => {
    document.querySelectorAll("a.mem-switch").forEach((link) => {
      link.hash = window.location.hash;
    });
  };
  window.addEventListener("hashchange", keepPlace);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", keepPlace);
  } else {
    keepPlace();
  }
})();
