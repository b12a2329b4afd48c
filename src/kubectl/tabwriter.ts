// Go's text/tabwriter (the elastic-tabstop algorithm) as kubectl uses it: the `get` table
// printer (cli-runtime printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, pad ' ')
// and describe's writer (minwidth 0, tabwidth 8, padding 2, pad ' ').
//
// Cells are tab-terminated; the text after the last tab of a line is not part of any column.
// A column is aligned over a block of consecutive lines that all have a terminated cell at that
// position, so a line with fewer cells ends the block. With a space pad character the tab width
// plays no role; it is kept for fidelity with the Go configuration.

export interface TabwriterConfig {
  minwidth: number;
  tabwidth: number;
  padding: number;
}

export const GET_TABWRITER: TabwriterConfig = { minwidth: 6, tabwidth: 4, padding: 3 };
export const DESCRIBE_TABWRITER: TabwriterConfig = { minwidth: 0, tabwidth: 8, padding: 2 };

/** Display width: Go counts runes (utf8.RuneCount). */
function runeWidth(s: string): number {
  // code points (utf8.RuneCount), counted without an array per cell: a surrogate pair is one
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Aligns `text` (tab-separated cells, newline-separated lines) and returns the result. */
export function tabwrite(text: string, cfg: TabwriterConfig): string {
  const endsWithNewline = text.endsWith('\n');
  const rawLines = text.split('\n');
  if (endsWithNewline) rawLines.pop();
  const lines = rawLines.map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        s += c;
        if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - runeWidth(c)));
      }
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      // A column block starts at line i: print what came before it, then size the block.
      writeLines(line0, i);
      line0 = i;
      let width = cfg.minwidth;
      let end = i;
      for (; end < line1; end++) {
        const cells = lines[end];
        if (column >= cells.length - 1) break;
        const w = runeWidth(cells[column]) + cfg.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, end);
      widths.pop();
      line0 = end;
      i = end - 1;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Rows of cells → aligned table text (each row ends with a newline). */
export function formatTable(rows: string[][], cfg: TabwriterConfig = GET_TABWRITER): string {
  return tabwrite(rows.map((r) => r.join('\t') + '\n').join(''), cfg);
}
