//! Runs the repository's examples/hello.wasm (source: examples/hello.wat) from Rust: the
//! module reports n! for n = 0..10 through a host function, then we call its `fac` export.
//!
//! cargo run --example hello
use wasmc::*;

const HELLO: &[u8] = include_bytes!("../../../../examples/hello.wasm");

fn main() -> Result<()> {
    let engine = Engine::default();
    let module = Module::new(&engine, HELLO)?;
    for import in module.imports() {
        println!("import {}.{}: {:?}", import.module(), import.name(), import.ty());
    }

    // The host data: every (n, n!) the module reports.
    let mut store = Store::new(&engine, Vec::<(i32, i64)>::new());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("env", "report", |mut caller: Caller<'_, Vec<(i32, i64)>>, n: i32, f: i64| {
        println!("{n}! = {f}");
        caller.data_mut().push((n, f));
    })?;
    let instance = linker.instantiate(&mut store, &module)?;

    let report = instance.get_typed_func::<i32, i32>(&mut store, "report_factorials")?;
    let count = report.call(&mut store, 10)?;
    let fac = instance.get_typed_func::<i64, i64>(&mut store, "fac")?;
    let f20 = fac.call(&mut store, 20)?;
    println!("{count} reports; fac(20) = {f20}");

    assert_eq!(store.data().len(), 10);
    assert_eq!(store.data()[9], (9, 362880));
    assert_eq!(f20, 2432902008176640000);
    Ok(())
}
