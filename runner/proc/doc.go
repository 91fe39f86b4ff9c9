// Package proc runs one program as a contained child process and captures
// what it writes.
//
// # Pipes
//
// The child's stdout and stderr are the write end of a single pipe made
// with pipe2(O_CLOEXEC), so the order of its writes is kept byte for byte,
// as `prog 2>&1 | cat` keeps it. Our copy of the write end is closed as
// soon as the child has started, so the read end sees EOF only when every
// writer has closed it: a background process that prints after its parent
// exited is still captured. stdin is a second pipe fed from Cmd.Stdin, or
// /dev/null. Every descriptor we open is close-on-exec, so the child gets
// 0, 1 and 2 and nothing else. The child's environment is exactly Cmd.Env.
//
// Run reads until EOF, the timeout, the cancellation of its context or the
// output limit, whichever comes first. The read buffer never grows past
// the limit plus one byte, so our memory is bounded whatever the child
// prints.
//
// # Killing the whole tree
//
// When the run is over, for whatever reason, every process the child
// started is killed and reaped before Run returns: nothing outlives a run.
// Killing the child's process group is not enough for that, because a
// process may leave the group with setsid(2) or setpgid(2), and a double
// fork hides it from the child's wait. So the tree is contained by one of
// two mechanisms, chosen once per process:
//
//   - a cgroup v2 per run (preferred). Where our own cgroup in the unified
//     hierarchy is writable, each run makes a child cgroup, the child is
//     started directly inside it (clone3 with CLONE_INTO_CGROUP, so there
//     is no window in which it runs outside), and at the end "1" is written
//     to cgroup.kill. The kernel kills every member atomically, including
//     ones forked while the kill happens, whatever their session or group;
//     nothing can leave a cgroup it cannot write to. The cgroup is removed
//     once it is empty. Cost: a mkdir, a few small file operations and an
//     rmdir per run, a few hundred microseconds of CPU at most (see
//     BenchmarkRunTrue against BenchmarkExecTrue).
//
//   - a process group plus a subreaper (fallback). The child gets its own
//     group, which is killed with SIGKILL; processes that left it are found
//     because our process is a child subreaper (PR_SET_CHILD_SUBREAPER):
//     an orphan is reparented to us rather than to init, so a scan of /proc
//     for processes whose parent is us finds them. Limits, stated honestly:
//     an escaped process carries no mark of the run it came from, so while
//     other runs are in flight it cannot be told apart from theirs; it is
//     then left alone and killed when the last concurrent run ends, not
//     when its own run does. A process that joins our own process group
//     (possible only from inside our session) is mistaken for one of ours
//     and left alive. The /proc scan at the end of every run costs time in
//     proportion to the processes on the machine: milliseconds on a busy
//     one.
//
// In both modes our process is a child subreaper, because orphans must be
// reaped by someone and init is not guaranteed to (on this machine pid 1
// does not reap). Run reaps the zombies reparented to it, and only those
// that cannot belong to another part of the program: processes still in
// our own process group (children that os/exec started elsewhere) and the
// direct children of runs in flight are left to their own Wait. Code in
// the same program that starts children in a process group of their own
// must do so through this package.
//
// # Errors
//
// Run's error is for the environment (the program is not found, fork or
// the cgroup failed, the context was cancelled), never for the child
// misbehaving: a non-zero exit, a signal, a timeout or too much output are
// reported in the Outcome.
package proc
