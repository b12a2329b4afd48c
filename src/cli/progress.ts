// Where a long CLI run is: one line on stderr, `\r<phase> 1200/5000 (24%)` redrawn in place —
// reading files, checking documents (the dry run), applying documents (each applied, then the
// cluster settled), building the report — and erased when done. It is drawn whenever stderr is a
// terminal, whatever stdout is (`simulate ... > out.json` still shows it), and never into a file
// or a pipe. Each phase redraws at most once per percent, so 100,000 updates cost 100 writes.

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** Starts a phase of `total` steps, or of one step that is not counted. */
  phase(label: string, total?: number): void;
  /** `done` steps of the current phase are finished. */
  update(done: number): void;
  /** Erases the line. */
  end(): void;
}

export const NO_PROGRESS: Progress = { phase() {}, update() {}, end() {} };

export function lineProgress(stream: ProgressStream): Progress {
  let label = '';
  let total: number | undefined;
  let shown = -1;
  let drawn = false;
  const draw = (text: string) => {
    stream.write(`\r\x1b[K${text}`);
    drawn = true;
  };
  return {
    phase(l, t) {
      label = l;
      total = t;
      shown = -1;
      if (t === undefined) draw(`${label}…`);
      else this.update(0);
    },
    update(done) {
      if (total === undefined) return;
      const pct = total ? Math.floor((done * 100) / total) : 100;
      if (pct === shown) return;
      shown = pct;
      draw(`${label} ${done}/${total} (${pct}%)`);
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** Progress on `stream` (stderr) when it is a terminal; otherwise none. */
export function terminalProgress(stream: ProgressStream = process.stderr): Progress {
  return stream.isTTY ? lineProgress(stream) : NO_PROGRESS;
}
