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

;; Loads whose values end dead after more steps: overwritten in a loop, through an arithmetic
;; chain, merged into a dropped block result. Then positive controls: values that are used.
(module
  (memory 1)
  (func $id (param i32) (result i32) (local.get 0))
  ;; Each iteration overwrites the local without reading it: only the last load could reach
  ;; the loop's exit, and nothing reads the local after it either.
  (func (export "loop-overwritten") (param $bad i32) (result i32) (local $x i32) (local $i i32)
    (loop $l
      (local.set $x (i32.load (select (i32.const 65536) (i32.const 0)
                                      (i32.eq (local.get $i) (local.get $bad)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 4))))
    (i32.const 4))
  (func (export "chain-dead-local") (param i32) (result i32) (local i64)
    (local.set 1 (i64.mul (i64.extend_i32_u (i32.add (i32.load (local.get 0)) (i32.const 7)))
                          (i64.const 3)))
    (i32.const 5))
  (func (export "if-merged-dropped") (param i32 i32) (result i32)
    (drop (if (result i32) (local.get 1)
            (then (i32.load8_s (local.get 0)))
            (else (i32.const 9))))
    (i32.const 6))
  (func (export "block-result-dead-local") (param i32) (result i32) (local f32)
    (local.set 1 (block (result f32)
                   (br_if 0 (f32.load (local.get 0)) (i32.const 1))
                   (drop)
                   (f32.const 0)))
    (local.set 1 (f32.const 2))
    (i32.const 7))
  (func (export "call-arg") (param i32) (result i32)
    (call $id (i32.load (local.get 0))))
  (func (export "br-if-cond") (param i32) (result i32)
    (block $b (br_if $b (i32.load (local.get 0))))
    (i32.const 8))
  (data (i32.const 0) "\2a\00\00\00"))
(assert_return (invoke "loop-overwritten" (i32.const 99)) (i32.const 4))
(assert_trap (invoke "loop-overwritten" (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "loop-overwritten" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "chain-dead-local" (i32.const 65532)) (i32.const 5))
(assert_trap (invoke "chain-dead-local" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "if-merged-dropped" (i32.const 65536) (i32.const 0)) (i32.const 6))
(assert_return (invoke "if-merged-dropped" (i32.const 65535) (i32.const 1)) (i32.const 6))
(assert_trap (invoke "if-merged-dropped" (i32.const 65536) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "block-result-dead-local" (i32.const 0)) (i32.const 7))
(assert_trap (invoke "block-result-dead-local" (i32.const -4)) "out of bounds memory access")
(assert_return (invoke "call-arg" (i32.const 0)) (i32.const 42))
(assert_trap (invoke "call-arg" (i32.const 65534)) "out of bounds memory access")
(assert_return (invoke "br-if-cond" (i32.const 0)) (i32.const 8))
(assert_trap (invoke "br-if-cond" (i32.const 65536)) "out of bounds memory access")

;; The same in a start function: instantiation must trap (found as "inst ok" vs "inst trap mem").
(assert_trap
  (module
    (memory 1 5)
    (func $start (local i64)
      (local.set 0 (i64.load32_s align=2 (i32.const 65535))))
    (start $start))
  "out of bounds memory access")
