//! The `extract` stage's records: what one article says, sentence by sentence.

use super::span::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateRef>,
    pub quotes: Vec<Quote>,
    pub attributions: Vec<Attribution>,
    pub claims: Vec<Claim>,
    /// The article's own date: stated by the input, or inferred from the text.
    pub article_date: Option<ArticleDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    Other,
}

impl EntityKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// How a mention names its referent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A full name as written: "Maria Kolesnikova", "Viasna", "Lithuania".
    Full,
    /// A part of a name used alone: a surname ("Kolesnikova") or given name.
    Partial,
    /// A description standing for a named referent: "the Belarusian leader".
    Descriptive,
}

/// A name in the text: a person, organisation, place or other named thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The name itself, without title, honorific or possessive ending.
    pub span: Span,
    /// Index into `Doc::sentences`.
    pub sentence: u32,
    pub kind: EntityKind,
    pub form: MentionForm,
    /// The name as written, white space folded ("Maria Kolesnikova").
    pub name: String,
    /// Title, honorific or role split off the name ("President",
    /// "Nobel laureate", "Mr", "opposition leader"), as written.
    pub title: Option<String>,
    pub title_span: Option<Span>,
    /// For partial and descriptive mentions: index (into this article's
    /// `Extraction::mentions`) of the full mention it was resolved to.
    pub antecedent: Option<u32>,
}

/// A number's value as an interval, from its qualifier.
///
/// `low`/`high` of `None` are unbounded. `exact` is the number as written
/// when the text states one ("more than 1,200" has exact `None`, low 1200
/// exclusive; "1,227" has exact 1227).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Value {
    pub low: Option<f64>,
    pub low_inclusive: bool,
    pub high: Option<f64>,
    pub high_inclusive: bool,
    pub exact: Option<f64>,
}

impl Value {
    pub fn exact(number: f64) -> Self {
        Value {
            low: Some(number),
            low_inclusive: true,
            high: Some(number),
            high_inclusive: true,
            exact: Some(number),
        }
    }

    /// True when some number satisfies both intervals.
    pub fn overlaps(&self, other: &Value) -> bool {
        let (low, low_inclusive) = max_low(
            (self.low, self.low_inclusive),
            (other.low, other.low_inclusive),
        );
        let (high, high_inclusive) = min_high(
            (self.high, self.high_inclusive),
            (other.high, other.high_inclusive),
        );
        match (low, high) {
            (Some(low), Some(high)) => {
                if low < high {
                    true
                } else if low == high {
                    low_inclusive && high_inclusive
                } else {
                    false
                }
            }
            _ => true,
        }
    }

    /// True when the value is one number.
    pub fn is_point(&self) -> bool {
        self.low.is_some() && self.low == self.high && self.low_inclusive && self.high_inclusive
    }

    /// A number that stands for the value when sorting or showing it.
    pub fn representative(&self) -> Option<f64> {
        self.exact.or(match (self.low, self.high) {
            (Some(low), Some(high)) => Some((low + high) / 2.0),
            (Some(low), None) => Some(low),
            (None, Some(high)) => Some(high),
            (None, None) => None,
        })
    }
}

fn max_low(a: (Option<f64>, bool), b: (Option<f64>, bool)) -> (Option<f64>, bool) {
    match (a.0, b.0) {
        (None, _) => b,
        (_, None) => a,
        (Some(x), Some(y)) if x > y => a,
        (Some(x), Some(y)) if y > x => b,
        (Some(_), Some(_)) => (a.0, a.1 && b.1),
    }
}

fn min_high(a: (Option<f64>, bool), b: (Option<f64>, bool)) -> (Option<f64>, bool) {
    match (a.0, b.0) {
        (None, _) => b,
        (_, None) => a,
        (Some(x), Some(y)) if x < y => a,
        (Some(x), Some(y)) if y < x => b,
        (Some(_), Some(_)) => (a.0, a.1 && b.1),
    }
}

/// The qualifier that shaped a quantity's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier: the number as stated.
    None,
    /// "at least", "no fewer than", "a minimum of"
    AtLeast,
    /// "more than", "over", "upwards of"
    MoreThan,
    /// "up to", "at most", "no more than"
    AtMost,
    /// "fewer than", "less than", "under"
    LessThan,
    /// "about", "around", "some", "roughly", "approximately", "an estimated"
    About,
    /// "nearly", "almost", "close to"
    Nearly,
    /// Vague plurals of number words: "hundreds of", "dozens of"
    Vague,
    /// A range: "between 10 and 20", "10-20"
    Range,
}

/// Whether a figure reports what is, or states what someone wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// A count or measure of what happened or is.
    Actual,
    /// A demand, goal, target, promise or forecast ("urged the release of up
    /// to 1,400", "aims to build 500").
    Goal,
    /// A conditional or hypothetical figure ("could reach 1,000").
    Hypothetical,
}

/// A number in the text with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The whole expression, qualifier included ("more than 1,200").
    pub span: Span,
    pub sentence: u32,
    pub value: Value,
    pub qualifier: Qualifier,
    /// Unit or scale when not a plain count: "percent", "kg", "km", "years",
    /// "usd". `None` for counts of things.
    pub unit: Option<String>,
    /// What is counted, as a noun phrase ("political prisoners",
    /// "Ukrainians"), normalised to lower case except for proper adjectives.
    pub counted: Option<String>,
    pub counted_span: Option<Span>,
    /// The predicate the count is the subject or object of, as a lemma
    /// ("release", "remain", "arrive", "kill").
    pub predicate: Option<String>,
    pub predicate_span: Option<Span>,
    pub modality: Modality,
    /// For sums the sentence spells out ("five Ukrainians and 104
    /// Belarusians"): the parts, each with its own counted noun. The
    /// quantity's own value is then their total.
    pub parts: Vec<QuantityPart>,
    /// Where or when the figure applies, when a phrase restricts it ("in
    /// Ukraine", "on Ukrainian territory", "since July 2024").
    pub scope: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityPart {
    pub span: Span,
    pub value: f64,
    pub counted: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Season,
    Year,
    Decade,
}

