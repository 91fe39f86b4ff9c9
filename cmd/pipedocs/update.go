package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/snippet"
)

var updateCmd = &command{
	name:    "update",
	summary: "rewrite each snippet's output block to what it printed",
	usage:   "[flags] [article.md ...]",
	help: `
Update runs the snippets and rewrites each output block that no longer
matches to what the program printed, adding an output block after snippets
that have none. Nothing else in any file changes, byte for byte. Expected
lines written with [..], (re) or ... that still match are kept as written.
Each changed article is written to a temporary file and renamed over the old.

A snippet that fails to run as declared (compile error, wrong exit status,
signal, timeout, output over limit) is reported and its block left alone.

Exit status: 0 when every snippet ran as declared; 1 when any failed;
2 on bad input, config or usage.
`,
	flags: flagsFor("site", "run", "report"),
	run:   runUpdate,
}

func runUpdate(ctx context.Context, o *options, env *cliEnv) error {
	p, err := loadProject(ctx, o.source, o.drafts)
	if err != nil {
		return err
	}
	verdicts, _, err := p.verify(ctx, o, env)
	if err != nil {
		return err
	}
	failed := 0
	rewrites := make(map[string]map[int][]byte) // article path → snippet index → new output
	for _, v := range verdicts {
		s := v.job.snippet
		var content []byte
		switch v.outcome.Status {
		case snippet.Failed:
			failed++
			fmt.Fprintln(env.stderr, headline(v))
			fmt.Fprint(env.stderr, details(v))
			continue
		case snippet.Drifted:
			content = expect.Merge(s.Output.Content, v.result.Output, expect.Options{Unordered: s.Unordered})
		case snippet.Unverified:
			content = v.result.Output
		default:
			continue
		}
		path := v.job.article.Page.Path
		if rewrites[path] == nil {
			rewrites[path] = make(map[int][]byte)
		}
		rewrites[path][s.Index] = content
	}
	for _, a := range p.site.Pages {
		outputs := rewrites[a.Page.Path]
		if outputs == nil {
			continue
		}
		updated := snippet.Rewrite(a.Page.Src, a.Snippets, outputs)
		if bytes.Equal(updated, a.Page.Src) {
			continue
		}
		file := filepath.Join(p.root, filepath.FromSlash(a.Page.Path))
		if err := writeFileAtomic(file, updated); err != nil {
			return err
		}
		if !o.quiet {
			fmt.Fprintf(env.stdout, "updated %s (%d output %s)\n", p.display(a.Page.Path), len(outputs), plural(len(outputs), "block", "blocks"))
		}
	}
	if failed > 0 {
		fmt.Fprintf(env.stderr, "%d %s failed to run as declared; their output blocks were left alone\n", failed, plural(failed, "snippet", "snippets"))
		return errFailed
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// writeFileAtomic replaces name with data so that a reader, or a crash,
// sees either the old file or the new one, never half of one. The file
// keeps its mode.
func writeFileAtomic(name string, data []byte) (err error) {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
