package wasmc

import (
	"errors"
	"testing"
)

func TestEpochDeadlineCallback(t *testing.T) {
	cfg := NewConfig()
	defer cfg.Close()
	if err := cfg.SetEpochInterruption(true); err != nil {
		t.Fatal(err)
	}
	_, s, inst := basic(t, cfg)
	before := liveHandles()
	calls := 0
	stop := NewTrap("enough")
	err := s.SetEpochDeadlineCallback(func(st *Store) (uint64, *Trap) {
		if st != s {
			return 0, NewTrap("wrong store")
		}
		calls++
		if calls == 5 {
			return 0, stop
		}
		return 0, nil // call again at the next check
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetEpochDeadline(0); err != nil {
		t.Fatal(err)
	}
	_, err = inst.GetFunc(s, "forever").Call(s)
	var tr *Trap
	if !errors.As(err, &tr) || tr != stop || calls != 5 {
		t.Fatalf("got %v after %d calls", err, calls)
	}
	// A panic in the callback is a trap.
	if err := s.SetEpochDeadlineCallback(func(*Store) (uint64, *Trap) { panic("tick") }); err != nil {
		t.Fatal(err)
	}
	if liveHandles() != before+1 {
		t.Fatalf("replaced callback not released: %d handles, want %d", liveHandles(), before+1)
	}
	_ = s.SetEpochDeadline(0)
	_, err = inst.GetFunc(s, "forever").Call(s)
	wantTrap(t, err, TrapHost, "panic in epoch deadline callback: tick")
	// Removed: the deadline traps with "interrupt".
	if err := s.SetEpochDeadlineCallback(nil); err != nil {
		t.Fatal(err)
	}
	_ = s.SetEpochDeadline(0)
	_, err = inst.GetFunc(s, "forever").Call(s)
	wantTrap(t, err, TrapInterrupt, "interrupt")
	// Without epoch interruption the callback is misuse.
	_, s2, _ := basic(t, nil)
	wantError(t, s2.SetEpochDeadlineCallback(func(*Store) (uint64, *Trap) { return 0, nil }), ErrMisuse)
}

func TestLimiter(t *testing.T) {
	_, s, inst := basic(t, nil)
	var asked []uint64
	err := s.SetLimiter(func(kind ResourceKind, current, desired uint64) bool {
		if kind != ResourceMemory {
			return true
		}
		asked = append(asked, desired)
		if desired == 3*65536 {
			panic("no")
		}
		return desired <= 2*65536
	})
	if err != nil {
		t.Fatal(err)
	}
	mem := inst.GetMemory(s, "memory")
	if r := call(t, s, inst, "grow", ValI32(1)); r[0].I32() != 1 {
		t.Fatalf("grow to 2 pages = %v", r)
	}
	if r := call(t, s, inst, "grow", ValI32(1)); r[0].I32() != -1 {
		t.Fatalf("grow to 3 pages (limiter panics) = %v", r)
	}
	_, err = mem.Grow(s, 2)
	wantError(t, err, ErrResource)
	if len(asked) != 3 || asked[0] != 2*65536 || asked[2] != 4*65536 {
		t.Fatalf("limiter asked %v", asked)
	}
	// Static limits.
	if err := s.SetLimiter(nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLimits(StoreLimits{MemoryBytes: 3 * 65536}); err != nil {
		t.Fatal(err)
	}
	if r := call(t, s, inst, "grow", ValI32(2)); r[0].I32() != -1 {
		t.Fatalf("grow past the static limit = %v", r)
	}
	if r := call(t, s, inst, "grow", ValI32(1)); r[0].I32() != 2 {
		t.Fatalf("grow to the static limit = %v", r)
	}
	_, err = NewMemory(s, Limits{Min: 4})
	wantError(t, err, ErrResource)
}
