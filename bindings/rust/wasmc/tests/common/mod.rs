//! Test modules: tests/wat/*.wat, compiled to the committed tests/wat/*.wasm with wat2wasm.
#![allow(dead_code)]

use wasmc::*;

pub const STANDALONE: &[u8] = include_bytes!("../wat/standalone.wasm");
pub const HOST: &[u8] = include_bytes!("../wat/host.wasm");
pub const IMPORTS: &[u8] = include_bytes!("../wat/imports.wasm");
pub const USES_LIB: &[u8] = include_bytes!("../wat/uses_lib.wasm");
pub const START_TRAP: &[u8] = include_bytes!("../wat/start_trap.wasm");

/// A store with an instance of standalone.wasm.
pub fn standalone<T>(data: T) -> (Store<T>, Instance) {
    let engine = Engine::default();
    let module = Module::new(&engine, STANDALONE).expect("compile standalone.wasm");
    let mut store = Store::new(&engine, data);
    let instance = Instance::new(&mut store, &module, &[]).expect("instantiate");
    (store, instance)
}
