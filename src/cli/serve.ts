/**
 * `mandate-lint serve`: the review page (dist/review/index.html, built by `npm run build`) on 127.0.0.1 for a local
 * try. Only the page itself is served: the draft is read and linted in the browser and never sent here. The page
 * also works opened straight from disk (file://); this command is for browsers or policies that make that awkward.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { EXIT_OK, EXIT_USAGE, type CliIO } from './io';

export const SERVE_HELP = `Usage: mandate-lint serve [--port <n>]

Serves the review page on http://127.0.0.1:<port>/ (this computer only) until you stop it with Ctrl+C.
Drop, choose or paste a draft there: it is checked inside the browser and never sent anywhere, not even
to this server. The same page is dist/review/index.html in the package: it also works opened as a file.

Options:
  --port <n>    the port (default: 4173; 0 picks a free one)
  -h, --help    show this help
`;

/** Where the page is: beside the bundled CLI (dist/review/), or in dist/ when run from the sources. */
export function reviewPagePath(): string | undefined {
  return [join(__dirname, 'review', 'index.html'), join(__dirname, '..', '..', 'dist', 'review', 'index.html')].find((p) => existsSync(p));
}

export function runServeCli(argv: string[], io: CliIO, signal?: AbortSignal): Promise<number> {
  let port = 4173;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      io.stdout(SERVE_HELP);
      return Promise.resolve(EXIT_OK);
    }
    const isPort = arg === '--port' || arg.startsWith('--port=');
    const value = arg === '--port' ? argv[++i] : arg.startsWith('--port=') ? arg.slice(7) : undefined;
    if (!isPort) {
      io.stderr(`mandate-lint serve: unknown option "${arg}" (see mandate-lint serve --help)\n`);
      return Promise.resolve(EXIT_USAGE);
    }
    if (value === undefined) {
      io.stderr('mandate-lint serve: --port needs a port number (0-65535)\n');
      return Promise.resolve(EXIT_USAGE);
    }
    if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
      io.stderr(`mandate-lint serve: --port needs a port number (0-65535), not "${value}"\n`);
      return Promise.resolve(EXIT_USAGE);
    }
    port = Number(value);
  }
  const pagePath = reviewPagePath();
  if (!pagePath) {
    io.stderr('mandate-lint serve: the review page is not built (run npm run build)\n');
    return Promise.resolve(EXIT_USAGE);
  }
  const page = readFileSync(pagePath);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page.toString('utf8'))?.[1];

  return new Promise((resolvePromise) => {
    const server = createServer((req, res) => {
      // Only this computer's names: a page elsewhere that points its own host name here (DNS rebinding) is refused.
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden\n');
        return;
      }
      const path = (req.url ?? '/').split('?')[0];
      if ((req.method !== 'GET' && req.method !== 'HEAD') || (path !== '/' && path !== '/index.html')) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: this server has the review page only, at /\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': page.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        ...(csp ? { 'Content-Security-Policy': csp } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : page);
    });
    const stop = () => server.close(() => resolvePromise(EXIT_OK));
    server.on('error', (error: NodeJS.ErrnoException) => {
      io.stderr(`mandate-lint serve: cannot listen on 127.0.0.1:${port} (${error.code === 'EADDRINUSE' ? 'the port is in use; try --port 0' : error.message})\n`);
      resolvePromise(EXIT_USAGE);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      io.stdout(`Mandate Lint review page: http://127.0.0.1:${actual}/\nDrafts are checked in the browser and never sent to this server. Stop with Ctrl+C.\n`);
    });
    signal?.addEventListener('abort', stop, { once: true });
    if (!signal) {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
  });
}
