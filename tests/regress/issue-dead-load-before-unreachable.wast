;; Found by the MIR safety net (fuzz/differential_fuzzer.cc, MIR's interpreter vs generated
;; code), `differential_replay --seeds 2980:1` and `--seeds 101312:1`. An out-of-bounds load
;; whose value is still on the operand stack when `unreachable` discards it must trap "out of
;; bounds memory access" before the `unreachable` trap. With guard-page bounds checks MIR -O1 deletes the load as dead code
;; (the value never reaches a store, a call or a branch: the translator's taint sinks,
;; src/mir_backend/emit_taint.cc, do not cover values `unreachable` discards), so the function
;; traps "unreachable". -O0, explicit bounds checks and MIR's interpreter trap correctly.
;; The same with a trapping runtime call between the load and `unreachable` (seed 101312):
;; the call's trap ("out of bounds table access") comes out instead.
(module
  (memory 1)
  (table 1 funcref)
  (elem func $nop)
  (func $nop)
  (func (export "before-trapping-call") (result i32)
    (i32.load offset=196608 (i32.const 0))
    (table.init 0 (i32.const 0) (i32.const 0) (i32.const 2))
    (unreachable))
  (func (export "bare") (result i32)
    (i32.load offset=196608 (i32.const 0))
    (unreachable))
  (func (export "in-block") (result i32)
    (block
      (drop (block (result i32)
        (i32.load offset=196608 (i32.const 0))
        (unreachable))))
    (i32.const 7))
  (func (export "below-block-param") (result i32)
    (i32.load offset=196608 (i32.const 0))
    (ref.null func)
    (block (param funcref) (result funcref)
      (unreachable))
    (drop)))
(assert_trap (invoke "before-trapping-call") "out of bounds memory access")
(assert_trap (invoke "bare") "out of bounds memory access")
(assert_trap (invoke "in-block") "out of bounds memory access")
(assert_trap (invoke "below-block-param") "out of bounds memory access")

;; Controls: the same loads reaching a branch or a return instead trap already.
(module
  (memory 1)
  (func (export "br") (result i32)
    (block (i32.load offset=196608 (i32.const 0)) (br 0))
    (i32.const 7))
  (func (export "return") (result i32)
    (i32.load offset=196608 (i32.const 0))
    (return (i32.const 7))))
(assert_trap (invoke "br") "out of bounds memory access")
(assert_trap (invoke "return") "out of bounds memory access")
