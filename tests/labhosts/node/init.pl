#!/usr/bin/perl
# PID 1 of a testbed node (after boot.sh). Written in Perl because the node needs an init that
# reaps every orphan (waitpid(-1)), which neither sh nor Node can do, and perl-base is on every
# Debian machine. It starts the stand-in processes listed in procs.tsv (some inside pod network
# namespaces), records their PIDs as seen inside the node (pids.tsv, for the recorded
# `docker inspect`), then runs the real sshd and restarts it when it exits or on SIGUSR1 (the
# testbed's host-key rotation writes a new key first).
use strict;
use warnings;
use POSIX ();

my ($dir, $standin, $prctl) = @ARGV;
die "usage: init.pl NODE_DIR STANDIN\n" unless $dir && $standin;
$0 = '/sbin/init' . ("\0" x 64);
$| = 1;

sub spawn_standin {
  my ($key, $netns, $pod, $port, @argv) = @_;
  my $pid = fork();
  die "fork: $!" unless defined $pid;
  return $pid if $pid;
  open(STDIN, '<', '/dev/null');
  open(STDOUT, '>', '/dev/null');
  $ENV{STANDIN_ARGV0} = shift @argv;
  $ENV{STANDIN_PRCTL_NR} = $prctl if $prctl;
  $ENV{STANDIN_POD} = $pod if $pod ne '-';
  $ENV{STANDIN_HTTP_PORT} = $port if $port ne '-';
  my @cmd = ('/usr/bin/perl', $standin, @argv);
  @cmd = ('/usr/bin/nsenter', "--net=/run/netns/$netns", '--', @cmd) if $netns ne '-';
  exec(@cmd) or POSIX::_exit(127);
}

my @pids;
open(my $procs, '<', "$dir/procs.tsv") or die "procs.tsv: $!";
while (my $line = <$procs>) {
  chomp $line;
  next if $line eq '';
  my @f = split /\t/, $line;
  push @pids, "$f[0]\t" . spawn_standin(@f) . "\n";
}
close $procs;

# Pod network namespaces stay reachable through the stand-ins' /proc/<pid>/ns/net; hiding their
# names makes `ip link` print `link-netnsid N` as on a docker/cri-dockerd node.
system('/usr/bin/mount', '-t', 'tmpfs', '-o', 'size=16k,mode=0755', 'tmpfs', '/run/netns') == 0
  or warn "could not hide /run/netns\n";

open(my $out, '>', "$dir/pids.tsv.tmp") or die "pids.tsv: $!";
print {$out} @pids;
close $out;
rename("$dir/pids.tsv.tmp", "$dir/pids.tsv") or die "rename: $!";

my $sshd = 0;
sub start_sshd {
  my $pid = fork();
  die "fork: $!" unless defined $pid;
  if ($pid == 0) {
    open(STDIN, '<', '/dev/null');
    exec('/usr/sbin/sshd', '-D', '-f', "$dir/ssh/sshd_config", '-E', "$dir/sshd.log") or POSIX::_exit(127);
  }
  $sshd = $pid;
  print "sshd started as pid $pid\n";
}

$SIG{USR1} = sub { kill 'TERM', $sshd if $sshd };
$SIG{TERM} = sub { kill 'TERM', -1; POSIX::_exit(0) };
start_sshd();
while (1) {
  my $pid = waitpid(-1, 0);
  if ($pid == -1) { sleep 1; next; }
  if ($pid == $sshd) {
    select(undef, undef, undef, 0.05);
    start_sshd();
  }
}
