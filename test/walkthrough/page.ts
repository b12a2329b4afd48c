// The walkthrough pages (docs/walkthrough.md, docs/walkthrough.ko.md) as a test: the ```console
// blocks are read as a terminal session — `$ command` lines (a heredoc `<<'EOF'` … `EOF` or a
// trailing `\` continues a command), each followed by the output it printed — and written back
// with new outputs (UPDATE=1). normalise() makes two runs comparable: what changes from run to
// run (ages and durations, timestamps, uids, container ids, resourceVersions, the random suffix of
// generated names, the last number of pod IPs, column padding that follows their width) is replaced, everything else must match.

/** One command of a page and the output shown under it. */
export interface Step {
  /** The command as typed, without the `$ ` prompt (heredoc lines included, newline-separated). */
  command: string;
  /** The output shown, each line ending in a newline. */
  shown: string;
  /** Line (1-based) of the `$ ` in the page, for messages. */
  line: number;
}

interface Block {
  /** Index in the page's lines of the first line inside the fence, and of the closing fence. */
  start: number;
  end: number;
  steps: Step[];
}

const FENCE_OPEN = '```console';
const FENCE_CLOSE = '```';
const HEREDOC = /<<-?\s*'?([A-Za-z_]+)'?\s*$/;

function parseBlocks(text: string, file: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== FENCE_OPEN) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== FENCE_CLOSE) end++;
    if (end === lines.length) throw new Error(`${file}:${i + 1}: a \`\`\`console block is not closed`);
    const steps: Step[] = [];
    let j = start;
    if (j < end && !lines[j].startsWith('$ '))
      throw new Error(`${file}:${j + 1}: a \`\`\`console block must start with a "$ " command line`);
    while (j < end) {
      const line = j + 1;
      const cmd = [lines[j].slice(2)];
      j++;
      while (cmd[cmd.length - 1].endsWith('\\') && j < end) cmd.push(lines[j++]);
      const here = HEREDOC.exec(cmd[cmd.length - 1]);
      if (here) {
        while (j < end && lines[j] !== here[1]) cmd.push(lines[j++]);
        if (j === end) throw new Error(`${file}:${line}: the heredoc is not closed by a line "${here[1]}"`);
        cmd.push(lines[j++]);
      }
      let shown = '';
      while (j < end && !lines[j].startsWith('$ ')) shown += `${lines[j++]}\n`;
      steps.push({ command: cmd.join('\n'), shown, line });
    }
    blocks.push({ start, end, steps });
    i = end;
  }
  return blocks;
}

/** The commands of a page's ```console blocks, in order, with the outputs shown. */
export function parsePage(text: string, file: string): Step[] {
  return parseBlocks(text, file).flatMap((b) => b.steps);
}

/** The page with the outputs of its commands replaced by `outputs` (one per command, in order). */
export function rewritePage(text: string, file: string, outputs: string[]): string {
  const lines = text.split('\n');
  const blocks = parseBlocks(text, file);
  const total = blocks.reduce((n, b) => n + b.steps.length, 0);
  if (outputs.length !== total) throw new Error(`${file}: ${total} commands, ${outputs.length} outputs`);
  let k = outputs.length;
  // From the last block back, so earlier line indexes stay valid.
  for (const b of [...blocks].reverse()) {
    const body: string[] = [];
    const first = k - b.steps.length;
    b.steps.forEach((s, n) => {
      body.push(`$ ${s.command}`);
      const out = outputs[first + n];
      if (out !== '') body.push(...out.replace(/\n$/, '').split('\n'));
    });
    k = first;
    lines.splice(b.start, b.end - b.start, ...body);
  }
  return lines.join('\n');
}

const DURATION = /(?<![\w.:/-])(?:\d+(?:\.\d+)?(?:ms|µs|s|m|h|d|y))+(?![\w.:/-])/g;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;
const HTTP_TIME = /[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g;
const UID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** A container's id (the runtime's random 64 hex digits). */
const CONTAINER_ID = /(containerd|docker|cri-o):\/\/[0-9a-f]{64}/g;
/**
 * The last octet of a pod IP: which free address of its node's block a pod gets depends on when
 * earlier pods' addresses were released (src/kubelet/ipam.ts), i.e. on timing; the block (the node) is compared.
 */
const POD_IP_HOST = /(?<![\d.])(172\.16\.\d+\.)\d+(?![\d.])/g;
const RESOURCE_VERSION = /("?resourceVersion"?:\s*)"\d+"/g;
/**
 * kubectl drain evicts pods in parallel, one goroutine each, which print as they go
 * (staging/src/k8s.io/kubectl/pkg/drain/drain.go evictPods): a run of these lines is compared as a set.
 */
const CONCURRENT_RUN = /(?:^(?:evicting pod \S+|pod\/\S+ evicted)\n)+/gm;
/** The 5 characters apiserver's names generator appends (k8s.io/apiserver/pkg/storage/names, utilrand's alphabet). */
const GENERATED_SUFFIX = /(?<=[a-z0-9]-)[bcdfghjklmnpqrstvwxz2456789]{5}(?![\w-])/g;

/**
 * What is left of an output once what varies between two runs is taken out: ages and durations
 * (`95s`, `2m3s`, `<invalid>`), timestamps, uids, container ids, resourceVersions, generated names' random
 * suffixes; then runs of spaces (table padding follows those widths) become one, line ends
 * are trimmed, and what drain prints in an order of its own (parallel evictions' lines, the parts of a
 * warning) is sorted.
 */
export function normalise(out: string): string {
  return (
    out
      .replace(ISO_TIME, '<time>')
      .replace(HTTP_TIME, '<time>')
      .replace(UID, '<uid>')
      .replace(CONTAINER_ID, '$1://<id>')
      .replace(POD_IP_HOST, '$1<n>')
      .replace(RESOURCE_VERSION, '$1<rv>')
      .replace(GENERATED_SUFFIX, '<xxxxx>')
      .replace(DURATION, '<age>')
      .replace(/<invalid>/g, '<age>')
      .split('\n')
      .map((l) => l.replace(/ {2,}/g, ' ').trimEnd())
      // drain's warning parts come from a Go map (staging/src/k8s.io/kubectl/pkg/drain/filters.go, warnings())
      .map((l) => (l.startsWith('Warning: ') ? `Warning: ${l.slice(9).split('; ').sort().join('; ')}` : l))
      .join('\n')
      .replace(CONCURRENT_RUN, (run) => `${run.split('\n').filter(Boolean).sort().join('\n')}\n`)
  );
}
