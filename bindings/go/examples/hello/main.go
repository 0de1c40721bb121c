// Command hello runs examples/hello.wasm of the repository through the Go package: a Linker
// supplies the host function env.report as a Go closure, then the example calls two exports
// and provokes a trap.
//
//	go run ./examples/hello [path/to/hello.wasm]
//
// (from bindings/go; the default path is ../../examples/hello.wasm).
package main

import (
	"errors"
	"fmt"
	"os"

	"wasmc.dev/go/wasmc"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
}

func run() error {
	path := "../../examples/hello.wasm"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	wasm, err := os.ReadFile(path)
	if err != nil {
		return err
	}

	engine, err := wasmc.NewEngine()
	if err != nil {
		return err
	}
	defer engine.Close()
	module, err := wasmc.NewModule(engine, wasm)
	if err != nil {
		return err
	}
	defer module.Close()
	for _, imp := range module.Imports() {
		fmt.Printf("import %s.%s: %s %v\n", imp.Module, imp.Name, imp.Type.Kind, imp.Type.Func)
	}
	for _, exp := range module.Exports() {
		fmt.Printf("export %s: %s\n", exp.Name, exp.Type.Kind)
	}

	store, err := wasmc.NewStore(engine)
	if err != nil {
		return err
	}
	defer store.Close()

	linker, err := wasmc.NewLinker(engine)
	if err != nil {
		return err
	}
	defer linker.Close()
	reports := 0
	err = linker.FuncWrap(store, "env", "report", func(n int32, fac int64) {
		reports++
		fmt.Printf("  %2d! = %d\n", n, fac)
	})
	if err != nil {
		return err
	}
	instance, err := linker.Instantiate(store, module)
	if err != nil {
		return err
	}

	res, err := instance.GetFunc(store, "report_factorials").Call(store, wasmc.ValI32(10))
	if err != nil {
		return err
	}
	fmt.Printf("report_factorials(10) made %d reports (host saw %d)\n", res[0].I32(), reports)

	res, err = instance.GetFunc(store, "fac").Call(store, wasmc.ValI64(20))
	if err != nil {
		return err
	}
	fmt.Printf("fac(20) = %d\n", res[0].I64())

	// A call with the wrong argument kind is an *Error (nothing ran) ...
	_, err = instance.GetFunc(store, "fac").Call(store, wasmc.ValI32(20))
	var werr *wasmc.Error
	if !errors.As(err, &werr) || werr.Code != wasmc.ErrMisuse {
		return fmt.Errorf("expected a misuse error, got %v", err)
	}
	fmt.Println("fac(i32) refused:", werr.Message)

	// ... and the deepest recursion the stack allows is a *Trap.
	_, err = instance.GetFunc(store, "fac").Call(store, wasmc.ValI64(100_000_000))
	var trap *wasmc.Trap
	if !errors.As(err, &trap) {
		return fmt.Errorf("expected a trap, got %v", err)
	}
	fmt.Println("fac(1e8) trapped:", trap.Message)
	return nil
}
