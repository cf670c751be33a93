import { realFixture } from '../../../tests/shared-fixtures.ts';
import { kubeList, makeSnapshot, type ProbeInput } from '../../../tests/snapshot-builder.ts';
import { canonical, clone } from '../../common/testing/canonical.ts';
import { gradeById } from '../../common/testing/grade.ts';
import { deploymentPods, liveDeployment, livePv, livePvc } from '../../common/testing/live-workloads.ts';
import type { Obj } from '../../common/testing/obj.ts';
import { grader } from '../grader.ts';

/** lab-08 test clusters: deployment1 on PVC `files` (NFS PV `nfs-pv`), and what `pvc.share-test` printed. */

export const ALL = ['pvc-mounted', 'pvc-bound', 'pvc-access-mode', 'pvc-replicas-running', 'pvc-files-shared'];

/** deployment1 with its shared volume moved onto PVC `files` (the exercise done right). */
export function pvcDeployment(mutate: (d: Obj) => void = () => {}): Obj {
  const d = liveDeployment(clone(canonical().deployment1));
  d['spec']['template']['spec']['volumes'] = [{ name: 'share-volume', persistentVolumeClaim: { claimName: 'files' } }];
  mutate(d);
  return d;
}

/** The JSON line of `pvc.share-test` (docs/probes.md), a passing cross-node run unless overridden. */
export function shareLine(over: Record<string, unknown> = {}): string {
  const r = {
    writer: 'deployment1-6d4cf56db6-7xk2p',
    reader: 'deployment1-6d4cf56db6-b9qzt',
    path: '/data/.k8s-labs-share-test-3f9c0a1b2c3d4e5f',
    written: true,
    seen: true,
    cleaned: true,
    namespace: 'default',
    claim: 'files',
    container: 'downloader',
    writerNode: 'worker',
    readerNode: 'master',
    ...over,
  };
  return `${JSON.stringify(r)}\n`;
}

/** A failed run of the probe: empty stdout, the reason on stderr. */
export const shareFailure = (exitCode: number | null, reason: string, extra: object = {}): ProbeInput => ({
  stdout: '',
  stderr: `k8s-labs: pvc.share-test: ${reason}\n`,
  exitCode,
  ...extra,
});

/**
 * A hostPath PV as a local-path provisioner creates it (one node's directory). Found through its
 * claimRef: the claim's volumeName (`nfs-pv`, from livePvc) names no PV here.
 */
export const hostPathPv = (accessModes = ['ReadWriteMany']): Obj =>
  livePv(
    'pvc-4f1c9e2a',
    { hostPath: { path: '/opt/local-path-provisioner/pvc-4f1c_default_files', type: 'DirectoryOrCreate' } },
    { claim: 'files', accessModes, storageClassName: 'local-path' },
  );

export interface Cluster {
  deploy?: Obj;
  pods?: Obj[];
  pvcs?: Obj[];
  nodes?: string[];
  /** `kube.pvc` not collected. */
  noPvcProbe?: boolean;
  /** The PVs; `null` leaves `kube.pv` out (a snapshot from before that probe existed). */
  pvs?: Obj[] | null;
  /** The raw `kube.pv` result, instead of `pvs` (to test a failed probe). */
  pvProbe?: ProbeInput;
  /** What `pvc.share-test` printed; `null` leaves it out (a snapshot from before that probe existed). */
  share?: ProbeInput | null;
}

export function snapshotOf({
  deploy = pvcDeployment(),
  nodes,
  pods = deploymentPods(deploy, undefined, nodes),
  pvcs = [livePvc('files')],
  noPvcProbe,
  pvs = [livePv('nfs-pv', undefined, { claim: 'files' })],
  share = shareLine(),
  pvProbe,
}: Cluster = {}) {
  const probes: Record<string, ProbeInput | object> = {
    'kube.deployments': kubeList([
      ...JSON.parse(realFixture('workloads/troubleshoot-k3d-deploymentlist-kube-system-metrics-server.json')).items,
      deploy,
    ]),
    'kube.pods': kubeList([...JSON.parse(realFixture('pods/troubleshoot-k3d-podlist-kube-system.json')).items, ...pods]),
  };
  if (!noPvcProbe) probes['kube.pvc'] = kubeList(pvcs);
  if (pvProbe !== undefined) probes['kube.pv'] = pvProbe;
  else if (pvs !== null) probes['kube.pv'] = kubeList(pvs);
  if (share !== null) probes['pvc.share-test'] = share;
  return makeSnapshot({ master: probes });
}

export const grade = (c: Cluster = {}) => gradeById(grader, snapshotOf(c));
