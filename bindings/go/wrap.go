package wasmc

import (
	"errors"
	"reflect"
)

var (
	callerType = reflect.TypeFor[*Caller]()
	errorType  = reflect.TypeFor[error]()
	funcType   = reflect.TypeFor[*Func]()
)

// kindOf maps the Go types WrapFunc accepts to Wasm value kinds.
func kindOf(t reflect.Type) (ValKind, bool) {
	switch t.Kind() {
	case reflect.Int32, reflect.Uint32:
		return KindI32, true
	case reflect.Int64, reflect.Uint64:
		return KindI64, true
	case reflect.Float32:
		return KindF32, true
	case reflect.Float64:
		return KindF64, true
	}
	if t == funcType {
		return KindFuncref, true
	}
	return 0, false
}

func toGo(v Val, t reflect.Type) reflect.Value {
	switch t.Kind() {
	case reflect.Int32:
		return reflect.ValueOf(v.I32()).Convert(t)
	case reflect.Uint32:
		return reflect.ValueOf(uint32(v.I32())).Convert(t)
	case reflect.Int64:
		return reflect.ValueOf(v.I64()).Convert(t)
	case reflect.Uint64:
		return reflect.ValueOf(uint64(v.I64())).Convert(t)
	case reflect.Float32:
		return reflect.ValueOf(v.F32()).Convert(t)
	case reflect.Float64:
		return reflect.ValueOf(v.F64()).Convert(t)
	}
	return reflect.ValueOf(v.Funcref())
}

func fromGo(rv reflect.Value) Val {
	switch rv.Kind() {
	case reflect.Int32:
		return ValI32(int32(rv.Int()))
	case reflect.Uint32:
		return ValI32(int32(uint32(rv.Uint())))
	case reflect.Int64:
		return ValI64(rv.Int())
	case reflect.Uint64:
		return ValI64(int64(rv.Uint()))
	case reflect.Float32:
		return ValF32(float32(rv.Float()))
	case reflect.Float64:
		return ValF64(rv.Float())
	}
	return ValFuncref(rv.Interface().(*Func))
}

// wrap derives the function type of fn and a HostFunc that calls it through reflection.
func wrap(fn any) (*FuncType, HostFunc, error) {
	rv := reflect.ValueOf(fn)
	if fn == nil || rv.Kind() != reflect.Func {
		return nil, nil, misuse("WrapFunc needs a function, got %T", fn)
	}
	t := rv.Type()
	if t.IsVariadic() {
		return nil, nil, misuse("WrapFunc: variadic functions are not supported")
	}
	first := 0
	if t.NumIn() > 0 && t.In(0) == callerType {
		first = 1
	}
	ty := &FuncType{}
	for i := first; i < t.NumIn(); i++ {
		k, ok := kindOf(t.In(i))
		if !ok {
			return nil, nil, misuse("WrapFunc: parameter %d has unsupported type %s", i, t.In(i))
		}
		ty.Params = append(ty.Params, k)
	}
	nout := t.NumOut()
	hasErr := nout > 0 && t.Out(nout-1) == errorType
	if hasErr {
		nout--
	}
	for i := 0; i < nout; i++ {
		k, ok := kindOf(t.Out(i))
		if !ok {
			return nil, nil, misuse("WrapFunc: result %d has unsupported type %s", i, t.Out(i))
		}
		ty.Results = append(ty.Results, k)
	}
	hf := func(caller *Caller, args []Val) ([]Val, *Trap) {
		in := make([]reflect.Value, 0, t.NumIn())
		if first == 1 {
			in = append(in, reflect.ValueOf(caller))
		}
		for i, a := range args {
			in = append(in, toGo(a, t.In(first+i)))
		}
		out := rv.Call(in)
		if hasErr {
			if e, _ := out[nout].Interface().(error); e != nil {
				var trap *Trap
				if errors.As(e, &trap) {
					return nil, trap
				}
				return nil, &Trap{Code: TrapHost, Message: e.Error(), Cause: e}
			}
		}
		results := make([]Val, nout)
		for i := 0; i < nout; i++ {
			results[i] = fromGo(out[i])
		}
		return results, nil
	}
	return ty, hf, nil
}

// WrapFunc creates a host function from an ordinary Go function, deriving the Wasm type by
// reflection: parameters and results of type int32 or uint32 (i32), int64 or uint64 (i64),
// float32 (f32), float64 (f64) or *Func (funcref, nil for null). The function may take a
// *Caller first, and may return an error last: a non-nil error becomes a trap (a *Trap as
// is, any other error as Trap.Cause, so errors.Is/As work on what the Wasm caller gets).
// For example WrapFunc(store, func(a, b int32) int32 { return a + b }).
func WrapFunc(store *Store, fn any) (*Func, error) {
	ty, hf, err := wrap(fn)
	if err != nil {
		return nil, err
	}
	return NewFunc(store, ty, hf)
}
