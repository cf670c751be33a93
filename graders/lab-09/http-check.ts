import type { Check } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { CannotLook, errored, failed, passed } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import { SERVICE_NAME } from '../common/names.ts';
import { findService } from './service.ts';

const PROBE = 'http.service1';

/** What curl's exit code says about the path to the Service (curl(1), EXIT CODES). */
const CURL: Record<number, Localized> = {
  7: t(
    '连接被拒绝：Service 没有就绪端点时 kube-proxy 会拒绝连接，或者 Pod 没有在目标端口上监听。',
    'Connection refused: kube-proxy rejects connections to a Service without ready endpoints, or nothing listens on the target port.',
  ),
  28: t(
    '连接超时：数据包没有到达 Pod，常见原因是跨节点的 flannel 网络不通或 iptables 规则缺失。',
    'The connection timed out: packets never reached a pod, usually because the flannel network between the nodes is broken or iptables rules are missing.',
  ),
  52: t('服务器没有返回任何内容就关闭了连接。', 'The server closed the connection without replying.'),
  56: t('接收数据时连接被重置。', 'The connection was reset while receiving.'),
};

/** Active check (docs/probes.md): one HTTP GET from the master to ClusterIP:3000. */
export const httpCheck: Check = {
  id: 'service-http',
  title: t('从 master 访问 ClusterIP:3000 得到 HTTP 应答', 'An HTTP request from the master to ClusterIP:3000 is answered'),
  points: 2,
  run(view) {
    const raw = view.raw('master', PROBE);
    if (raw === undefined || raw.timedOut === true) return cannotLook(view);
    const evidence = [view.evidence('master', PROBE, `${raw.stdout}${raw.stderr ? `\n${raw.stderr}` : ''}`)];
    const hint = t(
      `在 master 上运行 \`curl -v http://$(kubectl get svc ${SERVICE_NAME} -o jsonpath='{.spec.clusterIP}'):3000/\`，并用 \`kubectl get endpointslices -l kubernetes.io/service-name=${SERVICE_NAME}\` 确认有就绪端点。`,
      `On the master run \`curl -v http://$(kubectl get svc ${SERVICE_NAME} -o jsonpath='{.spec.clusterIP}'):3000/\` and check ready endpoints with \`kubectl get endpointslices -l kubernetes.io/service-name=${SERVICE_NAME}\`.`,
    );
    if (raw.exitCode !== 0) {
      if (/not ?found/i.test(raw.stderr)) {
        let elsewhere = false;
        try {
          elsewhere = findService(view) !== undefined;
        } catch {
          elsewhere = false;
        }
        if (elsewhere) {
          return errored(
            t(
              `主动检查只在 default 命名空间中查找 ${SERVICE_NAME}，而你的 Service 在其他命名空间。`,
              `The active check looks for ${SERVICE_NAME} in namespace default only; yours is elsewhere.`,
            ),
            t(
              '请在 default 命名空间中创建 service1，或请教师手动检查。',
              'Create service1 in namespace default, or ask your instructor to check by hand.',
            ),
            { evidence },
          );
        }
        return failed(t(`没有找到 ${SERVICE_NAME}，无法访问。`, `${SERVICE_NAME} was not found, so there was nothing to call.`), hint, {
          evidence,
        });
      }
      const meaning = raw.exitCode === null ? undefined : CURL[raw.exitCode];
      if (meaning === undefined) return cannotLook(view);
      return failed(t(`curl 以退出码 ${raw.exitCode} 结束：${meaning.zh}`, `curl exited with ${raw.exitCode}: ${meaning.en}`), hint, {
        evidence,
      });
    }
    const m = /^\s*(\S+)\s+(\d{3})\s*$/.exec(raw.stdout.trim().split('\n').pop() ?? '');
    if (m === null) {
      return errored(
        t(
          `探针 ${PROBE} 的输出无法解析（应为 "<ClusterIP> <HTTP 状态码>"）。`,
          `The output of probe ${PROBE} cannot be parsed (expected "<ClusterIP> <HTTP status>").`,
        ),
        t('重新评分；若仍如此，请把快照发给教师。', 'Grade again; if it persists, send the snapshot to your instructor.'),
        { evidence },
      );
    }
    const [, ip, codeText] = m;
    const code = Number(codeText);
    if (code >= 200 && code < 500) {
      return passed(
        t(
          `http://${ip}:3000/ 返回 HTTP ${code}：Service 把请求转发到了 Pod。`,
          `http://${ip}:3000/ answered HTTP ${code}: the Service forwarded the request to a pod.`,
        ),
        { evidence },
      );
    }
    if (code === 0)
      return failed(t(`http://${ip}:3000/ 没有返回 HTTP 应答。`, `http://${ip}:3000/ gave no HTTP answer.`), hint, { evidence });
    return failed(
      t(
        `http://${ip}:3000/ 返回 HTTP ${code}：请求到达了 Pod，但 downloader 应用出错。`,
        `http://${ip}:3000/ answered HTTP ${code}: the request reached a pod, but the downloader app failed.`,
      ),
      t(
        '用 `kubectl logs deploy/deployment1 -c downloader` 查看应用日志。',
        'Read the app log with `kubectl logs deploy/deployment1 -c downloader`.',
      ),
      { evidence },
    );
  },
};

/** Lets the view throw its CannotLook for this probe (absent, timed out, failed): the check becomes `error`. */
function cannotLook(view: SnapshotView): never {
  view.stdout('master', PROBE);
  throw new CannotLook(
    t(`探针 ${PROBE} 没有给出可用的结果（超时或输出不完整）。`, `Probe ${PROBE} gave no usable result (timed out or incomplete).`),
    t('重新评分；若仍如此，在 master 上手动运行该命令。', 'Grade again; if it persists, run the command by hand on the master.'),
  );
}
