package config

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"
	"github.com/pipedocs/pipedocs/render/diag"
)

// FileName is the config file's name in a site root.
const FileName = "pipedocs.toml"

// Load reads pipedocs.toml from fsys, a site root; path is how the file is
// named in diagnostics. A missing file gives Default(). A bad file gives a
// diag.List of every problem in it; any other error is the file system's.
func Load(fsys fs.FS, path string) (Config, error) {
	src, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("reading config: %w", err)
	}
	return Parse(path, src)
}

// Parse decodes the text of a pipedocs.toml; path names it in diagnostics.
func Parse(path string, src []byte) (Config, error) {
	return ParseOver(path, src, Default())
}

// ParseOver decodes the text of a pipedocs.toml over def: a key the file
// leaves out keeps def's value (Plain's run mode, say).
func ParseOver(path string, src []byte, def Config) (Config, error) {
	text := string(src)
	lines := diag.NewLineIndex(src)
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return Config{}, diag.List{lines.At(path, perr.Position.Start, "invalid TOML: %s", perr.Message)}
		}
		return Config{}, diag.List{{Path: path, Msg: fmt.Sprintf("invalid TOML: %v", err)}}
	}
	d := &decoder{path: path, text: text, lines: lines, defaults: def}
	c := d.config(raw)
	if len(d.errs) > 0 {
		d.errs.Sort()
		return Config{}, d.errs
	}
	return c, nil
}
