#!/usr/bin/env bash
# make cluster-check: `coulomb batch` as a Slurm job array on a real single-node Slurm, started here and torn down.
#
#   scripts/slurm-cluster.sh COULOMB_BINARY [PYTHON]
#
# 1. Installs Debian's slurmctld, slurmd, slurm-client and munge when missing (scripts/install-deps.sh --slurm).
# 2. Starts munged, slurmctld and slurmd in a temporary folder on loopback (no systemd, no cgroup file system,
#    no accounting); each daemon in the foreground with `&`, so the pid kept is the daemon's own.
# 3. Makes an archive of 240 files (scripts/make-cluster-archive.py: simulated cycled cells, symmetric cells
#    with CCD ramps and shorts, impedance series, copies of the committed fixtures, 6 bad files).
# 4. Array check: the README's two submission lines (a 4-task array, then the merge after it), checked cell
#    for cell against one unsharded `coulomb batch` run here; every bad file once, failed, with its error.
# 5. Kill-and-requeue check: the same array again; one task is cancelled (scancel) after some files (a merge
#    then fails, naming a missing file), then requeued (scontrol requeue); its --resume run takes the finished
#    files from its journal, and the merged table again equals the unsharded one.
# Teardown (always, on success, failure, timeout or a signal): unfinished jobs cancelled, `scontrol shutdown`,
# then each daemon by its pid (TERM, then KILL), newest first; the folder removed (CLUSTER_KEEP=1 keeps it).
# CLUSTER_TIMEOUT (default 600 s) bounds the whole check.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
[ $# -ge 1 ] || { echo "usage: $0 COULOMB_BINARY [PYTHON]" >&2; exit 2; }
COULOMB_BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
PYTHON=${2:-$REPO/.venv/bin/python}
DEADLINE=$(( $(date +%s) + ${CLUSTER_TIMEOUT:-600} ))
T0=$(date +%s.%N)

exec 3>&2   # the check's own messages, wherever a command's stderr is sent
log() { echo "cluster-check: $*" >&3; }
die() { log "FAILED: $*"; exit 1; }
elapsed() { awk "BEGIN{printf \"%.1f\", $(date +%s.%N)-$T0}"; }

[ -x "$COULOMB_BIN" ] || die "no coulomb executable at $1"
scripts/install-deps.sh --slurm   # slurmctld, slurmd, slurm-client and munge, when missing
# Debian puts the daemons in /usr/sbin, which a plain user's PATH may lack.
export PATH=$PATH:/usr/sbin:/sbin

TMP=$(mktemp -d /tmp/coulomb-cluster.XXXXXX)
chmod 755 "$TMP"
mkdir -p "$TMP"/{state,spool,log,munge} "$TMP/work/bin"
chmod 700 "$TMP/munge"
PIDS=()
JOBS=()

teardown() {
    local rc=$? p i n
    set +e
    trap - EXIT INT TERM
    for j in "${JOBS[@]}"; do
        squeue -h -j "$j" 2>/dev/null | grep -q . && { log "cancelling unfinished job $j"; scancel "$j"; }
    done
    [ -n "${SLURM_CONF:-}" ] && scontrol shutdown >/dev/null 2>&1
    for ((i=${#PIDS[@]}-1; i>=0; i--)); do
        p=${PIDS[i]}
        [ "$p" = "${MUNGED_PID:-}" ] && kill -TERM "$p" 2>/dev/null
        for n in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; [ "$n" = 20 ] && kill -TERM "$p" 2>/dev/null; sleep 0.1; done
        kill -0 "$p" 2>/dev/null && { log "pid $p did not stop; SIGKILL"; kill -KILL "$p" 2>/dev/null; }
        wait "$p" 2>/dev/null
    done
    if [ "$rc" -ne 0 ]; then
        log "daemon logs:"; tail -n 20 "$TMP"/log/*.log >&3 2>/dev/null
        for f in "$TMP"/work/results*/*.log; do [ -f "$f" ] && { echo "--- $f" >&3; tail -n 15 "$f" >&3; }; done
    fi
    if [ "${CLUSTER_KEEP:-0}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
    log "torn down after $(elapsed) s; $([ "$rc" -eq 0 ] && echo passed || echo "FAILED (status $rc)")"
    exit "$rc"
}
trap teardown EXIT
CHILD=
trap 'log "interrupted"; [ -n "$CHILD" ] && kill -TERM "$CHILD" 2>/dev/null; exit 130' INT TERM

remaining() { echo $(( DEADLINE - $(date +%s) )); }
# Runs a command within what is left of CLUSTER_TIMEOUT, in the background so a signal to this script is
# handled at once (bash defers traps while a foreground command runs); 124 when it ran out of time.
bounded() {
    local rc=0 left
    left=$(remaining)
    [ "$left" -gt 0 ] || die "timed out before: $*"
    timeout -k 5 "$left" "$@" & CHILD=$!
    wait "$CHILD" || rc=$?
    CHILD=
    [ "$rc" != 124 ] || die "timed out (CLUSTER_TIMEOUT=${CLUSTER_TIMEOUT:-600} s): $*"
    return "$rc"
}

# --- the cluster -------------------------------------------------------------------------------------------
port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
pick_port() { local p; while :; do p=$((20000 + RANDOM % 40000)); port_free $p && port_free $((p+1)) && { echo $p; return; }; done; }
CTLD_PORT=$(pick_port)
HOST=$(hostname -s)   # slurmctld insists that SlurmctldHost is its own host name
ME=$(id -un)

mungekey -c -k "$TMP/munge/munge.key"
munged -F --force -S "$TMP/munge/sock" --key-file="$TMP/munge/munge.key" --pid-file="$TMP/munge/munged.pid" \
    --log-file="$TMP/log/munged.log" --seed-file="$TMP/munge/seed" >"$TMP/log/munged.out" 2>&1 &
MUNGED_PID=$!; PIDS+=("$MUNGED_PID")
for _ in $(seq 1 50); do [ -S "$TMP/munge/sock" ] && break; sleep 0.1; done
[ -S "$TMP/munge/sock" ] || die "munged did not start"

cat >"$TMP/slurm.conf" <<EOF
ClusterName=coulomb-ci
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$((CTLD_PORT + 1))
SlurmUser=$ME
SlurmdUser=$ME
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$TMP/munge/sock
StateSaveLocation=$TMP/state
SlurmdSpoolDir=$TMP/spool
SlurmctldPidFile=$TMP/slurmctld.pid
SlurmdPidFile=$TMP/slurmd.pid
SlurmctldLogFile=$TMP/log/slurmctld.log
SlurmdLogFile=$TMP/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
KillWait=5
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
# slurmd 22.05 always loads a cgroup plugin; cgroup/v1 without automount touches nothing when no cgroup-based
# proctrack/task plugin is configured, so it starts where /sys/fs/cgroup is absent or not delegated.
printf 'CgroupPlugin=cgroup/v1\nCgroupAutomount=no\n' >"$TMP/cgroup.conf"
export SLURM_CONF=$TMP/slurm.conf
slurmctld -D -f "$SLURM_CONF" >"$TMP/log/slurmctld.out" 2>&1 & PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >"$TMP/log/slurmd.out" 2>&1 & PIDS+=($!)
state=
for _ in $(seq 1 150); do
    state=$(sinfo -h -n "$HOST" -o '%T' 2>/dev/null || true)
    [ "$state" = idle ] && break
    for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null || die "daemon pid $p exited while starting"; done
    sleep 0.2
done
[ "$state" = idle ] || die "the node never became idle (state '$state')"
log "Slurm up in $(elapsed) s ($(nproc) CPUs, ports $CTLD_PORT/$((CTLD_PORT + 1)), $TMP)"

# --- the archive and the reference run ---------------------------------------------------------------------
cd "$TMP/work"
ln -s "$COULOMB_BIN" bin/coulomb
export PATH=$TMP/work/bin:$PATH     # the jobs inherit it (sbatch exports the environment)
bounded "$PYTHON" "$REPO/scripts/make-cluster-archive.py" archive --files 240 >&2
rm archive/files.txt   # the README's own lines make the list
ARCHIVE=archive
# --- the README's submission, word for word ----------------------------------------------------------------
# These lines are the Slurm block (after its ARCHIVE= line) of README.md and docs/BATCH.md; the check fails if either says otherwise.
MAKE_LIST='find "$ARCHIVE" -type f | LC_ALL=C sort > files.txt'
MAKE_RESULTS='mkdir -p results'
SUBMIT_ARRAY='array=$(sbatch --parsable --array=1-4 --cpus-per-task=1 -o "results/task-%a.log" --wrap '"'"'coulomb batch --files-from files.txt --circuit "R0-p(R1,CPE1)" --shard auto --jobs "$SLURM_CPUS_PER_TASK" --resume --status-jsonl "results/shard-$SLURM_ARRAY_TASK_ID.jsonl" -o "results/shard-$SLURM_ARRAY_TASK_ID.csv"'"'"')'
SUBMIT_MERGE='merge=$(sbatch --parsable --dependency=afterany:$array -o results/merge.log --wrap '"'"'coulomb merge results/shard-*.csv --files-from files.txt -o results/all.csv'"'"')'
for doc in README.md docs/BATCH.md; do   # docs/BATCH.md repeats the block beside its explanation
    for line in "$MAKE_LIST" "$MAKE_RESULTS" "$SUBMIT_ARRAY" "$SUBMIT_MERGE"; do
        grep -qxF "$line" "$REPO/$doc" || die "$doc's cluster section does not hold this line of the check: $line"
    done
done

# Waits until none of the given jobs is pending or running.
wait_jobs() {
    while squeue -h -j "$(IFS=,; echo "$*")" 2>/dev/null | grep -q .; do
        [ "$(remaining)" -gt 0 ] || { squeue >&2; die "timed out waiting for jobs $*"; }
        sleep 0.3
    done
}
# "STATE EXIT" of one job or array task, from scontrol (there is no sacct without a database).
job_state() {
    scontrol -o show job "$1" | sed -n 's/.* JobState=\([A-Z_]*\).* ExitCode=\([0-9:]*\).*/\1 \2/p' | head -n 1
}
# The merged table equals the reference cell for cell; each bad file is one failed row with its error.
compare_tables() {  # $1: merged CSV
    cmp -s "$1" reference.csv || { diff <(head -c 2000 reference.csv) <(head -c 2000 "$1") >&2; die "$1 differs from the unsharded run"; }
    "$PYTHON" - "$1" <<'PY' || die "the merged table's bad-file rows are not as expected"
import csv, sys
rows = list(csv.DictReader(line for line in open(sys.argv[1], newline='') if not line.startswith('#')))
bad = [r for r in rows if r['file'].startswith('archive/bad/')]
files = {line.strip() for line in open('files.txt') if line.startswith('archive/bad/')}
assert sorted(r['file'] for r in bad) == sorted(files), (sorted(r['file'] for r in bad), sorted(files))
assert all(r['status'] == 'failed' and r['error'] for r in bad), bad
assert all(r['status'] == 'ok' for r in rows if r not in bad)
print(f"cluster-check: {len(rows)} rows, {len(bad)} bad files each once as a failed row with its error", file=sys.stderr)
PY
}

eval "$MAKE_LIST"
[ "$(wc -l < files.txt)" -ge 200 ] || die "the archive has fewer than 200 files"
CIRCUIT='R0-p(R1,CPE1)'
status=0
bounded coulomb batch --files-from files.txt --circuit "$CIRCUIT" -o reference.csv 2>reference.log || status=$?
[ "$status" = 1 ] || die "the unsharded run exited $status (expected 1: the archive holds bad files)"
log "unsharded reference: $(grep -vc '^#' reference.csv) lines from $(wc -l < files.txt) files ($(elapsed) s)"

# --- check 1: the array and the merge after it -------------------------------------------------------------
eval "$MAKE_RESULTS"
eval "$SUBMIT_ARRAY"
JOBS+=("$array")
eval "$SUBMIT_MERGE"
JOBS+=("$merge")
log "submitted array $array and merge $merge"
wait_jobs "$array" "$merge"
for k in 1 2 3 4; do
    st=$(job_state "${array}_$k")
    # A task holding a bad file exits 1 having written its table; the merge is what must succeed.
    [ "${st%% *}" = COMPLETED ] || [ "$st" = "FAILED 1:0" ] || die "task $k ended $st"
    [ -f "results/shard-$k.csv" ] || die "task $k wrote no table"
    [ "$(wc -l < "results/shard-$k.jsonl")" = "$(awk -v k=$k 'NR % 4 == k % 4' files.txt | wc -l)" ] \
        || die "task $k's status log has not one line per file"
done
[ "$(job_state "$merge")" = "COMPLETED 0:0" ] || die "the merge job ended $(job_state "$merge")"
compare_tables results/all.csv
log "check 1 passed: a 4-task array and its merge equal the unsharded run ($(elapsed) s)"

# --- check 2: kill one task partway, requeue it, resume --------------------------------------------------------
mv results results-1
eval "$MAKE_RESULTS"
eval "$SUBMIT_ARRAY"
JOBS+=("$array")
victim=3
journal=results/shard-$victim.csv.journal
while [ "$(cat "$journal" 2>/dev/null | wc -l)" -lt 4 ]; do
    [ "$(remaining)" -gt 0 ] || die "timed out waiting for task $victim to start"
    [ "$(job_state "${array}_$victim" | cut -d' ' -f1)" = RUNNING ] || [ "$(job_state "${array}_$victim" | cut -d' ' -f1)" = PENDING ] \
        || die "task $victim ended before it could be killed: $(job_state "${array}_$victim")"
    sleep 0.05
done
scancel "${array}_$victim"
log "cancelling task $victim ($(($(wc -l < "$journal") - 1)) files in its journal)"
wait_jobs "$array"
[ "$(job_state "${array}_$victim" | cut -d' ' -f1)" = CANCELLED ] || die "task $victim ended $(job_state "${array}_$victim"), not CANCELLED"
[ ! -f "results/shard-$victim.csv" ] || die "the cancelled task wrote its table: it was not killed partway"
done_before=$(($(wc -l < "$journal") - 1))
share=$(awk -v k=$victim 'NR % 4 == k % 4' files.txt | wc -l)
[ "$done_before" -lt "$share" ] || die "the journal holds all $share files: the task was not killed partway"
# Merging now, with a shard missing, fails and names a missing file.
status=0
coulomb merge results/shard-*.csv --files-from files.txt -o results/early.csv 2>results/early.err || status=$?
[ "$status" = 1 ] && grep -q "hold no rows of" results/early.err && [ ! -f results/early.csv ] \
    || die "a merge without the cancelled task's shard did not fail as it should (status $status): $(cat results/early.err)"
scontrol requeue "${array}_$victim"
# Slurm holds a requeued job back by the credential lifetime (about 2 minutes); the check need not wait for it.
scontrol update JobId="${array}_$victim" StartTime=now
log "requeued task $victim ($done_before of its $share files in its journal)"
wait_jobs "$array"
grep -q "rows from $share files ($done_before from the journal)" "results/task-$victim.log" \
    || { cat "results/task-$victim.log" >&2; die "the requeued task did not resume from its journal"; }
eval "$SUBMIT_MERGE"
JOBS+=("$merge")
wait_jobs "$merge"
[ "$(job_state "$merge")" = "COMPLETED 0:0" ] || die "the merge job ended $(job_state "$merge")"
compare_tables results/all.csv
log "check 2 passed: task $victim killed after $done_before of $share files, requeued, resumed; the merged table equals the unsharded run ($(elapsed) s)"
