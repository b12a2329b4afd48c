// A one-line progress display for long CLI runs: `\r<label> 1200/5000 (24%)` redrawn in place on
// a terminal, erased when done. It draws only when asked to (the caller checks that stdout is a
// terminal and the input is large) and redraws at most once per percent, so 100,000 updates
// cost 100 writes.

export interface ProgressStream { write(text: string): unknown }

export interface Progress {
  /** Starts a phase of `total` steps. */
  phase(label: string, total: number): void;
  /** `done` steps of the current phase are finished. */
  update(done: number): void;
  /** Erases the line. */
  end(): void;
}

/** Input at least this large (documents) gets a progress display. */
export const LARGE_INPUT = 200;

export const NO_PROGRESS: Progress = { phase() {}, update() {}, end() {} };

export function lineProgress(stream: ProgressStream): Progress {
  let label = '';
  let total = 0;
  let shown = -1;
  let drawn = false;
  return {
    phase(l, t) { label = l; total = t; shown = -1; this.update(0); },
    update(done) {
      const pct = total ? Math.floor((done * 100) / total) : 100;
      if (pct === shown) return;
      shown = pct;
      drawn = true;
      stream.write(`\r\x1b[K${label} ${done}/${total} (${pct}%)`);
    },
    end() { if (drawn) stream.write('\r\x1b[K'); drawn = false; },
  };
}

/** Progress on stderr when stdout and stderr are terminals and the input is large; otherwise none. */
export function terminalProgress(size: number): Progress {
  if (size < LARGE_INPUT || !process.stdout.isTTY || !process.stderr.isTTY) return NO_PROGRESS;
  return lineProgress(process.stderr);
}
