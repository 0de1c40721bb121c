//! Store features: user data, fuel, epochs, limits.
mod common;

use common::*;
use wasmc::*;

#[test]
fn user_data() {
    struct State {
        name: &'static str,
        hits: Vec<i32>,
    }
    let engine = Engine::default();
    let mut store = Store::new(&engine, State { name: "s", hits: vec![] });
    assert_eq!(store.data().name, "s");
    store.data_mut().hits.push(0);
    let record = Func::wrap(&mut store, |mut caller: Caller<'_, State>, x: i32| {
        caller.data_mut().hits.push(x);
        caller.data().hits.len() as i32
    });
    let record = record.typed::<i32, i32>(&store).unwrap();
    assert_eq!(record.call(&mut store, 7).unwrap(), 2);
    assert_eq!(store.data().hits, [0, 7]);
    assert!(Engine::same(store.engine(), &engine));
    let ctx = store.as_context();
    assert_eq!(ctx.data().name, "s");
    let mut ctx = store.as_context_mut();
    ctx.data_mut().name = "t";
    assert_eq!(store.data().name, "t");
}

#[test]
fn store_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let (store, instance) = standalone(1u64);
    assert_send(&store);
    let handle = std::thread::spawn(move || {
        let mut store = store;
        let add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "add").unwrap();
        add.call(&mut store, (1, 2)).unwrap()
    });
    assert_eq!(handle.join().unwrap(), 3);
}

fn fuel_engine() -> Option<Engine> {
    let mut config = Config::new();
    config.consume_fuel(true);
    match Engine::new(&config) {
        Ok(engine) => Some(engine),
        Err(e) if e.kind() == ErrorKind::Unsupported => {
            eprintln!("fuel not supported by this libwasmc: {e}");
            None
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn fuel() {
    let Some(engine) = fuel_engine() else { return };
    let module = Module::new(&engine, STANDALONE).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    store.set_fuel(10_000).unwrap();
    let spin = instance.get_typed_func::<(), ()>(&mut store, "spin").unwrap();
    let err = spin.call(&mut store, ()).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::OutOfFuel);
    assert_eq!(store.get_fuel().unwrap(), 0);
    store.set_fuel(1000).unwrap();
    let add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "add").unwrap();
    assert_eq!(add.call(&mut store, (1, 2)).unwrap(), 3);
    let left = store.get_fuel().unwrap();
    assert!(left < 1000 && left > 900, "{left}");
    // Without fuel consumption, the fuel calls are misuse.
    let (mut plain, _) = standalone(());
    assert_eq!(plain.set_fuel(1).unwrap_err().kind(), ErrorKind::Misuse);
}

fn epoch_engine() -> Option<Engine> {
    let mut config = Config::new();
    config.epoch_interruption(true);
    match Engine::new(&config) {
        Ok(engine) => Some(engine),
        Err(e) if e.kind() == ErrorKind::Unsupported => {
            eprintln!("epochs not supported by this libwasmc: {e}");
            None
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn epoch_interruption() {
    let Some(engine) = epoch_engine() else { return };
    let module = Module::new(&engine, STANDALONE).unwrap();
    let mut store = Store::new(&engine, 0u32);
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let spin = instance.get_typed_func::<(), ()>(&mut store, "spin").unwrap();
    // Another thread ticks the epoch until the spinning code has stopped.
    store.set_epoch_deadline(1).unwrap();
    let ticker = {
        let engine = engine.clone();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let d = done.clone();
        let handle = std::thread::spawn(move || {
            while !d.load(std::sync::atomic::Ordering::SeqCst) {
                engine.increment_epoch();
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        });
        (handle, done)
    };
    let err = spin.call(&mut store, ()).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::Interrupt);
    // With a callback: continue twice, then stop with our own trap.
    store
        .epoch_deadline_callback(|mut ctx| {
            *ctx.data_mut() += 1;
            if *ctx.data() < 3 {
                Ok(1)
            } else {
                Err(Trap::new("enough"))
            }
        })
        .unwrap();
    store.set_epoch_deadline(1).unwrap();
    let err = spin.call(&mut store, ()).unwrap_err();
    assert_eq!(err.trap().unwrap().message(), "enough");
    assert_eq!(*store.data(), 3);
    ticker.1.store(true, std::sync::atomic::Ordering::SeqCst);
    ticker.0.join().unwrap();
}

#[test]
fn limits() {
    let engine = Engine::default();
    let module = Module::new(&engine, STANDALONE).unwrap();
    let mut store = Store::new(&engine, ());
    match store.limiter(StoreLimits { memory_size: 2 * 65536, instances: 1, ..Default::default() }) {
        Err(e) if e.kind() == ErrorKind::Unsupported => return,
        r => r.unwrap(),
    }
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let grow = instance.get_typed_func::<i32, i32>(&mut store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
    let err = Instance::new(&mut store, &module, &[]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Resource);
}

#[test]
fn limiter_callback() {
    use std::sync::{Arc, Mutex};
    let engine = Engine::default();
    let module = Module::new(&engine, STANDALONE).unwrap();
    let mut store = Store::new(&engine, ());
    let asked = Arc::new(Mutex::new(Vec::new()));
    let a = asked.clone();
    store
        .limiter_callback(move |kind, current, desired| {
            a.lock().unwrap().push((kind, current, desired));
            if kind == ResourceKind::Memory && desired > 2 * 65536 {
                panic!("refused by panicking");
            }
            true
        })
        .unwrap();
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let grow = instance.get_typed_func::<i32, i32>(&mut store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
    let asked = asked.lock().unwrap();
    assert!(asked.contains(&(ResourceKind::Memory, 0, 65536)), "{asked:?}");
    assert!(asked.contains(&(ResourceKind::Memory, 65536, 2 * 65536)), "{asked:?}");
    assert!(asked.iter().any(|(k, _, _)| *k == ResourceKind::Table), "{asked:?}");
}
