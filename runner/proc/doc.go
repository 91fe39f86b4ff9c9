// Package proc runs programs as contained child processes and captures
// what they write.
//
// # Groups
//
// Run runs one program from start to reaping. Programs that must live
// side by side (a page session: a server started in the background, then
// clients, waited on at different times) go in a Group: NewGroup, then
// Start for each program, Process.Wait for each, and Group.Kill at the
// end, which kills whatever still runs. Run is a Group of one program.
// A program's output is read from its start, whether or not anyone waits
// for it: Process.Output returns what it wrote so far, and
// Process.WaitFor waits until that contains a text ("listening on"),
// with a timeout, without ending the program.
//
// Everything a program started dies when its Wait would return, as for
// Run; the Group's other programs run on. When the Group's context is
// done, all its programs are killed at once.
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
// When a program is over, for whatever reason, every process it started
// is killed and reaped before its Wait (or Run) returns: nothing outlives
// a program.
// Killing the child's process group is not enough for that, because a
// process may leave the group with setsid(2) or setpgid(2), and a double
// fork hides it from the child's wait. So the tree is contained by one of
// two mechanisms, chosen once per process:
//
//   - a cgroup v2 per program (preferred). Where our own cgroup in the
//     unified hierarchy is writable, we make one cgroup for our process,
//     pipedocs-PID-tSTART (the owner cgroup); in it each Group makes one,
//     gN, and in that each program one, pN (Run's group of one keeps its
//     program in gN itself). The child is started directly inside its
//     cgroup (clone3 with CLONE_INTO_CGROUP, so there is no window in
//     which it runs outside), and at the end "1" is written to its
//     cgroup.kill. The kernel kills every member atomically, including
//     ones forked while the kill happens, whatever their session or group;
//     nothing can leave a cgroup it cannot write to (root can: a root
//     program that moves itself out of its program's cgroup is still
//     killed with its Group, but one that moves out of our owner cgroup
//     is not contained). The cgroup is removed once it is empty. Cost: a
//     mkdir, a few small file operations and an rmdir per run, a few
//     hundred microseconds of CPU at most (see BenchmarkRunTrue against
//     BenchmarkExecTrue).
//
//   - a process group plus a subreaper (fallback). The child gets its own
//     group, which is killed with SIGKILL; processes that left it are found
//     because our process is a child subreaper (PR_SET_CHILD_SUBREAPER):
//     an orphan is reparented to us rather than to init, so a scan of /proc
//     for processes whose parent is us finds them. Limits, stated honestly:
//     an escaped process carries no mark of the program it came from, so
//     while other programs are in flight (in any Group) it cannot be told
//     apart from theirs; it is then left alone and killed when the last
//     program in flight ends, not when its own does. A process that joins our own process group
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
// # Secrets
//
// A program must not read our environment or memory, where CI keeps its
// tokens: /proc/PID/environ and /proc/PID/mem (and ptrace and
// process_vm_readv, which the same check guards) of our pid. Before its
// first child our process makes itself non-dumpable
// (prctl(PR_SET_DUMPABLE, 0)). The kernel then lets only a process with
// CAP_SYS_PTRACE in our user namespace at our memory, environ included;
// a process of the same user without that capability gets EACCES.
//
//   - Unprivileged (no CAP_SYS_PTRACE): that is enough; children are
//     started as before.
//   - Root, or any process holding CAP_SYS_PTRACE: a child would inherit
//     the capability, so each child starts in a user namespace of its own
//     (CLONE_NEWUSER) whose uid and gid maps are the identity over every
//     id we have. The child is still uid 0, owns and may touch every file
//     it could before, but its capabilities hold only in its namespace,
//     not over us. It also loses what needs a capability outside it:
//     mounting, mknod of devices, chattr +i, raw sockets, loading modules,
//     /proc/kcore, bpf. Cost: the
//     go runtime cannot vfork a child that gets a user namespace, so each
//     start copies our page tables: about 1 ms of CPU per run on a small
//     heap (BenchmarkRunTrue), proportional to our memory. Where the kernel
//     refuses user namespaces (user.max_user_namespaces = 0, a seccomp
//     filter), they are given up for good and children start without one:
//     a root child can then read our environment, and nothing here stops
//     it.
//
// What is not protected, stated plainly: other processes of the same
// user, dumpable, are readable by a program as they always are: the shell
// or CI step that started pipedocs (its environment may hold the same
// tokens), and the programs we start ourselves (the go command building
// snippets gets only PATH, HOME, TMPDIR, CC, CXX, XDG_* and GO*/CGO_*
// without GOAUTH; runner's goEnv). A PID namespace would hide them, but
// it changes what a snippet sees ($PPID, ps, kill) and needs a /proc of
// its own; it is not used. Nor is a program sandboxed from the file
// system: whatever our user can read, it can.
//
// # Leftovers
//
// Everything pipedocs makes that lives while it runs is named after it,
// pipedocs-PID-tSTART (pid and start time: one process for the life of
// the machine): its scratch folder in $TMPDIR (TempDir, MkdirTemp),
// where the runner puts run and build folders, and its owner cgroup.
// Cleanup removes both at a normal exit. After a crash (SIGKILL, a
// snippet running kill -9 $PPID) the next pipedocs to start calls Sweep,
// which removes every such folder and cgroup whose owner is dead, killing
// with cgroup.kill the background processes still in them. In the
// fallback, without cgroups, those processes carry no mark and are not
// found.
//
// # Errors
//
// Run's error, and Wait's, is for the environment (the program is not
// found, fork or the cgroup failed, the context was cancelled), never for
// the child misbehaving: a non-zero exit, a signal, a timeout or too much
// output are reported in the Outcome. A program killed by Group.Kill
// ends with Signal SIGKILL and no error.
package proc
