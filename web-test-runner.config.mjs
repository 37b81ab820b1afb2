// Component tests in a real headless Chromium (Debian's; CHROME_PATH overrides).
// The sandbox API is started once here and its URL handed to the tests, so
// tests can talk to it over real HTTP.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { register } from 'tsx/esm/api';

register();
const { startSandbox } = await import('./sandbox/server.ts');
const sandbox = await startSandbox({ port: 0, quiet: true });

/**
 * `POST /__merchant__/checkout-sessions` creates a session on the sandbox with the
 * secret key, server-side, as a merchant's backend does: the browser never sees it.
 */
async function merchantBackend(context, next) {
  if (context.method !== 'POST' || context.path !== '/__merchant__/checkout-sessions') return next();
  const chunks = [];
  for await (const chunk of context.req) chunks.push(chunk);
  const response = await fetch(`${sandbox.url}/checkout-sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.keys.secretTest}`, 'Content-Type': 'application/json' },
    body: Buffer.concat(chunks).toString() || '{}',
  });
  context.status = response.status;
  context.type = 'application/json';
  context.body = await response.text();
}

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default {
  files: [process.env.WTR_FILES ?? 'test/component/**/*.test.ts'],
  nodeResolve: true,
  middleware: [merchantBackend],
  // One page at a time: a background tab gets no animation frames, and fixtures wait for them.
  concurrency: 1,
  testsFinishTimeout: 180_000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2021' }),
    { name: 'sandbox-shutdown', serverStop: () => sandbox.close() },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
      },
    }),
  ],
  testFramework: { config: { timeout: 10_000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head>
    <script>
      window.process = { env: { NODE_ENV: 'development' } };
      window.__SANDBOX__ = ${JSON.stringify({ url: sandbox.url, publishableKey: sandbox.keys.publishableTest })};
    </script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
