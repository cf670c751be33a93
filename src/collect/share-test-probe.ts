/**
 * `pvc.share-test` (active check, master, lab-08's optional exercise): is a file written in one
 * replica of `deployment1` seen by another? It writes a random marker file under the mount path
 * of the pods' PVC volume in pod A, reads it from pod B, removes it, and prints one JSON line:
 * `{"writer":…,"reader":…,"path":…,"written":…,"seen":…,"cleaned":…,…}` (docs/probes.md).
 *
 * Every name (namespace, labels, pods, nodes, volume, claim, container, mount path) comes from
 * kubectl's output into a shell variable and is checked against a strict character set before
 * use; marker and path reach the container as argv of `sh -c '<constant>' sh "$1" "$2"`, never
 * spliced into a command string. Exit 0 when the test ran (whatever it saw); otherwise non-zero
 * with the reason on stderr: kubectl's own code when kubectl failed, 3 deployment1 not found or
 * unexpected data, 4 fewer than two Running pods, 5 no writable PVC mount, 6 exec impossible.
 * (String.raw: `${…}` is JavaScript, used only for the constant queries; shell text uses `$VAR`.)
 */
/**
 * The kubectl output formats the probe asks for, verbatim (the testbed's kubectl must answer these
 * exact strings). go-template where a map's keys or a nested list are needed: kubectl's jsonpath
 * has no map keys, and a nested `range` over an empty list drops the rest of its output.
 */
export const SHARE_TEST_QUERIES = {
  deployments: 'jsonpath={range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}',
  matchLabels: 'go-template={{range $k, $v := .spec.selector.matchLabels}}{{$k}}={{$v}}{{"\\n"}}{{end}}',
  runningPods: 'jsonpath={range .items[*]}{.metadata.name}{" "}{.spec.nodeName}{" "}{.metadata.deletionTimestamp}{"\\n"}{end}',
  podVolumes:
    'go-template={{range .spec.volumes}}{{if .persistentVolumeClaim}}V{{"\\t"}}{{.name}}{{"\\t"}}{{.persistentVolumeClaim.claimName}}{{"\\n"}}{{end}}{{end}}{{range .spec.containers}}C{{"\\t"}}{{.name}}{{"\\n"}}{{range .volumeMounts}}M{{"\\t"}}{{.name}}{{"\\t"}}{{if .readOnly}}ro{{else}}rw{{end}}{{"\\t"}}{{.mountPath}}{{"\\n"}}{{end}}{{end}}',
} as const;
const Q = SHARE_TEST_QUERIES;

