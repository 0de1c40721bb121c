;; imports.wat: imports a memory, a mutable global and a function from "env".
(module
  (import "env" "mem" (memory 1))
  (import "env" "g" (global $g (mut i32)))
  (import "env" "double" (func $double (param i32) (result i32)))
  ;; mem[0] = double(x); g = mem[0]; return g
  (func (export "run") (param i32) (result i32)
    (i32.store (i32.const 0) (call $double (local.get 0)))
    (global.set $g (i32.load (i32.const 0)))
    (global.get $g)))
