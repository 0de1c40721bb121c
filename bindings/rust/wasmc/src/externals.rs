//! [`Extern`], [`Memory`], [`Table`] and [`Global`].

use wasmc_sys as sys;

use crate::error::{check, Error, ErrorKind, Result};
use crate::func::Func;
use crate::store::{wrong_store, AsContext, AsContextMut};
use crate::types::{GlobalType, MemoryType, Mutability, TableType, ValType};
use crate::values::Val;

/// An import or export value: a function, table, memory or global of a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extern {
    /// A function.
    Func(Func),
    /// A table.
    Table(Table),
    /// A linear memory.
    Memory(Memory),
    /// A global.
    Global(Global),
}

impl Extern {
    /// The function, if this is one.
    pub fn into_func(self) -> Option<Func> {
        match self {
            Extern::Func(f) => Some(f),
            _ => None,
        }
    }

    /// The table, if this is one.
    pub fn into_table(self) -> Option<Table> {
        match self {
            Extern::Table(t) => Some(t),
            _ => None,
        }
    }

    /// The memory, if this is one.
    pub fn into_memory(self) -> Option<Memory> {
        match self {
            Extern::Memory(m) => Some(m),
            _ => None,
        }
    }

    /// The global, if this is one.
    pub fn into_global(self) -> Option<Global> {
        match self {
            Extern::Global(g) => Some(g),
            _ => None,
        }
    }

    pub(crate) fn zeroed_raw() -> sys::wasmc_extern_t {
        sys::wasmc_extern_t {
            kind: sys::WASMC_EXTERN_FUNC,
            of: sys::wasmc_extern_of_t { func: sys::wasmc_func_t::default() },
        }
    }

    pub(crate) fn to_raw(self) -> sys::wasmc_extern_t {
        let (kind, of) = match self {
            Extern::Func(f) => (sys::WASMC_EXTERN_FUNC, sys::wasmc_extern_of_t { func: f.0 }),
            Extern::Table(t) => (sys::WASMC_EXTERN_TABLE, sys::wasmc_extern_of_t { table: t.0 }),
            Extern::Memory(m) => {
                (sys::WASMC_EXTERN_MEMORY, sys::wasmc_extern_of_t { memory: m.0 })
            }
            Extern::Global(g) => {
                (sys::WASMC_EXTERN_GLOBAL, sys::wasmc_extern_of_t { global: g.0 })
            }
        };
        sys::wasmc_extern_t { kind, of }
    }

    pub(crate) fn from_raw(raw: &sys::wasmc_extern_t) -> Extern {
        // SAFETY: `kind` says which member is set.
        unsafe {
            match raw.kind {
                sys::WASMC_EXTERN_FUNC => Extern::Func(Func(raw.of.func)),
                sys::WASMC_EXTERN_TABLE => Extern::Table(Table(raw.of.table)),
                sys::WASMC_EXTERN_MEMORY => Extern::Memory(Memory(raw.of.memory)),
                sys::WASMC_EXTERN_GLOBAL => Extern::Global(Global(raw.of.global)),
                other => panic!("unknown wasmc extern kind {other}"),
            }
        }
    }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Extern {
        Extern::Func(f)
    }
}

impl From<Table> for Extern {
    fn from(t: Table) -> Extern {
        Extern::Table(t)
    }
}

impl From<Memory> for Extern {
    fn from(m: Memory) -> Extern {
        Extern::Memory(m)
    }
}

impl From<Global> for Extern {
    fn from(g: Global) -> Extern {
        Extern::Global(g)
    }
}

// ---- Memory ------------------------------------------------------------------------------------

/// A linear memory in a store. A `Copy` handle, valid as long as its store.
///
/// Direct access goes through [`Memory::data`] and [`Memory::data_mut`], whose slices borrow
/// the store: since every call into Wasm code (and [`Memory::grow`]) needs the store mutably,
/// no slice can be held across a call that might change or grow the memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Memory(pub(crate) sys::wasmc_memory_t);

/// The size of a Wasm page: 64 KiB.
pub const WASM_PAGE_SIZE: usize = 65536;

fn guest_range(offset: usize, len: usize) -> Result<(u32, u32)> {
    match (u32::try_from(offset), u32::try_from(len)) {
        (Ok(o), Ok(l)) => Ok((o, l)),
        _ => Err(Error::new(ErrorKind::OutOfBounds, "out of bounds memory access")),
    }
}

