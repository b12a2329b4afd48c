// `-o custom-columns=HEADER:path,...` and `-o custom-columns-file=FILE` as kubectl 1.33 prints them
// (staging/src/k8s.io/kubectl/pkg/cmd/get/customcolumn.go): relaxed JSONPath expressions
// (`.metadata.name`, `metadata.name`, `{.metadata.name}`), one row per object of a list, several
// values of a cell joined by commas, `<none>` for none, values as fmt.Sprint prints them (maps
// as `map[k:v]`), aligned by the same tabwriter as the tables.

import { UserError } from '../util/errors.ts';
import { goSprintV, JsonPath, JsonPathError } from './jsonpath.ts';
import { formatTable } from './tabwriter.ts';

export interface Column {
  header: string;
  fieldSpec: string;
}

/** RelaxedJSONPathExpression: `{.a.b}` from `a.b`, `.a.b`, `{a.b}` or `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  if (expr.length === 0) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m)
    throw new UserError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  return `{.${m[1] ?? m[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec. */
export function customColumnsFromSpec(spec: string): Column[] {
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new UserError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

/** NewCustomColumnsPrinterFromTemplate: a line of headers and a line of paths, split on whitespace. */
export function customColumnsFromTemplate(text: string): Column[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const words = (l: string) => l.split(/[ \t\n\v\f\r\u0085\u00a0]+/).filter((w) => w !== '');
  if (lines.length < 1 || (lines.length === 1 && lines[0] === ''))
    throw new UserError(
      'invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.',
    );
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '' && !text.endsWith('\n\n'))) {
    throw new UserError(
      'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.',
    );
  }
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length)
    throw new UserError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPath(specs[i]) }));
}

/** CustomColumnsPrinter.PrintObj: the header row (unless noHeaders), then a row per object. */
export function printCustomColumns(columns: Column[], obj: unknown, noHeaders: boolean): string {
  const parsers = columns.map((c) => {
    try {
      const jp = new JsonPath(c.fieldSpec);
      jp.allowMissingKeys = true;
      return jp;
    } catch (e) {
      if (e instanceof JsonPathError) throw new UserError(e.message);
      throw e;
    }
  });
  const o = obj as { kind?: string; items?: unknown[] };
  const objects = o && o.kind === 'List' && Array.isArray(o.items) ? o.items : [obj];
  const rows: string[][] = noHeaders ? [] : [columns.map((c) => c.header)];
  for (const item of objects) {
    rows.push(
      parsers.map((p) => {
        let values: unknown[][];
        try {
          values = p.findResults(item);
        } catch (e) {
          if (e instanceof JsonPathError) throw new UserError(e.message);
          throw e;
        }
        const strings: string[] = [];
        if (values.length === 0 || values[0].length === 0) strings.push('<none>');
        for (const list of values) for (const v of list) strings.push(goSprintV(v));
        return strings.join(',');
      }),
    );
  }
  return formatTable(rows);
}
