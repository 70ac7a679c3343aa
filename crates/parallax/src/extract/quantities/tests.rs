use super::fixture::{article_of, article_with_kinds};
use super::*;
use crate::model::BlockKind;
use proptest::prelude::*;

fn quantities_of(sentence: &str) -> (Article, Vec<Quantity>) {
    let (article, doc) = article_of(&[sentence]);
    let found = find_quantities(&article, &doc);
    (article, found)
}

/// (span text, value low, high, qualifier, unit, counted, predicate)
#[allow(clippy::type_complexity)]
fn summary(
    sentence: &str,
) -> Vec<(
    String,
    Option<f64>,
    Option<f64>,
    Qualifier,
    Option<String>,
    Option<String>,
    Option<String>,
)> {
    let (article, found) = quantities_of(sentence);
    found
        .into_iter()
        .map(|q| {
            (
                article.slice(&q.span).to_string(),
                q.value.low,
                q.value.high,
                q.qualifier,
                q.unit,
                q.counted,
                q.predicate,
            )
        })
        .collect()
}

fn one(sentence: &str) -> Quantity {
    let (_, found) = quantities_of(sentence);
    assert_eq!(found.len(), 1, "{sentence}: {found:#?}");
    found.into_iter().next().unwrap_or_else(|| unreachable!())
}

#[test]
fn plain_count_with_counted_and_passive_predicate() {
    let q = one("Officials said 123 political prisoners were released on Saturday.");
    assert_eq!(q.value, Value::exact(123.0));
    assert_eq!(q.counted.as_deref(), Some("political prisoners"));
    assert_eq!(q.predicate.as_deref(), Some("release"));
    assert_eq!(q.modality, Modality::Actual);
}

#[test]
fn qualifiers_make_intervals() {
    let q = one("The regime freed more than 1,200 detainees.");
    assert_eq!(
        (q.value.low, q.value.low_inclusive, q.value.high),
        (Some(1200.0), false, None)
    );
    assert_eq!(q.qualifier, Qualifier::MoreThan);
    assert_eq!(q.predicate.as_deref(), Some("free"));
    assert_eq!(predicate_family("free"), Some("release"));
    let q = one("Up to 300 fishermen were rescued.");
    assert_eq!(
        (q.value.low, q.value.high, q.value.high_inclusive),
        (Some(0.0), Some(300.0), true)
    );
    let q = one("Roughly 40 percent of households lack water.");
    assert_eq!(q.qualifier, Qualifier::About);
    assert_eq!(q.unit.as_deref(), Some("percent"));
    assert_eq!(q.counted.as_deref(), Some("households"));
    assert!(q.value.low.is_some_and(|low| (low - 36.0).abs() < 1e-9));
    let q = one("Nearly 90 lorries crossed the border.");
    assert_eq!(
        (q.value.low, q.value.high, q.value.high_inclusive),
        (Some(81.0), Some(90.0), false)
    );
    let q = one("The firm will hire 500 or more engineers.");
    assert_eq!(q.qualifier, Qualifier::AtLeast);
    assert_eq!(q.counted.as_deref(), Some("engineers"));
}

#[test]
fn disaster_toll_with_ellipsis() {
    let found = summary("At least 41 people were killed and more than 200 injured in the floods.");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "At least 41");
    assert_eq!(found[0].5.as_deref(), Some("people"));
    assert_eq!(found[0].6.as_deref(), Some("kill"));
    assert_eq!(found[1].0, "more than 200");
    assert_eq!(found[1].5.as_deref(), Some("people"));
    assert_eq!(found[1].6.as_deref(), Some("injure"));
}

#[test]
fn election_share() {
    let q = one("She won 52.3% of the vote in the runoff.");
    assert_eq!(q.value.exact, Some(52.3));
    assert_eq!(q.unit.as_deref(), Some("percent"));
    assert_eq!(q.counted.as_deref(), Some("vote"));
    assert_eq!(q.predicate.as_deref(), Some("win"));
}

#[test]
fn court_sentence_is_a_duration() {
    let q = one("The journalist was sentenced to 10 years in a penal colony.");
    assert_eq!(q.value.exact, Some(10.0));
    assert_eq!(q.unit.as_deref(), Some("years"));
    assert_eq!(q.predicate.as_deref(), Some("sentence"));
}

