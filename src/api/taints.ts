// Taint/toleration matching (k8s.io/api/core/v1 Toleration.ToleratesTaint and
// component-helpers/scheduling/corev1 FindMatchingUntoleratedTaint).

import type { Taint, TaintEffect, Toleration } from './types.ts';

/** A toleration tolerates a taint when effect, key and (for Equal) value all match. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator || 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

export function isTolerated(taint: Taint, tolerations: Toleration[] | undefined): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** First taint (in node order) among those with the given effects that no toleration tolerates. */
export function firstUntoleratedTaint(
  taints: Taint[] | undefined,
  tolerations: Toleration[] | undefined,
  effects: TaintEffect[],
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!effects.includes(taint.effect)) continue;
    if (!isTolerated(taint, tolerations)) return taint;
  }
  return undefined;
}

/** `key=value:Effect`, or `key:Effect` when the value is empty: kubectl's taint notation. */
export function formatTaint(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** The scheduler's reason fragment `{key: value}` (value may be empty → `{key: }`). */
export function taintBraces(t: Taint): string {
  return `{${t.key}: ${t.value ?? ''}}`;
}

/** describe's toleration text, e.g. `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`. */
export function formatToleration(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists') s += ' op=Exists';
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
  return s;
}
