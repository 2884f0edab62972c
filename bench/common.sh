# What the benchmark scripts share (sourced, needs $ROOT): messages, the package check, how
# to stop a child, and the commit under test read without the git command.

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

stop_pid() {  # PID: SIGTERM, then SIGKILL after 10 s
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

git_commit() {  # read-only, without the git command (a worktree's .git is a file)
  local gitdir="$ROOT/.git" head ref commit=""
  if [ -f "$gitdir" ]; then gitdir=$(sed -n 's/^gitdir: //p' "$gitdir"); fi
  head=$(cat "$gitdir/HEAD" 2>/dev/null) || { echo unknown; return; }
  if [[ "$head" == ref:* ]]; then
    ref=${head#ref: }
    local common="$gitdir"
    [ -f "$gitdir/commondir" ] && common=$(cd "$gitdir" && cd "$(cat commondir)" && pwd)
    if [ -f "$gitdir/$ref" ]; then commit=$(cat "$gitdir/$ref")
    elif [ -f "$common/$ref" ]; then commit=$(cat "$common/$ref")
    else commit=$(awk -v r="$ref" '$2 == r {print $1}' "$common/packed-refs" 2>/dev/null); fi
    echo "${commit:-unknown} (${ref#refs/heads/})"
  else
    echo "$head"
  fi
}
