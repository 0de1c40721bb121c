//! Raw declarations of wasmc's C API, `include/wasmc.h` of the wasmc repository, for Rust.
//!
//! Every function, type, struct and constant of the header has a counterpart here with the
//! same name and the same layout. The header is the API reference: ownership rules, errors
//! versus traps, handles and the meaning of each call are documented there, not here.
//! Everything in this crate is `unsafe` to use; the `wasmc` crate is the safe API.
//!
//! The declarations are written by hand and kept in sync with the header by the crate's test
//! `tests/header_sync.rs`, which parses `include/wasmc.h` and checks every function (name,
//! parameter and result types), constant (value) and struct (fields, and size, alignment and
//! field offsets as a C compiler reports them) against this file.
//!
//! Linking: the build script links `libwasmc` dynamically from `WASMC_LIB_DIR`, from the
//! repository's `build/` directory, or through `pkg-config wasmc` (see `build.rs`).
//!

#![no_std]
#![allow(non_camel_case_types)]

use core::ffi::{c_char, c_void};
use core::marker::{PhantomData, PhantomPinned};

// ---- Version ---------------------------------------------------------------------------------

/// The major version: the `0` of libwasmc.so.0.
pub const WASMC_VERSION_MAJOR: u32 = 0;
/// The minor version: grows when names are added.
pub const WASMC_VERSION_MINOR: u32 = 1;
/// The patch version: fixes only.
pub const WASMC_VERSION_PATCH: u32 = 0;
/// The version as a string, "x.y.z" (without the C string's NUL).
pub const WASMC_VERSION: &str = "0.1.0";
/// The version as a number: major * 1000000 + minor * 1000 + patch.
pub const WASMC_VERSION_NUMBER: u32 = 1000;

// ---- Opaque objects --------------------------------------------------------------------------

macro_rules! opaque {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[repr(C)]
        pub struct $name {
            _data: [u8; 0],
            _marker: PhantomData<(*mut u8, PhantomPinned)>,
        }
    )*};
}

opaque! {
    /// An error: a category code, a message and, for decode/validation errors, an offset.
    wasmc_error_t;
    /// A trap: Wasm execution stopped abnormally.
    wasmc_trap_t;
    /// Engine options.
    wasmc_config_t;
    /// An engine: compiles modules.
    wasmc_engine_t;
    /// A function type.
    wasmc_functype_t;
    /// A compiled module.
    wasmc_module_t;
    /// A store: owns instances and every object they create.
    wasmc_store_t;
    /// The calling context of a host function (valid only during the callback).
    wasmc_caller_t;
    /// A linker: a name space of definitions that resolves a module's imports.
    wasmc_linker_t;
}

// ---- Errors and traps ------------------------------------------------------------------------

/// Error categories (`WASMC_ERR_*`).
pub type wasmc_error_code_t = u32;
/// The bytes are not a well-formed Wasm binary.
pub const WASMC_ERR_MALFORMED: wasmc_error_code_t = 1;
/// The module decodes but does not validate.
pub const WASMC_ERR_INVALID: wasmc_error_code_t = 2;
/// An import is missing or has the wrong type.
pub const WASMC_ERR_UNLINKABLE: wasmc_error_code_t = 3;
/// Instantiation failed.
pub const WASMC_ERR_UNINSTANTIABLE: wasmc_error_code_t = 4;
/// Out of memory, or a configured limit was reached.
pub const WASMC_ERR_RESOURCE: wasmc_error_code_t = 5;
/// API misuse: wrong store, type, arity, NULL, handle.
pub const WASMC_ERR_MISUSE: wasmc_error_code_t = 6;
/// A feature wasmc does not implement.
pub const WASMC_ERR_UNSUPPORTED: wasmc_error_code_t = 7;
/// A bug in wasmc or its code generator.
pub const WASMC_ERR_INTERNAL: wasmc_error_code_t = 8;
/// A guest range lies past the end of the memory.
pub const WASMC_ERR_OUT_OF_BOUNDS: wasmc_error_code_t = 9;
/// Guest pointer arithmetic does not fit the 32-bit guest address space.
pub const WASMC_ERR_OVERFLOW: wasmc_error_code_t = 10;
/// A guest offset is not a multiple of the required alignment.
pub const WASMC_ERR_MISALIGNED: wasmc_error_code_t = 11;
/// A conflicting memory borrow is outstanding.
pub const WASMC_ERR_BORROWED: wasmc_error_code_t = 12;
/// Guest bytes that must be UTF-8 are not.
pub const WASMC_ERR_INVALID_UTF8: wasmc_error_code_t = 13;

