// A LabelSelector prepared for matching many label sets (the scheduler matches one term against
// every pod of the cluster per cycle): matchLabels kept as parallel key/value arrays so a match
// allocates nothing; matchExpressions evaluated by api/selectors. Same semantics as
// matchesLabelSelector: null/undefined matches nothing, `{}` matches everything.

import type { LabelSelector } from '../../api/types.ts';
import { matchesLabelSelector, type Labels } from '../../api/selectors.ts';

const hasOwn = Object.prototype.hasOwnProperty;

export class CompiledSelector {
  private readonly keys: string[] = [];
  private readonly values: string[] = [];
  private readonly expressions: LabelSelector | null = null;
  private readonly nothing: boolean;

  constructor(selector: LabelSelector | null | undefined) {
    this.nothing = selector === null || selector === undefined;
    if (!selector) return;
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
      this.keys.push(k);
      this.values.push(v);
    }
    if ((selector.matchExpressions ?? []).length > 0)
      this.expressions = { matchExpressions: selector.matchExpressions };
  }

  matches(labels: Labels): boolean {
    if (this.nothing) return false;
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i];
      if (labels === undefined || labels[k] !== this.values[i] || !hasOwn.call(labels, k)) return false;
    }
    return this.expressions === null || matchesLabelSelector(this.expressions, labels);
  }
}
