import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSshdSkip, startLocalSshd, writeHostsConfig, type LocalHost } from './terminal-sshd.ts';

/**
 * The SSH hosts the terminal's end-to-end tests and benchmark run against: the namespace testbed
 * (tests/labhosts, TESTBED.md) when it is up, else real sshd processes on 127.0.0.1 started here
 * (tests/e2e/terminal-sshd.ts). Either way: real OpenSSH, a config file in the k8s-labs.yaml
 * format, and per-host `hostname` values to look for.
 */
export interface TerminalTestHosts {
  source: 'testbed' | 'local-sshd';
  hosts: LocalHost[];
  /** A k8s-labs.yaml that logs in to every host (pinned host keys). */
  configPath: string;
  /** A variant whose password sshd refuses. */
  wrongPasswordConfig(): string;
  /** A variant pinning a different host key for every host. */
  wrongHostKeyConfig(): string;
  stop(): void;
}

export function terminalHostsSkip(): string | false {
  return localSshdSkip();
}

interface TestbedLike {
  hosts: { name: string; host: string; port: number; hostname: string; hostKeyFingerprint: string }[];
  user: string;
  privateKeyPath: string;
}

async function testbed(): Promise<TestbedLike | undefined> {
  try {
    // A variable specifier: the testbed module may not exist yet in this tree.
    const spec = '../labhosts/testbed.ts';
    const mod = (await import(spec)) as { getTestbed?: () => TestbedLike | undefined };
    return mod.getTestbed?.();
  } catch {
    return undefined;
  }
}

const OTHER_KEY = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function terminalTestHosts(): Promise<TerminalTestHosts> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-labs-term-cfg-'));
  const tb = await testbed();
  let hosts: LocalHost[];
  let stopHosts = () => undefined as void;
  let source: TerminalTestHosts['source'];
  if (tb) {
    source = 'testbed';
    hosts = tb.hosts.map((h) => ({
      name: h.name,
      host: h.host,
      port: h.port,
      user: tb.user,
      hostname: h.hostname,
      privateKeyPath: tb.privateKeyPath,
      hostKeyFingerprint: h.hostKeyFingerprint,
    }));
  } else {
    source = 'local-sshd';
    const local = await startLocalSshd();
    hosts = local.hosts;
    stopHosts = () => local.stop();
  }
  return {
    source,
    hosts,
    configPath: writeHostsConfig(dir, hosts),
    wrongPasswordConfig: () => writeHostsConfig(dir, hosts, { password: 'not-the-password' }),
    wrongHostKeyConfig: () =>
      writeHostsConfig(
        dir,
        hosts.map((h) => ({ ...h, hostKeyFingerprint: OTHER_KEY })),
      ),
    stop() {
      stopHosts();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
