// decode_fuzzer: arbitrary bytes -> wasmc_module_validate (decoder + validator). Bytes that
// validate are also compiled with wasmc_module_new, which must agree: a module that validates
// compiles (or is reported unsupported / out of resources), a module that does not validate is
// rejected with the same error code. WASMC_ERR_INTERNAL is always a bug.
#include <cstdio>
#include <cstdlib>

#include "gen/runner.h"
#include "wasmc.h"

namespace {

wasmc_engine_t* Engine() {
  static wasmc_engine_t* engine = [] {
    wasmc_engine_t* e = nullptr;
    if (wasmc_error_t* err = wasmc_engine_new(nullptr, &e)) {
      fprintf(stderr, "engine: %s\n", wasmc_error_message(err));
      abort();
    }
    return e;
  }();
  return engine;
}

void Fail(const char* what, wasmc_error_t* e) {
  fprintf(stderr, "decode_fuzzer: %s: code %u: %s\n", what, e ? wasmc_error_code(e) : 0,
          e ? wasmc_error_message(e) : "(no error)");
  abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wasmc_engine_t* engine = Engine();
  // wasmc_module_validate requires a non-NULL pointer even for 0 bytes.
  static const uint8_t kEmpty[1] = {0};
  if (!data) data = kEmpty;
  wasmc_error_t* v = wasmc_module_validate(engine, data, size);
  wasmc_error_code_t vcode = 0;
  if (v) {
    vcode = wasmc_error_code(v);
    // RESOURCE: implementation limits (e.g. "too many locals" below the spec's 2^32), which
    // wasmc.h does not list for wasmc_module_validate but which are legitimate.
    if (vcode != WASMC_ERR_MALFORMED && vcode != WASMC_ERR_INVALID &&
        vcode != WASMC_ERR_UNSUPPORTED && vcode != WASMC_ERR_RESOURCE) {
      Fail("unexpected validation error code", v);
    }
    if (!wasmc_error_message(v)) Fail("no message", v);
    uint64_t off;
    if (wasmc_error_offset(v, &off) && off > size) Fail("error offset past the end", v);
    wasmc_error_delete(v);
  }
  // Compiling is slower than validating: only for valid inputs and a sample of invalid ones.
  if (vcode != 0 && (size % 8) != 0) return 0;
  wasmc_module_t* m = nullptr;
  wasmc_error_t* c = wasmc_module_new(engine, data, size, &m);
  if (c) {
    wasmc_error_code_t ccode = wasmc_error_code(c);
    if (ccode == WASMC_ERR_INTERNAL) Fail("internal error from wasmc_module_new", c);
    if (vcode == 0 && ccode != WASMC_ERR_UNSUPPORTED && ccode != WASMC_ERR_RESOURCE) {
      Fail("validates but does not compile", c);
    }
    // (wasmc_module_new may stop at the first SIMD instruction with "unsupported" before it
    // reaches the error wasmc_module_validate reports: SIMD is validated but not compiled.)
    // WASMC_FUZZ_KNOWN_BUGS=malformed-body tolerates the open bug of
    // tests/regress/issue-malformed-body-reported-invalid.wast (malformed vs invalid).
    static const bool tolerate_malformed_body = wasmc_fuzz::KnownBug("malformed-body");
    bool known = tolerate_malformed_body && vcode == WASMC_ERR_MALFORMED &&
                 ccode == WASMC_ERR_INVALID;
    if (vcode != 0 && ccode != vcode && ccode != WASMC_ERR_UNSUPPORTED && !known) {
      Fail("validate and module_new disagree", c);
    }
    wasmc_error_delete(c);
    return 0;
  }
  if (vcode != 0 && vcode != WASMC_ERR_UNSUPPORTED) Fail("compiled a module that does not validate", nullptr);
  for (size_t i = 0; i < wasmc_module_import_count(m); ++i) {
    const char *mn, *n;
    size_t mnl, nl;
    const wasmc_externtype_t* t;
    if (wasmc_error_t* e = wasmc_module_import_get(m, i, &mn, &mnl, &n, &nl, &t)) Fail("import_get", e);
  }
  for (size_t i = 0; i < wasmc_module_export_count(m); ++i) {
    const char* n;
    size_t nl;
    const wasmc_externtype_t* t;
    if (wasmc_error_t* e = wasmc_module_export_get(m, i, &n, &nl, &t)) Fail("export_get", e);
  }
  wasmc_module_delete(m);
  return 0;
}
