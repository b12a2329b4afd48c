// `--sort-by=<jsonpath>` as kubectl 1.33 sorts (staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go):
// the relaxed path (`.metadata.name` → `{.metadata.name}`), the first value it selects in each
// object, compared by isLess: numbers numerically, strings that both parse as quantities by
// value (`100m` < `1`), other strings by bytes; an object without the field sorts first (Less
// answers true for it). kubectl sorts with Go's sort.Sort, which is not stable: gosort.ts
// reproduces it, so objects with equal keys come out in kubectl's order.

import { isQuantity, parseQuantity } from '../api/quantity.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { relaxedJsonPath } from './customcolumns.ts';
import { goSort } from './gosort.ts';
import { JsonPath, JsonPathError } from './jsonpath.ts';

/** The sort field kubectl's sorter uses: the relaxed expression, or the text as given when that fails. */
function sortField(sortBy: string): string {
  try {
    return relaxedJsonPath(sortBy);
  } catch {
    return sortBy;
  }
}

function isLess(a: unknown, b: unknown, field: string): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) !== Number.isInteger(b))
      throw new NotSupportedError(
        `--sort-by ${field} on a field holding both integers and floats (kubectl exits with an "unsortable interface" log line)`,
      );
    return a < b;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (isQuantity(a) && isQuantity(b)) return parseQuantity(a) < parseQuantity(b);
    return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
  }
  throw new NotSupportedError(
    `--sort-by ${field} on a field holding ${Array.isArray(a) ? 'lists' : typeof a === 'object' ? 'maps' : typeof a} (kubectl exits with an "unsortable type" log line)`,
  );
}

/**
 * The objects in kubectl's --sort-by order; `table`: sorting the rows of a table (NewTableSorter:
 * a path that is not relaxed is used as given, a parse error reads `sorting error: ...`) rather
 * than a list's items (SortObjects). Both fail when no object has the field.
 */
export function sortObjects<T>(objects: T[], sortBy: string, table = false): T[] {
  if (objects.length === 0) return objects;
  const field = table ? sortField(sortBy) : relaxedJsonPath(sortBy);
  let jp: JsonPath;
  try {
    jp = new JsonPath(field);
  } catch (e) {
    if (e instanceof JsonPathError) throw new UserError(table ? `sorting error: ${e.message}` : e.message);
    throw e;
  }
  jp.allowMissingKeys = true;
  const keys = objects.map((o) => {
    let values: unknown[][];
    try {
      values = jp.findResults(o);
    } catch (e) {
      if (e instanceof JsonPathError) throw new UserError(e.message);
      throw e;
    }
    return values.length > 0 && values[0].length > 0 ? { value: values[0][0] } : undefined;
  });
  if (!keys.some((k) => k))
    throw new UserError(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  const items = objects.map((o, i) => ({ o, key: keys[i] }));
  const less = (x: (typeof items)[number], y: (typeof items)[number]) => {
    if (!x.key) return true;
    if (!y.key) return false;
    return isLess(x.key.value, y.key.value, field);
  };
  return goSort(items, less).map((x) => x.o);
}
