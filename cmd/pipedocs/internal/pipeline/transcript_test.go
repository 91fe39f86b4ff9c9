package pipeline

import (
	"context"
	"reflect"
	"testing"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/runner"
)

const transcriptDoc = "```go title=a.go\npart one\n```\n\n" +
	"```console\n$ cat a.go\npart one\n```\n\n" +
	"```text title=data.txt\nd\n```\n\n" +
	"```sh title=a.go\npart two\n```\n\n" +
	"> ```console\n> $ echo quoted\n> quoted\n> ```\n\n" +
	"```console\n$ true\n```\n"

// loadDoc loads text as README.md of a fresh folder, plain Markdown.
func loadDoc(t *testing.T, text string) *Project {
	t.Helper()
	dir := t.TempDir()
	mkfiles(t, dir, map[string]string{"README.md": text})
	t.Chdir(dir)
	p, err := LoadPlain(context.Background(), []string{"README.md"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanTranscripts(t *testing.T) {
	p := loadDoc(t, transcriptDoc)
	r, err := runner.New(runner.Config{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := p.Plan(r, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	var run []*Job
	for _, j := range plan.Jobs {
		if j.transcript != nil {
			run = append(run, j)
		}
	}
	// The first two claim output; the last claims nothing: skipped in
	// claimed mode.
	if len(run) != 2 || len(plan.Skipped) != 3 { // go, sh (no output block) and the last transcript
		t.Fatalf("%d transcripts run, %d skipped; want 2 and 3", len(run), len(plan.Skipped))
	}
	if got := run[0].Spec.Files; !reflect.DeepEqual(got, []runner.File{{Name: "a.go", Data: []byte("part one\n")}}) {
		t.Errorf("first transcript's files %q", got)
	}
	// Later blocks of one title join the file; a transcript is no file.
	want := []runner.File{{Name: "a.go", Data: []byte("part one\npart two\n")}, {Name: "data.txt", Data: []byte("d\n")}}
	if got := run[1].Spec.Files; !reflect.DeepEqual(got, want) {
		t.Errorf("second transcript's files %q, want %q", got, want)
	}
	if !run[0].transcript.inPlace || run[1].transcript.inPlace {
		t.Errorf("in place: %v, %v; want true for the top-level block, false for the quoted one", run[0].transcript.inPlace, run[1].transcript.inPlace)
	}
	if c := run[1].transcript.t.Commands; len(c) != 1 || c[0].Text != "echo quoted" || string(c[0].Output) != "quoted\n" || c[0].Line != 19 {
		t.Errorf("quoted transcript read as %+v", c)
	}
	if got := run[1].Spec.Commands; !reflect.DeepEqual(got, []string{"echo quoted"}) {
		t.Errorf("commands %q", got)
	}
}

func TestTranscriptRuns(t *testing.T) {
	p := loadDoc(t, "```console\n$ a\nout\n```\n\n```console\n$ b\n```\n")
	a := p.Site.Pages[0]
	claims, silent := &a.Snippets[0], &a.Snippets[1]
	for _, tc := range []struct {
		mode  string
		attrs snippet.Attrs
		s     *snippet.Snippet
		want  bool
	}{
		{config.RunClaimed, snippet.Attrs{}, claims, true},
		{config.RunClaimed, snippet.Attrs{}, silent, false},
		{config.RunClaimed, snippet.Attrs{Run: true}, silent, true},
		{config.RunClaimed, snippet.Attrs{NoRun: true}, claims, false},
		{config.RunAuto, snippet.Attrs{}, silent, true},
		{config.RunOptIn, snippet.Attrs{}, claims, false},
	} {
		p.Config.Run = tc.mode
		s := *tc.s
		s.Attrs = tc.attrs
		if got := p.transcriptRuns(&s, &parseTranscript(a.Page.Src, &s).t); got != tc.want {
			t.Errorf("%s mode, %+v, %q: runs = %v, want %v", tc.mode, tc.attrs, s.Code.Content, got, tc.want)
		}
	}
}

// A run is judged command by command, each at its own line; a failed
// shell is one verdict, at the command that was running.
func TestTranscriptVerdicts(t *testing.T) {
	p := loadDoc(t, "```console\n$ echo a\na\n$ ls x\n? 1\n$ echo c\nc\n```\n")
	r, _ := runner.New(runner.Config{})
	plan, err := p.Plan(r, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	j := plan.Jobs[0]
	res := runner.Result{Steps: []runner.Step{{Output: []byte("a\n")}, {Output: []byte("no x\n"), Exit: 2}, {Output: []byte("c\n")}}}
	type got struct {
		Line   int
		Title  string
		Status snippet.Status
	}
	var gots []got
	vs := judged(j, res)
	for _, v := range vs {
		gots = append(gots, got{v.Job.Line(), v.Job.Title, v.Outcome.Status})
	}
	want := []got{{2, "$ echo a", snippet.Verified}, {4, "$ ls x", snippet.Drifted}, {6, "$ echo c", snippet.Verified}}
	if !reflect.DeepEqual(gots, want) {
		t.Errorf("verdicts %+v, want %+v", gots, want)
	}
	if o := Outcomes(vs)["README.md"][0]; o.Status != snippet.Drifted || string(o.Code) != "$ echo a\na\n$ ls x\nno x\n? 2\n$ echo c\nc\n" {
		t.Errorf("the page's outcome: %v, shown %q", o.Status, o.Code)
	}
	res.TimedOut, res.Steps = true, res.Steps[:1]
	vs = judged(j, res)
	if len(vs) != 1 || vs[0].Outcome.Status != snippet.Failed || vs[0].Job.Line() != 2 {
		t.Errorf("timed out: %d verdicts, first %v at line %d", len(vs), vs[0].Outcome.Status, vs[0].Job.Line())
	}
}
