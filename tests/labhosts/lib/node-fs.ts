import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KUBELET_CONFIG } from '../model/config-texts.ts';
import { NODES, podsOn, type Role } from '../model/topology.ts';
import { nodeDir, NODE_SCRIPTS, podNetns, STATE_DIR, USER, USER_UID } from './paths.ts';
import { crictlFiles, kubectlFiles } from './recorded.ts';
import { run, runAsync } from './run.ts';

/**
 * Writes one node's private view of the machine into its state directory; boot.sh mounts the
 * pieces over /etc, /home, /usr/local, /usr/bin, /var/lib and the dpkg status inside the node only.
 */

const RECORDED_KUBECTL = `${STATE_DIR}/recorded/kubectl`;

export interface Credentials {
  publicKey: string;
  passwordHash: string;
}

function put(path: string, content: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
}

/** crypt(3) SHA-512 hash through perl (perl-base is on every Debian); the password goes on stdin, not argv. */
export function hashPassword(password: string, salt: string): string {
  return run(['perl', '-e', 'my $p = <STDIN>; chomp $p; print crypt($p, "\\$6\\$$ARGV[0]\\$")', salt], { input: `${password}\n` }).stdout;
}

function etc(dir: string, role: Role, creds: Credentials): void {
  const n = NODES[role];
  const peer = NODES[role === 'master' ? 'worker' : 'master'];
  put(`${dir}/etc/hostname`, `${n.name}\n`);
  put(
    `${dir}/etc/hosts`,
    `127.0.0.1 localhost\n127.0.1.1 ${n.name}\n${peer.ip} ${peer.name}\n\n::1     ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
  );
  const gecos = 'k8s-labs testbed user';
  put(`${dir}/etc/passwd`, `${readFileSync('/etc/passwd', 'utf8')}${USER}:x:${USER_UID}:${USER_UID}:${gecos}:/home/${USER}:/bin/bash\n`);
  put(`${dir}/etc/group`, `${readFileSync('/etc/group', 'utf8')}${USER}:x:${USER_UID}:\n`);
  const shadow = existsSync('/etc/shadow') ? readFileSync('/etc/shadow', 'utf8') : '';
  put(`${dir}/etc/shadow`, `${shadow}${USER}:${creds.passwordHash}:19850:0:99999:7:::\n`, 0o640);
  // Probes marked root run through `sudo -n`: labuser may, as a learner with sudo rights would.
  put(`${dir}/etc/sudoers.d/${USER}`, `${USER} ALL=(ALL:ALL) NOPASSWD: ALL\n`, 0o440);
  const home = `${dir}/home/${USER}`;
  put(`${home}/.ssh/authorized_keys`, `${creds.publicKey}\n`, 0o600);
  for (const p of [home, `${home}/.ssh`, `${home}/.ssh/authorized_keys`]) chownSync(p, USER_UID, USER_UID);
  chmodSync(`${home}/.ssh`, 0o700);
  chmodSync(home, 0o750);
}

async function sshd(dir: string, role: Role): Promise<void> {
  const key = `${dir}/ssh/ssh_host_ed25519_key`;
  mkdirSync(`${dir}/ssh`, { recursive: true, mode: 0o700 });
  await runAsync(['ssh-keygen', '-q', '-N', '', '-t', 'ed25519', '-C', `root@${NODES[role].name}`, '-f', key]);
  put(
    `${dir}/ssh/sshd_config`,
    [
      `ListenAddress ${NODES[role].ip}:22`,
      `HostKey ${key}`,
      // The node has no PAM stack of its own; sshd checks the password against the node's shadow.
      'UsePAM no',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin no',
      'LogLevel VERBOSE',
      'MaxSessions 10',
      // Allowed on purpose: tests prove that our client never asks for agent forwarding.
      'AllowAgentForwarding yes',
      'X11Forwarding no',
      'PrintMotd no',
      'PrintLastLog no',
      'UseDNS no',
      'PidFile none',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      '',
    ].join('\n'),
  );
}

function usrLocal(dir: string, role: Role): void {
  const share = `${dir}/usr-local/share/k8s-labs`;
  for (const sub of ['bin', 'etc', 'include', 'lib', 'sbin', 'share/k8s-labs', 'src'])
    mkdirSync(`${dir}/usr-local/${sub}`, { recursive: true });
  copyFileSync(`${NODE_SCRIPTS}kubectl.sh`, `${dir}/usr-local/bin/kubectl`);
  copyFileSync(`${NODE_SCRIPTS}kubectl-apply.sh`, `${share}/kubectl-apply.sh`);
  copyFileSync(`${NODE_SCRIPTS}crictl.sh`, `${dir}/usr-local/bin/crictl`);
  chmodSync(`${dir}/usr-local/bin/kubectl`, 0o755);
  chmodSync(`${dir}/usr-local/bin/crictl`, 0o755);
  put(`${share}/fault`, 'none\n');
  put(`${share}/docker-pids.tsv`, '');
  // `kubectl apply` records what it was given here (Testbed.lastApplied); labuser runs kubectl.
  mkdirSync(`${share}/apply`, { mode: 0o755 });
  chownSync(`${share}/apply`, USER_UID, USER_UID);
  // kubectl asks the one API server, so both nodes read the same recorded answers.
  symlinkSync(RECORDED_KUBECTL, `${share}/kubectl`);
  for (const [rel, content] of crictlFiles(role)) put(`${share}/crictl/${rel}`, content, 0o600);
}

function usrBin(dir: string): void {
  mkdirSync(`${dir}/usr-bin`, { recursive: true });
  copyFileSync(`${NODE_SCRIPTS}standin.pl`, `${dir}/usr-bin/kubelet`);
  copyFileSync(`${NODE_SCRIPTS}docker.sh`, `${dir}/usr-bin/docker`);
  chmodSync(`${dir}/usr-bin/kubelet`, 0o755);
  chmodSync(`${dir}/usr-bin/docker`, 0o755);
}

/**
 * The node's /var/lib/kubelet as kubeadm leaves it (kubeadm-flags.env with the cri-dockerd
 * socket, the kubelet's config.yaml), so the collector's runtime endpoint discovery reads real
 * files. It is the upper layer of a writable overlay on /var/lib (boot.sh): the node sees the
 * machine's /var/lib plus these, and what it writes there stays in the state directory.
 */
function varLib(dir: string, role: Role): void {
  mkdirSync(`${dir}/var-lib/work`, { recursive: true, mode: 0o700 });
  mkdirSync(`${dir}/var-lib/upper/kubelet`, { recursive: true });
  chmodSync(`${dir}/var-lib/upper`, 0o755);
  chmodSync(`${dir}/var-lib/upper/kubelet`, 0o700); // kubeadm creates it 0700
  put(`${dir}/var-lib/upper/kubelet/kubeadm-flags.env`, `KUBELET_KUBEADM_ARGS="${NODES[role].kubeadmFlags.join(' ')}"\n`);
  put(`${dir}/var-lib/upper/kubelet/config.yaml`, KUBELET_CONFIG);
}

/** The machine's dpkg status plus kubelet/kubeadm/kubectl held, as `apt-mark hold` leaves them (Q1). */
function dpkgStatus(dir: string): void {
  const stanza = (pkg: string) =>
    `Package: ${pkg}\nStatus: hold ok installed\nPriority: optional\nSection: misc\nInstalled-Size: 50000\nMaintainer: Kubernetes Authors <kubernetes-dev@googlegroups.com>\nArchitecture: amd64\nVersion: 1.29.4-2.1\nDescription: ${pkg} (recorded by the k8s-labs testbed; not installed)\n`;
  const base = readFileSync('/var/lib/dpkg/status', 'utf8').replace(/\n*$/, '\n');
  put(`${dir}/dpkg-status`, `${base}\n${['kubeadm', 'kubectl', 'kubelet'].map(stanza).join('\n')}`);
}

/** The processes init.pl starts: host daemons, then per pod its /pause and its containers. */
function procs(dir: string, role: Role): void {
  const rows: string[][] = NODES[role].hostProcesses.map((argv) => [`host/${argv[0] ?? ''}`, '-', '-', '-', ...argv]);
  for (const pod of podsOn(role)) {
    const netns = pod.ip ? podNetns(pod.name) : '-';
    const key = `${pod.namespace}/${pod.name}`;
    rows.push([`${key}/pause`, netns, pod.name, '-', '/pause']);
    for (const c of pod.containers) rows.push([`${key}/${c.name}`, netns, pod.name, c.httpPort ? String(c.httpPort) : '-', ...c.argv]);
  }
  put(`${dir}/procs.tsv`, `${rows.map((r) => r.join('\t')).join('\n')}\n`);
}

/** The answer tree of the nodes' kubectl, written once (STATE_DIR is 0711 so labuser reaches it). */
export function prepareRecorded(): void {
  chmodSync(STATE_DIR, 0o711);
  for (const [rel, content] of kubectlFiles()) put(`${RECORDED_KUBECTL}/${rel}`, content);
}

export async function prepareNode(role: Role, creds: Credentials): Promise<void> {
  const dir = nodeDir(role);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(`${dir}/home`, { mode: 0o755 });
  etc(dir, role, creds);
  await sshd(dir, role);
  usrLocal(dir, role);
  usrBin(dir);
  varLib(dir, role);
  dpkgStatus(dir);
  procs(dir, role);
}
