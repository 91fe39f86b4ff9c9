package main

import (
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
	"github.com/pipedocs/pipedocs/render/diag"
)

func TestPrintWarnings(t *testing.T) {
	p := &project{Project: &pipeline.Project{Warnings: diag.List{
		{Path: "content/a.md", Line: 7, Col: 1, Msg: "output block follows no snippet", Severity: diag.Warning},
	}}}
	tests := []struct {
		format         string
		stdout, stderr string
	}{
		{"text", "", "content/a.md:7:1: warning: output block follows no snippet\n"},
		{"json", "", "content/a.md:7:1: warning: output block follows no snippet\n"},
		{"github", "::warning file=content/a.md,line=7,col=1::output block follows no snippet\n", ""},
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		printWarnings(&cliEnv{stdout: &stdout, stderr: &stderr}, &options{format: tt.format}, p)
		if stdout.String() != tt.stdout || stderr.String() != tt.stderr {
			t.Errorf("--format %s: stdout %q, stderr %q; want %q, %q", tt.format, stdout.String(), stderr.String(), tt.stdout, tt.stderr)
		}
	}
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args       []string
		positional string
		noCache    bool
	}{
		{[]string{"a.md", "--no-cache"}, "a.md", true},
		{[]string{"--no-cache", "a.md", "b.md"}, "a.md b.md", true},
		{[]string{"a.md", "--", "--no-cache"}, "a.md --no-cache", false},
		{[]string{"a.md", "--run", "x", "b.md"}, "a.md b.md", false},
		{nil, "", false},
	}
	for _, tt := range tests {
		fs := newFlagSet(checkCmd)
		o := checkCmd.flags(fs)
		pos, err := parseArgs(fs, tt.args)
		if err != nil {
			t.Fatalf("parseArgs(%q): %v", tt.args, err)
		}
		if got := strings.Join(pos, " "); got != tt.positional || o.noCache != tt.noCache {
			t.Errorf("parseArgs(%q) = %q, no-cache %v; want %q, %v", tt.args, got, o.noCache, tt.positional, tt.noCache)
		}
	}
}
