// The `-o` printers that print objects rather than tables (cli-runtime's PrintFlags.ToPrinter):
// yaml, json, name, jsonpath / jsonpath-as-json / jsonpath-file (JSONPathPrintFlags,
// printers.JSONPathPrinter) and custom-columns / custom-columns-file (CustomColumnsPrintFlags),
// each with kubectl 1.33's errors: unknown format, missing template, template parse and
// execution errors. `-o wide` and no -o are the table printers (get.ts).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KubeObject } from '../api/types.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { customColumnsFromSpec, customColumnsFromTemplate, printCustomColumns, type Column } from './customcolumns.ts';
import type { Ctx } from './flags.ts';
import { goSprintSharpV, JsonPath, JsonPathError } from './jsonpath.ts';
import { nameLine, toJson, toYaml } from './printers.ts';

/** What `kubectl get` offers (the table printers too), and what commands that print an object they sent offer. */
const GET_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const OBJECT_FORMATS =
  'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';
const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const COLUMNS_FORMATS = ['custom-columns', 'custom-columns-file'];

/**
 * The object as `-o json|yaml` prints it: without metadata.managedFields (of it and of a list's
 * items) unless --show-managed-fields (OmitManagedFieldsPrinter,
 * staging/src/k8s.io/cli-runtime/pkg/printers/managedfields.go, which JSONYamlPrintFlags puts
 * around both printers). A cluster built without managed fields cannot show them.
 */
export function shownFields<T>(ctx: Ctx, obj: T): T {
  if (ctx.bool('show-managed-fields')) {
    if (!ctx.cluster.store.trackManagedFields)
      throw new NotSupportedError(
        '--show-managed-fields on a cluster built without managed fields (ClusterOptions.managedFields: false, as `kube-scenarios simulate` builds it)',
      );
    return obj;
  }
  const omit = (o: unknown): unknown => {
    const meta = (o as KubeObject | undefined)?.metadata;
    if (!meta || meta.managedFields === undefined) return o;
    const { managedFields: _, ...rest } = meta;
    return { ...(o as KubeObject), metadata: rest };
  };
  const items = (obj as { items?: unknown[] }).items;
  if (Array.isArray(items)) return { ...obj, items: items.map(omit) } as T;
  return omit(obj) as T;
}

/** An object printer: the text for one object or list (a list's items are under `items`). */
export interface ObjectPrinter {
  print(obj: unknown): string;
}

/**
 * Checks -o; throws kubectl's error for an unknown or unsupported one. `tables`: `get`'s printers
 * (wide, custom-columns); other commands (run, create, apply, ...) offer only the object formats.
 */
export function checkOutputFormat(output: string, tables = false): void {
  const allowed = (tables ? GET_FORMATS : OBJECT_FORMATS).split(',');
  const base = output.split('=')[0];
  const known =
    output === '' ||
    ['yaml', 'json', 'name'].includes(output) ||
    (tables && output === 'wide') ||
    JSONPATH_FORMATS.includes(base) ||
    (tables && COLUMNS_FORMATS.includes(base));
  if (known) return;
  if (allowed.includes(base) && (base !== 'wide' || output === 'wide'))
    throw new NotSupportedError(`kubectl -o ${base}`);
  throw new UserError(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed.join(',')}`,
  );
}

/** Whether -o names a printer of objects (not the table printer). */
export function isObjectOutput(output: string): boolean {
  return output !== '' && output !== 'wide';
}

function readTemplateFile(ctx: Ctx, path: string): string {
  if (ctx.opts.readFile) return ctx.opts.readFile(path);
  return readFileSync(resolve(ctx.opts.cwd ?? process.cwd(), path), 'utf8');
}

/** The printer -o asks for (checkOutputFormat first); `noHeaders` is --no-headers for custom-columns. */
export function objectPrinter(ctx: Ctx, output: string, noHeaders = false): ObjectPrinter {
  if (output === 'yaml') return { print: (o) => toYaml(shownFields(ctx, o)) };
  if (output === 'json') return { print: (o) => toJson(shownFields(ctx, o)) };
  if (output === 'name') {
    return {
      print: (o) =>
        (isList(o) ? (o as { items: KubeObject[] }).items : [o as KubeObject]).map((x) => nameLine(x) + '\n').join(''),
    };
  }
  const eq = output.indexOf('=');
  const format = eq < 0 ? output : output.slice(0, eq);
  let value = eq < 0 ? '' : output.slice(eq + 1);
  if (JSONPATH_FORMATS.includes(format)) {
    if (!value) throw new UserError('template format specified but no template given');
    if (format === 'jsonpath-file') {
      const path = value;
      try {
        value = readTemplateFile(ctx, path);
      } catch {
        throw new UserError(`error reading --template ${path}, open ${path}: no such file or directory`);
      }
    }
    return jsonPathPrinter(value, format === 'jsonpath-as-json');
  }
  if (COLUMNS_FORMATS.includes(format)) {
    if (!value) throw new UserError('custom-columns format specified but no custom columns given');
    let columns: Column[];
    if (format === 'custom-columns-file') {
      let text: string;
      try {
        text = readTemplateFile(ctx, value);
      } catch {
        throw new UserError(`error reading template ${value}, open ${value}: no such file or directory\n`);
      }
      columns = customColumnsFromTemplate(text);
      noHeaders = false; // NewCustomColumnsPrinterFromTemplate ignores --no-headers
    } else columns = customColumnsFromSpec(value);
    let printedHeaders = false;
    return {
      print: (o) => {
        const text = printCustomColumns(columns, o, noHeaders || printedHeaders);
        printedHeaders = true;
        return text;
      },
    };
  }
  throw new Error(`objectPrinter: unchecked format ${output}`);
}

/** printers.NewJSONPathPrinter with AllowMissingKeys(true), as `-o jsonpath` builds it. */
export function jsonPathPrinter(template: string, asJson: boolean): ObjectPrinter {
  let jp: JsonPath;
  try {
    jp = new JsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathError) throw new UserError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  jp.allowMissingKeys = true;
  jp.outputJson = asJson;
  return {
    print: (o) => {
      try {
        return jp.execute(o);
      } catch (e) {
        if (!(e instanceof JsonPathError)) throw e;
        const details =
          `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSprintSharpV(o)}\n\n`;
        throw new UserError(`error executing jsonpath ${JSON.stringify(template)}: ${details}\n`);
      }
    },
  };
}

const isList = (o: unknown) =>
  !!o &&
  typeof o === 'object' &&
  Array.isArray((o as { items?: unknown }).items) &&
  (o as { kind?: string }).kind === 'List';
