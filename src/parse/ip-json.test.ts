import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { realFixture, sharedSkip } from '../../tests/shared-fixtures.ts';
import { parseIpAddrs, parseIpLinks, parseIpRoutes, type IpJsonResult } from './ip-json.ts';
import { cidrContains, ipv4ToInt, lookupRoute, parseCidr } from './ip-route-lookup.ts';

/** Real iproute2 6.1 output of a flannel-style two-node network (graders/lab-06/testdata). */
const recorded = JSON.parse(
  readFileSync(new URL('../../graders/lab-06/testdata/answer-sheet-topology.json', import.meta.url), 'utf8'),
) as Record<'master' | 'worker', Record<string, string>>;

function value<T>(r: IpJsonResult<T>): T[] {
  if (!r.ok) assert.fail(r.error.message.en);
  return r.value;
}

test('ip -j -d link show: veth pairs, bridge ports, vxlan details (recorded real output)', () => {
  const links = value(parseIpLinks(recorded.worker['net.link'] ?? ''));
  assert.deepEqual(
    links.map((l) => `${l.ifindex}:${l.ifname}:${l.kind}`),
    ['1:lo:undefined', '2:ens33:veth', '3:docker0:bridge', '4:flannel.1:vxlan', '5:cni0:bridge', '6:vethe358f9b7:veth'],
  );
  const veth = links[5];
  assert.equal(veth?.linkIndex, 2);
  assert.equal(veth?.linkNetnsid, 1, 'netnsid 0 is the master (peer of ens33), 1 the pod');
  assert.equal(veth?.master, 'cni0');
  assert.equal(veth?.slaveKind, 'bridge');
  assert.ok(veth?.flags.includes('UP'));
  assert.equal(veth?.detailed, true);
  assert.deepEqual(links[3]?.vxlan, { id: 1, local: '192.168.157.132', port: 8472, dev: 'ens33' });
  assert.deepEqual([links[1]?.linkIndex, links[1]?.linkNetnsid], [2, 0], 'ens33’s peer is the master’s ens33');
});

test('ip -j addr show: addresses per device, inside the pod namespace too', () => {
  const host = value(parseIpAddrs(recorded.worker['net.addr'] ?? ''));
  assert.deepEqual(host.find((l) => l.ifname === 'ens33')?.addrs[0], {
    family: 'inet',
    local: '192.168.157.132',
    prefixlen: 24,
    scope: 'global',
    label: 'ens33',
  });
  assert.equal(host.find((l) => l.ifname === 'flannel.1')?.addrs[0]?.local, '10.244.1.0');
  const pod = value(parseIpAddrs(recorded.worker['pod.default.pod1.addr'] ?? ''));
  const eth0 = pod.find((l) => l.ifname === 'eth0');
  assert.equal(eth0?.ifindex, 2);
  assert.equal(eth0?.linkIndex, 6);
  assert.deepEqual(eth0?.addrs[0], { family: 'inet', local: '10.244.1.3', prefixlen: 24, scope: 'global', label: 'eth0' });
});

test('ip -j route show: onlink flannel routes, kernel routes, default; lookups pick the longest prefix', () => {
  const routes = value(parseIpRoutes(recorded.master['net.route'] ?? ''));
  const flannel = routes.find((r) => r.dev === 'flannel.1');
  assert.deepEqual(flannel, { dst: '10.244.1.0/24', gateway: '10.244.1.0', dev: 'flannel.1', flags: ['onlink'], type: 'unicast' });
  assert.equal(lookupRoute(routes, '10.244.1.3')?.dev, 'flannel.1');
  assert.equal(lookupRoute(routes, '10.244.1.0/24')?.dev, 'flannel.1');
  assert.equal(lookupRoute(routes, '10.244.0.9')?.dev, 'cni0');
  assert.equal(lookupRoute(routes, '10.244.0.0/16')?.dst, 'default', 'no route holds the whole /16, so the default one would');
  assert.equal(lookupRoute(routes, '8.8.8.8')?.dst, 'default');
  const local = value(
    parseIpRoutes(
      '[{"type":"local","dst":"10.244.1.0","dev":"flannel.1","table":"local","flags":[]},{"dst":"10.244.1.0/25","dev":"eth9","metric":5,"flags":[]},{"dst":"10.244.1.0/25","dev":"eth8","metric":1,"flags":[]}]',
    ),
  );
  assert.equal(lookupRoute(local, '10.244.1.3')?.dev, 'eth8', 'local-table routes are skipped; the lower metric wins a tie');
});

test('ip -j link show without -d (real iknite node): veths in cni0, no details', { skip: sharedSkip }, () => {
  const links = value(parseIpLinks(realFixture('ip/iknite-alpine-flannel-ip-j-link-show.json'), 'ip -j link show'));
  assert.equal(links.length, 17);
  const veths = links.filter((l) => l.master === 'cni0');
  assert.equal(veths.length, 13);
  assert.ok(veths.every((l) => l.linkIndex === 2 && l.linkNetnsid !== undefined && l.kind === undefined && !l.detailed));
  assert.equal(links.find((l) => l.ifname === 'flannel.1')?.kind, undefined);
});

