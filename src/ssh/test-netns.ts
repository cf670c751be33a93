import { spawnSync } from 'node:child_process';

/**
 * Test-only: a network namespace of our own that silently drops SSH (a firewall DROP, R1), reached
 * through a veth pair in the test range 198.18.0.0/15. Nothing else is ever addressed.
 */
export interface DropHost {
  address: string;
  remove(): void;
}

function run(args: string[]): boolean {
  return spawnSync(args[0] as string, args.slice(1), { stdio: 'ignore' }).status === 0;
}

export function makeDropHost(): DropHost | string {
  if (process.getuid?.() !== 0) return 'needs root to create a network namespace';
  const id = `${process.pid % 10000}${Math.floor(Math.random() * 90 + 10)}`;
  const ns = `k8sl-drop-${id}`;
  const host = `k8sl-h${id}`;
  const peer = `k8sl-p${id}`;
  const block = (Number(id) % 60) * 4;
  const address = `198.18.251.${block + 2}`;
  const remove = () => {
    run(['ip', 'link', 'del', host]);
    run(['ip', 'netns', 'del', ns]);
  };
  const ok =
    run(['ip', 'netns', 'add', ns]) &&
    run(['ip', 'link', 'add', host, 'type', 'veth', 'peer', 'name', peer, 'netns', ns]) &&
    run(['ip', 'addr', 'add', `198.18.251.${block + 1}/30`, 'dev', host]) &&
    run(['ip', 'link', 'set', host, 'up']) &&
    run(['ip', '-n', ns, 'addr', 'add', `${address}/30`, 'dev', peer]) &&
    run(['ip', '-n', ns, 'link', 'set', peer, 'up']) &&
    run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']) &&
    run(['ip', 'netns', 'exec', ns, 'iptables', '-A', 'INPUT', '-p', 'tcp', '--dport', '22', '-j', 'DROP']);
  if (!ok) {
    remove();
    return 'could not build a network namespace with an iptables DROP rule (ip/iptables missing?)';
  }
  return { address, remove };
}
