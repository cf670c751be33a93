import { createHash } from 'node:crypto';

/**
 * Deterministic identifiers for the recorded cluster. The answer sheet does not record UIDs,
 * container IDs or image digests, so they are derived from a stable key: regenerating the
 * dataset gives the same IDs, and the same key gives the same ID in kubectl, crictl and docker
 * outputs (that is what keeps them coherent). They look like the real thing but are made up.
 */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A 64-hex docker/CRI ID, as cri-dockerd reports container and sandbox IDs. */
export function hexId(key: string): string {
  return digest(key);
}

/** A version-4-shaped UUID, as the API server assigns to `metadata.uid`. */
export function uid(key: string): string {
  const h = digest(`uid:${key}`);
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `sha256:<64 hex>`, for image IDs and digests. */
export function sha256Ref(key: string): string {
  return `sha256:${digest(`image:${key}`)}`;
}

/** Nanoseconds since the epoch as a decimal string, the way crictl's JSON prints int64 fields. */
export function unixNanos(iso: string, extraNanos = 0): string {
  return `${BigInt(Date.parse(iso)) * 1_000_000n + BigInt(extraNanos)}`;
}
