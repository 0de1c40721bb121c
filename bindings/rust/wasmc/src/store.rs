//! [`Store`], the context traits, and [`Caller`].

use std::any::Any;
use std::collections::HashMap;
use std::ffi::c_void;
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;

use wasmc_sys as sys;

use crate::engine::Engine;
use crate::error::{check, Error, Result, Trap};
use crate::externals::Extern;
use crate::func::Func;

pub(crate) struct StoreInner<T> {
    pub(crate) raw: *mut sys::wasmc_store_t,
    pub(crate) engine: Engine,
    pub(crate) data: T,
    /// Host functions of linkers created in this store: linker definition id -> function.
    pub(crate) linker_funcs: HashMap<u64, Func>,
}

/// Owns Wasm instances and everything they create (functions, memories, tables, globals),
/// plus host data of type `T` that host functions reach through [`Caller::data`].
///
/// Objects of a store are small `Copy` handles ([`Func`], [`Memory`](crate::Memory), ...)
/// that are valid as long as the store lives; they are never freed one by one. Dropping the
/// store frees everything and drops every host closure exactly once. A store is used by one
/// thread at a time; it is `Send` if `T` is.
pub struct Store<T> {
    // A raw pointer (from Box::into_raw) rather than a Box: host functions reach the store
    // through the same pointer while a call that borrowed the Store is running.
    inner: *mut StoreInner<T>,
}

// SAFETY: a wasmc store may move between threads (used by one at a time); host closures are
// required to be Send + Sync.
unsafe impl<T: Send> Send for Store<T> {}

impl<T> Store<T> {
    /// A new, empty store of `engine` holding `data`.
    pub fn new(engine: &Engine, data: T) -> Store<T> {
        let mut raw = ptr::null_mut();
        // SAFETY: plain constructor.
        unsafe { check(sys::wasmc_store_new(engine.raw(), &mut raw)) }
            .expect("wasmc_store_new failed");
        let inner = Box::new(StoreInner {
            raw,
            engine: engine.clone(),
            data,
            linker_funcs: HashMap::new(),
        });
        Store { inner: Box::into_raw(inner) }
    }

    /// The host data.
    pub fn data(&self) -> &T {
        // SAFETY: valid while self lives; shared borrow of self.
        unsafe { &(*self.inner).data }
    }

