#!/bin/sh
# docker CLI of a k8s-labs testbed node. NOT the real docker and no engine behind it: it answers
# the two questions a collector asks a cri-dockerd node — the PID of a pod sandbox (cri-dockerd's
# `crictl inspectp` reports no PID or netns path) and the engine version — from the stand-in
# processes this node runs (pids.tsv). Like the real CLI it needs root (or the docker group).
S=/usr/local/share/k8s-labs
if [ "$(id -u)" != 0 ]; then
  printf 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%%2Fvar%%2Frun%%2Fdocker.sock/v1.45/version": dial unix /var/run/docker.sock: connect: permission denied\n' >&2
  exit 1
fi
case ${1:-} in
  version)
    case ${2:-}${3:-} in
      --format{{.Server.Version}}|-f{{.Server.Version}}|--format={{.Server.Version}}) echo 26.1.1; exit 0 ;;
    esac ;;
  inspect)
    shift
    case ${1:-} in
      -f|--format) fmt=${2:-}; shift 2 ;;
      --format=*|-f=*) fmt=${1#*=}; shift ;;
      *) fmt= ;;
    esac
    [ "$fmt" = '{{.State.Pid}}' ] || { echo "the k8s-labs testbed's docker answers only: docker inspect --format '{{.State.Pid}}' ID" >&2; exit 1; }
    [ $# -gt 0 ] || { echo '"docker inspect" requires at least 1 argument.' >&2; exit 1; }
    rc=0
    for id in "$@"; do
      pid=$(awk -v id="$id" 'length(id) >= 4 && index($1, id) == 1 { print $2; exit }' "$S/docker-pids.tsv")
      if [ -n "$pid" ]; then echo "$pid"; else echo "Error: No such object: $id" >&2; rc=1; fi
    done
    exit $rc ;;
esac
printf "docker: '%s' is not a docker command.\nSee 'docker --help'\n" "${1:-}" >&2
exit 1
