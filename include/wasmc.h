/**
 * \file wasmc.h
 * \brief The public C API of wasmc, a WebAssembly runtime that compiles modules to native
 * code with the MIR JIT. This header is the authoritative API document.
 *
 * Conventions (apply to every function unless its comment says otherwise):
 *
 * - Naming: functions `wasmc_<object>_<verb>`, types `wasmc_*_t`, constants `WASMC_*`.
 * - Ownership:
 *   1. Results of `_new`/`_copy`, and anything written through an `*_out` parameter, are owned
 *      by the caller and released with the matching `_delete`.
 *   2. Every other returned pointer is borrowed; its comment says until when it stays valid.
 *   3. Arguments are borrowed unless the comment says "takes ownership".
 *   4. Objects that live in a store (instances, functions, memories, tables, globals,
 *      externrefs) are handles: small structs holding the store's id and an index. They are
 *      never deleted one by one; they die with their store. Using a handle with another store
 *      is reported as a WASMC_ERR_MISUSE error, never a crash.
 *   5. Callbacks take `void *env` plus an optional `finalizer` run exactly once.
 * - Errors: every fallible call returns an owned `wasmc_error_t *`, NULL meaning success.
 *   Out-parameters are written only on success. There is no thread-local "last error".
 * - Traps are not errors: calls that run Wasm code have a `wasmc_trap_t **trap_out` and three
 *   outcomes: an error is returned (the call did not run: misuse, link failure, ...), or NULL
 *   is returned and `*trap_out` is set (Wasm trapped), or NULL is returned and `*trap_out` is
 *   NULL (success).
 * - Threads: `wasmc_engine_t` and `wasmc_module_t` are immutable and internally
 *   reference-counted; they may be used from any number of threads at once. A store and
 *   everything in it must be used by one thread at a time.
 * - NULL: `_delete` functions accept NULL (no-op). Passing NULL where an object is required is
 *   reported as WASMC_ERR_MISUSE by functions that return an error, and is otherwise
 *   documented per function.
 * - Names (import/export names) are passed as pointer + length: Wasm names may contain NUL.
 */
#ifndef WASMC_H
#define WASMC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks the functions that libwasmc exports; every other symbol of the library is hidden. */
#if defined(_WIN32)
#define WASMC_API __declspec(dllexport)
#else
#define WASMC_API __attribute__((visibility("default")))
#endif

/* ============================================================================================
 * Version
 * ========================================================================================== */

#define WASMC_VERSION_MAJOR 0 /**< The major version: the `0` of libwasmc.so.0. */
#define WASMC_VERSION_MINOR 1 /**< The minor version: grows when names are added. */
#define WASMC_VERSION_PATCH 0 /**< The patch version: fixes only. */
/** The version as a string, "x.y.z". */
#define WASMC_VERSION "0.1.0"
/** The version as a number: major * 1000000 + minor * 1000 + patch. */
#define WASMC_VERSION_NUMBER 1000

/** \brief The library's version string ("x.y.z"); static storage, never NULL. Thread-safe. */
WASMC_API const char *wasmc_version(void);
/** \brief The library's WASMC_VERSION_NUMBER, to compare with the header's. Thread-safe. */
WASMC_API uint32_t wasmc_version_number(void);

/* ============================================================================================
 * Errors
 * ========================================================================================== */

/** An error: a category code, a message and, for decode/validation errors, a byte offset. */
typedef struct wasmc_error wasmc_error_t;
/** Error categories. Values are stable and never renumbered. */
typedef uint32_t wasmc_error_code_t;
#define WASMC_ERR_MALFORMED 1      /**< the bytes are not a well-formed Wasm binary */
#define WASMC_ERR_INVALID 2        /**< the module decodes but does not validate */
#define WASMC_ERR_UNLINKABLE 3     /**< an import is missing or has the wrong type */
#define WASMC_ERR_UNINSTANTIABLE 4 /**< instantiation failed (e.g. a segment out of bounds) */
#define WASMC_ERR_RESOURCE 5       /**< out of memory, or a configured limit was reached */
#define WASMC_ERR_MISUSE 6         /**< API misuse: wrong store, type, arity, NULL, handle */
#define WASMC_ERR_UNSUPPORTED 7    /**< a feature wasmc does not implement */
#define WASMC_ERR_INTERNAL 8       /**< a bug in wasmc or its code generator */
/** a guest range (offset + length) lies past the end of the memory */
#define WASMC_ERR_OUT_OF_BOUNDS 9
/** guest pointer arithmetic (offset + length) does not fit the 32-bit guest address space */
#define WASMC_ERR_OVERFLOW 10
/** a guest offset is not a multiple of the required alignment */
#define WASMC_ERR_MISALIGNED 11
/** a conflicting memory borrow is outstanding ("already borrowed" / "memory is borrowed") */
#define WASMC_ERR_BORROWED 12
/** guest bytes that must be UTF-8 are not */
#define WASMC_ERR_INVALID_UTF8 13

/** \brief DESTRUCTOR: frees an error. NULL is a no-op. */
WASMC_API void wasmc_error_delete(wasmc_error_t *error);
/** \brief METHOD: the error's category (a WASMC_ERR_* value). `error` must not be NULL. */
WASMC_API wasmc_error_code_t wasmc_error_code(const wasmc_error_t *error);
/**
 * \brief METHOD: the error's message, UTF-8, NUL-terminated.
 * Borrowed: valid until the error is deleted. For malformed and invalid modules it uses the
 * WebAssembly specification's wording (e.g. "type mismatch").
 */
WASMC_API const char *wasmc_error_message(const wasmc_error_t *error);
/**
 * \brief METHOD: the byte offset in the module where a decode or validation error was found.
 * \return true and writes `*offset_out` if the error has an offset, false otherwise.
 */
WASMC_API bool wasmc_error_offset(const wasmc_error_t *error, uint64_t *offset_out);

/* ============================================================================================
 * Traps
 * ========================================================================================== */

/** A trap: Wasm execution stopped abnormally. */
typedef struct wasmc_trap wasmc_trap_t;
/** Trap codes. Values are stable and never renumbered. */
typedef uint32_t wasmc_trap_code_t;
#define WASMC_TRAP_UNREACHABLE 1           /**< "unreachable" executed */
#define WASMC_TRAP_INT_DIV_BY_ZERO 2       /**< "integer divide by zero" */
#define WASMC_TRAP_INT_OVERFLOW 3          /**< "integer overflow" */
#define WASMC_TRAP_BAD_CONVERSION 4        /**< "invalid conversion to integer" */
#define WASMC_TRAP_MEMORY_OUT_OF_BOUNDS 5  /**< "out of bounds memory access" */
#define WASMC_TRAP_TABLE_OUT_OF_BOUNDS 6   /**< "out of bounds table access" / "undefined element" */
#define WASMC_TRAP_UNINITIALIZED_ELEMENT 7 /**< "uninitialized element" */
#define WASMC_TRAP_INDIRECT_CALL_TYPE 8    /**< "indirect call type mismatch" */
#define WASMC_TRAP_STACK_EXHAUSTED 9       /**< "call stack exhausted" */
#define WASMC_TRAP_HOST 10                 /**< raised by a host function */
#define WASMC_TRAP_OUT_OF_FUEL 11          /**< "all fuel consumed" */
#define WASMC_TRAP_INTERRUPT 12            /**< "interrupt": the epoch deadline was reached */

/**
 * \brief CONSTRUCTOR: a trap with code WASMC_TRAP_HOST and the given message, for host
 * functions to return. `message` is copied (`len` bytes, need not be NUL-terminated).
 * \return the new trap, owned by the caller (or by wasmc once returned from a host callback);
 *         NULL only if out of memory.
 */