test('invalid JSON as iproute2 printed it (iproute2/iproute2#37) is reported with line and column', () => {
  const r = parseIpRoutes(
    '[{"broadcast","dst":"127.0.0.0","dev":"lo","protocol":"kernel","scope":"link","prefsrc":"127.0.0.1","flags":[]}]',
  );
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.kind, 'invalid-json');
  assert.deepEqual([r.error.line, r.error.column], [1, 14]);
  assert.match(r.error.message.en, /invalid JSON \(line 1, column 14\).*iproute2\/iproute2#37/);
  assert.match(r.error.message.zh, /第 1 行第 14 列/);
  const multi = parseIpLinks('[\n{"ifindex":1,"ifname":"lo"},\n{"ifindex":2,}\n]');
  assert.equal(multi.ok ? 0 : multi.error.line, 3);
});

test('text instead of JSON, banners, empty output and non-lists are clear errors', () => {
  const text = parseIpRoutes('default via 10.0.2.2 dev enp0s3 proto dhcp metric 100\n10.0.2.0/24 dev enp0s3 proto kernel scope link\n');
  assert.equal(text.ok ? '' : text.error.kind, 'not-json');
  assert.match(text.ok ? '' : text.error.message.en, /line 1: "default via 10\.0\.2\.2/);
  const banner = parseIpAddrs('Welcome to Ubuntu 20.04\n[]');
  assert.equal(banner.ok ? '' : banner.error.kind, 'not-json');
  assert.equal(((r) => (r.ok ? '' : r.error.kind))(parseIpLinks('  \n')), 'empty');
  assert.equal(((r) => (r.ok ? '' : r.error.kind))(parseIpLinks('{"ifindex":1}')), 'not-a-list');
  assert.deepEqual(value(parseIpLinks('[]')), []);
  assert.deepEqual(value(parseIpLinks('[1,"x",null,{"ifname":"no-index"},{"ifindex":"3","ifname":"bad"}]')), []);
});

test('hostile keys (__proto__, constructor) never reach a prototype', () => {
  const hostile =
    '[{"ifindex":1,"ifname":"lo","__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},"linkinfo":{"__proto__":{"info_kind":"vxlan"},"info_kind":"veth"},"addr_info":[{"__proto__":{"isAdmin":true},"family":"inet","local":"127.0.0.1","prefixlen":8}]}]';
  const links = value(parseIpAddrs(hostile));
  assert.equal(links[0]?.kind, 'veth');
  assert.equal(links[0]?.addrs[0]?.local, '127.0.0.1');
  assert.equal(({} as Record<string, unknown>)['isAdmin'], undefined);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(Object.getPrototypeOf(links[0]), Object.prototype);
  assert.equal((links[0] as unknown as Record<string, unknown>)['isAdmin'], undefined);
});

test('deeply nested JSON does not crash', () => {
  const deep = `[${'['.repeat(100000)}${']'.repeat(100000)}]`;
  const r = parseIpLinks(deep);
  assert.ok(r.ok ? r.value.length === 0 : r.error.kind === 'invalid-json');
});

test('IPv4 helpers', () => {
  assert.equal(ipv4ToInt('10.244.1.3'), (10 << 24) + (244 << 16) + (1 << 8) + 3);
  assert.equal(ipv4ToInt('256.1.1.1'), undefined);
  assert.equal(ipv4ToInt('fe80::1'), undefined);
  assert.deepEqual(parseCidr('10.244.1.7/24'), { net: ipv4ToInt('10.244.1.0'), len: 24 });
  assert.deepEqual(parseCidr('default'), { net: 0, len: 0 });
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.ok(cidrContains('10.244.0.0/16', '10.244.1.0/24'));
  assert.ok(!cidrContains('10.244.1.0/24', '10.244.0.0/16'));
  assert.ok(cidrContains('0.0.0.0/0', '192.168.157.132'));
  assert.ok(!cidrContains('10.244.1.0/24', 'fe80::/64'));
});

const canNetns = process.getuid?.() === 0 && existsSync('/usr/sbin/ip');

test(
  'live iproute2 output in a fresh network namespace parses (bridge, veth, vxlan)',
  { skip: canNetns ? false : 'needs root and iproute2' },
  () => {
    const ns = `k8lt-ipj-${process.pid}`;
    const ip = (...args: string[]) => execFileSync('ip', ['-n', ns, ...args], { encoding: 'utf8' });
    execFileSync('ip', ['netns', 'add', ns]);
    try {
      ip('link', 'add', 'cni0', 'type', 'bridge');
      ip('link', 'add', 'vethab12cd34', 'type', 'veth', 'peer', 'name', 'peer0');
      ip('link', 'set', 'vethab12cd34', 'master', 'cni0');
      ip('link', 'add', 'flannel.7', 'type', 'vxlan', 'id', '7', 'local', '198.18.0.1', 'dstport', '4789', 'nolearning');
      ip('addr', 'add', '10.244.9.1/24', 'dev', 'cni0');
      ip('link', 'set', 'cni0', 'up');
      const links = value(parseIpLinks(ip('-j', '-d', 'link', 'show')));
      assert.equal(links.find((l) => l.ifname === 'vethab12cd34')?.master, 'cni0');
      assert.equal(links.find((l) => l.ifname === 'vethab12cd34')?.link, 'peer0');
      assert.deepEqual(links.find((l) => l.ifname === 'flannel.7')?.vxlan, { id: 7, local: '198.18.0.1', port: 4789 });
      assert.equal(value(parseIpAddrs(ip('-j', 'addr', 'show'))).find((l) => l.ifname === 'cni0')?.addrs[0]?.local, '10.244.9.1');
      assert.ok(value(parseIpRoutes(ip('-j', 'route', 'show'))).some((r) => r.dst === '10.244.9.0/24' && r.dev === 'cni0'));
    } finally {
      execFileSync('ip', ['netns', 'del', ns]);
    }
  },
);
