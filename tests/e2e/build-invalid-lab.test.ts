import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './site-server.ts';

/**
 * An invalid lab.yaml must stop `astro build` with the file and the problem. Built in a scratch copy
 * of the site so the real labs/ and dist/ are untouched.
 */
test('astro build fails with a clear message on an invalid lab.yaml', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-badlab-'));
  try {
    for (const name of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'graders', 'schemas', 'public'])
      cpSync(join(ROOT, name), join(dir, name), { recursive: true });
    // Own node_modules folder (of links), so Astro's cache (node_modules/.astro) stays in the copy.
    mkdirSync(join(dir, 'node_modules'));
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      if (name !== '.astro' && name !== '.vite') symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
    }
    mkdirSync(join(dir, 'labs', 'lab-04'), { recursive: true });
    writeFileSync(join(dir, 'labs', 'lab-04', 'lab.yaml'), 'id: lab-04\norder: four\n');

    const bin = join(ROOT, 'node_modules', '.bin');
    const result = spawnSync(join(bin, 'astro'), ['build'], {
      cwd: dir,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    const output = `${result.stdout}\n${result.stderr}`;
    assert.notEqual(result.status, 0, `the build succeeded:\n${output}`);
    assert.match(output, /Cannot build the site: a lab's metadata is invalid/);
    assert.match(output, /labs\/lab-04\/lab\.yaml: order: /);
    assert.match(output, /run `npm run build` again/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
