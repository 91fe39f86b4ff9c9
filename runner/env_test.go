package runner

import (
	"slices"
	"strings"
	"testing"
)

// TestGoEnvHoldsNoCredentials checks that the go command building
// snippets, whose environment a concurrent snippet can read, gets none of
// the variables that may hold a credential.
func TestGoEnvHoldsNoCredentials(t *testing.T) {
	t.Setenv("SECRET_TOKEN", "xyz")
	t.Setenv("GOAUTH", "echo https://example.com; echo; echo Authorization: Bearer xyz")
	t.Setenv("GOPROXY", "https://user:xyz@proxy.example.com")
	t.Setenv("GOFLAGS", "-tags=kept")
	env := goEnv("off")
	for _, kv := range env {
		if strings.Contains(kv, "xyz") {
			t.Errorf("goEnv passes on %q", kv)
		}
	}
	for _, want := range []string{"GOFLAGS=-tags=kept", "GOPROXY=off", "GOWORK=off"} {
		if !slices.Contains(env, want) {
			t.Errorf("goEnv lacks %q: %q", want, env)
		}
	}
}
