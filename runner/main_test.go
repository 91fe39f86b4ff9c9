package runner

import (
	"os"
	"testing"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// TestMain removes the scratch folder the runs made, as pipedocs does at
// exit.
func TestMain(m *testing.M) {
	code := m.Run()
	if err := proc.Cleanup(); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		code = 1
	}
	os.Exit(code)
}
