//! Helpers shared by the benchmarks that time the built binary as a whole process.

/// CPU seconds (user + system) of finished children, from /proc/self/stat fields
/// cutime and cstime (Linux); `None` elsewhere.
pub fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    // After the command name: state is field 3; cutime and cstime are fields 16, 17.
    let cutime: f64 = fields.get(13)?.parse().ok()?;
    let cstime: f64 = fields.get(14)?.parse().ok()?;
    Some((cutime + cstime) / 100.0)
}
