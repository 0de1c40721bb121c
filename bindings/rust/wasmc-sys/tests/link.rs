//! Links every declared function against libwasmc and calls the version functions, so that
//! a symbol missing from the library (or a library of another version) fails here.

use std::ffi::CStr;

#[test]
fn every_declared_function_resolves() {
    let mut names = Vec::new();
    wasmc_sys::for_each_function(|name, addr| {
        assert!(!addr.is_null(), "{name} resolved to NULL");
        names.push(name);
    });
    let header = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../include/wasmc.h"),
    )
    .unwrap();
    let declared = header.lines().filter(|l| l.starts_with("WASMC_API ")).count();
    assert_eq!(names.len(), declared, "functions linked vs WASMC_API lines in wasmc.h");
}

#[test]
fn library_version_matches_the_header() {
    // SAFETY: static string, plain getters.
    unsafe {
        let version = CStr::from_ptr(wasmc_sys::wasmc_version()).to_str().unwrap();
        assert_eq!(version, wasmc_sys::WASMC_VERSION);
        assert_eq!(wasmc_sys::wasmc_version_number(), wasmc_sys::WASMC_VERSION_NUMBER);
    }
}
