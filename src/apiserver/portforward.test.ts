import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpAnswer } from './portforward.ts';

test('port-forward to an HTTP server: the default page once the request head is complete (curl waits for it)', () => {
  assert.equal(httpAnswer('nginx:1.27', 80, 'GET / HT', false), undefined);
  assert.equal(httpAnswer('nginx:1.27', 80, 'GET / HTTP/1.1\r\nHost: x\r\n', false), undefined);
  const ok = httpAnswer('nginx:1.27', 80, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', false);
  assert.ok(ok && 'bytes' in ok);
  const text = ok.bytes.toString();
  assert.match(text, /^HTTP\/1\.1 200 OK\r\nContent-Type: text\/html\r\nContent-Length: (\d+)\r\n/);
  assert.match(text, /<title>Welcome to nginx!<\/title>/);
  const head = httpAnswer('httpd', 80, 'HEAD /index.html HTTP/1.0\r\n\r\n', false);
  assert.ok(head && 'bytes' in head);
  assert.ok(head.bytes.toString().endsWith('\r\n\r\n'));
});

test('port-forward: other requests and bytes that are not HTTP say "not supported yet" instead of hanging or guessing', () => {
  assert.deepEqual(httpAnswer('nginx', 80, 'GET /nope HTTP/1.1\r\n', false), {
    error: 'not supported yet: GET /nope to nginx on port 80 (only GET / is modelled)',
  });
  assert.deepEqual(httpAnswer('nginx', 80, 'PING\r\n', false), {
    error: 'not supported yet: data that is not an HTTP/1.x request to nginx on port 80',
  });
  assert.deepEqual(httpAnswer('nginx', 80, '\x16\x03\x01', false), {
    error: 'not supported yet: data that is not an HTTP/1.x request to nginx on port 80',
  });
  // the client ended its side before a request line: not HTTP either
  assert.deepEqual(httpAnswer('nginx', 80, 'GET', true), {
    error: 'not supported yet: data that is not an HTTP/1.x request to nginx on port 80',
  });
});
