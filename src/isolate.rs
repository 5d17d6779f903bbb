//! One file's failure stays that file's error: a panic while linting a file is caught
//! and reported as an error for that file (exit 2) while the other files are still
//! linted and reported.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Run `f`; a panic becomes `Err` with a message naming it as an internal error.
///
/// The closure's state is dropped on a panic and never looked at again, so asserting
/// unwind safety is sound here.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        format!(
            "internal error while linting this file (please report it): {}",
            crate::report::escape::control(&what)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_message() {
        let r: Result<(), String> = catch(|| panic!("boom at {}", 3));
        let m = r.unwrap_err();
        assert!(
            m.contains("internal error") && m.contains("boom at 3"),
            "{m}"
        );
        assert_eq!(catch(|| 5), Ok(5));
    }
}
