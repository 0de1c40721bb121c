/*
 * json.c: a recursive-descent JSON reader (RFC 8259) for the spec driver. Consumes a byte
 * buffer; produces a `json_value` tree. Strict about syntax (no trailing commas, no comments,
 * no control characters in strings), limited in nesting depth so that hostile input cannot
 * exhaust the C stack.
 */
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 200

typedef struct parser {
  const char *text;
  size_t len;
  size_t pos;
  int depth;
  bool failed;
  char *err;
  size_t err_size;
} parser;

static void fail(parser *p, const char *fmt, ...) {
  size_t line = 1, column = 1, i;
  int n;
  va_list ap;
  if (p->failed) return;
  p->failed = true;
  if (p->err == NULL || p->err_size == 0) return;
  for (i = 0; i < p->pos && i < p->len; i++) {
    if (p->text[i] == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  n = snprintf(p->err, p->err_size, "line %lu, column %lu: ", (unsigned long)line,
               (unsigned long)column);
  if (n < 0 || (size_t)n >= p->err_size) return;
  va_start(ap, fmt);
  vsnprintf(p->err + n, p->err_size - (size_t)n, fmt, ap);
  va_end(ap);
}

static void *xrealloc(parser *p, void *ptr, size_t size) {
  void *q = realloc(ptr, size ? size : 1);
  if (q == NULL) fail(p, "out of memory");
  return q;
}

static void skip_ws(parser *p) {
  while (p->pos < p->len) {
    char c = p->text[p->pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    p->pos++;
  }
}

static int peek(const parser *p) { return p->pos < p->len ? (unsigned char)p->text[p->pos] : -1; }

static bool literal(parser *p, const char *word) {
  size_t n = strlen(word);
  if (p->len - p->pos < n || memcmp(p->text + p->pos, word, n) != 0) {
    fail(p, "invalid literal");
    return false;
  }
  p->pos += n;
  return true;
}

/* A growable byte buffer for decoded strings. */
typedef struct buffer {
  char *data;
  size_t len;
  size_t cap;
} buffer;

static bool buffer_push(parser *p, buffer *b, char c) {
  if (b->len + 1 >= b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 32;
    char *data = xrealloc(p, b->data, cap);
    if (data == NULL) return false;
    b->data = data;
    b->cap = cap;
  }
  b->data[b->len++] = c;
  return true;
}

static bool push_utf8(parser *p, buffer *b, uint32_t cp) {
  /* Lone surrogates are encoded as WTF-8 rather than rejected: the driver only compares
   * names byte for byte, and wasm names never contain them. */
  if (cp < 0x80) return buffer_push(p, b, (char)cp);
  if (cp < 0x800) {
    return buffer_push(p, b, (char)(0xC0 | (cp >> 6))) &&
           buffer_push(p, b, (char)(0x80 | (cp & 0x3F)));
  }
  if (cp < 0x10000) {
    return buffer_push(p, b, (char)(0xE0 | (cp >> 12))) &&
           buffer_push(p, b, (char)(0x80 | ((cp >> 6) & 0x3F))) &&
           buffer_push(p, b, (char)(0x80 | (cp & 0x3F)));
  }
  return buffer_push(p, b, (char)(0xF0 | (cp >> 18))) &&
         buffer_push(p, b, (char)(0x80 | ((cp >> 12) & 0x3F))) &&
         buffer_push(p, b, (char)(0x80 | ((cp >> 6) & 0x3F))) &&
         buffer_push(p, b, (char)(0x80 | (cp & 0x3F)));
}

static bool read_hex4(parser *p, uint32_t *out) {
  uint32_t v = 0;
  int i;
  if (p->len - p->pos < 4) {
    fail(p, "truncated \\u escape");
    return false;
  }
  for (i = 0; i < 4; i++) {
    char c = p->text[p->pos++];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= (uint32_t)(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= (uint32_t)(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= (uint32_t)(c - 'A' + 10);
    } else {
      fail(p, "invalid hex digit in \\u escape");
      return false;
    }
  }
  *out = v;
  return true;
}

static bool parse_escape(parser *p, buffer *b) {
  uint32_t cp, lo;
  char c;
  if (p->pos >= p->len) {
    fail(p, "unterminated escape");
    return false;
  }
  c = p->text[p->pos++];
  switch (c) {
    case '"':
      return buffer_push(p, b, '"');
    case '\\':
      return buffer_push(p, b, '\\');
    case '/':
      return buffer_push(p, b, '/');
    case 'b':
      return buffer_push(p, b, '\b');
    case 'f':
      return buffer_push(p, b, '\f');
    case 'n':
      return buffer_push(p, b, '\n');
    case 'r':
      return buffer_push(p, b, '\r');
    case 't':
      return buffer_push(p, b, '\t');
    case 'u':
      break;
    default:
      fail(p, "invalid escape '\\%c'", c);
      return false;
  }
  if (!read_hex4(p, &cp)) return false;
  /* A high surrogate followed by an escaped low surrogate is one code point. */
  if (cp >= 0xD800 && cp <= 0xDBFF && p->len - p->pos >= 6 && p->text[p->pos] == '\\' &&
      p->text[p->pos + 1] == 'u') {
    size_t save = p->pos;
    p->pos += 2;
    if (!read_hex4(p, &lo)) return false;
    if (lo >= 0xDC00 && lo <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else {
      p->pos = save;
    }
  }
  return push_utf8(p, b, cp);
}

/* Parses a string starting at its opening quote; writes the decoded bytes to `*out`. */
static bool parse_string_raw(parser *p, char **out, size_t *out_len) {
  buffer b = {NULL, 0, 0};
  p->pos++; /* opening quote */
  for (;;) {
    unsigned char c;
    if (p->pos >= p->len) {
      fail(p, "unterminated string");
      break;
    }
    c = (unsigned char)p->text[p->pos];
    if (c == '"') {
      p->pos++;
      if (!buffer_push(p, &b, '\0')) break;
      *out = b.data;
      *out_len = b.len - 1;
      return true;
    }
    if (c < 0x20) {
      fail(p, "control character in string");
      break;
    }
    if (c == '\\') {
      p->pos++;
      if (!parse_escape(p, &b)) break;
      continue;
    }
    if (!buffer_push(p, &b, (char)c)) break;
    p->pos++;
  }
  free(b.data);
  return false;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static bool parse_number(parser *p, json_value *v) {
  size_t start = p->pos;
  char *copy;
  if (peek(p) == '-') p->pos++;
  if (peek(p) == '0') {
    p->pos++;
  } else if (is_digit(peek(p))) {
    while (is_digit(peek(p))) p->pos++;
  } else {
    fail(p, "invalid number");
    return false;
  }
  if (peek(p) == '.') {
    p->pos++;
    if (!is_digit(peek(p))) {
      fail(p, "digit expected after '.'");
      return false;
    }
    while (is_digit(peek(p))) p->pos++;
  }
  if (peek(p) == 'e' || peek(p) == 'E') {
    p->pos++;
    if (peek(p) == '+' || peek(p) == '-') p->pos++;
    if (!is_digit(peek(p))) {
      fail(p, "digit expected in exponent");
      return false;
    }
    while (is_digit(peek(p))) p->pos++;
  }
  copy = xrealloc(p, NULL, p->pos - start + 1);
  if (copy == NULL) return false;
  memcpy(copy, p->text + start, p->pos - start);
  copy[p->pos - start] = '\0';
  v->kind = JSON_NUMBER;
  v->str = copy;
  v->len = p->pos - start;
  v->number = strtod(copy, NULL);
  return true;
}

static bool parse_value(parser *p, json_value *v);

static bool parse_array(parser *p, json_value *v) {
  size_t cap = 0;
  v->kind = JSON_ARRAY;
  p->pos++; /* '[' */
  skip_ws(p);
  if (peek(p) == ']') {
    p->pos++;
    return true;
  }
  for (;;) {
    if (v->count == cap) {
      size_t new_cap = cap ? cap * 2 : 4;
      json_value *items = xrealloc(p, v->items, new_cap * sizeof *items);
      if (items == NULL) return false;
      v->items = items;
      cap = new_cap;
    }
    memset(&v->items[v->count], 0, sizeof v->items[0]);
    v->count++;
    if (!parse_value(p, &v->items[v->count - 1])) return false;
    skip_ws(p);
    if (peek(p) == ',') {
      p->pos++;
      continue;
    }
    if (peek(p) == ']') {
      p->pos++;
      return true;
    }
    fail(p, "',' or ']' expected");
    return false;
  }
}

static bool parse_object(parser *p, json_value *v) {
  size_t cap = 0;
  v->kind = JSON_OBJECT;
  p->pos++; /* '{' */
  skip_ws(p);
  if (peek(p) == '}') {
    p->pos++;
    return true;
  }
  for (;;) {
    json_member *m;
    skip_ws(p);
    if (peek(p) != '"') {
      fail(p, "member name expected");
      return false;
    }
    if (v->count == cap) {
      size_t new_cap = cap ? cap * 2 : 8;
      json_member *members = xrealloc(p, v->members, new_cap * sizeof *members);
      if (members == NULL) return false;
      v->members = members;
      cap = new_cap;
    }
    m = &v->members[v->count++];
    memset(m, 0, sizeof *m);
    if (!parse_string_raw(p, &m->key, &m->key_len)) return false;
    skip_ws(p);
    if (peek(p) != ':') {
      fail(p, "':' expected");
      return false;
    }
    p->pos++;
    if (!parse_value(p, &m->value)) return false;
    skip_ws(p);
    if (peek(p) == ',') {
      p->pos++;
      continue;
    }
    if (peek(p) == '}') {
      p->pos++;
      return true;
    }
    fail(p, "',' or '}' expected");
    return false;
  }
}

static bool parse_value(parser *p, json_value *v) {
  bool ok;
  skip_ws(p);
  if (++p->depth > JSON_MAX_DEPTH) {
    fail(p, "nesting deeper than %d", JSON_MAX_DEPTH);
    return false;
  }
  switch (peek(p)) {
    case '{':
      ok = parse_object(p, v);
      break;
    case '[':
      ok = parse_array(p, v);
      break;
    case '"':
      v->kind = JSON_STRING;
      ok = parse_string_raw(p, &v->str, &v->len);
      break;
    case 't':
      v->kind = JSON_BOOL;
      v->boolean = true;
      ok = literal(p, "true");
      break;
    case 'f':
      v->kind = JSON_BOOL;
      ok = literal(p, "false");
      break;
    case 'n':
      v->kind = JSON_NULL;
      ok = literal(p, "null");
      break;
    case -1:
      fail(p, "unexpected end of input");
      ok = false;
      break;
    default:
      ok = parse_number(p, v);
      break;
  }
  p->depth--;
  return ok;
}

static void free_contents(json_value *v) {
  size_t i;
  switch (v->kind) {
    case JSON_ARRAY:
      for (i = 0; i < v->count; i++) free_contents(&v->items[i]);
      free(v->items);
      break;
    case JSON_OBJECT:
      for (i = 0; i < v->count; i++) {
        free(v->members[i].key);
        free_contents(&v->members[i].value);
      }
      free(v->members);
      break;
    default:
      break;
  }
  free(v->str);
}

json_value *json_parse(const char *text, size_t len, char *err, size_t err_size) {
  parser p;
  json_value *root = calloc(1, sizeof *root);
  if (err != NULL && err_size > 0) err[0] = '\0';
  if (root == NULL) {
    if (err != NULL && err_size > 0) snprintf(err, err_size, "out of memory");
    return NULL;
  }
  memset(&p, 0, sizeof p);
  p.text = text;
  p.len = len;
  p.err = err;
  p.err_size = err_size;
  if (parse_value(&p, root)) {
    skip_ws(&p);
    if (p.pos != p.len) fail(&p, "trailing characters after the document");
  }
  if (p.failed) {
    json_free(root);
    return NULL;
  }
  return root;
}

void json_free(json_value *value) {
  if (value == NULL) return;
  free_contents(value);
  free(value);
}

const json_value *json_get(const json_value *object, const char *key) {
  size_t i, n;
  if (object == NULL || object->kind != JSON_OBJECT) return NULL;
  n = strlen(key);
  for (i = 0; i < object->count; i++) {
    const json_member *m = &object->members[i];
    if (m->key_len == n && memcmp(m->key, key, n) == 0) return &m->value;
  }
  return NULL;
}

const json_value *json_get_string(const json_value *object, const char *key) {
  const json_value *v = json_get(object, key);
  return v != NULL && v->kind == JSON_STRING ? v : NULL;
}

const json_value *json_get_array(const json_value *object, const char *key) {
  const json_value *v = json_get(object, key);
  return v != NULL && v->kind == JSON_ARRAY ? v : NULL;
}

bool json_get_uint(const json_value *object, const char *key, unsigned long *out) {
  const json_value *v = json_get(object, key);
  char *end;
  unsigned long n;
  if (v == NULL || v->kind != JSON_NUMBER || v->str[0] == '-') return false;
  n = strtoul(v->str, &end, 10);
  if (*end != '\0') return false;
  *out = n;
  return true;
}

bool json_string_is(const json_value *value, const char *s) {
  size_t n = strlen(s);
  return value != NULL && value->kind == JSON_STRING && value->len == n &&
         memcmp(value->str, s, n) == 0;
}