WASMC_API wasmc_trap_t *wasmc_trap_new(const char *message, size_t len);
/** \brief DESTRUCTOR: frees a trap. NULL is a no-op. */
WASMC_API void wasmc_trap_delete(wasmc_trap_t *trap);
/** \brief METHOD: the trap's code (a WASMC_TRAP_* value). */
WASMC_API wasmc_trap_code_t wasmc_trap_code(const wasmc_trap_t *trap);
/**
 * \brief METHOD: the trap's message, NUL-terminated UTF-8, e.g.
 * "integer divide by zero (in function `fac`)". For host traps, the host's message unchanged.
 * Borrowed: valid until the trap is deleted.
 */
WASMC_API const char *wasmc_trap_message(const wasmc_trap_t *trap);

/* ============================================================================================
 * Config and engine
 * ========================================================================================== */

/** Engine options. Not thread-safe; copied by wasmc_engine_new. */
typedef struct wasmc_config wasmc_config_t;
/** An engine: compiles modules. Thread-safe, reference-counted by its modules and stores. */
typedef struct wasmc_engine wasmc_engine_t;

/** \brief CONSTRUCTOR: a config with defaults. NULL only if out of memory. */
WASMC_API wasmc_config_t *wasmc_config_new(void);
/** \brief DESTRUCTOR: NULL is a no-op. */
WASMC_API void wasmc_config_delete(wasmc_config_t *config);
/**
 * \brief METHOD: MIR optimisation level for compiled code: 0 or 1 (default 1).
 * \return NULL, or WASMC_ERR_MISUSE for any other level (MIR's -O2 is not offered).
 */
WASMC_API wasmc_error_t *wasmc_config_opt_level_set(wasmc_config_t *config, uint32_t level);

/** How compiled code checks linear-memory bounds. */
typedef uint32_t wasmc_bounds_mode_t;
/** Reserve 8 GiB of address space per memory and let guard pages catch accesses (default). */
#define WASMC_BOUNDS_GUARD_PAGES 0
/** Compare every address with the memory's length (for hosts short of address space). */
#define WASMC_BOUNDS_EXPLICIT 1
/** \brief METHOD: set the bounds-check mode. \return NULL, or WASMC_ERR_MISUSE if unknown. */
WASMC_API wasmc_error_t *wasmc_config_bounds_mode_set(wasmc_config_t *config,
                                                      wasmc_bounds_mode_t mode);
/**
 * \brief METHOD: the maximum native stack, in bytes, that Wasm code may use below the point
 * where the host called into it (default 1 MiB). Deeper recursion traps with
 * WASMC_TRAP_STACK_EXHAUSTED. \return NULL, or WASMC_ERR_MISUSE if below 16 KiB.
 */
WASMC_API wasmc_error_t *wasmc_config_max_wasm_stack_set(wasmc_config_t *config, size_t bytes);
/**
 * \brief METHOD: how many threads may compile one module (default 0: one per online CPU).
 * A large module's functions are split into that many parts, each compiled by MIR on its own
 * thread; 1 compiles on the calling thread only. Calls between parts cost one extra load.
 * \return NULL, or WASMC_ERR_MISUSE if above 256.
 */
WASMC_API wasmc_error_t *wasmc_config_compile_threads_set(wasmc_config_t *config,
                                                          uint32_t threads);
/**
 * \brief METHOD: lazy compilation (default off). wasmc_module_new then decodes and validates
 * every function but generates code for none; each function is compiled on its first call
 * (on the calling thread, under a lock of the module), so the time to the first call of a
 * large module is that of validation plus the functions actually run. Errors are reported by
 * wasmc_module_new exactly as with eager compilation. x86-64 only: elsewhere this setting is
 * accepted and compilation stays eager. If compiling a function fails at its first call (MIR
 * out of memory), the call traps with WASMC_TRAP_HOST.
 * \return NULL.
 */
WASMC_API wasmc_error_t *wasmc_config_lazy_compile_set(wasmc_config_t *config, bool enable);

/**
 * \brief CONSTRUCTOR: a new engine.
 * \param config options, copied (NULL: defaults). The config stays owned by the caller.
 * \param engine_out receives the engine; delete with wasmc_engine_delete.
 * \return NULL, or WASMC_ERR_RESOURCE.
 */
WASMC_API wasmc_error_t *wasmc_engine_new(const wasmc_config_t *config,
                                          wasmc_engine_t **engine_out);
/**
 * \brief DESTRUCTOR: releases the caller's reference. Modules and stores created from the
 * engine keep it alive. NULL is a no-op.
 */
WASMC_API void wasmc_engine_delete(wasmc_engine_t *engine);

/* ============================================================================================
 * Types
 * ========================================================================================== */

/** Value kinds. Stable values. */
typedef uint8_t wasmc_valkind_t;
#define WASMC_I32 0       /**< 32-bit integer */
#define WASMC_I64 1       /**< 64-bit integer */
#define WASMC_F32 2       /**< 32-bit IEEE 754 float */
#define WASMC_F64 3       /**< 64-bit IEEE 754 float */
#define WASMC_V128 4      /**< 128-bit vector (SIMD) */
#define WASMC_FUNCREF 5   /**< reference to a function, or null */
#define WASMC_EXTERNREF 6 /**< reference to a host object, or null */

/** Kinds of imports and exports. Stable values. */
typedef uint8_t wasmc_externkind_t;
#define WASMC_EXTERN_FUNC 0   /**< a function */
#define WASMC_EXTERN_TABLE 1  /**< a table */
#define WASMC_EXTERN_MEMORY 2 /**< a linear memory */
#define WASMC_EXTERN_GLOBAL 3 /**< a global */

/** A function type: parameter and result kinds. Immutable; may be shared across threads. */
typedef struct wasmc_functype wasmc_functype_t;

/**
 * \brief CONSTRUCTOR: a function type. The arrays are copied; either may be NULL when its
 * count is 0. \return NULL if a kind is unknown or out of memory.
 */
WASMC_API wasmc_functype_t *wasmc_functype_new(const wasmc_valkind_t *params, size_t nparams,
                                               const wasmc_valkind_t *results,
                                               size_t nresults);
/** \brief DESTRUCTOR: NULL is a no-op. */
WASMC_API void wasmc_functype_delete(wasmc_functype_t *type);
/** \brief METHOD: the parameter kinds; writes the count to `*n_out`. Borrowed from `type`. */
WASMC_API const wasmc_valkind_t *wasmc_functype_params(const wasmc_functype_t *type,
                                                       size_t *n_out);
/** \brief METHOD: the result kinds; writes the count to `*n_out`. Borrowed from `type`. */
WASMC_API const wasmc_valkind_t *wasmc_functype_results(const wasmc_functype_t *type,
                                                        size_t *n_out);

/**
 * Limits of a memory (in 64 KiB pages) or table (in elements). `max` is meaningful only when
 * `has_max` is true. The layout of this struct is frozen.
 */
typedef struct wasmc_limits {
  uint64_t min; /**< the minimum (initial) size */
  uint64_t max; /**< the maximum size, if `has_max` */
  bool has_max; /**< whether there is a maximum */
} wasmc_limits_t;

/**
 * The type of an import or export. Borrowed from its module (valid until the module is
 * deleted). Only the fields for `kind` are meaningful; the layout is frozen.
 */
typedef struct wasmc_externtype {
  /** What is imported or exported (WASMC_EXTERN_*); says which fields below apply. */
  wasmc_externkind_t kind;
  /** WASMC_EXTERN_FUNC: the function type (borrowed). */
  const wasmc_functype_t *func;
  /** WASMC_EXTERN_TABLE: the element kind (WASMC_FUNCREF or WASMC_EXTERNREF). */
  wasmc_valkind_t table_elem;
  /** WASMC_EXTERN_TABLE and WASMC_EXTERN_MEMORY: the limits. */
  wasmc_limits_t limits;
  /** WASMC_EXTERN_GLOBAL: the value kind and mutability. */
  wasmc_valkind_t global_kind;
  /** WASMC_EXTERN_GLOBAL: true for a mutable global. */
  bool global_mutable;
} wasmc_externtype_t;

