// Text mutations of YAML files for the fuzz and differential tests (fast-check): lines deleted,
// duplicated, re-indented, values swapped for odd scalars, single characters replaced, text truncated.

import fc from 'fast-check';

export const ODD_VALUES = [
  '',
  '-1',
  '0',
  'null',
  '~',
  '[]',
  '{}',
  'true',
  'no',
  '1e400',
  '"x"',
  '0x10',
  '.inf',
  '.nan',
  'Gi',
  '99999999999999999999',
  '"2"',
  '- a',
  '&a x',
  '*a',
  '!!str 5',
  '"\\u0000"',
  "'",
  '|',
  '>-',
  'a: b',
];
export const ODD_CHARS = [
  ':',
  '-',
  ' ',
  '\t',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  '&',
  '*',
  '!',
  '#',
  '|',
  '>',
  '%',
  '@',
  '`',
  ',',
  '?',
  '\n',
  '0',
  'x',
  'Z',
];

export type Mutation = (text: string) => string;
const lineMutation =
  (f: (lines: string[], i: number) => void) =>
  (i: number): Mutation =>
  (text) => {
    const lines = text.split('\n');
    f(lines, i % lines.length);
    return lines.join('\n');
  };
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map(
    lineMutation((l, i) => {
      l.splice(i, 1);
    }),
  ),
  fc.nat().map(
    lineMutation((l, i) => {
      l.splice(i, 0, l[i]);
    }),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: -3, max: 3 })).map(([i, d]) =>
    lineMutation((l, j) => {
      l[j] = d < 0 ? l[j].slice(-d) : ' '.repeat(d) + l[j];
    })(i),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...ODD_VALUES)).map(([i, v]) =>
    lineMutation((l, j) => {
      l[j] = l[j].replace(/: .*$/, `: ${v}`);
    })(i),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...ODD_CHARS)).map(
    ([i, ch]): Mutation =>
      (t) => {
        const at = i % (t.length || 1);
        return t.slice(0, at) + ch + t.slice(at + 1);
      },
  ),
  fc.nat().map(
    (i): Mutation =>
      (t) =>
        t.slice(0, i % (t.length + 1)),
  ),
);
