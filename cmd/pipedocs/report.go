package main

import (
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
	"github.com/pipedocs/pipedocs/render/snippet"
)

// A summary counts the verdicts of one run.
type summary struct {
	passed, failed, skipped int
}

// failing reports whether v makes the command fail.
func failing(v verdict, strict bool) bool { return pipeline.Failing(v, strict) }

func summarize(verdicts []verdict, skipped []*pipeline.Job, strict bool) summary {
	s := summary{skipped: len(skipped)}
	for _, v := range verdicts {
		if failing(v, strict) {
			s.failed++
		} else {
			s.passed++
		}
	}
	return s
}

// String is the closing line of every report: "N passed, M failed" with
// ", K skipped" when any snippet was not run.
func (s summary) String() string {
	line := fmt.Sprintf("%d passed, %d failed", s.passed, s.failed)
	if s.skipped > 0 {
		line += fmt.Sprintf(", %d skipped", s.skipped)
	}
	return line
}

// report prints verdicts in the format o asks for (SPEC §6) and the summary.
func report(w io.Writer, o *options, verdicts []verdict, skipped []*pipeline.Job) summary {
	sum := summarize(verdicts, skipped, o.strict)
	switch o.format {
	case "json":
		reportJSON(w, verdicts, skipped)
	case "github":
		reportGitHub(w, verdicts, o.strict)
		fmt.Fprintln(w, sum)
	case "junit":
		reportJUnit(w, verdicts, o.strict)
	default:
		reportText(w, verdicts, o.strict, o.quiet, useColor(w))
		fmt.Fprintln(w, sum)
	}
	return sum
}

// headline is "path:line: title: what happened" for a snippet worth a line.
func headline(v verdict) string {
	what := v.Outcome.Status.String()
	switch v.Outcome.Status {
	case snippet.Failed:
		what = v.Outcome.Problem
	case snippet.Drifted:
		what = "output drifted from the article"
		if v.Outcome.Problem != "" {
			what += "; " + v.Outcome.Problem
		}
	case snippet.Unverified:
		what = "unverified: no output block"
	}
	return fmt.Sprintf("%s:%d: %s: %s", v.Job.Path, v.Job.Line(), v.Job.Title, what)
}

// maxReportLines is how much of a failed run's output a report shows:
// its end, where the error usually is.
const maxReportLines = 20

// details is the body under a headline: the diff of a drift, or the
// output captured so far of a failure.
func details(v verdict) string {
	switch v.Outcome.Status {
	case snippet.Drifted:
		return v.Outcome.Diff
	case snippet.Failed:
		out := strings.TrimRight(strings.ToValidUTF8(string(v.Outcome.Output), "\uFFFD"), "\n")
		if out == "" {
			return ""
		}
		lines := strings.Split(out, "\n")
		var b strings.Builder
		if len(lines) > maxReportLines {
			fmt.Fprintf(&b, "    | … %d lines before\n", len(lines)-maxReportLines)
			lines = lines[len(lines)-maxReportLines:]
		}
		for _, line := range lines {
			b.WriteString("    | ")
			b.WriteString(line)
			b.WriteByte('\n')
		}
		return b.String()
	}
	return ""
}

const (
	colorRed    = "\x1b[31m"
	colorGreen  = "\x1b[32m"
	colorYellow = "\x1b[33m"
	colorCyan   = "\x1b[36m"
	colorReset  = "\x1b[0m"
)

func reportText(w io.Writer, verdicts []verdict, strict, quiet, color bool) {
	paint := func(c, s string) string {
		if !color {
			return s
		}
		return c + s + colorReset
	}
	for _, v := range verdicts {
		switch {
		case failing(v, strict):
			fmt.Fprintln(w, paint(colorRed, headline(v)))
			for _, line := range strings.SplitAfter(details(v), "\n") {
				switch {
				case !color || line == "":
				case strings.HasPrefix(line, "+") && !strings.HasPrefix(line, "+++"):
					line = paint(colorGreen, strings.TrimSuffix(line, "\n")) + "\n"
				case strings.HasPrefix(line, "-") && !strings.HasPrefix(line, "---"):
					line = paint(colorRed, strings.TrimSuffix(line, "\n")) + "\n"
				case strings.HasPrefix(line, "@@"):
					line = paint(colorCyan, strings.TrimSuffix(line, "\n")) + "\n"
				}
				io.WriteString(w, line)
			}
		case v.Outcome.Status == snippet.Unverified && !quiet:
			fmt.Fprintln(w, paint(colorYellow, headline(v)))
		}
	}
}

