#!/bin/bash
# Records real `ip -j` output of a two-node flannel-style network built in network namespaces
# (the layout of the answer sheet: master 192.168.157.133 "ubuntu", worker 192.168.157.132
# "worker1", pod1 10.244.1.3 on the worker with eth0@if6 <-> vethe358f9b7@if2), and prints it
# as JSON: { "<role>": { "<probe>": "<stdout>" } }. Needs root and iproute2; touches only the
# namespaces it creates (k8lt-*) and removes them on exit.
#   usage: sudo bash record-topology.sh > answer-sheet-topology.json
set -euo pipefail
M=k8lt-m W=k8lt-w P1=k8lt-pod1 P2=k8lt-dns1 P3=k8lt-dns2
cleanup() { for n in $M $W $P1 $P2 $P3; do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT
cleanup
for n in $M $W $P1 $P2 $P3; do ip netns add "$n"; ip -n "$n" link set lo up; done

# The host-only LAN: ens33 on both nodes, one veth pair between them.
ip -n $M link add ens33 type veth peer name ens33 netns $W
ip -n $M addr add 192.168.157.133/24 dev ens33; ip -n $M link set ens33 up
ip -n $W addr add 192.168.157.132/24 dev ens33; ip -n $W link set ens33 up

node() { # ns, node-ip, pod-gateway/24, flannel-address
  ip -n "$1" link add docker0 type bridge; ip -n "$1" addr add 172.17.0.1/16 dev docker0; ip -n "$1" link set docker0 up
  ip -n "$1" link add flannel.1 type vxlan id 1 local "$2" dev ens33 dstport 8472 nolearning
  ip -n "$1" addr add "$4/32" dev flannel.1; ip -n "$1" link set flannel.1 up
  ip -n "$1" link add cni0 type bridge; ip -n "$1" addr add "$3" dev cni0; ip -n "$1" link set cni0 up
  ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1
  ip -n "$1" route add default via 192.168.157.2 dev ens33 onlink
}
node $M 192.168.157.133 10.244.0.1/24 10.244.0.0
node $W 192.168.157.132 10.244.1.1/24 10.244.1.0

pod() { # node-ns, pod-ns, veth name, ip/24, gateway
  ip -n "$1" link add "$3" type veth peer name eth0 netns "$2"
  ip -n "$1" link set "$3" master cni0 up
  ip -n "$2" addr add "$4" dev eth0; ip -n "$2" link set eth0 up; ip -n "$2" route add default via "$5"
}
pod $W $P1 vethe358f9b7 10.244.1.3/24 10.244.1.1
pod $M $P2 veth2a1c9d3e 10.244.0.4/24 10.244.0.1
pod $M $P3 veth7f04b5c1 10.244.0.5/24 10.244.0.1

# Cross-node wiring as flanneld does it (neighbour, fdb, onlink route), both ways.
mac() { ip -n "$1" -j link show flannel.1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])'; }
MW=$(mac $W) MM=$(mac $M)
ip -n $M neigh add 10.244.1.0 lladdr "$MW" dev flannel.1 nud permanent
bridge -n $M fdb append "$MW" dev flannel.1 dst 192.168.157.132
ip -n $M route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink
ip -n $W neigh add 10.244.0.0 lladdr "$MM" dev flannel.1 nud permanent
bridge -n $W fdb append "$MM" dev flannel.1 dst 192.168.157.133
ip -n $W route add 10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink
ip netns exec $M ping -c 1 -W 2 10.244.1.3 >/dev/null   # the path really works

{
  printf '{"_about": "Real iproute2 %s output recorded by record-topology.sh (network namespaces, real vxlan).",\n' "$(ip -V | sed 's/"//g')"
  for role in master worker; do
    ns=$M; [ $role = worker ] && ns=$W
    printf '"%s": {' $role
    printf '"net.link": %s,' "$(ip -n $ns -j -d link show | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')"
    printf '"net.addr": %s,' "$(ip -n $ns -j addr show | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')"
    printf '"net.route": %s' "$(ip -n $ns -j route show | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')"
    [ $role = worker ] && printf ', "pod.default.pod1.addr": %s' "$(ip -n $P1 -j addr show | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')"
    [ $role = master ] && printf '},\n' || printf '}\n'
  done
  printf '}\n'
} | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), indent=2))'
