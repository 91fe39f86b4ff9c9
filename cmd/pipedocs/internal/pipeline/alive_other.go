//go:build !unix

package pipeline

// processAlive cannot tell here, so every writer counts as alive and no
// temporary file is removed.
func processAlive(pid int) bool { return true }
