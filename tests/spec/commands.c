/*
 * commands.c: executes wast2json commands through the public wasmc API only. Consumes one
 * command object; produces its outcome (pass, fail with a reason, skipped, unsupported).
 * Failures are matched by kind: error categories (WASMC_ERR_*) and trap codes, never by text.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

void set_result(cmd_result *res, int outcome, const char *fmt, ...) {
  va_list ap;
  res->outcome = outcome;
  va_start(ap, fmt);
  vsnprintf(res->message, sizeof res->message, fmt, ap);
  va_end(ap);
}

static const char *error_code_name(wasmc_error_code_t code) {
  switch (code) {
    case WASMC_ERR_MALFORMED:
      return "malformed";
    case WASMC_ERR_INVALID:
      return "invalid";
    case WASMC_ERR_UNLINKABLE:
      return "unlinkable";
    case WASMC_ERR_UNINSTANTIABLE:
      return "uninstantiable";
    case WASMC_ERR_RESOURCE:
      return "resource";
    case WASMC_ERR_MISUSE:
      return "misuse";
    case WASMC_ERR_UNSUPPORTED:
      return "unsupported";
    case WASMC_ERR_INTERNAL:
      return "internal";
    default: {
      /* Rotating buffers: one message may name several codes; the driver is single-threaded. */
      static char other[4][32];
      static unsigned next;
      char *buf = other[next++ % 4];
      snprintf(buf, sizeof other[0], "error code %u", (unsigned)code);
      return buf;
    }
  }
}

/* Spec trap messages (as prefixes) and the trap code each one means. */
static const struct {
  const char *text;
  wasmc_trap_code_t code;
} kTrapTexts[] = {
    {"unreachable", WASMC_TRAP_UNREACHABLE},
    {"integer divide by zero", WASMC_TRAP_INT_DIV_BY_ZERO},
    {"integer overflow", WASMC_TRAP_INT_OVERFLOW},
    {"invalid conversion to integer", WASMC_TRAP_BAD_CONVERSION},
    {"out of bounds memory access", WASMC_TRAP_MEMORY_OUT_OF_BOUNDS},
    {"out of bounds table access", WASMC_TRAP_TABLE_OUT_OF_BOUNDS},
    {"undefined element", WASMC_TRAP_TABLE_OUT_OF_BOUNDS},
    {"uninitialized element", WASMC_TRAP_UNINITIALIZED_ELEMENT},
    {"indirect call type mismatch", WASMC_TRAP_INDIRECT_CALL_TYPE},
    {"call stack exhausted", WASMC_TRAP_STACK_EXHAUSTED},
};

/* The trap code the spec text means, or 0 if the text is not a known trap message. */
static wasmc_trap_code_t trap_code_for_text(const char *text) {
  size_t i;
  for (i = 0; i < sizeof kTrapTexts / sizeof kTrapTexts[0]; i++) {
    size_t n = strlen(kTrapTexts[i].text);
    if (strncmp(text, kTrapTexts[i].text, n) == 0) return kTrapTexts[i].code;
  }
  return 0;
}

/* Formats a name (which may hold any bytes) for messages. */
static const char *printable(const char *name, size_t len, char *buf, size_t size) {
  size_t i, o = 0;
  for (i = 0; i < len && o + 5 < size; i++) {
    unsigned char c = (unsigned char)name[i];
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      buf[o++] = (char)c;
    } else {
      o += (size_t)snprintf(buf + o, size - o, "\\%02x", c);
    }
  }
  buf[o] = '\0';
  return buf;
}

