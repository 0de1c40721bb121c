//! Memory, tables and globals.
mod common;

use common::*;
use wasmc::*;

#[test]
fn memory_access_through_borrows() {
    let (mut store, instance) = standalone(());
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    assert_eq!(memory.size(&store), 1);
    assert_eq!(memory.data_size(&store), WASM_PAGE_SIZE);
    assert_eq!(memory.ty(&store), MemoryType::new(1, Some(4)));
    assert_eq!(&memory.data(&store)[16..31], b"hello from wasm");
    memory.data_mut(&mut store)[100] = 77;
    let load = instance.get_typed_func::<i32, i32>(&mut store, "load8").unwrap();
    assert_eq!(load.call(&mut store, 100).unwrap(), 77);
    let store8 = instance.get_typed_func::<(i32, i32), ()>(&mut store, "store8").unwrap();
    store8.call(&mut store, (200, 9)).unwrap();
    assert_eq!(memory.data(&store)[200], 9);
    let (bytes, data) = memory.data_and_store_mut(&mut store);
    bytes[0] = 1;
    *data = ();
}

#[test]
fn checked_reads_and_writes() {
    let (mut store, instance) = standalone(());
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    let mut buf = [0u8; 5];
    memory.read(&store, 16, &mut buf).unwrap();
    assert_eq!(&buf, b"hello");
    memory.write(&mut store, 1000, b"abc").unwrap();
    assert_eq!(&memory.data(&store)[1000..1003], b"abc");
    // A zero-length access at the end is in bounds; one byte past is not.
    memory.read(&store, WASM_PAGE_SIZE, &mut []).unwrap();
    let err = memory.read(&store, WASM_PAGE_SIZE, &mut buf[..1]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutOfBounds);
    let err = memory.write(&mut store, WASM_PAGE_SIZE - 2, b"abc").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutOfBounds);
    let err = memory.read(&store, u32::MAX as usize, &mut buf).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Overflow | ErrorKind::OutOfBounds), "{err:?}");
    let err = memory.read(&store, 1 << 40, &mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutOfBounds);
}

#[test]
fn memory_grows_from_host_and_guest() {
    let (mut store, instance) = standalone(());
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    assert_eq!(memory.grow(&mut store, 1).unwrap(), 1);
    assert_eq!(memory.size(&store), 2);
    assert_eq!(memory.data(&store).len(), 2 * WASM_PAGE_SIZE);
    let grow = instance.get_typed_func::<i32, i32>(&mut store, "grow").unwrap();
    assert_eq!(grow.call(&mut store, 2).unwrap(), 2);
    assert_eq!(memory.data(&store).len(), 4 * WASM_PAGE_SIZE);
    // Past the maximum (4 pages): -1 for the guest, an error for the host.
    assert_eq!(grow.call(&mut store, 1).unwrap(), -1);
    let err = memory.grow(&mut store, 1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Resource);
    memory.data_mut(&mut store)[4 * WASM_PAGE_SIZE - 1] = 1;
}

#[test]
fn host_created_memory() {
    let mut store = Store::new(&Engine::default(), ());
    let memory = Memory::new(&mut store, MemoryType::new(2, None)).unwrap();
    assert_eq!(memory.size(&store), 2);
    assert!(memory.data(&store).iter().all(|b| *b == 0));
    let err = Memory::new(&mut store, MemoryType::new(3, Some(2))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
}

#[test]
fn tables() {
    let (mut store, instance) = standalone(());
    let table = instance.get_table(&mut store, "table").unwrap();
    assert_eq!(table.ty(&store), TableType::new(ValType::FuncRef, 2, Some(10)));
    assert_eq!(table.size(&store), 2);
    let add = instance.get_func(&mut store, "add").unwrap();
    assert_eq!(table.get(&mut store, 0), Some(Val::FuncRef(Some(add))));
    assert_eq!(table.get(&mut store, 1), Some(Val::FuncRef(None)));
    assert_eq!(table.get(&mut store, 2), None);
    // Put a host function in slot 1 and call it through call_indirect.
    let mul = Func::wrap(&mut store, |a: i32, b: i32| a * b);
    table.set(&mut store, 1, mul.into()).unwrap();
    let call = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "call_table").unwrap();
    assert_eq!(call.call(&mut store, (6, 7, 1)).unwrap(), 42);
    // A function of another type traps with an indirect call type mismatch.
    let other = Func::wrap(&mut store, |a: i64| a);
    table.set(&mut store, 1, other.into()).unwrap();
    let err = call.call(&mut store, (6, 7, 1)).unwrap_err();
    assert_eq!(err.trap().unwrap().code(), TrapCode::IndirectCallType);
    assert_eq!(table.grow(&mut store, 3, Val::FuncRef(Some(add))).unwrap(), 2);
    assert_eq!(table.size(&store), 5);
    assert_eq!(call.call(&mut store, (6, 7, 4)).unwrap(), 13);
    table.grow(&mut store, 100, Val::FuncRef(None)).unwrap_err();
    table.set(&mut store, 99, Val::FuncRef(None)).unwrap_err();
    table.set(&mut store, 0, Val::I32(1)).unwrap_err();

    let externs = Table::new(&mut store, TableType::new(ValType::ExternRef, 1, None), Val::ExternRef(None)).unwrap();
    let r = ExternRef::new(&mut store, 5u8).unwrap();
    externs.set(&mut store, 0, r.into()).unwrap();
    assert_eq!(externs.get(&mut store, 0), Some(Val::ExternRef(Some(r))));
}

#[test]
fn globals() {
    let (mut store, instance) = standalone(());
    let counter = instance.get_global(&mut store, "counter").unwrap();
    assert_eq!(counter.ty(&store), GlobalType::new(ValType::I32, Mutability::Var));
    assert_eq!(counter.get(&mut store), Val::I32(0));
    counter.set(&mut store, Val::I32(41)).unwrap();
    let inc = instance.get_typed_func::<(), i32>(&mut store, "inc").unwrap();
    assert_eq!(inc.call(&mut store, ()).unwrap(), 42);
    assert_eq!(counter.get(&mut store).unwrap_i32(), 42);
    let err = counter.set(&mut store, Val::I64(1)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
    let answer = instance.get_global(&mut store, "answer").unwrap();
    assert_eq!(answer.get(&mut store), Val::I64(42));
    let err = answer.set(&mut store, Val::I64(1)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);

    let g = Global::new(&mut store, GlobalType::new(ValType::F64, Mutability::Var), Val::F64(1.5)).unwrap();
    assert_eq!(g.get(&mut store), Val::F64(1.5));
    g.set(&mut store, 2.5.into()).unwrap();
    assert_eq!(g.get(&mut store).f64(), Some(2.5));
    let err = Global::new(&mut store, GlobalType::new(ValType::I32, Mutability::Const), Val::I64(0)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Misuse);
}
