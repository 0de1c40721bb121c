/*
 * values.c: converts wast2json values to `wasmc_val_t` arguments and result patterns, and
 * matches actual results against them. Floats are handled as bit patterns only, so NaN
 * payloads and signs survive unchanged (Numerics, "NaN propagation" in the spec).
 */
#include "values.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct spec_refs {
  wasmc_store_t *store;
  uint64_t *ids;
  wasmc_externref_t *handles;
  size_t count;
  size_t cap;
};

/* The data of every externref the driver creates: the id the tests gave it. */
typedef struct host_ref {
  uint64_t id;
} host_ref;

static void host_ref_finalize(void *data) { free(data); }

spec_refs *spec_refs_new(wasmc_store_t *store) {
  spec_refs *refs = calloc(1, sizeof *refs);
  if (refs != NULL) refs->store = store;
  return refs;
}

void spec_refs_delete(spec_refs *refs) {
  if (refs == NULL) return;
  free(refs->ids);
  free(refs->handles);
  free(refs);
}

static bool refs_get(spec_refs *refs, uint64_t id, wasmc_externref_t *out, char *err,
                     size_t err_size) {
  size_t i;
  host_ref *cell;
  wasmc_error_t *error;
  for (i = 0; i < refs->count; i++) {
    if (refs->ids[i] == id) {
      *out = refs->handles[i];
      return true;
    }
  }
  if (refs->count == refs->cap) {
    size_t cap = refs->cap ? refs->cap * 2 : 16;
    uint64_t *ids = realloc(refs->ids, cap * sizeof *ids);
    wasmc_externref_t *handles;
    if (ids == NULL) goto oom;
    refs->ids = ids;
    handles = realloc(refs->handles, cap * sizeof *handles);
    if (handles == NULL) goto oom;
    refs->handles = handles;
    refs->cap = cap;
  }
  cell = malloc(sizeof *cell);
  if (cell == NULL) goto oom;
  cell->id = id;
  error = wasmc_externref_new(refs->store, cell, host_ref_finalize, out);
  if (error != NULL) {
    snprintf(err, err_size, "wasmc_externref_new failed: %s", wasmc_error_message(error));
    wasmc_error_delete(error);
    free(cell); /* on error the store did not take the cell */
    return false;
  }
  refs->ids[refs->count] = id;
  refs->handles[refs->count] = *out;
  refs->count++;
  return true;
oom:
  snprintf(err, err_size, "out of memory");
  return false;
}

/* Parses a decimal integer of `width` bits; negative values are taken modulo 2^width. */
static bool parse_bits(const char *s, unsigned width, uint64_t *out) {
  bool negative = false;
  uint64_t v, max = width == 64 ? UINT64_MAX : ((uint64_t)1 << width) - 1;
  char *end;
  if (*s == '-') {
    negative = true;
    s++;
  }
  if (*s < '0' || *s > '9') return false;
  errno = 0;
  v = strtoull(s, &end, 10);
  if (errno != 0 || *end != '\0') return false;
  if (negative) {
    if (v > max / 2 + 1) return false;
    v = (uint64_t)0 - v;
  } else if (v > max) {
    return false;
  }
  *out = v & max;
  return true;
}