/* ============================================================================================
 * Modules
 * ========================================================================================== */

/** A compiled module. Immutable, thread-safe, reference-counted. */
typedef struct wasmc_module wasmc_module_t;

/**
 * \brief Checks that `bytes` is a valid Wasm 2.0 module, without compiling it.
 * \return NULL if valid; otherwise WASMC_ERR_MALFORMED or WASMC_ERR_INVALID with the spec's
 *         message and the byte offset of the first error (WASMC_ERR_MISUSE for NULL args).
 * Thread-safe.
 */
WASMC_API wasmc_error_t *wasmc_module_validate(wasmc_engine_t *engine, const uint8_t *bytes,
                                               size_t len);
/**
 * \brief CONSTRUCTOR: decodes, validates and compiles a module.
 * \param engine the engine that compiles it; the module keeps the engine alive.
 * \param bytes the module's binary; copied, need not outlive the call.
 * \param len the number of bytes at `bytes`.
 * \param module_out receives the module; delete with wasmc_module_delete.
 * \return NULL, or WASMC_ERR_MALFORMED / _INVALID (with offset), _UNSUPPORTED (e.g. SIMD),
 *         _RESOURCE, _INTERNAL, _MISUSE. Thread-safe: modules may be compiled concurrently.
 */
WASMC_API wasmc_error_t *wasmc_module_new(wasmc_engine_t *engine, const uint8_t *bytes,
                                          size_t len, wasmc_module_t **module_out);
/** \brief DESTRUCTOR: releases the caller's reference; instances keep the code alive. */
WASMC_API void wasmc_module_delete(wasmc_module_t *module);
/** \brief METHOD: a new reference to the same module (release with wasmc_module_delete). */
WASMC_API wasmc_module_t *wasmc_module_copy(const wasmc_module_t *module);

/** \brief METHOD: the number of imports. */
WASMC_API size_t wasmc_module_import_count(const wasmc_module_t *module);
/**
 * \brief METHOD: import `index`: its module name, field name and type, all borrowed from the
 * module. \return NULL, or WASMC_ERR_MISUSE if `index` is out of range.
 */
WASMC_API wasmc_error_t *wasmc_module_import_get(const wasmc_module_t *module, size_t index,
                                                 const char **module_name_out,
                                                 size_t *module_name_len_out,
                                                 const char **name_out, size_t *name_len_out,
                                                 const wasmc_externtype_t **type_out);
/** \brief METHOD: the number of exports. */
WASMC_API size_t wasmc_module_export_count(const wasmc_module_t *module);
/**
 * \brief METHOD: export `index`: its name and type, borrowed from the module.
 * \return NULL, or WASMC_ERR_MISUSE if `index` is out of range.
 */
WASMC_API wasmc_error_t *wasmc_module_export_get(const wasmc_module_t *module, size_t index,
                                                 const char **name_out, size_t *name_len_out,
                                                 const wasmc_externtype_t **type_out);

/* ============================================================================================
 * Stores
 * ========================================================================================== */

/** A store: owns instances and every object they create. Single-threaded. */
typedef struct wasmc_store wasmc_store_t;

/**
 * \brief CONSTRUCTOR: a new, empty store.
 * \return NULL, or WASMC_ERR_RESOURCE / WASMC_ERR_MISUSE (NULL engine).
 */
WASMC_API wasmc_error_t *wasmc_store_new(wasmc_engine_t *engine, wasmc_store_t **store_out);
/**
 * \brief DESTRUCTOR: frees the store and everything in it, running every finalizer (host
 * functions, externrefs) exactly once. NULL is a no-op. Must not be called from inside a call
 * into the store's Wasm code.
 */
WASMC_API void wasmc_store_delete(wasmc_store_t *store);

/* ============================================================================================
 * Interruption and resource limits
 *
 * Three independent mechanisms keep untrusted code in check (see SECURITY.md):
 * - Fuel (deterministic): a store holds an amount of fuel; running Wasm consumes it and traps
 *   with WASMC_TRAP_OUT_OF_FUEL once it is exhausted. Enabled per engine at compile time.
 * - Epochs (wall-clock, cheap): the engine has an epoch counter that any thread, or a signal
 *   handler, may increment; code running in a store whose epoch deadline has been reached stops
 *   with WASMC_TRAP_INTERRUPT, or asks a callback. Enabled per engine at compile time.
 * - Resource limits: caps per store on memory and table sizes and on the number of instances,
 *   memories and tables, plus a callback that may veto any growth.
 * Code compiled without fuel or epochs enabled contains no checks for them at all.
 * ========================================================================================== */

/**
 * \brief METHOD: makes compiled code consume fuel (default false).
 *
 * Every executed Wasm instruction costs one unit of fuel, except `nop`, `block`, `loop`,
 * `else` and `end`, which cost nothing; host functions and runtime work (memory.grow,
 * memory.copy, ...) cost only their one instruction. Fuel is counted per straight-line run of
 * code and checked at function entries and loop headers, so execution traps with
 * WASMC_TRAP_OUT_OF_FUEL ("all fuel consumed") at the first check that finds no fuel left:
 * the overshoot is bounded by the loop-free, call-free code between two checks. The counts are
 * deterministic: the same module, inputs and fuel always trap at the same point and leave the
 * same fuel. A new store has 0 fuel: set some with wasmc_store_fuel_set before calling.
 * \return NULL, or WASMC_ERR_MISUSE (NULL config).
 */
WASMC_API wasmc_error_t *wasmc_config_consume_fuel_set(wasmc_config_t *config, bool enable);
/**
 * \brief METHOD: makes compiled code check the store's epoch deadline at every function entry
 * and loop header (default false); see wasmc_engine_increment_epoch.
 * \return NULL, or WASMC_ERR_MISUSE (NULL config).
 */
WASMC_API wasmc_error_t *wasmc_config_epoch_interruption_set(wasmc_config_t *config,
                                                             bool enable);

/**
 * \brief METHOD: increments the engine's epoch counter by one.
 * Code running in any store of the engine whose deadline (wasmc_store_epoch_deadline_set) is
 * now reached stops at its next check (a function entry or loop iteration). Safe to call from
 * any thread and from a signal handler: it is one relaxed atomic increment, with no lock and
 * no allocation. A no-op for NULL. Has no effect on code compiled without epoch interruption.
 */
WASMC_API void wasmc_engine_increment_epoch(wasmc_engine_t *engine);

/**
 * \brief METHOD: sets the store's remaining fuel to `fuel` (replacing what was left; values
 * above INT64_MAX are clamped to INT64_MAX). May be called again after an out-of-fuel trap to
 * refuel, and from a host function called by the store's Wasm code.
 * \return NULL, or WASMC_ERR_MISUSE (NULL store, or the engine does not consume fuel).
 */
WASMC_API wasmc_error_t *wasmc_store_fuel_set(wasmc_store_t *store, uint64_t fuel);
/**
 * \brief METHOD: the store's remaining fuel, written to `*fuel_out` (0 after an out-of-fuel
 * trap). Fuel is accounted when control flow leaves a straight-line run of code; after a trap
 * other than out-of-fuel, the instructions of the trapping run may not be counted.
 * \return NULL, or WASMC_ERR_MISUSE (NULL argument, or the engine does not consume fuel).
 */
WASMC_API wasmc_error_t *wasmc_store_fuel_get(wasmc_store_t *store, uint64_t *fuel_out);

/**
 * \brief METHOD: sets the store's epoch deadline to `ticks_beyond_current` increments of the
 * engine's epoch after its current value (saturating). A new store has no deadline (as if set
 * to UINT64_MAX ticks); a deadline of 0 ticks stops the next check.
 * \return NULL, or WASMC_ERR_MISUSE (NULL store, or the engine has no epoch interruption).
 */
WASMC_API wasmc_error_t *wasmc_store_epoch_deadline_set(wasmc_store_t *store,
                                                        uint64_t ticks_beyond_current);

