import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// The playground's server, started as `npm run playground` starts it (in a child process that
// loads examples/playground/serve.mjs), then fed raw requests no browser would send.
const root = resolve(__dirname, '../..');

const PROBE = `
import { connect } from 'node:net';
import { startPlayground } from './examples/playground/serve.mjs';

const raw = (port, text) =>
  new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('end', () => done(reply.split('\\r\\n')[0]));
    socket.on('error', fail);
    socket.end(text);
  });

const playground = await startPlayground();
const port = Number(new URL(playground.hostUrl).port);
const lines = [];
for (const target of ['//[', 'http://[::1', '/%', '*', '/'])
  lines.push(target + ' -> ' + (await raw(port, 'GET ' + target + ' HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n')));
await playground.close();
console.log(JSON.stringify(lines));
`;

describe('the playground server', () => {
  it('answers every request, also targets that are no URL path, and keeps serving', () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      '//[ -> HTTP/1.1 400 Bad Request',
      'http://[::1 -> HTTP/1.1 400 Bad Request',
      '/% -> HTTP/1.1 404 Not Found',
      '* -> HTTP/1.1 404 Not Found',
      '/ -> HTTP/1.1 200 OK',
    ]);
  });
});
