/*
 * driver.c: wasmc-spec-driver, runs one wast2json JSON file against wasmc through the public
 * API (include/wasmc.h) only. Consumes the JSON, its .wasm files and spec.status; produces one
 * line per unexpected result and the summary "spec <name>: N passed, M failed, S skipped".
 *
 *   wasmc-spec-driver [--bounds=guard|explicit] [--status FILE] [--name WAST] [--label NAME]
 *                     [--fuel] [--lazy] [-v] <file.json>
 *
 * Exit status: 0 iff every result is expected (no unexpected failure, no unexpected pass and
 * no stale status entry); 1 otherwise; 2 for usage or input errors.
 */
#include "driver.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct options {
  const char *bounds; /* "guard" or "explicit" */
  const char *status_file;
  const char *name;  /* the .wast path for status and messages (default: source_filename) */
  const char *label; /* the name in the summary (default: `name`) */
  const char *json_file;
  bool verbose;
  bool fuel; /* --fuel: compile with fuel and epoch checks (unlimited, see make_store) */
  bool lazy; /* --lazy: compile each function on its first call */
} options;

/* Counts for the summary. */
typedef struct tally {
  unsigned long passed, failed, skipped; /* the summary line */
  unsigned long expected_fail;           /* failures listed in spec.status */
  unsigned long unsupported;             /* part of `skipped` */
  unsigned long unexpected;              /* unexpected failures + unexpected passes + stale */
} tally;

static void usage(void) {
  fprintf(stderr,
          "usage: wasmc-spec-driver [--bounds=guard|explicit] [--status FILE] [--name WAST]\n"
          "                         [--label NAME] [--fuel] [--lazy] [-v] <file.json>\n");
}

/* Accepts "--opt=value" and "--opt value". */
static bool take_value(int argc, char **argv, int *i, const char *opt, const char **out) {
  size_t n = strlen(opt);
  if (strncmp(argv[*i], opt, n) != 0) return false;
  if (argv[*i][n] == '=') {
    *out = argv[*i] + n + 1;
    return true;
  }
  if (argv[*i][n] == '\0' && *i + 1 < argc) {
    *out = argv[++*i];
    return true;
  }
  return false;
}

static bool parse_options(int argc, char **argv, options *o) {
  int i;
  memset(o, 0, sizeof *o);
  o->bounds = "guard";
  for (i = 1; i < argc; i++) {
    if (take_value(argc, argv, &i, "--bounds", &o->bounds) ||
        take_value(argc, argv, &i, "--status", &o->status_file) ||
        take_value(argc, argv, &i, "--name", &o->name) ||
        take_value(argc, argv, &i, "--label", &o->label)) {
      continue;
    }
    if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
      o->verbose = true;
    } else if (strcmp(argv[i], "--fuel") == 0) {
      o->fuel = true;
    } else if (strcmp(argv[i], "--lazy") == 0) {
      o->lazy = true;
    } else if (argv[i][0] == '-' || o->json_file != NULL) {
      return false;
    } else {
      o->json_file = argv[i];
    }
  }
  return o->json_file != NULL &&
         (strcmp(o->bounds, "guard") == 0 || strcmp(o->bounds, "explicit") == 0);
}

