#!/usr/bin/perl
# Stand-in process of a testbed node. NOT the real program: it only takes the argv of a
# Kubernetes component or container process (kube-apiserver, kubelet, etcd, /pause, ...) so that
# `ps aux` over SSH shows a node's real-looking process table, and it sleeps. With
# STANDIN_HTTP_PORT it answers every HTTP request with 200 (the pods behind service1), so traffic
# to the ClusterIP really goes through the node's iptables DNAT and the vxlan. `--version` prints
# the cluster's Kubernetes version (the node's /usr/bin/kubelet is a copy of this file).
# Dozens of these start with every testbed, so it loads no modules (not even warnings/POSIX):
# Linux constants are written out instead.
use strict;

my $argv0 = $ENV{STANDIN_ARGV0} // $0;
if (@ARGV && $ARGV[0] eq '--version') {
  print "Kubernetes v1.29.4\n";
  exit 0;
}
(my $comm = $argv0) =~ s{.*/}{};
# Perl writes $0 over the original argv area; NUL separators make /proc/<pid>/cmdline hold the
# wanted argv, and NUL padding (instead of perl's spaces) leaves no trailing blanks in `ps`.
$0 = join("\0", $argv0, @ARGV) . ("\0" x 8192);
# prctl(PR_SET_NAME) so `pgrep kubelet` matches; the syscall number comes from init.pl.
syscall($ENV{STANDIN_PRCTL_NR}, 15, substr($comm, 0, 15)) if $ENV{STANDIN_PRCTL_NR};
$SIG{TERM} = sub { exit 0 };

if (my $port = $ENV{STANDIN_HTTP_PORT}) {
  my $pod = $ENV{STANDIN_POD} // '?';
  my $body = "$comm stand-in of pod $pod (k8s-labs testbed; no real container runs here)\n";
  # AF_INET 2, SOCK_STREAM 1, SOL_SOCKET 1, SO_REUSEADDR 2 (Linux), sockaddr_in on 0.0.0.0.
  socket(my $srv, 2, 1, 6) or die "socket: $!\n";
  setsockopt($srv, 1, 2, pack('i', 1));
  bind($srv, pack('S n x4 x8', 2, $port)) or die "bind $port: $!\n";
  listen($srv, 64) or die "listen: $!\n";
  while (accept(my $c, $srv)) {
    eval {
      local $SIG{ALRM} = sub { die "slow client\n" };
      alarm 5;
      my $req = '';
      while ($req !~ /\r?\n\r?\n/ && length($req) < 65536) {
        my $n = sysread($c, my $buf, 4096);
        last unless $n;
        $req .= $buf;
      }
      alarm 0;
      my $res = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
        . length($body) . "\r\nConnection: close\r\n\r\n$body";
      syswrite($c, $res);
    };
    close $c;
  }
}
sleep 3600 while 1;
