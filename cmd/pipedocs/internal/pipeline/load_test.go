package pipeline

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pipedocs/pipedocs/render/diag"
)

func TestSettle(t *testing.T) {
	warn := diag.Diagnostic{Path: "content/b.md", Line: 3, Msg: "output block follows no snippet", Severity: diag.Warning}
	bad := diag.Diagnostic{Path: "content/a.md", Line: 9, Msg: "unknown snippet attribute \"x\"",
		Notes: []diag.Note{{Path: "content/c.md", Line: 1, Msg: "also here"}}}

	// Warnings alone stop nothing: they are kept, with the user's paths.
	p := &Project{Root: "site"}
	if err := p.settle(diag.List{warn}); err != nil {
		t.Fatalf("settle(warning) = %v, want nil", err)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Path != "site/content/b.md" {
		t.Errorf("Warnings = %v, want the warning at site/content/b.md", p.Warnings)
	}

	// An error fails it, reporting every diagnostic, sorted, notes moved too.
	p = &Project{Root: "site"}
	err := p.settle(diag.List{warn, bad})
	var list diag.List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("settle(warning, error) = %v, want both as a diag.List", err)
	}
	if list[0].Path != "site/content/a.md" || list[0].Notes[0].Path != "site/content/c.md" || list[1].Severity != diag.Warning {
		t.Errorf("settle = %v, want the error first, paths relocated", list)
	}
	if bad.Notes[0].Path != "content/c.md" {
		t.Errorf("settle changed its input's notes: %v", bad.Notes)
	}
}

func TestAwait(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err := await(ctx, func() (int, error) { <-release; return 1, nil })
	if !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Errorf("await on a cancelled context = %v after %v, want context.Canceled at once", err, time.Since(start))
	}
	if v, err := await(context.Background(), func() (int, error) { return 7, nil }); v != 7 || err != nil {
		t.Errorf("await = %v, %v; want 7, nil", v, err)
	}
}
