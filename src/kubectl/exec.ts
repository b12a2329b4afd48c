// `kubectl exec POD [-c C] -- COMMAND [ARGS]`: runs one of the few commands the simulator can
// answer inside a running container (execrun.ts). Anything else is NotSupportedError.
// kubectl's checks (kubectl pkg/cmd/exec/exec.go): a completed pod is refused client-side; `-c` is checked
// by the API server (`Error from server (BadRequest): container x is not valid for pod p`); a
// pod without a node is refused by the API server; a container that is not running by the kubelet
// (`error: unable to upgrade connection: container not found ("app")`). A non-zero exit of the
// command prints `command terminated with exit code N` and kubectl exits with N. `-i` feeds the
// scenario's stdin to a shell (`sh`, `bash`: execshell.ts); this kubectl has no terminal, so `-t`
// is dropped as kubectl drops it (silently without -i, with its notice with -i). serve's exec with
// a real terminal is src/apiserver/exec.ts's.

import { ApiError } from '../store/errors.ts';
import { NotSupportedError, UserError } from '../util/errors.ts';
import { type Command, UsageError } from './flags.ts';
import { defaultContainer, getPodArg, hasContainer } from './podcmd.ts';
import { isShell, ShellSession } from './execshell.ts';
import { type ExecOutput, runInContainer } from './execrun.ts';

const USAGE =
  "expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command";

export const execCommand: Command = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
  ],
  run(ctx) {
    const dash = ctx.args.dashArgs;
    const before = dash ? ctx.args.positional.slice(0, ctx.args.positional.length - dash.length) : ctx.args.positional;
    if (before.length === 0) throw new UsageError(USAGE, ctx.commandPath);
    if (!dash) {
      if (before.length > 1) throw new NotSupportedError('kubectl exec POD COMMAND without "--" (deprecated form)');
      throw new UserError('you must specify at least one command for the container');
    }
    if (before.length > 1) throw new NotSupportedError('kubectl exec with arguments before "--" other than the pod');
    if (dash.length === 0) throw new UserError('you must specify at least one command for the container');
    const pod = getPodArg(ctx, before[0]);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed')
      throw new UserError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    let container = ctx.str('container');
    if (!container) container = ctx.bool('quiet') ? pod.spec.containers[0].name : defaultContainer(ctx, pod, false);
    else if (!hasContainer(pod, container))
      throw new ApiError('BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`, 400);
    if (!pod.spec.nodeName)
      throw new ApiError('BadRequest', `pod ${pod.metadata.name} does not have a host assigned`, 400);
    const inst = ctx.cluster.kubelets.instancesOf(pod, container).at(-1);
    if (!inst || inst.finishedAt !== undefined)
      throw new UserError(`unable to upgrade connection: container not found ("${container}")`);
    // SetupTTY (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go): without -i, -t is dropped silently;
    // with -i, this kubectl's stdin is never a terminal, so -t is dropped with kubectl's notice
    const stdin = ctx.bool('stdin');
    if (stdin && ctx.bool('tty') && !ctx.bool('quiet'))
      ctx.eprint('Unable to use a TTY - input is not a terminal or the right kind of file');
    let out: ExecOutput;
    if (stdin && isShell(dash)) {
      const shell = new ShellSession(ctx.cluster, pod, container, dash, false);
      const fed = shell.input(ctx.opts.stdin ?? '');
      const end = fed.exit === undefined && !fed.error ? shell.end() : { out: '', err: '', exit: fed.exit };
      ctx.printRaw(fed.out + end.out);
      if (fed.err + end.err) ctx.eprint(fed.err + end.err);
      const error = fed.error ?? end.error;
      if (error) throw error;
      out = { stdout: '', code: end.exit! };
    } else out = runInContainer(ctx.cluster, pod, container, dash);
    ctx.printRaw(out.stdout);
    if (out.stderr) ctx.eprint(out.stderr);
    if (out.code !== 0) {
      ctx.eprint(`command terminated with exit code ${out.code}`);
      return out.code;
    }
    return 0;
  },
};