/**
 * Called on the store's thread when Wasm code reaches the epoch deadline, instead of trapping.
 * `store` is the store running the code (its functions may be used, as from a host function).
 * Return NULL after writing `*delta_out` (initially 0) to continue with a new deadline
 * `*delta_out` ticks beyond the current epoch (0: the callback runs again at the next check);
 * or return a trap (e.g. from wasmc_trap_new), which wasmc takes ownership of and which
 * reaches the caller of the Wasm code unchanged.
 */
typedef wasmc_trap_t *(*wasmc_epoch_deadline_callback_t)(void *env, wasmc_store_t *store,
                                                         uint64_t *delta_out);
/**
 * \brief METHOD: installs the epoch-deadline callback (NULL `callback`: remove it, so that
 * reaching the deadline traps with WASMC_TRAP_INTERRUPT, "interrupt", the default).
 * \param store the store whose Wasm code the callback serves.
 * \param callback the callback, or NULL.
 * \param env passed to each call; `finalizer(env)` (if not NULL) runs exactly once, when the
 *        callback is replaced or the store is deleted. On error the finalizer is not run.
 * \param finalizer releases `env`, or NULL.
 * \return NULL, or WASMC_ERR_MISUSE (NULL store, or the engine has no epoch interruption).
 */
WASMC_API wasmc_error_t *wasmc_store_epoch_deadline_callback_set(
    wasmc_store_t *store, wasmc_epoch_deadline_callback_t callback, void *env,
    void (*finalizer)(void *));

/**
 * \brief METHOD: caps the resources of the store. For every argument, 0 or UINT64_MAX means
 * "no limit" (the default).
 * \param store the store to limit.
 * \param max_memory_bytes the size in bytes any one linear memory may reach (creation and
 *        growth; rounded down to whole 64 KiB pages).
 * \param max_table_elements the number of elements any one table may reach.
 * \param max_instances the number of instances the store may hold (failed instantiations that
 *        got past the limit check count too: their objects stay in the store).
 * \param max_tables the number of tables the store may hold (defined by instances or created
 *        with wasmc_table_new; imports do not count).
 * \param max_memories the number of linear memories the store may hold (likewise).
 * A `memory.grow` or `table.grow` past a limit returns -1 to the guest, as the spec allows;
 * wasmc_memory_grow and wasmc_table_grow return WASMC_ERR_RESOURCE. An instantiation or
 * wasmc_memory_new / wasmc_table_new that would pass a limit fails with WASMC_ERR_RESOURCE
 * and creates nothing. Limits apply to later creations and growths only: objects that are
 * already larger are not shrunk. The counts include every object created before the call.
 * \return NULL, or WASMC_ERR_MISUSE (NULL store).
 */
WASMC_API wasmc_error_t *wasmc_store_limiter_set(wasmc_store_t *store, uint64_t max_memory_bytes,
                                                 uint64_t max_table_elements,
                                                 uint64_t max_instances, uint64_t max_tables,
                                                 uint64_t max_memories);

/** What a limiter callback is asked about. Stable values. */
typedef uint8_t wasmc_resource_kind_t;
/** A linear memory; sizes in bytes. */
#define WASMC_RESOURCE_MEMORY 0
/** A table; sizes in elements. */
#define WASMC_RESOURCE_TABLE 1
/**
 * Asked before a memory or table grows from `current` to `desired` (bytes or elements, see
 * `kind`), including its creation (from 0 to its initial size, when that is not 0), once the
 * growth is known to be within the object's declared maximum and the store's limits. Return
 * true to allow it, false to refuse (the grow then fails as if past a limit). Runs on the
 * store's thread, possibly from inside Wasm code; it must not call back into the store.
 */
typedef bool (*wasmc_limiter_callback_t)(void *env, wasmc_resource_kind_t kind,
                                         uint64_t current, uint64_t desired);
/**
 * \brief METHOD: installs the limiter callback (NULL `callback`: remove it).
 * \param store the store whose memories and tables the callback oversees.
 * \param callback the callback, or NULL.
 * \param env passed to each call; `finalizer(env)` (if not NULL) runs exactly once, when the
 *        callback is replaced or the store is deleted. On error the finalizer is not run.
 * \param finalizer releases `env`, or NULL.
 * \return NULL, or WASMC_ERR_MISUSE (NULL store).
 */
WASMC_API wasmc_error_t *wasmc_store_limiter_callback_set(wasmc_store_t *store,
                                                          wasmc_limiter_callback_t callback,
                                                          void *env, void (*finalizer)(void *));

/* ============================================================================================
 * Store objects (handles) and values
 * ========================================================================================== */

/** A function in a store (Wasm or host). `store_id == 0` means null (for funcref values). */
typedef struct wasmc_func {
  uint64_t store_id; /**< the owning store's id (0: null) */
  size_t index;      /**< the index of the function in its store */
} wasmc_func_t;
/** A linear memory in a store. */
typedef struct wasmc_memory {
  uint64_t store_id; /**< the owning store's id (0: null) */
  size_t index;      /**< the index of the memory in its store */
} wasmc_memory_t;
/** A table in a store. */
typedef struct wasmc_table {
  uint64_t store_id; /**< the owning store's id (0: null) */
  size_t index;      /**< the index of the table in its store */
} wasmc_table_t;
/** A global in a store. */
typedef struct wasmc_global {
  uint64_t store_id; /**< the owning store's id (0: null) */
  size_t index;      /**< the index of the global in its store */
} wasmc_global_t;
/** An instance in a store. */
typedef struct wasmc_instance {
  uint64_t store_id; /**< the owning store's id (0: null) */
  size_t index;      /**< the index of the instance in its store */
} wasmc_instance_t;
/** An external reference: a host pointer owned by a store. `store_id == 0` means null. */
typedef struct wasmc_externref {
  uint64_t store_id; /**< the owning store's id (0: null) */
  size_t index;      /**< the index of the reference in its store */
} wasmc_externref_t;

/** A typed value. The layout is frozen. */
typedef struct wasmc_val {
  wasmc_valkind_t kind; /**< the value's kind (WASMC_I32, ...): which member of `of` is set */
  /** The value; the member named after `kind`. */
  union {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    uint8_t v128[16];
    wasmc_func_t funcref;       /**< store_id 0: null */
    wasmc_externref_t externref; /**< store_id 0: null */
  } of;
} wasmc_val_t;

/**
 * A raw 16-byte value slot, as used by the array-call convention: the value's kind is implied
 * by the function type. i32/i64/f32/f64 in the low bytes (little-endian); funcref and
 * externref are opaque raw words (convert with wasmc_func_from_raw / wasmc_func_to_raw and
 * wasmc_externref_from_raw / _to_raw); 0 means null.
 */
typedef union wasmc_val_raw {
  int32_t i32;        /**< an i32 */
  int64_t i64;        /**< an i64 */
  float f32;          /**< an f32 */
  double f64;         /**< an f64 */
  uint8_t v128[16];   /**< a v128 */
  void *funcref;      /**< a funcref, as a raw word (NULL: null) */
  uint64_t externref; /**< an externref, as a raw word (0: null) */
} wasmc_val_raw_t;

/** An import or export value. The layout is frozen. */
typedef struct wasmc_extern {
  wasmc_externkind_t kind; /**< WASMC_EXTERN_*: says which member of `of` is set */
  /** The object; the member named after `kind`. */
  union {
    wasmc_func_t func;
    wasmc_table_t table;
    wasmc_memory_t memory;
    wasmc_global_t global;
  } of;
} wasmc_extern_t;

/* ============================================================================================
 * Instances
 * ========================================================================================== */

