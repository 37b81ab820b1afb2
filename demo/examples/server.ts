/**
 * Serves the built examples (demo/examples/dist/, `npm run examples`) on a plain static server.
 * The examples point `api-base` at the sandbox's default URL; a sandbox on another port (the
 * tests pick free ports) is swapped in as the files are served.
 *
 * `npm run examples:serve` starts the sandbox API on its default port and the examples on
 * http://localhost:4100.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `api-base` written in the examples: `npm run sandbox`'s URL. */
export const EXAMPLES_SANDBOX_URL = 'http://127.0.0.1:4010';

const distDir = fileURLToPath(new URL('./dist/', import.meta.url));
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

export interface RunningExamples {
  url: string;
  close(): Promise<void>;
}

export async function serveExamples(options: { port?: number; sandboxUrl?: string } = {}): Promise<RunningExamples> {
  const sandboxUrl = (options.sandboxUrl ?? EXAMPLES_SANDBOX_URL).replace(/\/$/, '');
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://examples.invalid').pathname);
    if (pathname === '/favicon.ico') return response.writeHead(204).end();
    const file = normalize(join(distDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    if (!file.startsWith(distDir)) return response.writeHead(403).end();
    try {
      const body = await readFile(file);
      const type = types[extname(file)] ?? 'application/octet-stream';
      // CDN files are served byte for byte: their integrity is checked by the browser.
      const text = file.includes('/cdn/') ? body : Buffer.from(body.toString('utf8').replaceAll(EXAMPLES_SANDBOX_URL, sandboxUrl));
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(type.startsWith('text/') ? text : body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found (did you run `npm run examples`?)');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, 'localhost', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startSandbox } = await import('../../sandbox/server.ts');
  const sandbox = await startSandbox({ port: Number(new URL(EXAMPLES_SANDBOX_URL).port), quiet: true });
  const examples = await serveExamples({ port: 4100, sandboxUrl: sandbox.url });
  console.log(`sandbox API  ${sandbox.url}\nexamples     ${examples.url}/`);
}
