#!/bin/sh
# crictl of a k8s-labs testbed node. NOT the real crictl and no container runtime behind it: it
# maps its argv to the recorded cri-dockerd answers of this node under
# /usr/local/share/k8s-labs/crictl (see tests/labhosts/cluster/README.md) and prints them.
# Like the real one it needs root (the CRI socket is root-only); unknown argv fail with exit 1.
C=/usr/local/share/k8s-labs/crictl
SOCK=unix:///var/run/cri-dockerd.sock

if [ "$(id -u)" != 0 ]; then
  printf 'time="%s" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"%s\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /var/run/cri-dockerd.sock: connect: permission denied\\""\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$SOCK" >&2
  exit 1
fi
fail() { printf 'time="%s" level=fatal msg="%s"\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" >&2; exit 1; }
valid() { case $1 in ''|*[!A-Za-z0-9._-]*|.*) return 1 ;; esac; return 0; }

cmd= out= name= ns= all= id=
while [ $# -gt 0 ]; do
  a=$1; shift
  case $a in
    -r|--runtime-endpoint|-i|--image-endpoint|-t|--timeout|-c|--config) shift ;;
    --runtime-endpoint=*|--image-endpoint=*|--timeout=*|--config=*|-D|--debug) ;;
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

case $cmd in
  version) printf 'Version:  0.1.0\nRuntimeName:  docker\nRuntimeVersion:  26.1.1\nRuntimeApiVersion:  v1\n'; exit 0 ;;
  ps|pods|inspectp) ;;
  '') fail "the k8s-labs testbed's recorded crictl needs a command (ps, pods, inspectp, version)" ;;
  *) printf "No help topic for '%s'\n" "$cmd" >&2; exit 3 ;;
esac
[ "$out" = json ] || [ "$cmd" = inspectp ] || fail "the k8s-labs testbed recorded only -o json for crictl $cmd"

case $cmd in
  ps) [ -n "$all" ] && exec cat "$C/ps-a.json"; exec cat "$C/ps.json" ;;
  pods)
    if [ -z "$name$ns" ]; then exec cat "$C/pods.json"; fi
    [ -z "$ns" ] && ns=_any
    if valid "$name" && valid "$ns" && [ -f "$C/pods/$ns/$name.json" ]; then exec cat "$C/pods/$ns/$name.json"; fi
    printf '{\n  "items": []\n}\n'; exit 0 ;;
  inspectp)
    valid "$id" || fail "ID cannot be empty"
    for f in "$C/inspectp/$id"*.json; do [ -f "$f" ] && exec cat "$f"; done
    fail "getting the pod sandbox status for \"$id\": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found" ;;
esac
