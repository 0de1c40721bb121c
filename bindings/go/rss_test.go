package wasmc

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rssBytes reads the resident set size from /proc (Linux).
func rssBytes(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm")
	}
	f := strings.Fields(string(b))
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return pages * int64(os.Getpagesize())
}

// TestStoreChurnRSS creates and drops 100,000 stores, each with Go host functions, an
// instance (with a linear memory) and a call through a host function, and checks that the
// resident memory stays flat and that every closure is released. -short runs 10,000.
func TestStoreChurnRSS(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	e := newEngine(t, nil)
	m := newModule(t, e, "host")
	handles0 := liveHandles()
	round := func(i int) {
		s, err := NewStore(e)
		if err != nil {
			t.Fatal(err)
		}
		captured := make([]byte, 64) // something for each closure to hold
		combine := func(c *Caller, args []Val) ([]Val, *Trap) {
			return []Val{ValI32(args[0].I32() + args[1].I32() + int32(captured[0]))}, nil
		}
		nop := func(*Caller, []Val) ([]Val, *Trap) { return nil, nil }
		inst, err := NewInstance(s, m, hostImports(t, s, combine, nop, nil))
		if err != nil {
			t.Fatal(err)
		}
		r, err := inst.GetFunc(s, "call_combine").Call(s, ValI32(int32(i)), ValI32(1))
		if err != nil || r[0].I32() != int32(i)+1 {
			t.Fatalf("round %d: %v %v", i, r, err)
		}
		if i%2 == 0 {
			s.Close()
		} // odd rounds are left to the finalizer
	}
	warm := n / 10
	for i := 0; i < warm; i++ {
		round(i)
	}
	// Collect until the finalizers of the unclosed stores have run (they run on the finalizer
	// goroutine, after the GC that found the stores unreachable).
	settle := func() {
		for k := 0; k < 200 && liveHandles() > handles0; k++ {
			runtime.GC()
			time.Sleep(5 * time.Millisecond)
		}
		runtime.GC()
	}
	settle()
	rss0 := rssBytes(t)
	for i := warm; i < n/2; i++ {
		round(i)
	}
	settle()
	rss1 := rssBytes(t)
	for i := n / 2; i < n; i++ {
		round(i)
	}
	settle()
	rss2 := rssBytes(t)
	t.Logf("%d stores: RSS %d KiB after %d, %d KiB after %d, %d KiB after %d; live handles %+d",
		n, rss0>>10, warm, rss1>>10, n/2, rss2>>10, n, liveHandles()-handles0)
	// The unclosed half of the stores is freed by finalizers, so C memory of up to one GC
	// cycle's worth of stores is in use at once (the Go GC does not see C allocations): the
	// first samples include that high-water mark. A leak shows as steady growth: half of the
	// rounds run between the last two samples, so a leak of even 200 bytes per store would show
	// as about 10 MiB.
	if growth := rss2 - rss1; growth > 4<<20 {
		t.Fatalf("RSS grew by %d KiB over the last %d stores", growth>>10, n-n/2)
	}
	if growth := rss2 - rss0; growth > 24<<20 {
		t.Fatalf("RSS grew by %d MiB over %d stores", growth>>20, n-warm)
	}
	if h := liveHandles() - handles0; h != 0 {
		t.Fatalf("%d host closures still registered after the stores were dropped", h)
	}
}
