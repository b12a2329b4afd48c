// Every field of the 1.33 OpenAPI schema is accepted by the decoder (decode.ts) for each kind the
// API server serves: the schema is walked from kubernetes-models' type declarations (generated
// from the upstream api/openapi-spec), one object per kind carrying every field at every depth.
// A real API server's strict decoding refuses only fields its Go types lack
// (apimachinery/pkg/runtime/serializer/json: strict decoding error: unknown field).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { decodeObject, renderPath } from '../src/api/decode.ts';
import { KINDS, apiVersionOf } from '../src/api/kinds.ts';

// The kubernetes-models schemas and generated objects are walked field by field, any shape.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Any = any;

const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
const files = KINDS.map((k) => join(modelsDir, k.group || '', k.version, `${k.kind}.d.ts`));
const program = ts.createProgram(files, { strict: true, noEmit: true });
const checker = program.getTypeChecker();

/** A number leaf of the schema: its path, and whether it is an IntOrString (`number | string`). */
interface NumberLeaf {
  path: (string | number)[];
  intOrString: boolean;
}

/** A value of the schema type carrying every field; number leaves are listed in `numbers`. */
function sample(
  type: ts.Type,
  path: string[],
  seen: Set<ts.Type>,
  fields: string[][],
  numbers: NumberLeaf[] = [],
): unknown {
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    // IntOrString is `number | string`: a number decodes as either.
    const num = parts.find((t) => t.flags & ts.TypeFlags.NumberLike);
    if (num && parts.length > 1) {
      numbers.push({ path: leafPath(path), intOrString: true });
      return 1;
    }
    return sample(num ?? parts[0], path, seen, fields, numbers);
  }
  if (type.isStringLiteral()) return type.value;
  if (type.flags & ts.TypeFlags.String) return formatted(path);
  if (type.flags & ts.TypeFlags.NumberLike) {
    numbers.push({ path: leafPath(path), intOrString: false });
    return 1;
  }
  if (type.flags & ts.TypeFlags.BooleanLike) return true;
  if (checker.isArrayType(type))
    return [sample(checker.getTypeArguments(type as ts.TypeReference)[0], [...path, '[]'], seen, fields, numbers)];
  const index = type.getStringIndexType();
  if (index) return { k: sample(index, [...path, '*'], seen, fields, numbers) };
  if (seen.has(type)) return {};
  const obj: Record<string, unknown> = {};
  const inner = new Set(seen).add(type);
  for (const prop of type.getProperties()) {
    const t = checker.getTypeOfSymbol(prop);
    fields.push([...path, prop.name]);
    obj[prop.name] = sample(t, [...path, prop.name], inner, fields, numbers);
  }
  return obj;
}

const leafPath = (path: string[]): (string | number)[] => path.map((p) => (p === '[]' ? 0 : p === '*' ? 'k' : p));

/** Strings of the formats the schema names (quantities, dates, base64), by the field's place. */
function formatted(path: string[]): string {
  const name = path.filter((p) => p !== '[]' && p !== '*').at(-1) ?? '';
  if (/Time(stamp)?$|At$|^time$|Timestamp$/.test(name)) return '2026-01-01T00:00:00Z';
  return '1';
}

function fullObject(info: (typeof KINDS)[number], fields: string[][], numbers: NumberLeaf[] = []): Any {
  const file = program.getSourceFile(join(modelsDir, info.group || '', info.version, `${info.kind}.d.ts`));
  assert.ok(file, `kubernetes-models has no ${info.kind}`);
  const decl = file.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `I${info.kind}`,
  );
  assert.ok(decl, `no interface I${info.kind}`);
  const obj = sample(checker.getTypeAtLocation(decl), [], new Set(), fields, numbers) as Any;
  obj.apiVersion = apiVersionOf(info);
  obj.kind = info.kind;
  return obj;
}

for (const info of KINDS) {
  test(`decode: every schema field of ${info.kind} (${apiVersionOf(info)}) is known to the decoder`, () => {
    const fields: string[][] = [];
    const obj = fullObject(info, fields);
    assert.ok(fields.length > 3);
    const err = decodeObject(obj, info);
    assert.equal(err, undefined, err && `${err.message} (at ${renderPath(err.path)})`);
  });
}

// encoding/json's literalStore refuses an integer its field cannot hold (OverflowInt) and names
// the Go struct field (decode.go addErrorContext); an IntOrString decodes its number through the
// standard library inside UnmarshalJSON, whose error has no struct context.
for (const info of KINDS) {
  test(`decode: 2^31 in any integer field of ${info.kind} is accepted (int64) or refused naming the Go struct field (int32)`, () => {
    const numbers: NumberLeaf[] = [];
    fullObject(info, [], numbers);
    for (const { path, intOrString } of numbers) {
      const obj = fullObject(info, []);
      let at = obj;
      for (const seg of path.slice(0, -1)) at = at[seg];
      at[path.at(-1)!] = 2147483648;
      const err = decodeObject(obj, info);
      if (!err) continue;
      const expected = intOrString
        ? /: json: cannot unmarshal number 2147483648 into Go value of type int32$/
        : /: json: cannot unmarshal number 2147483648 into Go struct field [A-Za-z]+\.[A-Za-z.]+ of type int32$/;
      assert.match(err.message, expected, renderPath(path));
      assert.deepEqual(err.path, path);
    }
  });
}
