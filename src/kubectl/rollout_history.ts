// `kubectl rollout history TYPE NAME | TYPE/NAME [--revision N] [-o ...]` and
// `kubectl rollout undo TYPE NAME | TYPE/NAME [--to-revision N] [--dry-run] [-o ...]`
// (staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_history.go, rollout_undo.go and
// polymorphichelpers/history.go, rollback.go) for Deployments: their history is the ReplicaSets
// they own, by the deployment.kubernetes.io/revision annotation the Deployment controller writes,
// each with its kubernetes.io/change-cause. Undo patches the Deployment back to a revision's pod
// template (without pod-template-hash) and that revision's annotations, which the controller
// then rolls out as a new revision. `history --revision=N` and `undo --dry-run=client` print the
// revision's pod template as describe's DescribePodTemplate writes it into a plain buffer
// (printTemplate: tabs are not aligned), after the name and `with revision #N` or before
// ` (dry run)`. StatefulSets and DaemonSets keep their history in the ControllerRevisions they
// control (controlledHistory: the selector's revisions in the namespace), by `revision`; history
// shows each revision's template (applyStatefulSetHistory / applyDaemonSetHistory: the revision's
// patch applied to the object) and `-o` prints the object with that template. Undo takes the
// second newest revision (findHistory) or --to-revision's, says `will roll back to <template>` on
// --dry-run=client, skips when the template's patch already equals the revision's (Match), else
// patches the object with the revision's data (its template replaced), which its controller rolls
// out: `rolled back`.

import { goTyped } from '../api/gotyped.ts';
import { matchesLabelSelector } from '../api/selectors.ts';
import type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  KubeObject,
  PodTemplateSpec,
  ReplicaSet,
  StatefulSet,
} from '../api/types.ts';
import { controllerRef } from '../controllers/common.ts';
import { byRevision, revisionRaw, revisionTemplate, templatePatch } from '../controllers/history.ts';
import { deepEqual } from '../util/diff.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import type { Command, Ctx } from './flags.ts';
import { toTypedJson } from './gojson.ts';
import { selectObjects } from './label.ts';
import { checkOutputFormat, objectPrinter, shownFields } from './output.ts';
import { describePodTemplate } from './describe/containers.ts';
import { PrefixWriter } from './describe/writer.ts';
import { nameLine } from './printers.ts';
import { printResult, reportErrors } from './resources.ts';
import { DRY_RUN_FLAG, dryRunStrategy, dryRunSuffix } from './run.ts';
import { tabwrite } from './tabwriter.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const POD_TEMPLATE_HASH = 'pod-template-hash';
/** annotationsToSkip of rollback.go: the Deployment keeps its own values of these. */
const ANNOTATIONS_TO_SKIP = [
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

/** The revision of a ReplicaSet (deploymentutil.Revision), or undefined when it has none that parses. */
function revisionOf(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[REVISION];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** The ReplicaSets a Deployment controls, by revision (the last one wins a tie, as the map in history.go). */
function history(ctx: Ctx, d: Deployment): Map<number, ReplicaSet> {
  const out = new Map<number, ReplicaSet>();
  for (const rs of ctx.cluster.store.list<ReplicaSet>('ReplicaSet', d.metadata.namespace)) {
    if (controllerRef(rs)?.uid !== d.metadata.uid) continue;
    const v = revisionOf(rs);
    if (v !== undefined) out.set(v, rs);
  }
  return new Map([...out].sort(([a], [b]) => a - b));
}

/**
 * A ReplicaSet as the typed client kubectl's history viewer reads it: decoded into the Go struct
 * and encoded again, so omitempty counters that are 0 disappear and the template's zero
 * creationTimestamp reads null (apps/v1 ReplicaSetSpec, ReplicaSetStatus; metav1.Time).
 */
function typedReplicaSet(rs: ReplicaSet): ReplicaSet {
  const out = structuredClone(rs) as ReplicaSet & {
    spec: { minReadySeconds?: number };
    status?: Record<string, unknown>;
  };
  if (out.spec.minReadySeconds === 0) delete out.spec.minReadySeconds;
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'])
    if (out.status?.[k] === 0) delete out.status[k];
  out.spec.template.metadata = {
    creationTimestamp: null,
    ...out.spec.template.metadata,
  } as PodTemplateSpec['metadata'];
  return out;
}

type Workload = Deployment | StatefulSet | DaemonSet;

/**
 * HistoryViewerFor / RollbackerFor (`what`: history, rollbacker): Deployments, StatefulSets and
 * DaemonSets; anything else has no visitor.
 */
function workloadOf(obj: KubeObject, what: string): Workload {
  if (obj.kind === 'Deployment' || obj.kind === 'StatefulSet' || obj.kind === 'DaemonSet') return obj as Workload;
  throw new UserError(`error retrieving ${what} for "${obj.kind}", no visitor method exists for { ${obj.kind}}`);
}

/** controlledHistory: the ControllerRevisions in the namespace the selector matches that `owner` controls, in list order. */
function controlledHistory(ctx: Ctx, owner: StatefulSet | DaemonSet): ControllerRevision[] {
  return ctx.cluster.store
    .list<ControllerRevision>('ControllerRevision', owner.metadata.namespace)
    .filter(
      (r) =>
        controllerRef(r)?.uid === owner.metadata.uid && matchesLabelSelector(owner.spec.selector, r.metadata.labels),
    );
}

/** One revision of a workload's history: its pod template, its change-cause, and what `-o` prints of it. */
interface HistoryEntry {
  template: PodTemplateSpec;
  changeCause?: string;
  object: () => KubeObject;
}

/** The workload with a revision's template (applyStatefulSetHistory / applyDaemonSetHistory), as its typed struct. */
function appliedRevision(w: StatefulSet | DaemonSet, r: ControllerRevision): KubeObject {
  const applied = { ...w, spec: { ...w.spec, template: revisionTemplate(r) } };
  const type = `k8s.io.api.apps.v1.${w.kind}`;
  return goTyped(type, applied as unknown as Record<string, unknown>) as unknown as KubeObject;
}

/** The history of a workload by revision (a later entry wins a tie, as the maps of history.go). */
function historyOf(ctx: Ctx, w: Workload): Map<number, HistoryEntry> {
  const out = new Map<number, HistoryEntry>();
  if (w.kind === 'Deployment') {
    for (const [v, rs] of history(ctx, w)) {
      // DeploymentHistoryViewer: the template carries its ReplicaSet's change-cause among its annotations
      const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE];
      const template = structuredClone(rs.spec.template);
      if (changeCause)
        template.metadata = {
          ...template.metadata,
          annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE]: changeCause },
        };
      out.set(v, { template, changeCause, object: () => typedReplicaSet(rs) });
    }
  } else {
    for (const r of controlledHistory(ctx, w)) {
      const template = revisionTemplate(r);
      if (!template) throw new UserError(`unable to parse history ${r.metadata.name}`);
      out.set(r.revision, {
        template,
        changeCause: r.metadata.annotations?.[CHANGE_CAUSE],
        object: () => appliedRevision(w, r),
      });
    }
  }
  return new Map([...out].sort(([a], [b]) => a - b));
}

