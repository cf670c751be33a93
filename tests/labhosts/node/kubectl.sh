#!/bin/sh
# kubectl of a k8s-labs testbed node. NOT the real kubectl and no API server behind it: it maps
# its argv to a recorded answer under /usr/local/share/k8s-labs/kubectl (written by the testbed
# from tests/labhosts/cluster/, see the README there) and prints it. Anything it has no recording
# for fails like kubectl does, with exit code 1. Fault switches (testbed setFault): hang forever,
# print ~50 MB, or print a banner before the answer.
D=/usr/local/share/k8s-labs
K=$D/kubectl

fault=$(cat "$D/fault" 2>/dev/null || true)
case $fault in
  kubectl-hang) while :; do sleep 1; done ;;
  kubectl-huge) yes '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"padding-padding-padding"}},' | head -c 52428800; exit 0 ;;
  kubectl-banner) printf 'Welcome to Ubuntu 20.04.6 LTS (GNU/Linux 5.15.0-105-generic x86_64)\n\n * Documentation:  https://help.ubuntu.com\n\n' ;;
esac

fail() { printf 'error: %s\n' "$1" >&2; exit 1; }
usage_flag() { printf "error: unknown flag: %s\nSee 'kubectl %s --help' for usage.\n" "$1" "${verb:-}" >&2; exit 1; }
valid_name() { case $1 in ''|*[!a-z0-9.-]*|.*) return 1 ;; esac; return 0; }

verb= res= name= ns= allns= out= raw= client=
while [ $# -gt 0 ]; do
  a=$1; shift
  case $a in
    --request-timeout=*|--kubeconfig=*|-v=*|--v=*|--context=*) ;;
    --request-timeout|--kubeconfig|--context) shift ;;
    -A|--all-namespaces|--all-namespaces=true) allns=1 ;;
    -n|--namespace) ns=${1:-}; shift ;;
    --namespace=*) ns=${a#--namespace=} ;;
    -n?*) ns=${a#-n} ;;
    -o|--output) out=${1:-}; shift ;;
    -o=*|--output=*) out=${a#*=} ;;
    -o?*) out=${a#-o} ;;
    --raw) raw=${1:-}; shift ;;
    --raw=*) raw=${a#--raw=} ;;
    --client|--client=true) client=1 ;;
    -*) usage_flag "$a" ;;
    *) if [ -z "$verb" ]; then verb=$a; elif [ -z "$res" ]; then res=$a; elif [ -z "$name" ]; then name=$a; else fail "too many arguments"; fi ;;
  esac
done

case $verb in
  version)
    [ "$out" = json ] || fail "the k8s-labs testbed recorded only \`kubectl version -o json\`"
    if [ -n "$client" ]; then exec cat "$K/version-client.json"; fi
    exec cat "$K/version.json" ;;
  get) ;;
  '') fail "the k8s-labs testbed's recorded kubectl needs a command (get, version)" ;;
  *) printf "error: unknown command \"%s\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n" "$verb" >&2; exit 1 ;;
esac

if [ -n "$raw" ]; then
  case $raw in
    /apis/metrics.k8s.io/v1beta1/pods) exec cat "$K/raw/metrics-pods.json" ;;
    /apis/metrics.k8s.io/v1beta1/nodes) exec cat "$K/raw/metrics-nodes.json" ;;
    *) printf 'Error from server (NotFound): the server could not find the requested resource\n' >&2; exit 1 ;;
  esac
fi

case $res in
  no|node|nodes) res=nodes ;;
  po|pod|pods) res=pods ;;
  deploy|deployment|deployments|deployments.apps) res=deployments ;;
  rs|replicaset|replicasets|replicasets.apps) res=replicasets ;;
  svc|service|services) res=services ;;
  ep|endpoints) res=endpoints ;;
  endpointslice|endpointslices|endpointslices.discovery.k8s.io) res=endpointslices ;;
  hpa|horizontalpodautoscaler|horizontalpodautoscalers|horizontalpodautoscalers.autoscaling) res=horizontalpodautoscalers ;;
  ds|daemonset|daemonsets|daemonsets.apps) res=daemonsets ;;
  cm|configmap|configmaps) res=configmaps ;;
  pvc|persistentvolumeclaim|persistentvolumeclaims) res=persistentvolumeclaims ;;
  '') printf "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\n" >&2; exit 1 ;;
  *) fail "the server doesn't have a resource type \"$res\"" ;;
esac
[ "$res" = nodes ] && ns=- allns=
[ -z "$ns" ] && ns=default
valid_name "$ns" || [ "$ns" = - ] || fail "invalid namespace \"$ns\""

case $out in
  json) ;;
  jsonpath=*)
    valid_name "$name" || fail "the k8s-labs testbed recorded jsonpath answers only for named objects"
    f=$K/get/$res/$ns/$name.jsonpath
    v=$(awk -F '\t' -v e="${out#jsonpath=}" '$1 == e { print $2; found = 1 } END { exit !found }' "$f" 2>/dev/null) \
      || fail "the k8s-labs testbed has no recorded answer for -o $out"
    printf '%s' "$v"; exit 0 ;;
  *) fail "the k8s-labs testbed recorded only -o json (and a few -o jsonpath answers); got -o '${out}'" ;;
esac

if [ -n "$name" ]; then
  [ -n "$allns" ] && fail "a resource cannot be retrieved by name across all namespaces"
  valid_name "$name" && [ -f "$K/get/$res/$ns/$name.json" ] && exec cat "$K/get/$res/$ns/$name.json"
  printf 'Error from server (NotFound): %s "%s" not found\n' "$res" "$name" >&2
  exit 1
fi
if [ -n "$allns" ] || [ "$ns" = - ]; then exec cat "$K/get/$res/all.json"; fi
[ -f "$K/get/$res/$ns/list.json" ] && exec cat "$K/get/$res/$ns/list.json"
exec cat "$K/empty-list.json"
