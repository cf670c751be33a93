import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TERMINAL_COOKIE } from '../../shared/terminal-protocol.ts';
import { recordTerminalHosts } from './page-hosts.ts';
import { prepareTerminalPage } from './page-setup.ts';
import { setPrewarmHook } from './prewarm.ts';
import { terminalToken } from './session-token.ts';

function page(request: Record<string, string>) {
  const set: Record<string, string> = {};
  const headers = new Headers();
  prepareTerminalPage({
    url: new URL('http://127.0.0.1:4321/terminal'),
    request: { headers: new Headers(request) },
    cookies: { set: (name, value) => void (set[name] = value) },
    response: { headers },
  });
  return { set, headers };
}
const navigation = (site: string) => ({ 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' });

test("a terminal page sets the token cookie, forbids caching, and warms the first host only on the learner's own navigations", () => {
  const warmed: string[] = [];
  setPrewarmHook((name) => warmed.push(name));
  recordTerminalHosts({
    hosts: [
      { name: 'master', role: 'master' },
      { name: 'worker', role: 'worker' },
    ],
  } as unknown as Parameters<typeof recordTerminalHosts>[0]);
  try {
    const cross = page(navigation('cross-site'));
    assert.equal(cross.set[TERMINAL_COOKIE], terminalToken());
    assert.equal(cross.headers.get('Cache-Control'), 'no-store');
    page(navigation('same-site')); // another port or subdomain is another site's page here
    page({}); // a browser without Fetch Metadata
    page({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }); // a fetch, not a navigation
    assert.deepEqual(warmed, []);
    page(navigation('same-origin')); // a link on this site, a reload
    page(navigation('none')); // typed or a bookmark
    assert.deepEqual(warmed, ['master', 'master']);
  } finally {
    setPrewarmHook(undefined);
  }
});