// useColor reports whether w is a terminal and NO_COLOR is unset.
func useColor(w io.Writer) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	return isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// jsonVerdict is one line of --format json.
type jsonVerdict struct {
	Path       string  `json:"path"`
	Line       int     `json:"line"`
	Title      string  `json:"title"`
	Language   string  `json:"language"`
	Status     string  `json:"status"`
	Problem    string  `json:"problem,omitempty"`
	Exit       int     `json:"exit"`
	Signal     string  `json:"signal,omitempty"`
	DurationMS float64 `json:"duration_ms"`
	Cached     bool    `json:"cached"`
	Toolchain  string  `json:"toolchain,omitempty"`
	Diff       string  `json:"diff,omitempty"`
	Output     string  `json:"output"` // "" for a skipped snippet
}

func reportJSON(w io.Writer, verdicts []verdict, skipped []*pipeline.Job) {
	lines := make([]jsonVerdict, 0, len(verdicts)+len(skipped))
	for _, v := range verdicts {
		lines = append(lines, jsonVerdict{
			Path:       v.Job.Path,
			Line:       v.Job.Line(),
			Title:      v.Job.Title,
			Language:   v.Job.Snippet.Lang,
			Status:     v.Outcome.Status.String(),
			Problem:    v.Outcome.Problem,
			Exit:       v.Outcome.Exit,
			Signal:     v.Outcome.Signal,
			DurationMS: float64(v.Result.Duration.Microseconds()) / 1000,
			Cached:     v.Result.Cached,
			Toolchain:  v.Outcome.Toolchain,
			Diff:       v.Outcome.Diff,
			Output:     strings.ToValidUTF8(string(v.Outcome.Output), "\uFFFD"),
		})
	}
	for _, j := range skipped {
		lines = append(lines, jsonVerdict{
			Path:     j.Path,
			Line:     j.Line(),
			Title:    j.Title,
			Language: j.Snippet.Lang,
			Status:   snippet.Skipped.String(),
		})
	}
	// In article order, as the text report: skipped snippets among the
	// others.
	slices.SortStableFunc(lines, func(a, b jsonVerdict) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	})
	enc := json.NewEncoder(w)
	for _, l := range lines {
		enc.Encode(l)
	}
}

// reportGitHub prints workflow commands that GitHub Actions shows as
// annotations on the pull request's diff.
func reportGitHub(w io.Writer, verdicts []verdict, strict bool) {
	for _, v := range verdicts {
		level := "error"
		switch {
		case failing(v, strict):
		case v.Outcome.Status == snippet.Unverified:
			level = "warning"
		default:
			continue
		}
		msg := headline(v)
		if d := details(v); d != "" {
			msg += "\n" + d
		}
		fmt.Fprintf(w, "::%s file=%s,line=%d,title=%s::%s\n", level,
			ghProperty(repoPath(v.Job.File)), v.Job.Line(),
			ghProperty(v.Job.Title+": "+v.Outcome.Status.String()), ghData(msg))
	}
}

// ghData and ghProperty escape as the Actions toolkit does.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// reportJUnit writes JUnit XML: a suite per article, a case per snippet.
func reportJUnit(w io.Writer, verdicts []verdict, strict bool) {
	var doc junitSuites
	index := map[string]int{}
	var seconds []float64 // per suite
	for _, v := range verdicts {
		i, ok := index[v.Job.Path]
		if !ok {
			i = len(doc.Suites)
			index[v.Job.Path] = i
			doc.Suites = append(doc.Suites, junitSuite{Name: v.Job.Path})
			seconds = append(seconds, 0)
		}
		seconds[i] += v.Result.Duration.Seconds()
		suite := &doc.Suites[i]
		c := junitCase{
			Name:      fmt.Sprintf("%s:%d", v.Job.Title, v.Job.Line()),
			Classname: v.Job.Path,
			Time:      fmt.Sprintf("%.3f", v.Result.Duration.Seconds()),
			SystemOut: strings.ToValidUTF8(string(v.Outcome.Output), "\uFFFD"),
		}
		if failing(v, strict) {
			c.Failure = &junitFailure{Message: headline(v), Type: v.Outcome.Status.String(), Body: details(v)}
			suite.Failures++
			doc.Failures++
		}
		suite.Tests++
		doc.Tests++
		suite.Cases = append(suite.Cases, c)
	}
	for i := range doc.Suites {
		doc.Suites[i].Time = fmt.Sprintf("%.3f", seconds[i])
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	enc.Encode(doc)
	io.WriteString(w, "\n")
}
