import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { renderJunit } from './junit.ts';
import { HOSTILE, mixedReport, passingReport } from './sample-reports.fixture.ts';
import { findAll, parseXmlStrict } from './xml-check.fixture.ts';

test('JUnit XML is well-formed, with one suite per lab and the counts of each outcome', () => {
  const xml = renderJunit([passingReport(), mixedReport('en')]);
  const root = parseXmlStrict(xml);
  assert.equal(root.name, 'testsuites');
  assert.deepEqual(root.attrs, { name: 'k8s-labs', tests: '7', failures: '2', errors: '1', skipped: '1' });
  const suites = findAll(root, 'testsuite');
  assert.equal(suites.length, 2);
  assert.equal(suites[1]?.attrs['name'], 'lab-10 Lab 10');
  assert.equal(suites[1]?.attrs['failures'], '2');
  const props = Object.fromEntries(findAll(suites[1]!, 'property').map((p) => [p.attrs['name'], p.attrs['value']]));
  assert.equal(props['score'], '3');
  assert.equal(props['maxScore'], '9');
  assert.equal(props['gradable'], 'false');

  const cases = findAll(suites[1]!, 'testcase');
  assert.deepEqual(
    cases.map((c) => [c.attrs['classname'], c.attrs['name'], c.children.map((x) => `${x.name}:${x.attrs['type'] ?? ''}`).join()]),
    [
      ['lab-10', 'chains-present: Check chains-present', ''],
      ['lab-10', 'probabilities: Check probabilities', 'failure:failed'],
      ['lab-10', 'dnat-targets: Check dnat-targets', 'error:error'],
      ['lab-10', 'endpoints-ready: Check endpoints-ready', 'failure:pending'],
      ['lab-10', 'picture: Check picture', 'skipped:'],
    ],
  );
});

test('JUnit escapes hostile text: markup, quotes, ]]>, ANSI and control characters', () => {
  const xml = renderJunit([mixedReport('en')]);
  assert.ok(!xml.includes(']]>'), 'no raw ]]>');
  assert.ok(!xml.includes('\u001b'), 'no ESC');
  assert.ok(!xml.includes('\u0007') && !xml.includes('\u0000'), 'no BEL or NUL');
  assert.ok(xml.includes('pod &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &apos;y&apos; ]]&gt; red'), 'attribute escaped');
  const root = parseXmlStrict(xml);
  const failure = findAll(root, 'failure').find((f) => f.attrs['type'] === 'failed');
  assert.ok(failure);
  assert.ok(failure.attrs['message']?.startsWith('Wrong probability: pod <b>"x"</b> & \'y\' ]]> red  bell nul lone\uFFFD end'));
  // The body keeps the hint's newline and the evidence, decoded back to the original printable text.
  assert.ok(failure.text.includes('line one\nline two'));
  assert.ok(failure.text.includes('--- iptables.save @ master\n-A KUBE-SVC-X -m comment --comment "pod <b>"x"</b>'));
  assert.ok(!HOSTILE.includes('\uFFFD'));
});

test('JUnit parses with an independent XML parser when one is available (python3 minidom)', (t) => {
  const probe = spawnSync('python3', ['-c', 'import xml.dom.minidom'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    t.skip('python3 with xml.dom.minidom not available');
    return;
  }
  const xml = renderJunit([passingReport(), mixedReport('zh')]);
  const script =
    'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName("testcase")))';
  const run = spawnSync('python3', ['-c', script], { input: Buffer.from(xml, 'utf8'), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), '7');
});

test('an empty run is still a valid document', () => {
  const root = parseXmlStrict(renderJunit([]));
  assert.equal(root.attrs['tests'], '0');
});

test('the well-formedness check itself rejects what a naive reporter would write', () => {
  for (const bad of [
    '<a>&</a>',
    '<a>x]]>y</a>',
    '<a><b></a></b>',
    '<a x="<"/>',
    '<a x="1" x="2"/>',
    '<a>\u001b[31m</a>',
    '<a/><b/>',
    '<a>',
  ]) {
    assert.throws(() => parseXmlStrict(bad), /not well-formed/, bad);
  }
  assert.equal(parseXmlStrict('<?xml version="1.0"?>\n<a x="&amp;&#10;">t&lt;<!-- c --><b/></a>\n').attrs['x'], '&\n');
});
