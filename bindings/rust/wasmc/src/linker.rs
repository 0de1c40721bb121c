//! [`Linker`]: resolves imports by name.

use std::collections::HashMap;
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use wasmc_sys as sys;

use crate::engine::Engine;
use crate::error::{check, check_call, Error, Result, Trap};
use crate::externals::Extern;
use crate::func::{dynamic_host, finalizer, host_env, host_trampoline, Func, HostFn, IntoFunc};
use crate::instance::Instance;
use crate::module::Module;
use crate::store::{AsContext, AsContextMut, Caller, StoreContextMut};
use crate::types::FuncType;
use crate::values::Val;

static NEXT_DEFINITION: AtomicU64 = AtomicU64::new(1);

/// A host function definition of a linker, not tied to a store: it is created in a store the
/// first time a module of that store imports it.
struct HostDef<T> {
    id: u64,
    ty: FuncType,
    func: Arc<HostFn<T>>,
}

enum Definition<T> {
    Host(HostDef<T>),
    Extern,
}

/// A name space of definitions (`module`.`name` -> extern) that instantiates modules by
/// resolving their imports by name; a wrapper of wasmc's linker.
///
/// Host functions ([`Linker::func_wrap`], [`Linker::func_new`]) belong to no store: each is
/// created in a store when a module instantiated there first imports it (and dropped with
/// that store). Externs ([`Linker::define`], [`Linker::instance`]) belong to the store they
/// came from and can only satisfy imports of modules instantiated in that store.
///
/// Defining a name twice is an error unless [`Linker::allow_shadowing`] is on.
pub struct Linker<T> {
    engine: Engine,
    raw: *mut sys::wasmc_linker_t,
    allow_shadowing: bool,
    definitions: HashMap<(String, String), Definition<T>>,
}

// SAFETY: a wasmc linker may be used from any thread, one at a time; host closures are
// Send + Sync.
unsafe impl<T> Send for Linker<T> {}

