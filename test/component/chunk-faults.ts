/**
 * Chunks that cannot be downloaded once: the test server fails the next request for a file when
 * asked to (`/__fail-next__`, see web-test-runner.config.mjs).
 */
import { expect } from '@open-wc/testing';

const serverFetch = window.fetch.bind(window);

/** This browser's next request for `path` breaks off mid-download (or is answered `status`); counts that file's requests from 0. */
export async function failNextRequest(path: string, status?: number) {
  const response = await serverFetch(`/__fail-next__?path=${encodeURIComponent(path)}${status ? `&status=${status}` : ''}`, { method: 'POST' });
  expect(response.status).to.equal(200);
}

/** How often `path` (whatever its query) was asked for since `failNextRequest(path)`. */
export async function requestsFor(path: string): Promise<number> {
  const counts = (await (await serverFetch('/__fail-next__')).json()) as Record<string, number>;
  return counts[path] ?? 0;
}
