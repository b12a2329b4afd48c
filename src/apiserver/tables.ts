// Server-side printing (meta.k8s.io/v1 Table), which kubectl asks for on `kubectl get`
// (Accept: application/json;as=Table;v=v1;g=meta.k8s.io): the columns and cells of the
// simulator's printers (src/kubectl/printers.ts, pkg/printers/internalversion/printers.go);
// `-o wide` columns have priority 1. Each row carries its object as includeObject asks
// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go): None, Metadata (the default:
// PartialObjectMetadata) or Object. EndpointSlices have printEndpointSlice's columns (computed.ts). Kinds without a printer get the default table (NAME, AGE;
// pkg/printers/tablegenerator.go's fallback in staging/src/k8s.io/apiserver/pkg/registry/rest/table.go).

import type { KubeObject } from '../api/types.ts';
import { buildTable, hasTable } from '../kubectl/printers.ts';
import { since } from '../kubectl/duration.ts';
import type { VirtualClock } from '../util/clock.ts';
import { computedTable } from './computed.ts';

export const TABLE_MEDIA = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** Whether an Accept header asks for a Table (v1 or v1beta1) before plain JSON. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0].includes('as=Table');
}

/** Column descriptions (the TableColumnDefinition fields kubectl reads: name, type, priority). */
const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export function toTable(
  kind: string,
  objs: KubeObject[],
  clock: VirtualClock,
  includeObject: string,
  resourceVersion: string,
  cont?: string,
): unknown {
  let header: string[];
  let narrow: Set<string>;
  let rows: string[][];
  const computed = computedTable(kind, objs, (o) => since(clock, o.metadata.creationTimestamp));
  if (computed) {
    header = computed[0];
    narrow = new Set(header);
    rows = computed.slice(1);
  } else if (hasTable(kind)) {
    const wide = buildTable(kind, objs, { wide: true, withNamespace: false, showLabels: false, clock });
    narrow = new Set(buildTable(kind, [], { wide: false, withNamespace: false, showLabels: false, clock })[0]);
    header = wide[0];
    rows = wide.slice(1);
  } else {
    header = ['NAME', 'AGE'];
    narrow = new Set(header);
    rows = objs.map((o) => [o.metadata.name ?? '', since(clock, o.metadata.creationTimestamp)]);
  }
  const columnDefinitions = header.map((h, i) => ({
    name: titleCase(h),
    type: 'string',
    format: i === 0 && h === 'NAME' ? 'name' : '',
    description: i === 0 && h === 'NAME' ? NAME_DESCRIPTION : '',
    priority: narrow.has(h) ? 0 : 1,
  }));
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion, ...(cont ? { continue: cont } : {}) },
    columnDefinitions,
    rows: objs.map((o, i) => ({ cells: rows[i], object: rowObject(o, includeObject) })),
  };
}

/** `NOMINATED NODE` → `Nominated Node`, `INTERNAL-IP` → `Internal-IP`: the server's column names (kubectl upper-cases them). */
function titleCase(h: string): string {
  return h
    .toLowerCase()
    .replace(/(^|[ -])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase())
    .replace(/\bIp\b/g, 'IP');
}

function rowObject(o: KubeObject, includeObject: string): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}