/**
 * \brief CONSTRUCTOR: instantiates `module` in `store`.
 * \param store the store that will own the instance and everything it creates.
 * \param module the compiled module; the store keeps its code alive.
 * \param imports one extern per module import, in the module's import order; `nimports` must
 *        equal wasmc_module_import_count.
 * \param nimports the number of externs at `imports`.
 * \param instance_out receives the instance handle (valid while the store lives).
 * \param trap_out receives a trap if the start function or a segment initialisation traps;
 *        owned by the caller. May be NULL only if the caller accepts losing the trap details.
 *        As in Wasm 2.0, an active element or data segment out of bounds is a trap ("out of
 *        bounds table access" / "out of bounds memory access"), not an error; the spec's
 *        `assert_uninstantiable` corresponds to this trap outcome. `*instance_out` is written
 *        only on success.
 * \return NULL (check `*trap_out`), or WASMC_ERR_UNLINKABLE ("incompatible import type for
 *         `env`.`f`"; the spec's "unknown import" is for the embedder that resolves names, e.g.
 *         wasmc_linker_instantiate),
 *         WASMC_ERR_MISUSE (NULL arguments, wrong import count, foreign or invalid handles, a
 *         module from another engine), WASMC_ERR_RESOURCE (memory or table allocation),
 *         WASMC_ERR_UNSUPPORTED, WASMC_ERR_BORROWED (a memory borrow is outstanding).
 * Per the spec, a failed instantiation leaves the writes done before the failing segment (or the
 * start function's effects) visible in imported tables and memories; the functions of the
 * failed instance stay valid for as long as the store lives, since they may already sit in
 * imported tables. Not thread-safe (the store is single-threaded).
 */
WASMC_API wasmc_error_t *wasmc_instance_new(wasmc_store_t *store, const wasmc_module_t *module,
                                            const wasmc_extern_t *imports, size_t nimports,
                                            wasmc_instance_t *instance_out,
                                            wasmc_trap_t **trap_out);
/**
 * \brief METHOD: looks up an export by name.
 * \return true and writes `*out` if found, false otherwise (also for a foreign handle).
 */
WASMC_API bool wasmc_instance_export_get(wasmc_store_t *store, const wasmc_instance_t *instance,
                                         const char *name, size_t name_len,
                                         wasmc_extern_t *out);
/** \brief METHOD: the number of exports of the instance (0 for a foreign handle). */
WASMC_API size_t wasmc_instance_export_count(wasmc_store_t *store,
                                             const wasmc_instance_t *instance);
/**
 * \brief METHOD: export `index`, in module order: its name (borrowed, valid while the store
 * lives) and value. \return false if out of range or a foreign handle.
 */
WASMC_API bool wasmc_instance_export_nth(wasmc_store_t *store, const wasmc_instance_t *instance,
                                         size_t index, const char **name_out,
                                         size_t *name_len_out, wasmc_extern_t *out);

/* ============================================================================================
 * Functions
 * ========================================================================================== */

/** The calling context of a host function (valid only during the callback). */
typedef struct wasmc_caller wasmc_caller_t;

/**
 * A host function in the array-call convention: one C signature for every Wasm type.
 * `args_and_results` holds the arguments on entry (as many as the type's params) and receives
 * the results (as many as the type's results); `capacity` is max(params, results).
 * Return NULL on success, or a trap (e.g. from wasmc_trap_new), which wasmc takes ownership of
 * and which reaches the outer caller unchanged (same object, same message), also through
 * any number of nested host -> Wasm -> host calls. Called from Wasm, the path is: the MIR exit
 * trampoline for the signature spills the arguments into a stack buffer, then one runtime
 * helper calls the callback; nothing is allocated or looked up per call.
 * A callback must release every memory borrow it took before returning to Wasm (see
 * wasmc_memory_borrow); returning with a borrow outstanding traps ("host function returned
 * with outstanding memory borrows"; the borrow stays registered until released).
 */
typedef wasmc_trap_t *(*wasmc_func_callback_t)(void *env, wasmc_caller_t *caller,
                                               wasmc_val_raw_t *args_and_results,
                                               size_t capacity);

/**
 * \brief CONSTRUCTOR: a host function in `store`.
 * \param store the store that will own the function.
 * \param type the function's type; copied.
 * \param callback the host function, called with `env`.
 * \param env passed to every call; `finalizer(env)` (if not NULL) runs exactly once, when the
 *        store is deleted.
 * \param finalizer releases `env`, or NULL.
 * \param func_out receives the function's handle.
 * \return NULL, or WASMC_ERR_MISUSE / WASMC_ERR_RESOURCE. On error the finalizer is not run.
 */
WASMC_API wasmc_error_t *wasmc_func_new(wasmc_store_t *store, const wasmc_functype_t *type,
                                        wasmc_func_callback_t callback, void *env,
                                        void (*finalizer)(void *), wasmc_func_t *func_out);
/**
 * \brief METHOD: the function's type. Returns a new functype owned by the caller, or NULL for
 * a foreign/invalid handle.
 */
WASMC_API wasmc_functype_t *wasmc_func_type(wasmc_store_t *store, const wasmc_func_t *func);
/**
 * \brief METHOD: calls a function with typed values (checked against its type).
 * \param store the store that owns `func`.
 * \param func the function (Wasm or host).
 * \param args `nargs` values; kinds and count must match the params.
 * \param nargs the number of values at `args`.
 * \param results receives `nresults` values; `nresults` must equal the type's result count.
 * \param nresults the number of slots at `results`.
 * \param trap_out receives a trap (owned by the caller) if the call traps.
 * \return NULL (check `*trap_out`), or WASMC_ERR_MISUSE (wrong count, kind, foreign handle or
 *         funcref from another store), WASMC_ERR_BORROWED (a memory borrow of the store is
 *         outstanding, see wasmc_memory_borrow; also for host functions).
 */
WASMC_API wasmc_error_t *wasmc_func_call(wasmc_store_t *store, const wasmc_func_t *func,
                                         const wasmc_val_t *args, size_t nargs,
                                         wasmc_val_t *results, size_t nresults,
                                         wasmc_trap_t **trap_out);
/**
 * \brief METHOD: calls a function with raw values (the array-call convention): arguments in
 * `values[0..params)`, results written to `values[0..results)`. Nothing about the values is
 * checked: the caller guarantees they match the function's type.
 * \param store the store that owns `func`.
 * \param func the function (Wasm or host).
 * \param values the arguments on entry, the results on return.
 * \param capacity the number of slots in `values`; must be >= max(params, results).
 * \param trap_out receives a trap (owned by the caller) if the call traps.
 * \return NULL (check `*trap_out`), or WASMC_ERR_MISUSE (foreign handle, capacity too small),
 *         WASMC_ERR_BORROWED (a memory borrow of the store is outstanding).
 */
WASMC_API wasmc_error_t *wasmc_func_call_unchecked(wasmc_store_t *store,
                                                   const wasmc_func_t *func,
                                                   wasmc_val_raw_t *values, size_t capacity,
                                                   wasmc_trap_t **trap_out);
/** \brief METHOD: the raw funcref word for `func` (for wasmc_val_raw_t), NULL for null. */
WASMC_API void *wasmc_func_to_raw(wasmc_store_t *store, const wasmc_func_t *func);
/** \brief METHOD: the function for a raw funcref word from this store (store_id 0 for NULL). */
WASMC_API wasmc_func_t wasmc_func_from_raw(wasmc_store_t *store, void *raw);

/*
 * Function identity. A function has exactly one handle in its store: every way of obtaining it
 * (an export, the handle returned by wasmc_func_new / wasmc_func_new_native, wasmc_table_get,
 * wasmc_global_get, a funcref result or argument, wasmc_func_from_raw, wasmc_linker_get) yields
 * the same `{store_id, index}` pair. Two handles therefore denote the same function if and only
 * if both fields are equal (compare field by field, never with memcmp: a handle may have
 * padding). A handle is valid exactly as long as its store; store ids are never reused in a
 * process, so a handle of a deleted store or of another store is reported as WASMC_ERR_MISUSE
 * (or `false` / NULL by functions without an error result), never a crash. A funcref value from
 * another store passed as an argument, stored in a table or global, or used as an import is
 * WASMC_ERR_MISUSE as well.
 */

