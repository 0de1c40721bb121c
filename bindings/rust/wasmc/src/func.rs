//! [`Func`], host functions ([`Func::wrap`], [`Func::new`]) and [`TypedFunc`].

use std::ffi::c_void;
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::Arc;

use wasmc_sys as sys;

use crate::error::{check, check_call, Error, Result, Trap};
use crate::store::{drop_box, panic_trap, AsContext, AsContextMut, Caller, StoreInner};
use crate::types::{FuncType, ValType};
use crate::values::{ExternRef, Val};

/// A function in a store: exported by an instance, or a host function. A `Copy` handle,
/// valid as long as its store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Func(pub(crate) sys::wasmc_func_t);

/// The Rust side of a host function: reads its arguments from and writes its results to the
/// array-call slots.
pub(crate) type HostFn<T> =
    dyn Fn(Caller<'_, T>, &mut [sys::wasmc_val_raw_t]) -> Result<(), Trap> + Send + Sync;

/// The `env` of a host function's array-call callback (freed by the store's finalizer).
pub(crate) struct HostEnv<T> {
    pub(crate) store: *mut StoreInner<T>,
    pub(crate) func: Arc<HostFn<T>>,
}

/// The array-call callback of every Rust host function. Never unwinds: a panic of the host
/// closure is caught and becomes a trap.
pub(crate) unsafe extern "C" fn host_trampoline<T>(
    env: *mut c_void,
    caller: *mut sys::wasmc_caller_t,
    values: *mut sys::wasmc_val_raw_t,
    capacity: usize,
) -> *mut sys::wasmc_trap_t {
    let env = &*(env as *const HostEnv<T>);
    let slots: &mut [sys::wasmc_val_raw_t] = if capacity == 0 || values.is_null() {
        &mut []
    } else {
        std::slice::from_raw_parts_mut(values, capacity)
    };
    let caller = Caller { inner: env.store, raw: caller, _marker: PhantomData };
    match panic::catch_unwind(AssertUnwindSafe(|| (env.func)(caller, slots))) {
        Ok(Ok(())) => ptr::null_mut(),
        Ok(Err(trap)) => trap.into_raw(),
        Err(payload) => panic_trap("host function", payload).into_raw(),
    }
}

/// A new env for a host function of the store behind `inner`, as a raw pointer.
pub(crate) fn host_env<T>(inner: *mut StoreInner<T>, func: Arc<HostFn<T>>) -> *mut HostEnv<T> {
    Box::into_raw(Box::new(HostEnv { store: inner, func }))
}

pub(crate) fn finalizer<T>() -> Option<unsafe extern "C" fn(*mut c_void)> {
    Some(drop_box::<HostEnv<T>>)
}

/// A dynamically typed host closure as a [`HostFn`].
pub(crate) fn dynamic_host<T: 'static>(
    ty: FuncType,
    func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static,
) -> Arc<HostFn<T>> {
    Arc::new(move |caller: Caller<'_, T>, slots: &mut [sys::wasmc_val_raw_t]| {
        // SAFETY: the slots hold values of the function's type (wasmc checked the call).
        let store = unsafe { (*caller.inner).raw };
        let params: Vec<Val> = ty
            .params()
            .iter()
            .zip(slots.iter())
            .map(|(t, s)| unsafe { Val::from_slot(*t, s, store) })
            .collect();
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        func(caller, &params, &mut results)?;
        for (i, (r, t)) in results.iter().zip(ty.results()).enumerate() {
            if r.ty() != *t {
                return Err(Trap::new(format!(
                    "host function returned a {} for result {i} of type {t}",
                    r.ty()
                )));
            }
            // SAFETY: capacity is max(params, results).
            slots[i] = unsafe { r.to_slot(store) };
        }
        Ok(())
    })
}