impl Memory {
    /// A new memory in `store`.
    pub fn new(mut store: impl AsContextMut, ty: MemoryType) -> Result<Memory> {
        let ctx = store.as_context_mut();
        let limits = ty.to_limits();
        let mut out = sys::wasmc_memory_t::default();
        // SAFETY: live store.
        unsafe { check(sys::wasmc_memory_new(ctx.raw(), &limits, &mut out))? };
        Ok(Memory(out))
    }

    /// The memory's type (its declared limits).
    pub fn ty(&self, store: impl AsContext) -> MemoryType {
        let mut limits = sys::wasmc_limits_t::default();
        // SAFETY: live store.
        let ok = unsafe { sys::wasmc_memory_type(store.as_context().raw(), &self.0, &mut limits) };
        assert!(ok, "Memory::ty: the memory does not belong to this store");
        MemoryType::from_limits(&limits)
    }

    /// The memory's bytes. The slice borrows `store`.
    pub fn data<'a, S: AsContext + ?Sized>(&self, store: &'a S) -> &'a [u8] {
        let ctx = store.as_context();
        // SAFETY: wasmc never moves a memory's bytes; its length only changes with growth,
        // which needs the store mutably, and the slice borrows the store shared.
        unsafe {
            let base = sys::wasmc_memory_data(ctx.raw(), &self.0);
            assert!(!base.is_null(), "Memory::data: the memory does not belong to this store");
            let len = sys::wasmc_memory_data_size(ctx.raw(), &self.0);
            std::slice::from_raw_parts(base, len)
        }
    }

    /// The memory's bytes, writable. The slice borrows `store` exclusively.
    pub fn data_mut<'a, S: AsContextMut + ?Sized>(&self, store: &'a mut S) -> &'a mut [u8] {
        let ctx = store.as_context_mut();
        // SAFETY: as for data(), with an exclusive borrow of the store.
        unsafe {
            let base = sys::wasmc_memory_data(ctx.raw(), &self.0);
            assert!(!base.is_null(), "Memory::data_mut: the memory does not belong to this store");
            let len = sys::wasmc_memory_data_size(ctx.raw(), &self.0);
            std::slice::from_raw_parts_mut(base, len)
        }
    }

    /// The memory's bytes and the store's host data at once (both borrow `store`).
    pub fn data_and_store_mut<'a, S: AsContextMut + ?Sized>(
        &self,
        store: &'a mut S,
    ) -> (&'a mut [u8], &'a mut S::Data) {
        let ctx = store.as_context_mut();
        let inner = ctx.inner;
        let bytes = self.data_mut(store);
        // SAFETY: the host data and the guest bytes are disjoint.
        (bytes, unsafe { &mut (*inner).data })
    }

    /// The current size in bytes.
    pub fn data_size(&self, store: impl AsContext) -> usize {
        // SAFETY: live store.
        unsafe { sys::wasmc_memory_data_size(store.as_context().raw(), &self.0) }
    }

    /// The current size in 64 KiB pages.
    pub fn size(&self, store: impl AsContext) -> u64 {
        // SAFETY: live store.
        unsafe { sys::wasmc_memory_size(store.as_context().raw(), &self.0) }
    }

    /// Grows the memory by `delta` pages; returns the previous size in pages.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64) -> Result<u64> {
        let mut prev = 0;
        // SAFETY: live store.
        unsafe {
            check(sys::wasmc_memory_grow(store.as_context_mut().raw(), &self.0, delta, &mut prev))?
        };
        Ok(prev)
    }

    /// Copies `buf.len()` bytes at guest address `offset` into `buf` (bounds-checked:
    /// [`ErrorKind::OutOfBounds`] or [`ErrorKind::Overflow`]).
    pub fn read(&self, store: impl AsContext, offset: usize, buf: &mut [u8]) -> Result<()> {
        let (o, l) = guest_range(offset, buf.len())?;
        // SAFETY: buf is writable for l bytes.
        unsafe {
            check(sys::wasmc_memory_read(
                store.as_context().raw(),
                &self.0,
                o,
                buf.as_mut_ptr().cast(),
                l,
            ))
        }
    }

    /// Copies `buf` to guest address `offset` (bounds-checked).
    pub fn write(&self, mut store: impl AsContextMut, offset: usize, buf: &[u8]) -> Result<()> {
        let (o, l) = guest_range(offset, buf.len())?;
        // SAFETY: buf is readable for l bytes.
        unsafe {
            check(sys::wasmc_memory_write(
                store.as_context_mut().raw(),
                &self.0,
                o,
                buf.as_ptr().cast(),
                l,
            ))
        }
    }
}

// ---- Table -------------------------------------------------------------------------------------

/// A table of references in a store. A `Copy` handle, valid as long as its store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Table(pub(crate) sys::wasmc_table_t);

