#!/usr/bin/env bash
# A throw-away one-node Slurm cluster for testing tools/slurm on this machine (root, Debian 12's slurm-wlm and munge).
# Everything lives in one temp folder — its own munge key and socket, slurm.conf, state, spool, logs — so nothing in
# /etc is touched and stopping it leaves no trace. No systemd: the daemons are started directly.
#
#   eval "$(tools/slurm/cluster.sh start)"   # starts munged, slurmctld, slurmd; prints `export SLURM_CONF=… MIAREPRO_SLURM_DIR=…`
#   tools/slurm/cluster.sh stop [DIR]        # stops them (DIR defaults to $MIAREPRO_SLURM_DIR) and removes DIR
# `start` exits non-zero with the reason (and the daemon's log) when a daemon cannot run here.
set -euo pipefail

fail() { echo "cluster.sh: $*" >&2; exit 1; }
# A daemon that would not start: its output and log, then stop what did start.
why() {
  local name=$1 dir; dir=$(dirname "$2")
  for f in "${@:2}"; do if [ -s "$f" ]; then echo "--- $f"; tail -20 "$f"; fi; done >&2
  stop "$dir"
  fail "$name did not start (output above)"
}

start() {
  [ "$(id -u)" = 0 ] || fail "must run as root (SlurmUser=root; munged and slurmd need it): not root here"
  for tool in munged slurmctld slurmd sinfo; do
    command -v "$tool" >/dev/null || fail "$tool not found: apt-get install slurm-wlm munge"
  done
  local dir host
  dir=$(mktemp -d /tmp/miarepro-slurm.XXXXXX)   # mode 700: munged refuses key and socket folders others may write
  host=$(hostname -s)
  mkdir -p "$dir"/{state,spool,munge}
  chmod 700 "$dir/munge"
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  # cred_expire=10 and sched_interval=2: a requeued job waits cred_expire+1 s (default 121) before it is eligible, then
  # for the next scheduling pass (default every 60 s); a test of requeue need not wait minutes.
  # Ports away from the defaults (6817/6818) so a real slurmd on this host, if any, is left alone.
  cat >"$dir/slurm.conf" <<CONF
ClusterName=miarepro-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${MIAREPRO_SLURMCTLD_PORT:-16817}
SlurmdPort=${MIAREPRO_SLURMD_PORT:-16818}
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket,cred_expire=10
SchedulerParameters=sched_interval=2
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
NodeName=$host CPUs=2 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  # The daemons' own stdout/stderr go to files, not to the caller: a test reading start's output to its end would
  # otherwise wait on pipes the daemons hold open for ever. On failure the file and the log say why.
  munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" </dev/null >"$dir/munged.err" 2>&1 \
    || why munged "$dir/munged.err" "$dir/munge/munged.log"
  slurmctld </dev/null >"$dir/slurmctld.err" 2>&1 || why slurmctld "$dir/slurmctld.err" "$dir/slurmctld.log"
  slurmd </dev/null >"$dir/slurmd.err" 2>&1 || why slurmd "$dir/slurmd.err" "$dir/slurmd.log"
  # The node registers within seconds; wait up to 30 s for it to be idle.
  for _ in $(seq 30); do
    [ "$(sinfo -h -n "$host" -o %t 2>/dev/null)" = idle ] && { echo "export SLURM_CONF=$SLURM_CONF MIAREPRO_SLURM_DIR=$dir"; return 0; }
    sleep 1
  done
  { echo "--- sinfo"; sinfo -N -l; echo "--- slurmctld.log"; tail -20 "$dir/slurmctld.log"; echo "--- slurmd.log"; tail -20 "$dir/slurmd.log"; } >&2 || true
  stop "$dir"
  fail "node $host did not become idle within 30 s (logs above)"
}

# Stops each daemon by the pid its own pid file names (never by process name: other clusters may run here).
stop() {
  local dir=${1:-${MIAREPRO_SLURM_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir" ] || fail "stop: no cluster folder given (pass the DIR that start printed)"
  # Jobs still running (a test that gave up waiting) would outlive slurmd: cancel this cluster's jobs first.
  if [ -f "$dir/slurm.conf" ] && [ -s "$dir/slurmctld.pid" ]; then
    SLURM_CONF="$dir/slurm.conf" scancel --user="$(id -un)" 2>/dev/null || true
    for _ in $(seq 30); do
      [ -z "$(SLURM_CONF="$dir/slurm.conf" squeue -h 2>/dev/null)" ] && break
      sleep 1
    done
  fi
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) fail "usage: cluster.sh start | stop [DIR]" ;;
esac
