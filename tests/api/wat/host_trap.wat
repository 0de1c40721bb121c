;; A host function that traps, called from Wasm.
(module
  (import "env" "fail" (func $fail))
  (func (export "run") (call $fail)))
