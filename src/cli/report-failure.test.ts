import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CollectError } from '../collect/collect-error.ts';
import { issue } from '../config/config-issues.ts';
import { ConfigError } from '../config/hosts-config.ts';
import { LabCatalogError } from '../labs/catalog.ts';
import { t } from '../shared/i18n.ts';
import { SshError } from '../ssh/ssh-error.ts';
import { EXIT, inputError, usageError } from './errors.ts';
import { describeFailure } from './report-failure.ts';

const noStack = (text: string) => assert.ok(!/\n\s+at /.test(text), text);

test('usage errors: exit 2, the reason, then the usage in the same language', () => {
  const f = describeFailure(usageError(t('未知选项 --x。', 'Unknown option --x.')), 'en', {});
  assert.equal(f.exitCode, EXIT.usage);
  assert.ok(f.text.startsWith('error: Unknown option --x.\n\nUsage: npm run grade'));
  const zh = describeFailure(usageError(t('未知选项 --x。', 'Unknown option --x.')), 'zh', {});
  assert.ok(zh.text.startsWith('错误：未知选项 --x。\n\n用法：'));
});

test('input errors: exit 2, one line, no usage', () => {
  const f = describeFailure(inputError(t('坏文件', 'bad file')), 'en', {});
  assert.deepEqual(f, { exitCode: 2, text: 'error: bad file\n' });
});

test('a bad hosts config: exit 2 with every mistake, in the chosen language', () => {
  const err = new ConfigError('/x/k8s-labs.yaml', [issue('hosts.master.port', t('不是端口', 'not a port'), t('写 22', 'write 22'))]);
  const en = describeFailure(err, 'en', {});
  assert.equal(en.exitCode, EXIT.usage);
  assert.match(en.text, /^error: \/x\/k8s-labs\.yaml has 1 mistake:\nhosts\.master\.port: not a port \(write 22\)\n$/);
  assert.match(describeFailure(err, 'zh', {}).text, /hosts\.master\.port: 不是端口（写 22）/);
  assert.equal(describeFailure(new LabCatalogError('labs/lab-10/lab.yaml: bad'), 'en', {}).exitCode, EXIT.usage);
});

test('collection failures: exit 3 naming each host that failed', () => {
  const master = new CollectError('auth', 'master', t('认证失败', 'authentication failed for root@192.168.157.133'));
  const worker = new CollectError('unreachable', 'worker', t('不可达', 'no answer from 192.168.157.132:22'));
  master.failures = [master, worker];
  const f = describeFailure(master, 'en', {});
  assert.equal(f.exitCode, EXIT.collect);
  assert.equal(
    f.text,
    'error: could not collect from host master (auth): authentication failed for root@192.168.157.133\nerror: could not collect from host worker (unreachable): no answer from 192.168.157.132:22\n',
  );
  const ssh = describeFailure(new SshError('host-key', t('主机密钥已改变', 'the host key changed')), 'en', {});
  assert.equal(ssh.exitCode, EXIT.collect);
  assert.match(ssh.text, /the host key changed/);
});

test('interrupted: 130; a bug: 70 with the stack only when K8S_LABS_DEBUG is set', () => {
  assert.equal(describeFailure(new DOMException('aborted', 'AbortError'), 'en', {}).exitCode, EXIT.interrupted);
  const bug = describeFailure(new TypeError('x is undefined'), 'en', {});
  assert.equal(bug.exitCode, EXIT.internal);
  assert.equal(bug.text, 'error: internal error: x is undefined (set K8S_LABS_DEBUG=1 to see the stack)\n');
  noStack(bug.text);
  assert.match(describeFailure(new TypeError('x'), 'en', { K8S_LABS_DEBUG: '1' }).text, /\n\s+at /);
});

test('hostile text in an error is printed without escape sequences', () => {
  const err = new CollectError('protocol', 'master', t('x', 'banner \u001b]0;pwned\u0007 said \u001b[2Jhi'));
  assert.equal(describeFailure(err, 'en', {}).text, 'error: could not collect from host master (protocol): banner  said hi\n');
});