    /// The host data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        // SAFETY: exclusive borrow of self.
        unsafe { &mut (*self.inner).data }
    }

    /// Drops the store (and everything in it) and returns its host data.
    pub fn into_data(self) -> T {
        let inner = self.inner;
        std::mem::forget(self);
        // SAFETY: we own the box; the wasmc store is deleted before the data moves out.
        unsafe {
            sys::wasmc_store_delete((*inner).raw);
            let inner = Box::from_raw(inner);
            inner.data
        }
    }

    /// The store's engine.
    pub fn engine(&self) -> &Engine {
        // SAFETY: as for data().
        unsafe { &(*self.inner).engine }
    }

    /// Sets the remaining fuel (the engine must have
    /// [`Config::consume_fuel`](crate::Config::consume_fuel) on).
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        self.as_context_mut().set_fuel(fuel)
    }

    /// The remaining fuel.
    pub fn get_fuel(&self) -> Result<u64> {
        self.as_context().get_fuel()
    }

    /// Makes Wasm code of this store stop (trap with
    /// [`TrapCode::Interrupt`](crate::TrapCode::Interrupt)) once the engine's epoch has been
    /// incremented `ticks` more times. Needs
    /// [`Config::epoch_interruption`](crate::Config::epoch_interruption).
    pub fn set_epoch_deadline(&mut self, ticks: u64) -> Result<()> {
        // SAFETY: live store.
        unsafe { check(sys::wasmc_store_epoch_deadline_set(self.raw(), ticks)) }
    }

    /// Calls `callback` when the epoch deadline is reached instead of trapping. It returns
    /// `Ok(delta)` to continue with a new deadline `delta` ticks ahead, or a trap. A panic
    /// in the callback becomes a trap.
    pub fn epoch_deadline_callback(
        &mut self,
        callback: impl FnMut(StoreContextMut<'_, T>) -> Result<u64, Trap> + Send + Sync + 'static,
    ) -> Result<()>
    where
        T: 'static,
    {
        struct Env<T> {
            store: *mut StoreInner<T>,
            callback: Box<dyn FnMut(StoreContextMut<'_, T>) -> Result<u64, Trap> + Send + Sync>,
        }
        unsafe extern "C" fn call<T>(
            env: *mut c_void,
            _store: *mut sys::wasmc_store_t,
            delta_out: *mut u64,
        ) -> *mut sys::wasmc_trap_t {
            let env = &mut *(env as *mut Env<T>);
            let ctx = StoreContextMut { inner: env.store, _marker: PhantomData };
            match panic::catch_unwind(AssertUnwindSafe(|| (env.callback)(ctx))) {
                Ok(Ok(delta)) => {
                    *delta_out = delta;
                    ptr::null_mut()
                }
                Ok(Err(trap)) => trap.into_raw(),
                Err(payload) => panic_trap("epoch deadline callback", payload).into_raw(),
            }
        }
        let env = Box::into_raw(Box::new(Env { store: self.inner, callback: Box::new(callback) }));
        // SAFETY: env is freed by the finalizer, or here on error.
        unsafe {
            let err = sys::wasmc_store_epoch_deadline_callback_set(
                self.raw(),
                Some(call::<T>),
                env.cast(),
                Some(drop_box::<Env<T>>),
            );
            if !err.is_null() {
                drop(Box::from_raw(env));
            }
            check(err)
        }
    }

    /// Caps the store's resources (see [`StoreLimits`]).
    pub fn limiter(&mut self, limits: StoreLimits) -> Result<()> {
        let l = limits;
        // SAFETY: live store.
        unsafe {
            check(sys::wasmc_store_limiter_set(
                self.raw(),
                l.memory_size,
                l.table_elements,
                l.instances,
                l.tables,
                l.memories,
            ))
        }
    }

    /// Installs a callback asked before any memory or table of the store grows (including
    /// its creation), once the growth is within the declared maximum and the
    /// [`StoreLimits`]: it gets the kind of resource and the current and desired sizes (bytes
    /// for memories, elements for tables) and returns true to allow the growth. It must not
    /// use the store. A panic in it is caught and refuses the growth.
    pub fn limiter_callback(
        &mut self,
        callback: impl FnMut(ResourceKind, u64, u64) -> bool + Send + Sync + 'static,
    ) -> Result<()> {
        type Callback = Box<dyn FnMut(ResourceKind, u64, u64) -> bool + Send + Sync>;
        unsafe extern "C" fn call(
            env: *mut c_void,
            kind: sys::wasmc_resource_kind_t,
            current: u64,
            desired: u64,
        ) -> bool {
            let callback = &mut *(env as *mut Callback);
            let kind = match kind {
                sys::WASMC_RESOURCE_MEMORY => ResourceKind::Memory,
                _ => ResourceKind::Table,
            };
            panic::catch_unwind(AssertUnwindSafe(|| callback(kind, current, desired)))
                .unwrap_or(false)
        }
        let env: *mut Callback = Box::into_raw(Box::new(Box::new(callback) as Callback));
        // SAFETY: env is freed by the finalizer, or here on error.
        unsafe {
            let err = sys::wasmc_store_limiter_callback_set(
                self.raw(),
                Some(call),
                env.cast(),
                Some(drop_box::<Callback>),
            );
            if !err.is_null() {
                drop(Box::from_raw(env));
            }
            check(err)
        }
    }

    pub(crate) fn raw(&self) -> *mut sys::wasmc_store_t {
        // SAFETY: valid while self lives.
        unsafe { (*self.inner).raw }
    }
}

impl<T> Drop for Store<T> {
    fn drop(&mut self) {
        // SAFETY: we own the box. wasmc_store_delete runs the finalizers (dropping the host
        // closures) before the host data is dropped.
        unsafe {
            sys::wasmc_store_delete((*self.inner).raw);
            drop(Box::from_raw(self.inner));
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Store<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("data", self.data()).finish_non_exhaustive()
    }
}

impl<T: Default> Default for Store<T> {
    /// A store of a default engine with default data.
    fn default() -> Store<T> {
        Store::new(&Engine::default(), T::default())
    }
}

/// What a [`Store::limiter_callback`] is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    /// A linear memory; sizes in bytes.
    Memory,
    /// A table; sizes in elements.
    Table,
}

/// Limits on the resources of a [`Store`]; `u64::MAX` (the default) means no limit. Growth
/// of a memory or table past a limit fails (`memory.grow` returns -1 to the guest); creating
/// an instance, memory or table past a limit fails with
/// [`ErrorKind::Resource`](crate::ErrorKind::Resource).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreLimits {
    /// The most bytes any one linear memory may have.
    pub memory_size: u64,
    /// The most elements any one table may have.
    pub table_elements: u64,
    /// The most instances the store may hold.
    pub instances: u64,
    /// The most tables the store may hold.
    pub tables: u64,
    /// The most memories the store may hold.
    pub memories: u64,
}

