;; A host import that calls back into this instance's exports (nested entries).
(module
  (import "env" "reenter" (func $reenter (param i32) (result i32)))
  (func (export "countdown") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 100))
      (else (i32.add (i32.const 1) (call $reenter (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "boom") unreachable))
