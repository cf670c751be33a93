/**
 * Test-only: the namespace testbed (tests/labhosts) as the collector's integration tests see it,
 * or the reason it is not there (the tests then skip with that notice).
 */
export type Testbed = {
  configPath: string;
  hosts: { name: string; role: 'master' | 'worker'; hostname: string }[];
  writeConfig(dir: string, overrides?: object): string;
  setFault(node: 'master' | 'worker', fault: 'none' | 'kubectl-hang' | 'kubectl-huge' | 'kubectl-banner'): void;
  setReachable?(node: 'master' | 'worker', reachable: boolean): void;
  rotateHostKey?(node: 'master' | 'worker'): string;
  restoreHostKey?(node: 'master' | 'worker'): string;
  inNode?(node: 'master' | 'worker', argv: string[]): { stdout: string; status: number };
};

export async function loadTestbed(): Promise<Testbed | string> {
  try {
    const mod = (await import(new URL('../../tests/labhosts/testbed.ts', import.meta.url).href)) as { getTestbed(): Testbed | undefined };
    return mod.getTestbed() ?? 'the namespace testbed is not up (node tests/labhosts/testbed.ts up, or run through npm test)';
  } catch (err) {
    return `the namespace testbed is not available (${(err as Error).message.split('\n')[0]})`;
  }
}
