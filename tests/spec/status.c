/*
 * status.c: parses `spec.status`. One entry per line:
 *   <wast-path>[:<line>][@guard|@explicit] [fail|unsupported-ok|skip] <reason> (#<issue>)
 * Blank lines and lines starting with `#` are ignored.
 */
#include "status.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_range(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d != NULL) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* True if `s` (trimmed) ends with "(#<digits>)". */
static bool has_issue_ref(const char *s, size_t n) {
  size_t i;
  if (n < 4 || s[n - 1] != ')') return false;
  i = n - 2;
  if (!isdigit((unsigned char)s[i])) return false;
  while (i > 0 && isdigit((unsigned char)s[i])) i--;
  return i >= 1 && s[i] == '#' && s[i - 1] == '(';
}

static size_t word_len(const char *s) {
  size_t n = 0;
  while (s[n] != '\0' && !isspace((unsigned char)s[n])) n++;
  return n;
}

static const char *skip_space(const char *s) {
  while (*s != '\0' && isspace((unsigned char)*s)) s++;
  return s;
}

typedef struct parsed_line {
  const char *path;
  size_t path_len;
  unsigned long line;
  const char *mode; /* NULL: both modes */
  size_t mode_len;
  int kind;
  const char *reason;
  size_t reason_len;
} parsed_line;

/* Splits the target "<path>[:<line>][@<mode>]". */
static const char *parse_target(const char *s, size_t n, parsed_line *out) {
  const char *at = memchr(s, '@', n);
  const char *colon;
  size_t rest = at != NULL ? (size_t)(at - s) : n;
  if (at != NULL) {
    out->mode = at + 1;
    out->mode_len = n - rest - 1;
    if (!(out->mode_len == 5 && memcmp(out->mode, "guard", 5) == 0) &&
        !(out->mode_len == 8 && memcmp(out->mode, "explicit", 8) == 0)) {
      return "mode must be @guard or @explicit";
    }
  }
  colon = memchr(s, ':', rest);
  out->path = s;
  out->path_len = colon != NULL ? (size_t)(colon - s) : rest;
  if (out->path_len == 0) return "empty path";
  if (colon != NULL) {
    char *end;
    char digits[32];
    size_t nd = rest - out->path_len - 1;
    if (nd == 0 || nd >= sizeof digits) return "bad line number";
    memcpy(digits, colon + 1, nd);
    digits[nd] = '\0';
    errno = 0;
    out->line = strtoul(digits, &end, 10);
    if (errno != 0 || *end != '\0' || out->line == 0 || !isdigit((unsigned char)digits[0])) {
      return "bad line number";
    }
  }
  return NULL;
}

static const char *parse_line(const char *s, parsed_line *out) {
  size_t n = word_len(s), end;
  const char *problem;
  memset(out, 0, sizeof *out);
  problem = parse_target(s, n, out);
  if (problem != NULL) return problem;
  s = skip_space(s + n);
  n = word_len(s);
  out->kind = out->line != 0 ? STATUS_FAIL : STATUS_UNSUPPORTED_OK;
  if (n == 4 && memcmp(s, "fail", 4) == 0) {
    out->kind = STATUS_FAIL;
    s = skip_space(s + n);
  } else if (n == 14 && memcmp(s, "unsupported-ok", 14) == 0) {
    out->kind = STATUS_UNSUPPORTED_OK;
    s = skip_space(s + n);
  } else if (n == 4 && memcmp(s, "skip", 4) == 0) {
    out->kind = STATUS_SKIP;
    s = skip_space(s + n);
  }
  if (out->line != 0 && out->kind != STATUS_FAIL) {
    return "a single command can only be marked `fail`";
  }
  end = strlen(s);
  while (end > 0 && isspace((unsigned char)s[end - 1])) end--;
  if (!has_issue_ref(s, end)) return "entry must end with a reason and an issue, \"(#N)\"";
  if (end <= 5 || s[0] == '(') return "entry needs a reason before the issue reference";
  out->reason = s;
  out->reason_len = end;
  return NULL;
}

static bool add_entry(status_list *out, const parsed_line *p, unsigned long status_line) {
  status_entry *entries = realloc(out->entries, (out->count + 1) * sizeof *entries);
  status_entry *e;
  if (entries == NULL) return false;
  out->entries = entries;
  e = &entries[out->count];
  memset(e, 0, sizeof *e);
  e->reason = dup_range(p->reason, p->reason_len);
  if (e->reason == NULL) return false;
  e->line = p->line;
  e->kind = p->kind;
  e->status_line = status_line;
  out->count++;
  return true;
}

bool status_load(const char *file, const char *wast_path, const char *bounds, status_list *out,
                 char *err, size_t err_size) {
  FILE *f = fopen(file, "r");
  char buf[4096];
  unsigned long lineno = 0;
  memset(out, 0, sizeof *out);
  if (f == NULL) {
    snprintf(err, err_size, "%s: cannot open: %s", file, strerror(errno));
    return false;
  }
  while (fgets(buf, sizeof buf, f) != NULL) {
    const char *s = skip_space(buf);
    const char *problem;
    parsed_line p;
    lineno++;
    if (strchr(buf, '\n') == NULL && !feof(f)) {
      snprintf(err, err_size, "%s:%lu: line too long", file, lineno);
      goto fail;
    }
    if (*s == '\0' || *s == '#') continue;
    problem = parse_line(s, &p);
    if (problem != NULL) {
      snprintf(err, err_size, "%s:%lu: %s", file, lineno, problem);
      goto fail;
    }
    if (p.path_len != strlen(wast_path) || memcmp(p.path, wast_path, p.path_len) != 0) continue;
    if (p.mode != NULL && (strlen(bounds) != p.mode_len || memcmp(p.mode, bounds, p.mode_len))) {
      continue;
    }
    if ((p.line != 0 ? status_find_line(out, p.line) : status_find_file(out)) != NULL) {
      snprintf(err, err_size, "%s:%lu: duplicate entry", file, lineno);
      goto fail;
    }
    if (!add_entry(out, &p, lineno)) {
      snprintf(err, err_size, "out of memory");
      goto fail;
    }
  }
  fclose(f);
  return true;
fail:
  fclose(f);
  status_free(out);
  return false;
}

void status_free(status_list *list) {
  size_t i;
  for (i = 0; i < list->count; i++) free(list->entries[i].reason);
  free(list->entries);
  memset(list, 0, sizeof *list);
}

status_entry *status_find_line(status_list *list, unsigned long line) {
  size_t i;
  for (i = 0; i < list->count; i++) {
    if (list->entries[i].line == line) return &list->entries[i];
  }
  return NULL;
}

status_entry *status_find_file(status_list *list) { return status_find_line(list, 0); }