#[test]
fn money_with_scale() {
    let q = one("The fund approved a $1.2 billion loan to the utility.");
    assert_eq!(q.value.exact, Some(1.2e9));
    assert_eq!(q.unit.as_deref(), Some("usd"));
    assert_eq!(q.counted.as_deref(), Some("loan"));
    let q = one("It raised £5m from investors.");
    assert_eq!((q.value.exact, q.unit.as_deref()), (Some(5e6), Some("gbp")));
}

#[test]
fn number_words_and_vague_plurals() {
    let q = one("Twenty-three miners were trapped underground.");
    assert_eq!(q.value.exact, Some(23.0));
    assert_eq!(q.counted.as_deref(), Some("miners"));
    assert_eq!(q.predicate.as_deref(), Some("trap"));
    let q = one("Police detained hundreds of protesters.");
    assert_eq!(q.qualifier, Qualifier::Vague);
    assert_eq!((q.value.low, q.value.high), (Some(200.0), Some(1000.0)));
    assert_eq!(q.counted.as_deref(), Some("protesters"));
    assert_eq!(q.predicate.as_deref(), Some("detain"));
    let q = one("About a dozen boats sank.");
    assert_eq!(q.value.low, Some(12.0 * 0.9));
    assert_eq!(q.counted.as_deref(), Some("boats"));
}

#[test]
fn sums_of_parts() {
    let (_, found) = quantities_of("Five Ukrainians and 104 Belarusians arrived in Vilnius.");
    assert_eq!(found.len(), 3, "{found:#?}");
    let total = found.iter().find(|q| !q.parts.is_empty());
    let total = total.unwrap_or_else(|| unreachable!());
    assert_eq!(total.value.exact, Some(109.0));
    assert_eq!(total.counted.as_deref(), Some("people"));
    assert_eq!(total.predicate.as_deref(), Some("arrive"));
    assert_eq!(
        total.parts.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![5.0, 104.0]
    );
    assert_eq!(total.scope, vec!["in Vilnius".to_string()]);
    assert!(found
        .iter()
        .filter(|q| q.parts.is_empty())
        .all(|q| q.predicate.as_deref() == Some("arrive")));
}

#[test]
fn nominalisation_and_goal() {
    let q = one("The envoy urged the release of up to 1,400 prisoners.");
    assert_eq!(q.predicate.as_deref(), Some("release"));
    assert_eq!(q.modality, Modality::Goal);
    assert_eq!(q.qualifier, Qualifier::AtMost);
    let q = one("The toll could reach 1,000.");
    assert_eq!(q.modality, Modality::Hypothetical);
}

#[test]
fn subject_before_a_linker() {
    let q = one("The death toll rose to 41 on Sunday.");
    assert_eq!(q.counted.as_deref(), Some("death toll"));
    assert_eq!(q.predicate.as_deref(), Some("die"));
    assert_eq!(predicate_family("die"), Some("kill"));
    assert_eq!(q.scope, vec!["on Sunday".to_string()]);
}

#[test]
fn remain_behind_bars_and_scope() {
    let q = one("Some 1,100 political prisoners remain behind bars in Belarus since July 2024.");
    assert_eq!(q.predicate.as_deref(), Some("remain"));
    assert_eq!(q.qualifier, Qualifier::About);
    assert!(q.scope.contains(&"in Belarus".to_string()), "{:?}", q.scope);
    assert!(
        q.scope.contains(&"since July 2024".to_string()),
        "{:?}",
        q.scope
    );
}

#[test]
fn not_figures() {
    let cases = [
        "It was his second term and the fourth time he ran.",
        "The 2022 Nobel Peace Prize went to a rights group in 2022.",
        "Article 19 and the G7 discussed COVID-19 at 10:30 on December 13.",
        "Call +375 17 123 45 67 for details.",
        "They won 3-1 at home.",
        "The meeting starts at 9 a.m. tomorrow.",
        "One of the guards spoke.",
    ];
    for sentence in cases {
        let found = summary(sentence);
        assert!(found.is_empty(), "{sentence}: {found:?}");
    }
}

#[test]
fn ages_are_values_not_counts() {
    let q = one("The opposition leader, aged 54, was jailed.");
    assert_eq!(
        (q.value.exact, q.unit.as_deref(), q.counted.as_deref()),
        (Some(54.0), Some("years"), Some("age"))
    );
    let q = one("A 37-year-old nurse was arrested.");
    assert_eq!(
        (q.value.exact, q.counted.as_deref()),
        (Some(37.0), Some("age"))
    );
}

