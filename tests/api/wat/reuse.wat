;; Memory reuse test (memory_reuse_test.c): a memory of 1..3 pages with a data segment, and
;; functions that load, store and grow, so a test can dirty a memory, delete its store and check
;; that the next memory (which reuses the cached reservation) reads as zero and still traps.
(module
  (memory (export "mem") 1 3)
  (data (i32.const 16) "wasmc")
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