/* ---- The calling context ----------------------------------------------------------------- */

/**
 * \brief METHOD: looks up an export of the instance whose Wasm code called the host function,
 * typically its memory ("memory").
 * \param caller the callback's caller (valid only during the callback).
 * \param name the export's name, `len` bytes (may contain NUL).
 * \param len the length of `name` in bytes.
 * \param out receives the export (a handle of the caller's store).
 * \return true if found. false if there is no such export, if `caller`, `out` or `name` (with
 *         `len` > 0) is NULL, or if the host function was called from the host (wasmc_func_call
 *         on a host function) rather than from Wasm: then there is no calling instance.
 */
WASMC_API bool wasmc_caller_export_get(wasmc_caller_t *caller, const char *name, size_t len,
                                       wasmc_extern_t *out);
/**
 * \brief METHOD: the store the host function runs in (borrowed; NULL for a NULL caller).
 * The host function may use it for any API call during the callback, including calls back into
 * Wasm (wasmc_func_call*): re-entrance works to any depth the Wasm stack limit
 * (wasmc_config_max_wasm_stack_set) allows; deeper recursion traps with
 * WASMC_TRAP_STACK_EXHAUSTED. It must not delete the store.
 */
WASMC_API wasmc_store_t *wasmc_caller_store(wasmc_caller_t *caller);
/**
 * \brief METHOD: takes ownership of `trap` and makes the running host function trap when it
 * returns. This is how a native function (wasmc_func_new_native with WASMC_NATIVE_CALLER),
 * which has no trap result, raises a trap; array-call callbacks may use it too. A second call
 * replaces (and deletes) the earlier trap; a trap returned by an array-call callback takes
 * precedence over (and deletes) a trap set here. NULL `trap` clears a pending trap. No-op
 * (deleting `trap`) for a NULL caller.
 */
WASMC_API void wasmc_caller_set_trap(wasmc_caller_t *caller, wasmc_trap_t *trap);

/* ---- Native host functions (libffi) ------------------------------------------------------- */

/** Flags of wasmc_func_new_native (OR-ed together). */
typedef uint32_t wasmc_native_flags_t;
/** The C function's first parameter is `void *env`. */
#define WASMC_NATIVE_ENV 1u
/** The next C parameter (after `env`, if present) is `wasmc_caller_t *caller`. */
#define WASMC_NATIVE_CALLER 2u
/** The most C parameters a native function may have (env, caller, params, result pointers). */
#define WASMC_NATIVE_MAX_ARGS 32

/**
 * \brief CONSTRUCTOR: a host function in `store` that is an ordinary C function with the
 * C signature matching `type`, called through libffi.
 *
 * The C signature: `[void *env,] [wasmc_caller_t *caller,] params...[, results *...]` where
 * i32 is `int32_t`, i64 `int64_t`, f32 `float`, f64 `double`, funcref `void *` (the raw word,
 * see wasmc_func_from_raw) and externref `uint64_t` (the raw word, see
 * wasmc_externref_from_raw). With 0 results the function returns `void`; with 1 result it
 * returns that value; with more than 1 it returns `void` and receives one out-pointer per
 * result (e.g. `int32_t *`), appended after the params, in result order, each pointing to
 * writable storage for that result (initialised to zero).
 *
 * A native function cannot return a trap; with WASMC_NATIVE_CALLER it may call
 * wasmc_caller_set_trap, and wasmc raises that trap after the function returns (its results
 * are then ignored). Calling it from Wasm, through a table (call_indirect), or from the host
 * (wasmc_func_call*) is the same as for an array-call host function.
 *
 * \param store the store that will own the function.
 * \param type the function type; copied. v128 params or results are refused.
 * \param fn the C function, cast to `void (*)(void)`; must not be NULL. wasmc cannot check
 *        that its real C signature matches: calling a mismatched function is undefined
 *        behaviour, as with any C function-pointer cast.
 * \param flags WASMC_NATIVE_ENV and/or WASMC_NATIVE_CALLER.
 * \param env passed as the first C argument with WASMC_NATIVE_ENV; `finalizer(env)` (if not
 *        NULL) runs exactly once, when the store is deleted (also without WASMC_NATIVE_ENV).
 * \param finalizer releases `env`, or NULL.
 * \param func_out receives the function's handle.
 * \return NULL, or WASMC_ERR_MISUSE (NULL store/type/fn/func_out, unknown flags, more than
 *         WASMC_NATIVE_MAX_ARGS C parameters), WASMC_ERR_UNSUPPORTED (v128 in the type),
 *         WASMC_ERR_RESOURCE / WASMC_ERR_INTERNAL (libffi refused the signature). The call
 *         interface (`ffi_cif`) is prepared here, once. On error the finalizer is not run.
 * Not thread-safe (the store is single-threaded).
 */
WASMC_API wasmc_error_t *wasmc_func_new_native(wasmc_store_t *store, const wasmc_functype_t *type,
                                               void (*fn)(void), wasmc_native_flags_t flags,
                                               void *env, void (*finalizer)(void *),
                                               wasmc_func_t *func_out);

/* ============================================================================================
 * External references
 * ========================================================================================== */

/**
 * \brief CONSTRUCTOR: an externref carrying `data`; `finalizer(data)` (if not NULL) runs
 * exactly once, when the store is deleted.
 */
WASMC_API wasmc_error_t *wasmc_externref_new(wasmc_store_t *store, void *data,
                                             void (*finalizer)(void *),
                                             wasmc_externref_t *out);
/** \brief METHOD: the host pointer of an externref (NULL for null or a foreign handle). */
WASMC_API void *wasmc_externref_data(wasmc_store_t *store, const wasmc_externref_t *ref);
/** \brief METHOD: the raw word for an externref (0 for null). */
WASMC_API uint64_t wasmc_externref_to_raw(wasmc_store_t *store, const wasmc_externref_t *ref);
/** \brief METHOD: the externref for a raw word from this store (store_id 0 for 0). */
WASMC_API wasmc_externref_t wasmc_externref_from_raw(wasmc_store_t *store, uint64_t raw);

/* ============================================================================================
 * Memories
 * ========================================================================================== */

/**
 * \brief CONSTRUCTOR: a new linear memory in `store` with the given limits (pages).
 * \return NULL, or WASMC_ERR_MISUSE (min > max, > 65536 pages), WASMC_ERR_RESOURCE.
 */
WASMC_API wasmc_error_t *wasmc_memory_new(wasmc_store_t *store, const wasmc_limits_t *limits,
                                          wasmc_memory_t *out);
/** \brief METHOD: the memory's limits (current min is the declared one). */
WASMC_API bool wasmc_memory_type(wasmc_store_t *store, const wasmc_memory_t *memory,
                                 wasmc_limits_t *out);
/**
 * \brief METHOD: the base of the memory's bytes. Borrowed: valid until the store is deleted
 * (the base never moves; only the valid length changes with growth). NULL for a foreign handle.
 */
WASMC_API uint8_t *wasmc_memory_data(wasmc_store_t *store, const wasmc_memory_t *memory);
/** \brief METHOD: the current size in bytes (0 for a foreign handle). */
WASMC_API size_t wasmc_memory_data_size(wasmc_store_t *store, const wasmc_memory_t *memory);
/** \brief METHOD: the current size in 64 KiB pages (0 for a foreign handle). */
WASMC_API uint64_t wasmc_memory_size(wasmc_store_t *store, const wasmc_memory_t *memory);
/**
 * \brief METHOD: grows the memory by `delta` pages, writing the previous size to `*prev_out`.
 * \return NULL, or WASMC_ERR_RESOURCE if past the maximum or out of memory (nothing changes),
 *         WASMC_ERR_MISUSE for a foreign handle, WASMC_ERR_BORROWED while a borrow of this
 *         memory is outstanding (wasmc_memory_borrow).
 */