export const rolloutHistoryCommand: Command = {
  name: 'history',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
  ],
  run(ctx) {
    if (ctx.flag<string[]>('filename').length) throw new NotSupportedError('kubectl rollout history -f');
    const output = ctx.str('output');
    checkOutputFormat(output);
    const revision = ctx.flag<number>('revision');
    if (revision < 0) throw new UserError(`revision must be a positive integer: ${revision}`);
    return visitRolloutObjects(ctx, (obj) => {
      const w = workloadOf(obj, 'history');
      const revisions = historyOf(ctx, w);
      if (output) {
        const shown = revision > 0 ? [revisions.get(revision)] : [...revisions.values()];
        if (shown[0] === undefined && revision > 0) throw new UserError('unable to find the specified revision');
        // the objects of a typed client: -o json in Go's field order
        const printer =
          output === 'json' ? { print: (o: object) => toTypedJson(shownFields(ctx, o)) } : objectPrinter(ctx, output);
        // the YAML printer separates the objects it prints with `---`
        shown.forEach((e, i) =>
          ctx.printRaw(`${i > 0 && output === 'yaml' ? '---\n' : ''}${printer.print(e!.object())}`),
        );
        return;
      }
      ctx.printRaw(
        `${nameLine(w, `${revision > 0 ? `with revision #${revision}` : ''}\n${viewHistory(revisions, revision)}`)}\n`,
      );
    });
  },
};

/** ViewHistory / printHistory: the revision's template, or the table of revisions and change-causes. */
function viewHistory(revisions: Map<number, HistoryEntry>, revision: number): string {
  if (revisions.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const e = revisions.get(revision);
    if (!e) throw new UserError('unable to find the specified revision');
    return printTemplate(e.template);
  }
  const rows = ['REVISION\tCHANGE-CAUSE', ...[...revisions].map(([v, e]) => `${v}\t${e.changeCause || '<none>'}`)];
  return tabwrite(`${rows.join('\n')}\n`, { minwidth: 0, tabwidth: 8, padding: 2 });
}

/**
 * What the rollout subcommands share: the resources named (a bare type means all of them), each
 * visited in turn, the errors reported at the end as CheckErr prints them.
 */
export function visitRolloutObjects(ctx: Ctx, visit: (obj: KubeObject) => void): number {
  if (ctx.args.positional.length === 0) throw new UserError('required resource not specified');
  const objs = selectObjects(ctx, ctx.args.positional, true);
  if (!objs) return 0;
  const errors: Error[] = [];
  for (const obj of objs) {
    try {
      visit(obj);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      errors.push(e);
    }
  }
  reportErrors(ctx, errors);
  return errors.length ? 1 : 0;
}

/** printTemplate (polymorphichelpers/history.go): DescribePodTemplate into a plain buffer. */
function printTemplate(template: PodTemplateSpec): string {
  const w = new PrefixWriter();
  describePodTemplate(w, template);
  return w.raw();
}