#[test]
fn ranges() {
    let q = one("Between 10 and 20 villages were flooded.");
    assert_eq!(
        (q.qualifier, q.value.low, q.value.high),
        (Qualifier::Range, Some(10.0), Some(20.0))
    );
    assert_eq!(q.counted.as_deref(), Some("villages"));
    let q = one("They expect 30-40 delegates.");
    assert_eq!((q.value.low, q.value.high), (Some(30.0), Some(40.0)));
}

#[test]
fn units_and_measures() {
    let q = one("Customs seized 60kg of cocaine.");
    assert_eq!(
        (q.value.exact, q.unit.as_deref(), q.counted.as_deref()),
        (Some(60.0), Some("kg"), Some("cocaine"))
    );
    let q = one("The storm cut power to 1.2 million homes.");
    assert_eq!(
        (q.value.exact, q.counted.as_deref()),
        (Some(1.2e6), Some("homes"))
    );
}

#[test]
fn headings_are_skipped() {
    let (article, doc) = article_with_kinds(&[
        ("Belarus frees 52 prisoners", BlockKind::Heading),
        ("No figures here.", BlockKind::Body),
    ]);
    assert!(find_quantities(&article, &doc).is_empty());
}

#[test]
fn verb_lemmas() {
    let cases = [
        ("released", "release"),
        ("killed", "kill"),
        ("stopped", "stop"),
        ("carried", "carry"),
        ("arrived", "arrive"),
        ("rescued", "rescue"),
        ("freed", "free"),
        ("remain", "remain"),
        ("deported", "deport"),
        ("passed", "pass"),
    ];
    for (form, lemma) in cases {
        assert_eq!(verb_lemma(form), lemma, "{form}");
    }
}

#[test]
fn counted_keys_fold_number() {
    assert_eq!(
        counted_key("political prisoners"),
        counted_key("Political prisoner")
    );
    assert_ne!(counted_key("prisoners"), counted_key("people"));
}

proptest! {
    #[test]
    fn spans_stay_in_sentences(text in "\\PC{0,50}( (more than|about|up to|five|1,200|\\$3bn|20%|hundreds of) (people|prisoners|Ukrainians)? ?(were released|died|and)?\\PC{0,10}){0,4}") {
        let (article, doc) = article_of(&[text.as_str()]);
        let found = find_quantities(&article, &doc);
        for quantity in found {
            let sentence = doc.sentences.get(quantity.sentence as usize);
            prop_assert!(sentence.is_some_and(|s| s.span.contains(&quantity.span)));
            if let Some(span) = quantity.counted_span {
                prop_assert!(sentence.is_some_and(|s| s.span.contains(&span)));
            }
            if let (Some(low), Some(high)) = (quantity.value.low, quantity.value.high) {
                prop_assert!(low <= high);
            }
        }
    }
}

#[test]
fn scope_stays_in_the_clause() {
    let q =
        one("Sanctions on Ghanaian cocoa were eased after 40 traders were freed in the capital.");
    assert_eq!(q.scope, vec!["in the capital".to_string()]);
    let q = one("On Friday, the court fined 12 companies in Lagos.");
    assert_eq!(
        q.scope,
        vec!["On Friday".to_string(), "in Lagos".to_string()]
    );
    let q = one("Imports of the country's 300 tonnes of grain rose.");
    assert_eq!(q.counted.as_deref(), Some("grain"));
}

#[test]
fn measure_nouns_before_a_copula_are_counted() {
    // The rate is what the figure measures: the subject of the copula.
    let q = one("Unemployment was 7.1 percent in March.");
    assert_eq!(q.counted.as_deref(), Some("Unemployment"));
    let q = one("The participation rate is 58 percent, the agency said.");
    assert_eq!(q.counted.as_deref(), Some("participation rate"));
    let q = one("According to the bureau, the jobless rate was 4.2%.");
    assert_eq!(q.counted.as_deref(), Some("jobless rate"));
    // A person's name before the copula is not what is counted.
    let q = one("Ms Varga was 12 percent ahead.");
    assert_ne!(q.counted.as_deref(), Some("Ms Varga"));
}

#[test]
fn measure_nouns_before_a_passive_and_linker_are_counted() {
    let q = one("Inflation was confirmed at 3.9 percent.");
    assert_eq!(q.counted.as_deref(), Some("Inflation"));
}

#[test]
fn the_object_of_put_at_is_counted_without_the_verb() {
    let q = one("The observers put attendance at 40 percent.");
    assert_eq!(q.counted.as_deref(), Some("attendance"));
}
