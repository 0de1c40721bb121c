;; Found by fuzz/decode_fuzzer (wasmc_module_validate and wasmc_module_new must agree).
;; A module with both a module-level validation error (function 0 uses type index 7, there is
;; one type) and a malformed function body (no END opcode) is malformed: decoding comes before
;; validation. wasmc_module_validate says so ("END opcode expected", WASMC_ERR_MALFORMED), but
;; wasmc_module_new returns WASMC_ERR_INVALID "unknown type 7", without an offset:
;; Module::Create (src/runtime/module.cc:35) calls ValidateModule directly, without the
;; malformed-body preference that wasmc::Validate (src/validator/validate.cc:49) applies.
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\04\01\60\00\00"          ;; type section: (func)
    "\03\02\01\07"                ;; function section: one function of type 7 (unknown)
    "\0a\06\01\04\00\41\00\1a")   ;; code: i32.const 0, drop, and no END
  "END opcode expected")

;; The same body with a v128 type (as found by the fuzzer).
(assert_malformed
  (module binary
    "\00asm" "\01\00\00\00"
    "\01\06\01\60\01\7b\01\7b"    ;; type section: (func (param v128) (result v128))
    "\03\02\01\07"
    "\0a\06\01\04\00\41\00\1a")
  "END opcode expected")
