import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type HostsConfig } from '../../config/hosts-config.ts';
import { CollectError } from '../../collect/collect-error.ts';
import type { CollectorPort } from '../../grading/grade-lab.ts';
import type { Grader } from '../../grading/grader.ts';
import { t } from '../../shared/i18n.ts';
import type { LabMeta } from '../../shared/lab.ts';
import { makeSnapshot } from '../../../tests/snapshot-builder.ts';
import { openDatabase } from '../db/open-db.ts';
import { createProgressStore, type ProgressStore } from '../db/progress-store.ts';
import { NoHostsConfigError } from '../hosts/site-hosts-config.ts';
import { checkLab, UnknownLabError } from './check-lab.ts';

const LAB: LabMeta = {
  id: 'lab-02',
  order: 2,
  title: t('进程', 'Processes'),
  question: t('问题', 'Question'),
  summary: t('摘要', 'Summary'),
  probes: { master: ['host.hostname'], worker: [] },
  points: 3,
};

/** Passes when the master's hostname is `ubuntu`; a second check always fails. */
const GRADER: Grader = {
  lab: 'lab-02',
  checks: [
    {
      id: 'hostname',
      title: t('主机名', 'Hostname'),
      points: 2,
      run: (view) => {
        const name = view.stdout('master', 'host.hostname').trim();
        return name === 'ubuntu'
          ? { status: 'passed', message: t('是 ubuntu', 'is ubuntu') }
          : { status: 'failed', message: t(`是 ${name}`, `is ${name}`), hint: t('改名', 'rename it') };
      },
    },
    {
      id: 'never',
      title: t('永不', 'Never'),
      points: 1,
      run: () => ({ status: 'failed', message: t('失败', 'fails'), hint: t('无', 'none') }),
    },
  ],
};

const CONFIG = {
  path: '/x/k8s-labs.yaml',
  hosts: [],
  knownHostsPath: '/x/kh',
  probeTimeoutMs: 1,
  connectTimeoutMs: 1,
  hostTimeoutMs: 1,
} as unknown as HostsConfig;

function collector(hostname: string | Error, delayMs = 0, calls = { n: 0 }): CollectorPort {
  return {
    planFor: (labs) => ({ master: labs.flatMap((l) => l.probes.master), worker: [] }),
    observeSeries: async () => [],
    collectSnapshot: async () => {
      calls.n++;
      await new Promise((r) => setTimeout(r, delayMs));
      if (hostname instanceof Error) throw hostname;
      return { snapshot: makeSnapshot({ master: { 'host.hostname': `${hostname}\n` } }), stats: { hosts: [], ms: 1 } };
    },
  };
}

async function withStore(run: (store: ProgressStore) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-check-'));
  const store = createProgressStore(openDatabase(join(dir, 'p.sqlite')));
  try {
    await run(store);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const deps = (store: ProgressStore, c: CollectorPort, loadConfig: () => HostsConfig = () => CONFIG) => ({
  loadConfig,
  labs: () => [LAB],
  graders: new Map([['lab-02', GRADER]]),
  store,
  collector: c,
});

test('collects, grades in the language asked, stores the attempt with both languages and the snapshot', () =>
  withStore(async (store) => {
    const r = await checkLab('lab-02', 'manual', 'en', deps(store, collector('ubuntu')));
    assert.equal(r.state, 'graded');
    if (r.state !== 'graded') return;
    assert.deepEqual(
      r.report.checks.map((c) => [c.id, c.status, c.message]),
      [
        ['hostname', 'passed', 'is ubuntu'],
        ['never', 'failed', 'fails'],
      ],
    );
    assert.deepEqual([r.attempt.status, r.attempt.trigger, r.best?.score, r.improved], ['failed', 'manual', 2, true]);
    assert.equal(store.latestAttempt('lab-02', 'zh')?.report?.checks[0]?.message, '是 ubuntu');
    assert.equal(store.latestSnapshot('lab-02')?.hosts['master']?.probes['host.hostname']?.stdout, 'ubuntu\n');
  }));

test('hosts that cannot be read: every failing host with its explanation, stored as not collected', () =>
  withStore(async (store) => {
    const auth = new CollectError('auth', 'master', t('密码错误', 'wrong password'));
    auth.failures = [auth, new CollectError('unreachable', 'worker', t('无法连接', 'unreachable'))];
    const r = await checkLab('lab-02', 'auto', 'en', deps(store, collector(auth)));
    assert.deepEqual(r, {
      state: 'not-collected',
      attempt: store.attempts('lab-02')[0],
      failures: [
        { host: 'master', kind: 'auth', message: 'wrong password' },
        { host: 'worker', kind: 'unreachable', message: 'unreachable' },
      ],
    });
    assert.equal(store.bestResults().length, 0);
  }));

test('no config and a broken config are answered without collecting', () =>
  withStore(async (store) => {
    const calls = { n: 0 };
    const none = await checkLab(
      'lab-02',
      'manual',
      'zh',
      deps(store, collector('x', 0, calls), () => {
        throw new NoHostsConfigError('/x/k8s-labs.yaml');
      }),
    );
    assert.equal(none.state, 'no-hosts');
    assert.equal(none.state === 'no-hosts' && none.setupPath, '/hosts/');
    const broken = await checkLab(
      'lab-02',
      'manual',
      'en',
      deps(store, collector('x', 0, calls), () => {
        throw new ConfigError('/x/k8s-labs.yaml', [{ path: 'hosts.master.port', problem: t('不对', 'is wrong'), fix: t('改', 'fix it') }]);
      }),
    );
    assert.equal(broken.state, 'config-invalid');
    assert.match(broken.state === 'config-invalid' ? broken.message : '', /hosts\.master\.port: is wrong \(fix it\)/);
    assert.equal(calls.n, 0);
    assert.equal(store.attempts('lab-02').length, 0);
    await assert.rejects(checkLab('lab-05', 'manual', 'en', deps(store, collector('x'))), UnknownLabError);
  }));

test('a second request while one runs joins it: one collection, one attempt, each answer in its language', () =>
  withStore(async (store) => {
    const calls = { n: 0 };
    const d = deps(store, collector('ubuntu', 200, calls));
    const [a, b] = await Promise.all([checkLab('lab-02', 'manual', 'en', d), checkLab('lab-02', 'auto', 'zh', d)]);
    assert.equal(calls.n, 1);
    assert.equal(store.attempts('lab-02').length, 1);
    assert.equal(a.state === 'graded' && a.report.lang, 'en');
    assert.equal(b.state === 'graded' && b.report.lang, 'zh');
    await checkLab('lab-02', 'manual', 'en', d);
    assert.equal(calls.n, 2, 'a later request collects again');
  }));
