// `kubectl api-resources` (staging/src/k8s.io/kubectl/pkg/cmd/apiresources/apiresources.go): the
// resources the API server's discovery lists — the kinds of src/api/kinds.ts API_KINDS, the same
// list `kube-scenarios serve` publishes — as a table NAME SHORTNAMES APIVERSION NAMESPACED KIND
// (`-o wide` adds VERBS and CATEGORIES, `-o name` prints `plural.group`), sorted by API group then
// name (or `--sort-by=name|kind`), filtered by `--namespaced`, `--api-group`, `--verbs` and
// `--categories`.

import { API_KINDS, apiVersionOf, categoriesOf, type KindInfo, RESOURCE_VERBS } from '../api/kinds.ts';
import { UserError } from '../util/errors.ts';
import { type Command, UsageError } from './flags.ts';
import { GET_TABWRITER, tabwrite } from './tabwriter.ts';

/** pflag's StringSlice: each occurrence is a comma-separated list. */
const sliceFlag = (values: string[]) => values.flatMap((v) => v.split(',')).filter((v) => v !== '');

/** sortableResource.Less: by the sort key, then by name; sorted with sort.Stable. */
function sortResources(infos: KindInfo[], sortBy: string): KindInfo[] {
  const key = (i: KindInfo) => (sortBy === 'name' ? i.plural : sortBy === 'kind' ? i.kind : i.group);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...infos].sort((a, b) => cmp(key(a), key(b)) || cmp(a.plural, b.plural));
}

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  flags: [
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'api-group', type: 'string', default: '' },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'verbs', type: 'array' },
    { name: 'categories', type: 'array' },
    { name: 'sort-by', type: 'string', default: '' },
    { name: 'cached', type: 'bool' },
  ],
  run(ctx) {
    const args = ctx.args.positional;
    if (args.length) throw new UsageError(`unexpected arguments: [${args.join(' ')}]`, ctx.commandPath);
    const output = ctx.str('output');
    if (!['', 'wide', 'name'].includes(output)) throw new UserError(`--output ${output} is not available`);
    const sortBy = ctx.str('sort-by');
    if (sortBy && !['name', 'kind'].includes(sortBy)) throw new UserError('--sort-by accepts only name or kind');
    const verbs = sliceFlag(ctx.flag<string[]>('verbs'));
    const categories = sliceFlag(ctx.flag<string[]>('categories'));
    const selected = API_KINDS.filter(
      (k) =>
        (!ctx.has('api-group') || k.group === ctx.str('api-group')) &&
        (!ctx.has('namespaced') || k.namespaced === ctx.bool('namespaced')) &&
        verbs.every((v) => RESOURCE_VERBS.includes(v)) &&
        categories.every((c) => categoriesOf(k.kind).includes(c)),
    );
    const lines: string[] = [];
    if (!ctx.bool('no-headers') && output !== 'name')
      lines.push(
        [
          'NAME',
          'SHORTNAMES',
          'APIVERSION',
          'NAMESPACED',
          'KIND',
          ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : []),
        ].join('\t'),
      );
    for (const k of sortResources(selected, sortBy)) {
      const cells = [k.plural, k.shortNames.join(','), apiVersionOf(k), String(k.namespaced), k.kind];
      if (output === 'name') lines.push(k.group ? `${k.plural}.${k.group}` : k.plural);
      else if (output === 'wide')
        lines.push([...cells, RESOURCE_VERBS.join(','), categoriesOf(k.kind).join(',')].join('\t'));
      else lines.push(cells.join('\t'));
    }
    if (lines.length) ctx.printRaw(tabwrite(`${lines.join('\n')}\n`, GET_TABWRITER));
    return 0;
  },
};