WASMC_API wasmc_error_t *wasmc_memory_grow(wasmc_store_t *store, const wasmc_memory_t *memory,
                                           uint64_t delta, uint64_t *prev_out);

/* ---- Guest memory access ------------------------------------------------------------------
 *
 * Safe access to linear memory for host functions, after Wiggle's GuestMemory/GuestPtr. Guest
 * offsets and lengths are `uint32_t`, as in the guest. Every function checks, in this order:
 * the handle (WASMC_ERR_MISUSE), `offset + len` is at most 2^32 (WASMC_ERR_OVERFLOW: the range
 * would wrap the 32-bit guest address space), the range lies within the memory's current size
 * (WASMC_ERR_OUT_OF_BOUNDS), alignment where asked (WASMC_ERR_MISALIGNED), conflicting borrows
 * (WASMC_ERR_BORROWED). A failed check changes nothing. A zero-length range at offset == size
 * is in bounds. Ranges of different memories never conflict.
 */

/**
 * \brief METHOD: copies `len` guest bytes at `offset` into `buf`.
 * \return NULL, or WASMC_ERR_MISUSE (NULL store or `buf` with len > 0, foreign/invalid handle),
 *         WASMC_ERR_OVERFLOW, WASMC_ERR_OUT_OF_BOUNDS, WASMC_ERR_BORROWED (the range overlaps a
 *         mutable borrow).
 */
WASMC_API wasmc_error_t *wasmc_memory_read(wasmc_store_t *store, const wasmc_memory_t *memory,
                                           uint32_t offset, void *buf, uint32_t len);
/**
 * \brief METHOD: copies `len` bytes from `buf` to guest memory at `offset`.
 * \return NULL, or WASMC_ERR_MISUSE, WASMC_ERR_OVERFLOW, WASMC_ERR_OUT_OF_BOUNDS,
 *         WASMC_ERR_BORROWED (the range overlaps any borrow).
 */
WASMC_API wasmc_error_t *wasmc_memory_write(wasmc_store_t *store, const wasmc_memory_t *memory,
                                            uint32_t offset, const void *buf, uint32_t len);
/**
 * \brief METHOD: reads one little-endian guest scalar of `size` bytes at `offset`, which must
 * be a multiple of `align`, and writes it to `*out` in host byte order (e.g. `size` 4 into an
 * `int32_t`, `uint32_t` or `float`).
 * \param store the store that owns `memory`.
 * \param memory the memory to read.
 * \param offset the guest address of the scalar.
 * \param size 1, 2, 4 or 8.
 * \param align a power of two (1 for unaligned access; usually `size`).
 * \param out receives the value: `size` bytes, in host byte order.
 * \return NULL, or WASMC_ERR_MISUSE (bad size or align, NULL `out`, handle),
 *         WASMC_ERR_OVERFLOW, WASMC_ERR_OUT_OF_BOUNDS, WASMC_ERR_MISALIGNED,
 *         WASMC_ERR_BORROWED (overlaps a mutable borrow).
 */
WASMC_API wasmc_error_t *wasmc_memory_read_scalar(wasmc_store_t *store,
                                                  const wasmc_memory_t *memory, uint32_t offset,
                                                  uint32_t size, uint32_t align, void *out);
/**
 * \brief METHOD: writes the host scalar `*value` of `size` bytes to guest memory at `offset`
 * (little-endian), which must be a multiple of `align`. Parameters and errors as for
 * wasmc_memory_read_scalar, except WASMC_ERR_BORROWED when the range overlaps any borrow.
 */
WASMC_API wasmc_error_t *wasmc_memory_write_scalar(wasmc_store_t *store,
                                                   const wasmc_memory_t *memory, uint32_t offset,
                                                   uint32_t size, uint32_t align,
                                                   const void *value);

/** Borrow modes. */
typedef uint32_t wasmc_borrow_mode_t;
/** Read-only access; may overlap other shared borrows. */
#define WASMC_BORROW_SHARED 0
/** Read-write access; may overlap no other borrow. */
#define WASMC_BORROW_MUT 1

/** An outstanding borrow of guest memory: a plain value naming it in its store. */
typedef struct wasmc_borrow {
  uint64_t store_id; /**< the id of the store that holds the borrow */
  uint64_t id; /**< never 0 and never reused within the store */
} wasmc_borrow_t;

/**
 * \brief METHOD: borrows `len` guest bytes at `offset`, giving the host a direct pointer.
 *
 * Rules (checked, never undefined behaviour): a WASMC_BORROW_MUT borrow overlapping any
 * outstanding borrow of the same memory is refused, and so is a shared borrow overlapping a
 * mutable one ("already borrowed"); shared borrows may overlap each other. While any borrow in
 * the store is outstanding, Wasm code of the store does not run: wasmc_func_call,
 * wasmc_func_call_unchecked, wasmc_instance_new and wasmc_linker_instantiate return
 * WASMC_ERR_BORROWED ("memory is borrowed"), also when made from inside a host function, and
 * wasmc_memory_grow of a borrowed memory is refused the same way (Wasm's own memory.grow cannot
 * run). A host function must release the borrows it took before returning to Wasm, or the call
 * traps. The pointer stays valid until wasmc_memory_unborrow (wasmc never moves memory, but the
 * borrow is the contract). wasmc_memory_data gives unchecked access that ignores borrows.
 *
 * \param store the store that owns `memory`.
 * \param memory the memory to borrow from.
 * \param offset the guest address of the first byte.
 * \param len the number of bytes.
 * \param mode WASMC_BORROW_SHARED or WASMC_BORROW_MUT.
 * \param ptr_out receives `base + offset` (not NULL, also for len 0); the caller may only read
 *        through a shared borrow's pointer.
 * \param borrow_out receives the borrow; release it with wasmc_memory_unborrow.
 * \return NULL, or WASMC_ERR_MISUSE (NULL arguments, unknown mode, handle),
 *         WASMC_ERR_OVERFLOW, WASMC_ERR_OUT_OF_BOUNDS, WASMC_ERR_BORROWED.
 */
WASMC_API wasmc_error_t *wasmc_memory_borrow(wasmc_store_t *store, const wasmc_memory_t *memory,
                                             uint32_t offset, uint32_t len,
                                             wasmc_borrow_mode_t mode, uint8_t **ptr_out,
                                             wasmc_borrow_t *borrow_out);
/**
 * \brief METHOD: a shared borrow of `len` guest bytes at `offset` that must be valid UTF-8
 * (checked once, here). `*str_out` points at the guest bytes: exactly `len` bytes, not
 * NUL-terminated. Errors as for wasmc_memory_borrow, plus WASMC_ERR_INVALID_UTF8 (nothing is
 * then borrowed).
 */
WASMC_API wasmc_error_t *wasmc_memory_borrow_str(wasmc_store_t *store,
                                                 const wasmc_memory_t *memory, uint32_t offset,
                                                 uint32_t len, const char **str_out,
                                                 wasmc_borrow_t *borrow_out);
/**
 * \brief METHOD: releases a borrow; its pointer must no longer be used.
 * \return NULL, or WASMC_ERR_MISUSE (NULL arguments, a borrow of another store, or one already
 *         released).
 */
WASMC_API wasmc_error_t *wasmc_memory_unborrow(wasmc_store_t *store, const wasmc_borrow_t *borrow);
/** \brief METHOD: true if any borrow of `memory` is outstanding (false for a foreign handle). */
WASMC_API bool wasmc_memory_has_outstanding_borrows(wasmc_store_t *store,
                                                    const wasmc_memory_t *memory);

/* ============================================================================================
 * Tables
 * ========================================================================================== */

/**
 * \brief CONSTRUCTOR: a new table of `elem_kind` (WASMC_FUNCREF or WASMC_EXTERNREF) with the
 * given limits, every element set to `init` (a value of `elem_kind`, possibly null).
 */
WASMC_API wasmc_error_t *wasmc_table_new(wasmc_store_t *store, wasmc_valkind_t elem_kind,
                                         const wasmc_limits_t *limits, const wasmc_val_t *init,
                                         wasmc_table_t *out);
