/*
 * values.h: Wasm values as the spec driver sees them. Consumes wast2json value objects
 * (`{"type": ..., "value": ...}`); produces arguments (`wasmc_val_t`) and result patterns, and
 * compares results with patterns (NaN classes, v128 lanes, references by host id).
 */
#ifndef WASMC_SPEC_VALUES_H
#define WASMC_SPEC_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "wasmc.h"

/* How a float (or float lane) result is matched. */
#define SPEC_NAN_NONE 0       /* exact bit pattern */
#define SPEC_NAN_CANONICAL 1  /* "nan:canonical": sign ignored, payload is the canonical one */
#define SPEC_NAN_ARITHMETIC 2 /* "nan:arithmetic": sign ignored, quiet bit set */

/* A value from the JSON: an argument, or a pattern an actual result must match. */
typedef struct spec_value {
  wasmc_valkind_t kind;
  uint8_t bits[16];   /* numbers and v128, little-endian; scalars use the low bytes */
  unsigned lane_bits; /* v128: 8, 16, 32 or 64; scalars: 32 or 64 */
  bool lane_float;    /* f32/f64, or a v128 with f32/f64 lanes */
  uint8_t nan[16];    /* SPEC_NAN_* per lane (scalars: nan[0]) */
  bool ref_null;      /* funcref / externref: null */
  bool ref_any;       /* funcref / externref given without a value: any non-null */
  uint64_t ref_id;    /* externref: the host id */
} spec_value;

/*
 * Externref host values: one `wasmc_externref_t` per id, created on first use and owned by
 * the store (its data is a heap cell holding the id, freed by the store's finalizer).
 */
typedef struct spec_refs spec_refs;
spec_refs *spec_refs_new(wasmc_store_t *store);
void spec_refs_delete(spec_refs *refs);

/* Parses one value object. Returns false with a message in `err`. */
bool spec_value_parse(const json_value *json, spec_value *out, char *err, size_t err_size);
/* Turns an argument into a `wasmc_val_t` (NaN patterns are not allowed as arguments). */
bool spec_value_to_val(spec_refs *refs, const spec_value *value, wasmc_val_t *out, char *err,
                       size_t err_size);
/* True if `got` matches the pattern `expected`. */
bool spec_value_matches(spec_refs *refs, const spec_value *expected, const wasmc_val_t *got);

/* Formats a pattern, e.g. "i32:4294967295", "f32:nan:canonical", "v128:i16[1 2 ...]". */
void spec_value_format(const spec_value *value, char *buf, size_t size);
/* Formats an actual value; `hint` (may be NULL) chooses the v128 lane shape. */
void spec_val_format(spec_refs *refs, const wasmc_val_t *value, const spec_value *hint, char *buf,
                     size_t size);

#endif /* WASMC_SPEC_VALUES_H */
