;; A SIMD instruction: the translator reports kUnsupported.
(module
  (func (export "v") (result i32) (drop (v128.const i64x2 0 0)) (i32.const 0)))
