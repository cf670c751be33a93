import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sharedSkip } from '../../tests/shared-fixtures.ts';
import { check, text } from '../common/testing/grade.ts';
import { livePv, livePvc } from '../common/testing/live-workloads.ts';
import { grade, hostPathPv, shareFailure, shareLine } from './testdata/cluster.ts';

const ID = 'pvc-files-shared';
const PATH = '/data/.k8s-labs-share-test-3f9c0a1b2c3d4e5f';

describe('lab-08 active check pvc.share-test', { skip: sharedSkip }, () => {
  test('written in a pod on one node and seen in a pod on the other: passed, and says so', () => {
    const r = check(grade(), ID);
    assert.equal(r.status, 'passed', text(r));
    assert.equal(r.points, 3);
    assert.match(r.message.en, /deployment1-6d4cf56db6-7xk2p \(node worker\) was read in pod deployment1-6d4cf56db6-b9qzt \(node master\)/);
    assert.match(r.message.en, /different nodes, so the volume is shared across nodes/);
    assert.match(r.message.zh, /不同节点/);
    assert.equal(r.evidence[0]?.probe, 'pvc.share-test');
  });

  test('both pods on one node: passed, but the message says it is weaker evidence; with a hostPath PV it names the trap', () => {
    const one = check(grade({ nodes: ['worker'], share: shareLine({ readerNode: 'worker' }) }), ID);
    assert.equal(one.status, 'passed');
    assert.match(one.message.en, /Both pods run on node worker, though: this shows sharing on one node only/);
    const local = check(grade({ nodes: ['worker'], share: shareLine({ readerNode: 'worker' }), pvs: [hostPathPv()] }), ID);
    assert.equal(local.status, 'passed');
    assert.match(
      local.message.en,
      /PV pvc-4f1c9e2a is a hostPath volume \(\/opt\/local-path-provisioner\/pvc-4f1c_default_files\): each node mounts its own local copy/,
    );
  });

  test('the marker could not be removed: the message names the leftover file and the command to remove it', () => {
    const r = check(grade({ share: shareLine({ cleaned: false }) }), ID);
    assert.equal(r.status, 'passed');
    assert.match(r.message.en, new RegExp(`marker file ${PATH} could not be removed from pod deployment1-6d4cf56db6-7xk2p`));
    assert.ok(r.message.en.includes(`kubectl exec deployment1-6d4cf56db6-7xk2p -c downloader -- rm -f ${PATH}`));
    const lab = check(grade({ share: shareLine({ cleaned: false, seen: false, namespace: 'lab' }) }), ID);
    assert.equal(lab.status, 'failed');
    assert.ok(lab.message.en.includes(`kubectl exec -n lab deployment1-6d4cf56db6-7xk2p -c downloader -- rm -f ${PATH}`));
  });

  test('written but not seen: failed, files are not shared; a hostPath PV across nodes is named as the cause', () => {
    const r = check(grade({ share: shareLine({ seen: false }) }), ID);
    assert.equal(r.status, 'failed');
    assert.match(
      r.message.en,
      /is not there in pod deployment1-6d4cf56db6-b9qzt \(node master\): these replicas do not share the directory/,
    );
    assert.match(r.hint?.en ?? '', /kubectl describe pod deployment1-6d4cf56db6-7xk2p/);
    const hp = check(grade({ share: shareLine({ seen: false }), pvs: [hostPathPv()] }), ID);
    assert.equal(hp.status, 'failed');
    assert.match(hp.message.en, /hostPath volume .* Writing ReadWriteMany on it does not make hostPath shared storage/);
    assert.match(hp.hint?.en ?? '', /NFS/);
  });

  test('the write itself failed (permission denied, read-only): failed, the downloader cannot save files', () => {
    const r = check(grade({ share: shareLine({ written: false, seen: false }) }), ID);
    assert.equal(r.status, 'failed');
    assert.match(r.message.en, /Writing .* failed \(permission denied or read-only\)/);
    assert.match(r.hint?.en ?? '', /no_root_squash/);
  });

  test('exit 5: no PVC volume in the sampled pod is skipped; a PVC mounted read-only everywhere fails', () => {
    const none = check(
      grade({ share: shareFailure(5, 'Pod deployment1-6d4cf56db6-7xk2p (namespace default) has no persistentVolumeClaim volume') }),
      ID,
    );
    assert.equal(none.status, 'skipped');
    assert.match(none.message.en, /mounts no PersistentVolumeClaim \(Pod deployment1-6d4cf56db6-7xk2p \(namespace default\) has no/);
    const ro = check(
      grade({ share: shareFailure(5, 'no container of Pod deployment1-6d4cf56db6-7xk2p mounts its PVC volume share-volume read-write') }),
      ID,
    );
    assert.equal(ro.status, 'failed');
    assert.match(ro.hint?.en ?? '', /readOnly: true/);
  });

  test('could not run (exit 3, 4, 6, kubectl’s own, a timeout): error with the probe’s reason and a hint per cause', () => {
    const cases: [ReturnType<typeof shareFailure>, RegExp, RegExp][] = [
      [
        shareFailure(3, 'Deployment deployment1 was not found in any namespace'),
        /exit code 3: Deployment deployment1 was not found/,
        /matchLabels/,
      ],
      [
        shareFailure(4, 'fewer than two Running pods of deployment1 (namespace default, selector app=app2)'),
        /fewer than two Running pods/,
        /at least two Running replicas/,
      ],
      [shareFailure(6, 'cannot run sh in container downloader of Pod deployment1-6d4cf56db6-7xk2p'), /cannot run sh/, /image needs sh/],
      [
        {
          stdout: '',
          stderr: 'The connection to the server 192.168.157.133:6443 was refused - did you specify the right host or port?\n',
          exitCode: 1,
        },
        /exit code 1: The connection to the server .* was refused/,
        /reaches the API server/,
      ],
      [shareFailure(null, 'x', { timedOut: true }), /it timed out/, /API server/],
    ];
    for (const [share, message, hint] of cases) {
      const r = check(grade({ share }), ID);
      assert.equal(r.status, 'error', text(r));
      assert.equal(r.points, 0);
      assert.match(r.message.en, message);
      assert.match(r.hint?.en ?? '', hint);
      assert.match(r.message.zh, /主动检查 pvc\.share-test 没能运行/);
    }
  });

  test('an older snapshot without pvc.share-test is an error once the exercise is attempted; garbage on exit 0 too', () => {
    const old = check(grade({ share: null, pvs: null }), ID);
    assert.equal(old.status, 'error');
    assert.match(old.message.en, /Probe pvc.share-test was not collected/);
    assert.equal(check(grade({ share: 'Defaulted container "fileserver" out of: fileserver, downloader\n' }), ID).status, 'error');
    assert.equal(check(grade({ share: '{"writer":"a"}\n' }), ID).status, 'error');
  });
});

describe('lab-08 kube.pv: node-local volumes in the access-mode check', { skip: sharedSkip }, () => {
  test('ReadWriteMany on a hostPath PV with replicas on two nodes fails, unless a file was seen crossing nodes', () => {
    const noShare = check(grade({ pvs: [hostPathPv()], share: null }), 'pvc-access-mode');
    assert.equal(noShare.status, 'failed');
    assert.match(
      noShare.message.en,
      /PVC files is ReadWriteMany and the replicas run on master, worker, but PV pvc-4f1c9e2a is a hostPath volume/,
    );
    assert.ok(noShare.evidence.some((e) => e.probe === 'kube.pv'));
    const notSeen = check(grade({ pvs: [hostPathPv()], share: shareLine({ seen: false }) }), 'pvc-access-mode');
    assert.equal(notSeen.status, 'failed');
    const crossed = grade({ pvs: [hostPathPv()] });
    assert.equal(check(crossed, 'pvc-access-mode').status, 'passed');
    assert.match(check(crossed, 'pvc-access-mode').message.en, /is itself shared storage on both nodes/);
    assert.match(check(crossed, 'pvc-files-shared').message.en, /must itself be shared storage/);
  });

  test('ReadWriteMany on a hostPath PV with every replica on one node passes with a note; a local PV the same', () => {
    const share = shareLine({ readerNode: 'worker' });
    const hp = check(grade({ pvs: [hostPathPv()], nodes: ['worker'], share }), 'pvc-access-mode');
    assert.equal(hp.status, 'passed');
    assert.match(hp.message.en, /Note: PV pvc-4f1c9e2a is a hostPath volume/);
    // No claimRef: found through the claim's volumeName.
    const pvcs = [livePvc('files', { volumeName: 'local-files' })];
    const local = livePv(
      'local-files',
      { local: { path: '/mnt/disks/files' } },
      {
        nodeAffinity: {
          required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker'] }] }] },
        },
      },
    );
    const l = check(grade({ pvcs, pvs: [local], nodes: ['worker'], share }), 'pvc-access-mode');
    assert.equal(l.status, 'passed');
    assert.match(l.message.en, /PV local-files is a local volume \(\/mnt\/disks\/files\): it belongs to one node/);
  });

  test('ReadWriteOnce across two nodes: hostPath says each node has its own directory, NFS says nothing enforces it', () => {
    const pvcs = [livePvc('files', { accessModes: ['ReadWriteOnce'] })];
    const hp = check(grade({ pvcs, pvs: [hostPathPv(['ReadWriteOnce'])] }), 'pvc-access-mode');
    assert.equal(hp.status, 'failed');
    assert.match(hp.message.en, /each node mounts its own/);
    assert.doesNotMatch(hp.message.en, /Multi-Attach/);
    const nfs = check(
      grade({ pvcs, pvs: [livePv('nfs-pv', undefined, { claim: 'files', accessModes: ['ReadWriteOnce'] })] }),
      'pvc-access-mode',
    );
    assert.equal(nfs.status, 'failed');
    assert.match(nfs.message.en, /NFS enforces no access mode/);
  });

  test('an NFS PV, or a kube.pv that failed or is absent, leaves the ReadWriteMany verdict as it was', () => {
    const nfs = check(grade(), 'pvc-access-mode');
    assert.equal(nfs.status, 'passed');
    assert.doesNotMatch(nfs.message.en, /Note/);
    assert.equal(check(grade({ pvs: null, share: null }), 'pvc-access-mode').status, 'passed');
    const forbidden = {
      stdout: '',
      stderr:
        'Error from server (Forbidden): persistentvolumes is forbidden: User "student" cannot list resource "persistentvolumes" in API group "" at the cluster scope\n',
      exitCode: 1,
    };
    const r = grade({ pvProbe: forbidden, share: null });
    assert.equal(check(r, 'pvc-access-mode').status, 'passed', text(check(r, 'pvc-access-mode')));
    assert.equal(check(r, 'pvc-bound').status, 'passed');
  });
});
