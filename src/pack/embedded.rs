//! Reading the built-in packs' tables as `build.rs` encodes them: the top-level sections
//! each with its key and encoded length; a value is a tag byte (`T`able, `A`rray,
//! `S`tring, `I`nteger, `F`loat, `B`oolean, `D`atetime), then a little-endian `u32`
//! count or length, or the 8 bytes of a number. Decoding is a
//! straight walk that allocates the table and nothing else: every run reads the packs
//! at start-up, and this costs about a tenth of reading them from JSON.

/// A pack's top-level sections, each decoded on first use: a run reads the sections of
/// the rules it runs, and of the other languages' packs little more than their
/// profile signals.
pub(super) struct Sections {
    /// In the blob's order.
    entries: Vec<Section>,
}

/// A section's key, its encoded value, and the value once decoded.
type Section = (
    String,
    &'static [u8],
    std::sync::OnceLock<Option<toml::Value>>,
);

impl Sections {
    /// The sections of the table encoded in `blob`, or `None` if the blob is not a
    /// whole encoded table.
    pub(super) fn index(blob: &'static [u8]) -> Option<Sections> {
        let mut reader = Reader { blob, at: 0 };
        if reader.bytes(1)? != b"P" {
            return None;
        }
        let n = reader.len()?;
        let mut entries = Vec::with_capacity(n.min(blob.len()));
        for _ in 0..n {
            let key = reader.string()?;
            let len = reader.len()?;
            let start = reader.at;
            reader.bytes(len)?;
            entries.push((key, &blob[start..reader.at], std::sync::OnceLock::new()));
        }
        (reader.at == blob.len()).then_some(Sections { entries })
    }

    /// One section, decoded on first use (`None` if the pack has none).
    pub(super) fn get(&self, key: &str) -> Option<&toml::Value> {
        let (_, blob, value) = self.entries.iter().find(|(k, _, _)| k == key)?;
        value
            .get_or_init(|| {
                let mut reader = Reader { blob, at: 0 };
                let v = reader.value(1);
                debug_assert!(v.is_some(), "built-in pack section {key} decodes");
                v.filter(|_| reader.at == blob.len())
            })
            .as_ref()
    }

    /// The whole table.
    pub(super) fn table(&self) -> toml::Table {
        self.entries
            .iter()
            .filter_map(|(k, _, _)| Some((k.clone(), self.get(k)?.clone())))
            .collect()
    }
}

/// The table encoded in `blob`, every section decoded, or `None` if the blob is not a
/// whole encoded pack or a section does not decode.
#[cfg(test)]
pub(super) fn decode(blob: &'static [u8]) -> Option<toml::Table> {
    let sections = Sections::index(blob)?;
    let table = sections.table();
    (table.len() == sections.entries.len()).then_some(table)
}

/// Deeper nesting than any pack has: the blob is not one of ours.
const MAX_DEPTH: usize = 32;

struct Reader<'a> {
    blob: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let b = self.blob.get(self.at..end)?;
        self.at = end;
        Some(b)
    }

    fn len(&mut self) -> Option<usize> {
        let b = self.bytes(4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?) as usize)
    }

    fn eight(&mut self) -> Option<[u8; 8]> {
        self.bytes(8)?.try_into().ok()
    }

    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        Some(std::str::from_utf8(self.bytes(n)?).ok()?.to_string())
    }

    fn value(&mut self, depth: usize) -> Option<toml::Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let tag = *self.bytes(1)?.first()?;
        Some(match tag {
            b'T' => {
                let n = self.len()?;
                let mut table = toml::Table::new();
                for _ in 0..n {
                    let key = self.string()?;
                    let value = self.value(depth + 1)?;
                    table.insert(key, value);
                }
                toml::Value::Table(table)
            }
            b'A' => {
                let n = self.len()?;
                // Each item takes at least two bytes: no allocation beyond the blob.
                let mut items = Vec::with_capacity(n.min(self.blob.len() / 2));
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                toml::Value::Array(items)
            }
            b'S' => toml::Value::String(self.string()?),
            b'I' => toml::Value::Integer(i64::from_le_bytes(self.eight()?)),
            b'F' => toml::Value::Float(f64::from_bits(u64::from_le_bytes(self.eight()?))),
            b'B' => toml::Value::Boolean(*self.bytes(1)?.first()? != 0),
            b'D' => toml::Value::Datetime(self.string()?.parse().ok()?),
            _ => return None,
        })
    }
}
