import { CRI_PODS_BODY, CRI_PS_BODY, POD_ADDR_BODY } from './cri-probes.ts';
import { SERVICE1_HTTP_BODY } from './service-http-probe.ts';
import { PVC_SHARE_TEST_BODY } from './share-test-probe.ts';
import { isDnsLabel } from './shell-quote.ts';

/**
 * The probe table: every probe's constant shell body. docs/probes.md documents it and must stay
 * in step. Bodies run under `sh -c` in a clean environment (see script-builder.ts) where
 * `$KRT` is the kubectl request timeout in seconds (a little under the probe's own deadline).
 */
export interface ProbeSpec {
  /** Probe name (`area.thing`), the key in the snapshot. */
  name: string;
  /** POSIX sh text; a constant of src/collect/, never built from user or cluster data. */
  body: string;
  /** Positional parameters `$1…` for the body (only validated DNS labels). */
  args: string[];
  /** Needs root: run through `sudo -n` when the SSH user is not root. */
  root: boolean;
}

/** kubectl never waits forever on a dead API server: its own timeout is 2 s under the probe deadline. */
const kubectl = (args: string) => `exec kubectl --request-timeout="\${KRT}s" ${args}`;

const STATIC: Record<string, { body: string; root?: boolean }> = {
  'kube.nodes': { body: kubectl('get nodes -o json') },
  'kube.pods': { body: kubectl('get pods -A -o json') },
  'kube.deployments': { body: kubectl('get deployments -A -o json') },
  'kube.replicasets': { body: kubectl('get replicasets -A -o json') },
  'kube.services': { body: kubectl('get services -A -o json') },
  'kube.endpoints': { body: kubectl('get endpoints -A -o json') },
  'kube.endpointslices': { body: kubectl('get endpointslices -A -o json') },
  'kube.hpa': { body: kubectl('get horizontalpodautoscalers.v2.autoscaling -A -o json') },
  'kube.daemonsets': { body: kubectl('get daemonsets -A -o json') },
  'kube.configmaps.kube-system': { body: kubectl('get configmaps -n kube-system -o json') },
  'kube.flannel-cm': { body: kubectl('get configmap -n kube-flannel kube-flannel-cfg -o json') },
  'kube.metrics': { body: kubectl('get --raw /apis/metrics.k8s.io/v1beta1/pods') },
  'kube.version': { body: kubectl('version -o json') },
  'kube.pvc': { body: kubectl('get pvc -A -o json') },
  'kube.pv': { body: kubectl('get persistentvolumes -o json') },
  'iptables.save': { body: 'exec iptables-save', root: true },
  // Read when the nft iptables-save warns that legacy tables exist; absent on many hosts.
  'iptables.legacy-save': {
    body: [
      'command -v iptables-legacy-save >/dev/null 2>&1 || { echo "k8s-labs: iptables-legacy-save is not installed on this host, so there is no legacy iptables backend to read" >&2; exit 127; }',
      'exec iptables-legacy-save',
    ].join('\n'),
    root: true,
  },
  'net.link': { body: 'exec ip -j -d link show' },
  'net.addr': { body: 'exec ip -j addr show' },
  'net.route': { body: 'exec ip -j route show' },
  'cri.ps': { body: CRI_PS_BODY, root: true },
  'cri.pods': { body: CRI_PODS_BODY, root: true },
  'host.ps': { body: 'exec ps auxww' },
  'host.hostname': { body: 'exec hostname' },
  'host.swaps': { body: 'exec cat /proc/swaps' },
  'host.holds': { body: 'exec apt-mark showhold' },
  'host.os': { body: 'exec cat /etc/os-release' },
  'host.kubelet-version': { body: 'exec kubelet --version' },
  'http.service1': { body: SERVICE1_HTTP_BODY },
  'pvc.share-test': { body: PVC_SHARE_TEST_BODY },
};

const POD_ADDR = /^pod\.([^.]+)\.([^.]+)\.addr$/;

/** The spec of a probe name, or undefined for a name the collector does not know. */
export function resolveProbe(name: string): ProbeSpec | undefined {
  const fixed = Object.hasOwn(STATIC, name) ? STATIC[name] : undefined;
  if (fixed) return { name, body: fixed.body, args: [], root: fixed.root ?? false };
  const m = POD_ADDR.exec(name);
  if (m && m[1] !== undefined && m[2] !== undefined && isDnsLabel(m[1]) && isDnsLabel(m[2])) {
    return { name, body: POD_ADDR_BODY, args: [m[1], m[2]], root: true };
  }
  return undefined;
}

/** Every fixed probe name (for docs and tests). */
export const PROBE_NAMES: readonly string[] = Object.keys(STATIC);