impl Table {
    /// A new table of type `ty` with every element set to `init`.
    pub fn new(mut store: impl AsContextMut, ty: TableType, init: Val) -> Result<Table> {
        let ctx = store.as_context_mut();
        let limits = ty.to_limits();
        let init = init.to_raw();
        let mut out = sys::wasmc_table_t::default();
        // SAFETY: live store.
        unsafe {
            check(sys::wasmc_table_new(ctx.raw(), ty.element().to_raw(), &limits, &init, &mut out))?
        };
        Ok(Table(out))
    }

    /// The table's type.
    pub fn ty(&self, store: impl AsContext) -> TableType {
        let (mut elem, mut limits) = (0u8, sys::wasmc_limits_t::default());
        // SAFETY: live store.
        let ok = unsafe {
            sys::wasmc_table_type(store.as_context().raw(), &self.0, &mut elem, &mut limits)
        };
        assert!(ok, "Table::ty: the table does not belong to this store");
        TableType::from_raw(elem, &limits)
    }

    /// The current number of elements.
    pub fn size(&self, store: impl AsContext) -> u64 {
        // SAFETY: live store.
        unsafe { sys::wasmc_table_size(store.as_context().raw(), &self.0) }
    }

    /// Element `index`, or `None` if out of bounds.
    pub fn get(&self, mut store: impl AsContextMut, index: u64) -> Option<Val> {
        let mut out = Val::I32(0).to_raw();
        // SAFETY: live store.
        let ok = unsafe {
            sys::wasmc_table_get(store.as_context_mut().raw(), &self.0, index, &mut out)
        };
        ok.then(|| Val::from_raw(&out))
    }

    /// Sets element `index`.
    pub fn set(&self, mut store: impl AsContextMut, index: u64, value: Val) -> Result<()> {
        let value = value.to_raw();
        // SAFETY: live store.
        unsafe { check(sys::wasmc_table_set(store.as_context_mut().raw(), &self.0, index, &value)) }
    }

    /// Grows the table by `delta` elements set to `init`; returns the previous size.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64, init: Val) -> Result<u64> {
        let init = init.to_raw();
        let mut prev = 0;
        // SAFETY: live store.
        unsafe {
            check(sys::wasmc_table_grow(
                store.as_context_mut().raw(),
                &self.0,
                delta,
                &init,
                &mut prev,
            ))?
        };
        Ok(prev)
    }
}

// ---- Global ------------------------------------------------------------------------------------

/// A global in a store. A `Copy` handle, valid as long as its store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Global(pub(crate) sys::wasmc_global_t);

impl Global {
    /// A new global of type `ty` holding `value` (whose type must be `ty.content()`).
    pub fn new(mut store: impl AsContextMut, ty: GlobalType, value: Val) -> Result<Global> {
        if value.ty() != ty.content() {
            return Err(Error::misuse(format!(
                "global of type {} initialised with a {}",
                ty.content(),
                value.ty()
            )));
        }
        let value = value.to_raw();
        let mut out = sys::wasmc_global_t::default();
        let mutable = ty.mutability() == Mutability::Var;
        // SAFETY: live store.
        unsafe {
            check(sys::wasmc_global_new(store.as_context_mut().raw(), &value, mutable, &mut out))?
        };
        Ok(Global(out))
    }

    /// The global's type.
    pub fn ty(&self, store: impl AsContext) -> GlobalType {
        let (mut kind, mut mutable) = (0u8, false);
        // SAFETY: live store.
        let ok = unsafe {
            sys::wasmc_global_type(store.as_context().raw(), &self.0, &mut kind, &mut mutable)
        };
        assert!(ok, "Global::ty: the global does not belong to this store");
        GlobalType::new(
            ValType::from_raw(kind),
            if mutable { Mutability::Var } else { Mutability::Const },
        )
    }

    /// The global's value.
    pub fn get(&self, mut store: impl AsContextMut) -> Val {
        let mut out = Val::I32(0).to_raw();
        // SAFETY: live store.
        let ok = unsafe { sys::wasmc_global_get(store.as_context_mut().raw(), &self.0, &mut out) };
        if !ok {
            panic!("{}", wrong_store("the global"));
        }
        Val::from_raw(&out)
    }

    /// Sets the global (which must be mutable) to `value`.
    pub fn set(&self, mut store: impl AsContextMut, value: Val) -> Result<()> {
        let value = value.to_raw();
        // SAFETY: live store.
        unsafe { check(sys::wasmc_global_set(store.as_context_mut().raw(), &self.0, &value)) }
    }
}
