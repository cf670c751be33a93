import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The shape of `k8s-labs.yaml` (raw, as written by the learner). `hosts-config.ts` turns it into
 * a `HostsConfig`; cross-field rules (one master, one way to log in) live there, and every
 * mistake is explained by `config-issues.ts`. Strict objects: an unknown key is a mistake (usually
 * a typo such as `pasword`), never silently ignored.
 */

/** A name for a host in the config (and the key of its results in a snapshot). */
export const HOST_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** A login name: letters, digits, `_ . -`, not starting with `-` (so it can never be an option). */
export const USER_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

/** An OpenSSH SHA256 fingerprint as `ssh-keygen -lf` prints it (padding `=` optional). */
export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
const HOSTNAME_PATTERN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** True for an IPv4/IPv6 address or a host name; never for anything with spaces, `@`, or a leading `-`. */
export function isHostAddress(text: string): boolean {
  return isIP(text) !== 0 || HOSTNAME_PATTERN.test(text);
}

/** One host as written in the YAML file. */
export const RawHost = z.strictObject({
  /** `master` (the control-plane node) or `worker`. */
  role: z.enum(['master', 'worker']),
  /** IP address or host name of the VM, as reachable from this PC. */
  host: z.string().refine(isHostAddress),
  /** SSH port; 22 when absent. */
  port: z.number().int().min(1).max(65535).optional(),
  /** Login name on the VM. */
  user: z.string().regex(USER_PATTERN),
  /** Login password (one of password, privateKey, agent). */
  password: z.string().min(1).optional(),
  /** Path to a private key file, relative to the config file (`~/` means your home folder). */
  privateKey: z.string().min(1).optional(),
  /** Passphrase of the private key, when it has one. */
  passphrase: z.string().min(1).optional(),
  /** `true`: use the keys of the running ssh-agent (`SSH_AUTH_SOCK`). */
  agent: z.literal(true).optional(),
  /** The VM's host key fingerprint (`SHA256:…`); when set, only that key is accepted. */
  hostKey: z.string().regex(FINGERPRINT_PATTERN).optional(),
});
export type RawHost = z.infer<typeof RawHost>;

/** The whole file. */
export const RawConfig = z.strictObject({
  /** Host name → host. Exactly one master; at most one worker. */
  hosts: z.record(z.string().regex(HOST_NAME_PATTERN), RawHost),
  /** Where trusted host keys are recorded (default: `<config name>.known_hosts` beside the config). */
  knownHosts: z.string().min(1).optional(),
  /** Deadline of one probe on a host, in seconds (default 30). */
  probeTimeoutSeconds: z.number().int().min(1).max(600).optional(),
  /** How long to wait for a VM to answer SSH, in seconds (default 10). */
  connectTimeoutSeconds: z.number().int().min(1).max(120).optional(),
  /** Deadline of all probes on one host together, in seconds (default 120). */
  hostTimeoutSeconds: z.number().int().min(5).max(3600).optional(),
});
export type RawConfig = z.infer<typeof RawConfig>;
