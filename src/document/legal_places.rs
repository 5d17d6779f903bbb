//! How messages name the parts of an act in the document's own words: "Article 7",
//! "paragraph 4 of Article 12", "point (e) of Article 5(1)" in English; "artikel 7",
//! "lid 4 van artikel 12", "punt e) van artikel 5, lid 1" in Dutch. The templates are
//! the pack's `[legislative.places]`; the rest of a message stays in English, as in the
//! other rules ("commitment by de Commissie has no date").

use serde::Deserialize;

use crate::pack::{FromPack, Pack};

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawPlaces {
    article: String,
    articles: String,
    article_paragraph: String,
    paragraph: String,
    paragraphs: String,
    paragraph_of: String,
    point: String,
    points: String,
    point_of: String,
    point_label: String,
    recital: String,
    recitals: String,
    annex: String,
}

/// The compiled `[legislative.places]` of a pack.
pub struct Places {
    raw: RawPlaces,
}

impl FromPack for Places {
    fn from_pack(pack: &Pack) -> Self {
        Places {
            raw: pack.section("legislative.places").unwrap_or_default(),
        }
    }
}

/// `template` with each `{key}` replaced; the key itself when the template is empty
/// (a project pack that left it out).
fn fill(template: &str, fallback: &str, values: &[(&str, &str)]) -> String {
    let mut out = if template.is_empty() {
        fallback.to_string()
    } else {
        template.to_string()
    };
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

impl Places {
    /// "Article 7" / "artikel 7".
    pub fn article(&self, n: &str) -> String {
        fill(&self.raw.article, "Article {n}", &[("n", n)])
    }

    /// "Articles 6 to 8" / "artikelen 6 tot en met 8".
    pub fn articles(&self, from: &str, to: &str) -> String {
        fill(
            &self.raw.articles,
            "Articles {from} to {to}",
            &[("from", from), ("to", to)],
        )
    }

    /// A paragraph as a place in its article: "Article 5(1)" / "artikel 5, lid 1".
    pub fn article_paragraph(&self, a: &str, p: &str) -> String {
        fill(
            &self.raw.article_paragraph,
            "Article {a}({p})",
            &[("a", a), ("p", p)],
        )
    }

    /// "paragraph 2" / "lid 2".
    pub fn paragraph(&self, n: &str) -> String {
        fill(&self.raw.paragraph, "paragraph {n}", &[("n", n)])
    }

    /// "paragraphs 2 to 3" / "leden 2 tot en met 3".
    pub fn paragraphs(&self, from: &str, to: &str) -> String {
        fill(
            &self.raw.paragraphs,
            "paragraphs {from} to {to}",
            &[("from", from), ("to", to)],
        )
    }

    /// "paragraph 4 of Article 12" / "lid 4 van artikel 12".
    pub fn paragraph_of(&self, p: &str, article: &str) -> String {
        fill(
            &self.raw.paragraph_of,
            "paragraph {p} of {in}",
            &[("p", p), ("in", &self.article(article))],
        )
    }

    /// A point label as written ("(b)", "b)"): "point (b)" / "punt b)".
    pub fn point(&self, written: &str) -> String {
        fill(&self.raw.point, "point {q}", &[("q", written)])
    }

    /// "points (b) to (c)" / "punten b) tot en met c)".
    pub fn points(&self, from: &str, to: &str) -> String {
        fill(
            &self.raw.points,
            "points {from} to {to}",
            &[("from", from), ("to", to)],
        )
    }

    /// A bare point id ("e") in the document's label form: "(e)" / "e)".
    pub fn point_label(&self, id: &str) -> String {
        fill(&self.raw.point_label, "({q})", &[("q", id)])
    }

    /// A point by its bare id in a place: "point (e) of Article 5(1)" / "punt e) van
    /// artikel 5, lid 1".
    pub fn point_of(&self, id: &str, place: &str) -> String {
        fill(
            &self.raw.point_of,
            "point {q} of {in}",
            &[("q", &self.point_label(id)), ("in", place)],
        )
    }

    /// A point by its label as written ("(b)", "b)") in a place: "point (b) of Article
    /// 5(1)" / "punt b) van artikel 5, lid 1".
    pub fn point_written_of(&self, written: &str, place: &str) -> String {
        fill(
            &self.raw.point_of,
            "point {q} of {in}",
            &[("q", written), ("in", place)],
        )
    }

    /// "recital 12" / "overweging 12".
    pub fn recital(&self, n: &str) -> String {
        fill(&self.raw.recital, "recital {n}", &[("n", n)])
    }

    /// "recitals 12 to 13" / "overwegingen 12 tot en met 13".
    pub fn recitals(&self, from: &str, to: &str) -> String {
        fill(
            &self.raw.recitals,
            "recitals {from} to {to}",
            &[("from", from), ("to", to)],
        )
    }

    /// "Annex IV" / "bijlage IV".
    pub fn annex(&self, n: &str) -> String {
        fill(&self.raw.annex, "Annex {n}", &[("n", n)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    #[test]
    fn places_are_named_in_the_document_language() {
        let en = Pack::builtin(Language::En).compiled::<Places>();
        let nl = Pack::builtin(Language::Nl).compiled::<Places>();
        let in_en = en.article_paragraph("5", "1");
        let in_nl = nl.article_paragraph("5", "1");
        assert_eq!(en.point_of("e", &in_en), "point (e) of Article 5(1)");
        assert_eq!(nl.point_of("e", &in_nl), "punt e) van artikel 5, lid 1");
        assert_eq!(en.paragraph_of("4", "12"), "paragraph 4 of Article 12");
        assert_eq!(nl.paragraph_of("4", "12"), "lid 4 van artikel 12");
        assert_eq!(nl.articles("6", "8"), "artikelen 6 tot en met 8");
        assert_eq!(nl.recital("12"), "overweging 12");
        assert_eq!(en.annex("IV"), "Annex IV");
        assert_eq!(nl.annex("IV"), "bijlage IV");
    }
}