/// A date or time expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRef {
    pub span: Span,
    pub sentence: u32,
    /// True for expressions that need an anchor to resolve ("Saturday",
    /// "in August", "this year", "one year after").
    pub relative: bool,
    /// The resolved date: the first day of the period at `precision`
    /// (2025-08-01 at month precision is "August 2025"). `None` when it
    /// could not be resolved.
    pub date: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// For ranges and "since …": the end of the period, when stated.
    pub until: Option<NaiveDate>,
    /// True when the expression opens a period ("since July 2024").
    pub since: bool,
}

/// The article's own date, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    pub date: NaiveDate,
    pub precision: DatePrecision,
    pub source: ArticleDateSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleDateSource {
    /// Given by the input's metadata.
    Metadata,
    /// A full date printed at the top of the article ("Published 16 May
    /// 2025", a block that is only a date): as good as metadata.
    Header,
    /// A dateline's day ("LUBENIK, May 14 (Wire) -") with the year inferred
    /// from the weekdays and years of the text: the day is stated, the year
    /// is a guess.
    Dateline,
    /// Inferred from the dates and weekdays of the text alone.
    Inferred,
    /// Borrowed from the other articles of the story (the article states no
    /// date of its own, or only a dateline day without a year).
    Story,
}

impl ArticleDateSource {
    /// True when the date is stated, not guessed: metadata or a full date
    /// printed at the top. Only such dates anchor other articles.
    pub fn is_stated(&self) -> bool {
        matches!(
            self,
            ArticleDateSource::Metadata | ArticleDateSource::Header
        )
    }
}

/// How a quotation's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerVia {
    /// A name next to the cue: `"…," Coale said`, `X told reporters "…"`.
    Named,
    /// A pronoun next to the cue, resolved to the last named speaker or
    /// person ("he said").
    Pronoun,
    /// No cue in the sentence: the quote continues the previous speaker.
    Continuation,
    /// "according to X".
    AccordingTo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The speaker's name as resolved (full form when known).
    pub name: String,
    /// Where the speaker is named in this article (the name or pronoun
    /// used at the cue).
    pub span: Span,
    /// Index of the resolved mention in `Extraction::mentions`, when one.
    pub mention: Option<u32>,
    pub via: SpeakerVia,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks or dashes.
    pub span: Span,
    /// First and last sentence (indices into `Doc::sentences`) the quote
    /// touches.
    pub first_sentence: u32,
    pub last_sentence: u32,
    /// The quoted text, white space folded.
    pub text: String,
    pub speaker: Option<Speaker>,
    /// Reporting verb lemma ("say", "tell", "write", "add").
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    /// Where it was said, when the text tells: "on X", "to reporters",
    /// "AFP", "the Associated Press".
    pub channel: Option<String>,
    /// True for a fragment quoted inside a sentence of the writer's own
    /// ("described the talks as “very productive”").
    pub fragment: bool,
}

/// Who a sentence's claims are credited to, when not the outlet itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub sentence: u32,
    /// The source as written ("Viasna", "Ukrainian officials", "a
    /// spokeswoman for the US Embassy").
    pub source: String,
    pub source_span: Span,
    pub mention: Option<u32>,
    /// "according to", "say", "report", "tell".
    pub cue: String,
    /// Part of the sentence the attribution covers (the reported content).
    pub content_span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A count or measure: "released 123 prisoners".
    Quantity,
    /// When something happened: "released on December 13".
    Date,
    /// A person's title or role: "former President Donald Trump".
    Role,
}

/// A checkable statement from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    pub sentence: u32,
    /// The sentence (or clause) the claim is made in.
    pub span: Span,
    /// The part that carries the value (the quantity, date or title).
    pub value_span: Span,
    /// Predicate lemma ("release", "arrive", "remain"), or "role" for roles.
    pub predicate: Option<String>,
    /// What is counted, normalised ("political prisoner"); the role holder's
    /// name for role claims.
    pub subject: Option<String>,
    /// Names the claim is about (mention indices in this article).
    pub mentions: Vec<u32>,
    pub value: ClaimValue,
    pub qualifier: Qualifier,
    pub modality: Modality,
    /// Restricting phrases ("in Ukraine", "since July 2024").
    pub scope: Vec<String>,
    /// When the claimed fact holds, when the sentence says.
    pub time: Option<u32>,
    /// Who the claim is credited to, when not the outlet.
    pub attributed_to: Option<String>,
    /// The value is a total the sentence spells out as parts ("five
    /// Ukrainians and 104 Belarusians").
    #[serde(default)]
    pub sum_of_parts: bool,
    /// The value is one part of such a total.
    #[serde(default)]
    pub part_of_sum: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ClaimValue {
    Number {
        #[serde(flatten)]
        value: Value,
        unit: Option<String>,
    },
    Date {
        date: NaiveDate,
        precision: DatePrecision,
    },
    Text {
        text: String,
    },
}
