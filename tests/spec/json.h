/*
 * json.h: a small JSON reader for the spec driver. Consumes the text of a wast2json `.json`
 * file; produces a tree of `json_value`s. Strings are decoded to UTF-8 and keep their length,
 * because Wasm names (and so export names in the testsuite) may contain NUL.
 */
#ifndef WASMC_SPEC_JSON_H
#define WASMC_SPEC_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum json_kind {
  JSON_NULL,
  JSON_BOOL,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT
} json_kind;

typedef struct json_value json_value;
typedef struct json_member json_member;

struct json_value {
  json_kind kind;
  bool boolean;         /* JSON_BOOL */
  double number;        /* JSON_NUMBER: the value (the literal is in `str`) */
  char *str;            /* JSON_STRING: decoded bytes, NUL-terminated; JSON_NUMBER: the literal */
  size_t len;           /* length of `str` without the terminating NUL */
  size_t count;         /* JSON_ARRAY / JSON_OBJECT: number of items / members */
  json_value *items;    /* JSON_ARRAY */
  json_member *members; /* JSON_OBJECT, in document order */
};

struct json_member {
  char *key; /* decoded, NUL-terminated */
  size_t key_len;
  json_value value;
};

/*
 * Parses `len` bytes of `text` as one JSON document (RFC 8259). Returns a tree owned by the
 * caller (free with json_free), or NULL on error with a message "line L, column C: ..." in
 * `err` (`err_size` bytes, may be 0).
 */
json_value *json_parse(const char *text, size_t len, char *err, size_t err_size);
/* Frees a tree returned by json_parse. NULL is a no-op. */
void json_free(json_value *value);

/* The member `key` of `object`, or NULL if `object` is not an object or has no such member. */
const json_value *json_get(const json_value *object, const char *key);
/* The member `key` if it is a string, else NULL. */
const json_value *json_get_string(const json_value *object, const char *key);
/* The member `key` if it is an array, else NULL. */
const json_value *json_get_array(const json_value *object, const char *key);
/* Reads member `key` as a non-negative integer; false if absent or not such a number. */
bool json_get_uint(const json_value *object, const char *key, unsigned long *out);
/* True if `value` is a string equal to the NUL-terminated `s`. */
bool json_string_is(const json_value *value, const char *s);

#endif /* WASMC_SPEC_JSON_H */
