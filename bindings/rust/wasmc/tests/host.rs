//! Host functions: closures of typed signatures, dynamic functions, the caller, panics.
mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::*;
use wasmc::*;

#[derive(Default)]
struct Host {
    calls: u32,
    log: Vec<String>,
}

/// The four imports of host.wasm, in order: add, log, sum8, pair.
fn host_imports(store: &mut Store<Host>) -> Vec<Extern> {
    let add = Func::wrap(&mut *store, |mut caller: Caller<'_, Host>, a: i32, b: i32| {
        caller.data_mut().calls += 1;
        a + b
    });
    let log = Func::wrap(&mut *store, |mut caller: Caller<'_, Host>, ptr: i32, len: i32| {
        let memory = caller.get_export("memory").and_then(Extern::into_memory).unwrap();
        let bytes = &memory.data(&caller)[ptr as usize..(ptr + len) as usize];
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        caller.data_mut().log.push(text);
    });
    let sum8 = Func::wrap(
        &mut *store,
        |a: i32, b: i64, c: i32, d: i64, e: i32, f: i64, g: i32, h: i64| -> i64 {
            (a as i64) + b + (c as i64) + d + (e as i64) + f + (g as i64) + h
        },
    );
    let pair = Func::wrap(&mut *store, |x: i32| -> (i32, i64) { (x, (x as i64) * 1000) });
    vec![add.into(), log.into(), sum8.into(), pair.into()]
}

fn host_instance() -> (Store<Host>, Instance) {
    let engine = Engine::default();
    let module = Module::new(&engine, HOST).unwrap();
    let mut store = Store::new(&engine, Host::default());
    let imports = host_imports(&mut store);
    let instance = Instance::new(&mut store, &module, &imports).unwrap();
    (store, instance)
}

#[test]
fn wasm_calls_typed_host_closures() {
    let (mut store, instance) = host_instance();
    let call_add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "call_add").unwrap();
    assert_eq!(call_add.call(&mut store, (20, 22)).unwrap(), 42);
    assert_eq!(store.data().calls, 1);
    let greet = instance.get_typed_func::<(), ()>(&mut store, "greet").unwrap();
    greet.call(&mut store, ()).unwrap();
    assert_eq!(store.data().log, ["hello from wasm"]);
    let sum8 = instance.get_typed_func::<(), i64>(&mut store, "call_sum8").unwrap();
    assert_eq!(sum8.call(&mut store, ()).unwrap(), 36);
    let pair = instance.get_typed_func::<i32, i64>(&mut store, "call_pair").unwrap();
    assert_eq!(pair.call(&mut store, 3).unwrap(), 3003);
}

#[test]
fn host_functions_can_be_called_from_the_host() {
    let mut store = Store::new(&Engine::default(), 5);
    let f = Func::wrap(&mut store, |caller: Caller<'_, i32>, x: i64| x * *caller.data() as i64);
    assert_eq!(f.ty(&store), FuncType::new([ValType::I64], [ValType::I64]));
    let typed = f.typed::<i64, i64>(&store).unwrap();
    assert_eq!(typed.call(&mut store, 7).unwrap(), 35);
    let mut out = [Val::I64(0)];
    f.call(&mut store, &[Val::I64(2)], &mut out).unwrap();
    assert_eq!(out[0], Val::I64(10));
    // Called from the host, there is no calling instance.
    let g = Func::wrap(&mut store, |mut caller: Caller<'_, i32>| caller.get_export("memory").is_none() as i32);
    assert_eq!(g.typed::<(), i32>(&store).unwrap().call(&mut store, ()).unwrap(), 1);
}

#[test]
fn host_traps_reach_the_caller() {
    let mut store = Store::new(&Engine::default(), ());
    let f = Func::wrap(&mut store, |x: i32| -> Result<i32, Trap> {
        if x < 0 {
            Err(Trap::new("negative input"))
        } else {
            Ok(x)
        }
    });
    let typed = f.typed::<i32, i32>(&store).unwrap();
    assert_eq!(typed.call(&mut store, 1).unwrap(), 1);
    let err = typed.call(&mut store, -1).unwrap_err();
    let trap = err.trap().unwrap();
    assert_eq!(trap.code(), TrapCode::Host);
    assert_eq!(trap.message(), "negative input");
    // Result<_, Error> works too.
    let g = Func::wrap(&mut store, || -> Result<(), Error> {
        Err(Error::new(ErrorKind::Resource, "no more"))
    });
    let err = g.typed::<(), ()>(&store).unwrap().call(&mut store, ()).unwrap_err();
    assert_eq!(err.trap().unwrap().message(), "no more");
}

#[test]
fn a_panic_becomes_a_trap_and_the_store_keeps_working() {
    let (mut store, instance) = {
        let engine = Engine::default();
        let module = Module::new(&engine, HOST).unwrap();
        let mut store = Store::new(&engine, Host::default());
        let mut imports = host_imports(&mut store);
        imports[0] = Func::wrap(&mut store, |mut caller: Caller<'_, Host>, a: i32, b: i32| {
            caller.data_mut().calls += 1;
            if a == 13 {
                panic!("unlucky {a}");
            }
            a + b
        })
        .into();
        let instance = Instance::new(&mut store, &module, &imports).unwrap();
        (store, instance)
    };
    let call_add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "call_add").unwrap();
    let err = call_add.call(&mut store, (13, 1)).unwrap_err();
    let trap = err.trap().expect("a trap");
    assert_eq!(trap.code(), TrapCode::Host);
    assert!(trap.message().contains("panicked"), "{trap}");
    assert!(trap.message().contains("unlucky 13"), "{trap}");
    // The store, its data and the instance still work.
    assert_eq!(call_add.call(&mut store, (1, 2)).unwrap(), 3);
    assert_eq!(store.data().calls, 2);
    // A panic in a host function called directly from the host is caught as well.
    let f = Func::wrap(&mut store, || -> i32 { panic!("direct") });
    let err = f.typed::<(), i32>(&store).unwrap().call(&mut store, ()).unwrap_err();
    assert!(err.trap().unwrap().message().contains("direct"));
}

