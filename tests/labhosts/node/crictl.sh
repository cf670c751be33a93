#!/bin/sh
# crictl of a k8s-labs testbed node. NOT the real crictl and no container runtime behind it: it
# maps its argv to the recorded cri-dockerd answers of this node under
# /usr/local/share/k8s-labs/crictl (see tests/labhosts/cluster/README.md) and prints them.
# Like the real one it needs root (the CRI socket is root-only); unknown argv fail with exit 1.
# The endpoint decides who answers, as on the answer sheet's docker + cri-dockerd node:
# --runtime-endpoint / CONTAINER_RUNTIME_ENDPOINT, else runtime-endpoint in the config file
# (--config / CRI_CONFIG_FILE, default /etc/crictl.yaml), else crictl's default endpoints, whose
# first one is containerd's socket: docker's containerd answers there with no Kubernetes
# containers at all, so without an endpoint crictl lists nothing (after a deprecation warning).
C=/usr/local/share/k8s-labs/crictl
CRI_DOCKERD=/var/run/cri-dockerd.sock
CONTAINERD=/run/containerd/containerd.sock

stamp() { date -u +%Y-%m-%dT%H:%M:%SZ; }
# logrus: WARN[0000] on a terminal, key=value otherwise (as the collector sees it).
log() { if [ -t 2 ]; then printf '%s[0000] %s\n' "$(printf %s "$1" | tr a-z A-Z | cut -c1-4)" "$2" >&2; else printf 'time="%s" level=%s msg="%s"\n' "$(stamp)" "$1" "$(printf %s "$2" | sed 's/["\\]/\\&/g')" >&2; fi; }
fail() { log fatal "$1"; exit 1; }
valid() { case $1 in ''|*[!A-Za-z0-9._-]*|.*) return 1 ;; esac; return 0; }

cmd= out= name= ns= all= id= ep=${CONTAINER_RUNTIME_ENDPOINT:-} cfg=${CRI_CONFIG_FILE:-/etc/crictl.yaml} cfgset=${CRI_CONFIG_FILE:+1}
while [ $# -gt 0 ]; do
  a=$1; shift
  case $a in
    -r|--runtime-endpoint) ep=${1:-}; shift ;;
    --runtime-endpoint=*) ep=${a#*=} ;;
    -c|--config) cfg=${1:-}; cfgset=1; shift ;;
    --config=*) cfg=${a#*=}; cfgset=1 ;;
    -i|--image-endpoint|-t|--timeout) shift ;;
    --image-endpoint=*|--timeout=*|-D|--debug) ;;
    -o|--output) out=${1:-}; shift ;;
    -o=*|--output=*) out=${a#*=} ;;
    --name) name=${1:-}; shift ;;
    --name=*) name=${a#--name=} ;;
    --namespace) ns=${1:-}; shift ;;
    --namespace=*) ns=${a#--namespace=} ;;
    -a|--all) all=1 ;;
    -*) fail "flag provided but not defined: $a" ;;
    *) if [ -z "$cmd" ]; then cmd=$a; elif [ -z "$id" ]; then id=$a; else fail "too many arguments"; fi ;;
  esac
done

if [ -z "$ep" ]; then
  if [ -r "$cfg" ]; then
    ep=$(sed -n 's/^[[:space:]]*runtime-endpoint:[[:space:]]*//p' "$cfg" | head -n 1 | sed 's/[[:space:]]*#.*//; s/[[:space:]]*$//' | tr -d "\"'")
  elif [ -n "$cfgset" ]; then
    fail "load config file: stat $cfg: no such file or directory"
  fi
fi
if [ -z "$ep" ]; then
  log warning "runtime connect using default endpoints: [unix://$CONTAINERD unix:///run/crio/crio.sock unix://$CRI_DOCKERD]. As the default settings are now deprecated, you should set the endpoint instead."
  ep=unix://$CONTAINERD
fi
case $ep in /*) sock=$ep ;; unix://*) sock=${ep#unix://} ;; *) fail "validate service connection: protocol \"${ep%%:*}\" not supported" ;; esac
case $sock in
  "$CRI_DOCKERD"|/run/cri-dockerd.sock) runtime=cri-dockerd ;;
  "$CONTAINERD"|/var/run/containerd/containerd.sock) runtime=containerd ;;
  *) fail "validate service connection: validate CRI v1 runtime API for endpoint \"$ep\": rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial unix $sock: connect: no such file or directory\"" ;;
esac
if [ "$(id -u)" != 0 ]; then
  fail "validate service connection: validate CRI v1 runtime API for endpoint \"$ep\": rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial unix $sock: connect: permission denied\""
fi

case $cmd in
  version)
    if [ $runtime = containerd ]; then printf 'Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.6.31\nRuntimeApiVersion:  v1\n'; exit 0; fi
    printf 'Version:  0.1.0\nRuntimeName:  docker\nRuntimeVersion:  26.1.1\nRuntimeApiVersion:  v1\n'; exit 0 ;;
  ps|pods|inspectp) ;;
  '') fail "the k8s-labs testbed's recorded crictl needs a command (ps, pods, inspectp, version)" ;;
  *) printf "No help topic for '%s'\n" "$cmd" >&2; exit 3 ;;
esac
[ "$out" = json ] || [ "$cmd" = inspectp ] || fail "the k8s-labs testbed recorded only -o json for crictl $cmd"

# docker's own containerd holds docker's containers in its "moby" namespace; its CRI sees none.
if [ $runtime = containerd ]; then
  case $cmd in
    ps) printf '{\n  "containers": []\n}\n'; exit 0 ;;
    pods) printf '{\n  "items": []\n}\n'; exit 0 ;;
  esac
fi

case $cmd in
  ps) [ -n "$all" ] && exec cat "$C/ps-a.json"; exec cat "$C/ps.json" ;;
  pods)
    if [ -z "$name$ns" ]; then exec cat "$C/pods.json"; fi
    [ -z "$ns" ] && ns=_any
    if valid "$name" && valid "$ns" && [ -f "$C/pods/$ns/$name.json" ]; then exec cat "$C/pods/$ns/$name.json"; fi
    printf '{\n  "items": []\n}\n'; exit 0 ;;
  inspectp)
    valid "$id" || fail "ID cannot be empty"
    if [ $runtime = cri-dockerd ]; then for f in "$C/inspectp/$id"*.json; do [ -f "$f" ] && exec cat "$f"; done; fi
    fail "getting the pod sandbox status for \"$id\": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found" ;;
esac
