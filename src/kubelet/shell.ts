// The shell the container behaviour model reads (`sh -c '…'` scripts and plain command lines):
// words with '…' and "…" quoting, `;`, newlines, `&&`, `||`, `until/while … do … done`, and
// `$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)`. Anything else (pipes,
// redirections, if/for/case, other expansions) is NotUnderstood: the behaviour is then a guess.

/** A parsed script. */
export type ShellNode =
  | { kind: 'cmd'; argv: string[] }
  | { kind: 'seq'; items: ShellNode[] }
  | { kind: 'and' | 'or'; left: ShellNode; right: ShellNode }
  | { kind: 'loop'; until: boolean; cond: ShellNode; body: ShellNode };

type Token = { op: string } | { word: string };

export class NotUnderstood extends Error {}

function tokenize(src: string, namespace: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let word: string | undefined;
  const flush = () => {
    if (word !== undefined) {
      out.push({ word });
      word = undefined;
    }
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') {
      flush();
      i++;
      continue;
    }
    if (ch === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (ch === '\n' || ch === ';') {
      flush();
      out.push({ op: ';' });
      i++;
      continue;
    }
    if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      flush();
      out.push({ op: src.slice(i, i + 2) });
      i += 2;
      continue;
    }
    if (ch === '|' || ch === '&' || ch === '<' || ch === '>' || ch === '`' || ch === '(' || ch === ')')
      throw new NotUnderstood(ch);
    if (ch === '#' && word === undefined) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new NotUnderstood('unterminated quote');
      word = (word ?? '') + src.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j + 1];
          j += 2;
          continue;
        }
        if (src[j] === '$') {
          const [v, n] = substitution(src, j, namespace);
          s += v;
          j = n;
          continue;
        }
        s += src[j++];
      }
      if (j >= src.length) throw new NotUnderstood('unterminated quote');
      word = (word ?? '') + s;
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      const [v, n] = substitution(src, i, namespace);
      word = (word ?? '') + v;
      i = n;
      continue;
    }
    word = (word ?? '') + ch;
    i++;
  }
  flush();
  return out;
}

/** `$(cat …/serviceaccount/namespace)` is the pod's namespace; other expansions are not modelled. */
function substitution(src: string, i: number, namespace: string): [string, number] {
  const m = /^\$\(\s*cat\s+\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\s*\)/.exec(src.slice(i));
  if (m) return [namespace, i + m[0].length];
  throw new NotUnderstood('$');
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}
  private peekWord(): string | undefined {
    const t = this.toks[this.i];
    return t && 'word' in t ? t.word : undefined;
  }
  private peekOp(): string | undefined {
    const t = this.toks[this.i];
    return t && 'op' in t ? t.op : undefined;
  }
  private skipSeps(): void {
    while (this.peekOp() === ';') this.i++;
  }

  parseAll(): ShellNode {
    const n = this.list([]);
    if (this.i < this.toks.length) throw new NotUnderstood('trailing tokens');
    return n;
  }

  /** Commands separated by ; && || until one of the stop keywords. */
  private list(stop: string[]): ShellNode {
    const items: ShellNode[] = [];
    this.skipSeps();
    while (this.i < this.toks.length && !stop.includes(this.peekWord() ?? '\0')) {
      let n = this.command();
      for (;;) {
        const op = this.peekOp();
        if (op !== '&&' && op !== '||') break;
        this.i++;
        this.skipSeps();
        n = { kind: op === '&&' ? 'and' : 'or', left: n, right: this.command() };
      }
      items.push(n);
      this.skipSeps();
    }
    return items.length === 1 ? items[0] : { kind: 'seq', items };
  }

  private expect(word: string): void {
    if (this.peekWord() !== word) throw new NotUnderstood(`expected ${word}`);
    this.i++;
  }

  private command(): ShellNode {
    const w = this.peekWord();
    if (w === undefined) throw new NotUnderstood('empty command');
    if (w === 'until' || w === 'while') {
      this.i++;
      const cond = this.list(['do']);
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { kind: 'loop', until: w === 'until', cond, body };
    }
    if (['if', 'for', 'case', 'function', 'then', 'do', 'done', 'fi'].includes(w)) throw new NotUnderstood(w);
    const argv: string[] = [];
    for (let word = this.peekWord(); word !== undefined; word = this.peekWord()) {
      argv.push(word);
      this.i++;
    }
    return { kind: 'cmd', argv };
  }
}

/** Parses a shell script; throws UserError-free NotUnderstood for unsupported syntax. */
export function parseScript(src: string, namespace = 'default'): ShellNode {
  return new Parser(tokenize(src, namespace)).parseAll();
}