/** The pod template without the pod-template-hash label (equalIgnoreHash's view). */
function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(t);
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
  }
  return copy;
}

/** deploymentRevision: the ReplicaSet of `toRevision`, or (0) the one before the newest. */
function rollbackTarget(ctx: Ctx, d: Deployment, toRevision: number): ReplicaSet {
  const revisions = history(ctx, d);
  if (toRevision > 0) {
    const rs = revisions.get(toRevision);
    if (!rs) throw new UserError(`unable to find specified revision ${toRevision} in history`);
    return rs;
  }
  const sorted = [...revisions.values()];
  if (sorted.length < 2)
    throw new UserError(`no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
  return sorted[sorted.length - 2];
}

export const rolloutUndoCommand: Command = {
  name: 'undo',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'to-revision', type: 'int', default: 0 },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool' },
    DRY_RUN_FLAG,
    { name: 'filename', short: 'f', type: 'array' },
  ],
  run(ctx) {
    if (ctx.flag<string[]>('filename').length) throw new NotSupportedError('kubectl rollout undo -f');
    const output = ctx.str('output');
    checkOutputFormat(output);
    const dryRun = dryRunStrategy(ctx);
    const toRevision = ctx.flag<number>('to-revision');
    return visitRolloutObjects(ctx, (obj) => {
      const w = workloadOf(obj, 'rollbacker');
      if (toRevision < 0) throw new UserError(`unable to find specified revision ${toRevision} in history`);
      if (w.kind !== 'Deployment') {
        rollbackRevision(ctx, w, toRevision, dryRun);
        return;
      }
      const d = w;
      const target = rollbackTarget(ctx, d, toRevision);
      if (dryRun === 'client') {
        printResult(ctx, d, `${printTemplate(target.spec.template)}${dryRunSuffix(dryRun)}`);
        return;
      }
      if (d.spec.paused)
        throw new UserError(
          "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
        );
      const template = withoutHash(target.spec.template);
      if (deepEqual(template, withoutHash(d.spec.template))) {
        printResult(
          ctx,
          d,
          `skipped rollback (current template already matches revision ${revisionOf(target)})${dryRunSuffix(dryRun)}`,
        );
        return;
      }
      const annotations: Record<string, string> = {};
      for (const k of ANNOTATIONS_TO_SKIP) {
        const v = d.metadata.annotations?.[k];
        if (v !== undefined) annotations[k] = v;
      }
      for (const [k, v] of Object.entries(target.metadata.annotations ?? {}))
        if (!ANNOTATIONS_TO_SKIP.includes(k)) annotations[k] = v;
      // the JSON patch replacing /spec/template and /metadata/annotations
      const next: Deployment = {
        ...d,
        metadata: { ...d.metadata, annotations, resourceVersion: undefined },
        spec: { ...d.spec, template },
      };
      if (dryRun === 'server') ctx.cluster.api.prepareUpdate(next);
      else ctx.cluster.api.update(next);
      printResult(ctx, d, `rolled back${dryRunSuffix(dryRun)}`);
    });
  },
};

/**
 * StatefulSetRollbacker / DaemonSetRollbacker: findHistory's revision (--to-revision's, or the
 * second newest), its template on --dry-run=client, skipped when the object's patch is the
 * revision's (statefulsetMatch / daemonSetMatch), else the object patched with the revision's data.
 */
function rollbackRevision(
  ctx: Ctx,
  w: StatefulSet | DaemonSet,
  toRevision: number,
  dryRun: ReturnType<typeof dryRunStrategy>,
): void {
  const history = controlledHistory(ctx, w);
  if (toRevision === 0 && history.length <= 1) throw new UserError('no last revision to roll back to');
  const target =
    toRevision === 0
      ? [...history].sort(byRevision)[history.length - 2]
      : history.find((r) => r.revision === toRevision);
  if (!target) throw new UserError(`unable to find specified revision ${toRevision} in history`);
  const template = revisionTemplate(target);
  if (!template) throw new UserError(`unable to parse history ${target.metadata.name}`);
  if (dryRun === 'client') {
    printResult(ctx, w, `will roll back to ${printTemplate(template)}${dryRunSuffix(dryRun)}`);
    return;
  }
  if (templatePatch(w.spec.template).raw === revisionRaw(target)) {
    printResult(
      ctx,
      w,
      `skipped rollback (current template already matches revision ${toRevision})${dryRunSuffix(dryRun)}`,
    );
    return;
  }
  // the strategic merge patch {"spec":{"template":{"$patch":"replace",…}}}: the template replaced
  const { creationTimestamp: _, ...metadata } = (template.metadata ?? {}) as Record<string, unknown>;
  const next = {
    ...w,
    metadata: { ...w.metadata, resourceVersion: undefined },
    spec: { ...w.spec, template: { ...template, metadata } },
  } as StatefulSet | DaemonSet;
  if (dryRun === 'server') ctx.cluster.api.prepareUpdate(next);
  else ctx.cluster.api.update(next);
  printResult(ctx, w, `rolled back${dryRunSuffix(dryRun)}`);
}