/// Trap codes (`WASMC_TRAP_*`).
pub type wasmc_trap_code_t = u32;
/// "unreachable" executed.
pub const WASMC_TRAP_UNREACHABLE: wasmc_trap_code_t = 1;
/// "integer divide by zero".
pub const WASMC_TRAP_INT_DIV_BY_ZERO: wasmc_trap_code_t = 2;
/// "integer overflow".
pub const WASMC_TRAP_INT_OVERFLOW: wasmc_trap_code_t = 3;
/// "invalid conversion to integer".
pub const WASMC_TRAP_BAD_CONVERSION: wasmc_trap_code_t = 4;
/// "out of bounds memory access".
pub const WASMC_TRAP_MEMORY_OUT_OF_BOUNDS: wasmc_trap_code_t = 5;
/// "out of bounds table access" / "undefined element".
pub const WASMC_TRAP_TABLE_OUT_OF_BOUNDS: wasmc_trap_code_t = 6;
/// "uninitialized element".
pub const WASMC_TRAP_UNINITIALIZED_ELEMENT: wasmc_trap_code_t = 7;
/// "indirect call type mismatch".
pub const WASMC_TRAP_INDIRECT_CALL_TYPE: wasmc_trap_code_t = 8;
/// "call stack exhausted".
pub const WASMC_TRAP_STACK_EXHAUSTED: wasmc_trap_code_t = 9;
/// Raised by a host function.
pub const WASMC_TRAP_HOST: wasmc_trap_code_t = 10;
/// "all fuel consumed".
pub const WASMC_TRAP_OUT_OF_FUEL: wasmc_trap_code_t = 11;
/// "interrupt": the epoch deadline was reached.
pub const WASMC_TRAP_INTERRUPT: wasmc_trap_code_t = 12;

// ---- Config ----------------------------------------------------------------------------------

/// How compiled code checks linear-memory bounds.
pub type wasmc_bounds_mode_t = u32;
/// Reserve address space per memory and let guard pages catch accesses (default).
pub const WASMC_BOUNDS_GUARD_PAGES: wasmc_bounds_mode_t = 0;
/// Compare every address with the memory's length.
pub const WASMC_BOUNDS_EXPLICIT: wasmc_bounds_mode_t = 1;

// ---- Types -----------------------------------------------------------------------------------

/// Value kinds.
pub type wasmc_valkind_t = u8;
/// 32-bit integer.
pub const WASMC_I32: wasmc_valkind_t = 0;
/// 64-bit integer.
pub const WASMC_I64: wasmc_valkind_t = 1;
/// 32-bit IEEE 754 float.
pub const WASMC_F32: wasmc_valkind_t = 2;
/// 64-bit IEEE 754 float.
pub const WASMC_F64: wasmc_valkind_t = 3;
/// 128-bit vector (SIMD).
pub const WASMC_V128: wasmc_valkind_t = 4;
/// Reference to a function, or null.
pub const WASMC_FUNCREF: wasmc_valkind_t = 5;
/// Reference to a host object, or null.
pub const WASMC_EXTERNREF: wasmc_valkind_t = 6;

/// Kinds of imports and exports.
pub type wasmc_externkind_t = u8;
/// A function.
pub const WASMC_EXTERN_FUNC: wasmc_externkind_t = 0;
/// A table.
pub const WASMC_EXTERN_TABLE: wasmc_externkind_t = 1;
/// A linear memory.
pub const WASMC_EXTERN_MEMORY: wasmc_externkind_t = 2;
/// A global.
pub const WASMC_EXTERN_GLOBAL: wasmc_externkind_t = 3;

