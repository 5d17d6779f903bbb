//! Meta rules (`PLX…`): findings about policylint's own machinery — suppression
//! comments and baseline entries. They have no `check` of their own: the suppression
//! and baseline passes report them. They are not in the contract catalogue; they can be
//! selected, ignored and re-levelled like any rule.

use crate::declare_rule;
use crate::rule::RuleMeta;

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment (`<!-- policylint-disable-next-line CODE -- reason -->`
    /// or a `policylint-disable` range) that suppressed no finding of that rule.
    ///
    /// ## Why is this bad?
    /// A suppression that no longer matches anything hides nothing today but will hide a
    /// real problem tomorrow, and it misleads readers into thinking the text has an issue
    /// that was accepted.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- policylint-disable-next-line TX001 -- quoted from the regulation -->
    /// The text on this line has no repeated word.
    /// ```
    ///
    /// Use instead: remove the comment.
    ///
    /// ## Options
    /// None.
    pub UnusedSuppression {
        code: "PLX001",
        name: "unused-suppression",
        group: Meta,
        level: Info,
        summary: "a suppression comment that suppresses nothing",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a malformed suppression comment: one without a reason (`-- reason`), one
    /// that names no rule or an unknown rule, or a `policylint-enable` with no open
    /// `policylint-disable`.
    ///
    /// ## Why is this bad?
    /// A suppression is a decision; without a reason the next editor cannot tell whether
    /// it still holds. A misspelt rule code silently suppresses nothing.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- policylint-disable-next-line FN001 -->
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- policylint-disable-next-line FN001 -- footnote text follows in the annex -->
    /// ```
    ///
    /// ## Options
    /// None.
    pub InvalidSuppression {
        code: "PLX002",
        name: "invalid-suppression",
        group: Meta,
        level: Warning,
        summary: "a suppression comment without a reason or with an unknown rule",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an entry of the baseline file (`--baseline FILE`) that matches no current
    /// finding in a file that was checked.
    ///
    /// ## Why is this bad?
    /// The problem the entry recorded was fixed (or its text changed). Keeping the entry
    /// would let a new problem with the same fingerprint slip through unreported.
    ///
    /// ## Example
    /// A baseline written before footnote 2 was added, used after the fix.
    ///
    /// Use instead: rewrite the baseline with `--write-baseline FILE`.
    ///
    /// ## Options
    /// None.
    pub UnmatchedBaselineEntry {
        code: "PLX003",
        name: "unmatched-baseline-entry",
        group: Meta,
        level: Info,
        summary: "a baseline entry that matches no current finding",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports bytes of the file that could not be decoded in the file's encoding and
    /// were replaced by U+FFFD (`�`): a stray Windows-1252 byte in a UTF-8 file, an
    /// invalid byte after a byte-order mark, an unpaired UTF-16 surrogate or an odd
    /// final byte of UTF-16 text. The finding names the line, column and file byte.
    ///
    /// ## Why is this bad?
    /// The text policylint checked (and quotes in its messages) differs from the file
    /// there; the file is probably damaged by a copy between programs, and readers may
    /// see a wrong character.
    ///
    /// ## Example
    /// A UTF-8 letter with one quote pasted from a Windows program (byte `0x93`).
    ///
    /// Use instead: save the file as UTF-8 and retype the character.
    ///
    /// ## Options
    /// None.
    pub UndecodableBytes {
        code: "PLX004",
        name: "undecodable-bytes",
        group: Meta,
        level: Warning,
        summary: "bytes the file's encoding cannot decode, replaced by U+FFFD",
    }
}

declare_rule! {
    /// ## What it does
    /// Says, once per file, that a family of rules stayed silent because the text's
    /// structure could not be recovered with confidence: footnotes whose labels stand
    /// apart from their texts in the extract, numbering or cross-references in an
    /// extract that does not keep the reading order, split spellings in an extract that
    /// breaks words, commitments on lines set in columns or cells (a sentence read across
    /// the gap between two columns), undated commitments in part of a sentence whose
    /// rest the extraction put in another paragraph or lost (a page turn, a table cell
    /// read as prose: the date may be in that rest), or a language policylint has no
    /// pack for.
    ///
    /// ## Why is this bad?
    /// It is not a defect of the text. It tells the reader that the silence of those
    /// rules is not a clean bill of health, and what input would let them run.
    ///
    /// ## Example
    /// A `pdftotext` extract whose footnote labels come after the footnote texts.
    ///
    /// Use instead: lint the PDF itself, or an extract whose footnotes keep their labels.
    ///
    /// ## Options
    /// None.
    pub ParseAbstention {
        code: "PLX005",
        name: "parse-abstention",
        group: Meta,
        level: Info,
        summary: "rules that stayed silent because the structure could not be recovered",
    }
}

/// The engine's own rules, sorted by code.
pub static META_RULES: [&RuleMeta; 5] = [
    &UnusedSuppression::META,
    &InvalidSuppression::META,
    &UnmatchedBaselineEntry::META,
    &UndecodableBytes::META,
    &ParseAbstention::META,
];
