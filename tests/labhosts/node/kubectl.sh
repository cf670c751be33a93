#!/bin/sh
# kubectl of a k8s-labs testbed node. NOT the real kubectl and no API server behind it: it maps
# its argv to a recorded answer under /usr/local/share/k8s-labs/kubectl (written by the testbed
# from tests/labhosts/cluster/, see the README there) and prints it. Anything it has no recording
# for fails like kubectl does, with exit code 1. `apply` is kubectl-apply.sh. Fault switches
# (testbed setFault): hang forever, print ~50 MB, or print a banner before the answer.
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

verb= res= name= ns= allns= out= raw= client= lsel= fsel= file= dry=none
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
    -l|--selector) lsel=${1:-}; shift ;;
    -l=*|--selector=*) lsel=${a#*=} ;;
    -l?*) lsel=${a#-l} ;;
    --field-selector) fsel=${1:-}; shift ;;
    --field-selector=*) fsel=${a#*=} ;;
    -f|--filename) file=${1:-}; shift ;;
    -f=*|--filename=*) file=${a#*=} ;;
    --dry-run=*) dry=${a#--dry-run=} ;;
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
  apply)
    [ -z "$res" ] || fail "Unexpected args: [$res${name:+ $name}]"
    [ -z "$out$lsel$fsel$allns$raw" ] || fail "the k8s-labs testbed's kubectl apply takes only -f, -n and --dry-run"
    exec /bin/sh "$D/kubectl-apply.sh" "$file" "$dry" "$ns" ;;
  get) [ -z "$file" ] || fail "the k8s-labs testbed's kubectl get does not read manifests (-f)" ;;
  '') fail "the k8s-labs testbed's recorded kubectl needs a command (get, apply, version)" ;;
  *) printf "error: unknown command \"%s\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n" "$verb" >&2; exit 1 ;;
esac

if [ -n "$raw" ]; then
  case $raw in
    /apis/metrics.k8s.io/v1beta1/pods) exec cat "$K/raw/metrics-pods.json" ;;
    /apis/metrics.k8s.io/v1beta1/nodes) exec cat "$K/raw/metrics-nodes.json" ;;
    *) printf 'Error from server (NotFound): the server could not find the requested resource\n' >&2; exit 1 ;;
  esac
fi

group=
case $res in
  no|node|nodes) res=nodes ;;
  po|pod|pods) res=pods ;;
  deploy|deployment|deployments|deployments.apps|deployments.v1.apps) res=deployments group=.apps ;;
  rs|replicaset|replicasets|replicasets.apps|replicasets.v1.apps) res=replicasets group=.apps ;;
  svc|service|services) res=services ;;
  ep|endpoints) res=endpoints ;;
  endpointslice|endpointslices|endpointslices.discovery.k8s.io) res=endpointslices group=.discovery.k8s.io ;;
  hpa|horizontalpodautoscaler|horizontalpodautoscalers|horizontalpodautoscalers.autoscaling|horizontalpodautoscalers.v2.autoscaling|hpa.v2.autoscaling) res=horizontalpodautoscalers group=.autoscaling ;;
  ds|daemonset|daemonsets|daemonsets.apps|daemonsets.v1.apps) res=daemonsets group=.apps ;;
  cm|configmap|configmaps) res=configmaps ;;
  pvc|persistentvolumeclaim|persistentvolumeclaims) res=persistentvolumeclaims ;;
  pv|persistentvolume|persistentvolumes) res=persistentvolumes ;;
  '') printf "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\n" >&2; exit 1 ;;
  *) fail "the server doesn't have a resource type \"$res\"" ;;
esac
case $res in nodes|persistentvolumes) ns=- allns= ;; esac # cluster-scoped
[ -z "$ns" ] && ns=default
valid_name "$ns" || [ "$ns" = - ] || fail "invalid namespace \"$ns\""

# -o json, or one of the formats the testbed renders (tests/labhosts/lib/kubectl-formats.ts).
case $out in
  json) fid=json ;;
  '') fail "the k8s-labs testbed recorded only -o json, -o jsonpath=… and -o go-template=… answers, not kubectl's table" ;;
  *) fid=$(F=$out awk -F '\t' '$2 == ENVIRON["F"] { print $1; exit }' "$K/formats.tsv")
     [ -n "$fid" ] || fail "the k8s-labs testbed has no recorded answer for -o '$out' (tests/labhosts/lib/kubectl-formats.ts lists those it has)" ;;
esac
answer() {
  [ "$fid" = json ] && exec cat "$1.json"
  if [ -f "$1.$fid.err" ]; then cat "$1.$fid.err" >&2; exit 1; fi
  exec cat "$1.$fid"
}

if [ -n "$lsel$fsel" ]; then
  [ "$res" = pods ] || fail "the k8s-labs testbed answers label and field selectors only for pods"
  [ -z "$name" ] || fail "name cannot be provided when a selector is specified"
  terms() { printf '%s\n' "$1" | tr , '\n' | sed 's/==/=/' | LC_ALL=C sort | paste -sd, -; }
  if printf '%s\n' "$lsel" | tr , '\n' | grep -Evq '^$|^[A-Za-z0-9][A-Za-z0-9._/-]*==?[A-Za-z0-9._-]*$'; then
    fail "the k8s-labs testbed answers equality label selectors only (key=value,…), not \"$lsel\""
  fi
  for t in $(printf '%s\n' "$fsel" | tr , ' '); do
    case ${t%%=*} in
      status.phase|spec.nodeName) case $t in *!=*) fail "the k8s-labs testbed answers equality field selectors only, not \"$fsel\"" ;; esac ;;
      metadata.name|metadata.namespace|spec.restartPolicy|spec.schedulerName|spec.serviceAccountName|spec.hostNetwork|status.podIP|status.podIPs|status.nominatedNodeName)
        fail "the k8s-labs testbed answers field selectors on status.phase and spec.nodeName only" ;;
      *) printf 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "%s", field selector "%s": field label not supported: %s\n' "$lsel" "$fsel" "${t%%=*}" >&2; exit 1 ;;
    esac
  done
  scope=$ns; [ -n "$allns" ] && scope='*'
  sid=$(S=$scope L=$(terms "$lsel") F=$(terms "$fsel") awk -F '\t' '$1 == ENVIRON["S"] && $2 == ENVIRON["L"] && $3 == ENVIRON["F"] { print $4; exit }' "$K/get/pods/selectors.tsv")
  [ -n "$sid" ] || answer "$K/empty-list" # nothing matches: kubectl prints an empty List
  answer "$K/get/pods/sel/$sid"
fi

if [ -n "$name" ]; then
  [ -n "$allns" ] && fail "a resource cannot be retrieved by name across all namespaces"
  valid_name "$name" && [ -f "$K/get/$res/$ns/$name.json" ] && answer "$K/get/$res/$ns/$name"
  printf 'Error from server (NotFound): %s%s "%s" not found\n' "$res" "$group" "$name" >&2
  exit 1
fi
if [ -n "$allns" ] || [ "$ns" = - ]; then answer "$K/get/$res/all"; fi
[ -f "$K/get/$res/$ns/list.json" ] && answer "$K/get/$res/$ns/list"
answer "$K/empty-list"