/// Limits of a memory (in 64 KiB pages) or table (in elements). Frozen layout.
#[repr(C)]
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq)]
pub struct wasmc_limits_t {
    /// The minimum (initial) size.
    pub min: u64,
    /// The maximum size, if `has_max`.
    pub max: u64,
    /// Whether there is a maximum.
    pub has_max: bool,
}

/// The type of an import or export, borrowed from its module. Frozen layout.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct wasmc_externtype_t {
    /// `WASMC_EXTERN_*`: says which fields below apply.
    pub kind: wasmc_externkind_t,
    /// `WASMC_EXTERN_FUNC`: the function type (borrowed).
    pub func: *const wasmc_functype_t,
    /// `WASMC_EXTERN_TABLE`: the element kind.
    pub table_elem: wasmc_valkind_t,
    /// `WASMC_EXTERN_TABLE` and `WASMC_EXTERN_MEMORY`: the limits.
    pub limits: wasmc_limits_t,
    /// `WASMC_EXTERN_GLOBAL`: the value kind.
    pub global_kind: wasmc_valkind_t,
    /// `WASMC_EXTERN_GLOBAL`: true for a mutable global.
    pub global_mutable: bool,
}

// ---- Interruption and resource limits --------------------------------------------------------

/// Called when Wasm code reaches the store's epoch deadline.
pub type wasmc_epoch_deadline_callback_t = Option<
    unsafe extern "C" fn(env: *mut c_void, store: *mut wasmc_store_t, delta_out: *mut u64)
        -> *mut wasmc_trap_t,
>;

/// What a limiter callback is asked about.
pub type wasmc_resource_kind_t = u8;
/// A linear memory; sizes in bytes.
pub const WASMC_RESOURCE_MEMORY: wasmc_resource_kind_t = 0;
/// A table; sizes in elements.
pub const WASMC_RESOURCE_TABLE: wasmc_resource_kind_t = 1;

/// Asked before a memory or table grows; returns true to allow it.
pub type wasmc_limiter_callback_t = Option<
    unsafe extern "C" fn(env: *mut c_void, kind: wasmc_resource_kind_t, current: u64, desired: u64)
        -> bool,
>;

// ---- Store objects (handles) and values -----------------------------------------------------

/// A function in a store (Wasm or host). `store_id == 0` means null (for funcref values).
#[repr(C)]
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, Hash)]
pub struct wasmc_func_t {
    /// The owning store's id (0: null).
    pub store_id: u64,
    /// The index of the object in its store.
    pub index: usize,
}

/// A linear memory in a store.
#[repr(C)]
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, Hash)]
pub struct wasmc_memory_t {
    /// The owning store's id (0: null).
    pub store_id: u64,
    /// The index of the object in its store.
    pub index: usize,
}

/// A table in a store.
#[repr(C)]
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, Hash)]
pub struct wasmc_table_t {
    /// The owning store's id (0: null).
    pub store_id: u64,
    /// The index of the object in its store.
    pub index: usize,
}

/// A global in a store.
#[repr(C)]
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, Hash)]
pub struct wasmc_global_t {
    /// The owning store's id (0: null).
    pub store_id: u64,
    /// The index of the object in its store.
    pub index: usize,
}

/// An instance in a store.
#[repr(C)]
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, Hash)]
pub struct wasmc_instance_t {
    /// The owning store's id (0: null).
    pub store_id: u64,
    /// The index of the object in its store.
    pub index: usize,
}

/// An external reference: a host pointer owned by a store. `store_id == 0` means null.
#[repr(C)]
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, Hash)]
pub struct wasmc_externref_t {
    /// The owning store's id (0: null).
    pub store_id: u64,
    /// The index of the object in its store.
    pub index: usize,
}

/// The anonymous union `of` of [`wasmc_val_t`].
#[repr(C)]
#[derive(Copy, Clone)]
pub union wasmc_val_of_t {
    /// An i32.
    pub i32: i32,
    /// An i64.
    pub i64: i64,
    /// An f32.
    pub f32: f32,
    /// An f64.
    pub f64: f64,
    /// A v128.
    pub v128: [u8; 16],
    /// A funcref (store_id 0: null).
    pub funcref: wasmc_func_t,
    /// An externref (store_id 0: null).
    pub externref: wasmc_externref_t,
}

