//! [`Val`] and [`ExternRef`].

use std::any::Any;

use wasmc_sys as sys;

use crate::error::{check, Result};
use crate::func::Func;
use crate::store::{drop_box, AsContext, AsContextMut};
use crate::types::ValType;

/// A Wasm value of any type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val {
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// An `f32`.
    F32(f32),
    /// An `f64`.
    F64(f64),
    /// A `v128`, little-endian.
    V128(u128),
    /// A `funcref` (`None`: null).
    FuncRef(Option<Func>),
    /// An `externref` (`None`: null).
    ExternRef(Option<ExternRef>),
}

impl Val {
    /// The value's type.
    pub fn ty(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::V128(_) => ValType::V128,
            Val::FuncRef(_) => ValType::FuncRef,
            Val::ExternRef(_) => ValType::ExternRef,
        }
    }

    /// The zero (or null) value of a type.
    pub fn default_for(ty: ValType) -> Val {
        match ty {
            ValType::I32 => Val::I32(0),
            ValType::I64 => Val::I64(0),
            ValType::F32 => Val::F32(0.0),
            ValType::F64 => Val::F64(0.0),
            ValType::V128 => Val::V128(0),
            ValType::FuncRef => Val::FuncRef(None),
            ValType::ExternRef => Val::ExternRef(None),
        }
    }

    /// The `i32`, if this is one.
    pub fn i32(&self) -> Option<i32> {
        match self {
            Val::I32(v) => Some(*v),
            _ => None,
        }
    }

    /// The `i64`, if this is one.
    pub fn i64(&self) -> Option<i64> {
        match self {
            Val::I64(v) => Some(*v),
            _ => None,
        }
    }

    /// The `f32`, if this is one.
    pub fn f32(&self) -> Option<f32> {
        match self {
            Val::F32(v) => Some(*v),
            _ => None,
        }
    }

    /// The `f64`, if this is one.
    pub fn f64(&self) -> Option<f64> {
        match self {
            Val::F64(v) => Some(*v),
            _ => None,
        }
    }

    /// The `funcref`, if this is one (`Some(None)` for null).
    pub fn funcref(&self) -> Option<Option<Func>> {
        match self {
            Val::FuncRef(v) => Some(*v),
            _ => None,
        }
    }

    /// The `externref`, if this is one (`Some(None)` for null).
    pub fn externref(&self) -> Option<Option<ExternRef>> {
        match self {
            Val::ExternRef(v) => Some(*v),
            _ => None,
        }
    }

    /// The `i32`; panics for another type.
    pub fn unwrap_i32(&self) -> i32 {
        self.i32().expect("expected an i32 value")
    }

    /// The `i64`; panics for another type.
    pub fn unwrap_i64(&self) -> i64 {
        self.i64().expect("expected an i64 value")
    }

    /// The `f32`; panics for another type.
    pub fn unwrap_f32(&self) -> f32 {
        self.f32().expect("expected an f32 value")
    }

    /// The `f64`; panics for another type.
    pub fn unwrap_f64(&self) -> f64 {
        self.f64().expect("expected an f64 value")
    }

    pub(crate) fn to_raw(self) -> sys::wasmc_val_t {
        let mut of = sys::wasmc_val_of_t { v128: [0; 16] };
        match self {
            Val::I32(v) => of.i32 = v,
            Val::I64(v) => of.i64 = v,
            Val::F32(v) => of.f32 = v,
            Val::F64(v) => of.f64 = v,
            Val::V128(v) => of.v128 = v.to_le_bytes(),
            Val::FuncRef(f) => of.funcref = f.map(|f| f.0).unwrap_or_default(),
            Val::ExternRef(r) => of.externref = r.map(|r| r.0).unwrap_or_default(),
        }
        sys::wasmc_val_t { kind: self.ty().to_raw(), of }
    }

    pub(crate) fn from_raw(raw: &sys::wasmc_val_t) -> Val {
        // SAFETY: `kind` says which member is set.
        unsafe {
            match ValType::from_raw(raw.kind) {
                ValType::I32 => Val::I32(raw.of.i32),
                ValType::I64 => Val::I64(raw.of.i64),
                ValType::F32 => Val::F32(raw.of.f32),
                ValType::F64 => Val::F64(raw.of.f64),
                ValType::V128 => Val::V128(u128::from_le_bytes(raw.of.v128)),
                ValType::FuncRef => Val::FuncRef(Func::from_handle(raw.of.funcref)),
                ValType::ExternRef => Val::ExternRef(ExternRef::from_handle(raw.of.externref)),
            }
        }
    }

    /// The array-call slot for this value.
    pub(crate) unsafe fn to_slot(self, store: *mut sys::wasmc_store_t) -> sys::wasmc_val_raw_t {
        let mut slot = sys::wasmc_val_raw_t { v128: [0; 16] };
        match self {
            Val::I32(v) => slot.i32 = v,
            Val::I64(v) => slot.i64 = v,
            Val::F32(v) => slot.f32 = v,
            Val::F64(v) => slot.f64 = v,
            Val::V128(v) => slot.v128 = v.to_le_bytes(),
            Val::FuncRef(f) => slot.funcref = Func::opt_to_raw(f, store),
            Val::ExternRef(r) => slot.externref = ExternRef::opt_to_raw(r, store),
        }
        slot
    }

    /// The value of type `ty` in an array-call slot.
    pub(crate) unsafe fn from_slot(
        ty: ValType,
        slot: &sys::wasmc_val_raw_t,
        store: *mut sys::wasmc_store_t,
    ) -> Val {
        match ty {
            ValType::I32 => Val::I32(slot.i32),
            ValType::I64 => Val::I64(slot.i64),
            ValType::F32 => Val::F32(slot.f32),
            ValType::F64 => Val::F64(slot.f64),
            ValType::V128 => Val::V128(u128::from_le_bytes(slot.v128)),
            ValType::FuncRef => Val::FuncRef(Func::opt_from_raw(slot.funcref, store)),
            ValType::ExternRef => Val::ExternRef(ExternRef::opt_from_raw(slot.externref, store)),
        }
    }
}

