
"use strict";
(() => {
  // A cell is a number when all of it is one, optionally with thousands separators or a trailing %.
  const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?%?$/i;

  const sortKey = (row, column) => {
    const cell = row.cells[column];
    const text = cell ? cell.textContent.trim() : "";
    const plain = text.replace(/,/g, "");
    return { text, number: NUMBER.test(plain) ? parseFloat(plain) : null };
  };

  // Blanks last and numbers before words, whichever the direction; then numbers by value and words in
  // natural order ("run 9" before "run 10"), the way the header says.
  const order = (a, b, direction) => {
    if ((a.text === "") !== (b.text === "")) {
      return a.text === "" ? 1 : -1;
    }
    if ((a.number === null) !== (b.number === null)) {
      return a.number === null ? 1 : -1;
    }
    const difference = a.number !== null
      ? a.number - b.number
      : a.text.localeCompare(b.text, undefined, { numeric: true, sensitivity: "base" });
    return direction * difference;
  };

  const sortBy = (table, header) => {
    const body = table.tBodies[0];
    if (!body) {
      return;
    }
    const column = header.cellIndex;
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const other of header.parentElement.cells) {
      other.removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const rows = Array.from(body.rows, (row) => ({ row, key: sortKey(row, column) }));
    rows.sort((a, b) => order(a.key, b.key, ascending ? 1 : -1));
    body.append(...rows.map((entry) => entry.row));
  };

  for (const table of document.querySelectorAll("main table")) {
    if (!table.tHead) {
      continue;
    }
    for (const header of table.tHead.rows[0].cells) {
      header.tabIndex = 0;
      header.title = "Sort by this column";
      header.addEventListener("click", () => sortBy(table, header));
      header.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, header);
        }
      });
    }
  }
  document.documentElement.dataset.rendered = "true";
})();
