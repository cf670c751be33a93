import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { chromiumSkip } from './browser.ts';
import { api, startTestSite, type TestSite } from './check-site.ts';
import { ensureBuilt } from './site-server.ts';

/**
 * The API edge of "check my work", host setup and apply, over real HTTP against the production
 * server (W2 CSRF, body limits, JSON only, nothing secret returned). No VM is needed: every request
 * here is refused or answered before any SSH connection.
 */
let ts: TestSite | undefined;
// Building the site needs the same tools as the browser tests.
const skip = chromiumSkip;

before(async () => {
  if (skip) return;
  ensureBuilt();
  ts = await startTestSite();
});
after(async () => ts?.stop());

const STATE_CHANGING: [string, string, unknown][] = [
  ['POST', '/api/grade', { lab: 'lab-10', lang: 'en', trigger: 'manual' }],
  [
    'PUT',
    '/api/hosts',
    {
      lang: 'en',
      hosts: [{ name: 'master', role: 'master', host: '192.168.157.133', port: 22, user: 'root', auth: 'password', password: 'x' }],
    },
  ],
  [
    'POST',
    '/api/hosts/test',
    {
      lang: 'en',
      host: { name: 'master', role: 'master', host: '192.168.157.133', port: 22, user: 'root', auth: 'password', password: 'x' },
    },
  ],
  ['POST', '/api/apply', { lang: 'en', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n', dryRunOnly: true }],
];

test(
  'cross-site requests are refused before anything happens: other origins, no Origin, rebinding names, cross-site fetch metadata',
  { skip },
  async () => {
    assert.ok(ts);
    const own = new URL(ts.origin);
    const forged = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: `http://evil.course.test:${own.port}` },
      { Origin: ts.origin.replace('127.0.0.1', '127.0.0.1.nip.io') },
      { Origin: ts.origin, 'Sec-Fetch-Site': 'cross-site' },
      { Origin: ts.origin, 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const [method, path, body] of STATE_CHANGING) {
      for (const headers of forged) {
        const r = await api(ts, method, path, body, headers);
        assert.equal(r.status, 403, `${method} ${path} with ${JSON.stringify(headers)}`);
      }
      // No Origin at all (a forged request from a script, or a stripped header).
      const res: Response = await fetch(new URL(path, ts.site.url), {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 403, `${method} ${path} without Origin`);
      // DNS rebinding: the attacker's name resolves to 127.0.0.1, so Host and Origin agree, but name no loopback.
      const rebinding = await api(ts, method, path, body, {
        Origin: `http://attacker.example:${own.port}`,
        Host: `attacker.example:${own.port}`,
      });
      assert.equal(rebinding.status, 403, `${method} ${path} rebinding`);
    }
    assert.equal(existsSync(ts.configPath), false, 'no config was written');
    assert.deepEqual(
      existsSync(ts.dataDir) ? readdirSync(ts.dataDir).filter((f) => f.includes('sqlite')) : [],
      [],
      'no attempt was stored',
    );
  },
);

test('only JSON bodies, bounded in size and shape', { skip }, async () => {
  assert.ok(ts);
  const form = await api(ts, 'POST', '/api/grade', 'lab=lab-10', { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.ok([403, 415].includes(form.status), `a form post is refused (${form.status})`);
  assert.equal((await api(ts, 'POST', '/api/grade', '{"lab":"lab-10"}', { 'Content-Type': 'text/plain' })).status, 415);
  assert.equal((await api(ts, 'POST', '/api/grade', '{not json')).status, 400);
  assert.equal((await api(ts, 'POST', '/api/grade', { lab: 'lab-99', lang: 'en', trigger: 'manual' })).status, 400);
  assert.equal((await api(ts, 'POST', '/api/grade', { lab: 'lab-10', lang: 'en', trigger: 'manual', extra: 1 })).status, 400);
  const big = await api(ts, 'POST', '/api/apply', { lang: 'en', yaml: 'x'.repeat(300 * 1024), dryRunOnly: true });
  assert.equal(big.status, 413);
  const hosts = await api(ts, 'PUT', '/api/hosts', {
    lang: 'en',
    hosts: [{ name: 'master;rm', role: 'master', host: 'x', port: 22, user: 'u', auth: 'password' }],
  });
  assert.equal(hosts.status, 400);
});

test('no hosts yet: grading and apply say so and link the setup page; GET routes change nothing', { skip }, async () => {
  assert.ok(ts);
  const grade = await api(ts, 'POST', '/api/grade', { lab: 'lab-10', lang: 'en', trigger: 'manual' });
  assert.equal(grade.status, 409);
  assert.equal(grade.json['state'], 'no-hosts');
  assert.equal(grade.json['setupPath'], '/en/hosts/');
  const zh = await api(ts, 'POST', '/api/grade', { lab: 'lab-10', lang: 'zh', trigger: 'manual' });
  assert.equal(zh.json['setupPath'], '/hosts/');
  const apply = await api(ts, 'POST', '/api/apply', {
    lang: 'en',
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n',
    dryRunOnly: true,
  });
  assert.equal(apply.json['state'], 'no-hosts');
  const invalid = await api(ts, 'POST', '/api/apply', {
    lang: 'en',
    yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replica: 3}\n',
    dryRunOnly: true,
  });
  assert.equal(invalid.status, 422);
  assert.match(JSON.stringify(invalid.json['problems']), /Did you mean \\"replicas\\"/);
  const progress = await api(ts, 'GET', '/api/progress');
  assert.deepEqual(progress.json, { labs: [] });
  assert.equal(progress.headers.get('cache-control'), 'no-store');
  const lab = await api(ts, 'GET', '/api/progress/lab-10?lang=en');
  assert.deepEqual(lab.json, { lab: 'lab-10', best: null, last: null, recent: [] });
  assert.equal((await api(ts, 'GET', '/api/progress/lab-99')).status, 404);
  const view = await api(ts, 'GET', '/api/hosts?lang=en');
  assert.deepEqual(view.json, { configPath: ts.configPath, exists: false, hosts: [] });
  const get = await api(ts, 'GET', '/api/grade');
  assert.ok([404, 405].includes(get.status), `grading is never triggered by a GET (${get.status})`);
  assert.deepEqual((await api(ts, 'GET', '/api/progress')).json, { labs: [] });
});
