//! Instances and calls: typed and untyped, traps.
mod common;

use common::*;
use wasmc::*;

#[test]
fn typed_calls() {
    let (mut store, instance) = standalone(());
    let add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "add").unwrap();
    assert_eq!(add.call(&mut store, (40, 2)).unwrap(), 42);
    let swap = instance.get_typed_func::<(i64, f64), (f64, i64)>(&mut store, "swap").unwrap();
    assert_eq!(swap.call(&mut store, (7, 2.5)).unwrap(), (2.5, 7));
    let mul = instance.get_typed_func::<(f32, f32), f32>(&mut store, "f32_mul").unwrap();
    assert_eq!(mul.call(&mut store, (1.5, 4.0)).unwrap(), 6.0);
    let inc = instance.get_typed_func::<(), i32>(&mut store, "inc").unwrap();
    assert_eq!(inc.call(&mut store, ()).unwrap(), 1);
    assert_eq!(inc.call(&mut store, ()).unwrap(), 2);
    let trap = instance.get_typed_func::<(), ()>(&mut store, "trap").unwrap();
    trap.call(&mut store, ()).unwrap_err();
    // u32 maps to i32.
    let add_u = instance.get_typed_func::<(u32, u32), u32>(&mut store, "add").unwrap();
    assert_eq!(add_u.call(&mut store, (u32::MAX, 2)).unwrap(), 1);
}

#[test]
fn typed_func_checks_the_type() {
    let (mut store, instance) = standalone(());
    let err = instance.get_typed_func::<i32, i32>(&mut store, "add").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
    assert!(err.message().contains("type mismatch"), "{err}");
    let err = instance.get_typed_func::<(), ()>(&mut store, "missing").unwrap_err();
    assert!(err.message().contains("missing"));
}

#[test]
fn untyped_calls() {
    let (mut store, instance) = standalone(());
    let swap = instance.get_func(&mut store, "swap").unwrap();
    assert_eq!(swap.ty(&store).params(), &[ValType::I64, ValType::F64]);
    let mut results = [Val::I32(0), Val::I32(0)];
    swap.call(&mut store, &[Val::I64(-3), Val::F64(0.5)], &mut results).unwrap();
    assert_eq!(results, [Val::F64(0.5), Val::I64(-3)]);
    // Wrong arity or types are errors, not traps.
    let err = swap.call(&mut store, &[Val::I32(1)], &mut results).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
    let err = swap.call(&mut store, &[Val::I32(1), Val::F64(0.5)], &mut results).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
}

#[test]
fn traps_have_codes_and_messages() {
    let (mut store, instance) = standalone(());
    let div = instance.get_typed_func::<(i32, i32), i32>(&mut store, "div").unwrap();
    let err = div.call(&mut store, (1, 0)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Trap);
    assert_eq!(err.code(), None);
    let trap = err.trap().unwrap();
    assert_eq!(trap.code(), TrapCode::IntDivByZero);
    assert!(trap.message().contains("integer divide by zero"), "{trap}");
    let err = div.call(&mut store, (i32::MIN, -1)).unwrap_err();
    assert_eq!(err.into_trap().unwrap().code(), TrapCode::IntOverflow);
    let unreachable = instance.get_func(&mut store, "trap").unwrap();
    let err = unreachable.call(&mut store, &[], &mut []).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::Unreachable);
    // std::error::Error: the source of a trap error is the trap.
    let source = std::error::Error::source(&err).unwrap();
    assert!(source.to_string().contains("unreachable"));
    // The store is fine after traps.
    assert_eq!(div.call(&mut store, (9, 3)).unwrap(), 3);
}

#[test]
fn start_function_trap_fails_instantiation() {
    let engine = Engine::default();
    let module = Module::new(&engine, START_TRAP).unwrap();
    let mut store = Store::new(&engine, ());
    let err = Instance::new(&mut store, &module, &[]).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::Unreachable);
}

#[test]
fn wrong_imports_are_errors() {
    let engine = Engine::default();
    let module = Module::new(&engine, USES_LIB).unwrap();
    let mut store = Store::new(&engine, ());
    // Missing import: misuse (wrong count).
    let err = Instance::new(&mut store, &module, &[]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
    // Wrong function type: unlinkable.
    let f = Func::wrap(&mut store, |a: i32| a);
    let err = Instance::new(&mut store, &module, &[f.into()]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unlinkable);
    assert!(err.message().contains("incompatible import type"), "{err}");
}

#[test]
fn instance_exports() {
    let (mut store, instance) = standalone(());
    let exports = instance.exports(&store);
    assert_eq!(exports.len(), 18);
    assert_eq!(exports[0].0, "memory");
    assert!(matches!(exports[0].1, Extern::Memory(_)));
    assert!(instance.get_memory(&mut store, "memory").is_some());
    assert!(instance.get_func(&mut store, "memory").is_none());
    assert!(instance.get_export(&mut store, "nope").is_none());
}

#[test]
fn objects_of_another_store_are_refused() {
    let (mut a, ia) = standalone(());
    let (mut b, _) = standalone(());
    let add = ia.get_func(&mut a, "add").unwrap();
    let err = add.call(&mut b, &[Val::I32(1), Val::I32(2)], &mut [Val::I32(0)]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
    let err = add.typed::<(i32, i32), i32>(&b).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
}

#[test]
fn tables_of_functions_and_call_indirect() {
    let (mut store, instance) = standalone(());
    let call = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "call_table").unwrap();
    assert_eq!(call.call(&mut store, (2, 3, 0)).unwrap(), 5);
    let err = call.call(&mut store, (2, 3, 1)).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::UninitializedElement);
    // funcref results come back as the same handle as the export.
    let get = instance.get_typed_func::<i32, Option<Func>>(&mut store, "get_func").unwrap();
    let add = instance.get_func(&mut store, "add").unwrap();
    assert_eq!(get.call(&mut store, 0).unwrap(), Some(add));
    assert_eq!(get.call(&mut store, 1).unwrap(), None);
}