/// A typed value. Frozen layout.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct wasmc_val_t {
    /// The value's kind (`WASMC_I32`, ...): which member of `of` is set.
    pub kind: wasmc_valkind_t,
    /// The value; the member named after `kind`.
    pub of: wasmc_val_of_t,
}

/// A raw 16-byte value slot of the array-call convention.
#[repr(C)]
#[derive(Copy, Clone)]
pub union wasmc_val_raw_t {
    /// An i32.
    pub i32: i32,
    /// An i64.
    pub i64: i64,
    /// An f32.
    pub f32: f32,
    /// An f64.
    pub f64: f64,
    /// A v128.
    pub v128: [u8; 16],
    /// A funcref, as a raw word (NULL: null).
    pub funcref: *mut c_void,
    /// An externref, as a raw word (0: null).
    pub externref: u64,
}

/// The anonymous union `of` of [`wasmc_extern_t`].
#[repr(C)]
#[derive(Copy, Clone)]
pub union wasmc_extern_of_t {
    /// A function.
    pub func: wasmc_func_t,
    /// A table.
    pub table: wasmc_table_t,
    /// A memory.
    pub memory: wasmc_memory_t,
    /// A global.
    pub global: wasmc_global_t,
}

/// An import or export value. Frozen layout.
#[repr(C)]
#[derive(Copy, Clone)]
pub struct wasmc_extern_t {
    /// `WASMC_EXTERN_*`: says which member of `of` is set.
    pub kind: wasmc_externkind_t,
    /// The object; the member named after `kind`.
    pub of: wasmc_extern_of_t,
}

// ---- Functions -------------------------------------------------------------------------------

/// A host function in the array-call convention.
pub type wasmc_func_callback_t = Option<
    unsafe extern "C" fn(
        env: *mut c_void,
        caller: *mut wasmc_caller_t,
        args_and_results: *mut wasmc_val_raw_t,
        capacity: usize,
    ) -> *mut wasmc_trap_t,
>;

/// Flags of `wasmc_func_new_native`.
pub type wasmc_native_flags_t = u32;
/// The C function's first parameter is `void *env`.
pub const WASMC_NATIVE_ENV: wasmc_native_flags_t = 1;
/// The next C parameter is `wasmc_caller_t *caller`.
pub const WASMC_NATIVE_CALLER: wasmc_native_flags_t = 2;
/// The most C parameters a native function may have.
pub const WASMC_NATIVE_MAX_ARGS: u32 = 32;

// ---- Memories --------------------------------------------------------------------------------

/// Borrow modes.
pub type wasmc_borrow_mode_t = u32;
/// Read-only access; may overlap other shared borrows.
pub const WASMC_BORROW_SHARED: wasmc_borrow_mode_t = 0;
/// Read-write access; may overlap no other borrow.
pub const WASMC_BORROW_MUT: wasmc_borrow_mode_t = 1;

/// An outstanding borrow of guest memory.
#[repr(C)]
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, Hash)]
pub struct wasmc_borrow_t {
    /// The id of the store that holds the borrow.
    pub store_id: u64,
    /// Never 0 and never reused within the store.
    pub id: u64,
}

// ---- Layout of the frozen structs (LP64 targets; the test compares with a C compiler) --------