#[test]
fn host_functions_reenter_wasm_through_the_caller() {
    let engine = Engine::default();
    let module = Module::new(&engine, HOST).unwrap();
    let mut store = Store::new(&engine, Host::default());
    let mut imports = host_imports(&mut store);
    // add(a, b) = twice(a) + b, calling the instance's export "twice" from the host.
    imports[0] = Func::wrap(&mut store, |mut caller: Caller<'_, Host>, a: i32, b: i32| {
        let twice = caller.get_export("twice").and_then(Extern::into_func).unwrap();
        let twice = twice.typed::<i32, i32>(&caller)?;
        Ok::<_, Error>(twice.call(&mut caller, a)? + b)
    })
    .into();
    let instance = Instance::new(&mut store, &module, &imports).unwrap();
    let call_add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "call_add").unwrap();
    assert_eq!(call_add.call(&mut store, (10, 1)).unwrap(), 21);
}

#[test]
fn dynamic_host_functions() {
    let mut store = Store::new(&Engine::default(), ());
    let ty = FuncType::new([ValType::I32, ValType::F64], [ValType::F64, ValType::I32]);
    let f = Func::new(&mut store, ty.clone(), |_caller, params, results| {
        results[0] = Val::F64(params[1].unwrap_f64() * 2.0);
        results[1] = Val::I32(params[0].unwrap_i32() + 1);
        Ok(())
    });
    assert_eq!(f.ty(&store), ty);
    let mut out = [Val::I32(0), Val::I32(0)];
    f.call(&mut store, &[Val::I32(1), Val::F64(1.25)], &mut out).unwrap();
    assert_eq!(out, [Val::F64(2.5), Val::I32(2)]);
    let typed = f.typed::<(i32, f64), (f64, i32)>(&store).unwrap();
    assert_eq!(typed.call(&mut store, (4, 0.5)).unwrap(), (1.0, 5));
    // A result of the wrong type traps.
    let bad = Func::new(&mut store, FuncType::new([], [ValType::I32]), |_c, _p, r| {
        r[0] = Val::I64(1);
        Ok(())
    });
    let err = bad.call(&mut store, &[], &mut [Val::I32(0)]).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::Host);
}

struct DropCounter(Arc<AtomicUsize>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn closures_are_dropped_exactly_once_with_the_store() {
    let drops = Arc::new(AtomicUsize::new(0));
    let data_drops = Arc::new(AtomicUsize::new(0));
    {
        let engine = Engine::default();
        let mut store = Store::new(&engine, DropCounter(data_drops.clone()));
        for _ in 0..3 {
            let counter = DropCounter(drops.clone());
            let f = Func::wrap(&mut store, move || counter.0.load(Ordering::SeqCst) as i32);
            f.typed::<(), i32>(&store).unwrap().call(&mut store, ()).unwrap();
        }
        let mut linker = Linker::new(&engine);
        let counter = DropCounter(drops.clone());
        linker.func_wrap("lib", "add", move |a: i32, b: i32| {
            let _ = &counter;
            a + b
        }).unwrap();
        let module = Module::new(&engine, USES_LIB).unwrap();
        linker.instantiate(&mut store, &module).unwrap();
        drop(linker); // the linker's own copy of the closure
        assert_eq!(drops.load(Ordering::SeqCst), 0);
        assert_eq!(data_drops.load(Ordering::SeqCst), 0);
    }
    assert_eq!(drops.load(Ordering::SeqCst), 4);
    assert_eq!(data_drops.load(Ordering::SeqCst), 1);
}

#[test]
fn into_data_returns_the_data() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut store = Store::new(&Engine::default(), vec![1, 2]);
    store.data_mut().push(3);
    let l = log.clone();
    Func::wrap(&mut store, move |x: i32| l.lock().unwrap().push(x));
    assert_eq!(store.into_data(), vec![1, 2, 3]);
}

#[test]
fn externrefs_carry_host_values() {
    let (mut store, instance) = standalone(());
    let r = ExternRef::new(&mut store, String::from("payload")).unwrap();
    let id = instance.get_typed_func::<Option<ExternRef>, Option<ExternRef>>(&mut store, "id_ref").unwrap();
    let back = id.call(&mut store, Some(r)).unwrap().unwrap();
    assert_eq!(back, r);
    let data = back.data(&store).unwrap();
    assert_eq!(data.downcast_ref::<String>().unwrap(), "payload");
    assert_eq!(id.call(&mut store, None).unwrap(), None);
}
