// Package jsonkey decodes a JSON object and says where each key and value
// was written.
//
// encoding/json decodes values but keeps no positions, and its syntax
// errors carry only a byte offset. Front matter and config decoders need a
// line and column for every diagnostic, so they decode with Decode, which
// returns the value (integers as int64, other numbers as float64, objects
// as map[string]any, arrays as []any) together with the place of every
// key, and reports a syntax error as a *SyntaxError at its offset.
package jsonkey
