import { z } from 'zod';
import { listOf, ObjectMeta } from '../../src/parse/kube.ts';

/**
 * Objects the shared schemas (src/parse/kube.ts) do not cover yet, as loose as those: only the
 * fields the graders read. `kube.pvc` is `kubectl get pvc -A -o json` (docs/probes.md).
 */
export const PersistentVolumeClaim = z.looseObject({
  metadata: ObjectMeta,
  spec: z
    .looseObject({
      accessModes: z.array(z.string()).optional(),
      storageClassName: z.string().nullish(),
      volumeName: z.string().optional(),
    })
    .optional(),
  status: z
    .looseObject({
      phase: z.string().optional(),
      accessModes: z.array(z.string()).optional(),
    })
    .optional(),
});
export type PersistentVolumeClaim = z.infer<typeof PersistentVolumeClaim>;
export const PersistentVolumeClaimList = listOf(PersistentVolumeClaim);

/**
 * `kube.pv` is `kubectl get persistentvolumes -o json` (cluster-scoped). Only the volume sources
 * the graders reason about are spelled out; any other source stays in the loose object.
 */
export const PersistentVolume = z.looseObject({
  metadata: ObjectMeta,
  spec: z
    .looseObject({
      accessModes: z.array(z.string()).optional(),
      storageClassName: z.string().nullish(),
      /** The claim this volume is bound (or reserved) to. */
      claimRef: z.looseObject({ name: z.string().optional(), namespace: z.string().optional() }).nullish(),
      /** A directory on whichever node mounts it: never shared between nodes. */
      hostPath: z.looseObject({ path: z.string() }).nullish(),
      /** A disk or directory of one node (pinned there by nodeAffinity). */
      local: z.looseObject({ path: z.string() }).nullish(),
      nfs: z.looseObject({ server: z.string(), path: z.string() }).nullish(),
      csi: z.looseObject({ driver: z.string() }).nullish(),
    })
    .optional(),
  status: z.looseObject({ phase: z.string().optional() }).optional(),
});
export type PersistentVolume = z.infer<typeof PersistentVolume>;
export const PersistentVolumeList = listOf(PersistentVolume);
