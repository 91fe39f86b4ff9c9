// Package devserver is the HTTP side of pipedocs serve: it serves the
// latest built site from a directory and tells open pages to reload.
//
// The site lives under a base path ("/" or "/docs/", the path of the
// config's baseURL), as it will on its real host; its links are relative,
// so they work there as they do from file://. OnlyHost wraps the server
// so that it answers only requests addressed to it, never those of
// another name a DNS rebinding attack points at 127.0.0.1. A request is answered from the directory of the current
// build only: the path is decoded once, any "." or ".." segment (whether
// written plainly or as %2e%2e, or hidden in a segment as ..%2f) is a
// 404, and files are opened through an os.Root, so no symbolic link
// leads out either. A directory is served by its index.html, a missing
// file by the site's 404.html with status 404.
//
// Live reload: every page of a build made for serve carries
// <script src="BASE__pipedocs/reload.js?build=N"> (ScriptURL), N being
// that build's number. The script opens an EventSource on
// BASE__pipedocs/events; the server sends the number of the build it
// serves on connect and after each Swap, and the page reloads when that
// differs from its own. So a page loaded just before a rebuild, whose
// stream connects just after, still reloads. A failed rebuild sends its
// message, which the script shows in a banner over the last good page.
//
// Swap changes the served build atomically: a request sees the old tree
// or the new one. It opens files under a read lock and Swap takes the
// write lock, so when Swap returns no request can still open a file of
// the old tree and the caller may delete it (files already open stay
// readable).
package devserver
