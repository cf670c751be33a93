import { isDnsLabel } from './shell-quote.ts';

/**
 * The probe table: every probe's constant shell body. docs/probes.md documents it and must stay
 * in step. Bodies run under `sh -c` in a clean environment (see script-builder.ts) where
 * `$KRT` is the kubectl request timeout in seconds (a little under the probe's own deadline).
 */
export interface ProbeSpec {
  /** Probe name (`area.thing`), the key in the snapshot. */
  name: string;
  /** POSIX sh text; a constant of this file, never built from user or cluster data. */
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
  'iptables.save': { body: 'exec iptables-save', root: true },
  'net.link': { body: 'exec ip -j -d link show' },
  'net.addr': { body: 'exec ip -j addr show' },
  'net.route': { body: 'exec ip -j route show' },
  'cri.ps': { body: 'exec crictl ps -o json', root: true },
  'cri.pods': { body: 'exec crictl pods -o json', root: true },
  'host.ps': { body: 'exec ps aux' },
  'host.hostname': { body: 'exec hostname' },
  'host.swaps': { body: 'exec cat /proc/swaps' },
  'host.holds': { body: 'exec apt-mark showhold' },
  'host.os': { body: 'exec cat /etc/os-release' },
  'host.kubelet-version': { body: 'exec kubelet --version' },
  // The ClusterIP comes from kubectl into $ip and is checked to be an address before use.
  'http.service1': {
    body: [
      'ip=$(kubectl --request-timeout="${KRT}s" get service service1 -n default -o \'jsonpath={.spec.clusterIP}\') || exit $?',
      'case $ip in ""|None) echo "k8s-labs: Service service1 has no ClusterIP" >&2; exit 3;; *[!0-9a-fA-F.:]*) echo "k8s-labs: unexpected ClusterIP of service1" >&2; exit 3;; esac',
      'case $ip in *:*) url="http://[$ip]:3000/";; *) url="http://$ip:3000/";; esac',
      'code=$(curl -s -o /dev/null -m "$KRT" -w "%{http_code}" "$url"); rc=$?',
      'echo "$ip ${code:-000}"; exit $rc',
    ].join('\n'),
  },
};

/**
 * `pod.<namespace>.<pod>.addr`: `ip -j addr show` inside the pod's network namespace on this node.
 * The ready sandbox's id comes from `crictl pods -o json` into `$id` (matched on exact name and
 * namespace, checked to be hex); its PID from `crictl inspectp` (containerd) or, where that has
 * none (cri-dockerd: the sandbox is the pause container), from `docker inspect`.
 */
const POD_ADDR_BODY = [
  'ns=$1 pod=$2',
  'id=$(crictl pods --name "$pod" --namespace "$ns" -o json | P=$pod NS=$ns awk -F \'"\' \'$2 == "id" { id = $4; n = ""; s = "" } $2 == "name" && n == "" { n = $4 } $2 == "namespace" { s = $4 } $2 == "state" && $4 == "SANDBOX_READY" && n == ENVIRON["P"] && s == ENVIRON["NS"] { print id; exit }\')',
  'case $id in ""|*[!0-9a-f]*) echo "k8s-labs: Pod $ns/$pod has no ready sandbox on this node (crictl pods --name $pod)" >&2; exit 3;; esac',
  'pid=$(crictl inspectp "$id" | sed -n \'s/^ *"pid": *\\([0-9][0-9]*\\).*/\\1/p\' | head -n 1)',
  'if [ -z "$pid" ] && command -v docker >/dev/null 2>&1; then pid=$(docker inspect --format "{{.State.Pid}}" "$id"); fi',
  'case $pid in ""|0|*[!0-9]*) echo "k8s-labs: cannot find the network namespace of Pod $ns/$pod (sandbox $id)" >&2; exit 4;; esac',
  'exec nsenter -t "$pid" -n ip -j addr show',
].join('\n');

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
