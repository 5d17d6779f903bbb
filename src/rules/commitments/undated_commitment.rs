//! CM001 undated-commitment.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};
use crate::rules::commitments::{self, Status};

declare_rule! {
    /// ## What it does
    /// Flags a commitment or a request to a named actor that says nothing about when:
    /// "De Commissie en de EDEO zullen streven naar …", "verzoekt de RAAD de LIDSTATEN:
    /// … te zorgen voor …", "The Commission will support Member States …". Commitments
    /// are body sentences with an actor and a future modal, intent or request verb,
    /// key-action box items (their frame "De Commissie zal:" gives the actor), and the
    /// lowercase points under a Council lead-in (one finding per point).
    ///
    /// Not flagged: predictions ("Dit zal helpen"), capability ("zal … kunnen"),
    /// obligations without an addressee, past work, quotations; commitments timed by an
    /// event ("zodra het voorstel is goedgekeurd", "once adopted": status
    /// `conditional`) or only by a plan period ("actieplan 2021–2025": status
    /// `period`), since those do say when, only not as a date; a deadline written as a
    /// placeholder ("by [date]", "by … (OP: please insert the date …)", "uiterlijk
    /// [datum]": status `placeholder`), which is a slot to fill (PL002 reports the slot
    /// where one is not expected). A year in another
    /// clause ("In 2020 heeft de Commissie … en zij zal nagaan") or a year that names
    /// a document (COM(2020) 795, Richtlijn 2016/681) does not date a commitment.
    ///
    /// Who commits: the sentence's own subject, or a pronoun standing for the actor of
    /// the sentence just before. An agentless passive ("zal worden beoordeeld") is the
    /// author's only where the kind of document names the author (a communication,
    /// proposal, Council conclusions, press release); in a national letter or a document
    /// of unknown kind it is no one's. A national letter makes the government's own
    /// undertakings (the pack's `commitments.national_authors`): what it reports of the
    /// Commission's or the Parliament's plans is not flagged. Signposting ("In this
    /// section, we will …") and statements ("Het kabinet wil benadrukken dat …") are
    /// not undertakings.
    ///
    /// Levels: the commitments a reader will hold the author to are reported at the
    /// rule's level (default `warning`): key-action box items, requests to a named
    /// actor and points under a lead-in, and commitments in a section whose heading is
    /// a summary, conclusions or next steps (the pack's
    /// `commitments.prominent-sections`). Every other undated commitment in the body is
    /// reported one level lower (default `info`): it stays in the JSON and SARIF
    /// output and in `policylint commitments`, and the human output lists those of a
    /// file together in one entry.
    ///
    /// ## Why is this bad?
    /// A commitment without a date cannot be followed up. Parliaments, ministries and
    /// journalists read policy texts for what is promised by when.
    ///
    /// ## Example
    /// ```text
    /// De Commissie zal nieuwe manieren voorstellen om risicobeoordeling aan te moedigen.
    /// ```
    /// Use instead:
    /// ```text
    /// De Commissie zal in het tweede kwartaal van 2021 nieuwe manieren voorstellen …
    /// ```
    ///
    /// ## Profiles
    /// In a `legislative-proposal` or `legal-act` only the text before the citations
    /// ("Having regard to", "Gelet op") is read: enacting terms carry obligations, not
    /// commitments, and a financial statement states costs ("Gezien het Verdrag" opens the
    /// citations of a Dutch EU text). In the explanatory memorandum before them only a
    /// named actor's own undertaking counts: what describes the proposal (an agentless
    /// passive, "it" for the proposal, "By providing incentives, Member States are
    /// encouraged to …"), argues for it ("it is proportionate to ask Member States to
    /// …"), states its content ("The Commission proposes to …") or names a standing task
    /// under it ("The Commission will monitor the implementation …") does not (the
    /// pack's `commitments.memorandum`). The same holds for CM002 and CM003.
    ///
    /// ## Options
    /// - The top-level `document-date` setting (`YYYY-MM-DD`) gives the document's date
    ///   when the text does not state it (used to resolve "volgend jaar" and to tell
    ///   past deadlines).
    /// - `quotations` (bool, default `false`): also count commitments inside quotations
    ///   (press-release quotes).
    pub UndatedCommitment {
        code: "CM001",
        name: "undated-commitment",
        group: Commitments,
        level: Warning,
        summary: "a commitment or request to a named actor with no date or deadline",
    }
}

impl Rule for UndatedCommitment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let register = commitments::rule_input::for_rule(doc, cx);
        // No commitment: no grammar to build for ranking them.
        if register.is_empty() {
            return;
        }
        let grammar = cx.pack().compiled::<commitments::Grammar>();
        let prominent = commitments::prominence::prominent(doc, &grammar, &register);
        for (c, prominent) in register.iter().zip(prominent) {
            if c.status != Status::Undated {
                continue;
            }
            cx.report(c.span, format!(
                    "{} has no date or deadline: {}",
                    commitments::describe(c),
                    commitments::quoted_action(c)
                ))
                .label("no date or deadline")
                .secondary(!prominent)
                .help("say by when: a date, a quarter or a year (\"tegen eind 2021\", \"by the end of 2021\")");
        }
    }
}
