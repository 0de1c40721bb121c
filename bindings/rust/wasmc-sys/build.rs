//! Links libwasmc. Where the library is found, in order:
//!
//! 1. `WASMC_LIB_DIR`: a directory holding `libwasmc.so` (or `libwasmc.a` with
//!    `WASMC_STATIC=1`), e.g. a CMake build directory or `<prefix>/lib`;
//! 2. the repository's `build/` directory (`../../../build` from this crate), if it holds the
//!    library (the README's `cmake -S . -B build` puts it there);
//! 3. `pkg-config --variable=libdir wasmc` (an installed wasmc, `wasmc.pc`);
//! 4. otherwise the linker's default search path.
//!
//! The library is linked dynamically unless `WASMC_STATIC=1`. For dynamic linking the build
//! script also sets an rpath to the directory (for this package's tests), links through
//! symbolic links in `OUT_DIR` (so that `cargo test` and `cargo run` of any dependent package
//! find `libwasmc.so.0` at run time: cargo adds search paths inside the target directory to
//! the dynamic loader's path), and passes the directory on to dependents as
//! `DEP_WASMC_LIB_DIR`.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn has_library(dir: &Path, static_link: bool) -> bool {
    if static_link {
        dir.join("libwasmc.a").is_file()
    } else {
        dir.join("libwasmc.so").exists() || dir.join("libwasmc.so.0").exists()
    }
}

fn pkg_config_libdir() -> Option<PathBuf> {
    let out = Command::new("pkg-config").args(["--variable=libdir", "wasmc"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let dir = String::from_utf8(out.stdout).ok()?.trim().to_string();
    if dir.is_empty() {
        None
    } else {
        Some(PathBuf::from(dir))
    }
}

fn find_lib_dir(static_link: bool) -> Option<PathBuf> {
    if let Some(dir) = env::var_os("WASMC_LIB_DIR") {
        return Some(PathBuf::from(dir));
    }
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let default = manifest.join("../../../build");
    println!("cargo:rerun-if-changed={}", default.display());
    if has_library(&default, static_link) {
        return Some(default.canonicalize().unwrap_or(default));
    }
    pkg_config_libdir().filter(|dir| has_library(dir, static_link))
}

/// Symbolic links `OUT_DIR/lib/libwasmc.so{,.0}` to the real library, so that the directory
/// cargo puts on the dynamic loader's path (it lies in the target directory) finds it.
#[cfg(unix)]
fn link_into_out_dir(lib_dir: &Path) -> Option<PathBuf> {
    let out = PathBuf::from(env::var_os("OUT_DIR")?).join("lib");
    std::fs::create_dir_all(&out).ok()?;
    let mut any = false;
    for name in ["libwasmc.so", "libwasmc.so.0"] {
        let target = lib_dir.join(name);
        let link = out.join(name);
        let _ = std::fs::remove_file(&link);
        if target.exists() && std::os::unix::fs::symlink(&target, &link).is_ok() {
            any = true;
        }
    }
    any.then_some(out)
}

#[cfg(not(unix))]
fn link_into_out_dir(_lib_dir: &Path) -> Option<PathBuf> {
    None
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=WASMC_LIB_DIR");
    println!("cargo:rerun-if-env-changed=WASMC_STATIC");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let static_link = env::var("WASMC_STATIC").map(|v| v == "1").unwrap_or(false);

    let lib_dir = find_lib_dir(static_link);
    match &lib_dir {
        Some(dir) => {
            let dir = dir.canonicalize().unwrap_or_else(|_| dir.clone());
            if !has_library(&dir, static_link) {
                println!(
                    "cargo:warning=no libwasmc in {}: build wasmc with CMake first",
                    dir.display()
                );
            }
            let search = if static_link { None } else { link_into_out_dir(&dir) };
            println!("cargo:rustc-link-search=native={}", search.as_ref().unwrap_or(&dir).display());
            println!("cargo:lib_dir={}", dir.display());
            if !static_link {
                println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
            }
        }
        None => println!(
            "cargo:warning=libwasmc not found (set WASMC_LIB_DIR); using the default search path"
        ),
    }

    if static_link {
        println!("cargo:rustc-link-lib=static=wasmc");
        for lib in ["ffi", "stdc++", "m", "dl", "pthread"] {
            println!("cargo:rustc-link-lib=dylib={lib}");
        }
    } else {
        println!("cargo:rustc-link-lib=dylib=wasmc");
    }
}
