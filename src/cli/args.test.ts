import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCliArgs } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import { langFromArgv, langFromEnv } from './lang.ts';

function usageFails(argv: string[], en: RegExp, zh?: RegExp): void {
  assert.throws(
    () => parseCliArgs(argv),
    (err: unknown) => {
      assert.ok(err instanceof CliError, `CliError for ${argv.join(' ')}`);
      assert.equal(err.exitCode, EXIT.usage);
      assert.equal(err.showUsage, true);
      assert.match(err.text.en, en);
      if (zh) assert.match(err.text.zh, zh);
      return true;
    },
  );
}

test('a lab and every flag parse into options', () => {
  const opts = parseCliArgs([
    'lab-10',
    '--json',
    '--junit',
    'r.xml',
    '--gradescope=results.json',
    '--config',
    'k.yaml',
    '--save-snapshot',
    's.json',
    '--lang',
    'en',
  ]);
  assert.deepEqual(opts, {
    command: 'grade',
    targets: ['lab-10'],
    json: true,
    junit: 'r.xml',
    gradescope: 'results.json',
    config: 'k.yaml',
    saveSnapshot: 's.json',
    lang: 'en',
  });
});

test('--observe takes whole seconds within the lab.yaml bound', () => {
  assert.equal(parseCliArgs(['lab-13', '--observe', '90']).observe, 90);
  assert.equal(parseCliArgs(['lab-13', '--observe=0']).observe, 0);
  usageFails(['lab-13', '--observe', '1.5'], /--observe takes whole seconds from 0 to 3600; got "1.5"/);
  usageFails(['lab-13', '--observe', '-3'], /needs a value|whole seconds/);
  usageFails(['lab-13', '--observe', '3601'], /got "3601"/);
  usageFails(['lab-13', '--observe', 'ten'], /got "ten"/, /--observe 需要/);
});

test('list and help are commands; list takes only --lang and --json', () => {
  assert.equal(parseCliArgs(['list']).command, 'list');
  assert.deepEqual(parseCliArgs(['list', '--lang', 'en', '--json']), { command: 'list', targets: [], json: true, lang: 'en' });
  assert.equal(parseCliArgs(['--help']).command, 'help');
  assert.equal(parseCliArgs(['lab-10', '-h']).command, 'help');
  usageFails(['list', 'lab-10'], /list takes no lab ids/);
  usageFails(['list', '--snapshot', 'x.json'], /list takes only --lang and --json/);
});

test('strict parsing: unknown flags, missing values and values on booleans are usage errors', () => {
  usageFails(['lab-10', '--jsn'], /^Unknown option --jsn\. Did you mean --json\?$/, /未知选项 --jsn。是不是想用 --json？/);
  usageFails(['lab-10', '--snapshots', 'a'], /Did you mean --snapshot\?/);
  usageFails(['lab-10', '--frobnicate'], /^Unknown option --frobnicate\.$/);
  usageFails(['lab-10', '-x'], /Unknown option -x/);
  usageFails(['lab-10', '--junit'], /Option --junit needs a value/);
  usageFails(['lab-10', '--junit', '--json'], /Option --junit needs a value/);
  usageFails(['lab-10', '--json=yes'], /Option --json takes no value/);
  usageFails(['lab-10', '--junit='], /--junit needs a file path/);
  usageFails(['lab-10', '--lang', 'fr'], /--lang takes zh or en; got "fr"/);
});

test('a lab is required; --snapshot excludes the live-only flags', () => {
  usageFails([], /Name the lab to grade/, /请指定要评分的实验/);
  usageFails(['--json'], /Name the lab to grade/);
  usageFails(['lab-10', '--snapshot', 's.json', '--config', 'k.yaml'], /--snapshot grades offline; it cannot be combined with --config/);
  usageFails(['lab-13', '--snapshot', 's.json', '--observe', '60', '--save-snapshot', 'o.json'], /--save-snapshot, --observe/);
  assert.equal(parseCliArgs(['lab-10', '--snapshot', 's.json', '--json', '--junit', 'j.xml']).snapshot, 's.json');
});

test('language: --lang first, then LC_ALL > LC_MESSAGES > LANG; en* is English, anything else Chinese', () => {
  assert.equal(langFromEnv({}), 'zh');
  assert.equal(langFromEnv({ LANG: 'en_US.UTF-8' }), 'en');
  assert.equal(langFromEnv({ LANG: 'en' }), 'en');
  assert.equal(langFromEnv({ LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(langFromEnv({ LANG: 'C.UTF-8' }), 'zh');
  assert.equal(langFromEnv({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' }), 'en');
  assert.equal(langFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' }), 'zh');
  assert.equal(langFromEnv({ LC_ALL: '', LANG: 'en_US' }), 'en', 'an empty LC_ALL does not count');
  assert.equal(langFromEnv({ LANG: 'eng' }), 'zh', 'only the en language code, not a word starting with en');
  assert.equal(langFromArgv(['lab-10', '--lang', 'en']), 'en');
  assert.equal(langFromArgv(['--lang=zh', 'lab-10']), 'zh');
  assert.equal(langFromArgv(['--lang', 'fr']), undefined);
  assert.equal(langFromArgv(['--', '--lang', 'en']), undefined);
});
