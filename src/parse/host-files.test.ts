import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDebianLike, parseHolds, parseKubeletVersion, parseOsRelease, parseSwaps } from './host-files.ts';

// The header line exactly as Linux prints it (mm/swapfile.c); captured from `cat /proc/swaps`.
const SWAPS_HEADER = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';

test('/proc/swaps with swap off: the header alone', () => {
  assert.deepEqual(parseSwaps(SWAPS_HEADER), []);
});

test('/proc/swaps with Ubuntu’s swap file and a partition', () => {
  const text = `${SWAPS_HEADER}/swap.img                               file\t\t2097148\t\t0\t\t-2\n/dev/sda5                               partition\t1799164\t\t1024\t\t-3\n/var/swap\\040file                       file\t\t1024\t\t0\t\t-4\n`;
  assert.deepEqual(parseSwaps(text), [
    { filename: '/swap.img', type: 'file', sizeKiB: 2097148, usedKiB: 0, priority: -2 },
    { filename: '/dev/sda5', type: 'partition', sizeKiB: 1799164, usedKiB: 1024, priority: -3 },
    { filename: '/var/swap file', type: 'file', sizeKiB: 1024, usedKiB: 0, priority: -4 },
  ]);
});

test('/proc/swaps: zram counts as swap', () => {
  assert.equal(
    parseSwaps(`${SWAPS_HEADER}/dev/zram0                              partition\t8388604\t\t0\t\t100\n`)?.[0]?.filename,
    '/dev/zram0',
  );
});

test('not /proc/swaps → undefined', () => {
  assert.equal(parseSwaps(''), undefined);
  assert.equal(parseSwaps('cat: /proc/swaps: No such file or directory\n'), undefined);
});

test('apt-mark showhold', () => {
  // apt-mark prints one package per line; nothing at all when nothing is held.
  assert.deepEqual(parseHolds(''), []);
  assert.deepEqual(parseHolds('kubeadm\nkubectl\nkubelet\n'), ['kubeadm', 'kubectl', 'kubelet']);
  assert.deepEqual(parseHolds('kubelet:amd64\nlibc6:i386\n'), ['kubelet', 'libc6']);
  assert.deepEqual(parseHolds('WARNING: apt does not have a stable CLI interface.\nkubelet\n'), ['kubelet']);
});

test('/etc/os-release', () => {
  // Captured verbatim from the Debian 12 machine these tests run on.
  const debian = [
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
    'NAME="Debian GNU/Linux"',
    'VERSION_ID="12"',
    'VERSION="12 (bookworm)"',
    'VERSION_CODENAME=bookworm',
    'ID=debian',
    'HOME_URL="https://www.debian.org/"',
  ].join('\n');
  const os = parseOsRelease(debian);
  assert.equal(os['PRETTY_NAME'], 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(os['VERSION_CODENAME'], 'bookworm');
  assert.equal(isDebianLike(os), true);
  assert.equal(isDebianLike(parseOsRelease('ID=ubuntu\nID_LIKE=debian\nVERSION_ID="20.04"\n')), true);
  assert.equal(isDebianLike(parseOsRelease('ID="rocky"\nID_LIKE="rhel centos fedora"\n')), false);
  assert.equal(parseOsRelease('NAME="a \\"quoted\\" name"\n# comment\n')['NAME'], 'a "quoted" name');
});

test('kubelet --version', () => {
  assert.equal(parseKubeletVersion('Kubernetes v1.29.4\n'), 'v1.29.4');
  assert.equal(parseKubeletVersion('Kubernetes v1.24.4+k3s1\n'), 'v1.24.4+k3s1');
  assert.equal(parseKubeletVersion('bash: kubelet: command not found\n'), undefined);
});