/** \brief METHOD: the table's element kind and limits. \return false for a foreign handle. */
WASMC_API bool wasmc_table_type(wasmc_store_t *store, const wasmc_table_t *table,
                                wasmc_valkind_t *elem_kind_out, wasmc_limits_t *limits_out);
/** \brief METHOD: the current number of elements (0 for a foreign handle). */
WASMC_API uint64_t wasmc_table_size(wasmc_store_t *store, const wasmc_table_t *table);
/** \brief METHOD: reads element `index`. \return false if out of bounds or foreign. */
WASMC_API bool wasmc_table_get(wasmc_store_t *store, const wasmc_table_t *table, uint64_t index,
                               wasmc_val_t *out);
/**
 * \brief METHOD: writes element `index`.
 * \return NULL, or WASMC_ERR_MISUSE (out of bounds, wrong kind, foreign value or handle).
 */
WASMC_API wasmc_error_t *wasmc_table_set(wasmc_store_t *store, const wasmc_table_t *table,
                                         uint64_t index, const wasmc_val_t *value);
/**
 * \brief METHOD: grows the table by `delta` elements set to `init`; previous size to
 * `*prev_out`. \return NULL, or WASMC_ERR_RESOURCE (past max), WASMC_ERR_MISUSE.
 */
WASMC_API wasmc_error_t *wasmc_table_grow(wasmc_store_t *store, const wasmc_table_t *table,
                                          uint64_t delta, const wasmc_val_t *init,
                                          uint64_t *prev_out);

/* ============================================================================================
 * Globals
 * ========================================================================================== */

/**
 * \brief CONSTRUCTOR: a new global holding `value` (its kind is the global's kind).
 * \return NULL, or WASMC_ERR_MISUSE (foreign reference value).
 */
WASMC_API wasmc_error_t *wasmc_global_new(wasmc_store_t *store, const wasmc_val_t *value,
                                          bool is_mutable, wasmc_global_t *out);
/** \brief METHOD: the global's kind and mutability. \return false for a foreign handle. */
WASMC_API bool wasmc_global_type(wasmc_store_t *store, const wasmc_global_t *global,
                                 wasmc_valkind_t *kind_out, bool *mutable_out);
/** \brief METHOD: reads the global. \return false for a foreign handle. */
WASMC_API bool wasmc_global_get(wasmc_store_t *store, const wasmc_global_t *global,
                                wasmc_val_t *out);
/**
 * \brief METHOD: writes the global.
 * \return NULL, or WASMC_ERR_MISUSE (immutable, wrong kind, foreign handle or value).
 */
WASMC_API wasmc_error_t *wasmc_global_set(wasmc_store_t *store, const wasmc_global_t *global,
                                          const wasmc_val_t *value);

/* ============================================================================================
 * Linker
 * ========================================================================================== */

/**
 * A linker: a name space of definitions (`module`.`name` -> extern) that resolves a module's
 * imports by name. It belongs to an engine, not a store: each definition is an extern of some
 * store, and a linker may hold definitions of several stores, but instantiating in a store uses
 * only that store's definitions (an import whose definition belongs to another store is
 * WASMC_ERR_MISUSE). Only one definition per (`module`, `name`) exists at a time, whatever its
 * store. Shadowing: by default defining an existing name is WASMC_ERR_MISUSE and changes
 * nothing; after wasmc_linker_allow_shadowing(linker, true) the later definition replaces the
 * earlier one. Not thread-safe; a linker must not be used by two threads at once.
 */
typedef struct wasmc_linker wasmc_linker_t;

/**
 * \brief CONSTRUCTOR: an empty linker for modules of `engine` (which it keeps alive).
 * \return NULL, or WASMC_ERR_MISUSE (NULL arguments).
 */
WASMC_API wasmc_error_t *wasmc_linker_new(wasmc_engine_t *engine, wasmc_linker_t **linker_out);
/**
 * \brief DESTRUCTOR: frees the linker. The externs it named stay in their stores (host
 * functions made by wasmc_linker_define_func die with their store). NULL is a no-op.
 */
WASMC_API void wasmc_linker_delete(wasmc_linker_t *linker);
/** \brief METHOD: allows (true) or forbids (false, the default) redefinition. NULL: no-op. */
WASMC_API void wasmc_linker_allow_shadowing(wasmc_linker_t *linker, bool allow);
/**
 * \brief METHOD: defines `module`.`name` as `item`, an extern of `store`.
 * \return NULL, or WASMC_ERR_MISUSE (NULL arguments, an extern of another store or an invalid
 *         handle, the name already defined and shadowing not allowed).
 */
WASMC_API wasmc_error_t *wasmc_linker_define(wasmc_linker_t *linker, wasmc_store_t *store,
                                             const char *module, size_t module_len,
                                             const char *name, size_t name_len,
                                             const wasmc_extern_t *item);
/**
 * \brief METHOD: creates an array-call host function in `store` (as wasmc_func_new) and defines
 * it as `module`.`name`. `finalizer(env)` (if not NULL) runs exactly once, when the store is
 * deleted. On error nothing is defined or created and the finalizer is not run.
 * \return NULL, or WASMC_ERR_MISUSE (as wasmc_linker_define and wasmc_func_new),
 *         WASMC_ERR_RESOURCE.
 */
WASMC_API wasmc_error_t *wasmc_linker_define_func(wasmc_linker_t *linker, wasmc_store_t *store,
                                                  const char *module, size_t module_len,
                                                  const char *name, size_t name_len,
                                                  const wasmc_functype_t *type,
                                                  wasmc_func_callback_t callback, void *env,
                                                  void (*finalizer)(void *));
/**
 * \brief METHOD: defines every export of `instance` under the module name `name`
 * (`name`.`export`). All or nothing: if one export's name is taken and shadowing is not
 * allowed, nothing is defined.
 * \return NULL, or WASMC_ERR_MISUSE (NULL arguments, foreign/invalid instance, a name taken).
 */
WASMC_API wasmc_error_t *wasmc_linker_define_instance(wasmc_linker_t *linker,
                                                      wasmc_store_t *store, const char *name,
                                                      size_t name_len,
                                                      const wasmc_instance_t *instance);
/**
 * \brief METHOD: looks up `module`.`name`.
 * \return true and writes `*out` if defined by an extern of `store`; false otherwise.
 */
WASMC_API bool wasmc_linker_get(const wasmc_linker_t *linker, wasmc_store_t *store,
                                const char *module, size_t module_len, const char *name,
                                size_t name_len, wasmc_extern_t *out);
/**
 * \brief CONSTRUCTOR: instantiates `module` in `store`, resolving each import by its module
 * and field name; otherwise as wasmc_instance_new (three outcomes: error, trap, success).
 * Every import's name is resolved first (the first unknown one, in import order, is reported),
 * then the types are checked in import order.
 * \param linker the definitions to resolve the imports from.
 * \param store the store that will own the instance; the definitions must belong to it.
 * \param module the compiled module.
 * \param instance_out receives the instance handle (valid while the store lives).
 * \param trap_out receives a trap from a segment or the start function (owned by the caller).
 * \return NULL (check `*trap_out`), or WASMC_ERR_UNLINKABLE naming the import:
 *         "unknown import: `env`.`f`" (not defined) or "incompatible import type for
 *         `env`.`f`" (wrong kind, function type, limits, element or value type, mutability);
 *         WASMC_ERR_MISUSE (NULL arguments, a module of another engine, a definition of another
 *         store), WASMC_ERR_BORROWED, WASMC_ERR_RESOURCE.
 */
WASMC_API wasmc_error_t *wasmc_linker_instantiate(const wasmc_linker_t *linker,
                                                  wasmc_store_t *store,
                                                  const wasmc_module_t *module,
                                                  wasmc_instance_t *instance_out,
                                                  wasmc_trap_t **trap_out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WASMC_H */
