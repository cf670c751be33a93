import type { Check } from '../../src/grading/grader.ts';
import type { SnapshotView } from '../../src/grading/snapshot-view.ts';
import { CannotLook, errored, failed, passed, type Verdict } from '../../src/grading/verdict.ts';
import { t, type Localized } from '../../src/shared/i18n.ts';
import type { Evidence } from '../../src/shared/report.ts';
import type { ProbeResult } from '../../src/shared/snapshot.ts';
import { DEPLOYMENT_NAME, SERVICE_NAME, nsFlag } from '../common/names.ts';
import { namespaceOf, parseHttpOutput } from './http-output.ts';
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

/** "service1 (namespace lab)" */
const svcIn = (ns: string): Localized => t(`${SERVICE_NAME}（命名空间 ${ns}）`, `${SERVICE_NAME} (namespace ${ns})`);

function curlHint(ns: string): Localized {
  const n = nsFlag(ns);
  return t(
    `在 master 上运行 \`curl -v http://$(kubectl get svc ${SERVICE_NAME}${n} -o jsonpath='{.spec.clusterIP}'):3000/\`，并用 \`kubectl get endpointslices${n} -l kubernetes.io/service-name=${SERVICE_NAME}\` 确认有就绪端点。`,
    `On the master run \`curl -v http://$(kubectl get svc ${SERVICE_NAME}${n} -o jsonpath='{.spec.clusterIP}'):3000/\` and check ready endpoints with \`kubectl get endpointslices${n} -l kubernetes.io/service-name=${SERVICE_NAME}\`.`,
  );
}

/**
 * Active check (docs/probes.md): one HTTP GET from the master to ClusterIP:3000 of service1, in
 * whichever namespace holds it (`default` first). Reads both output forms (see http-output.ts).
 */
export const httpCheck: Check = {
  id: 'service-http',
  title: t('从 master 访问 ClusterIP:3000 得到 HTTP 应答', 'An HTTP request from the master to ClusterIP:3000 is answered'),
  points: 2,
  run(view) {
    const raw = view.raw('master', PROBE);
    if (raw === undefined || raw.timedOut === true) return cannotLook(view);
    const evidence = [view.evidence('master', PROBE, `${raw.stdout}${raw.stderr ? `\n${raw.stderr}` : ''}`)];
    if (raw.exitCode !== 0) return probeFailed(view, raw, evidence);
    const out = parseHttpOutput(raw.stdout);
    if (out === undefined) {
      return errored(
        t(
          `探针 ${PROBE} 的输出无法解析（最后一行应为 "<ClusterIP> <HTTP 状态码>"）。`,
          `The output of probe ${PROBE} cannot be parsed (its last line should be "<ClusterIP> <HTTP status>").`,
        ),
        t('重新评分；若仍如此，请把快照发给教师。', 'Grade again; if it persists, send the snapshot to your instructor.'),
        { evidence },
      );
    }
    const { ip, code } = out;
    const svc = svcIn(out.namespace);
    const data = { namespace: out.namespace, clusterIP: ip, status: code };
    if (code >= 200 && code < 500) {
      return passed(
        t(
          `${svc.zh} 的 http://${ip}:3000/ 返回 HTTP ${code}：Service 把请求转发到了 Pod。`,
          `http://${ip}:3000/ of ${svc.en} answered HTTP ${code}: the Service forwarded the request to a pod.`,
        ),
        { evidence, data },
      );
    }
    if (code === 0)
      return failed(
        t(`${svc.zh} 的 http://${ip}:3000/ 没有返回 HTTP 应答。`, `http://${ip}:3000/ of ${svc.en} gave no HTTP answer.`),
        curlHint(out.namespace),
        { evidence, data },
      );
    return failed(
      t(
        `${svc.zh} 的 http://${ip}:3000/ 返回 HTTP ${code}：请求到达了 Pod，但 downloader 应用出错。`,
        `http://${ip}:3000/ of ${svc.en} answered HTTP ${code}: the request reached a pod, but the downloader app failed.`,
      ),
      t(
        `用 \`kubectl logs deploy/${DEPLOYMENT_NAME}${nsFlag(out.namespace)} -c downloader\` 查看应用日志。`,
        `Read the app log with \`kubectl logs deploy/${DEPLOYMENT_NAME}${nsFlag(out.namespace)} -c downloader\`.`,
      ),
      { evidence, data },
    );
  },
};

