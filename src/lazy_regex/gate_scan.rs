//! A pattern's gate words read straight from its text, without building a syntax tree.
//!
//! Parsing a pattern with `regex-syntax` costs about a thousand instructions per
//! character (spans, comments, the tree and its drop); the commitment, time and profile
//! grammars hold some 20,000 characters of patterns, so deriving their gates that way
//! was a third of a run on a one-line file. This reader walks the characters once and
//! computes the same words as [`super::required`] on the tree would. It knows only the
//! syntax the packs use (literals, escapes, classes, groups, flags, repetitions,
//! alternation) and gives up ([`Unknown`]) on anything else, so the caller falls back
//! to the tree: never a different answer, at worst the old cost. Debug builds check
//! every answer against the tree.

use super::{caseless, MAX_GATE_WORDS};

/// The pattern holds syntax this reader does not interpret.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unknown;

/// The words one of which every match contains (`Ok(None)`: none guaranteed), as
/// [`super::required`] computes them from the syntax tree.
#[cfg(test)]
pub(super) fn required_words(pattern: &str) -> Result<Option<Vec<String>>, Unknown> {
    required_clauses(pattern).map(|w| w.best().cloned())
}

/// What a pattern says about the words of its matches.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Words {
    /// Every set of words the pattern guarantees at once: a match contains one word
    /// of each ("COM" and "(" for `COM\s*\(`).
    pub all: Vec<Vec<String>>,
    /// Which of them [`super::required`] chooses (`None`: no word guaranteed).
    best: Option<usize>,
    /// Alternations whose branches guarantee more than one set: a match holds, for
    /// each, every set of one of its branches ("the" and "commission" and "adopted",
    /// or "communication" and …).
    pub any_of: Vec<Vec<Vec<Vec<String>>>>,
}

impl Words {
    fn none() -> Words {
        Words::default()
    }

    pub(super) fn one(words: Option<Vec<String>>) -> Words {
        Words {
            best: words.is_some().then_some(0),
            all: words.into_iter().collect(),
            any_of: Vec::new(),
        }
    }

    /// The words one of which every match contains, as [`super::required`] chooses
    /// them (`None`: none guaranteed).
    pub fn best(&self) -> Option<&Vec<String>> {
        self.all.get(self.best?)
    }

    /// The best words, taken out.
    pub fn into_best(mut self) -> Option<Vec<String>> {
        let i = self.best?;
        Some(self.all.swap_remove(i))
    }
}

/// The words of a pattern: the best set and every set it guarantees at once.
pub(super) fn required_clauses(pattern: &str) -> Result<Words, Unknown> {
    let mut reader = Reader {
        chars: pattern.chars().collect(),
        at: 0,
    };
    let words = reader.alternation()?;
    if reader.at != reader.chars.len() {
        // An unmatched `)`.
        return Err(Unknown);
    }
    Ok(words)
}

/// One element of a concatenation.
enum Item {
    /// A plain literal (not repeated).
    Literal(char),
    /// Inline flags (`(?i)`): match nothing.
    Flags,
    /// Anything else, with its own words; `repeated` marks a repetition (which may not
    /// be repeated again).
    Other { words: Words, repeated: bool },
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn next(&mut self) -> Result<char, Unknown> {
        let c = self.peek().ok_or(Unknown)?;
        self.at += 1;
        Ok(c)
    }