/* Reads a whole file; NULL with `res` set on failure. */
static uint8_t *read_wasm(const driver *d, const json_value *cmd, size_t *len, cmd_result *res) {
  const json_value *filename = json_get_string(cmd, "filename");
  char path[4096];
  FILE *f;
  uint8_t *data = NULL;
  size_t cap = 0, n = 0;
  if (filename == NULL) {
    set_result(res, OUT_FAIL, "command has no filename");
    return NULL;
  }
  snprintf(path, sizeof path, "%s/%s", d->json_dir, filename->str);
  f = fopen(path, "rb");
  if (f == NULL) {
    set_result(res, OUT_FAIL, "cannot open %s", path);
    return NULL;
  }
  for (;;) {
    size_t got;
    if (n == cap) {
      uint8_t *bigger;
      cap = cap ? cap * 2 : 65536;
      bigger = realloc(data, cap);
      if (bigger == NULL) {
        set_result(res, OUT_FAIL, "out of memory reading %s", path);
        free(data);
        fclose(f);
        return NULL;
      }
      data = bigger;
    }
    got = fread(data + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  *len = n;
  return data;
}

/* Compiles the module of `cmd`. On failure returns NULL with `*error_out` set (owned) or, if
 * the file could not be read, with `res` set to a failure and `*error_out` NULL. */
static wasmc_module_t *compile(driver *d, const json_value *cmd, wasmc_error_t **error_out,
                               cmd_result *res) {
  size_t len = 0;
  uint8_t *bytes = read_wasm(d, cmd, &len, res);
  wasmc_module_t *module = NULL;
  *error_out = NULL;
  if (bytes == NULL) return NULL;
  *error_out = wasmc_module_new(d->engine, bytes, len, &module);
  free(bytes);
  return *error_out == NULL ? module : NULL;
}

/* Sets `res` for a module that failed to compile where compilation should have succeeded;
 * takes ownership of `error`. */
static void compile_failed(cmd_result *res, wasmc_error_t *error) {
  wasmc_error_code_t code = wasmc_error_code(error);
  set_result(res, code == WASMC_ERR_UNSUPPORTED ? OUT_UNSUPPORTED : OUT_FAIL,
             "wasmc_module_new: %s: %s", error_code_name(code), wasmc_error_message(error));
  wasmc_error_delete(error);
}

static module_rec *find_module(driver *d, const json_value *name) {
  size_t i;
  if (name == NULL) return d->current ? &d->modules[d->current - 1] : NULL;
  for (i = d->nmodules; i > 0; i--) {
    module_rec *m = &d->modules[i - 1];
    if (m->name != NULL && strcmp(m->name, name->str) == 0) return m;
  }
  return NULL;
}

static const registration *find_registration(const driver *d, const char *name, size_t len) {
  size_t i;
  for (i = d->nregs; i > 0; i--) {
    const registration *r = &d->regs[i - 1];
    if (r->as_len == len && memcmp(r->as, name, len) == 0) return r;
  }
  return NULL;
}

/* How instantiation went. */
#define INST_OK 0
#define INST_ERROR 1          /* wasmc_instance_new returned an error (`*error_out`) */
#define INST_TRAP 2           /* wasmc_instance_new trapped (`*trap_out`) */
#define INST_UNKNOWN_IMPORT 3 /* the driver found no definition for an import */
#define INST_UNSUPPORTED 4    /* an import comes from an unsupported or skipped module */
#define INST_DRIVER_FAIL 5    /* something else went wrong (message in `res`) */

/* Sets `res` for a command that needs module `m`, which has no instance. */
static void module_unavailable(const module_rec *m, cmd_result *res) {
  switch (m->state) {
    case MOD_UNSUPPORTED:
      set_result(res, OUT_UNSUPPORTED, "needs the module at line %lu, which is unsupported",
                 m->line);
      break;
    case MOD_SKIPPED:
      set_result(res, OUT_SKIP, "needs the module at line %lu, which was skipped", m->line);
      break;
    default:
      set_result(res, OUT_FAIL, "needs the module at line %lu, which failed", m->line);
      break;
  }
}

/* Finds the definition of import `index`, or returns an INST_* problem with `res` set. */
static int resolve_import(driver *d, const wasmc_module_t *module, size_t index,
                          wasmc_extern_t *out, cmd_result *res) {
  const char *mod, *name, *why = NULL;
  size_t mod_len, name_len;
  const wasmc_externtype_t *type;
  const registration *reg;
  char pm[256], pn[256];
  wasmc_error_t *error =
      wasmc_module_import_get(module, index, &mod, &mod_len, &name, &name_len, &type);
  if (error != NULL) {
    set_result(res, OUT_FAIL, "wasmc_module_import_get(%lu): %s", (unsigned long)index,
               wasmc_error_message(error));
    wasmc_error_delete(error);
    return INST_DRIVER_FAIL;
  }
  printable(mod, mod_len, pm, sizeof pm);
  printable(name, name_len, pn, sizeof pn);
  reg = find_registration(d, mod, mod_len);
  if (reg != NULL) {
    const module_rec *m = &d->modules[reg->module];
    if (m->state != MOD_OK) {
      module_unavailable(m, res);
      return m->state == MOD_FAILED ? INST_DRIVER_FAIL : INST_UNSUPPORTED;
    }
    if (wasmc_instance_export_get(d->store, &m->instance, name, name_len, out)) return INST_OK;
  } else if (mod_len == 8 && memcmp(mod, "spectest", 8) == 0) {
    switch (spectest_lookup(d->spectest, name, name_len, out, &why)) {
      case SPECTEST_FOUND:
        return INST_OK;
      case SPECTEST_BROKEN:
        set_result(res, OUT_FAIL, "%s", why);
        return INST_DRIVER_FAIL;
      default:
        break;
    }
  }
  set_result(res, OUT_FAIL, "unknown import %s.%s", pm, pn);
  return INST_UNKNOWN_IMPORT;
}

/* Links and instantiates `module` in the driver's store. */
static int instantiate(driver *d, const wasmc_module_t *module, wasmc_instance_t *out,
                       wasmc_error_t **error_out, wasmc_trap_t **trap_out, cmd_result *res) {
  size_t i, n = wasmc_module_import_count(module);
  wasmc_extern_t *imports = calloc(n ? n : 1, sizeof *imports);
  int status = INST_OK;
  *error_out = NULL;
  *trap_out = NULL;
  if (imports == NULL) {
    set_result(res, OUT_FAIL, "out of memory");
    return INST_DRIVER_FAIL;
  }
  for (i = 0; i < n && status == INST_OK; i++) {
    status = resolve_import(d, module, i, &imports[i], res);
  }
  if (status == INST_OK) {
    *error_out = wasmc_instance_new(d->store, module, imports, n, out, trap_out);
    if (*error_out != NULL) {
      status = INST_ERROR;
    } else if (*trap_out != NULL) {
      status = INST_TRAP;
    }
  }
  free(imports);
  return status;
}

static module_rec *add_module(driver *d, const json_value *cmd, unsigned long line) {
  const json_value *name = json_get_string(cmd, "name");
  module_rec *mods = realloc(d->modules, (d->nmodules + 1) * sizeof *mods);
  module_rec *m;
  if (mods == NULL) return NULL;
  d->modules = mods;
  m = &mods[d->nmodules++];
  memset(m, 0, sizeof *m);
  m->line = line;
  m->state = MOD_FAILED;
  if (name != NULL) {
    m->name = malloc(name->len + 1);
    if (m->name != NULL) memcpy(m->name, name->str, name->len + 1);
  }
  d->current = d->nmodules;
  return m;
}

static void cmd_module(driver *d, const json_value *cmd, unsigned long line, cmd_result *res) {
  module_rec *rec = add_module(d, cmd, line);
  wasmc_error_t *error;
  wasmc_trap_t *trap;
  wasmc_module_t *module;
  int status;
  if (rec == NULL) {
    set_result(res, OUT_FAIL, "out of memory");
    return;
  }
  if (json_string_is(json_get_string(cmd, "module_type"), "text")) {
    rec->state = MOD_SKIPPED; /* the driver reads binary modules only */
    set_result(res, OUT_SKIP, "text module");
    return;
  }
  module = compile(d, cmd, &error, res);
  if (module == NULL) {
    if (error != NULL) compile_failed(res, error);
    if (res->outcome == OUT_UNSUPPORTED) rec->state = MOD_UNSUPPORTED;
    return;
  }
  status = instantiate(d, module, &rec->instance, &error, &trap, res);
  wasmc_module_delete(module);
  switch (status) {
    case INST_OK:
      rec->state = MOD_OK;
      set_result(res, OUT_PASS, "");
      break;
    case INST_ERROR:
      set_result(res, OUT_FAIL, "wasmc_instance_new: %s: %s",
                 error_code_name(wasmc_error_code(error)), wasmc_error_message(error));
      break;
    case INST_TRAP:
      set_result(res, OUT_FAIL, "instantiation trapped: %s", wasmc_trap_message(trap));
      break;
    case INST_UNSUPPORTED:
      rec->state = res->outcome == OUT_SKIP ? MOD_SKIPPED : MOD_UNSUPPORTED;
      break;
    default:
      break; /* `res` already says why */
  }
  wasmc_error_delete(error);
  wasmc_trap_delete(trap);
}

static void cmd_register(driver *d, const json_value *cmd, cmd_result *res) {
  const json_value *as = json_get_string(cmd, "as");
  module_rec *m = find_module(d, json_get_string(cmd, "name"));
  registration *regs;
  if (as == NULL || m == NULL) {
    set_result(res, OUT_FAIL, as == NULL ? "register without \"as\"" : "no such module");
    return;
  }
  regs = realloc(d->regs, (d->nregs + 1) * sizeof *regs);
  if (regs == NULL) {
    set_result(res, OUT_FAIL, "out of memory");
    return;
  }
  d->regs = regs;
  regs[d->nregs].as = malloc(as->len + 1);
  if (regs[d->nregs].as == NULL) {
    set_result(res, OUT_FAIL, "out of memory");
    return;
  }
  memcpy(regs[d->nregs].as, as->str, as->len + 1);
  regs[d->nregs].as_len = as->len;
  regs[d->nregs].module = (size_t)(m - d->modules);
  d->nregs++;
  if (m->state == MOD_OK) {
    set_result(res, OUT_PASS, "");
  } else {
    module_unavailable(m, res);
  }
}

/* How an action went. */
#define ACT_OK 0   /* results written */
#define ACT_TRAP 1 /* `*trap_out` set */
#define ACT_NO 2   /* could not run: `res` says why (fail or unsupported) */

/* The module an action refers to, or NULL with `res` set. */
static module_rec *action_module(driver *d, const json_value *action, cmd_result *res) {
  const json_value *name = json_get_string(action, "module");
  module_rec *m = find_module(d, name);
  if (m == NULL) {
    set_result(res, OUT_FAIL, "no module%s%s", name ? " named " : "", name ? name->str : "");
    return NULL;
  }
  if (m->state != MOD_OK) {
    module_unavailable(m, res);
    return NULL;
  }
  return m;
}

/* Parses the action's arguments into a new array (NULL with `res` set on error). */
static wasmc_val_t *action_args(driver *d, const json_value *action, size_t *nargs,
                                cmd_result *res) {
  const json_value *args = json_get_array(action, "args");
  size_t i, n = args != NULL ? args->count : 0;
  wasmc_val_t *vals = calloc(n ? n : 1, sizeof *vals);
  char err[256];
  if (vals == NULL) {
    set_result(res, OUT_FAIL, "out of memory");
    return NULL;
  }
  for (i = 0; i < n; i++) {
    spec_value v;
    if (!spec_value_parse(&args->items[i], &v, err, sizeof err) ||
        !spec_value_to_val(d->refs, &v, &vals[i], err, sizeof err)) {
      set_result(res, OUT_FAIL, "argument %lu: %s", (unsigned long)i, err);
      free(vals);
      return NULL;
    }
  }
  *nargs = n;
  return vals;
}

static int invoke(driver *d, const wasmc_func_t *func, const json_value *action,
                  wasmc_val_t **results, size_t *nresults, wasmc_trap_t **trap_out,
                  cmd_result *res) {
  size_t nargs = 0, nres = 0;
  wasmc_val_t *args = action_args(d, action, &nargs, res);
  wasmc_functype_t *type;
  wasmc_error_t *error;
  if (args == NULL) return ACT_NO;
  type = wasmc_func_type(d->store, func);
  if (type == NULL) {
    set_result(res, OUT_FAIL, "wasmc_func_type returned NULL");
    free(args);
    return ACT_NO;
  }
  wasmc_functype_results(type, &nres);
  wasmc_functype_delete(type);
  *results = calloc(nres ? nres : 1, sizeof **results);
  if (*results == NULL) {
    set_result(res, OUT_FAIL, "out of memory");
    free(args);
    return ACT_NO;
  }
  *nresults = nres;
  error = wasmc_func_call(d->store, func, args, nargs, *results, nres, trap_out);
  free(args);
  if (error != NULL) {
    set_result(res, OUT_FAIL, "wasmc_func_call: %s: %s", error_code_name(wasmc_error_code(error)),
               wasmc_error_message(error));
    wasmc_error_delete(error);
    return ACT_NO;
  }
  return *trap_out != NULL ? ACT_TRAP : ACT_OK;
}

/* Runs an "invoke" or "get" action. On ACT_OK, `*results` is a new array the caller frees. */
static int run_action(driver *d, const json_value *cmd, wasmc_val_t **results, size_t *nresults,
                      wasmc_trap_t **trap_out, cmd_result *res) {
  const json_value *action = json_get(cmd, "action");
  const json_value *type = json_get_string(action, "type");
  const json_value *field = json_get_string(action, "field");
  module_rec *m;
  wasmc_extern_t ext;
  char pf[256];
  *results = NULL;
  *nresults = 0;
  *trap_out = NULL;
  if (type == NULL || field == NULL) {
    set_result(res, OUT_FAIL, "malformed action");
    return ACT_NO;
  }
  m = action_module(d, action, res);
  if (m == NULL) return ACT_NO;
  printable(field->str, field->len, pf, sizeof pf);
  if (!wasmc_instance_export_get(d->store, &m->instance, field->str, field->len, &ext)) {
    set_result(res, OUT_FAIL, "no export \"%s\"", pf);
    return ACT_NO;
  }
  if (json_string_is(type, "invoke")) {
    if (ext.kind != WASMC_EXTERN_FUNC) {
      set_result(res, OUT_FAIL, "export \"%s\" is not a function", pf);
      return ACT_NO;
    }
    return invoke(d, &ext.of.func, action, results, nresults, trap_out, res);
  }
  if (json_string_is(type, "get")) {
    if (ext.kind != WASMC_EXTERN_GLOBAL) {
      set_result(res, OUT_FAIL, "export \"%s\" is not a global", pf);
      return ACT_NO;
    }
    *results = calloc(1, sizeof **results);
    if (*results == NULL || !wasmc_global_get(d->store, &ext.of.global, *results)) {
      set_result(res, OUT_FAIL, "wasmc_global_get(\"%s\") failed", pf);
      free(*results);
      *results = NULL;
      return ACT_NO;
    }
    *nresults = 1;
    return ACT_OK;
  }
  set_result(res, OUT_FAIL, "unknown action type \"%s\"", type->str);
  return ACT_NO;
}

/* Appends the formatted results to `buf`. */
static void format_results(driver *d, const wasmc_val_t *results, size_t n, char *buf,
                           size_t size) {
  size_t i, len = 0;
  buf[0] = '\0';
  for (i = 0; i < n && len + 1 < size; i++) {
    char one[512];
    spec_val_format(d->refs, &results[i], NULL, one, sizeof one);
    len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "", one);
  }
  if (n == 0) snprintf(buf, size, "(nothing)");
}

/* Checks results against the "expected" list (all must match) or "either" (one must). */
static void check_results(driver *d, const json_value *cmd, const wasmc_val_t *results, size_t n,
                          cmd_result *res) {
  const json_value *either = json_get_array(cmd, "either");
  const json_value *expected = either != NULL ? either : json_get_array(cmd, "expected");
  size_t i, nexp = expected != NULL ? expected->count : 0;
  char err[256], want[512], got[512];
  for (i = 0; i < nexp; i++) {
    spec_value v;
    bool match;
    if (!spec_value_parse(&expected->items[i], &v, err, sizeof err)) {
      set_result(res, OUT_FAIL, "expected value %lu: %s", (unsigned long)i, err);
      return;
    }
    if (either != NULL) {
      if (n == 1 && spec_value_matches(d->refs, &v, &results[0])) break;
      continue;
    }
    match = i < n && spec_value_matches(d->refs, &v, &results[i]);
    if (!match && i < n) {
      spec_value_format(&v, want, sizeof want);
      spec_val_format(d->refs, &results[i], &v, got, sizeof got);
      set_result(res, OUT_FAIL, "result %lu: expected %s, got %s", (unsigned long)i, want, got);
      return;
    }
  }
  if (either != NULL && i == nexp) {
    format_results(d, results, n, got, sizeof got);
    set_result(res, OUT_FAIL, "no alternative matches %s", got);
    return;
  }
  if (either == NULL && n != nexp) {
    format_results(d, results, n, got, sizeof got);
    set_result(res, OUT_FAIL, "expected %lu results, got %s", (unsigned long)nexp, got);
    return;
  }
  set_result(res, OUT_PASS, "");
}

static void cmd_action(driver *d, const json_value *cmd, const char *type, cmd_result *res) {
  wasmc_val_t *results;
  size_t n;
  wasmc_trap_t *trap;
  int status = run_action(d, cmd, &results, &n, &trap, res);
  if (status == ACT_TRAP) {
    set_result(res, OUT_FAIL, "trapped: %s", wasmc_trap_message(trap));
  } else if (status == ACT_OK) {
    if (strcmp(type, "assert_return") == 0) {
      check_results(d, cmd, results, n, res);
    } else {
      set_result(res, OUT_PASS, "");
    }
  }
  free(results);
  wasmc_trap_delete(trap);
}

/* Compares a trap with the expected spec text by trap code. */
static void check_trap(const wasmc_trap_t *trap, const char *text, cmd_result *res) {
  wasmc_trap_code_t want = trap_code_for_text(text);
  wasmc_trap_code_t got = wasmc_trap_code(trap);
  if (want == 0 || want == got) {
    set_result(res, OUT_PASS, "");
  } else {
    set_result(res, OUT_FAIL, "expected trap \"%s\" (code %u), got code %u: \"%s\"", text,
               (unsigned)want, (unsigned)got, wasmc_trap_message(trap));
  }
}

static void cmd_assert_trap(driver *d, const json_value *cmd, cmd_result *res) {
  const json_value *text = json_get_string(cmd, "text");
  wasmc_val_t *results;
  size_t n;
  wasmc_trap_t *trap;
  int status = run_action(d, cmd, &results, &n, &trap, res);
  const char *want = text != NULL ? text->str : "";
  if (status == ACT_TRAP) {
    check_trap(trap, want, res);
  } else if (status == ACT_OK) {
    char got[1024];
    format_results(d, results, n, got, sizeof got);
    set_result(res, OUT_FAIL, "expected trap \"%s\", returned %s", want, got);
  }
  free(results);
  wasmc_trap_delete(trap);
}

/* assert_invalid / assert_malformed: both the validator and the compiler must reject the
 * module with `want`. The compiler may instead say "unsupported" (e.g. an invalid SIMD module)
 * as long as the validator, which knows every 2.0 instruction, gives the right category. */
static void cmd_assert_rejected(driver *d, const json_value *cmd, wasmc_error_code_t want,
                                cmd_result *res) {
  size_t len = 0;
  uint8_t *bytes;
  wasmc_error_t *verr, *cerr;
  wasmc_module_t *module = NULL;
  wasmc_error_code_t vcode, ccode;
  const json_value *text = json_get_string(cmd, "text");
  if (json_string_is(json_get_string(cmd, "module_type"), "text")) {
    set_result(res, OUT_SKIP, "text module");
    return;
  }
  bytes = read_wasm(d, cmd, &len, res);
  if (bytes == NULL) return;
  verr = wasmc_module_validate(d->engine, bytes, len);
  cerr = wasmc_module_new(d->engine, bytes, len, &module);
  free(bytes);
  vcode = verr != NULL ? wasmc_error_code(verr) : 0;
  ccode = cerr != NULL ? wasmc_error_code(cerr) : 0;
  if (vcode == want && (ccode == want || ccode == WASMC_ERR_UNSUPPORTED)) {
    set_result(res, OUT_PASS, "");
  } else {
    set_result(res, OUT_FAIL, "expected %s (\"%s\"); validate: %s%s%s; module_new: %s%s%s",
               error_code_name(want), text ? text->str : "", verr ? error_code_name(vcode) : "ok",
               verr ? ": " : "", verr ? wasmc_error_message(verr) : "",
               cerr ? error_code_name(ccode) : "ok", cerr ? ": " : "",
               cerr ? wasmc_error_message(cerr) : "");
  }
  wasmc_error_delete(verr);
  wasmc_error_delete(cerr);
  wasmc_module_delete(module);
}

/* assert_unlinkable / assert_uninstantiable (and assert_trap on a module). */
static void cmd_assert_instantiation(driver *d, const json_value *cmd, bool unlinkable,
                                     cmd_result *res) {
  const json_value *text = json_get_string(cmd, "text");
  const char *want = text != NULL ? text->str : "";
  wasmc_error_t *error;
  wasmc_trap_t *trap;
  wasmc_instance_t instance;
  int status;
  wasmc_module_t *module = compile(d, cmd, &error, res);
  if (module == NULL) {
    if (error != NULL) compile_failed(res, error);
    return;
  }
  status = instantiate(d, module, &instance, &error, &trap, res);
  wasmc_module_delete(module);
  switch (status) {
    case INST_OK:
      set_result(res, OUT_FAIL, "instantiated; expected \"%s\"", want);
      break;
    case INST_UNKNOWN_IMPORT:
      /* The driver is the linker for names: a missing definition is "unknown import". */
      if (unlinkable) set_result(res, OUT_PASS, "");
      break;
    case INST_ERROR:
      if (wasmc_error_code(error) ==
          (unlinkable ? WASMC_ERR_UNLINKABLE : WASMC_ERR_UNINSTANTIABLE)) {
        set_result(res, OUT_PASS, "");
      } else {
        set_result(res, OUT_FAIL, "expected \"%s\"; wasmc_instance_new: %s: %s", want,
                   error_code_name(wasmc_error_code(error)), wasmc_error_message(error));
      }
      break;
    case INST_TRAP:
      if (unlinkable) {
        set_result(res, OUT_FAIL, "expected \"%s\", trapped: %s", want, wasmc_trap_message(trap));
      } else {
        check_trap(trap, want, res);
      }
      break;
    default:
      break; /* `res` already says why */
  }
  wasmc_error_delete(error);
  wasmc_trap_delete(trap);
}

void run_command(driver *d, const json_value *cmd, cmd_result *res) {
  const json_value *type = json_get_string(cmd, "type");
  unsigned long line = 0;
  json_get_uint(cmd, "line", &line);
  set_result(res, OUT_FAIL, "internal: no outcome");
  if (type == NULL) {
    set_result(res, OUT_FAIL, "command without a type");
  } else if (json_string_is(type, "module")) {
    cmd_module(d, cmd, line, res);
  } else if (json_string_is(type, "register")) {
    cmd_register(d, cmd, res);
  } else if (json_string_is(type, "action") || json_string_is(type, "assert_return")) {
    cmd_action(d, cmd, type->str, res);
  } else if (json_string_is(type, "assert_trap") || json_string_is(type, "assert_exhaustion")) {
    if (json_get(cmd, "action") == NULL) {
      cmd_assert_instantiation(d, cmd, false, res);
    } else {
      cmd_assert_trap(d, cmd, res);
    }
  } else if (json_string_is(type, "assert_invalid")) {
    cmd_assert_rejected(d, cmd, WASMC_ERR_INVALID, res);
  } else if (json_string_is(type, "assert_malformed")) {
    cmd_assert_rejected(d, cmd, WASMC_ERR_MALFORMED, res);
  } else if (json_string_is(type, "assert_unlinkable")) {
    cmd_assert_instantiation(d, cmd, true, res);
  } else if (json_string_is(type, "assert_uninstantiable")) {
    cmd_assert_instantiation(d, cmd, false, res);
  } else {
    set_result(res, OUT_FAIL, "unknown command type \"%s\"", type->str);
  }
}

void driver_free_modules(driver *d) {
  size_t i;
  for (i = 0; i < d->nmodules; i++) free(d->modules[i].name);
  for (i = 0; i < d->nregs; i++) free(d->regs[i].as);
  free(d->modules);
  free(d->regs);
  d->modules = NULL;
  d->regs = NULL;
  d->nmodules = d->nregs = 0;
  d->current = 0;
}
