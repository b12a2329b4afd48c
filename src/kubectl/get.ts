// `kubectl get`: tables (pods, nodes, deployments, replicasets, daemonsets, statefulsets, jobs,
// services, events, namespaces) with `-o wide`, `-A`, `-l`, `--show-labels`, `--no-headers`; `-o yaml|json|name`
// with the stored objects. Rows come in API order (namespace, then name); an empty result says
// `No resources found in <ns> namespace.` on stderr (kubectl pkg/cmd/get/get.go). `-w` / `--watch-only`: getwatch.ts.

import type { KubeObject } from '../api/types.ts';
import type { KindInfo } from '../api/kinds.ts';
import { matchesLabelSelector, parseSelectorString } from '../api/selectors.ts';
import { type ApiError, badRequest, notFound } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, type Ctx, renderError } from './flags.ts';
import { checkOutputFormat, isObjectOutput, objectPrinter } from './output.ts';
import { asList, buildTable, hasTable } from './printers.ts';
import { sortObjects } from './sortby.ts';
import { parseResourceArgs } from './resources.ts';
import { formatTable } from './tabwriter.ts';
import { runWatch, watchRequest } from './getwatch.ts';

/** Parses `-l`; kubectl's error for a bad selector. */
export function selectorFlag(ctx: Ctx): ((labels: Record<string, string> | undefined) => boolean) | undefined {
  const text = ctx.str('selector');
  if (!text) return undefined;
  let sel: ReturnType<typeof parseSelectorString>;
  try {
    sel = parseSelectorString(text);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  return (labels) => matchesLabelSelector(sel, labels);
}

type LabelMatch = (labels: Record<string, string> | undefined) => boolean;

/**
 * `-l` as the builder lists with it: real kubectl leaves the selector to the server, which refuses
 * a malformed one with BadRequest, and the builder words that per resource type
 * (staging/src/k8s.io/cli-runtime/pkg/resource/selector.go: `Unable to find "/v1, Resource=pods"
 * that match label selector "a in (b", field selector "": unable to parse requirement: a in (b`).
 */
export function listSelector(ctx: Ctx): { match?: LabelMatch; refusal?: (info: KindInfo) => ApiError } {
  const text = ctx.str('selector');
  if (!text) return {};
  try {
    const sel = parseSelectorString(text);
    return { match: (labels) => matchesLabelSelector(sel, labels) };
  } catch (e) {
    const why = (e as Error).message;
    return {
      refusal: (info) =>
        badRequest(
          `Unable to find "${info.group}/${info.version}, Resource=${info.plural}" that match label selector ${JSON.stringify(text)}, field selector "": ${why}`,
        ),
    };
  }
}

/**
 * `--sort-by` with kubectl's human-readable output against a server that prints tables: each
 * answer is a Table decoded as unstructured (not a *metav1.Table), so get.go's RuntimeSorter skips
 * one answer and, given several, sorts the Table objects themselves with SortObjects — which fails
 * when none of them has the field (`kubectl get pods,nodes --sort-by=.metadata.name`). Sorting
 * Tables by a field they have (`.kind`, `.metadata.resourceVersion`) keeps their order (all equal).
 * The rows of each table are sorted by SortingPrinter (staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go).
 */
function sortServerTables(answers: number, sortBy: string): void {
  if (answers < 2) return;
  const table = {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: [{}],
    rows: [{}],
  };
  sortObjects(
    Array.from({ length: answers }, () => table),
    sortBy,
  );
}

interface Group {
  info: KindInfo;
  objs: KubeObject[];
}

export const getCommand: Command = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'sort-by', type: 'string', default: '' },
    { name: 'ignore-not-found', type: 'bool' },
  ],
  run(ctx) {
    if (ctx.str('field-selector')) throw new NotSupportedError('kubectl get --field-selector');
    const output = ctx.str('output');
    checkOutputFormat(output, true);
    const sortBy = ctx.str('sort-by');
    const printer = isObjectOutput(output) ? objectPrinter(ctx, output, ctx.bool('no-headers')) : undefined;
    const args = ctx.args.positional;
    if (args.length === 0) {
      ctx.eprint(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
      );
      ctx.eprint(
        `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
      );
      return 1;
    }
    if (args[0] === 'all') throw new NotSupportedError('kubectl get all');
    const { types, refs } = parseResourceArgs(args);
    // the builder's ResourceTypeOrNameArgs with a selector (cli-runtime resource/builder.go)
    if (refs.length && ctx.str('selector')) throw new UserError('name cannot be provided when a selector is specified');
    const allNs = ctx.bool('all-namespaces');
    const { match, refusal } = listSelector(ctx);
    if (ctx.bool('watch') || ctx.bool('watch-only')) {
      if (refusal) throw refusal(types[0] ?? refs[0].info);
      return runWatch(ctx, watchRequest(ctx, types, refs, match));
    }
    const store = ctx.cluster.store;
    let exit = 0;
    const errors: string[] = [];
    /** Requests the server answered: one per listed type, one per named object found. */
    let answered = 0;

    // Collect objects per kind, keeping the order in which kinds were requested.
    const groups: Group[] = [];
    const groupFor = (info: KindInfo): Group => {
      let g = groups.find((x) => x.info.kind === info.kind);
      if (!g) {
        g = { info, objs: [] };
        groups.push(g);
      }
      return g;
    };
    for (const info of types) {
      if (refusal) {
        errors.push(renderError(refusal(info)));
        exit = 1;
        continue;
      }
      const ns = info.namespaced && !allNs ? ctx.namespace() : undefined;
      const objs = store.list(info.kind, ns).filter((o) => !match || match(o.metadata.labels));
      const group = groupFor(info);
      answered++;
      for (const o of objs) group.objs.push(o); // (not push(...objs): 150,000 arguments overflow the stack)
    }
    for (const ref of refs) {
      const ns = ref.info.namespaced ? ctx.namespace() : undefined;
      const obj = store.get(ref.info.kind, ns, ref.name);
      if (!obj) {
        if (!ctx.bool('ignore-not-found')) {
          errors.push(renderError(notFound(ref.info.kind, ref.name)));
          exit = 1;
        }
        continue;
      }
      groupFor(ref.info).objs.push(obj);
      answered++;
    }

    const all = groups.flatMap((g) => g.objs);
    if (printer) {
      // printGeneric: one object named alone prints as itself, anything else as a List.
      const single = refs.length === 1 && types.length === 0;
      if (!(single && all.length === 0)) {
        const doc = single ? all[0] : asList(sortBy ? sortObjects(all, sortBy) : all);
        ctx.printRaw(printer.print(doc));
      }
    } else {
      const withKind = groups.length > 1;
      const tables: string[] = [];
      // The builder answers one Table per list request and per named object: more than one, and
      // RuntimeSorter sorts those Table objects themselves (by their own fields).
      if (sortBy) sortServerTables(answered, sortBy);
      for (const g of groups) {
        if (g.objs.length === 0) continue;
        if (sortBy && g.objs.length > 1) {
          try {
            g.objs = sortObjects(g.objs, sortBy, true);
          } catch (e) {
            // SortingPrinter's error is dropped by Run (printer.PrintObj's result is not checked): the table is not printed.
            if (e instanceof UserError) continue;
            throw e;
          }
        }
        if (!hasTable(g.info.kind))
          throw new NotSupportedError(`kubectl get ${g.info.plural} as a table (use -o yaml, -o json or -o name)`);
        const rows = buildTable(g.info.kind, g.objs, {
          wide: output === 'wide',
          withNamespace: allNs && g.info.namespaced,
          showLabels: ctx.bool('show-labels'),
          clock: ctx.cluster.clock,
        });
        if (withKind)
          for (let i = 1; i < rows.length; i++)
            rows[i][allNs && g.info.namespaced ? 1 : 0] =
              `${g.info.singular}${g.info.group ? '.' + g.info.group : ''}/${rows[i][allNs && g.info.namespaced ? 1 : 0]}`;
        tables.push(formatTable(ctx.bool('no-headers') ? rows.slice(1) : rows));
      }
      ctx.printRaw(tables.join('\n'));
      if (tables.length === 0 && errors.length === 0 && !ctx.bool('ignore-not-found')) {
        const namespaced = groups.some((g) => g.info.namespaced) || types.some((t) => t.namespaced);
        ctx.eprint(allNs || !namespaced ? 'No resources found' : `No resources found in ${ctx.namespace()} namespace.`);
      }
    }
    for (const e of errors) ctx.eprint(e);
    return exit;
  },
};
