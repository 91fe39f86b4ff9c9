package cache

// A Store keeps data under keys. Get reports a miss with false: a
// missing, damaged or unreachable entry is all the same to the caller,
// who recomputes the data and Puts it again. A Put error is never an
// error of the computation, only a lost chance to skip it next time.
//
// The disk Cache and the HTTP store both satisfy it; Layered stacks them.
type Store interface {
	Get(key Key) ([]byte, bool)
	Put(key Key, data []byte) error
}

// Layered returns a Store that reads from near first and from far on a
// miss, copying what far has into near, and writes to both. near is the
// machine's own disk cache; far a shared remote one, which only saves
// time: a Put that far refuses is not an error when near took it.
func Layered(near, far Store) Store {
	return layered{near: near, far: far}
}

type layered struct{ near, far Store }

func (l layered) Get(key Key) ([]byte, bool) {
	if data, ok := l.near.Get(key); ok {
		return data, true
	}
	data, ok := l.far.Get(key)
	if ok {
		l.near.Put(key, data) // a failed copy costs only a later remote read
	}
	return data, ok
}

func (l layered) Put(key Key, data []byte) error {
	err := l.near.Put(key, data)
	l.far.Put(key, data) // the remote store reports its own trouble (HTTPOptions.Skipped)
	return err
}
