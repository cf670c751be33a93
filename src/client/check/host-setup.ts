import type { Lang } from '../../shared/i18n.ts';
import type { HostInput, SaveHostsResponse, TestConnectionResponse } from './api-types.ts';
import { callApi } from './api-client.ts';
import { HOST_TEXT } from './host-setup-text.ts';

/**
 * The host setup form: "Test connection" per host and "Save". Secrets typed here are sent once
 * over this page's own origin and never come back: the server answers only whether one is saved.
 */

function field(fs: HTMLElement, name: string): HTMLInputElement | null {
  return fs.querySelector<HTMLInputElement>(`[name="${name}"]`);
}

function readHost(fs: HTMLElement): HostInput | undefined {
  const get = (n: string) => field(fs, n)?.value.trim() ?? '';
  const host = get('host');
  if (host === '') return undefined;
  const auth = (fs.querySelector<HTMLInputElement>('[name$="-auth"]:checked')?.value ?? 'password') as HostInput['auth'];
  const input: HostInput = {
    name: fs.dataset['hostName'] ?? '',
    role: fs.dataset['role'] === 'worker' ? 'worker' : 'master',
    host,
    port: Number(get('port') || '22'),
    user: get('user'),
    auth,
  };
  // Secrets are sent as typed (not trimmed): a password may end in a space.
  if (auth === 'password') input.password = field(fs, 'password')?.value ?? '';
  if (auth === 'key') {
    input.privateKey = get('privateKey');
    input.passphrase = field(fs, 'passphrase')?.value ?? '';
  }
  return input;
}

function showAuth(fs: HTMLElement): void {
  const auth = fs.querySelector<HTMLInputElement>('[name$="-auth"]:checked')?.value ?? 'password';
  for (const part of fs.querySelectorAll<HTMLElement>('[data-auth]')) part.hidden = part.dataset['auth'] !== auth;
}

function say(box: HTMLElement, lines: string[], state: string): void {
  box.dataset['state'] = state;
  box.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
}

export function mountHostSetup(): void {
  const form = document.querySelector<HTMLFormElement>('[data-host-setup]');
  if (!form) return;
  const lang: Lang = form.dataset['lang'] === 'en' ? 'en' : 'zh';
  const sets = [...form.querySelectorAll<HTMLElement>('[data-host]')];
  const result = form.querySelector<HTMLElement>('[data-save-result]');

  for (const fs of sets) {
    showAuth(fs);
    for (const radio of fs.querySelectorAll<HTMLInputElement>('[name$="-auth"]')) radio.addEventListener('change', () => showAuth(fs));
    const button = fs.querySelector<HTMLButtonElement>('[data-test]');
    const box = fs.querySelector<HTMLElement>('[data-test-result]');
    button?.addEventListener('click', async () => {
      if (!box) return;
      const host = readHost(fs);
      if (!host || host.user === '') return say(box, [HOST_TEXT.needAddress[lang]], 'failed');
      button.disabled = true;
      say(box, [HOST_TEXT.testing[lang]], 'testing');
      const reply = await callApi<TestConnectionResponse>('POST', '/api/hosts/test', { lang, host });
      button.disabled = false;
      if (!reply) return say(box, [HOST_TEXT.network[lang]], 'failed');
      const r = reply.data;
      if ('ok' in r && r.ok)
        say(box, [HOST_TEXT.ok(r.hostname, r.os, r.kubelet)[lang], HOST_TEXT.hostKey(r.hostKey.fingerprint, r.hostKey.trust)[lang]], 'ok');
      else say(box, [`${HOST_TEXT.failed[lang]}${'message' in r ? r.message : ''}`], `failed-${'kind' in r ? r.kind : 'error'}`);
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!result) return;
    const hosts = sets.map(readHost).filter((h): h is HostInput => h !== undefined);
    say(result, [HOST_TEXT.saving[lang]], 'saving');
    const reply = await callApi<SaveHostsResponse>('PUT', '/api/hosts', { lang, hosts });
    if (!reply) return say(result, [HOST_TEXT.network[lang]], 'failed');
    const r = reply.data;
    if ('ok' in r && r.ok) {
      // The saved secrets stay on the server; clear them from the page.
      for (const secret of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) {
        if (secret.value !== '') secret.placeholder = secret.dataset['savedPlaceholder'] ?? '';
        secret.value = '';
      }
      say(result, [HOST_TEXT.saved[lang]], 'saved');
    } else if ('problems' in r) {
      say(result, [HOST_TEXT.notSaved[lang], ...r.problems.map((p) => `${p.path}: ${p.message}`)], 'failed');
    } else {
      say(result, [(r as { message?: string }).message ?? HOST_TEXT.network[lang]], 'failed');
    }
  });
}