#[cfg(target_pointer_width = "64")]
const _: () = {
    use core::mem::{align_of, offset_of, size_of};
    assert!(size_of::<wasmc_limits_t>() == 24 && align_of::<wasmc_limits_t>() == 8);
    assert!(offset_of!(wasmc_limits_t, has_max) == 16);
    assert!(size_of::<wasmc_externtype_t>() == 56);
    assert!(offset_of!(wasmc_externtype_t, func) == 8);
    assert!(offset_of!(wasmc_externtype_t, table_elem) == 16);
    assert!(offset_of!(wasmc_externtype_t, limits) == 24);
    assert!(offset_of!(wasmc_externtype_t, global_kind) == 48);
    assert!(offset_of!(wasmc_externtype_t, global_mutable) == 49);
    assert!(size_of::<wasmc_func_t>() == 16 && align_of::<wasmc_func_t>() == 8);
    assert!(size_of::<wasmc_val_t>() == 24 && offset_of!(wasmc_val_t, of) == 8);
    assert!(size_of::<wasmc_val_raw_t>() == 16 && align_of::<wasmc_val_raw_t>() == 8);
    assert!(size_of::<wasmc_extern_t>() == 24 && offset_of!(wasmc_extern_t, of) == 8);
    assert!(size_of::<wasmc_borrow_t>() == 16);
};

// ---- Functions of the library ----------------------------------------------------------------

macro_rules! functions {
    ($(pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)?;)*) => {
        extern "C" {
            $(
                #[doc = concat!("`", stringify!($name), "` of wasmc.h.")]
                pub fn $name($($arg: $ty),*) $(-> $ret)?;
            )*
        }

        /// Calls `f` with the name and address of every function declared here. Taking the
        /// addresses makes the linker resolve every symbol, so a program calling this checks
        /// that the library exports the whole API.
        pub fn for_each_function(mut f: impl FnMut(&'static str, *const ())) {
            $(f(stringify!($name), $name as *const ());)*
        }
    };
}

