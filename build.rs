//! Bake libtorch's library folder into the binaries' rpath, so that
//! `target/release/newsdigest` runs without LD_LIBRARY_PATH.

fn main() {
    // torch-sys (links = "tch") publishes the folder it linked against.
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
}
