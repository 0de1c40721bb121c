//! Engine, Config and Module.
mod common;

use common::*;
use wasmc::*;

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn engine_and_module_are_send_sync_and_clone() {
    assert_send_sync::<Engine>();
    assert_send_sync::<Module>();
    let engine = Engine::default();
    let e2 = engine.clone();
    assert!(Engine::same(&engine, &e2));
    let module = Module::new(&engine, STANDALONE).unwrap();
    let m2 = module.clone();
    drop(module);
    assert_eq!(m2.exports().count(), 18);
}

#[test]
fn lazy_and_parallel_compilation_give_the_same_results() {
    let mut config = Config::new();
    config.lazy_compile(true).compile_threads(2);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, STANDALONE).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let fac = instance.get_typed_func::<i64, i64>(&mut store, "fac").unwrap();
    assert_eq!(fac.call(&mut store, 20).unwrap(), 2432902008176640000);
    let mut too_many = Config::new();
    too_many.compile_threads(257);
    assert_eq!(Engine::new(&too_many).err().unwrap().kind(), ErrorKind::Misuse);
}

#[test]
fn config_options_are_applied() {
    let mut config = Config::new();
    config.opt_level(OptLevel::None).bounds_mode(BoundsMode::Explicit).max_wasm_stack(256 << 10);
    let engine = Engine::new(&config).unwrap();
    let (mut store, instance) = {
        let module = Module::new(&engine, STANDALONE).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        (store, instance)
    };
    let fac = instance.get_typed_func::<i64, i64>(&mut store, "fac").unwrap();
    assert_eq!(fac.call(&mut store, 20).unwrap(), 2432902008176640000);
    // An explicit-bounds engine traps on an out-of-bounds load like the default one.
    let load = instance.get_typed_func::<i32, i32>(&mut store, "load8").unwrap();
    let err = load.call(&mut store, 4 << 16).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::MemoryOutOfBounds);
}

#[test]
fn config_errors_are_reported_by_engine_new() {
    let mut config = Config::new();
    config.max_wasm_stack(1024); // below 16 KiB
    let err = Engine::new(&config).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
    assert_eq!(err.code(), Some(wasmc::sys::WASMC_ERR_MISUSE));
}

#[test]
fn stack_overflow_traps() {
    let mut config = Config::new();
    config.max_wasm_stack(64 << 10);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, STANDALONE).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let fac = instance.get_typed_func::<i64, i64>(&mut store, "fac").unwrap();
    let err = fac.call(&mut store, 1 << 40).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::StackExhausted);
    // The store still works.
    assert_eq!(fac.call(&mut store, 5).unwrap(), 120);
}

#[test]
fn module_imports_and_exports() {
    let engine = Engine::default();
    let module = Module::new(&engine, HOST).unwrap();
    let imports: Vec<_> = module.imports().collect();
    assert_eq!(imports.len(), 4);
    assert_eq!((imports[0].module(), imports[0].name()), ("host", "add"));
    assert_eq!(
        imports[2].ty().func().unwrap(),
        &FuncType::new(
            [ValType::I32, ValType::I64, ValType::I32, ValType::I64,
             ValType::I32, ValType::I64, ValType::I32, ValType::I64],
            [ValType::I64]
        )
    );
    assert_eq!(imports[3].ty().func().unwrap().results(), &[ValType::I32, ValType::I64]);

    let module = Module::new(&engine, STANDALONE).unwrap();
    let memory = module.get_export("memory").unwrap();
    assert_eq!(memory.memory().unwrap(), &MemoryType::new(1, Some(4)));
    let table = module.get_export("table").unwrap();
    assert_eq!(table.table().unwrap(), &TableType::new(ValType::FuncRef, 2, Some(10)));
    let counter = module.get_export("counter").unwrap();
    assert_eq!(counter.global().unwrap(), &GlobalType::new(ValType::I32, Mutability::Var));
    let answer = module.get_export("answer").unwrap();
    assert_eq!(answer.global().unwrap().mutability(), Mutability::Const);
    assert_eq!(module.get_export("swap").unwrap().func().unwrap().to_string(),
               "(func (param i64 f64) (result f64 i64))");
    assert!(module.get_export("nope").is_none());
}

#[test]
fn validate_and_compile_errors() {
    let engine = Engine::default();
    Module::validate(&engine, STANDALONE).unwrap();
    let err = Module::validate(&engine, b"\0asm\x01\0\0\0\x01").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(err.offset().is_some());
    let err = Module::new(&engine, b"not wasm").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(!err.message().is_empty());
    // (module (func (result i32))): the body leaves nothing on the stack.
    let invalid = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0,
                   0x0a, 4, 1, 2, 0, 0x0b];
    let err = Module::new(&engine, invalid).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.to_string().contains("type mismatch"), "{err}");
}

#[test]
fn modules_compile_and_run_on_several_threads() {
    let engine = Engine::default();
    let module = Module::new(&engine, STANDALONE).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let engine = engine.clone();
            let module = module.clone();
            std::thread::spawn(move || {
                let own = Module::new(&engine, STANDALONE).unwrap();
                let mut store = Store::new(&engine, ());
                for m in [&module, &own] {
                    let instance = Instance::new(&mut store, m, &[]).unwrap();
                    let add = instance.get_typed_func::<(i32, i32), i32>(&mut store, "add").unwrap();
                    assert_eq!(add.call(&mut store, (i, 1)).unwrap(), i + 1);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn version_matches() {
    assert_eq!(wasmc::version(), wasmc::sys::WASMC_VERSION);
}

/// The committed tests/wat/*.wasm are wat2wasm's output for the .wat beside them (checked
/// when wabt's wat2wasm is installed).
#[test]
fn committed_wasm_matches_wat() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wat");
    let out_dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let wat = entry.unwrap().path();
        if wat.extension() != Some(std::ffi::OsStr::new("wat")) {
            continue;
        }
        let out = out_dir.join(wat.with_extension("wasm").file_name().unwrap());
        match std::process::Command::new("wat2wasm").arg(&wat).arg("-o").arg(&out).status() {
            Ok(s) => assert!(s.success(), "wat2wasm {}", wat.display()),
            Err(_) => {
                eprintln!("wat2wasm not found: not checking {}", wat.display());
                continue;
            }
        }
        let fresh = std::fs::read(&out).unwrap();
        let committed = std::fs::read(wat.with_extension("wasm")).unwrap();
        assert_eq!(fresh, committed, "{} is stale: run wat2wasm", wat.display());
    }
}
