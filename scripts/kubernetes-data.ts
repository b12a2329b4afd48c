// Generates data/kubernetes/v1.33/protobuf.json, the protobuf schemas serve decodes request bodies
// with (src/apiserver/protobuf.ts), from Kubernetes' own sources at the v1.33.1 release:
//   k8s.io/api v0.33.1            <group>/<version>/generated.proto and types.go
//                                 (staging/src/k8s.io/api in the kubernetes repository)
//   k8s.io/apimachinery v0.33.1   pkg/runtime, pkg/runtime/schema, pkg/apis/meta/v1,
//                                 pkg/api/resource, pkg/util/intstr: generated.proto and types.go
// Usage: node --import tsx scripts/kubernetes-data.ts <git dir of k8s.io/api> <git dir of k8s.io/apimachinery>
// (clones of github.com/kubernetes/api and github.com/kubernetes/apimachinery; the tag v0.33.1 is read).
//
// The schemas are protobufjs' JSON form of the .proto files (field names as written: apiVersion,
// not api_version). Beside them, `emitZero` lists per message the fields whose zero value Go's
// encoding/json writes (a pointer, or a json tag without omitempty): protobuf carries every
// non-pointer scalar, zero or not, so the decoder needs this to give the object the JSON the
// typed client meant (staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf decodes
// into the Go struct; its JSON is then what the API server stores).

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';

const TAG = 'v0.33.1';
const API = ['core/v1', 'apps/v1', 'batch/v1', 'policy/v1', 'scheduling/v1', 'autoscaling/v1'];
const MACHINERY = ['pkg/runtime', 'pkg/runtime/schema', 'pkg/apis/meta/v1', 'pkg/api/resource', 'pkg/util/intstr'];

const [apiRepo, machineryRepo] = process.argv.slice(2);
if (!apiRepo || !machineryRepo) {
  process.stderr.write('usage: kubernetes-data.ts <k8s.io/api git dir> <k8s.io/apimachinery git dir>\n');
  process.exit(2);
}

const show = (repo: string, path: string): string => {
  try {
    return execFileSync('git', ['-C', repo, 'show', `${TAG}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch {
    return '';
  }
};
const goFiles = (repo: string, dir: string): string[] =>
  execFileSync('git', ['-C', repo, 'ls-tree', '--name-only', TAG, `${dir}/`], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\/[a-z_]+\.go$/.test(f) && !f.endsWith('_test.go') && !f.includes('zz_generated'));

const root = new protobuf.Root();
const emitZero: Record<string, string[]> = {};

function load(repo: string, dir: string, goPackage: string): void {
  const proto = show(repo, `${dir}/generated.proto`);
  if (!proto) throw new Error(`${dir}/generated.proto not found at ${TAG}`);
  const parsed = protobuf.parse(proto, root, { keepCase: true, alternateCommentMode: false });
  // Go struct fields: `Name Type \`json:"x,omitempty" protobuf:"bytes,1,opt,name=x"\``
  for (const f of goFiles(repo, dir)) {
    let message = '';
    for (const line of show(repo, f).split('\n')) {
      const t = /^type (\w+) struct \{/.exec(line);
      if (t) message = t[1];
      if (/^\}/.test(line)) message = '';
      const m = /^\t(\w+)\s+(\S+)\s+`json:"([^"]*)"[^`]*protobuf:"[^"]*name=(\w+)/.exec(line);
      if (!m || !message) continue;
      const [, , goType, jsonTag, protoName] = m;
      const omitempty = jsonTag.split(',').includes('omitempty');
      const pointer = goType.startsWith('*');
      if (pointer || !omitempty) (emitZero[`${parsed.package}.${message}`] ??= []).push(protoName);
    }
  }
  void goPackage;
}

for (const d of MACHINERY) load(machineryRepo, d, `k8s.io/apimachinery/${d}`);
for (const d of API) load(apiRepo, d, `k8s.io/api/${d}`);
root.resolveAll();

const out = join(__dirname, '..', 'data', 'kubernetes', 'v1.33');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'protobuf.json'),
  `${JSON.stringify({
    source: `k8s.io/api ${TAG} (${API.map((d) => `${d}/generated.proto`).join(', ')}), k8s.io/apimachinery ${TAG} (${MACHINERY.map((d) => `${d}/generated.proto`).join(', ')}); emitZero from their types.go`,
    emitZero,
    schema: root.toJSON({ keepComments: false }),
  })}\n`,
);
process.stdout.write(`wrote ${join(out, 'protobuf.json')}\n`);
