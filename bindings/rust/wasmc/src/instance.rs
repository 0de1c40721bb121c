//! [`Instance`].

use std::ptr;

use wasmc_sys as sys;

use crate::error::{check_call, Error, Result};
use crate::externals::{Extern, Global, Memory, Table};
use crate::func::{Func, TypedFunc, WasmParams, WasmResults};
use crate::module::Module;
use crate::store::{AsContext, AsContextMut};

/// An instantiated module in a store. A `Copy` handle, valid as long as its store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Instance(pub(crate) sys::wasmc_instance_t);

impl Instance {
    /// Instantiates `module` with one extern per import, in the order of
    /// [`Module::imports`]. Fails with [`ErrorKind::Unlinkable`](crate::ErrorKind::Unlinkable)
    /// if an import has the wrong type, or with a trap (kind
    /// [`ErrorKind::Trap`](crate::ErrorKind::Trap)) if the start function or a segment
    /// initialisation traps. [`Linker`](crate::Linker) resolves imports by name instead.
    pub fn new(mut store: impl AsContextMut, module: &Module, imports: &[Extern]) -> Result<Instance> {
        let ctx = store.as_context_mut();
        let raw_imports: Vec<sys::wasmc_extern_t> = imports.iter().map(|e| e.to_raw()).collect();
        let mut out = sys::wasmc_instance_t::default();
        let mut trap = ptr::null_mut();
        // SAFETY: live store and module; the imports array has the given length.
        unsafe {
            check_call(
                sys::wasmc_instance_new(
                    ctx.raw(),
                    module.raw(),
                    raw_imports.as_ptr(),
                    raw_imports.len(),
                    &mut out,
                    &mut trap,
                ),
                trap,
            )?;
        }
        Ok(Instance(out))
    }

    /// The export `name`, if there is one.
    pub fn get_export(&self, mut store: impl AsContextMut, name: &str) -> Option<Extern> {
        let mut out = Extern::zeroed_raw();
        // SAFETY: live store; the name is borrowed for the call.
        let found = unsafe {
            sys::wasmc_instance_export_get(
                store.as_context_mut().raw(),
                &self.0,
                name.as_ptr().cast(),
                name.len(),
                &mut out,
            )
        };
        found.then(|| Extern::from_raw(&out))
    }

    /// The exported function `name`, if there is one.
    pub fn get_func(&self, store: impl AsContextMut, name: &str) -> Option<Func> {
        self.get_export(store, name)?.into_func()
    }

    /// The exported function `name` with its type checked against `Params` and `Results`.
    pub fn get_typed_func<Params: WasmParams, Results: WasmResults>(
        &self,
        mut store: impl AsContextMut,
        name: &str,
    ) -> Result<TypedFunc<Params, Results>> {
        let func = self
            .get_func(&mut store, name)
            .ok_or_else(|| Error::misuse(format!("failed to find function export `{name}`")))?;
        func.typed(&store)
    }

    /// The exported memory `name`, if there is one.
    pub fn get_memory(&self, store: impl AsContextMut, name: &str) -> Option<Memory> {
        self.get_export(store, name)?.into_memory()
    }

    /// The exported table `name`, if there is one.
    pub fn get_table(&self, store: impl AsContextMut, name: &str) -> Option<Table> {
        self.get_export(store, name)?.into_table()
    }

    /// The exported global `name`, if there is one.
    pub fn get_global(&self, store: impl AsContextMut, name: &str) -> Option<Global> {
        self.get_export(store, name)?.into_global()
    }

    /// Every export, in module order: (name, value).
    pub fn exports(&self, store: impl AsContext) -> Vec<(String, Extern)> {
        let raw = store.as_context().raw();
        // SAFETY: indices below the count; names are copied.
        unsafe {
            let n = sys::wasmc_instance_export_count(raw, &self.0);
            (0..n)
                .filter_map(|i| {
                    let (mut name, mut len, mut out) = (ptr::null(), 0, Extern::zeroed_raw());
                    if !sys::wasmc_instance_export_nth(raw, &self.0, i, &mut name, &mut len, &mut out)
                    {
                        return None;
                    }
                    let bytes = if len == 0 {
                        &[][..]
                    } else {
                        std::slice::from_raw_parts(name.cast::<u8>(), len)
                    };
                    Some((String::from_utf8_lossy(bytes).into_owned(), Extern::from_raw(&out)))
                })
                .collect()
        }
    }
}