export const PVC_SHARE_TEST_BODY = String.raw`k() { kubectl --request-timeout="$KRT"s "$@"; }
die() { echo "k8s-labs: pvc.share-test: $2" >&2; exit "$1"; }
name_ok() { case $1 in ""|[!a-z0-9]*|*[!a-z0-9.-]*) return 1 ;; esac; return 0; }
list=$(k get deployments -A -o '${Q.deployments}') || exit $?
ns=$(printf '%s\n' "$list" | awk '$2 == "deployment1" { if ($1 == "default") d = 1; if (f == "" || $1 < f) f = $1 } END { if (d) print "default"; else print f }')
[ -n "$ns" ] || die 3 "Deployment deployment1 was not found in any namespace"
case $ns in -*|*[!a-z0-9-]*) die 3 "unexpected namespace of deployment1" ;; esac
m=$(k get deployment deployment1 -n "$ns" -o '${Q.matchLabels}') || exit $?
sel=$(printf '%s\n' "$m" | awk 'NF == 0 { next } !/^[A-Za-z0-9][A-Za-z0-9._\/-]*=[A-Za-z0-9._-]*$/ { bad = 1; exit } { out = out (out == "" ? "" : ",") $0 } END { if (!bad) print out }')
case $sel in ""|*[!A-Za-z0-9._/=,-]*) die 3 "Deployment deployment1 (namespace $ns) has no usable spec.selector.matchLabels" ;; esac
pods=$(k get pods -n "$ns" -l "$sel" --field-selector=status.phase=Running -o '${Q.runningPods}') || exit $?
pick=$(printf '%s\n' "$pods" | awk 'NF != 2 { next } a == "" { a = $1; an = $2; next } b == "" || (bn == an && $2 != an) { b = $1; bn = $2 } END { if (b != "") print a, an, b, bn }')
[ -n "$pick" ] || die 4 "fewer than two Running pods of deployment1 (namespace $ns, selector $sel)"
read -r a an b bn <<EOF
$pick
EOF
for v in "$a" "$an" "$b" "$bn"; do name_ok "$v" || die 3 "unexpected pod or node name among the pods of deployment1"; done
spec=$(k get pod "$a" -n "$ns" -o '${Q.podVolumes}') || exit $?
use=$(printf '%s\n' "$spec" | awk -F '\t' '
  $1 == "V" && vol == "" { vol = $2; claim = $3 }
  $1 == "C" { c = $2 }
  $1 == "M" { mc[++n] = c; mv[n] = $2; mr[n] = $3; mp[n] = $4 }
  END {
    if (vol == "") exit
    for (i = 1; i <= n; i++) if (mv[i] == vol && mr[i] == "rw") { if (mc[i] == "downloader") { w = i; break } if (w == "") w = i }
    if (w == "") print vol, claim; else print vol, claim, mc[w], mp[w]
  }')
read -r vol claim c mp <<EOF
$use
EOF
[ -n "$vol" ] || die 5 "Pod $a (namespace $ns) has no persistentVolumeClaim volume"
[ -n "$mp" ] || die 5 "no container of Pod $a mounts its PVC volume $vol read-write"
name_ok "$vol" && name_ok "$claim" && name_ok "$c" || die 3 "unexpected volume, claim or container name in Pod $a"
case $mp in /*) ;; *) die 3 "unexpected mount path of volume $vol" ;; esac
case $mp in *[!A-Za-z0-9._/-]*|*..*) die 3 "unexpected mount path of volume $vol" ;; esac
mp=$(printf '%s' "$mp" | sed 's,/*$,,')
marker=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
case $marker in ""|*[!0-9a-f]*) die 3 "cannot make a random marker" ;; esac
path=$mp/.k8s-labs-share-test-$marker
trap 'k exec -n "$ns" "$a" -c "$c" -- rm -f "$path" >/dev/null 2>&1; exit 143' TERM HUP
w=$(k exec -n "$ns" "$a" -c "$c" -- sh -c 'if printf %s "$1" > "$2"; then echo k8s-labs:wrote; else echo k8s-labs:write-failed; fi' sh "$marker" "$path")
case $w in *k8s-labs:wrote*) written=true ;; *k8s-labs:write-failed*) written=false ;; *) die 6 "cannot run sh in container $c of Pod $a (exec into the container failed; its image needs sh)" ;; esac
r=$(k exec -n "$ns" "$b" -c "$c" -- sh -c 'if [ -f "$1" ]; then printf k8s-labs:read:; cat "$1"; else echo k8s-labs:missing; fi' sh "$path")
rrc=$?
d=$(k exec -n "$ns" "$a" -c "$c" -- sh -c 'rm -f "$1" && echo k8s-labs:removed' sh "$path")
trap - TERM HUP
case $d in *k8s-labs:removed*) cleaned=true ;; *) cleaned=false ;; esac
case $r in "k8s-labs:read:$marker") seen=true ;; k8s-labs:read:*|k8s-labs:missing*) seen=false ;; *) die 6 "cannot run sh in container $c of Pod $b (exec into the container exited with $rrc)" ;; esac
printf '{"writer":"%s","reader":"%s","path":"%s","written":%s,"seen":%s,"cleaned":%s,"namespace":"%s","claim":"%s","container":"%s","writerNode":"%s","readerNode":"%s"}\n' "$a" "$b" "$path" "$written" "$seen" "$cleaned" "$ns" "$claim" "$c" "$an" "$bn"`;
