//! Linker: host functions, externs and instances resolved by name.
mod common;

use common::*;
use wasmc::*;

#[test]
fn linker_resolves_functions_memories_and_globals() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, 0u32);
    let mut linker = Linker::new(&engine);
    let memory = Memory::new(&mut store, MemoryType::new(1, None)).unwrap();
    let global = Global::new(&mut store, GlobalType::new(ValType::I32, Mutability::Var), Val::I32(0)).unwrap();
    linker.define(&store, "env", "mem", memory).unwrap();
    linker.define(&store, "env", "g", global).unwrap();
    linker
        .func_wrap("env", "double", |mut caller: Caller<'_, u32>, x: i32| {
            *caller.data_mut() += 1;
            x * 2
        })
        .unwrap();
    let module = Module::new(&engine, IMPORTS).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let run = instance.get_typed_func::<i32, i32>(&mut store, "run").unwrap();
    assert_eq!(run.call(&mut store, 21).unwrap(), 42);
    assert_eq!(*store.data(), 1);
    assert_eq!(global.get(&mut store), Val::I32(42));
    assert_eq!(&memory.data(&store)[..4], &42i32.to_le_bytes());
    // A second instance in the same store reuses the same host function.
    let f1 = linker.get(&mut store, "env", "double").unwrap();
    linker.instantiate(&mut store, &module).unwrap();
    assert_eq!(linker.get(&mut store, "env", "double").unwrap(), f1);
    assert!(linker.get(&mut store, "env", "nope").is_none());
}

#[test]
fn one_linker_serves_several_stores() {
    let engine = Engine::default();
    let mut linker = Linker::new(&engine);
    linker.func_wrap("lib", "add", |caller: Caller<'_, i32>, a: i32, b: i32| a + b + *caller.data()).unwrap();
    let module = Module::new(&engine, USES_LIB).unwrap();
    for offset in [0, 100, 0] {
        let mut store = Store::new(&engine, offset);
        let instance = linker.instantiate(&mut store, &module).unwrap();
        let add3 = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "add3").unwrap();
        assert_eq!(add3.call(&mut store, (1, 2, 3)).unwrap(), 6 + 2 * offset);
    }
    // Interleaved stores.
    let mut a = Store::new(&engine, 1);
    let mut b = Store::new(&engine, 2);
    let ia = linker.instantiate(&mut a, &module).unwrap();
    let ib = linker.instantiate(&mut b, &module).unwrap();
    let ia2 = linker.instantiate(&mut a, &module).unwrap();
    for (store, instance, want) in [(&mut a, ia, 8), (&mut b, ib, 10)] {
        let add3 = instance.get_typed_func::<(i32, i32, i32), i32>(&mut *store, "add3").unwrap();
        assert_eq!(add3.call(&mut *store, (1, 2, 3)).unwrap(), want);
    }
    let add3 = ia2.get_typed_func::<(i32, i32, i32), i32>(&mut a, "add3").unwrap();
    assert_eq!(add3.call(&mut a, (1, 2, 3)).unwrap(), 8);
}

#[test]
fn instances_define_modules() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let lib = Instance::new(&mut store, &Module::new(&engine, STANDALONE).unwrap(), &[]).unwrap();
    let mut linker = Linker::new(&engine);
    linker.instance(&store, "lib", lib).unwrap();
    let module = Module::new(&engine, USES_LIB).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let add3 = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "add3").unwrap();
    assert_eq!(add3.call(&mut store, (10, 20, 30)).unwrap(), 60);
    assert!(matches!(linker.get(&mut store, "lib", "memory"), Some(Extern::Memory(_))));
}

#[test]
fn unknown_and_incompatible_imports() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let module = Module::new(&engine, USES_LIB).unwrap();
    let mut linker = Linker::new(&engine);
    let err = linker.instantiate(&mut store, &module).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unlinkable);
    assert!(err.message().contains("unknown import"), "{err}");
    assert!(err.message().contains("lib"), "{err}");
    linker.func_wrap("lib", "add", |a: i64| a).unwrap();
    let err = linker.instantiate(&mut store, &module).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unlinkable);
    assert!(err.message().contains("incompatible import type"), "{err}");
}

#[test]
fn shadowing() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let module = Module::new(&engine, USES_LIB).unwrap();
    let mut linker = Linker::new(&engine);
    linker.func_wrap("lib", "add", |a: i32, b: i32| a + b).unwrap();
    let err = linker.func_wrap("lib", "add", |a: i32, b: i32| a - b).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
    let f = Func::wrap(&mut store, |a: i32, b: i32| a * b);
    linker.define(&store, "lib", "add", f).unwrap_err();
    linker.allow_shadowing(true);
    linker.define(&store, "lib", "add", f).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let add3 = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "add3").unwrap();
    assert_eq!(add3.call(&mut store, (2, 3, 4)).unwrap(), 24);
    linker.func_wrap("lib", "add", |a: i32, b: i32| a - b).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let add3 = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "add3").unwrap();
    assert_eq!(add3.call(&mut store, (2, 3, 4)).unwrap(), -5);
}

#[test]
fn dynamic_linker_functions() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker
        .func_new("lib", "add", FuncType::new([ValType::I32; 2], [ValType::I32]), |_c, p, r| {
            r[0] = Val::I32(p[0].unwrap_i32() + p[1].unwrap_i32());
            Ok(())
        })
        .unwrap();
    let module = Module::new(&engine, USES_LIB).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let add3 = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "add3").unwrap();
    assert_eq!(add3.call(&mut store, (1, 1, 1)).unwrap(), 3);
}

#[test]
fn externs_of_another_store_are_refused() {
    let engine = Engine::default();
    let mut a = Store::new(&engine, ());
    let mut b = Store::new(&engine, ());
    let f = Func::wrap(&mut a, |x: i32, y: i32| x + y);
    let mut linker = Linker::new(&engine);
    linker.define(&a, "lib", "add", f).unwrap();
    let module = Module::new(&engine, USES_LIB).unwrap();
    linker.instantiate(&mut a, &module).unwrap();
    let err = linker.instantiate(&mut b, &module).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Misuse | ErrorKind::Unlinkable), "{err:?}");
}
