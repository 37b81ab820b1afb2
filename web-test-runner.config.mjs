// Component tests in real headless Chromium and Firefox (Debian's chromium and firefox-esr;
// CHROME_PATH and FIREFOX_PATH override, WTR_BROWSERS=chromium or firefox runs one).
// The sandbox API is started once per browser here and its URL handed to the tests, so
// tests can talk to it over real HTTP (the browsers run at the same time, and a test's
// injected faults or payments must not reach the other browser's tests).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { register } from 'tsx/esm/api';

register();
const { startSandbox } = await import('./sandbox/server.ts');
const sandboxes = { chromium: await startSandbox({ port: 0, quiet: true }), firefox: await startSandbox({ port: 0, quiet: true }) };
const sandboxFor = (userAgent = '') => (userAgent.includes(' Firefox/') ? sandboxes.firefox : sandboxes.chromium);

/**
 * `POST /__merchant__/checkout-sessions` creates a session on the sandbox with the
 * secret key, server-side, as a merchant's backend does: the browser never sees it.
 */
async function merchantBackend(context, next) {
  if (context.method !== 'POST' || context.path !== '/__merchant__/checkout-sessions') return next();
  const chunks = [];
  for await (const chunk of context.req) chunks.push(chunk);
  const sandbox = sandboxFor(context.get('user-agent'));
  const response = await fetch(`${sandbox.url}/checkout-sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.keys.secretTest}`, 'Content-Type': 'application/json' },
    body: Buffer.concat(chunks).toString() || '{}',
  });
  context.status = response.status;
  context.type = 'application/json';
  context.body = await response.text();
}

/** `/__moved__/…` answers with a redirect to the sandbox: an api-base whose answers come from another origin. */
async function movedApi(context, next) {
  if (!context.path.startsWith('/__moved__/')) return next();
  context.status = 307;
  context.set('Location', `${sandboxFor(context.get('user-agent')).url}${context.url.slice('/__moved__'.length)}`);
}

/**
 * `POST /__fail-next__?path=/src/…` makes this browser's next request for that file fail: the
 * connection breaks mid-download (a network failure), or with `&status=503` the server answers
 * that status. A chunk (the group view, a language) that cannot be downloaded once. `GET` on the
 * same address tells how often each armed file was asked for since it was armed.
 */
const failNext = { chromium: new Map(), firefox: new Map() };
async function failOnce(context, next) {
  const armed = failNext[sandboxFor(context.get('user-agent')) === sandboxes.firefox ? 'firefox' : 'chromium'];
  if (context.path === '/__fail-next__') {
    if (context.method === 'POST') armed.set(context.query.path, { failing: true, status: Number(context.query.status) || 0, requests: 0 });
    context.type = 'application/json';
    context.body = JSON.stringify(Object.fromEntries([...armed].map(([path, { requests }]) => [path, requests])));
    return;
  }
  const file = armed.get(context.path);
  if (!file) return next();
  file.requests += 1;
  if (!file.failing) return next();
  file.failing = false;
  if (file.status) {
    context.status = file.status;
    context.body = 'unavailable';
    return;
  }
  // Headers and a first line, then the connection drops (a dropped idle connection would be retried by the browser itself).
  context.respond = false;
  context.res.writeHead(200, { 'Content-Type': 'text/javascript', 'Content-Length': '100000' });
  context.res.write('export {};\n', () => context.res.destroy());
}

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// Without the browser's HTTP cache: once not watching, the runner serves every file cached for a
// year, so a chunk an earlier test file loaded would never be asked for again (see failOnce).
const createPage = async ({ context }) => {
  const page = await context.newPage();
  await page.setCacheEnabled(false);
  return page;
};

// The same launcher drives Firefox through puppeteer-core's WebDriver BiDi (no geckodriver needed).
const firefox = chromeLauncher({
  launchOptions: { browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr' },
  createPage,
});
firefox.name = 'Firefox';
const chromium = chromeLauncher({
  launchOptions: {
    executablePath,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
  },
  createPage,
});
const wanted = (process.env.WTR_BROWSERS ?? 'chromium,firefox').split(',');

export default {
  files: [process.env.WTR_FILES ?? 'test/component/**/*.test.ts'],
  nodeResolve: true,
  middleware: [merchantBackend, movedApi, failOnce],
  // One page at a time: a background tab gets no animation frames, and fixtures wait for them.
  concurrency: 1,
  testsFinishTimeout: 180_000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2021' }),
    { name: 'sandbox-shutdown', serverStop: () => Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.close())) },
  ],
  // Each browser runs its files one page at a time (concurrency: 1 above).
  browsers: [...(wanted.includes('chromium') ? [chromium] : []), ...(wanted.includes('firefox') ? [firefox] : [])],
  testFramework: { config: { timeout: 10_000 } },
  // The widget's own console lines are expected of the cases under test; tests that care record them.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('[kohort-checkout] ')),
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head>
    <script>
      window.process = { env: { NODE_ENV: 'development' } };
      window.__SANDBOX__ = navigator.userAgent.includes(' Firefox/')
        ? ${JSON.stringify({ url: sandboxes.firefox.url, publishableKey: sandboxes.firefox.keys.publishableTest })}
        : ${JSON.stringify({ url: sandboxes.chromium.url, publishableKey: sandboxes.chromium.keys.publishableTest })};
    </script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