    fn alternation(&mut self) -> Result<Words, Unknown> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.at += 1;
            branches.push(self.concat()?);
        }
        if branches.len() == 1 {
            return Ok(branches.pop().unwrap_or_default());
        }
        // Each branch's sets, when some branch has several (otherwise the union of the
        // best words says as much).
        let any_of: Vec<Vec<Vec<String>>> = if branches.iter().all(|b| !b.all.is_empty())
            && branches.iter().any(|b| b.all.len() > 1)
        {
            branches.iter().map(|b| b.all.clone()).collect()
        } else {
            Vec::new()
        };
        let mut all = Vec::new();
        for branch in branches {
            let Some(words) = branch.into_best() else {
                return Ok(Words::none());
            };
            all.extend(words);
            if all.len() > MAX_GATE_WORDS {
                return Ok(Words::none());
            }
        }
        let mut words = Words::one(Some(all));
        if !any_of.is_empty() {
            words.any_of.push(any_of);
        }
        Ok(words)
    }

    fn concat(&mut self) -> Result<Words, Unknown> {
        let mut words = ConcatWords::default();
        // The last element, still open to a repetition operator.
        let mut pending: Option<Item> = None;
        while let Some(c) = self.peek() {
            let item = match c {
                '|' | ')' => break,
                '*' | '+' | '?' | '{' => {
                    let min = self.repetition()?;
                    let repeated = match pending.take() {
                        Some(Item::Literal(l)) => Words::one(literal_words(l)),
                        Some(Item::Other {
                            words,
                            repeated: false,
                        }) => words,
                        _ => return Err(Unknown),
                    };
                    pending = Some(Item::Other {
                        words: if min == 0 { Words::none() } else { repeated },
                        repeated: true,
                    });
                    continue;
                }
                '(' => {
                    self.at += 1;
                    self.group()?
                }
                '[' => {
                    self.class()?;
                    other(Words::none())
                }
                '\\' => {
                    self.at += 1;
                    self.escape()?
                }
                '.' | '^' | '$' => {
                    self.at += 1;
                    other(Words::none())
                }
                _ => {
                    self.at += 1;
                    Item::Literal(c)
                }
            };
            if let Some(done) = pending.replace(item) {
                words.push(done);
            }
        }
        if let Some(done) = pending {
            words.push(done);
        }
        Ok(words.finish())
    }

    /// After `(`: a group, or inline flags.
    fn group(&mut self) -> Result<Item, Unknown> {
        if self.peek() == Some('?') {
            self.at += 1;
            match self.peek() {
                Some(':') => self.at += 1,
                Some('P') if self.peek_at(1) == Some('<') => {
                    self.at += 2;
                    self.group_name()?;
                }
                Some('<') => {
                    self.at += 1;
                    self.group_name()?;
                }
                _ => loop {
                    match self.next()? {
                        ':' => break,
                        ')' => return Ok(Item::Flags),
                        // Verbose mode changes what white space means.
                        'x' => return Err(Unknown),
                        'i' | 'm' | 's' | 'u' | 'U' | 'R' | '-' => {}
                        _ => return Err(Unknown),
                    }
                },
            }
        }
        let words = self.alternation()?;
        if self.next()? != ')' {
            return Err(Unknown);
        }
        Ok(other(words))
    }

    fn group_name(&mut self) -> Result<(), Unknown> {
        loop {
            match self.next()? {
                '>' => return Ok(()),
                c if c.is_ascii_alphanumeric() || c == '_' => {}
                _ => return Err(Unknown),
            }
        }
    }

    /// A `[…]` class (it guarantees no word): skipped.
    fn class(&mut self) -> Result<(), Unknown> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                '[' => {
                    depth += 1;
                    if self.peek() == Some('^') {
                        self.at += 1;
                    }
                    if self.peek() == Some(']') {
                        if depth > 1 {
                            return Err(Unknown);
                        }
                        // A `]` first in a class is itself.
                        self.at += 1;
                    }
                }
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                '\\' => {
                    self.next()?;
                }
                _ => {}
            }
        }
    }

    /// After `\`.
    fn escape(&mut self) -> Result<Item, Unknown> {
        let c = self.next()?;
        Ok(match c {
            '<' | '>' => other(Words::none()),
            c if c.is_ascii_punctuation() => Item::Literal(c),
            'n' => Item::Literal('\n'),
            't' => Item::Literal('\t'),
            'r' => Item::Literal('\r'),
            'b' if self.peek() == Some('{') => return Err(Unknown),
            'b' | 'B' | 'A' | 'z' | 's' | 'S' | 'd' | 'D' | 'w' | 'W' => other(Words::none()),
            'p' | 'P' => {
                if self.next()? == '{' {
                    while self.next()? != '}' {}
                }
                other(Words::none())
            }
            _ => return Err(Unknown),
        })
    }

    /// A repetition operator; its minimum count.
    fn repetition(&mut self) -> Result<u32, Unknown> {
        let min = match self.next()? {
            '?' | '*' => 0,
            '+' => 1,
            _ => {
                let min = self.number()?;
                match self.next()? {
                    '}' => {}
                    ',' => {
                        if self.peek() != Some('}') {
                            self.number()?;
                        }
                        if self.next()? != '}' {
                            return Err(Unknown);
                        }
                    }
                    _ => return Err(Unknown),
                }
                min
            }
        };
        // Lazy.
        if self.peek() == Some('?') {
            self.at += 1;
        }
        Ok(min)
    }

    fn number(&mut self) -> Result<u32, Unknown> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        if self.at == start || self.at - start > 6 {
            return Err(Unknown);
        }
        self.chars[start..self.at]
            .iter()
            .collect::<String>()
            .parse()
            .map_err(|_| Unknown)
    }
}

fn other(words: Words) -> Item {
    Item::Other {
        words,
        repeated: false,
    }
}

/// The words of a literal on its own.
fn literal_words(c: char) -> Option<Vec<String>> {
    (c.is_ascii() || caseless(c)).then(|| vec![c.to_string()])
}

/// As [`super::required`] for a concatenation, element by element: each run of
/// adjacent ASCII literals and each other element's words are candidates; the best is
/// the one whose shortest word is longest (the first of equals). Every element's sets
/// hold at once.
#[derive(Default)]
struct ConcatWords {
    all: Vec<Vec<String>>,
    best: Option<usize>,
    run: String,
    any_of: Vec<Vec<Vec<Vec<String>>>>,
}

impl ConcatWords {
    fn consider(&mut self, i: usize) {
        let score = |w: &[String]| w.iter().map(String::len).min().unwrap_or(0);
        if self
            .best
            .is_none_or(|b| score(&self.all[i]) > score(&self.all[b]))
        {
            self.best = Some(i);
        }
    }

    fn add(&mut self, words: Vec<String>) {
        self.all.push(words);
        self.consider(self.all.len() - 1);
    }

    fn end_run(&mut self) {
        if !self.run.is_empty() {
            let run = std::mem::take(&mut self.run);
            self.add(vec![run]);
        }
    }

    fn push(&mut self, item: Item) {
        match item {
            Item::Literal(c) if c.is_ascii() => self.run.push(c),
            Item::Flags => {}
            Item::Literal(c) => {
                self.end_run();
                if let Some(words) = literal_words(c) {
                    self.add(words);
                }
            }
            Item::Other { words, .. } => {
                self.end_run();
                let offset = self.all.len();
                self.all.extend(words.all);
                self.any_of.extend(words.any_of);
                if let Some(b) = words.best {
                    self.consider(offset + b);
                }
            }
        }
    }

    fn finish(mut self) -> Words {
        self.end_run();
        Words {
            all: self.all,
            best: self.best,
            any_of: self.any_of,
        }
    }
}
