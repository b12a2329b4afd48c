// What every describer of `kubectl describe` shares (staging/src/k8s.io/kubectl/pkg/describe/describe.go):
// the PrefixWriter (two spaces per level; Flush ends an alignment block), tabbedString's tabwriter
// (minwidth 0, tabwidth 8, padding 2), printLabelsMultiline, printAnnotationsMultiline,
// printPodTolerationsMultiline, DescribeEvents with searchEvents' lookup, and the small formatters
// (a LabelSelector as labels.Selector.String(), intstr.String()).

import type { CoreEvent, KubeObject, LabelSelector, Toleration } from '../../api/types.ts';
import type { Ctx } from '../flags.ts';
import { rfc1123z, since } from '../duration.ts';
import { formatLabelSelector } from '../printers.ts';

export { formatLabels } from '../printers.ts';
import { LAST_APPLIED } from '../resources.ts';
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter.ts';

/** describe's PrefixWriter: indentation levels, and Flush() ending an alignment block. */
export class PrefixWriter {
  private blocks: string[] = [''];
  write(level: number, text: string): void {
    this.blocks[this.blocks.length - 1] += '  '.repeat(level) + text;
  }
  /** WriteLine: text + newline, no indentation. */
  line(text: string): void {
    this.blocks[this.blocks.length - 1] += text + '\n';
  }
  flush(): void {
    this.blocks.push('');
  }
  toString(): string {
    return this.blocks.map((b) => tabwrite(b, DESCRIBE_TABWRITER)).join('');
  }
  /** The text as written, tabs and all: a PrefixWriter over a plain buffer, without tabbedString (polymorphichelpers printTemplate). */
  raw(): string {
    return this.blocks.join('');
  }
}

const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';
/** metav1.Time.Format(time.RFC1123Z): the zero time for an unset timestamp. */
export const time = (t: string | null | undefined) => (t ? rfc1123z(t) : ZERO_TIME);

/** printLabelsMultilineWithIndent(w, initialIndent, title, "\t", labels). */
export function printLabels(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

/** printAnnotationsMultiline: last-applied skipped, long or multi-line values on their own lines. */
export function printAnnotations(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > 140 || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > 138 ? s.slice(0, 138) + '...' : s}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

/** printPodTolerationsMultiline (sorted by key). */
export function printTolerations(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined): void {
  w.write(0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  );
  if (list.length === 0) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

/**
 * DescribeEvents: `<none>` inline, else a flushed table sorted by last timestamp, ages from the
 * client's clock, the involved object's fieldPath before the message when set.
 */
export function describeEvents(ctx: Ctx, w: PrefixWriter, events: CoreEvent[]): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort(
    (a, b) =>
      Date.parse(a.lastTimestamp ?? a.firstTimestamp ?? '') - Date.parse(b.lastTimestamp ?? b.firstTimestamp ?? ''),
  );
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  const clock = ctx.cluster.clock;
  for (const e of sorted) {
    const first = since(clock, e.firstTimestamp);
    const interval = (e.count ?? 1) > 1 ? `${since(clock, e.lastTimestamp)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    const fieldPath = (e.involvedObject as { fieldPath?: string }).fieldPath;
    const message = fieldPath ? `${fieldPath}: ${e.message.trim()}` : e.message.trim();
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${message}\n`);
  }
}

/** searchEvents: the events whose involvedObject is the object (kind, name, namespace and uid). */
export function eventsOf(ctx: Ctx, obj: KubeObject): CoreEvent[] {
  return ctx.cluster.events.for(obj);
}

/** metav1.LabelSelectorAsSelector(sel).String(): like FormatLabelSelector but empty for an empty selector. */
export function selectorString(sel: LabelSelector | null | undefined): string {
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

/** intstr.IntOrString.String(). */
export const intOrString = (v: number | string | undefined): string => (v === undefined ? '0' : String(v));