impl Func {
    /// A host function of a Rust closure with typed parameters and results.
    ///
    /// The closure may take a [`Caller`] first, then up to 10 parameters of types
    /// implementing [`WasmTy`] (`i32`, `u32`, `i64`, `u64`, `f32`, `f64`, `Option<Func>`,
    /// `Option<ExternRef>`). It returns `()`, one such value, a tuple of them, or a
    /// `Result` of those with [`Trap`] or [`Error`] as error type (an error makes the calling
    /// Wasm code trap). A panic in the closure is caught and becomes a trap; it never unwinds
    /// through Wasm or C code, and the store remains usable.
    ///
    /// ```
    /// # use wasmc::*;
    /// let mut store = Store::new(&Engine::default(), 10);
    /// let add = Func::wrap(&mut store, |caller: Caller<'_, i32>, a: i32, b: i32| {
    ///     a + b + *caller.data()
    /// });
    /// let add = add.typed::<(i32, i32), i32>(&store)?;
    /// assert_eq!(add.call(&mut store, (1, 2))?, 13);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn wrap<T: 'static, Params, Results>(
        mut store: impl AsContextMut<Data = T>,
        func: impl IntoFunc<T, Params, Results>,
    ) -> Func {
        let (ty, host) = func.into_host();
        Func::from_host(store.as_context_mut().inner, &ty, host)
            .expect("creating a host function")
    }

    /// A host function of type `ty` taking and returning [`Val`]s. `results` is filled with
    /// zero values of the result types on entry. Panics are caught as for [`Func::wrap`].
    pub fn new<T: 'static>(
        mut store: impl AsContextMut<Data = T>,
        ty: FuncType,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Func {
        let host = dynamic_host(ty.clone(), func);
        Func::from_host(store.as_context_mut().inner, &ty, host)
            .expect("creating a host function")
    }

    pub(crate) fn from_host<T>(
        inner: *mut StoreInner<T>,
        ty: &FuncType,
        host: Arc<HostFn<T>>,
    ) -> Result<Func> {
        let raw_ty = ty.to_raw();
        let env = host_env(inner, host);
        let mut out = sys::wasmc_func_t::default();
        // SAFETY: the env is freed by the finalizer when the store is deleted, or here if the
        // call fails (then the finalizer does not run).
        unsafe {
            let err = sys::wasmc_func_new(
                (*inner).raw,
                raw_ty.0,
                Some(host_trampoline::<T>),
                env.cast(),
                finalizer::<T>(),
                &mut out,
            );
            if !err.is_null() {
                drop(Box::from_raw(env));
            }
            check(err)?;
        }
        Ok(Func(out))
    }

    /// The function's type.
    pub fn ty(&self, store: impl AsContext) -> FuncType {
        self.try_ty(store).expect("Func::ty: the function does not belong to this store")
    }

    fn try_ty(&self, store: impl AsContext) -> Option<FuncType> {
        let ctx = store.as_context();
        // SAFETY: the type is copied out and deleted.
        unsafe {
            let raw = sys::wasmc_func_type(ctx.raw(), &self.0);
            if raw.is_null() {
                return None;
            }
            let ty = FuncType::from_raw(raw);
            sys::wasmc_functype_delete(raw);
            Some(ty)
        }
    }

    /// Calls the function with dynamically typed values (checked against its type).
    /// `results` must have one slot per result. A trap is returned as an [`Error`] of kind
    /// [`ErrorKind::Trap`](crate::ErrorKind::Trap).
    pub fn call(
        &self,
        mut store: impl AsContextMut,
        params: &[Val],
        results: &mut [Val],
    ) -> Result<()> {
        let ctx = store.as_context_mut();
        let args: Vec<sys::wasmc_val_t> = params.iter().map(|v| v.to_raw()).collect();
        let mut outs: Vec<sys::wasmc_val_t> = results.iter().map(|v| v.to_raw()).collect();
        let mut trap = ptr::null_mut();
        // SAFETY: arrays of the given lengths; wasmc checks counts and kinds.
        unsafe {
            check_call(
                sys::wasmc_func_call(
                    ctx.raw(),
                    &self.0,
                    args.as_ptr(),
                    args.len(),
                    outs.as_mut_ptr(),
                    outs.len(),
                    &mut trap,
                ),
                trap,
            )?;
        }
        for (r, raw) in results.iter_mut().zip(&outs) {
            *r = Val::from_raw(raw);
        }
        Ok(())
    }

    /// A statically typed view of the function, after checking its type: `Params` and
    /// `Results` are a [`WasmTy`] type, `()`, or a tuple of [`WasmTy`] types.
    pub fn typed<Params: WasmParams, Results: WasmResults>(
        &self,
        store: impl AsContext,
    ) -> Result<TypedFunc<Params, Results>> {
        let ty = self.try_ty(store).ok_or_else(|| crate::store::wrong_store("the function"))?;
        let expected = FuncType::new(Params::valtypes(), Results::valtypes());
        if ty != expected {
            return Err(Error::misuse(format!(
                "type mismatch: the function is {ty}, not {expected}"
            )));
        }
        Ok(TypedFunc { func: *self, _marker: PhantomData })
    }

    pub(crate) fn from_handle(h: sys::wasmc_func_t) -> Option<Func> {
        (h.store_id != 0).then_some(Func(h))
    }

    pub(crate) unsafe fn opt_to_raw(f: Option<Func>, store: *mut sys::wasmc_store_t) -> *mut c_void {
        match f {
            Some(f) => sys::wasmc_func_to_raw(store, &f.0),
            None => ptr::null_mut(),
        }
    }

    pub(crate) unsafe fn opt_from_raw(
        raw: *mut c_void,
        store: *mut sys::wasmc_store_t,
    ) -> Option<Func> {
        Func::from_handle(sys::wasmc_func_from_raw(store, raw))
    }
}