static void put_bits(uint8_t *dst, unsigned width, uint64_t v) {
  unsigned i;
  for (i = 0; i < width / 8; i++) dst[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_bits(const uint8_t *src, unsigned width) {
  uint64_t v = 0;
  unsigned i;
  for (i = 0; i < width / 8; i++) v |= (uint64_t)src[i] << (8 * i);
  return v;
}

/* Parses one number (scalar or lane): a bit pattern or, for floats, a NaN class. */
static bool parse_number(const char *s, unsigned width, bool is_float, uint8_t *dst, uint8_t *nan) {
  uint64_t v;
  *nan = SPEC_NAN_NONE;
  if (is_float && strcmp(s, "nan:canonical") == 0) {
    *nan = SPEC_NAN_CANONICAL;
    return true;
  }
  if (is_float && strcmp(s, "nan:arithmetic") == 0) {
    *nan = SPEC_NAN_ARITHMETIC;
    return true;
  }
  if (!parse_bits(s, width, &v)) return false;
  put_bits(dst, width, v);
  return true;
}

static bool parse_lane_type(const char *s, unsigned *bits, bool *is_float) {
  static const struct {
    const char *name;
    unsigned bits;
    bool is_float;
  } kLanes[] = {{"i8", 8, false},   {"i16", 16, false}, {"i32", 32, false},
                {"i64", 64, false}, {"f32", 32, true},  {"f64", 64, true}};
  size_t i;
  for (i = 0; i < sizeof kLanes / sizeof kLanes[0]; i++) {
    if (strcmp(s, kLanes[i].name) == 0) {
      *bits = kLanes[i].bits;
      *is_float = kLanes[i].is_float;
      return true;
    }
  }
  return false;
}

static bool parse_v128(const json_value *json, spec_value *out, char *err, size_t err_size) {
  const json_value *lane_type = json_get_string(json, "lane_type");
  const json_value *lanes = json_get_array(json, "value");
  size_t i, nlanes;
  if (lane_type == NULL || lanes == NULL ||
      !parse_lane_type(lane_type->str, &out->lane_bits, &out->lane_float)) {
    snprintf(err, err_size, "v128 value without a valid lane_type and lane list");
    return false;
  }
  nlanes = 128 / out->lane_bits;
  if (lanes->count != nlanes) {
    snprintf(err, err_size, "v128 with %lu lanes of %s", (unsigned long)lanes->count,
             lane_type->str);
    return false;
  }
  for (i = 0; i < nlanes; i++) {
    const json_value *lane = &lanes->items[i];
    if (lane->kind != JSON_STRING ||
        !parse_number(lane->str, out->lane_bits, out->lane_float,
                      out->bits + i * (out->lane_bits / 8), &out->nan[i])) {
      snprintf(err, err_size, "bad v128 lane %lu", (unsigned long)i);
      return false;
    }
  }
  return true;
}

static bool parse_ref(const json_value *value, spec_value *out, char *err, size_t err_size) {
  if (value == NULL) {
    out->ref_any = true;
    return true;
  }
  if (json_string_is(value, "null")) {
    out->ref_null = true;
    return true;
  }
  if (out->kind == WASMC_EXTERNREF && value->kind == JSON_STRING &&
      parse_bits(value->str, 64, &out->ref_id) && value->str[0] != '-') {
    return true;
  }
  snprintf(err, err_size, "bad reference value");
  return false;
}

bool spec_value_parse(const json_value *json, spec_value *out, char *err, size_t err_size) {
  const json_value *type = json_get_string(json, "type");
  const json_value *value = json_get(json, "value");
  memset(out, 0, sizeof *out);
  if (type == NULL) {
    snprintf(err, err_size, "value without a type");
    return false;
  }
  if (json_string_is(type, "i32") || json_string_is(type, "f32") || json_string_is(type, "i64") ||
      json_string_is(type, "f64")) {
    out->lane_float = type->str[0] == 'f';
    out->lane_bits = type->str[1] == '3' ? 32 : 64;
    out->kind = out->lane_bits == 32 ? (out->lane_float ? WASMC_F32 : WASMC_I32)
                                     : (out->lane_float ? WASMC_F64 : WASMC_I64);
    if (value == NULL || value->kind != JSON_STRING ||
        !parse_number(value->str, out->lane_bits, out->lane_float, out->bits, &out->nan[0])) {
      snprintf(err, err_size, "bad %s value", type->str);
      return false;
    }
    return true;
  }
  if (json_string_is(type, "v128")) {
    out->kind = WASMC_V128;
    return parse_v128(json, out, err, err_size);
  }
  if (json_string_is(type, "funcref") || json_string_is(type, "externref")) {
    out->kind = type->str[0] == 'f' ? WASMC_FUNCREF : WASMC_EXTERNREF;
    return parse_ref(value, out, err, err_size);
  }
  snprintf(err, err_size, "unknown value type '%s'", type->str);
  return false;
}

bool spec_value_to_val(spec_refs *refs, const spec_value *value, wasmc_val_t *out, char *err,
                       size_t err_size) {
  unsigned i;
  memset(out, 0, sizeof *out);
  out->kind = value->kind;
  for (i = 0; i < 16; i++) {
    if (value->nan[i] != SPEC_NAN_NONE) {
      snprintf(err, err_size, "a NaN class is not a valid argument");
      return false;
    }
  }
  switch (value->kind) {
    case WASMC_I32:
    case WASMC_F32:
      /* memcpy keeps every bit, including a signalling NaN's. */
      memcpy(&out->of.i32, value->bits, 4);
      return true;
    case WASMC_I64:
    case WASMC_F64:
      memcpy(&out->of.i64, value->bits, 8);
      return true;
    case WASMC_V128:
      memcpy(out->of.v128, value->bits, 16);
      return true;
    case WASMC_FUNCREF:
      if (!value->ref_null) {
        snprintf(err, err_size, "only null funcref arguments are supported");
        return false;
      }
      return true; /* store_id 0: null */
    case WASMC_EXTERNREF:
      if (value->ref_null) return true;
      if (value->ref_any) {
        snprintf(err, err_size, "externref argument without a value");
        return false;
      }
      return refs_get(refs, value->ref_id, &out->of.externref, err, err_size);
    default:
      snprintf(err, err_size, "unknown value kind");
      return false;
  }
}

/* Matches one float lane (or scalar) of `width` bits. */
static bool float_matches(uint64_t got, uint64_t want, unsigned width, unsigned nan) {
  uint64_t exp_mask = width == 32 ? 0x7F800000u : UINT64_C(0x7FF0000000000000);
  uint64_t quiet = width == 32 ? 0x00400000u : UINT64_C(0x0008000000000000);
  uint64_t frac_mask = width == 32 ? 0x007FFFFFu : UINT64_C(0x000FFFFFFFFFFFFF);
  bool is_nan = (got & exp_mask) == exp_mask && (got & frac_mask) != 0;
  switch (nan) {
    case SPEC_NAN_CANONICAL:
      return is_nan && (got & frac_mask) == quiet;
    case SPEC_NAN_ARITHMETIC:
      return is_nan && (got & quiet) != 0;
    default:
      return got == want;
  }
}

static bool ref_matches(spec_refs *refs, const spec_value *expected, const wasmc_val_t *got) {
  uint64_t store_id =
      expected->kind == WASMC_FUNCREF ? got->of.funcref.store_id : got->of.externref.store_id;
  const host_ref *cell;
  if (expected->ref_null) return store_id == 0;
  if (store_id == 0) return false;
  if (expected->ref_any || expected->kind == WASMC_FUNCREF) return true;
  cell = wasmc_externref_data(refs->store, &got->of.externref);
  return cell != NULL && cell->id == expected->ref_id;
}

bool spec_value_matches(spec_refs *refs, const spec_value *expected, const wasmc_val_t *got) {
  uint8_t bytes[16];
  unsigned i, nlanes, width;
  if (got->kind != expected->kind) return false;
  switch (expected->kind) {
    case WASMC_FUNCREF:
    case WASMC_EXTERNREF:
      return ref_matches(refs, expected, got);
    case WASMC_I32:
    case WASMC_F32:
      memcpy(bytes, &got->of.i32, 4);
      break;
    case WASMC_I64:
    case WASMC_F64:
      memcpy(bytes, &got->of.i64, 8);
      break;
    case WASMC_V128:
      memcpy(bytes, got->of.v128, 16);
      break;
    default:
      return false;
  }
  width = expected->lane_bits;
  nlanes = expected->kind == WASMC_V128 ? 128 / width : 1;
  for (i = 0; i < nlanes; i++) {
    uint64_t g = get_bits(bytes + i * (width / 8), width);
    uint64_t w = get_bits(expected->bits + i * (width / 8), width);
    if (expected->lane_float) {
      if (!float_matches(g, w, width, expected->nan[i])) return false;
    } else if (g != w) {
      return false;
    }
  }
  return true;
}

static const char *kind_name(wasmc_valkind_t kind) {
  switch (kind) {
    case WASMC_I32:
      return "i32";
    case WASMC_I64:
      return "i64";
    case WASMC_F32:
      return "f32";
    case WASMC_F64:
      return "f64";
    case WASMC_V128:
      return "v128";
    case WASMC_FUNCREF:
      return "funcref";
    case WASMC_EXTERNREF:
      return "externref";
    default:
      return "?";
  }
}

/* Appends to `buf`, never overflowing; returns the new length (capped at size - 1). */
static size_t append(char *buf, size_t size, size_t len, const char *fmt, ...) {
  va_list ap;
  int n;
  if (len + 1 >= size) return len;
  va_start(ap, fmt);
  n = vsnprintf(buf + len, size - len, fmt, ap);
  va_end(ap);
  if (n < 0) return len;
  return len + (size_t)n < size ? len + (size_t)n : size - 1;
}

static size_t format_lane(char *buf, size_t size, size_t len, uint64_t bits, unsigned width,
                          bool is_float, unsigned nan) {
  if (nan == SPEC_NAN_CANONICAL) return append(buf, size, len, "nan:canonical");
  if (nan == SPEC_NAN_ARITHMETIC) return append(buf, size, len, "nan:arithmetic");
  if (is_float && width == 32) {
    float f;
    uint32_t b = (uint32_t)bits;
    memcpy(&f, &b, 4);
    return append(buf, size, len, "0x%08" PRIx32 " (%.9g)", b, (double)f);
  }
  if (is_float) {
    double d;
    memcpy(&d, &bits, 8);
    return append(buf, size, len, "0x%016" PRIx64 " (%.17g)", bits, d);
  }
  return append(buf, size, len, "%" PRIu64, bits);
}

static void format_bits(const uint8_t *bytes, wasmc_valkind_t kind, unsigned width, bool is_float,
                        const uint8_t *nan, char *buf, size_t size) {
  size_t len = append(buf, size, 0, "%s:", kind_name(kind));
  unsigned i, nlanes = kind == WASMC_V128 ? 128 / width : 1;
  if (kind == WASMC_V128) {
    len = append(buf, size, len, "%s%u[", is_float ? "f" : "i", width);
  }
  for (i = 0; i < nlanes; i++) {
    if (i > 0) len = append(buf, size, len, " ");
    len = format_lane(buf, size, len, get_bits(bytes + i * (width / 8), width), width, is_float,
                      nan != NULL ? nan[i] : SPEC_NAN_NONE);
  }
  if (kind == WASMC_V128) append(buf, size, len, "]");
}

void spec_value_format(const spec_value *value, char *buf, size_t size) {
  if (value->kind == WASMC_FUNCREF || value->kind == WASMC_EXTERNREF) {
    if (value->ref_null) {
      snprintf(buf, size, "%s:null", kind_name(value->kind));
    } else if (value->ref_any) {
      snprintf(buf, size, "%s:<any non-null>", kind_name(value->kind));
    } else {
      snprintf(buf, size, "%s:%" PRIu64, kind_name(value->kind), value->ref_id);
    }
    return;
  }
  format_bits(value->bits, value->kind, value->lane_bits, value->lane_float, value->nan, buf, size);
}

void spec_val_format(spec_refs *refs, const wasmc_val_t *value, const spec_value *hint, char *buf,
                     size_t size) {
  uint8_t bytes[16];
  switch (value->kind) {
    case WASMC_I32:
      memcpy(bytes, &value->of.i32, 4);
      break;
    case WASMC_F32:
      memcpy(bytes, &value->of.f32, 4);
      break;
    case WASMC_I64:
      memcpy(bytes, &value->of.i64, 8);
      break;
    case WASMC_F64:
      memcpy(bytes, &value->of.f64, 8);
      break;
    case WASMC_V128:
      memcpy(bytes, value->of.v128, 16);
      break;
    case WASMC_FUNCREF:
      if (value->of.funcref.store_id == 0) {
        snprintf(buf, size, "funcref:null");
      } else {
        snprintf(buf, size, "funcref:#%lu", (unsigned long)value->of.funcref.index);
      }
      return;
    case WASMC_EXTERNREF: {
      const host_ref *cell;
      if (value->of.externref.store_id == 0) {
        snprintf(buf, size, "externref:null");
        return;
      }
      cell = wasmc_externref_data(refs->store, &value->of.externref);
      if (cell != NULL) {
        snprintf(buf, size, "externref:%" PRIu64, cell->id);
      } else {
        snprintf(buf, size, "externref:<not a driver reference>");
      }
      return;
    }
    default:
      snprintf(buf, size, "<unknown kind %u>", (unsigned)value->kind);
      return;
  }
  if (value->kind == WASMC_V128) {
    bool use_hint = hint != NULL && hint->kind == WASMC_V128;
    format_bits(bytes, WASMC_V128, use_hint ? hint->lane_bits : 32, use_hint && hint->lane_float,
                NULL, buf, size);
  } else {
    format_bits(bytes, value->kind, value->kind == WASMC_I32 || value->kind == WASMC_F32 ? 32 : 64,
                value->kind == WASMC_F32 || value->kind == WASMC_F64, NULL, buf, size);
  }
}
