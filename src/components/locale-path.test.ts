import { test } from 'node:test';
import assert from 'node:assert/strict';
import { langOfPath, localizedPath, unlocalizedPath, htmlLang } from './locale-path.ts';

test('langOfPath: /en and /en/… are English, the rest Chinese', () => {
  assert.equal(langOfPath('/'), 'zh');
  assert.equal(langOfPath('/labs/lab-10/'), 'zh');
  assert.equal(langOfPath('/en'), 'en');
  assert.equal(langOfPath('/en/'), 'en');
  assert.equal(langOfPath('/en/labs/lab-10/'), 'en');
  // A path that merely starts with the letters "en" is not English.
  assert.equal(langOfPath('/endpoints/'), 'zh');
});

test('localizedPath keeps the place when switching language', () => {
  assert.equal(localizedPath('en', '/'), '/en/');
  assert.equal(localizedPath('en', '/labs/lab-10/'), '/en/labs/lab-10/');
  assert.equal(localizedPath('zh', '/en/labs/lab-10/'), '/labs/lab-10/');
  assert.equal(localizedPath('zh', '/en/'), '/');
  assert.equal(localizedPath('zh', '/en'), '/');
  assert.equal(localizedPath('en', '/en/labs/lab-01/'), '/en/labs/lab-01/');
  assert.equal(localizedPath('zh', '/labs/lab-01/'), '/labs/lab-01/');
});

test('unlocalizedPath strips only a real language prefix', () => {
  assert.equal(unlocalizedPath('/en/labs/'), '/labs/');
  assert.equal(unlocalizedPath('/endpoints/'), '/endpoints/');
});

test('htmlLang names Simplified Chinese', () => {
  assert.equal(htmlLang('zh'), 'zh-CN');
  assert.equal(htmlLang('en'), 'en');
});