/// A function whose type was checked once by [`Func::typed`]; calls pass raw values without
/// further checks (`wasmc_func_call_unchecked`).
pub struct TypedFunc<Params, Results> {
    func: Func,
    _marker: PhantomData<fn(Params) -> Results>,
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P, R> Copy for TypedFunc<P, R> {}

impl<P, R> std::fmt::Debug for TypedFunc<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("TypedFunc").field(&self.func).finish()
    }
}

impl<Params: WasmParams, Results: WasmResults> TypedFunc<Params, Results> {
    /// Calls the function. A trap is returned as an [`Error`] of kind
    /// [`ErrorKind::Trap`](crate::ErrorKind::Trap).
    pub fn call(&self, mut store: impl AsContextMut, params: Params) -> Result<Results> {
        let ctx = store.as_context_mut();
        let raw_store = ctx.raw();
        let n = Params::COUNT.max(Results::COUNT);
        let zero = sys::wasmc_val_raw_t { v128: [0; 16] };
        let mut inline = [zero; 16];
        let mut heap = Vec::new();
        let slots: &mut [sys::wasmc_val_raw_t] = if n <= inline.len() {
            &mut inline[..n]
        } else {
            heap.resize(n, zero);
            &mut heap
        };
        let mut trap = ptr::null_mut();
        // SAFETY: the types were checked by `typed`; the slots hold max(params, results).
        unsafe {
            params.store_slots(raw_store, slots);
            check_call(
                sys::wasmc_func_call_unchecked(
                    raw_store,
                    &self.func.0,
                    slots.as_mut_ptr(),
                    n,
                    &mut trap,
                ),
                trap,
            )?;
            Ok(Results::load_slots(raw_store, slots))
        }
    }

    /// The underlying function.
    pub fn func(&self) -> &Func {
        &self.func
    }
}

// ---- Typed values -----------------------------------------------------------------------------

mod sealed {
    pub trait Sealed {}
}

/// A Rust type that is a Wasm value type: `i32`, `u32` (as `i32`), `i64`, `u64` (as `i64`),
/// `f32`, `f64`, `Option<Func>` (`funcref`) and `Option<ExternRef>` (`externref`).
pub trait WasmTy: sealed::Sealed + Sized + Send + 'static {
    /// The Wasm type.
    fn valtype() -> ValType;
    #[doc(hidden)]
    unsafe fn to_slot(self, store: *mut sys::wasmc_store_t) -> sys::wasmc_val_raw_t;
    #[doc(hidden)]
    unsafe fn from_slot(slot: &sys::wasmc_val_raw_t, store: *mut sys::wasmc_store_t) -> Self;
}

macro_rules! wasm_ty_num {
    ($($t:ty => $vt:ident, $field:ident, $as:ty;)*) => {$(
        impl sealed::Sealed for $t {}
        impl WasmTy for $t {
            fn valtype() -> ValType {
                ValType::$vt
            }
            unsafe fn to_slot(self, _: *mut sys::wasmc_store_t) -> sys::wasmc_val_raw_t {
                let mut slot = sys::wasmc_val_raw_t { v128: [0; 16] };
                slot.$field = self as $as;
                slot
            }
            unsafe fn from_slot(slot: &sys::wasmc_val_raw_t, _: *mut sys::wasmc_store_t) -> Self {
                slot.$field as $t
            }
        }
    )*};
}

wasm_ty_num! {
    i32 => I32, i32, i32;
    u32 => I32, i32, i32;
    i64 => I64, i64, i64;
    u64 => I64, i64, i64;
    f32 => F32, f32, f32;
    f64 => F64, f64, f64;
}

impl sealed::Sealed for Option<Func> {}
impl WasmTy for Option<Func> {
    fn valtype() -> ValType {
        ValType::FuncRef
    }
    unsafe fn to_slot(self, store: *mut sys::wasmc_store_t) -> sys::wasmc_val_raw_t {
        let mut slot = sys::wasmc_val_raw_t { v128: [0; 16] };
        slot.funcref = Func::opt_to_raw(self, store);
        slot
    }
    unsafe fn from_slot(slot: &sys::wasmc_val_raw_t, store: *mut sys::wasmc_store_t) -> Self {
        Func::opt_from_raw(slot.funcref, store)
    }
}

