#!/bin/sh
# `kubectl apply -f FILE|-` of a k8s-labs testbed node, called by kubectl.sh as
#   kubectl-apply.sh FILE DRY_RUN(none|server|client) NAMESPACE_FLAG
# NOT the real kubectl and no API server behind it. It records what it was given (the manifest,
# the dry-run mode, its exit code, a sequence number) under /usr/local/share/k8s-labs/apply,
# which the tests read through Testbed.lastApplied(node); checks each YAML document the way
# kubectl and the API server would at first sight (apiVersion and kind set and known, a valid
# metadata.name, the namespace agreeing with -n); and prints kubectl's lines: `pod/pod1 configured`
# for objects of the recorded cluster, `… created` for new ones, `(server dry run)`/`(dry run)`
# after them. The recorded cluster does not change. Block-style YAML only (what editors write).
set -f
D=/usr/local/share/k8s-labs
A=$D/apply
K=$D/kubectl
file=$1 dry=$2 nsflag=$3
fail() { printf 'error: %s\n' "$1" >&2; exit 1; }
case $dry in
  none) suffix= ;;
  server) suffix=' (server dry run)' ;;
  client) suffix=' (dry run)' ;;
  *) fail "Invalid dry-run value ($dry). Must be \"none\", \"server\", or \"client\"." ;;
esac
[ -n "$file" ] || fail 'must specify one of -f and -k'

in=$(mktemp "$A/.in.XXXXXX") || fail "the k8s-labs testbed cannot record this apply in $A"
# Recorded on every exit, with the exit code; files are replaced by rename, so a reader never
# sees half of one (and root's records do not lock labuser out of the directory).
finish() {
  rc=$?
  n=$(($(cat "$A/seq" 2>/dev/null || echo 0) + 1))
  printf 'seq=%s\ndryRun=%s\nexitCode=%s\n' "$n" "$dry" "$rc" >"$A/.meta.$$"
  printf '%s\n' "$n" >"$A/.seq.$$"
  mv -f "$in" "$A/last.yaml" && mv -f "$A/.meta.$$" "$A/last.meta" && mv -f "$A/.seq.$$" "$A/seq"
}
trap finish EXIT
if [ "$file" = - ]; then
  src=STDIN
  cat >"$in"
else
  src=$file
  cat -- "$file" >"$in" 2>/dev/null || fail "the path \"$file\" does not exist"
fi

# One line per document: kind, metadata.name, metadata.namespace, apiVersion (US-separated).
objs=$(awk -v q="'" '
  function reset() { kind = ""; name = ""; ns = ""; api = ""; seen = 0; inmeta = 0; mind = -1 }
  function val(s) {
    sub(/^[^:]*:[ \t]*/, "", s)
    c = substr(s, 1, 1)
    if (c == "\"" || c == q) { s = substr(s, 2); i = index(s, c); return i ? substr(s, 1, i - 1) : s }
    sub(/[ \t]+#.*$/, "", s); sub(/[ \t]+$/, "", s); return s
  }
  function flush() { if (seen) printf "%s\037%s\037%s\037%s\n", kind, name, ns, api; reset() }
  BEGIN { reset() }
  { sub(/\r$/, "") }
  /^---([ \t].*)?$/ || /^\.\.\.[ \t]*$/ { flush(); next }
  /^[ \t]*(#.*)?$/ { next }
  { seen = 1 }
  /^[^ \t]/ {
    inmeta = ($0 ~ /^metadata:[ \t]*(#.*)?$/); mind = -1
    if ($0 ~ /^kind:/) kind = val($0); else if ($0 ~ /^apiVersion:/) api = val($0)
    next
  }
  inmeta {
    match($0, /^ */); if (mind < 0) mind = RLENGTH
    if (RLENGTH != mind) next
    if ($0 ~ /^ *name:/) name = val($0); else if ($0 ~ /^ *namespace:/) ns = val($0)
  }
  END { flush() }' "$in")
[ -n "$objs" ] || fail 'no objects passed to apply'

US=$(printf '\037')
bad=$(printf '%s\n' "$objs" | awk -F "$US" '{ m = ""; if ($4 == "") m = "apiVersion not set"; if ($1 == "") m = m (m == "" ? "" : ", ") "kind not set"; if (m != "") { print m; exit } }')
[ -z "$bad" ] || fail "error validating \"$src\": error validating data: [$bad]; if you choose to ignore these errors, turn validation off with --validate=false"

rc=0
while IFS=$US read -r kind name ons api; do
  case "$api $kind" in
    "v1 Namespace"|"v1 PersistentVolume"|"v1 Node"|"storage.k8s.io/v1 StorageClass"|"rbac.authorization.k8s.io/v1 ClusterRole"|"rbac.authorization.k8s.io/v1 ClusterRoleBinding") scoped= ;;
    "v1 Pod"|"v1 Service"|"v1 ConfigMap"|"v1 Secret"|"v1 PersistentVolumeClaim"|"v1 ServiceAccount"|"v1 Endpoints"|\
    "apps/v1 Deployment"|"apps/v1 ReplicaSet"|"apps/v1 DaemonSet"|"apps/v1 StatefulSet"|"autoscaling/v1 HorizontalPodAutoscaler"|"autoscaling/v2 HorizontalPodAutoscaler"|\
    "batch/v1 Job"|"batch/v1 CronJob"|"networking.k8s.io/v1 Ingress"|"networking.k8s.io/v1 NetworkPolicy"|"rbac.authorization.k8s.io/v1 Role"|"rbac.authorization.k8s.io/v1 RoleBinding") scoped=1 ;;
    *) printf 'error: resource mapping not found for name: "%s" namespace: "%s" from "%s": no matches for kind "%s" in version "%s"\nensure CRDs are installed first\n' "$name" "$ons" "$src" "$kind" "$api" >&2; rc=1; continue ;;
  esac
  ns=-
  if [ -n "$scoped" ]; then
    ns=${ons:-${nsflag:-default}}
    if [ -n "$nsflag" ] && [ -n "$ons" ] && [ "$ons" != "$nsflag" ]; then
      printf "error: the namespace from the provided object \"%s\" does not match the namespace \"%s\". You must pass '--namespace=%s' to perform this operation.\n" "$ons" "$nsflag" "$ons" >&2; rc=1; continue
    fi
  fi
  if [ -z "$name" ]; then
    printf 'error: error when retrieving current configuration of:\nResource: "%s", Kind: "%s"\nName: "", Namespace: "%s"\nfrom server for: "%s": resource name may not be empty\n' "$api" "$kind" "${ns#-}" "$src" >&2; rc=1; continue
  fi
  if ! printf '%s\n' "$name" | grep -Eqx '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*' || [ ${#name} -gt 253 ]; then
    printf "The %s \"%s\" is invalid: metadata.name: Invalid value: \"%s\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n" "$kind" "$name" "$name" >&2; rc=1; continue
  fi
  lower=$(printf '%s' "$kind" | tr A-Z a-z)
  case $api in */*) ref=$lower.${api%/*} ;; *) ref=$lower ;; esac
  case $lower in endpoints) plural=endpoints ;; *) plural=${lower}s ;; esac
  if [ -f "$K/get/$plural/$ns/$name.json" ]; then verb=configured; else verb=created; fi
  printf '%s/%s %s%s\n' "$ref" "$name" "$verb" "$suffix"
done <<EOF
$objs
EOF
exit $rc
