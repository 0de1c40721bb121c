package wasmc

import (
	"errors"
	"testing"
)

func TestLinker(t *testing.T) {
	e := newEngine(t, nil)
	s := newStore(t, e)
	l, err := NewLinker(e)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	seen := int32(0)
	if err := l.FuncWrap(s, "env", "combine", func(a, b int32) int32 { return a * b }); err != nil {
		t.Fatal(err)
	}
	if err := l.DefineFunc(s, "env", "effect", NewFuncType([]ValKind{KindI32}, nil),
		func(_ *Caller, args []Val) ([]Val, *Trap) { seen = args[0].I32(); return nil, nil }); err != nil {
		t.Fatal(err)
	}
	if err := l.FuncWrap(s, "env", "reenter", func(x int32) int32 { return -x }); err != nil {
		t.Fatal(err)
	}
	lib, err := l.Instantiate(s, newModule(t, e, "host"))
	if err != nil {
		t.Fatal(err)
	}
	if r := call(t, s, lib, "call_combine", ValI32(6), ValI32(7)); r[0].I32() != 42 {
		t.Fatalf("combine %v", r)
	}
	call(t, s, lib, "call_effect", ValI32(9))
	if seen != 9 {
		t.Fatalf("effect saw %d", seen)
	}

	// A second module links against the first instance's exports and a host global.
	if err := l.DefineInstance(s, "lib", lib); err != nil {
		t.Fatal(err)
	}
	base, err := NewGlobal(s, ValI32(1000), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Define(s, "env", "base", base); err != nil {
		t.Fatal(err)
	}
	if x, ok := l.Get(s, "lib", "double"); !ok || x.Kind() != ExternFunc {
		t.Fatal("Get lib.double")
	}
	if _, ok := l.Get(s, "lib", "nope"); ok {
		t.Fatal("Get of a missing name")
	}
	user, err := l.Instantiate(s, newModule(t, e, "user"))
	if err != nil {
		t.Fatal(err)
	}
	if r := call(t, s, user, "run", ValI32(21)); r[0].I32() != 1042 {
		t.Fatalf("run = %v", r)
	}
	if r := call(t, s, user, "peek"); r[0].I32() != 'g' {
		t.Fatalf("peek = %v (shared memory)", r)
	}

	// Redefinition: refused by default, allowed with shadowing.
	wantError(t, l.Define(s, "env", "base", base), ErrMisuse)
	l.AllowShadowing(true)
	other, _ := NewGlobal(s, ValI32(1), false)
	if err := l.Define(s, "env", "base", other); err != nil {
		t.Fatal(err)
	}
	user2, err := l.Instantiate(s, newModule(t, e, "user"))
	if err != nil {
		t.Fatal(err)
	}
	if r := call(t, s, user2, "run", ValI32(1)); r[0].I32() != 3 {
		t.Fatalf("run after shadowing = %v", r)
	}

	// Unknown and mistyped imports.
	l2, _ := NewLinker(e)
	defer l2.Close()
	_, err = l2.Instantiate(s, newModule(t, e, "user"))
	ue := wantError(t, err, ErrUnlinkable)
	if !contains(ue.Message, "unknown import") {
		t.Fatalf("message %q", ue.Message)
	}
	for _, d := range []struct {
		module, name string
		item         AsExtern
	}{{"lib", "double", base}, {"lib", "memory", lib.GetMemory(s, "memory")}, {"env", "base", base}} {
		if err := l2.Define(s, d.module, d.name, d.item); err != nil {
			t.Fatal(err)
		}
	}
	_, err = l2.Instantiate(s, newModule(t, e, "user"))
	ue = wantError(t, err, ErrUnlinkable)
	if !contains(ue.Message, "incompatible import type for `lib`.`double`") {
		t.Fatalf("message %q", ue.Message)
	}

	// A trapping start function through the linker.
	_, err = l.Instantiate(s, newModule(t, e, "start_trap"))
	var tr *Trap
	if !errors.As(err, &tr) || tr.Code != TrapUnreachable {
		t.Fatalf("start trap: %v", err)
	}

	// Definitions of another store are not used for this store.
	s2 := newStore(t, e)
	_, err = l.Instantiate(s2, newModule(t, e, "host"))
	if err == nil {
		t.Fatal("instantiated with another store's definitions")
	}
}
