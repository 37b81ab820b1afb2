// Component tests in a real headless Chromium (Debian's; CHROME_PATH overrides).
// The sandbox API is started once here and its URL handed to the tests, so
// tests can talk to it over real HTTP.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { register } from 'tsx/esm/api';

register();
const { startSandbox } = await import('./sandbox/server.ts');
const sandbox = await startSandbox({ port: 0, quiet: true });

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default {
  files: [process.env.WTR_FILES ?? 'test/component/**/*.test.ts'],
  nodeResolve: true,
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
      window.__SANDBOX__ = ${JSON.stringify({ url: sandbox.url, keys: sandbox.keys })};
    </script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
