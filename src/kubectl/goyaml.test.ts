import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goYamlKeyLess, resolvesToNonString, toGoYaml } from './goyaml.ts';

// A ConfigMap of strings that need each of go-yaml's styles. GOLDEN is what kubectl 1.33.1 printed
// for it (`kubectl get cm tricky -o yaml` against a read-only stub server serving this object;
// the server-set metadata left out).
const DOC = {
  data: {
    empty: '',
    t: 'true',
    y: 'y',
    yes: 'yes',
    on: 'on',
    num: '80',
    oct: '0755',
    e: '08',
    f: '1.5',
    exp: '1e3',
    hex: '0x1F',
    neg: '-1',
    ts: '2026-01-01T00:00:14Z',
    date: '2026-01-01',
    baddate: '2026-13-01',
    b60: '1:20',
    colon: 'a: b',
    colonend: 'a:',
    hash: 'a #b',
    hash2: 'a#b',
    lead: ' x',
    trail: 'x ',
    dash: '-',
    dashx: '-x',
    dashsp: '- x',
    star: '*x',
    bang: '!x',
    pct: '%x',
    at: '@x',
    bt: '`x',
    q: "'x",
    dq: '"x',
    brack: '[x]',
    inbrack: 'x [y]',
    brace: '{x}',
    comma: 'x,y',
    qm: '?x',
    qmsp: '? x',
    multi: 'line1\nline2\n',
    multi2: 'line1\nline2',
    multi3: 'a\n\nb\n\n',
    tab: 'a\tb',
    uni: 'héllo',
    long: 'aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa',
    trailnl: 'x \ny',
    docstart: '--- x',
    dots: '...',
    null: 'null',
    tilde: '~',
    tilde2: '~x',
    merge: '<<',
    dot: '.5',
    dotx: '.x',
    plus: '+',
    plus1: '+1',
    under: '1_000',
    ctrl: 'a\u0001b',
    nbsp: 'a b',
    leadnl: '\nx',
    sq: "it's: x",
    '80': 'numkey',
    true: 'boolkey',
    '1.5': 'fkey',
    x_y: 'u',
    xY: 'v',
    x0: '0',
    x00: '00',
    longq:
      'x: bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb',
    longdq:
      '\tbbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb',
    longsp:
      'cccccccccc cccccccccc cccccccccc cccccccccc cccccccccc cccccccccc cccccccccc cccccccccc   two  spaces  here  and  more  text  to  pass  the  width',
    longdqsp:
      '\tdddddddddd dddddddddd dddddddddd dddddddddd dddddddddd dddddddddd dddddddddd dddddddddd   two  spaces x y',
    lit: '  indented\nnext',
    litsp: 'trailing \nx',
    litplus: 'a\n\n\n',
    unicodelong: 'éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé éééééééééééééééééééé x',
  },
  kind: 'ConfigMap',
  metadata: {
    labels: { a10: 'x', a9: 'y', aB: 'z', a_b: 'w', 'a-b': '1', 'a.b': '2', A: '3', a01: '4', a1: '5', a001: '6' },
    name: 'tricky',
  },
};
const GOLDEN =
  'data:\n  "1.5": fkey\n  "80": numkey\n  at: \'@x\'\n  b60: "1:20"\n  baddate: 2026-13-01\n  bang: \'!x\'\n  brace: \'{x}\'\n  brack: \'[x]\'\n  bt: \'`x\'\n  colon: \'a: b\'\n  colonend: \'a:\'\n  comma: x,y\n  ctrl: "a\\x01b"\n  dash: \'-\'\n  dashsp: \'- x\'\n  dashx: -x\n  date: "2026-01-01"\n  docstart: \'--- x\'\n  dot: ".5"\n  dots: \'...\'\n  dotx: .x\n  dq: \'"x\'\n  e: "08"\n  empty: ""\n  exp: "1e3"\n  f: "1.5"\n  hash: \'a #b\'\n  hash2: a#b\n  hex: "0x1F"\n  inbrack: x [y]\n  lead: \' x\'\n  leadnl: |2-\n\n    x\n  lit: |2-\n      indented\n    next\n  litplus: |+\n    a\n\n\n  litsp: "trailing \\nx"\n  long: aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa\n    aaaaaaaaaa aaaaaaaaaa\n  longdq: "\\tbbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb\n    bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb"\n  longdqsp: "\\tdddddddddd dddddddddd dddddddddd dddddddddd dddddddddd dddddddddd dddddddddd\n    dddddddddd   two  spaces x y"\n  longq: \'x: bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb\n    bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb\'\n  longsp: cccccccccc cccccccccc cccccccccc cccccccccc cccccccccc cccccccccc cccccccccc\n    cccccccccc   two  spaces  here  and  more  text  to  pass  the  width\n  merge: <<\n  multi: |\n    line1\n    line2\n  multi2: |-\n    line1\n    line2\n  multi3: |+\n    a\n\n    b\n\n  nbsp: a b\n  neg: "-1"\n  "null": "null"\n  num: "80"\n  oct: "0755"\n  "on": "on"\n  pct: \'%x\'\n  plus: +\n  plus1: "+1"\n  q: \'\'\'x\'\n  qm: ?x\n  qmsp: \'? x\'\n  sq: \'it\'\'s: x\'\n  star: \'*x\'\n  t: "true"\n  tab: "a\\tb"\n  tilde: "~"\n  tilde2: ~x\n  trail: \'x \'\n  trailnl: "x \\ny"\n  "true": boolkey\n  ts: "2026-01-01T00:00:14Z"\n  under: "1_000"\n  uni: héllo\n  unicodelong: éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\n    éééééééééééééééééééé x\n  x_y: u\n  x0: "0"\n  x00: "00"\n  xY: v\n  "y": "y"\n  "yes": "yes"\nkind: ConfigMap\nmetadata:\n  labels:\n    A: "3"\n    a-b: "1"\n    a.b: "2"\n    a_b: w\n    a1: "5"\n    a01: "4"\n    a001: "6"\n    a9: "y"\n    a10: x\n    aB: z\n  name: tricky\n';

