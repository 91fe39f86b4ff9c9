package site

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/themes"
)

// BenchmarkRenderCorpus is the render stage of a first build (no render
// store: every article parsed, highlighted and written) of the site in
// $PIPEDOCS_BENCH_SITE, made by `go run ./cmd/pipedocs-bench gen docs -n
// 1000 -o DIR`; it skips without one. Each iteration renders into a new
// folder. For a profile of where a first build's render goes:
//
//	PIPEDOCS_BENCH_SITE=/tmp/d1k go test ./render/site -run '^$' \
//	    -bench RenderCorpus -benchtime 3x -cpuprofile /tmp/cpu.out
func BenchmarkRenderCorpus(b *testing.B) {
	root := os.Getenv("PIPEDOCS_BENCH_SITE")
	if root == "" {
		b.Skip("PIPEDOCS_BENCH_SITE names no site (make one with pipedocs-bench gen docs)")
	}
	fsys := os.DirFS(root)
	cfg, diags, err := config.LoadSite(fsys, func(rel string) string { return rel })
	if err != nil || len(diags.Errors()) > 0 {
		b.Fatalf("config: %v %v", err, diags)
	}
	ctx := context.Background()
	pages, diags, err := page.Load(ctx, fsys, "", page.Filter{})
	if err != nil || len(diags.Errors()) > 0 {
		b.Fatalf("page.Load: %v %v", err, diags)
	}
	md := markdown.New(markdown.Options{Unsafe: cfg.Unsafe})
	s, diags, err := Parse(ctx, cfg, md, pages)
	if err != nil || len(diags.Errors()) > 0 {
		b.Fatalf("Parse: %v %v", err, diags)
	}
	out := b.TempDir()
	i := 0
	for b.Loop() {
		dir := filepath.Join(out, strconv.Itoa(i))
		i++
		if err := os.Mkdir(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := Render(ctx, s, nil, md, RenderOptions{Theme: themes.Default}, dir); err != nil {
			b.Fatal(err)
		}
	}
}
