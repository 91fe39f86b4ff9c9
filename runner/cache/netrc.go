package cache

import (
	"os"
	"strings"
)

// netrcLogin returns the login and password that the netrc file at path
// gives for host, as curl and Go's own tooling read it: the first
// "machine host" entry, else the "default" entry. A missing or
// unreadable file gives nothing.
func netrcLogin(path, host string) (login, password string, ok bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", "", false
	}
	var (
		fields              = strings.Fields(string(data))
		inEntry, isDefault  bool
		defLogin, defPasswd string
		haveDefault         bool
	)
	for i := 0; i < len(fields); i++ {
		switch f := fields[i]; f {
		case "machine", "default":
			if inEntry && !isDefault {
				return login, password, true
			}
			isDefault = f == "default"
			inEntry = isDefault
			if !isDefault && i+1 < len(fields) {
				i++
				inEntry = fields[i] == host
			}
			login, password = "", ""
		case "macdef": // a macro runs to the next empty line; no credentials in it
			if inEntry && !isDefault {
				return login, password, true
			}
			inEntry = false
			isDefault = false
		case "login", "password", "account":
			if i+1 >= len(fields) {
				break
			}
			i++
			switch {
			case !inEntry:
			case f == "login" && isDefault:
				defLogin, haveDefault = fields[i], true
			case f == "password" && isDefault:
				defPasswd, haveDefault = fields[i], true
			case f == "login":
				login = fields[i]
			case f == "password":
				password = fields[i]
			}
		}
	}
	if inEntry && !isDefault {
		return login, password, true
	}
	return defLogin, defPasswd, haveDefault
}