test('-o yaml: go-yaml v2 styles as kubectl 1.33 prints them (double quotes for other types, single quotes for indicators, literal blocks, folding past column 80, key order)', () => {
  assert.equal(toGoYaml({ apiVersion: 'v1', ...DOC }), 'apiVersion: v1\n' + GOLDEN);
});

test("-o yaml: sequences of long and multi-line strings (a pod's args), as kubectl 1.33.1 printed them", () => {
  const long = Array(12).fill('bbbbbbbbb').join(' ');
  const y = toGoYaml({
    args: [
      'sh',
      '-c',
      'echo start; while true; do echo running a fairly long command line here; sleep 5; done # comment',
      'line1\nline2',
      long,
    ],
  });
  assert.equal(
    y,
    [
      'args:',
      '- sh',
      '- -c',
      "- 'echo start; while true; do echo running a fairly long command line here; sleep",
      "  5; done # comment'",
      '- |-',
      '  line1',
      '  line2',
      '- bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb',
      '  bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb',
      '',
    ].join('\n'),
  );
});

test("-o yaml: go-yaml's key order compares digit runs as numbers and puts non-letters before letters (sorted.go keyList)", () => {
  const keys = ['a10', 'a9', 'aB', 'a_b', 'a-b', 'a.b', 'A', 'a01', 'a1', 'a001'];
  // The order kubectl 1.33.1 printed these labels in.
  assert.deepEqual(
    [...keys].sort((x, y) => (goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0)),
    ['A', 'a-b', 'a.b', 'a_b', 'a1', 'a01', 'a001', 'a9', 'a10', 'aB'],
  );
});

test('-o yaml: strings that read back as another type (resolve.go) are quoted', () => {
  for (const s of [
    '',
    'true',
    'Yes',
    'off',
    '~',
    'null',
    '80',
    '0755',
    '08',
    '1e3',
    '0x1F',
    '-1',
    '.5',
    '1_000',
    '+1',
    '1:20',
    '2026-01-01',
    '2026-01-01T00:00:14Z',
  ])
    assert.ok(resolvesToNonString(s), s);
  for (const s of ['nginx', '2026-13-01', '.x', '+', '<<', '-x', 'x_y']) assert.ok(!resolvesToNonString(s), s);
});

test('-o yaml: a multi-line value (the PEM of kube-root-ca.crt) is a string and a literal block', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIBODCB66AD\n-----END CERTIFICATE-----\n';
  assert.ok(!resolvesToNonString(pem));
  assert.ok(!resolvesToNonString('12\n34'));
  assert.equal(
    toGoYaml({ data: { 'ca.crt': pem } }),
    'data:\n  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIBODCB66AD\n    -----END CERTIFICATE-----\n',
  );
});
