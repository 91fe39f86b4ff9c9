package config

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestConfigAsHugo builds sites with Debian's hugo (0.111, as CI installs
// it) and requires that pipedocs reads their config files in the same
// order: which root file counts, and config/_default over it.
func TestConfigAsHugo(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (apt-get install hugo): not compared with Hugo")
	}
	if testing.Short() {
		t.Skip("builds sites with hugo")
	}
	sites := []fstest.MapFS{
		files("hugo.toml", "title = \"hugo\"\nbaseURL = \"/h/\"\n", "config.toml", "title = \"config\"\n", "hugo.yaml", "title: yaml\n"),
		files("hugo.yaml", "title: yaml\nbaseURL: /y/\n", "config.toml", "title = \"config\"\n", "config.json", `{"title": "json"}`),
		files("config.toml", "title = \"config\"\nbaseURL = \"/c/\"\n", "config.yaml", "title: yaml\n"),
		files("config/_default/hugo.toml", "title = \"dir\"\n", "config/_default/params.yaml", "color: red\n",
			"config/_default/menus.toml", "[[main]]\nname = \"M\"\nurl = \"/m/\"\n",
			"hugo.toml", "title = \"root\"\nbaseURL = \"/root/\"\n[params]\ncolor = \"blue\"\nsize = 2\n[[menus.main]]\nname = \"R\"\nurl = \"/r/\"\n"),
		files("hugo.json", `{"baseURL": "/j/", "title": "J", "params": {"Color": "green"}}`),
	}
	layout := "{{ .Site.Title }}|{{ .Site.BaseURL }}|{{ .Site.Params.color }}|{{ .Site.Params.size }}|{{ range .Site.Menus.main }}{{ .Name }},{{ end }}"
	for i, site := range sites {
		dir := t.TempDir()
		site["layouts/index.html"] = &fstest.MapFile{Data: []byte(layout)}
		site["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n---\n")}
		for name, f := range site {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(dir, "out")
		cmd := exec.Command(hugo, "--quiet", "-s", dir, "-d", out, "--disableKinds", "taxonomy,term,RSS,sitemap,robotsTXT,404")
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("site %d: hugo: %v\n%s", i, err, msg)
		}
		html, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		c, _ := loadSite(t, site)
		var menu strings.Builder
		for _, m := range c.Menu {
			menu.WriteString(m.Name + ",")
		}
		size := ""
		if s, ok := c.Params["size"]; ok {
			size = fmt.Sprint(s)
		}
		ours := fmt.Sprintf("%s|%s|%v|%s|%s", c.Title, c.BaseURL, c.Params["color"], size, menu.String())
		ours = strings.ReplaceAll(ours, "<nil>", "")
		if string(html) != ours {
			t.Errorf("site %d: Hugo reads %s, pipedocs %s", i, html, ours)
		}
	}
}
