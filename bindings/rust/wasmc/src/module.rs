//! [`Module`]: compiled code.

use std::path::Path;
use std::ptr;

use wasmc_sys as sys;

use crate::engine::Engine;
use crate::error::{check, Error, ErrorKind, Result};
use crate::types::ExternType;

/// A compiled module. Immutable; cheap to clone (reference-counted), `Send` and `Sync`.
pub struct Module {
    raw: *mut sys::wasmc_module_t,
    engine: Engine,
}

// SAFETY: wasmc modules are immutable, reference-counted and thread-safe (wasmc.h).
unsafe impl Send for Module {}
unsafe impl Sync for Module {}

/// An import of a module: its module name, field name and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportType {
    module: String,
    name: String,
    ty: ExternType,
}

impl ImportType {
    /// The module name (`env` in `(import "env" "f" ...)`).
    pub fn module(&self) -> &str {
        &self.module
    }

    /// The field name (`f` in `(import "env" "f" ...)`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The expected type.
    pub fn ty(&self) -> &ExternType {
        &self.ty
    }
}

/// An export of a module: its name and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportType {
    name: String,
    ty: ExternType,
}

impl ExportType {
    /// The export's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The export's type.
    pub fn ty(&self) -> &ExternType {
        &self.ty
    }
}

unsafe fn name(ptr: *const std::ffi::c_char, len: usize) -> String {
    if len == 0 {
        return String::new();
    }
    String::from_utf8_lossy(std::slice::from_raw_parts(ptr.cast::<u8>(), len)).into_owned()
}

impl Module {
    /// Decodes, validates and compiles a module from its binary (`.wasm`) bytes.
    pub fn new(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Module> {
        let bytes = bytes.as_ref();
        let mut raw = ptr::null_mut();
        // SAFETY: the bytes are copied.
        unsafe { check(sys::wasmc_module_new(engine.raw(), bytes.as_ptr(), bytes.len(), &mut raw))? };
        Ok(Module { raw, engine: engine.clone() })
    }

    /// Reads and compiles a `.wasm` file.
    pub fn from_file(engine: &Engine, path: impl AsRef<Path>) -> Result<Module> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| {
            Error::new(ErrorKind::Resource, format!("cannot read {}: {e}", path.display()))
        })?;
        Module::new(engine, bytes)
    }

    /// Checks that `bytes` is a valid module without compiling it.
    pub fn validate(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<()> {
        let bytes = bytes.as_ref();
        // SAFETY: borrowed for the call.
        unsafe { check(sys::wasmc_module_validate(engine.raw(), bytes.as_ptr(), bytes.len())) }
    }

    /// The engine that compiled the module.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The imports, in the order [`Instance::new`](crate::Instance::new) expects them.
    pub fn imports(&self) -> impl ExactSizeIterator<Item = ImportType> + '_ {
        // SAFETY: indices below the count; names and types borrowed from the live module.
        let n = unsafe { sys::wasmc_module_import_count(self.raw) };
        (0..n).map(move |i| unsafe {
            let (mut m, mut ml, mut f, mut fl) = (ptr::null(), 0, ptr::null(), 0);
            let mut ty = ptr::null();
            check(sys::wasmc_module_import_get(
                self.raw, i, &mut m, &mut ml, &mut f, &mut fl, &mut ty,
            ))
            .expect("wasmc_module_import_get with a valid index");
            ImportType { module: name(m, ml), name: name(f, fl), ty: ExternType::from_raw(&*ty) }
        })
    }

    /// The exports, in module order.
    pub fn exports(&self) -> impl ExactSizeIterator<Item = ExportType> + '_ {
        // SAFETY: as for imports.
        let n = unsafe { sys::wasmc_module_export_count(self.raw) };
        (0..n).map(move |i| unsafe {
            let (mut f, mut fl, mut ty) = (ptr::null(), 0, ptr::null());
            check(sys::wasmc_module_export_get(self.raw, i, &mut f, &mut fl, &mut ty))
                .expect("wasmc_module_export_get with a valid index");
            ExportType { name: name(f, fl), ty: ExternType::from_raw(&*ty) }
        })
    }

    /// The type of the export `name`, if there is one.
    pub fn get_export(&self, name: &str) -> Option<ExternType> {
        self.exports().find(|e| e.name() == name).map(|e| e.ty)
    }

    pub(crate) fn raw(&self) -> *const sys::wasmc_module_t {
        self.raw
    }
}

impl Clone for Module {
    fn clone(&self) -> Module {
        // SAFETY: a new reference to the same module.
        let raw = unsafe { sys::wasmc_module_copy(self.raw) };
        assert!(!raw.is_null(), "wasmc_module_copy failed");
        Module { raw, engine: self.engine.clone() }
    }
}

impl Drop for Module {
    fn drop(&mut self) {
        // SAFETY: our reference.
        unsafe { sys::wasmc_module_delete(self.raw) }
    }
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("imports", &self.imports().collect::<Vec<_>>())
            .field("exports", &self.exports().collect::<Vec<_>>())
            .finish()
    }
}
