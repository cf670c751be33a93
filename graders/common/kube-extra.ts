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
