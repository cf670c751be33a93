/**
 * Bodies of the probes that talk to the container runtime through crictl (`cri.ps`, `cri.pods`,
 * `pod.<ns>.<pod>.addr`). They must reach the runtime the kubelet uses: on a docker + cri-dockerd
 * node without `/etc/crictl.yaml`, crictl's default endpoints start with containerd's socket,
 * which answers (docker runs containerd) with an empty list. So when crictl.yaml names no
 * `runtime-endpoint`, the endpoint comes from the kubelet's own settings. See docs/probes.md.
 */

/** The files the endpoint is read from (tests point these at temporary copies). */
export const CRI_FILES = {
  crictlConfig: '/etc/crictl.yaml',
  kubeadmFlags: '/var/lib/kubelet/kubeadm-flags.env',
  kubeletConfig: '/var/lib/kubelet/config.yaml',
} as const;

/*
 * Sets `$ep` (empty: let crictl choose) and defines `cri`, crictl with that endpoint.
 * kubeadm-flags.env wins over config.yaml as the kubelet's command line wins over its config file
 * (kubeadm ≥ 1.27 moved the endpoint into config.yaml). A bare path (older kubeadm wrote those)
 * gets `unix://`. The value is file content, so it is checked before use: `unix:///` then only
 * path characters, no `..`; anything else is dropped with a note and crictl keeps its default.
 */
const PRELUDE = String.raw`ep=
if ! grep -Eq "^[[:space:]]*runtime-endpoint:[[:space:]]*[\"']?[a-z/]" ${CRI_FILES.crictlConfig} 2>/dev/null; then
  ep=$(grep -v '^[[:space:]]*#' ${CRI_FILES.kubeadmFlags} 2>/dev/null | sed -n 's/.*--container-runtime-endpoint[= ][= ]*\([^ ]*\).*/\1/p' | head -n 1 | tr -d "\"'")
  if [ -z "$ep" ]; then ep=$(sed -n 's/^containerRuntimeEndpoint:[[:space:]]*\([^#]*[^#[:space:]]\).*/\1/p' ${CRI_FILES.kubeletConfig} 2>/dev/null | head -n 1 | tr -d "\"'"); fi
  case $ep in /*) ep=unix://$ep ;; esac
  case $ep in
    ""|unix:///) ep= ;;
    unix:///*[!A-Za-z0-9._/-]*|*..*) echo "k8s-labs: the kubelet's container runtime endpoint has unexpected characters; crictl uses its default endpoint" >&2; ep= ;;
    unix:///*) ;;
    *) echo "k8s-labs: the kubelet's container runtime endpoint is not unix:///<path>; crictl uses its default endpoint" >&2; ep= ;;
  esac
fi
cri() { if [ -n "$ep" ]; then crictl --runtime-endpoint "$ep" "$@"; else crictl "$@"; fi; }`;

export const CRI_PS_BODY = `${PRELUDE}\ncri ps -o json`;
export const CRI_PODS_BODY = `${PRELUDE}\ncri pods -o json`;

/**
 * `pod.<namespace>.<pod>.addr`: `ip -j addr show` inside the pod's network namespace on this node.
 * The ready sandbox's id comes from `crictl pods -o json` into `$id` (matched on exact name and
 * namespace, checked to be hex); its PID from `crictl inspectp` (containerd) or, where that has
 * none (cri-dockerd: the sandbox is the pause container), from `docker inspect`.
 */
export const POD_ADDR_BODY = [
  PRELUDE,
  'ns=$1 pod=$2',
  'id=$(cri pods --name "$pod" --namespace "$ns" -o json | P=$pod NS=$ns awk -F \'"\' \'$2 == "id" { id = $4; n = ""; s = "" } $2 == "name" && n == "" { n = $4 } $2 == "namespace" { s = $4 } $2 == "state" && $4 == "SANDBOX_READY" && n == ENVIRON["P"] && s == ENVIRON["NS"] { print id; exit }\')',
  'case $id in ""|*[!0-9a-f]*) echo "k8s-labs: Pod $ns/$pod has no ready sandbox on this node (crictl pods --name $pod)" >&2; exit 3;; esac',
  'pid=$(cri inspectp "$id" | sed -n \'s/^ *"pid": *\\([0-9][0-9]*\\).*/\\1/p\' | head -n 1)',
  'if [ -z "$pid" ] && command -v docker >/dev/null 2>&1; then pid=$(docker inspect --format "{{.State.Pid}}" "$id"); fi',
  'case $pid in ""|0|*[!0-9]*) echo "k8s-labs: cannot find the network namespace of Pod $ns/$pod (sandbox $id)" >&2; exit 4;; esac',
  'exec nsenter -t "$pid" -n ip -j addr show',
].join('\n');
