package page

import (
	"strings"
	"time"
)

// zoneKind says what a date layout tells of the zone.
type zoneKind int

const (
	noZone      zoneKind = iota // the date is in UTC, as in Hugo with no timeZone set
	namedZone                   // a zone name but no offset ("CET"): read as UTC, the name dropped
	numericZone                 // an offset: kept
)

// dateLayouts are the layouts Hugo reads a date string with, in the order
// it tries them: those of github.com/spf13/cast's StringToDate (Hugo
// 0.111 uses cast 1.5). A date-only or time-only layout has no zone.
// Anything else Hugo leaves unset, without a word; pipedocs warns.
var dateLayouts = []struct {
	layout string
	zone   zoneKind
}{
	{time.RFC3339, numericZone},
	{"2006-01-02T15:04:05", noZone}, // ISO 8601 without a zone
	{time.RFC1123Z, numericZone},
	{time.RFC1123, namedZone},
	{time.RFC822Z, numericZone},
	{time.RFC822, namedZone},
	{time.RFC850, namedZone},
	{"2006-01-02 15:04:05.999999999 -0700 MST", numericZone}, // Go's Time.String
	{"2006-01-02T15:04:05-0700", numericZone},                // RFC 3339 without the colon in the offset
	{"2006-01-02 15:04:05Z0700", numericZone},
	{"2006-01-02 15:04:05", noZone},
	{time.ANSIC, noZone},
	{time.UnixDate, namedZone},
	{time.RubyDate, numericZone},
	{"2006-01-02 15:04:05Z07:00", numericZone},
	{time.DateOnly, noZone},
	{"02 Jan 2006", noZone},
	{"2006-01-02 15:04:05 -07:00", numericZone},
	{"2006-01-02 15:04:05 -0700", numericZone},
	{time.Kitchen, noZone}, // times of day: year 0, as in Hugo
	{time.Stamp, noZone},
	{time.StampMilli, noZone},
	{time.StampMicro, noZone},
	{time.StampNano, noZone},
}

// parseDate reads s as Hugo does, trying each of dateLayouts in turn.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if l.zone != numericZone {
			// time.Parse gives a zone name it does not know a made-up
			// location with offset 0; Hugo puts the clock time in its
			// default location, UTC here.
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		return t, true
	}
	return time.Time{}, false
}
