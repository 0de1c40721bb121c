//! Sets an rpath to the directory of libwasmc (found by wasmc-sys's build script, passed on
//! as `DEP_WASMC_LIB_DIR`) for this package's tests and examples, so that they run without
//! `LD_LIBRARY_PATH`. (A build script's link arguments apply only to its own package.)
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_WASMC_LIB_DIR");
    let static_link = std::env::var("WASMC_STATIC").map(|v| v == "1").unwrap_or(false);
    if let (Ok(dir), false) = (std::env::var("DEP_WASMC_LIB_DIR"), static_link) {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
