/**
 * `npm run sandbox`: serves the sandbox API until stopped.
 * Port from `PORT` or `KOHORT_SANDBOX_PORT` (default 4010); keys from `KOHORT_SANDBOX_*`;
 * `KOHORT_SHOP_ORIGIN` for the seeded return URLs; `KOHORT_SANDBOX_GROUP_MINUTES` for test groups;
 * `KOHORT_SANDBOX_MAX_OBJECTS` and `KOHORT_SANDBOX_KEEP_FINISHED_MINUTES` for what a mode keeps;
 * `KOHORT_SANDBOX_HOST` for the address it listens on (127.0.0.1); `KOHORT_SANDBOX_QUIET=1` for no request log.
 */
import { SEEDED_GROUPS, SEEDED_SESSIONS } from './seed.ts';
import { startSandbox } from './server.ts';

const port = Number(process.env.PORT ?? process.env.KOHORT_SANDBOX_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`Invalid port "${process.env.PORT ?? process.env.KOHORT_SANDBOX_PORT}".`);
  process.exit(1);
}

const groupMinutes = Number(process.env.KOHORT_SANDBOX_GROUP_MINUTES);
const maxObjects = Number(process.env.KOHORT_SANDBOX_MAX_OBJECTS);
const keepFinishedMinutes = Number(process.env.KOHORT_SANDBOX_KEEP_FINISHED_MINUTES);

const sandbox = await startSandbox({
  port,
  hostname: process.env.KOHORT_SANDBOX_HOST ?? '127.0.0.1',
  shopOrigin: process.env.KOHORT_SHOP_ORIGIN,
  testGroupMinutes: groupMinutes > 0 ? groupMinutes : undefined,
  maxObjects: Number.isInteger(maxObjects) && maxObjects > 0 ? maxObjects : undefined,
  keepFinishedMinutes: keepFinishedMinutes >= 0 ? keepFinishedMinutes : undefined,
  quiet: process.env.KOHORT_SANDBOX_QUIET === '1',
});

const pad = (text: string, width: number): string => text.padEnd(width);
console.log(`KohortPay sandbox API listening on ${sandbox.url}`);
console.log('\nKeys');
console.log(`  publishable test  ${sandbox.keys.publishableTest}`);
console.log(`  secret test       ${sandbox.keys.secretTest}`);
console.log(`  publishable live  ${sandbox.keys.publishableLive}`);
console.log(`  secret live       ${sandbox.keys.secretLive}`);
console.log('\nSeeded checkout sessions');
for (const session of SEEDED_SESSIONS) console.log(`  ${pad(session.key, 16)} ${session.id}  ${session.label}`);
console.log('\nSeeded payment groups');
for (const group of SEEDED_GROUPS) console.log(`  ${pad(group.key, 16)} ${pad(group.shareId, 18)} ${group.id}  ${group.label}`);
console.log(`\nSeed index: ${sandbox.url}/sandbox/seeds`);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the sandbox…`);
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
