// Package watch tells pipedocs serve when the site's sources changed.
//
// A Watcher watches a few paths of a site (content/, themes/, static/,
// pipedocs.toml), each directory with everything below it, with fsnotify.
// Directories created later are watched as soon as their creation is seen,
// and a path that does not exist yet is watched from its parent, so
// creating themes/ or pipedocs.toml during a session is noticed too.
//
// Saving a file makes an editor write several events in a burst (write a
// backup, truncate, write, chmod, rename). Run gathers the events and
// reports the changed paths once the files have been quiet for a while,
// so one save is one rebuild. Editor litter (backups ending in ~, vim's
// swap files and its 4913 probe, dot files, Emacs #lock# files) and
// attribute-only changes are ignored: they change nothing a build reads.
package watch
