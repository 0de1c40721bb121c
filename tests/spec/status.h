/*
 * status.h: the expected-failure list (`spec.status`, format documented at the top of that
 * file). Consumes the status file; produces the entries that apply to one .wast file and one
 * bounds mode, and keeps track of which were used so stale entries are reported.
 */
#ifndef WASMC_SPEC_STATUS_H
#define WASMC_SPEC_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#define STATUS_FAIL 1           /* the command (or any command of the file) may fail */
#define STATUS_UNSUPPORTED_OK 2 /* commands may be "unsupported" (WASMC_ERR_UNSUPPORTED) */
#define STATUS_SKIP 3           /* do not run the file at all */

typedef struct status_entry {
  unsigned long line;        /* the command's line in the .wast; 0 for a whole-file entry */
  int kind;                  /* STATUS_* */
  char *reason;              /* the text after the kind, including the issue reference */
  unsigned long status_line; /* where the entry is in the status file */
  unsigned long hits;        /* commands the entry covered in this run */
} status_entry;

typedef struct status_list {
  status_entry *entries;
  size_t count;
} status_list;

/*
 * Reads `file` and keeps the entries for `wast_path` whose mode qualifier (if any) is
 * `bounds` ("guard" or "explicit"). Returns false with a message "FILE:LINE: ..." in `err` if
 * the file cannot be read or has a malformed line (every line is checked, not only the
 * matching ones).
 */
bool status_load(const char *file, const char *wast_path, const char *bounds, status_list *out,
                 char *err, size_t err_size);
void status_free(status_list *list);

/* The entry for command line `line`, or NULL. */
status_entry *status_find_line(status_list *list, unsigned long line);
/* The whole-file entry, or NULL. */
status_entry *status_find_file(status_list *list);

#endif /* WASMC_SPEC_STATUS_H */
