import { hexId } from './ids.ts';
import { meta, type Obj } from './k8s-meta.ts';
import { CNI_CONF, COREFILE, KUBE_PROXY_CONF, KUBE_PROXY_KUBECONFIG, KUBEADM_CONFIG, KUBELET_CONFIG, NET_CONF } from './config-texts.ts';
import { NODES } from './nodes.ts';

/**
 * ConfigMaps of the recorded cluster: kubeadm's (coredns, kube-proxy with `mode: ""`, i.e.
 * iptables, kubeadm-config, kubelet-config, ...) and flannel's kube-flannel-cfg with
 * `"Network": "10.244.0.0/16"` (kube-flannel.yml v0.25.1). Certificate bodies are placeholders of
 * the right shape, not valid certificates.
 */

function fakePem(key: string): string {
  let b64 = '';
  for (let i = 0; b64.length < 1040; i++)
    b64 += Buffer.from(hexId(`${key}:${i}`), 'hex')
      .toString('base64')
      .replace(/=+$/, '');
  const body = `MIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl${b64}`.slice(0, 1044).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${body.join('\n')}\n-----END CERTIFICATE-----\n`;
}

const ROOT_CA = fakePem('cluster-ca');

function cm(name: string, namespace: string, createdAt: string, data: Record<string, string>, extra: Obj = {}): Obj {
  return { apiVersion: 'v1', data, kind: 'ConfigMap', metadata: meta('ConfigMap', name, namespace, createdAt, extra) };
}

export function configMaps(): Obj[] {
  const t0 = '2024-05-08T13:02:13Z';
  const rootCa = (ns: string, at: string) =>
    cm(
      'kube-root-ca.crt',
      ns,
      at,
      { 'ca.crt': ROOT_CA },
      {
        annotations: {
          'kubernetes.io/description':
            'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
        },
      },
    );
  return [
    rootCa('default', '2024-05-08T13:02:27Z'),
    cm(
      'kube-flannel-cfg',
      'kube-flannel',
      '2024-05-08T13:10:42Z',
      { 'cni-conf.json': CNI_CONF, 'net-conf.json': NET_CONF },
      { labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' } },
    ),
    rootCa('kube-flannel', '2024-05-08T13:10:42Z'),
    rootCa('kube-node-lease', '2024-05-08T13:02:27Z'),
    cm('cluster-info', 'kube-public', t0, {
      kubeconfig: `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${Buffer.from(ROOT_CA).toString('base64')}\n    server: https://${NODES.master.ip}:6443\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n`,
    }),
    rootCa('kube-public', '2024-05-08T13:02:27Z'),
    cm('coredns', 'kube-system', t0, { Corefile: COREFILE }),
    cm('extension-apiserver-authentication', 'kube-system', '2024-05-08T13:02:11Z', {
      'client-ca-file': ROOT_CA,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': fakePem('front-proxy-ca'),
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    }),
    cm('kube-apiserver-legacy-service-account-token-tracking', 'kube-system', '2024-05-08T13:02:11Z', { since: '2024-05-08' }),
    cm(
      'kube-proxy',
      'kube-system',
      t0,
      { 'config.conf': KUBE_PROXY_CONF, 'kubeconfig.conf': KUBE_PROXY_KUBECONFIG },
      { labels: { app: 'kube-proxy' } },
    ),
    rootCa('kube-system', '2024-05-08T13:02:27Z'),
    cm('kubeadm-config', 'kube-system', t0, { ClusterConfiguration: KUBEADM_CONFIG }),
    cm('kubelet-config', 'kube-system', t0, { kubelet: KUBELET_CONFIG }),
  ];
}
