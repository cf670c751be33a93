import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeSnapshot } from '../../tests/snapshot-builder.ts';
import { CliError, EXIT } from './errors.ts';
import { parseSnapshotText, readSnapshotFile, writeSnapshotFile } from './snapshot-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-snapshot-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function rejects(text: string, en: RegExp): void {
  assert.throws(
    () => parseSnapshotText(text, 'snap.json'),
    (err: unknown) =>
      err instanceof CliError && err.exitCode === EXIT.usage && !err.showUsage && en.test(err.text.en) && !err.text.en.includes('\n'),
  );
}

test('a valid snapshot round-trips through a file, saved owner-only', () => {
  const snapshot = makeSnapshot({ master: { 'kube.nodes': '{"items":[]}' } }, { series: [] });
  const path = join(dir, 'ok.json');
  writeSnapshotFile(path, snapshot);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(readSnapshotFile(path), snapshot);
  assert.ok(readFileSync(path, 'utf8').endsWith('}\n'));
});

test('a byte-order mark and unknown extra fields are accepted', () => {
  const text = `\uFEFF${JSON.stringify({ ...makeSnapshot({}), learner: 'x', result: {} })}`;
  assert.equal(parseSnapshotText(text, 'snap.json').format, 'k8s-lab-snapshot');
});

test('malformed or wrong-format snapshots are one-line input errors', () => {
  rejects('{"format": ', /^snap\.json is not JSON \(/);
  rejects('[]', /^snap\.json is not a k8s-labs snapshot \(it has no format field; expected "k8s-lab-snapshot"\)\.$/);
  rejects('{"format":"k8s-lab-report","version":1}', /its format is "k8s-lab-report"/);
  rejects(
    '{"format":"k8s-lab-snapshot","version":2,"takenAt":"x","hosts":{}}',
    /^snap\.json is snapshot version 2; this program reads version 1\.$/,
  );
  rejects('{"format":"k8s-lab-snapshot","version":1,"takenAt":"yesterday","hosts":{}}', /^snap\.json is not a valid snapshot: takenAt: /);
  rejects(
    JSON.stringify({
      ...makeSnapshot({ master: { 'kube.nodes': '{}' } }),
      hosts: { m: { role: 'boss', probes: { 'kube.nodes': { stdout: 1 } } } },
    }),
    /^snap\.json is not a valid snapshot: hosts\.m\.(role|probes)[^\n]* \(and \d+ more problems\)$/,
  );
});

test('a missing file or a directory is an input error naming the path', () => {
  assert.throws(
    () => readSnapshotFile(join(dir, 'absent.json')),
    (err: unknown) => err instanceof CliError && /ENOENT, no such file or directory/.test(err.text.en),
  );
  assert.throws(
    () => readSnapshotFile(dir),
    (err: unknown) => err instanceof CliError && /Cannot read the snapshot file/.test(err.text.en),
  );
  writeFileSync(join(dir, 'empty.json'), '');
  assert.throws(
    () => readSnapshotFile(join(dir, 'empty.json')),
    (err: unknown) => err instanceof CliError && /is not JSON/.test(err.text.en),
  );
});

test('writing into a missing folder is an input error', () => {
  assert.throws(
    () => writeSnapshotFile(join(dir, 'no', 'such', 'dir.json'), makeSnapshot({})),
    (err: unknown) => err instanceof CliError && err.exitCode === EXIT.usage && /Cannot write .*ENOENT/.test(err.text.en),
  );
});
