;; Found by fuzz/decode_fuzzer in CI (seed 1): wasmc_module_validate said MALFORMED but
;; wasmc_module_new said INVALID "type mismatch". Function 0 is invalid (an i32 is left on the
;; stack of a [] -> [] function) and function 1's body is malformed (it declares 28 local
;; entries in a 2-byte body). Decoding comes before validation, so the module is malformed; the
;; compiler stopped at function 0's validation error without looking at the later bodies.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"                   ;; type 0: [] -> []
    "\03\03\02\00\00"                      ;; two functions of type 0
    "\0a\0b\02"                            ;; code section: two bodies
    "\06\00\41\01\10\01\0b"                ;; f0: i32.const 1, call 1, end (leaves an i32)
    "\02\1c\0b")                           ;; f1: 28 local entries, then only `end`
  "unexpected end")
