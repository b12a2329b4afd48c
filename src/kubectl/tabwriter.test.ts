import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESCRIBE_TABWRITER, formatTable, GET_TABWRITER, tabwrite } from './tabwriter.ts';

test('kubectl tabwriter (get): columns are max(6, longest cell + 3) wide and the last column is not padded', () => {
  const out = formatTable([
    ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    ['web-7d4b9c8f5d-2xkqp', '1/1', 'Running', '0', '3m12s'],
    ['crasher', '0/1', 'CrashLoopBackOff', '5 (72s ago)', '6m'],
  ]);
  assert.equal(
    out,
    'NAME                   READY   STATUS             RESTARTS      AGE\n' +
      'web-7d4b9c8f5d-2xkqp   1/1     Running            0             3m12s\n' +
      'crasher                0/1     CrashLoopBackOff   5 (72s ago)   6m\n',
  );
});

test('kubectl tabwriter (get): a -o wide pod table', () => {
  const out = formatTable(
    [
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
      ['nginx', '1/1', 'Running', '0', '45s', '172.16.196.129', 'node01', '<none>', '<none>'],
      ['pending-pod', '0/1', 'Pending', '0', '8s', '<none>', '<none>', '<none>', '<none>'],
    ],
    GET_TABWRITER,
  );
  assert.equal(
    out,
    'NAME          READY   STATUS    RESTARTS   AGE   IP               NODE     NOMINATED NODE   READINESS GATES\n' +
      'nginx         1/1     Running   0          45s   172.16.196.129   node01   <none>           <none>\n' +
      'pending-pod   0/1     Pending   0          8s    <none>           <none>   <none>           <none>\n',
  );
});

test('kubectl tabwriter (get): minwidth 6 pads short columns', () => {
  assert.equal(
    formatTable([
      ['A', 'B'],
      ['x', 'y'],
    ]),
    'A     B\nx     y\n',
  );
});

test('kubectl tabwriter (describe): the header block aligns at Service Account: + 2 and a line without a tab ends the block', () => {
  const text =
    'Name:\tnginx\nNamespace:\tdefault\nService Account:\tdefault\nIP:\t10.0.0.1\nIPs:\n  IP:\t10.0.0.1\nContainers:\n';
  assert.equal(
    tabwrite(text, DESCRIBE_TABWRITER),
    'Name:             nginx\nNamespace:        default\nService Account:  default\nIP:               10.0.0.1\nIPs:\n  IP:  10.0.0.1\nContainers:\n',
  );
});

test('kubectl tabwriter (describe): a Priority Class Name: line widens the block to 22', () => {
  const out = tabwrite('Name:\tx\nPriority Class Name:\thigh\n', DESCRIBE_TABWRITER);
  assert.equal(out, 'Name:                 x\nPriority Class Name:  high\n');
});

test('kubectl tabwriter: empty cells are padded, trailing text after the last tab is kept as is', () => {
  assert.equal(tabwrite('a\t\tb\nccc\t\td \n', DESCRIBE_TABWRITER), 'a      b\nccc    d \n');
});
