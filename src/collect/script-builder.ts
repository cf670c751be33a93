import { randomBytes } from 'node:crypto';
import type { ProbeSpec } from './probes.ts';
import { isDnsLabel, shQuote } from './shell-quote.ts';

/**
 * The one command string every collection execs: a constant. The learner's login shell runs it;
 * absolute paths and `env -i` keep aliases, functions and PATH tricks from rc files out of the
 * probes (SECURITY G1), and `sh -s` reads the script below from stdin.
 */
export const EXEC_COMMAND =
  'exec /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C HOME="$HOME" /bin/sh -s';

/** Output kept per probe: the head, the rest is drained and the probe marked `truncated` (SECURITY R10). */
export const STDOUT_CAP = 8 * 1024 * 1024;
export const STDERR_CAP = 1024 * 1024;

export interface ScriptOptions {
  /** Random per run; frames without it are noise (banners, forged lines). */
  nonce: string;
  /** Deadline of each probe, seconds. */
  probeTimeoutS: number;
  /** Time budget of the whole script on the host, seconds: probes past it are not started. */
  budgetS: number;
  stdoutCap?: number;
  stderrCap?: number;
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Printed as the stderr of a root probe when sudo cannot run it without a password. */
const NO_SUDO = [
  'echo "k8s-labs: this probe needs root, and sudo -n cannot run it without a password (or sudo is missing). Log in as root in k8s-labs.yaml, or allow this user passwordless sudo." >&2',
  'echo "k8s-labs: 此探针需要 root 权限，但 sudo -n 无法免密运行（或未安装 sudo）。请在 k8s-labs.yaml 中以 root 登录，或为该用户配置免密 sudo。" >&2',
  'exit 126',
].join('; ');

/*
 * Frames (one per line, `@@<nonce> <type> …`): A <count> at start; per probe O <i> + base64 of
 * stdout, E <i> + base64 of stderr, X <i> <rc|-> <ms> <flag> (t: timed out, s: not started because
 * the budget was used up, -: none); Z <count> at the end. Base64 lines never start with `@`, so
 * probe output can never look like a frame. A stream of CAP+1 bytes means "truncated": the parser
 * keeps CAP and sets the flag (this saves forks per probe on the host).
 *
 * Each probe: `timeout -k 2` kills its whole process group at the deadline (no orphans, R12);
 * stdout and stderr go through two pipes (fd 3 swap) into `cap`, which keeps CAP+1 bytes and
 * drains the rest so the probe finishes with its own exit code; elapsed time from /proc/uptime
 * (no fork). The script is one function called at the end: a script cut short runs nothing.
 * Signals (also SIGPIPE once the collector has hung up) end it through `exit`, so the EXIT trap
 * removes its temp folder.
 */
const PRELUDE = `set -u
umask 077
d=$(mktemp -d "\${TMPDIR:-/tmp}/k8s-labs.XXXXXXXX") || { printf '@@%s F mktemp\\n' "$N"; exit 1; }
trap 'rm -rf "$d"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 141' PIPE
now() {
  if read -r up _ 2>/dev/null </proc/uptime; then T=\${up%.*}\${up#*.}; else T=$(( $(date +%s) * 100 )); fi
  T=\${T#"\${T%%[!0]*}"}; T=\${T:-0}
}
cap() { head -c "$2" >"$1"; cat >/dev/null; }
if [ ! -r "\${HOME:-/nonexistent}/.kube/config" ] && [ -r /etc/kubernetes/admin.conf ]; then KUBECONFIG=/etc/kubernetes/admin.conf; export KUBECONFIG; fi
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=y; fi
SUDOOK=1
rp() {
  i=$1 r=$2 b=$3; shift 3
  now; left=$(( BUDGET - (T - T0) / 100 ))
  if [ "$left" -lt 1 ]; then printf '@@%s X %s - 0 s\\n' "$N" "$i" || exit 1; return 0; fi
  t=$PT; if [ "$left" -lt "$t" ]; then t=$left; fi
  if [ "$t" -gt 3 ]; then KRT=$((t - 2)); else KRT=1; fi; export KRT
  pre=
  if [ "$r" = 1 ] && [ -n "$SUDO" ]; then if [ "$SUDOOK" = 1 ]; then pre='sudo -n'; else b=$NOSUDO; fi; fi
  : >"$d/rc"
  now; s=$T
  { { $pre timeout -k 2 "$t" sh -c "$b" k8s-labs-probe "$@" </dev/null 2>&1 1>&3 3>&-; echo $? >"$d/rc"; } | cap "$d/e" $((CAPE + 1)); } 3>&1 | cap "$d/o" $((CAP + 1))
  now; ms=$(( (T - s) * 10 ))
  rc=-; if [ -s "$d/rc" ]; then read -r rc <"$d/rc"; fi
  f=-
  if { [ "$rc" = 124 ] || [ "$rc" = 137 ]; } && [ $((T - s)) -ge $((t * 100 - 5)) ]; then f=t; fi
  { printf '@@%s O %s\\n' "$N" "$i"; base64 "$d/o"; printf '@@%s E %s\\n' "$N" "$i"; base64 "$d/e"; printf '@@%s X %s %s %s %s\\n' "$N" "$i" "$rc" "$ms" "$f"; } || exit 1
}
`;

/** Builds the script for `specs` (index = position). Only constants and checked labels reach it. */
export function buildScript(specs: readonly ProbeSpec[], opts: ScriptOptions): string {
  if (!/^[0-9a-f]{16,64}$/.test(opts.nonce)) throw new Error('buildScript: the nonce must be hex');
  const ints = [opts.probeTimeoutS, opts.budgetS, opts.stdoutCap ?? STDOUT_CAP, opts.stderrCap ?? STDERR_CAP];
  if (!ints.every((n) => Number.isInteger(n) && n > 0)) throw new Error('buildScript: limits must be positive integers');
  const lines = ['k8slabs_main() {'];
  lines.push(`N=${opts.nonce}`);
  lines.push(`PT=${opts.probeTimeoutS} BUDGET=${opts.budgetS} CAP=${ints[2]} CAPE=${ints[3]}`);
  lines.push(`NOSUDO=${shQuote(NO_SUDO)}`);
  lines.push(PRELUDE);
  // Ask sudo once, and only when a root probe runs as a non-root user (no auth-log noise otherwise).
  if (specs.some((s) => s.root)) {
    lines.push('if [ -n "$SUDO" ] && ! timeout 10 sudo -n true </dev/null >/dev/null 2>&1; then SUDOOK=0; fi');
  }
  lines.push(`now; T0=$T`);
  lines.push(`printf '@@%s A %s\\n' "$N" ${specs.length}`);
  specs.forEach((spec, i) => {
    for (const arg of spec.args) {
      if (!isDnsLabel(arg)) throw new Error(`buildScript: argument of ${spec.name} is not a DNS label`);
    }
    const args = spec.args.map(shQuote).join(' ');
    lines.push(`rp ${i} ${spec.root ? 1 : 0} ${shQuote(spec.body)}${args ? ` ${args}` : ''}`);
  });
  lines.push(`printf '@@%s Z %s\\n' "$N" ${specs.length}`);
  lines.push('}');
  // Called only after the whole function has been read: a truncated script runs nothing.
  lines.push('k8slabs_main </dev/null');
  return `${lines.join('\n')}\n`;
}
