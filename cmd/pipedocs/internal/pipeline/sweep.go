package pipeline

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
)

// tempName matches the temporary files of cache.WriteFile and
// cache.ReplaceFile (see cache.TempPrefix): ".NAME.tmp-PID-RANDOM".
var tempName = regexp.MustCompile(`^\..+\.tmp-([0-9]+)-[^/]*$`)

// SweepTemps removes, from each of dirs, the temporary files that an
// update killed mid-write left behind (SIGKILL runs no cleanup): those
// whose writer's PID is no longer a live process. A live writer's files,
// this process's own included, stay. It returns the files it removed;
// a folder it cannot read is passed over, as update will report it when
// it writes there.
func SweepTemps(dirs []string) []string {
	var removed []string
	seen := make(map[string]bool, len(dirs))
	for _, dir := range dirs {
		if seen[dir] {
			continue
		}
		seen[dir] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			m := tempName.FindStringSubmatch(e.Name())
			if m == nil || !e.Type().IsRegular() {
				continue
			}
			pid, err := strconv.Atoi(m[1])
			if err != nil || pid == os.Getpid() || processAlive(pid) {
				continue
			}
			name := filepath.Join(dir, e.Name())
			if os.Remove(name) == nil {
				removed = append(removed, name)
			}
		}
	}
	slices.Sort(removed)
	return removed
}

// ArticleDirs are the folders of the plan's articles: the folders update
// writes to.
func (pl *Plan) ArticleDirs() []string {
	var dirs []string
	for _, j := range pl.Jobs {
		dirs = append(dirs, filepath.Dir(j.File))
	}
	return dirs
}
