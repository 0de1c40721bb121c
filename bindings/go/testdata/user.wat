;; Imports another instance's exports through a linker.
;;   wat2wasm user.wat -o user.wasm
(module
  (import "lib" "double" (func $double (param i32) (result i32)))
  (import "lib" "memory" (memory 1))
  (import "env" "base" (global $base i32))
  (func (export "run") (param i32) (result i32)
    (i32.add (call $double (local.get 0)) (global.get $base)))
  (func (export "peek") (result i32) (i32.load8_u (i32.const 0)))
)
