;; Found by fuzz/differential (wasmc MIR -O1 vs -O0 and V8), 2024 fuzzing run, seed s030.
;; A load whose result is never used must still trap when out of bounds. With guard-page
;; bounds checks (the default), MIR -O1 deletes the load as dead code, so no access happens and
;; no trap is raised; -O0, explicit bounds checks and V8 all trap.
(module
  (memory 0)
  (func (export "dead-local") (result i32) (local i32)
    (local.set 0 (i32.load16_u (i32.const 8)))
    (i32.const 65535))
  (func (export "dropped") (result i32)
    (drop (i64.load (i32.const 1024)))
    (i32.const 1))
  (func (export "overwritten") (result i32) (local f64)
    (local.set 0 (f64.load offset=4 (i32.const 65532)))
    (local.set 0 (f64.const 1))
    (i32.const 2)))
(assert_trap (invoke "dead-local") "out of bounds memory access")
(assert_trap (invoke "dropped") "out of bounds memory access")
(assert_trap (invoke "overwritten") "out of bounds memory access")

(module
  (memory 1)
  (func (export "past-end") (param i32) (result i32) (local i32)
    (local.set 1 (i32.load8_u (local.get 0)))
    (i32.const 3)))
(assert_return (invoke "past-end" (i32.const 65535)) (i32.const 3))
(assert_trap (invoke "past-end" (i32.const 65536)) "out of bounds memory access")
