package wasmc

// The library is found through these flags by default: the headers of this repository and a
// CMake build in <repository>/build (the README's build directory). For another build
// directory, set CGO_LDFLAGS, which the go tool puts before these flags, e.g.
//
//	CGO_LDFLAGS="-L$PWD/build-go -Wl,-rpath,$PWD/build-go" go test ./...
//
// (the ctest of bindings/go does exactly that for its own build directory).

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -L${SRCDIR}/../../build -lwasmc -Wl,-rpath,${SRCDIR}/../../build
#include "shim.h"
*/
import "C"

import "unsafe"

// cString copies s into C memory (NUL-terminated, so also usable as a C string) and returns
// the pointer and the length of s. The caller frees it with C.free. Strings passed to wasmc go
// through here: the package never hands a Go pointer to C.
func cString(s string) (*C.char, C.size_t) {
	return C.CString(s), C.size_t(len(s))
}

// goBytes copies n bytes of C memory at p into a new Go string.
func goString(p *C.char, n C.size_t) string {
	if n == 0 {
		return ""
	}
	return C.GoStringN(p, C.int(n))
}

func cFree(p unsafe.Pointer) { C.free(p) }