impl sealed::Sealed for Option<ExternRef> {}
impl WasmTy for Option<ExternRef> {
    fn valtype() -> ValType {
        ValType::ExternRef
    }
    unsafe fn to_slot(self, store: *mut sys::wasmc_store_t) -> sys::wasmc_val_raw_t {
        let mut slot = sys::wasmc_val_raw_t { v128: [0; 16] };
        slot.externref = ExternRef::opt_to_raw(self, store);
        slot
    }
    unsafe fn from_slot(slot: &sys::wasmc_val_raw_t, store: *mut sys::wasmc_store_t) -> Self {
        ExternRef::opt_from_raw(slot.externref, store)
    }
}

/// The parameters of a [`TypedFunc`]: a [`WasmTy`], `()`, or a tuple of up to 10 of them.
pub trait WasmParams: Send {
    #[doc(hidden)]
    const COUNT: usize;
    /// The Wasm types, in order.
    fn valtypes() -> Vec<ValType>;
    #[doc(hidden)]
    unsafe fn store_slots(self, store: *mut sys::wasmc_store_t, slots: &mut [sys::wasmc_val_raw_t]);
}

/// The results of a [`TypedFunc`] or a host function: a [`WasmTy`], `()`, or a tuple of up
/// to 10 of them.
pub trait WasmResults: Sized {
    #[doc(hidden)]
    const COUNT: usize;
    /// The Wasm types, in order.
    fn valtypes() -> Vec<ValType>;
    #[doc(hidden)]
    unsafe fn load_slots(store: *mut sys::wasmc_store_t, slots: &[sys::wasmc_val_raw_t]) -> Self;
    #[doc(hidden)]
    unsafe fn store_results(self, store: *mut sys::wasmc_store_t, slots: &mut [sys::wasmc_val_raw_t]);
}

impl<T: WasmTy> WasmParams for T {
    const COUNT: usize = 1;
    fn valtypes() -> Vec<ValType> {
        vec![T::valtype()]
    }
    unsafe fn store_slots(self, store: *mut sys::wasmc_store_t, slots: &mut [sys::wasmc_val_raw_t]) {
        slots[0] = self.to_slot(store);
    }
}

impl<T: WasmTy> WasmResults for T {
    const COUNT: usize = 1;
    fn valtypes() -> Vec<ValType> {
        vec![T::valtype()]
    }
    unsafe fn load_slots(store: *mut sys::wasmc_store_t, slots: &[sys::wasmc_val_raw_t]) -> Self {
        T::from_slot(&slots[0], store)
    }
    unsafe fn store_results(self, store: *mut sys::wasmc_store_t, slots: &mut [sys::wasmc_val_raw_t]) {
        slots[0] = self.to_slot(store);
    }
}

macro_rules! tuples {
    ($(($($t:ident $i:tt),*);)*) => {$(
        impl<$($t: WasmTy,)*> WasmParams for ($($t,)*) {
            const COUNT: usize = 0 $(+ { let _ = $i; 1 })*;
            fn valtypes() -> Vec<ValType> {
                vec![$($t::valtype()),*]
            }
            #[allow(unused_variables)]
            unsafe fn store_slots(
                self,
                store: *mut sys::wasmc_store_t,
                slots: &mut [sys::wasmc_val_raw_t],
            ) {
                $(slots[$i] = self.$i.to_slot(store);)*
            }
        }

        impl<$($t: WasmTy,)*> WasmResults for ($($t,)*) {
            const COUNT: usize = 0 $(+ { let _ = $i; 1 })*;
            fn valtypes() -> Vec<ValType> {
                vec![$($t::valtype()),*]
            }
            #[allow(unused_variables, clippy::unused_unit)]
            unsafe fn load_slots(
                store: *mut sys::wasmc_store_t,
                slots: &[sys::wasmc_val_raw_t],
            ) -> Self {
                ($($t::from_slot(&slots[$i], store),)*)
            }
            #[allow(unused_variables)]
            unsafe fn store_results(
                self,
                store: *mut sys::wasmc_store_t,
                slots: &mut [sys::wasmc_val_raw_t],
            ) {
                $(slots[$i] = self.$i.to_slot(store);)*
            }
        }
    )*};
}

