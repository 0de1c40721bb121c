;; Found by fuzz/differential/run.py (wasmc -O1 vs -O0 and V8, seed 99, module s99-01198) after
;; the fix of issue-dead-load-no-trap (bd15aae): a load that is the *result of a call* whose
;; value the caller drops or leaves dead still loses its out-of-bounds trap with guard-page
;; bounds checks at MIR -O1 (-O0, explicit bounds checks and V8 trap). The callee is small
;; enough to be inlined by MIR, after which the load's value is dead in the caller; the
;; translator's taint tracking only sees the callee, where the value is returned.
;; In the fuzzed module, a table.grow after the lost trap made the table size differ.
(module
  (memory 1)
  (func $ld (result f64) (f64.load offset=5 (i32.const 65535)))
  (func (export "dropped-call") (result i32)
    (drop (call $ld))
    (i32.const 1))
  (func $ld32 (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "dead-local-call") (param i32) (result i32) (local i32)
    (local.set 1 (call $ld32 (local.get 0)))
    (i32.const 2)))
(assert_trap (invoke "dropped-call") "out of bounds memory access")
(assert_return (invoke "dead-local-call" (i32.const 0)) (i32.const 2))
(assert_trap (invoke "dead-local-call" (i32.const 65533)) "out of bounds memory access")

;; Side effects after the lost trap become visible, as in the fuzzed module.
(module
  (memory 1)
  (table $t 1 16 funcref)
  (func $ld (result f64) (f64.load offset=5 (i32.const 65535)))
  (func (export "grow-after") (drop (call $ld)) (drop (table.grow $t (ref.null func) (i32.const 3))))
  (func (export "size") (result i32) (table.size $t)))
(assert_trap (invoke "grow-after") "out of bounds memory access")
(assert_return (invoke "size") (i32.const 1))
