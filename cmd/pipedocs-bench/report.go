package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
)

// A check is one goal of issue 6 held against the figures.
type check struct {
	name     string
	pipedocs string // the figure under test
	baseline string // what it is compared with, "" for an absolute goal
	result   string // the ratio or the absolute value
	goal     string
	met      bool
	pending  string // why it could not be measured; "" when it was
}

// ratioCheck compares x with base as a ratio that must stay at or below limit.
func ratioCheck(name, x, base string, ratio, limit float64) check {
	return check{
		name: name, pipedocs: x, baseline: base,
		result: fmt.Sprintf("%.2f×", ratio),
		goal:   fmt.Sprintf("≤ %.2g×", limit),
		met:    ratio <= limit,
	}
}

// maxIndexPerPage is the search index's budget: readers load it over the
// network on their first search, so it must stay small (issue 19).
const maxIndexPerPage = 2 << 10

// indexCheck holds the search index that a build of n pages wrote into
// public to its budget, giving its gzipped size too (what a server
// compressing it sends).
func indexCheck(pages string, n int, public string) check {
	name := "search index, " + pages
	data, err := os.ReadFile(filepath.Join(public, "search-index.js"))
	if err != nil {
		return pending(name, err.Error())
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(data)
	w.Close()
	perPage := float64(len(data)) / float64(n)
	return check{
		name:     name,
		pipedocs: fmt.Sprintf("%.0f KiB (gzip %.0f KiB)", float64(len(data))/1024, float64(gz.Len())/1024),
		result:   fmt.Sprintf("%.2f KiB a page", perPage/1024),
		goal:     fmt.Sprintf("≤ %d KiB a page", maxIndexPerPage>>10),
		met:      perPage <= maxIndexPerPage,
	}
}

func pending(name, why string) check { return check{name: name, pending: why} }

func (c check) verdict() string {
	switch {
	case c.pending != "":
		return "pending: " + c.pending
	case c.met:
		return "goal met"
	default:
		return "goal missed"
	}
}

func printFigures(w io.Writer, figs []figure) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "command\truns\twall (median)\twall (min–max)\tCPU\tpeak MiB\t")
	for _, f := range figs {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s–%s\t%s\t%.0f\t\n", f.job, f.runs, seconds(f.wall),
			seconds(f.minWall), seconds(f.maxWall), seconds(f.cpu), mib(f.rss))
	}
	tw.Flush()
}

func printChecks(w io.Writer, checks []check) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "benchmark\tpipedocs\tbaseline\tresult\tgoal\tverdict")
	for _, c := range checks {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.name, dash(c.pipedocs), dash(c.baseline), dash(c.result), dash(c.goal), c.verdict())
	}
	tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// seconds formats a duration for the tables: seconds above one, else ms.
func seconds(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// thousands writes n with comma separators, as the issue writes page counts.
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