impl<T: 'static> Linker<T> {
    /// An empty linker for modules of `engine`.
    pub fn new(engine: &Engine) -> Linker<T> {
        let mut raw = ptr::null_mut();
        // SAFETY: plain constructor.
        unsafe { check(sys::wasmc_linker_new(engine.raw(), &mut raw)) }
            .expect("wasmc_linker_new failed");
        Linker { engine: engine.clone(), raw, allow_shadowing: false, definitions: HashMap::new() }
    }

    /// The linker's engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Allows (or forbids, the default) redefining a name; a later definition replaces the
    /// earlier one.
    pub fn allow_shadowing(&mut self, allow: bool) -> &mut Self {
        self.allow_shadowing = allow;
        // SAFETY: live linker.
        unsafe { sys::wasmc_linker_allow_shadowing(self.raw, allow) };
        self
    }

    fn check_free(&self, module: &str, name: &str) -> Result<()> {
        if !self.allow_shadowing && self.definitions.contains_key(&key(module, name)) {
            return Err(Error::misuse(format!(
                "`{module}`.`{name}` is already defined (see Linker::allow_shadowing)"
            )));
        }
        Ok(())
    }

    /// Defines `module`.`name` as `item`, an extern of `store`.
    pub fn define(
        &mut self,
        store: impl AsContext<Data = T>,
        module: &str,
        name: &str,
        item: impl Into<Extern>,
    ) -> Result<&mut Self> {
        self.check_free(module, name)?;
        let item = item.into().to_raw();
        // SAFETY: live linker and store; names borrowed for the call.
        unsafe {
            check(sys::wasmc_linker_define(
                self.raw,
                store.as_context().raw(),
                module.as_ptr().cast(),
                module.len(),
                name.as_ptr().cast(),
                name.len(),
                &item,
            ))?;
        }
        self.definitions.insert(key(module, name), Definition::Extern);
        Ok(self)
    }

    /// Defines every export of `instance` (an instance of `store`) as `module`.`export`.
    pub fn instance(
        &mut self,
        store: impl AsContext<Data = T>,
        module: &str,
        instance: Instance,
    ) -> Result<&mut Self> {
        let exports = instance.exports(&store);
        for (name, _) in &exports {
            self.check_free(module, name)?;
        }
        // SAFETY: live linker and store.
        unsafe {
            check(sys::wasmc_linker_define_instance(
                self.raw,
                store.as_context().raw(),
                module.as_ptr().cast(),
                module.len(),
                &instance.0,
            ))?;
        }
        for (name, _) in exports {
            self.definitions.insert(key(module, &name), Definition::Extern);
        }
        Ok(self)
    }

    /// Defines `module`.`name` as a host function of a Rust closure; see [`Func::wrap`] for
    /// the closures accepted.
    pub fn func_wrap<Params, Results>(
        &mut self,
        module: &str,
        name: &str,
        func: impl IntoFunc<T, Params, Results>,
    ) -> Result<&mut Self> {
        self.check_free(module, name)?;
        let (ty, func) = func.into_host();
        self.define_host(module, name, ty, func);
        Ok(self)
    }

    /// Defines `module`.`name` as a dynamically typed host function; see [`Func::new`].
    pub fn func_new(
        &mut self,
        module: &str,
        name: &str,
        ty: FuncType,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Result<&mut Self> {
        self.check_free(module, name)?;
        let host = dynamic_host(ty.clone(), func);
        self.define_host(module, name, ty, host);
        Ok(self)
    }

    fn define_host(&mut self, module: &str, name: &str, ty: FuncType, func: Arc<HostFn<T>>) {
        let id = NEXT_DEFINITION.fetch_add(1, Ordering::Relaxed);
        self.definitions.insert(key(module, name), Definition::Host(HostDef { id, ty, func }));
    }

    /// The host function `def` in the store of `ctx`, created on first use, and named
    /// `module`.`name` for that store in the wasmc linker.
    fn host_func(
        &self,
        ctx: &mut StoreContextMut<'_, T>,
        module: &str,
        name: &str,
        def: &HostDef<T>,
    ) -> Result<Func> {
        let (m, n) = (module.as_ptr().cast(), name.as_ptr().cast());
        // SAFETY: live linker and store. Shadowing is switched on only around our own
        // (re)definitions of a name that this linker already holds.
        unsafe {
            let mut current = Extern::zeroed_raw();
            let named = sys::wasmc_linker_get(
                self.raw,
                ctx.raw(),
                m,
                module.len(),
                n,
                name.len(),
                &mut current,
            );
            if let Some(func) = ctx.linker_func(def.id) {
                if named && Extern::from_raw(&current) == Extern::Func(func) {
                    return Ok(func);
                }
                let item = Extern::Func(func).to_raw();
                sys::wasmc_linker_allow_shadowing(self.raw, true);
                let err = sys::wasmc_linker_define(
                    self.raw,
                    ctx.raw(),
                    m,
                    module.len(),
                    n,
                    name.len(),
                    &item,
                );
                sys::wasmc_linker_allow_shadowing(self.raw, self.allow_shadowing);
                check(err)?;
                return Ok(func);
            }
            let ty = def.ty.to_raw();
            let env = host_env(ctx.inner, def.func.clone());
            sys::wasmc_linker_allow_shadowing(self.raw, true);
            let err = sys::wasmc_linker_define_func(
                self.raw,
                ctx.raw(),
                m,
                module.len(),
                n,
                name.len(),
                ty.0,
                Some(host_trampoline::<T>),
                env.cast(),
                finalizer::<T>(),
            );
            sys::wasmc_linker_allow_shadowing(self.raw, self.allow_shadowing);
            if !err.is_null() {
                drop(Box::from_raw(env));
                return Err(Error::from_raw(err));
            }
            let mut out = Extern::zeroed_raw();
            let found = sys::wasmc_linker_get(
                self.raw,
                ctx.raw(),
                m,
                module.len(),
                n,
                name.len(),
                &mut out,
            );
            let func = found
                .then(|| Extern::from_raw(&out).into_func())
                .flatten()
                .ok_or_else(|| Error::new(crate::ErrorKind::Internal, "linker lost a function"))?;
            ctx.set_linker_func(def.id, func);
            Ok(func)
        }
    }

    /// The definition of `module`.`name` usable in `store` (host functions are created in
    /// the store if needed).
    pub fn get(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &str,
        name: &str,
    ) -> Option<Extern> {
        let mut ctx = store.as_context_mut();
        if let Some(Definition::Host(def)) = self.definitions.get(&key(module, name)) {
            return self.host_func(&mut ctx, module, name, def).ok().map(Extern::Func);
        }
        let mut out = Extern::zeroed_raw();
        // SAFETY: live linker and store.
        let found = unsafe {
            sys::wasmc_linker_get(
                self.raw,
                ctx.raw(),
                module.as_ptr().cast(),
                module.len(),
                name.as_ptr().cast(),
                name.len(),
                &mut out,
            )
        };
        found.then(|| Extern::from_raw(&out))
    }

    /// Instantiates `module` in `store`, resolving each import by its module and field name.
    /// Fails with [`ErrorKind::Unlinkable`](crate::ErrorKind::Unlinkable) ("unknown import:
    /// `env`.`f`", "incompatible import type for `env`.`f`"), or with a trap as
    /// [`Instance::new`] does.
    pub fn instantiate(
        &self,
        mut store: impl AsContextMut<Data = T>,
        module: &Module,
    ) -> Result<Instance> {
        let mut ctx = store.as_context_mut();
        for import in module.imports() {
            if let Some(Definition::Host(def)) =
                self.definitions.get(&key(import.module(), import.name()))
            {
                self.host_func(&mut ctx, import.module(), import.name(), def)?;
            }
        }
        let mut out = sys::wasmc_instance_t::default();
        let mut trap = ptr::null_mut();
        // SAFETY: live linker, store and module.
        unsafe {
            check_call(
                sys::wasmc_linker_instantiate(self.raw, ctx.raw(), module.raw(), &mut out, &mut trap),
                trap,
            )?;
        }
        Ok(Instance(out))
    }
}

impl<T> std::fmt::Debug for Linker<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<_> = self.definitions.keys().collect();
        names.sort();
        f.debug_struct("Linker").field("definitions", &names).finish_non_exhaustive()
    }
}

impl<T> Drop for Linker<T> {
    fn drop(&mut self) {
        // SAFETY: owned; the functions it named stay in their stores.
        unsafe { sys::wasmc_linker_delete(self.raw) }
    }
}

fn key(module: &str, name: &str) -> (String, String) {
    (module.to_string(), name.to_string())
}
