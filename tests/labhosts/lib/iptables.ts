import { NODES } from '../model/topology.ts';
import { nodeNetns } from './paths.ts';
import { runAsync } from './run.ts';

/**
 * The nodes' iptables as kube-proxy, docker and flanneld left them. The master gets the answer
 * sheet's real `iptables-save` dump (Q10) byte for byte, counters included (`-c`), so
 * `iptables-save` on the master prints the same rules back. The worker gets the same kube-proxy
 * rules (kube-proxy programs every node alike for ClusterIP services) with flanneld's masquerade
 * rules for the worker's own pod subnet and zeroed counters: no real dump of the worker exists.
 */
export function workerDump(masterDump: string): string {
  const masterNet = NODES.master.podCidr.replace(/\./g, '\\.').replace('/', '\\/');
  const re = new RegExp(`(-A FLANNEL-POSTRTG .*)${masterNet}`, 'g');
  return masterDump.replace(re, `$1${NODES.worker.podCidr}`).replace(/^(:\S+ \S+) \[\d+:\d+\]$/gm, '$1 [0:0]');
}

export async function loadIptables(masterDump: string): Promise<void> {
  await Promise.all([
    runAsync(['ip', 'netns', 'exec', nodeNetns('master'), 'iptables-restore', '-c'], { input: masterDump }),
    runAsync(['ip', 'netns', 'exec', nodeNetns('worker'), 'iptables-restore', '-c'], { input: workerDump(masterDump) }),
  ]);
}
