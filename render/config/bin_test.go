package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestBin(t *testing.T) {
	src := "title = \"x\"\n\n[bin]\ngreet = \"./cmd/greet\"\nself = \".\"\n\"up.x\" = \"../tool/cmd/x\"\n"
	c, err := Parse("site/pipedocs.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Bin{
		{Name: "greet", Package: "./cmd/greet", Where: "site/pipedocs.toml:4"},
		{Name: "self", Package: ".", Where: "site/pipedocs.toml:5"},
		{Name: "up.x", Package: "../tool/cmd/x", Where: "site/pipedocs.toml:6"},
	}
	if !reflect.DeepEqual(c.Bin, want) {
		t.Errorf("Bin = %+v\nwant %+v", c.Bin, want)
	}
}

// Every [bin] error, at the line of its entry.
func TestBinErrors(t *testing.T) {
	tests := []struct {
		name, toml, want string
	}{
		{"not a table", "bin = \"./cmd/greet\"\n", `pipedocs.toml:1:7: bin: want a table, got a string`},
		{"not a string", "[bin]\ngreet = 1\n", `pipedocs.toml:2:9: bin.greet: want a string, got an integer`},
		{"import path", "[bin]\ngreet = \"example.com/m/cmd/greet\"\n", `pipedocs.toml:2:9: bin.greet: want a package path relative to this file, such as "./cmd/greet", got "example.com/m/cmd/greet"`},
		{"bare folder", "[bin]\ngreet = \"cmd/greet\"\n", `pipedocs.toml:2:9: bin.greet: want a package path relative to this file, such as "./cmd/greet", got "cmd/greet"`},
		{"pattern", "[bin]\ngreet = \"./cmd/...\"\n", `pipedocs.toml:2:9: bin.greet: "./cmd/...": one package, not a pattern`},
		{"unclean", "[bin]\ngreet = \"./cmd//greet/\"\n", `pipedocs.toml:2:9: bin.greet: "./cmd//greet/": not a clean slash-separated path`},
		{"bad name", "[bin]\n\"-x\" = \"./cmd/x\"\n", `pipedocs.toml:2:1: bin.-x: not a command name: want letters, digits, '.', '_' and '-', starting with a letter or digit`},
		{"slash in name", "[bin]\n\"a/b\" = \"./cmd/x\"\n", `pipedocs.toml:2:1: bin.a/b: not a command name: want letters, digits, '.', '_' and '-', starting with a letter or digit`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("pipedocs.toml", []byte(tt.toml))
			if err == nil {
				t.Fatal("no error")
			}
			if got := strings.TrimSpace(err.Error()); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
