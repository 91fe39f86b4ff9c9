package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

var versionCmd = &command{
	name:    "version",
	summary: "print the version of pipedocs and of Go",
	usage:   "",
	help:    "Version prints the version of pipedocs and the Go toolchain that built it.",
	flags:   flagsFor(),
	run: func(ctx context.Context, o *options, env *cliEnv) error {
		fmt.Fprintf(env.stdout, "pipedocs %s %s %s/%s\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return nil
	},
}

// version is the module version pipedocs was built at: a tag when built
// with go install pkg@version, "devel" from a checkout.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "devel"
	}
	return info.Main.Version
}
