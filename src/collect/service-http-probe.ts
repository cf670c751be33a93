/**
 * `http.service1` (active check, master): one HTTP GET to `http://<ClusterIP of service1>:3000/`.
 * service1 may live in any namespace the learner chose: `default` when it is there, else the
 * first namespace by name. Namespace and ClusterIP come from kubectl's output into shell
 * variables and are checked (DNS label; address characters) before use; they never become
 * script text. The last stdout line keeps the original contract `<clusterIP> <http status>`;
 * the line before it names the namespace (readers that take the last line are unaffected).
 * (String.raw: `${…}` is JavaScript, used only for the constant query; shell text uses `$VAR`.)
 */
/** The kubectl output format asked for, verbatim (the testbed's kubectl must answer this exact string). */
export const SERVICE_QUERY = 'jsonpath={range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{" "}{.spec.clusterIP}{"\\n"}{end}';

export const SERVICE1_HTTP_BODY = String.raw`list=$(kubectl --request-timeout="$KRT"s get services -A -o '${SERVICE_QUERY}') || exit $?
line=$(printf '%s\n' "$list" | awk '$2 == "service1" { if ($1 == "default") d = $1 " " $3; if (f == "" || $1 < f) { f = $1; fip = $3 } } END { if (d != "") print d; else if (f != "") print f " " fip }')
if [ -z "$line" ]; then echo "k8s-labs: Service service1 not found in any namespace" >&2; exit 3; fi
read -r ns ip <<EOF
$line
EOF
case $ns in -*|*[!a-z0-9-]*) echo "k8s-labs: unexpected namespace of Service service1" >&2; exit 3 ;; esac
case $ip in ""|None) echo "k8s-labs: Service service1 (namespace $ns) has no ClusterIP" >&2; exit 3 ;; *[!0-9a-fA-F.:]*) echo "k8s-labs: unexpected ClusterIP of Service service1" >&2; exit 3 ;; esac
case $ip in *:*) url="http://[$ip]:3000/" ;; *) url="http://$ip:3000/" ;; esac
code=$(curl -s -o /dev/null -m "$KRT" -w "%{http_code}" "$url"); rc=$?
[ -n "$code" ] || code=000
printf 'namespace %s\n%s %s\n' "$ns" "$ip" "$code"
exit $rc`;