impl Default for StoreLimits {
    fn default() -> StoreLimits {
        StoreLimits {
            memory_size: u64::MAX,
            table_elements: u64::MAX,
            instances: u64::MAX,
            tables: u64::MAX,
            memories: u64::MAX,
        }
    }
}

pub(crate) unsafe extern "C" fn drop_box<E>(env: *mut c_void) {
    // A panicking destructor must not unwind into C.
    let _ = panic::catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(env as *mut E))));
}

pub(crate) fn panic_trap(what: &str, payload: Box<dyn Any + Send>) -> Trap {
    let message = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "Box<dyn Any>".to_string()
    };
    Trap::new(format!("{what} panicked: {message}"))
}

// ---- Contexts ----------------------------------------------------------------------------------

/// A shared borrow of a store, from [`AsContext::as_context`].
pub struct StoreContext<'a, T> {
    pub(crate) inner: *mut StoreInner<T>,
    _marker: PhantomData<&'a StoreInner<T>>,
}

/// An exclusive borrow of a store, from [`AsContextMut::as_context_mut`].
pub struct StoreContextMut<'a, T> {
    pub(crate) inner: *mut StoreInner<T>,
    _marker: PhantomData<&'a mut StoreInner<T>>,
}

/// Things that give shared access to a store: [`Store`], [`Caller`], the contexts, and
/// references to them. Functions taking `impl AsContext` read store objects.
pub trait AsContext {
    /// The store's host data type.
    type Data;
    /// The store, borrowed.
    fn as_context(&self) -> StoreContext<'_, Self::Data>;
}

/// Things that give exclusive access to a store. Functions taking `impl AsContextMut` may
/// run Wasm code or change store objects; passing `&mut store` ends every borrow of memory
/// obtained before.
pub trait AsContextMut: AsContext {
    /// The store, borrowed exclusively.
    fn as_context_mut(&mut self) -> StoreContextMut<'_, Self::Data>;
}

impl<'a, T> StoreContext<'a, T> {
    /// The host data.
    pub fn data(&self) -> &'a T {
        // SAFETY: shared borrow for 'a.
        unsafe { &(*self.inner).data }
    }

    /// The store's engine.
    pub fn engine(&self) -> &'a Engine {
        // SAFETY: as above.
        unsafe { &(*self.inner).engine }
    }

    /// The remaining fuel.
    pub fn get_fuel(&self) -> Result<u64> {
        let mut fuel = 0;
        // SAFETY: live store.
        unsafe { check(sys::wasmc_store_fuel_get(self.raw(), &mut fuel))? };
        Ok(fuel)
    }

    pub(crate) fn raw(&self) -> *mut sys::wasmc_store_t {
        // SAFETY: live store.
        unsafe { (*self.inner).raw }
    }
}

impl<'a, T> StoreContextMut<'a, T> {
    /// The host data.
    pub fn data(&self) -> &T {
        // SAFETY: borrow of self.
        unsafe { &(*self.inner).data }
    }

