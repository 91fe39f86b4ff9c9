//go:build !linux

package site

import "os"

func writeNewFile(name string, b []byte) error { return os.WriteFile(name, b, 0o644) }