/** The probe ended non-zero: service1 missing or headless (failed), curl's verdict (failed), or could not look (error). */
function probeFailed(view: SnapshotView, raw: ProbeResult, evidence: Evidence[]): Verdict {
  const createHint = t(
    `用 \`kubectl apply -f service1.yaml\` 创建它，再用 \`kubectl get svc -A | grep ${SERVICE_NAME}\` 确认。`,
    `Create it with \`kubectl apply -f service1.yaml\`, then check with \`kubectl get svc -A | grep ${SERVICE_NAME}\`.`,
  );
  if (/not found in any namespace/i.test(raw.stderr)) {
    return failed(
      t(`任何命名空间中都没有 ${SERVICE_NAME}，无法访问。`, `No namespace holds ${SERVICE_NAME}, so there was nothing to call.`),
      createHint,
      { evidence },
    );
  }
  const headless = /\(namespace ([a-z0-9-]+)\) has no ClusterIP|has no ClusterIP/i.exec(raw.stderr);
  if (headless !== null) {
    const ns = headless[1] ?? 'default';
    return failed(
      t(
        `${svcIn(ns).zh} 没有 ClusterIP（无头 Service），没有地址可访问。`,
        `${svcIn(ns).en} has no ClusterIP (a headless Service), so there is no address to call.`,
      ),
      t(
        `删除 service1.yaml 中的 clusterIP: None 并重新创建 Service（\`kubectl delete svc ${SERVICE_NAME}${nsFlag(ns)}\`，再 \`kubectl apply -f service1.yaml\`）。`,
        `Remove clusterIP: None from service1.yaml and recreate the Service (\`kubectl delete svc ${SERVICE_NAME}${nsFlag(ns)}\`, then \`kubectl apply -f service1.yaml\`).`,
      ),
      { evidence },
    );
  }
  // The probe of older collectors asked `kubectl get service service1 -n default` only.
  if (/services? "service1" not found/i.test(raw.stderr)) return oldProbeNotFound(view, evidence, createHint);
  if (raw.exitCode === 127 && /curl/.test(raw.stderr)) {
    return errored(
      t(
        'master 上没有安装 curl，主动检查无法发出 HTTP 请求。',
        'curl is not installed on the master, so the active check could not send its HTTP request.',
      ),
      t(
        '在 master 上运行 `sudo apt-get install -y curl`，然后重新评分。',
        'On the master run `sudo apt-get install -y curl`, then grade again.',
      ),
      { evidence },
    );
  }
  const meaning = raw.exitCode === null ? undefined : CURL[raw.exitCode];
  if (meaning === undefined) return cannotLook(view);
  const out = parseHttpOutput(raw.stdout);
  const ns = out?.namespace ?? namespaceOf(raw.stdout) ?? 'default';
  const target =
    out === undefined ? svcIn(ns) : t(`${svcIn(ns).zh} 的 http://${out.ip}:3000/`, `http://${out.ip}:3000/ of ${svcIn(ns).en}`);
  return failed(
    t(
      `访问 ${target.zh} 时 curl 以退出码 ${raw.exitCode} 结束：${meaning.zh}`,
      `Calling ${target.en}, curl exited with ${raw.exitCode}: ${meaning.en}`,
    ),
    curlHint(ns),
    { evidence, data: { namespace: ns, clusterIP: out?.ip ?? null, curlExit: raw.exitCode } },
  );
}

function oldProbeNotFound(view: SnapshotView, evidence: Evidence[], createHint: Localized): Verdict {
  let found: string | undefined;
  try {
    found = findService(view)?.namespace;
  } catch (err) {
    if (!(err instanceof CannotLook)) throw err;
    // Without the Service list, "not in default" says nothing about the other namespaces.
    found = '?';
  }
  if (found !== undefined && found !== 'default') {
    const where =
      found === '?'
        ? t(
            '而 Service 列表也没能读取，无法知道它是否在别的命名空间。',
            'and the Service list could not be read, so whether it lives elsewhere is unknown.',
          )
        : t(`你的 Service 在命名空间 ${found}，因此没有被访问。`, `yours is in namespace ${found}, so it was not called.`);
    return errored(
      t(
        `这个快照来自旧版采集器，它只在 default 命名空间中查找 ${SERVICE_NAME}；${where.zh}`,
        `This snapshot comes from an older collector that looked for ${SERVICE_NAME} in namespace default only; ${where.en}`,
      ),
      t('重新评分：现在的主动检查会在任何命名空间中查找 service1。', 'Grade again: the active check now finds service1 in any namespace.'),
      { evidence },
    );
  }
  return failed(t(`没有找到 ${SERVICE_NAME}，无法访问。`, `${SERVICE_NAME} was not found, so there was nothing to call.`), createHint, {
    evidence,
  });
}

/** Lets the view throw its CannotLook for this probe (absent, timed out, failed): the check becomes `error`. */
function cannotLook(view: SnapshotView): never {
  view.stdout('master', PROBE);
  throw new CannotLook(
    t(`探针 ${PROBE} 没有给出可用的结果（超时或输出不完整）。`, `Probe ${PROBE} gave no usable result (timed out or incomplete).`),
    t('重新评分；若仍如此，在 master 上手动运行该命令。', 'Grade again; if it persists, run the command by hand on the master.'),
  );
}