impl From<i32> for Val {
    fn from(v: i32) -> Val {
        Val::I32(v)
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::I64(v)
    }
}

impl From<f32> for Val {
    fn from(v: f32) -> Val {
        Val::F32(v)
    }
}

impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::F64(v)
    }
}

impl From<Func> for Val {
    fn from(f: Func) -> Val {
        Val::FuncRef(Some(f))
    }
}

impl From<ExternRef> for Val {
    fn from(r: ExternRef) -> Val {
        Val::ExternRef(Some(r))
    }
}

/// A reference to a host value of any `'static` type, owned by a store (dropped with it).
/// Wasm code can pass it around as an `externref` but not look inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExternRef(pub(crate) sys::wasmc_externref_t);

type AnyBox = Box<dyn Any + Send + Sync>;

impl ExternRef {
    /// Moves `value` into the store and returns a reference to it.
    pub fn new<T: Any + Send + Sync>(
        mut store: impl AsContextMut,
        value: T,
    ) -> Result<ExternRef> {
        let store = store.as_context_mut();
        let data: *mut AnyBox = Box::into_raw(Box::new(Box::new(value) as AnyBox));
        let mut out = sys::wasmc_externref_t::default();
        // SAFETY: data is freed by the finalizer when the store is deleted, or here on error.
        unsafe {
            let err =
                sys::wasmc_externref_new(store.raw(), data.cast(), Some(drop_box::<AnyBox>), &mut out);
            if !err.is_null() {
                drop(Box::from_raw(data));
            }
            check(err)?;
        }
        Ok(ExternRef(out))
    }

    /// The host value, borrowed from the store (`None` for a reference of another store).
    pub fn data<'a, S: AsContext + ?Sized>(
        &self,
        store: &'a S,
    ) -> Option<&'a (dyn Any + Send + Sync)> {
        let ctx = store.as_context();
        // SAFETY: the box lives as long as the store; shared borrow of it for 'a.
        unsafe {
            let data = sys::wasmc_externref_data(ctx.raw(), &self.0) as *const AnyBox;
            data.as_ref().map(|b| &**b)
        }
    }

    pub(crate) fn from_handle(h: sys::wasmc_externref_t) -> Option<ExternRef> {
        (h.store_id != 0).then_some(ExternRef(h))
    }

    pub(crate) unsafe fn opt_to_raw(r: Option<ExternRef>, store: *mut sys::wasmc_store_t) -> u64 {
        match r {
            Some(r) => sys::wasmc_externref_to_raw(store, &r.0),
            None => 0,
        }
    }

    pub(crate) unsafe fn opt_from_raw(
        raw: u64,
        store: *mut sys::wasmc_store_t,
    ) -> Option<ExternRef> {
        ExternRef::from_handle(sys::wasmc_externref_from_raw(store, raw))
    }
}