tuples! {
    ();
    (A0 0);
    (A0 0, A1 1);
    (A0 0, A1 1, A2 2);
    (A0 0, A1 1, A2 2, A3 3);
    (A0 0, A1 1, A2 2, A3 3, A4 4);
    (A0 0, A1 1, A2 2, A3 3, A4 4, A5 5);
    (A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6);
    (A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7);
    (A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8);
    (A0 0, A1 1, A2 2, A3 3, A4 4, A5 5, A6 6, A7 7, A8 8, A9 9);
}

/// What a host closure may return: [`WasmResults`], or a `Result` of them with [`Trap`] or
/// [`Error`] as error (an `Err` makes the calling Wasm code trap).
pub trait WasmRet {
    /// The results on success.
    type Results: WasmResults;
    #[doc(hidden)]
    fn into_results(self) -> Result<Self::Results, Trap>;
}

impl<R: WasmResults> WasmRet for R {
    type Results = R;
    fn into_results(self) -> Result<R, Trap> {
        Ok(self)
    }
}

impl<R: WasmResults> WasmRet for Result<R, Trap> {
    type Results = R;
    fn into_results(self) -> Result<R, Trap> {
        self
    }
}

impl<R: WasmResults> WasmRet for Result<R, Error> {
    type Results = R;
    fn into_results(self) -> Result<R, Trap> {
        self.map_err(Trap::from)
    }
}

/// Rust closures usable as host functions ([`Func::wrap`], [`Linker::func_wrap`]):
/// `Fn(Caller<'_, T>, A1, ..., An) -> R` or `Fn(A1, ..., An) -> R` with up to 10 [`WasmTy`]
/// parameters and `R:` [`WasmRet`]. `Params` and `Results` only guide type inference.
///
/// [`Linker::func_wrap`]: crate::Linker::func_wrap
pub trait IntoFunc<T, Params, Results>: Send + Sync + 'static {
    #[doc(hidden)]
    fn into_host(self) -> (FuncType, Arc<HostFn<T>>);
}

macro_rules! into_func {
    ($(($($a:ident $v:ident),*);)*) => {$(
        impl<T: 'static, F, $($a: WasmTy,)* R: WasmRet> IntoFunc<T, (Caller<'_, T>, $($a,)*), R>
            for F
        where
            F: Fn(Caller<'_, T>, $($a),*) -> R + Send + Sync + 'static,
        {
            fn into_host(self) -> (FuncType, Arc<HostFn<T>>) {
                let ty = FuncType::new(vec![$($a::valtype()),*], R::Results::valtypes());
                let host = move |caller: Caller<'_, T>, slots: &mut [sys::wasmc_val_raw_t]| {
                    // SAFETY: wasmc passes values of the function's type.
                    let store = unsafe { (*caller.inner).raw };
                    #[allow(unused_mut, unused_variables)]
                    let mut it = slots.iter();
                    $(let $v = unsafe { $a::from_slot(it.next().unwrap(), store) };)*
                    let results = self(caller, $($v),*).into_results()?;
                    unsafe { results.store_results(store, slots) };
                    Ok(())
                };
                (ty, Arc::new(host))
            }
        }

        impl<T: 'static, F, $($a: WasmTy,)* R: WasmRet> IntoFunc<T, ($($a,)*), R> for F
        where
            F: Fn($($a),*) -> R + Send + Sync + 'static,
        {
            fn into_host(self) -> (FuncType, Arc<HostFn<T>>) {
                let ty = FuncType::new(vec![$($a::valtype()),*], R::Results::valtypes());
                let host = move |caller: Caller<'_, T>, slots: &mut [sys::wasmc_val_raw_t]| {
                    // SAFETY: wasmc passes values of the function's type.
                    let store = unsafe { (*caller.inner).raw };
                    #[allow(unused_mut, unused_variables)]
                    let mut it = slots.iter();
                    $(let $v = unsafe { $a::from_slot(it.next().unwrap(), store) };)*
                    let results = self($($v),*).into_results()?;
                    unsafe { results.store_results(store, slots) };
                    Ok(())
                };
                (ty, Arc::new(host))
            }
        }
    )*};
}

into_func! {
    ();
    (A0 a0);
    (A0 a0, A1 a1);
    (A0 a0, A1 a1, A2 a2);
    (A0 a0, A1 a1, A2 a2, A3 a3);
    (A0 a0, A1 a1, A2 a2, A3 a3, A4 a4);
    (A0 a0, A1 a1, A2 a2, A3 a3, A4 a4, A5 a5);
    (A0 a0, A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6);
    (A0 a0, A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7);
    (A0 a0, A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7, A8 a8);
    (A0 a0, A1 a1, A2 a2, A3 a3, A4 a4, A5 a5, A6 a6, A7 a7, A8 a8, A9 a9);
}
