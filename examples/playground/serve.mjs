#!/usr/bin/env node
// The browser playground's server: bundles the host page and the app with esbuild (in memory,
// nothing written) and serves them from two DIFFERENT origins, as a portal and an app are:
//   host (the emulated Bitrix24 portal page)  http://127.0.0.1:HOST_PORT/
//   app  (the PAGE_BACKGROUND_WORKER iframe)  http://localhost:APP_PORT/app.html
//   the host probe, as the app instead        http://127.0.0.1:HOST_PORT/?app=probe
// Both bundles use the BUILT package (dist/, `npm run build` first): the app through
// `b24-call-card-rx`, the host's card model through `b24-call-card-rx/testing`.
//
// Usage: node examples/playground/serve.mjs [--host-port N] [--app-port N]   (defaults 8024, 8025)
// As a module: `startPlayground({ hostPort: 0, appPort: 0 })` picks free ports (the browser test).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleProbe } from '../host-probe/build.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const PROBE = join(HERE, '..', 'host-probe');
const DEFAULT_HOST_PORT = 8024;
const DEFAULT_APP_PORT = 8025;
/** Loopback only: the playground is not meant to be reachable from the network. */
const LISTEN_ADDRESS = '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Bundles host.mjs and app.mjs for the browser, in memory.
 *
 * @returns {Promise<Map<string, Uint8Array>>} `host.js`, `host.js.map`, `app.js`, `app.js.map`
 */
export async function bundlePlayground() {
  for (const file of ['dist/index.mjs', 'dist/testing.mjs'])
    if (!existsSync(join(ROOT, file)))
      throw new Error(
        `${file} is missing: run \`npm run build\` first (the playground uses dist/)`,
      );
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { host: join(HERE, 'host.mjs'), app: join(HERE, 'app.mjs') },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'linked',
    // Virtual: with `write: false` nothing lands here; it only names the outputs.
    outdir: join(HERE, 'dist'),
    // Not the repository's tsconfig.json, whose `paths` would map the package to src/: the pages
    // run the built package, as a user's bundle does.
    tsconfigRaw: {},
    logLevel: 'silent',
  });
  return new Map(
    result.outputFiles.map((file) => [
      file.path.slice(join(HERE, 'dist').length + 1),
      file.contents,
    ]),
  );
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LISTEN_ADDRESS, () => {
      server.off('error', reject);
      resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
    });
  });
}

/**
 * A request handler serving exactly `routes` (path -> [content type, body]), 404 otherwise. Any
 * request it cannot read (a target that is no URL path, such as `//[`) gets a 400: the server
 * answers every request and never stops because of one.
 */
function handler(routes, onRequest) {
  return (request, response) => {
    let path;
    try {
      path = new URL(request.url ?? '/', 'http://x').pathname;
    } catch {
      onRequest?.(`${request.method} ${request.headers.host}${request.url} 400`);
      response.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    const route = routes().get(path);
    onRequest?.(`${request.method} ${request.headers.host}${path} ${route ? 200 : 404}`);
    if (!route || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const [type, body] = route;
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Bundles and serves the playground on two origins.
 *
 * @param {{ hostPort?: number, appPort?: number, onRequest?: (line: string) => void }} [options]
 *   ports (0: any free one; default 0) and an optional request logger
 * @returns {Promise<{ hostUrl: string, appUrl: string, probeUrl: string, close: () => Promise<void> }>}
 */
export async function startPlayground({ hostPort = 0, appPort = 0, onRequest } = {}) {
  const [bundles, probe] = await Promise.all([bundlePlayground(), bundleProbe()]);
  const file = (name) => readFileSync(join(HERE, name));
  const asset = (name) => [TYPES[name.slice(name.lastIndexOf('.'))], bundles.get(name)];
  let appUrl = '';
  let probeUrl = '';

  // Each origin serves only its own files: the app cannot be loaded from the host's origin.
  const hostRoutes = new Map([
    ['/', [TYPES['.html'], file('host.html')]],
    ['/host.js', asset('host.js')],
    ['/host.js.map', asset('host.js.map')],
  ]);
  const appRoutes = new Map([
    ['/app.html', [TYPES['.html'], file('app.html')]],
    ['/app.js', asset('app.js')],
    ['/app.js.map', asset('app.js.map')],
    // The host probe (examples/host-probe/), another app for the same host page: `/?app=probe`.
    ['/probe/index.html', [TYPES['.html'], readFileSync(join(PROBE, 'index.html'))]],
    ['/probe/probe.js', [TYPES['.js'], probe]],
  ]);
  const hostServer = createServer(
    handler(
      () =>
        new Map([
          ...hostRoutes,
          ['/config.json', [TYPES['.json'], JSON.stringify({ appUrl, probeUrl })]],
        ]),
      onRequest,
    ),
  );
  const appServer = createServer(handler(() => appRoutes, onRequest));
  const servers = [hostServer, appServer];
  try {
    const boundHost = await listen(hostServer, hostPort);
    const boundApp = await listen(appServer, appPort);
    // Same machine, different host name and port: a different origin for the browser.
    appUrl = `http://localhost:${boundApp}/app.html`;
    probeUrl = `http://localhost:${boundApp}/probe/index.html`;
    return {
      hostUrl: `http://127.0.0.1:${boundHost}/`,
      appUrl,
      probeUrl,
      close: () => closeAll(servers),
    };
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
}

async function closeAll(servers) {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve) => {
          if (!server.listening) return resolve(undefined);
          server.closeAllConnections?.();
          server.close(() => resolve(undefined));
        }),
    ),
  );
}

function readPort(args, name, fallback) {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const port = Number(args[at + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} needs a port number (0-65535), got ${args[at + 1] ?? 'nothing'}`);
  return port;
}

async function cli(args) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(
      'Usage: node examples/playground/serve.mjs [--host-port N] [--app-port N] [--verbose]\n' +
        `Serves the host page on 127.0.0.1 (default port ${DEFAULT_HOST_PORT}) and the app on ` +
        `localhost (default port ${DEFAULT_APP_PORT}). Run \`npm run build\` first.`,
    );
    return;
  }
  const playground = await startPlayground({
    hostPort: readPort(args, '--host-port', DEFAULT_HOST_PORT),
    appPort: readPort(args, '--app-port', DEFAULT_APP_PORT),
    ...(args.includes('--verbose') ? { onRequest: (line) => console.log(line) } : {}),
  });
  console.log(`Browser playground (Ctrl+C to stop)
  host page (emulated Bitrix24 portal): ${playground.hostUrl}
  app iframe (another origin):          ${playground.appUrl}
  lost-first-event mode:                ${playground.hostUrl}?ringOnBind=1
  the host probe as the app:            ${playground.hostUrl}?app=probe
Open the host page, click "Ring (incoming call)", then the card's buttons.`);
  const stop = () => {
    playground.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  cli(process.argv.slice(2)).catch((error) => {
    console.error(`playground: ${error.message}`);
    process.exit(1);
  });
