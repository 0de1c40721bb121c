//! Safe Rust bindings of wasmc, a WebAssembly runtime that compiles modules to native code
//! with the MIR JIT, in the style of Wasmtime's API.
//!
//! - An [`Engine`] (made from a [`Config`]) compiles [`Module`]s. Both are thread-safe.
//! - A [`Store<T>`](Store) owns instances and everything they create, plus host data `T`.
//! - An [`Instance`] is a module instantiated in a store, with imports given in order
//!   ([`Instance::new`]) or resolved by name ([`Linker`]).
//! - [`Func`], [`Memory`], [`Table`] and [`Global`] are `Copy` handles into a store. Functions
//!   are called with dynamically typed [`Val`]s ([`Func::call`]) or through a [`TypedFunc`].
//! - Host functions are Rust closures ([`Func::wrap`], [`Linker::func_wrap`]) that receive a
//!   [`Caller`] to reach the store's data and the calling instance's exports. A panic in a
//!   closure becomes a [`Trap`]; it never unwinds through C or Wasm code.
//! - Failures are [`Error`]s: a [`ErrorKind`] plus message, or a [`Trap`] of Wasm code.
//!
//! Memory access is tied to Rust borrows: [`Memory::data`] and [`Memory::data_mut`] borrow
//! the store, and every call into Wasm code needs the store mutably, so no slice of guest
//! memory survives a call that could grow or change it.
//!
//! ```
//! use wasmc::*;
//!
//! // (module (func (export "add") (param i32 i32) (result i32)
//! //   (i32.add (local.get 0) (local.get 1))))
//! const ADD: &[u8] = &[
//!     0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f,
//!     0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64,
//!     0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
//! ];
//!
//! let engine = Engine::default();
//! let module = Module::new(&engine, ADD)?;
//! let mut store = Store::new(&engine, ());
//! let instance = Instance::new(&mut store, &module, &[])?;
//! let add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "add")?;
//! assert_eq!(add.call(&mut store, (40, 2))?, 42);
//! # Ok::<(), Error>(())
//! ```
//!
//! The crate links `libwasmc` through `wasmc-sys` (see its build script for how the library
//! is found). The C API it wraps, `include/wasmc.h`, documents the semantics in detail.

#![warn(missing_docs)]

mod engine;
mod error;
mod externals;
mod func;
mod instance;
mod linker;
mod module;
mod store;
mod types;
mod values;

pub use engine::{version, BoundsMode, Config, Engine, OptLevel};
pub use error::{Error, ErrorKind, Result, Trap, TrapCode};
pub use externals::{Extern, Global, Memory, Table, WASM_PAGE_SIZE};
pub use func::{Func, IntoFunc, TypedFunc, WasmParams, WasmResults, WasmRet, WasmTy};
pub use instance::Instance;
pub use linker::Linker;
pub use module::{ExportType, ImportType, Module};
pub use store::{
    AsContext, AsContextMut, Caller, ResourceKind, Store, StoreContext, StoreContextMut,
    StoreLimits,
};
pub use types::{ExternType, FuncType, GlobalType, MemoryType, Mutability, TableType, ValType};
pub use values::{ExternRef, Val};

/// The raw C API, re-exported.
pub use wasmc_sys as sys;

/// The program of the Rust guide, `docs/guide/rust.md`, runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../../../docs/guide/rust.md")]
pub struct GuideDoctest;
