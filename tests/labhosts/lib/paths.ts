import { fileURLToPath } from 'node:url';
import type { Role } from '../model/types.ts';

/**
 * Names and places of the testbed. Everything it creates on the machine carries the `klab-`
 * prefix (network namespaces, root-side veths) or lives under STATE_DIR, so cleanup can find
 * leftovers of a crashed run without touching anything else (other engineers' namespaces).
 */
export const PREFIX = 'klab-';
export const BRIDGE = 'br-lab';
export const STATE_DIR = '/run/k8s-labs-testbed';
export const LOCK_FILE = '/run/k8s-labs-testbed.lock';
export const LAB_DIR = fileURLToPath(new URL('../', import.meta.url));
export const NODE_SCRIPTS = `${LAB_DIR}node/`;
export const CLUSTER_DIR = `${LAB_DIR}cluster/`;
export const PROJECT_DIR = fileURLToPath(new URL('../../../', import.meta.url));
export const DESCRIPTION_FILE = `${PROJECT_DIR}.tmp/testbed.json`;
/** Environment variable through which global-setup hands the description to test processes. */
export const DESCRIPTION_ENV = 'K8S_LABS_TESTBED_DESCRIPTION';

export const USER = 'labuser';
export const USER_UID = 2971;

export function nodeNetns(role: Role): string {
  return `${PREFIX}${role}`;
}

/** Root-side end of a node's ens33 veth (at most 15 characters). */
export function uplinkName(role: Role): string {
  return `${PREFIX}${role === 'master' ? 'm' : 'w'}0`;
}

export function podNetns(podName: string): string {
  return `${PREFIX}pod-${podName}`;
}

export function nodeDir(role: Role): string {
  return `${STATE_DIR}/${role}`;
}
