;; selftest.wast: checks the spec driver itself. The assertions marked WRONG are false on
;; purpose: the driver must report each of them (selftest.status lists them as expected
;; failures), and must pass the others. Line numbers matter: selftest*.status refer to them.
(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "snan") (result f32) (f32.const nan:0x200000))
  (func (export "qnan") (result f64) (f64.const -nan:0x8000000000001))
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "two") (result i32 i64) (i32.const 2) (i64.const -2))
  (global (export "g") i32 (i32.const 7))
)
(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "one") (i32.const 2))                        ;; WRONG: value
(assert_return (invoke "snan") (f32.const nan:0x200000))
(assert_return (invoke "snan") (f32.const nan:arithmetic))          ;; WRONG: not quiet
(assert_return (invoke "qnan") (f64.const nan:arithmetic))
(assert_return (invoke "qnan") (f64.const nan:canonical))           ;; WRONG: payload
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 2))         ;; WRONG: host id
(assert_return (invoke "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "two") (i32.const 2) (i64.const -2))
(assert_return (invoke "two") (i32.const 2) (i64.const 2))          ;; WRONG: second value
(assert_return (get "g") (i32.const 7))
(assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 0)) "integer overflow")       ;; WRONG: trap kind
(assert_trap (invoke "div" (i32.const 1)) "integer divide by zero") ;; WRONG: no trap
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(assert_invalid (module binary "\00asm\02\00\00\00") "type mismatch") ;; WRONG: malformed
(assert_unlinkable (module (import "spectest" "unknown" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "memory" (memory 3))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print" (func))) "unknown import") ;; WRONG: links
(module $M (func (export "f") (result i32) (i32.const 42)))
(register "M" $M)
(module (import "M" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))
(assert_return (invoke "g") (i32.const 42))
(assert_return (invoke $M "f") (i32.const 42))
(assert_return (invoke $M "f") (i32.const 43))                     ;; WRONG: named module