static char *read_text(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *data = NULL;
  size_t cap = 0, n = 0, got;
  if (f == NULL) return NULL;
  do {
    if (n == cap) {
      char *bigger;
      cap = cap ? cap * 2 : 1 << 20;
      bigger = realloc(data, cap);
      if (bigger == NULL) {
        free(data);
        fclose(f);
        return NULL;
      }
      data = bigger;
    }
    got = fread(data + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *len = n;
  return data;
}

static const char *command_type(const json_value *cmd) {
  const json_value *type = json_get_string(cmd, "type");
  return type != NULL ? type->str : "?";
}

/* Accounts for one command's outcome against spec.status and prints what is unexpected. */
static void record(const driver *d, status_list *status, const json_value *cmd,
                   const cmd_result *res, tally *t) {
  unsigned long line = 0;
  status_entry *entry, *file_entry = status_find_file(status);
  json_get_uint(cmd, "line", &line);
  entry = status_find_line(status, line);
  if (entry != NULL) entry->hits++;
  switch (res->outcome) {
    case OUT_PASS:
      t->passed++;
      if (entry != NULL) {
        t->unexpected++;
        printf("%s:%lu: %s: unexpected pass (%s:%lu: %s)\n", d->wast_path, line, command_type(cmd),
               d->status_name, entry->status_line, entry->reason);
      }
      return;
    case OUT_SKIP:
      t->skipped++;
      return;
    case OUT_UNSUPPORTED:
      t->skipped++;
      t->unsupported++;
      if (entry != NULL) return;
      if (file_entry != NULL) {
        file_entry->hits++;
        return;
      }
      break;
    default:
      t->failed++;
      if (entry != NULL || (file_entry != NULL && file_entry->kind == STATUS_FAIL)) {
        t->expected_fail++;
        if (entry == NULL) file_entry->hits++;
        if (d->verbose) {
          printf("%s:%lu: %s: expected failure: %s\n", d->wast_path, line, command_type(cmd),
                 res->message);
        }
        return;
      }
      break;
  }
  t->unexpected++;
  printf("%s:%lu: %s: %s%s\n", d->wast_path, line, command_type(cmd),
         res->outcome == OUT_UNSUPPORTED ? "unsupported: " : "", res->message);
}

/* Reports status entries that matched nothing this run (they must be removed). */
static void check_stale(const driver *d, const status_list *status, tally *t) {
  size_t i;
  for (i = 0; i < status->count; i++) {
    const status_entry *e = &status->entries[i];
    if (e->hits > 0 || e->kind == STATUS_SKIP) continue;
    t->unexpected++;
    if (e->line != 0) {
      printf("%s:%lu: %s:%lu lists a line with no command\n", d->wast_path, e->line, d->status_name,
             e->status_line);
    } else {
      printf("%s: unexpected pass: %s:%lu expects %s, and there were none\n", d->wast_path,
             d->status_name, e->status_line,
             e->kind == STATUS_FAIL ? "failures" : "unsupported commands");
    }
  }
}

static void summary(const char *name, const tally *t) {
  if (t->expected_fail || t->unsupported || t->unexpected) {
    printf("spec %s: %lu expected failures, %lu unsupported, %lu unexpected results\n", name,
           t->expected_fail, t->unsupported, t->unexpected);
  }
  printf("spec %s: %lu passed, %lu failed, %lu skipped\n", name, t->passed, t->failed, t->skipped);
  fflush(stdout);
}

/* Reports a fatal problem as one failure, so that the summary line is always printed. */
static int fatal(const char *name, int code, const char *fmt, ...) {
  tally t;
  va_list ap;
  memset(&t, 0, sizeof t);
  t.failed = 1;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
  summary(name, &t);
  return code;
}

static wasmc_error_t *make_engine(const options *o, wasmc_engine_t **engine) {
  wasmc_config_t *config = wasmc_config_new();
  wasmc_error_t *error;
  if (config == NULL) return wasmc_engine_new(NULL, engine);
  error = wasmc_config_bounds_mode_set(config, strcmp(o->bounds, "explicit") == 0
                                                   ? WASMC_BOUNDS_EXPLICIT
                                                   : WASMC_BOUNDS_GUARD_PAGES);
  if (error == NULL && o->fuel) error = wasmc_config_consume_fuel_set(config, true);
  if (error == NULL && o->fuel) error = wasmc_config_epoch_interruption_set(config, true);
  if (error == NULL && o->lazy) error = wasmc_config_lazy_compile_set(config, true);
  if (error == NULL) error = driver_configure(config);
  if (error == NULL) error = wasmc_engine_new(config, engine);
  wasmc_config_delete(config);
  return error;
}

/* --fuel: the deadline is always reached, and the callback always lets the code go on. */
static wasmc_trap_t *continue_at_deadline(void *env, wasmc_store_t *store, uint64_t *delta_out) {
  (void)env;
  (void)store;
  *delta_out = 0;
  return NULL;
}

/* With --fuel, the results must not change: every check runs (fuel never runs out), and every
 * epoch check takes its slow path through the deadline callback. */
static wasmc_error_t *make_store(const options *o, wasmc_engine_t *engine, wasmc_store_t **store) {
  wasmc_error_t *error = wasmc_store_new(engine, store);
  if (error != NULL || !o->fuel) return error;
  error = wasmc_store_fuel_set(*store, UINT64_MAX);
  if (error == NULL) error = wasmc_store_epoch_deadline_set(*store, 0);
  if (error == NULL) {
    error = wasmc_store_epoch_deadline_callback_set(*store, continue_at_deadline, NULL, NULL);
  }
  if (error != NULL) {
    wasmc_store_delete(*store);
    *store = NULL;
  }
  return error;
}

static int run(const options *o, driver *d, const json_value *commands, const char *label) {
  status_list status;
  tally t;
  size_t i;
  char err[512];
  memset(&t, 0, sizeof t);
  memset(&status, 0, sizeof status);
  if (o->status_file != NULL &&
      !status_load(o->status_file, d->wast_path, o->bounds, &status, err, sizeof err)) {
    return fatal(label, 2, "%s", err);
  }
  if (status_find_file(&status) != NULL && status_find_file(&status)->kind == STATUS_SKIP) {
    printf("%s: skipped by %s:%lu: %s\n", d->wast_path, d->status_name,
           status_find_file(&status)->status_line, status_find_file(&status)->reason);
    t.skipped = commands->count;
  } else {
    for (i = 0; i < commands->count; i++) {
      cmd_result res;
      run_command(d, &commands->items[i], &res);
      record(d, &status, &commands->items[i], &res, &t);
      fflush(stdout);
    }
    check_stale(d, &status, &t);
  }
  status_free(&status);
  summary(label, &t);
  return t.unexpected == 0 ? 0 : 1;
}

/* Creates the engine, store and spectest module, then runs the commands. */
static int run_file(const options *o, const json_value *root, const char *label,
                    const char *wast_path, const char *json_dir) {
  const json_value *commands = json_get_array(root, "commands");
  driver d;
  wasmc_error_t *error;
  int rc;
  memset(&d, 0, sizeof d);
  d.json_dir = json_dir;
  d.wast_path = wast_path;
  d.verbose = o->verbose;
  d.status_name = o->status_file != NULL ? o->status_file : "";
  if (strrchr(d.status_name, '/') != NULL) d.status_name = strrchr(d.status_name, '/') + 1;
  if (commands == NULL) return fatal(label, 2, "%s: no \"commands\" array", o->json_file);
  error = make_engine(o, &d.engine);
  if (error == NULL) error = make_store(o, d.engine, &d.store);
  if (error != NULL) {
    rc = fatal(label, 1, "cannot create an engine and store: %s", wasmc_error_message(error));
    wasmc_error_delete(error);
    wasmc_engine_delete(d.engine);
    return rc;
  }
  d.spectest = spectest_new(d.store, o->verbose);
  d.refs = spec_refs_new(d.store);
  if (d.spectest == NULL || d.refs == NULL) {
    rc = fatal(label, 1, "out of memory");
  } else {
    rc = run(o, &d, commands, label);
  }
  driver_free_modules(&d);
  spectest_delete(d.spectest);
  spec_refs_delete(d.refs);
  wasmc_store_delete(d.store);
  wasmc_engine_delete(d.engine);
  return rc;
}

int main(int argc, char **argv) {
  options o;
  size_t len = 0;
  char *text, *json_dir, *slash, err[512];
  const char *wast_path, *label;
  json_value *root;
  const json_value *source;
  int rc;
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (!parse_options(argc, argv, &o)) {
    usage();
    return 2;
  }
  label = o.label != NULL ? o.label : o.name != NULL ? o.name : o.json_file;
  text = read_text(o.json_file, &len);
  if (text == NULL) return fatal(label, 2, "%s: cannot read", o.json_file);
  root = json_parse(text, len, err, sizeof err);
  free(text);
  if (root == NULL) return fatal(label, 2, "%s: %s", o.json_file, err);
  source = json_get_string(root, "source_filename");
  wast_path = o.name != NULL ? o.name : source != NULL ? source->str : o.json_file;
  if (o.label == NULL) label = wast_path;
  json_dir = malloc(strlen(o.json_file) + 2);
  if (json_dir == NULL) {
    json_free(root);
    return fatal(label, 2, "out of memory");
  }
  strcpy(json_dir, o.json_file);
  slash = strrchr(json_dir, '/');
  if (slash != NULL) {
    *slash = '\0';
  } else {
    strcpy(json_dir, ".");
  }
  rc = run_file(&o, root, label, wast_path, json_dir);
  free(json_dir);
  json_free(root);
  return rc;
}
