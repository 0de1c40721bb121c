/*
 * driver.h: state shared by the spec driver's files. driver.c owns the run (arguments, the
 * command loop, accounting against spec.status); commands.c executes one wast2json command
 * through the public API and reports a `cmd_result`.
 */
#ifndef WASMC_SPEC_DRIVER_H
#define WASMC_SPEC_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"
#include "spectest.h"
#include "status.h"
#include "values.h"
#include "wasmc.h"

/* The outcome of one command. */
#define OUT_PASS 0
#define OUT_FAIL 1
#define OUT_SKIP 2        /* not run: a text module (the driver reads binaries only) */
#define OUT_UNSUPPORTED 3 /* depends on a module wasmc rejected with WASMC_ERR_UNSUPPORTED */

typedef struct cmd_result {
  int outcome;
  char message[2048];
} cmd_result;

/* The state of a module command's instance. */
#define MOD_OK 0
#define MOD_UNSUPPORTED 1
#define MOD_FAILED 2
#define MOD_SKIPPED 3 /* a text module: the commands that need it are skipped too */

typedef struct module_rec {
  char *name; /* the module's `$name`, or NULL */
  unsigned long line;
  int state;
  wasmc_instance_t instance; /* valid if state == MOD_OK */
} module_rec;

typedef struct registration {
  char *as; /* the name given by `register` */
  size_t as_len;
  size_t module; /* index into `modules` */
} registration;

typedef struct driver {
  const char *json_dir;    /* where the .wasm files of the JSON are */
  const char *wast_path;   /* the .wast path relative to the testsuite, for messages and status */
  const char *status_name; /* the status file's name, for messages */
  bool verbose;
  wasmc_engine_t *engine;
  wasmc_store_t *store;
  spectest *spectest;
  spec_refs *refs;
  module_rec *modules;
  size_t nmodules;
  size_t current; /* index + 1 of the most recent module command; 0: none yet */
  registration *regs;
  size_t nregs;
} driver;

/* Runs one command (a JSON object with "type" and "line"), writing its outcome to `res`. */
void run_command(driver *d, const json_value *cmd, cmd_result *res);
/* Frees the module records and registrations (not the store, engine or spectest). */
void driver_free_modules(driver *d);

/* printf into `res->message` and set the outcome. */
void set_result(cmd_result *res, int outcome, const char *fmt, ...);

/* Engine settings beyond the command line, applied after them: none in wasmc-spec-driver
 * (config_default.c); in wasmc-spec-driver-mir (config_mir.cc) the MIR mode named by the
 * environment variable WASMC_SPEC_MIR. NULL or an error. */
wasmc_error_t *driver_configure(wasmc_config_t *config);

#endif /* WASMC_SPEC_DRIVER_H */
