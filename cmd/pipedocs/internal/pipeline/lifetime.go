package pipeline

import "github.com/pipedocs/pipedocs/runner/proc"

// SweepLeftovers removes what a pipedocs killed with SIGKILL left behind
// (its scratch folders, and the snippets' processes still alive in its
// cgroups) and makes this process unreadable to the snippets it will run
// (SPEC §4.1). Call it once, before any stage; an error is worth a
// warning only: a failed sweep loses nothing of this run.
func SweepLeftovers() error { return proc.Sweep() }

// Cleanup kills every program still running and removes this process's
// scratch folder. Call it once, after the command, on every way out.
func Cleanup() error { return proc.Cleanup() }

// MkdirTemp makes a new folder in this process's scratch folder, which
// Cleanup removes, or the next start's SweepLeftovers when pipedocs was
// killed: serve builds its sites there.
func MkdirTemp(pattern string) (string, error) { return proc.MkdirTemp(pattern) }
