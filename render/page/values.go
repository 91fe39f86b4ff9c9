package page

import (
	"fmt"
	"strings"
	"time"
)

// normalize gives a decoded front matter value the same Go types whichever
// format it came from, so templates and the key decoders see one shape:
// int64 for integers, []any for lists, map[string]any with lower-cased keys
// (as Hugo's .Params) for tables, UTC for dates without a zone.
func normalize(v any) any {
	switch v := v.(type) {
	case int:
		return int64(v)
	case time.Time:
		return zoned(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalize(x)
		}
		return out
	case []map[string]any: // a TOML array of tables
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalize(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[strings.ToLower(k)] = normalize(x)
		}
		return out
	case map[any]any: // YAML with keys that are not all strings
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[strings.ToLower(fmt.Sprint(k))] = normalize(x)
		}
		return out
	}
	return v
}

// zoned pins a TOML local date or date-time to UTC. BurntSushi/toml gives
// them the offset of the machine that decodes them, which would make the
// same article sort and print differently on another machine.
func zoned(t time.Time) time.Time {
	switch t.Location().String() {
	case "date-local", "datetime-local":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	case "time-local":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), timeOfDay)
	}
	return t
}

// timeOfDay is the zone of a TOML local time ("07:32:00"), which has no
// date. It reads as UTC, but is its own Location, so that isTimeOfDay can
// tell such a value from a date in the year 0 ("0000-01-01", which Hugo
// takes as a date).
var timeOfDay = time.FixedZone("UTC", 0)

// isTimeOfDay reports whether t came from a TOML local time.
func isTimeOfDay(t time.Time) bool { return t.Location() == timeOfDay }

// describe names the type of a normalised value for error messages.
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, uint64:
		return "an integer"
	case float64:
		return "a float"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

// quoteValue shows a value in a message: a string quoted, else its type.
func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return describe(v)
}