functions! {
    // Version
    pub fn wasmc_version() -> *const c_char;
    pub fn wasmc_version_number() -> u32;

    // Errors
    pub fn wasmc_error_delete(error: *mut wasmc_error_t);
    pub fn wasmc_error_code(error: *const wasmc_error_t) -> wasmc_error_code_t;
    pub fn wasmc_error_message(error: *const wasmc_error_t) -> *const c_char;
    pub fn wasmc_error_offset(error: *const wasmc_error_t, offset_out: *mut u64) -> bool;

    // Traps
    pub fn wasmc_trap_new(message: *const c_char, len: usize) -> *mut wasmc_trap_t;
    pub fn wasmc_trap_delete(trap: *mut wasmc_trap_t);
    pub fn wasmc_trap_code(trap: *const wasmc_trap_t) -> wasmc_trap_code_t;
    pub fn wasmc_trap_message(trap: *const wasmc_trap_t) -> *const c_char;

    // Config and engine
    pub fn wasmc_config_new() -> *mut wasmc_config_t;
    pub fn wasmc_config_delete(config: *mut wasmc_config_t);
    pub fn wasmc_config_opt_level_set(config: *mut wasmc_config_t, level: u32)
        -> *mut wasmc_error_t;
    pub fn wasmc_config_bounds_mode_set(config: *mut wasmc_config_t, mode: wasmc_bounds_mode_t)
        -> *mut wasmc_error_t;
    pub fn wasmc_config_max_wasm_stack_set(config: *mut wasmc_config_t, bytes: usize)
        -> *mut wasmc_error_t;
    pub fn wasmc_config_compile_threads_set(config: *mut wasmc_config_t, threads: u32)
        -> *mut wasmc_error_t;
    pub fn wasmc_config_lazy_compile_set(config: *mut wasmc_config_t, enable: bool)
        -> *mut wasmc_error_t;
    pub fn wasmc_engine_new(config: *const wasmc_config_t, engine_out: *mut *mut wasmc_engine_t)
        -> *mut wasmc_error_t;
    pub fn wasmc_engine_delete(engine: *mut wasmc_engine_t);

    // Types
    pub fn wasmc_functype_new(
        params: *const wasmc_valkind_t,
        nparams: usize,
        results: *const wasmc_valkind_t,
        nresults: usize,
    ) -> *mut wasmc_functype_t;
    pub fn wasmc_functype_delete(type_: *mut wasmc_functype_t);
    pub fn wasmc_functype_params(type_: *const wasmc_functype_t, n_out: *mut usize)
        -> *const wasmc_valkind_t;
    pub fn wasmc_functype_results(type_: *const wasmc_functype_t, n_out: *mut usize)
        -> *const wasmc_valkind_t;

    // Modules
    pub fn wasmc_module_validate(engine: *mut wasmc_engine_t, bytes: *const u8, len: usize)
        -> *mut wasmc_error_t;
    pub fn wasmc_module_new(
        engine: *mut wasmc_engine_t,
        bytes: *const u8,
        len: usize,
        module_out: *mut *mut wasmc_module_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_module_delete(module: *mut wasmc_module_t);
    pub fn wasmc_module_copy(module: *const wasmc_module_t) -> *mut wasmc_module_t;
    pub fn wasmc_module_import_count(module: *const wasmc_module_t) -> usize;
    pub fn wasmc_module_import_get(
        module: *const wasmc_module_t,
        index: usize,
        module_name_out: *mut *const c_char,
        module_name_len_out: *mut usize,
        name_out: *mut *const c_char,
        name_len_out: *mut usize,
        type_out: *mut *const wasmc_externtype_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_module_export_count(module: *const wasmc_module_t) -> usize;
    pub fn wasmc_module_export_get(
        module: *const wasmc_module_t,
        index: usize,
        name_out: *mut *const c_char,
        name_len_out: *mut usize,
        type_out: *mut *const wasmc_externtype_t,
    ) -> *mut wasmc_error_t;

    // Stores
    pub fn wasmc_store_new(engine: *mut wasmc_engine_t, store_out: *mut *mut wasmc_store_t)
        -> *mut wasmc_error_t;
    pub fn wasmc_store_delete(store: *mut wasmc_store_t);

    // Interruption and resource limits
    pub fn wasmc_config_consume_fuel_set(config: *mut wasmc_config_t, enable: bool)
        -> *mut wasmc_error_t;
    pub fn wasmc_config_epoch_interruption_set(config: *mut wasmc_config_t, enable: bool)
        -> *mut wasmc_error_t;
    pub fn wasmc_engine_increment_epoch(engine: *mut wasmc_engine_t);
    pub fn wasmc_store_fuel_set(store: *mut wasmc_store_t, fuel: u64) -> *mut wasmc_error_t;
    pub fn wasmc_store_fuel_get(store: *mut wasmc_store_t, fuel_out: *mut u64)
        -> *mut wasmc_error_t;
    pub fn wasmc_store_epoch_deadline_set(store: *mut wasmc_store_t, ticks_beyond_current: u64)
        -> *mut wasmc_error_t;
    pub fn wasmc_store_epoch_deadline_callback_set(
        store: *mut wasmc_store_t,
        callback: wasmc_epoch_deadline_callback_t,
        env: *mut c_void,
        finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_store_limiter_set(
        store: *mut wasmc_store_t,
        max_memory_bytes: u64,
        max_table_elements: u64,
        max_instances: u64,
        max_tables: u64,
        max_memories: u64,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_store_limiter_callback_set(
        store: *mut wasmc_store_t,
        callback: wasmc_limiter_callback_t,
        env: *mut c_void,
        finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
    ) -> *mut wasmc_error_t;

    // Instances
    pub fn wasmc_instance_new(
        store: *mut wasmc_store_t,
        module: *const wasmc_module_t,
        imports: *const wasmc_extern_t,
        nimports: usize,
        instance_out: *mut wasmc_instance_t,
        trap_out: *mut *mut wasmc_trap_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_instance_export_get(
        store: *mut wasmc_store_t,
        instance: *const wasmc_instance_t,
        name: *const c_char,
        name_len: usize,
        out: *mut wasmc_extern_t,
    ) -> bool;
    pub fn wasmc_instance_export_count(
        store: *mut wasmc_store_t,
        instance: *const wasmc_instance_t,
    ) -> usize;
    pub fn wasmc_instance_export_nth(
        store: *mut wasmc_store_t,
        instance: *const wasmc_instance_t,
        index: usize,
        name_out: *mut *const c_char,
        name_len_out: *mut usize,
        out: *mut wasmc_extern_t,
    ) -> bool;

    // Functions
    pub fn wasmc_func_new(
        store: *mut wasmc_store_t,
        type_: *const wasmc_functype_t,
        callback: wasmc_func_callback_t,
        env: *mut c_void,
        finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
        func_out: *mut wasmc_func_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_func_type(store: *mut wasmc_store_t, func: *const wasmc_func_t)
        -> *mut wasmc_functype_t;
    pub fn wasmc_func_call(
        store: *mut wasmc_store_t,
        func: *const wasmc_func_t,
        args: *const wasmc_val_t,
        nargs: usize,
        results: *mut wasmc_val_t,
        nresults: usize,
        trap_out: *mut *mut wasmc_trap_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_func_call_unchecked(
        store: *mut wasmc_store_t,
        func: *const wasmc_func_t,
        values: *mut wasmc_val_raw_t,
        capacity: usize,
        trap_out: *mut *mut wasmc_trap_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_func_to_raw(store: *mut wasmc_store_t, func: *const wasmc_func_t) -> *mut c_void;
    pub fn wasmc_func_from_raw(store: *mut wasmc_store_t, raw: *mut c_void) -> wasmc_func_t;

    // The calling context
    pub fn wasmc_caller_export_get(
        caller: *mut wasmc_caller_t,
        name: *const c_char,
        len: usize,
        out: *mut wasmc_extern_t,
    ) -> bool;
    pub fn wasmc_caller_store(caller: *mut wasmc_caller_t) -> *mut wasmc_store_t;
    pub fn wasmc_caller_set_trap(caller: *mut wasmc_caller_t, trap: *mut wasmc_trap_t);

    // Native host functions (libffi)
    pub fn wasmc_func_new_native(
        store: *mut wasmc_store_t,
        type_: *const wasmc_functype_t,
        fn_: Option<unsafe extern "C" fn()>,
        flags: wasmc_native_flags_t,
        env: *mut c_void,
        finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
        func_out: *mut wasmc_func_t,
    ) -> *mut wasmc_error_t;

    // External references
    pub fn wasmc_externref_new(
        store: *mut wasmc_store_t,
        data: *mut c_void,
        finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
        out: *mut wasmc_externref_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_externref_data(store: *mut wasmc_store_t, ref_: *const wasmc_externref_t)
        -> *mut c_void;
    pub fn wasmc_externref_to_raw(store: *mut wasmc_store_t, ref_: *const wasmc_externref_t)
        -> u64;
    pub fn wasmc_externref_from_raw(store: *mut wasmc_store_t, raw: u64) -> wasmc_externref_t;

    // Memories
    pub fn wasmc_memory_new(
        store: *mut wasmc_store_t,
        limits: *const wasmc_limits_t,
        out: *mut wasmc_memory_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_memory_type(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
        out: *mut wasmc_limits_t,
    ) -> bool;
    pub fn wasmc_memory_data(store: *mut wasmc_store_t, memory: *const wasmc_memory_t) -> *mut u8;
    pub fn wasmc_memory_data_size(store: *mut wasmc_store_t, memory: *const wasmc_memory_t)
        -> usize;
    pub fn wasmc_memory_size(store: *mut wasmc_store_t, memory: *const wasmc_memory_t) -> u64;
    pub fn wasmc_memory_grow(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
        delta: u64,
        prev_out: *mut u64,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_memory_read(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
        offset: u32,
        buf: *mut c_void,
        len: u32,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_memory_write(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
        offset: u32,
        buf: *const c_void,
        len: u32,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_memory_read_scalar(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
        offset: u32,
        size: u32,
        align: u32,
        out: *mut c_void,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_memory_write_scalar(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
        offset: u32,
        size: u32,
        align: u32,
        value: *const c_void,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_memory_borrow(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
        offset: u32,
        len: u32,
        mode: wasmc_borrow_mode_t,
        ptr_out: *mut *mut u8,
        borrow_out: *mut wasmc_borrow_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_memory_borrow_str(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
        offset: u32,
        len: u32,
        str_out: *mut *const c_char,
        borrow_out: *mut wasmc_borrow_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_memory_unborrow(store: *mut wasmc_store_t, borrow: *const wasmc_borrow_t)
        -> *mut wasmc_error_t;
    pub fn wasmc_memory_has_outstanding_borrows(
        store: *mut wasmc_store_t,
        memory: *const wasmc_memory_t,
    ) -> bool;

    // Tables
    pub fn wasmc_table_new(
        store: *mut wasmc_store_t,
        elem_kind: wasmc_valkind_t,
        limits: *const wasmc_limits_t,
        init: *const wasmc_val_t,
        out: *mut wasmc_table_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_table_type(
        store: *mut wasmc_store_t,
        table: *const wasmc_table_t,
        elem_kind_out: *mut wasmc_valkind_t,
        limits_out: *mut wasmc_limits_t,
    ) -> bool;
    pub fn wasmc_table_size(store: *mut wasmc_store_t, table: *const wasmc_table_t) -> u64;
    pub fn wasmc_table_get(
        store: *mut wasmc_store_t,
        table: *const wasmc_table_t,
        index: u64,
        out: *mut wasmc_val_t,
    ) -> bool;
    pub fn wasmc_table_set(
        store: *mut wasmc_store_t,
        table: *const wasmc_table_t,
        index: u64,
        value: *const wasmc_val_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_table_grow(
        store: *mut wasmc_store_t,
        table: *const wasmc_table_t,
        delta: u64,
        init: *const wasmc_val_t,
        prev_out: *mut u64,
    ) -> *mut wasmc_error_t;

    // Globals
    pub fn wasmc_global_new(
        store: *mut wasmc_store_t,
        value: *const wasmc_val_t,
        is_mutable: bool,
        out: *mut wasmc_global_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_global_type(
        store: *mut wasmc_store_t,
        global: *const wasmc_global_t,
        kind_out: *mut wasmc_valkind_t,
        mutable_out: *mut bool,
    ) -> bool;
    pub fn wasmc_global_get(
        store: *mut wasmc_store_t,
        global: *const wasmc_global_t,
        out: *mut wasmc_val_t,
    ) -> bool;
    pub fn wasmc_global_set(
        store: *mut wasmc_store_t,
        global: *const wasmc_global_t,
        value: *const wasmc_val_t,
    ) -> *mut wasmc_error_t;

    // Linker
    pub fn wasmc_linker_new(engine: *mut wasmc_engine_t, linker_out: *mut *mut wasmc_linker_t)
        -> *mut wasmc_error_t;
    pub fn wasmc_linker_delete(linker: *mut wasmc_linker_t);
    pub fn wasmc_linker_allow_shadowing(linker: *mut wasmc_linker_t, allow: bool);
    pub fn wasmc_linker_define(
        linker: *mut wasmc_linker_t,
        store: *mut wasmc_store_t,
        module: *const c_char,
        module_len: usize,
        name: *const c_char,
        name_len: usize,
        item: *const wasmc_extern_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_linker_define_func(
        linker: *mut wasmc_linker_t,
        store: *mut wasmc_store_t,
        module: *const c_char,
        module_len: usize,
        name: *const c_char,
        name_len: usize,
        type_: *const wasmc_functype_t,
        callback: wasmc_func_callback_t,
        env: *mut c_void,
        finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_linker_define_instance(
        linker: *mut wasmc_linker_t,
        store: *mut wasmc_store_t,
        name: *const c_char,
        name_len: usize,
        instance: *const wasmc_instance_t,
    ) -> *mut wasmc_error_t;
    pub fn wasmc_linker_get(
        linker: *const wasmc_linker_t,
        store: *mut wasmc_store_t,
        module: *const c_char,
        module_len: usize,
        name: *const c_char,
        name_len: usize,
        out: *mut wasmc_extern_t,
    ) -> bool;
    pub fn wasmc_linker_instantiate(
        linker: *const wasmc_linker_t,
        store: *mut wasmc_store_t,
        module: *const wasmc_module_t,
        instance_out: *mut wasmc_instance_t,
        trap_out: *mut *mut wasmc_trap_t,
    ) -> *mut wasmc_error_t;
}