    /// The host data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        // SAFETY: exclusive borrow of self.
        unsafe { &mut (*self.inner).data }
    }

    /// The store's engine.
    pub fn engine(&self) -> &Engine {
        // SAFETY: as above.
        unsafe { &(*self.inner).engine }
    }

    /// Sets the remaining fuel.
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        // SAFETY: live store.
        unsafe { check(sys::wasmc_store_fuel_set(self.raw(), fuel)) }
    }

    /// The remaining fuel.
    pub fn get_fuel(&self) -> Result<u64> {
        self.as_context().get_fuel()
    }

    pub(crate) fn raw(&self) -> *mut sys::wasmc_store_t {
        // SAFETY: live store.
        unsafe { (*self.inner).raw }
    }

    pub(crate) fn linker_func(&mut self, def: u64) -> Option<Func> {
        // SAFETY: exclusive borrow.
        unsafe { (*self.inner).linker_funcs.get(&def).copied() }
    }

    pub(crate) fn set_linker_func(&mut self, def: u64, func: Func) {
        // SAFETY: exclusive borrow.
        unsafe { (*self.inner).linker_funcs.insert(def, func) };
    }
}

impl<T> AsContext for Store<T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext { inner: self.inner, _marker: PhantomData }
    }
}

impl<T> AsContextMut for Store<T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut { inner: self.inner, _marker: PhantomData }
    }
}

impl<T> AsContext for StoreContext<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext { inner: self.inner, _marker: PhantomData }
    }
}

impl<T> AsContext for StoreContextMut<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext { inner: self.inner, _marker: PhantomData }
    }
}

impl<T> AsContextMut for StoreContextMut<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut { inner: self.inner, _marker: PhantomData }
    }
}

impl<C: AsContext + ?Sized> AsContext for &C {
    type Data = C::Data;
    fn as_context(&self) -> StoreContext<'_, C::Data> {
        (**self).as_context()
    }
}

impl<C: AsContext + ?Sized> AsContext for &mut C {
    type Data = C::Data;
    fn as_context(&self) -> StoreContext<'_, C::Data> {
        (**self).as_context()
    }
}

impl<C: AsContextMut + ?Sized> AsContextMut for &mut C {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, C::Data> {
        (**self).as_context_mut()
    }
}

// ---- Caller ------------------------------------------------------------------------------------

/// The context of a host function call: access to the store (its data, its objects, calls
/// back into Wasm) and to the exports of the calling instance.
pub struct Caller<'a, T> {
    pub(crate) inner: *mut StoreInner<T>,
    pub(crate) raw: *mut sys::wasmc_caller_t,
    pub(crate) _marker: PhantomData<&'a mut StoreInner<T>>,
}

impl<T> Caller<'_, T> {
    /// The store's host data.
    pub fn data(&self) -> &T {
        // SAFETY: the store outlives the call; borrow of self.
        unsafe { &(*self.inner).data }
    }

    /// The store's host data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        // SAFETY: exclusive borrow of self.
        unsafe { &mut (*self.inner).data }
    }

    /// The store's engine.
    pub fn engine(&self) -> &Engine {
        // SAFETY: as above.
        unsafe { &(*self.inner).engine }
    }

    /// An export of the instance whose Wasm code called this host function (typically its
    /// `"memory"`). `None` if there is no such export, or if the host function was called
    /// from the host rather than from Wasm.
    pub fn get_export(&mut self, name: &str) -> Option<Extern> {
        let mut out = Extern::zeroed_raw();
        // SAFETY: the caller is valid during the callback.
        let found = unsafe {
            sys::wasmc_caller_export_get(self.raw, name.as_ptr().cast(), name.len(), &mut out)
        };
        found.then(|| Extern::from_raw(&out))
    }

    /// Sets the remaining fuel of the store.
    pub fn set_fuel(&mut self, fuel: u64) -> Result<()> {
        self.as_context_mut().set_fuel(fuel)
    }

    /// The remaining fuel of the store.
    pub fn get_fuel(&self) -> Result<u64> {
        self.as_context().get_fuel()
    }
}

impl<T> AsContext for Caller<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext { inner: self.inner, _marker: PhantomData }
    }
}

impl<T> AsContextMut for Caller<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut { inner: self.inner, _marker: PhantomData }
    }
}

/// A [`Error`] for a handle used with a store that does not own it.
pub(crate) fn wrong_store(what: &str) -> Error {
    Error::misuse(format!("{what} does not belong to this store"))
}
