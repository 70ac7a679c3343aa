use super::*;
use crate::model::{Extraction, Modality, Qualifier, Span};

/// An article whose claims are written by hand: (value text as it appears,
/// predicate, counted, value, qualifier, attributed to, scope).
struct ClaimSpec<'a> {
    value_text: &'a str,
    predicate: &'a str,
    counted: &'a str,
    value: Value,
    qualifier: Qualifier,
    attributed_to: Option<&'a str>,
    scope: &'a [&'a str],
}

fn spec<'a>(
    value_text: &'a str,
    predicate: &'a str,
    counted: &'a str,
    value: Value,
) -> ClaimSpec<'a> {
    ClaimSpec {
        value_text,
        predicate,
        counted,
        value,
        qualifier: Qualifier::None,
        attributed_to: None,
        scope: &[],
    }
}

fn more_than(number: f64) -> Value {
    Value {
        low: Some(number),
        low_inclusive: false,
        high: None,
        high_inclusive: false,
        exact: None,
    }
}

fn at_least(number: f64) -> Value {
    Value {
        low: Some(number),
        low_inclusive: true,
        high: None,
        high_inclusive: false,
        exact: None,
    }
}

fn article(index: u32, text: &str, specs: &[ClaimSpec<'_>]) -> AnalysedArticle {
    let article =
        crate::ingest::read_plain_text(&format!("{index}.txt"), text.as_bytes(), index).unwrap();
    let doc = crate::text::analyse(&article);
    let mut claims = Vec::new();
    for spec in specs {
        let start = article.text.find(spec.value_text).unwrap();
        let value_span = Span::new(index, start, start + spec.value_text.len());
        let sentence = doc.sentence_at(start).unwrap();
        claims.push(Claim {
            kind: ClaimKind::Quantity,
            sentence: sentence as u32,
            span: doc.sentences[sentence].span,
            value_span,
            predicate: Some(spec.predicate.to_string()),
            subject: Some(spec.counted.to_string()),
            mentions: Vec::new(),
            value: ClaimValue::Number {
                value: spec.value,
                unit: None,
            },
            qualifier: spec.qualifier,
            modality: Modality::Actual,
            scope: spec.scope.iter().map(|s| s.to_string()).collect(),
            time: None,
            attributed_to: spec.attributed_to.map(str::to_string),
            sum_of_parts: false,
            part_of_sum: false,
        });
    }
    AnalysedArticle {
        article,
        doc,
        extraction: Extraction {
            claims,
            ..Extraction::default()
        },
    }
}

fn run(articles: &[AnalysedArticle], lineages: &[(u32, u32)]) -> Vec<ClaimGroup> {
    let refs: Vec<&AnalysedArticle> = articles.iter().collect();
    let lineage_of: HashMap<ArticleIndex, u32> = lineages.iter().copied().collect();
    let entity_of = HashMap::new();
    group_claims(&StoryContext {
        articles: &refs,
        lineage_of: &lineage_of,
        entity_of: &entity_of,
    })
}

#[test]
fn the_same_count_from_two_lineages_is_corroborated_and_copies_do_not_add() {
    let articles = vec![
        article(
            0,
            "The storm killed 41 people in the valley.",
            &[spec("41", "kill", "people", Value::exact(41.0))],
        ),
        article(
            1,
            "The storm killed 41 people in the valley, officials said.",
            &[spec("41", "kill", "people", Value::exact(41.0))],
        ),
        article(
            2,
            "Rescuers said 41 people died.",
            &[spec("41", "die", "people", Value::exact(41.0))],
        ),
    ];
    let groups = run(&articles, &[(0, 0), (1, 0), (2, 1)]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(groups[0].verdict, Verdict::Corroborated);
    assert_eq!(groups[0].independent_sources, vec![0, 1]);
    assert_eq!(groups[0].claims.len(), 3);

    let copies_only = run(&articles[..2], &[(0, 0), (1, 0)]);
    assert_eq!(copies_only[0].verdict, Verdict::SingleSource);
}

#[test]
fn bounds_that_admit_one_number_are_compatible() {
    let mut remain = spec(
        "more than 1,200",
        "remain",
        "political prisoners",
        more_than(1200.0),
    );
    remain.qualifier = Qualifier::MoreThan;
    let articles = vec![
        article(
            0,
            "Today more than 1,200 political prisoners remain in jail.",
            &[remain],
        ),
        article(
            1,
            "There are 1,227 political prisoners in the country.",
            &[spec(
                "1,227",
                "be",
                "political prisoners",
                Value::exact(1227.0),
            )],
        ),
    ];
    let groups = run(&articles, &[(0, 0), (1, 1)]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(groups[0].verdict, Verdict::Conflict);
    assert_eq!(groups[0].conflict_kind, Some(ConflictKind::Compatible));
}

#[test]
fn at_least_and_the_same_number_agree() {
    let mut bound = spec("at least 75", "free", "hostages", at_least(75.0));
    bound.qualifier = Qualifier::AtLeast;
    let articles = vec![
        article(0, "The group freed at least 75 hostages.", &[bound]),
        article(
            1,
            "The group released 75 hostages on Monday.",
            &[spec("75", "release", "hostages", Value::exact(75.0))],
        ),
    ];
    let groups = run(&articles, &[(0, 0), (1, 1)]);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].verdict, Verdict::Corroborated);
}

#[test]
fn a_figure_credited_to_one_party_is_a_different_attribution() {
    let mut envoy = spec("98", "release", "detainees", Value::exact(98.0));
    envoy.attributed_to = Some("the envoy");
    let articles = vec![
        article(
            0,
            "Authorities released 75 detainees.",
            &[spec("75", "release", "detainees", Value::exact(75.0))],
        ),
        article(
            1,
            "The government freed 75 prisoners.",
            &[spec("75", "free", "prisoners", Value::exact(75.0))],
        ),
        article(
            2,
            "\u{201c}We got 98 detainees out,\u{201d} the envoy said.",
            &[envoy],
        ),
    ];
    let groups = run(&articles, &[(0, 0), (1, 1), (2, 2)]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(
        groups[0].conflict_kind,
        Some(ConflictKind::DifferentAttribution)
    );
    assert!(
        groups[0].explanation.contains("the envoy"),
        "{}",
        groups[0].explanation
    );
}

#[test]
fn one_outlet_against_two_is_a_likely_error_and_one_against_one_a_contradiction() {
    let articles = vec![
        article(
            0,
            "The flood destroyed 300 homes.",
            &[spec("300", "destroy", "homes", Value::exact(300.0))],
        ),
        article(
            1,
            "Some 300 homes were destroyed.",
            &[spec("300", "destroy", "homes", Value::exact(300.0))],
        ),
        article(
            2,
            "The flood destroyed 380 homes.",
            &[spec("380", "destroy", "homes", Value::exact(380.0))],
        ),
    ];
    let groups = run(&articles, &[(0, 0), (1, 1), (2, 2)]);
    assert_eq!(
        groups[0].conflict_kind,
        Some(ConflictKind::LikelyError),
        "{groups:#?}"
    );

    let two = run(
        &[articles[0].clone(), articles[2].clone()],
        &[(0, 0), (2, 2)],
    );
    assert_eq!(two[0].conflict_kind, Some(ConflictKind::Contradiction));
}

#[test]
fn different_magnitudes_and_different_things_are_different_facts() {
    let articles = vec![
        article(
            0,
            "Police arrested 12 protesters. They held 3,000 people for questioning.",
            &[
                spec("12", "arrest", "protesters", Value::exact(12.0)),
                spec("3,000", "hold", "people", Value::exact(3000.0)),
            ],
        ),
        article(
            1,
            "Officers arrested 40 protesters and seized 12 cars.",
            &[
                spec("40", "arrest", "protesters", Value::exact(40.0)),
                spec("12", "seize", "cars", Value::exact(12.0)),
            ],
        ),
    ];
    let groups = run(&articles, &[(0, 0), (1, 1)]);
    assert_eq!(groups.len(), 4, "{groups:#?}");
    assert!(groups
        .iter()
        .all(|group| group.verdict == Verdict::SingleSource));
}

#[test]
fn arrivals_short_of_the_released_are_a_different_scope() {
    let mut arrived = spec("61", "arrive", "freed prisoners", Value::exact(61.0));
    arrived.scope = &["in Armenia"];
    let articles = vec![
        article(
            0,
            "The government released 75 prisoners.",
            &[spec("75", "release", "prisoners", Value::exact(75.0))],
        ),
        article(
            1,
            "Officials released 75 prisoners; 61 of them arrived in Armenia.",
            &[
                spec("75", "release", "prisoners", Value::exact(75.0)),
                arrived,
            ],
        ),
    ];
    let groups = run(&articles, &[(0, 0), (1, 1)]);
    let scope = groups
        .iter()
        .find(|group| group.conflict_kind == Some(ConflictKind::DifferentScope))
        .unwrap_or_else(|| panic!("no scope conflict in {groups:#?}"));
    assert_eq!(scope.claims.len(), 3);
    assert!(scope.explanation.contains("61"), "{}", scope.explanation);
}

#[test]
fn every_table_row_is_well_formed_and_used() {
    for row in table_rows(SUBJECT_TABLE) {
        assert_eq!(row.len(), 3, "{row:?}");
        assert!(row[2] == "yes" || row[2] == "no", "{row:?}");
        assert_eq!(subject_classes()[row[0]].class, row[1]);
    }
    let families: BTreeSet<&str> = include_str!("../../../data/predicate_families.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split('\t').nth(1))
        .collect();
    for (narrow, wide) in stages() {
        assert!(
            families.contains(narrow) && families.contains(wide),
            "{narrow} {wide}"
        );
    }
    for row in table_rows(SCOPE_WORD_TABLE) {
        assert_eq!(row.len(), 2, "{row:?}");
        assert!(["early", "final", "part"].contains(&row[1]), "{row:?}");
        assert_eq!(scope_words()[row[0]], row[1]);
    }
    assert_eq!(predicate_family("freed"), "release");
    assert_eq!(predicate_family("pardon"), "release");
}

#[test]
fn counted_phrases_fold_to_classes() {
    assert_eq!(subject_of("political prisoners").unwrap().class, "prisoner");
    assert_eq!(subject_of("detainees").unwrap().class, "prisoner");
    assert_eq!(subject_of("Ukrainians").unwrap().class, "person");
    assert_eq!(subject_of("cars").unwrap().class, term_of("cars"));
    assert!(subject_of("co-defendants").unwrap().narrowed);
    assert_eq!(
        subject_of("co-defendants").unwrap().class,
        subject_of("defendants").unwrap().class
    );
    assert!(subject_of("other passengers").unwrap().narrowed);
    assert!(subjects_compatible(
        &subject_of("people"),
        &subject_of("prisoners")
    ));
    assert!(!subjects_compatible(
        &subject_of("cars"),
        &subject_of("prisoners")
    ));
}

#[test]
fn roles_fold_nationality_and_keep_former_apart() {
    assert_eq!(fold_role("US President"), ("president".to_string(), false));
    assert_eq!(
        fold_role("former President"),
        ("president".to_string(), true)
    );
    assert_eq!(fold_role("ex-minister"), ("minister".to_string(), true));
    assert_eq!(
        fold_role("Belarusian opposition leader"),
        ("opposition leader".to_string(), false)
    );
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

#[test]
fn borrowed_days_match_within_their_slack_and_undated_figures() {
    let around = TimeBucket::Around(day(2025, 5, 15));
    let stated_next_day = TimeBucket::At(day(2025, 5, 16), DatePrecision::Day);
    let stated_week_later = TimeBucket::At(day(2025, 5, 22), DatePrecision::Day);
    assert!(times_compatible(around, stated_next_day, None));
    assert!(!times_compatible(around, stated_week_later, None));
    assert!(times_compatible(
        around,
        TimeBucket::Undated,
        Some(day(2025, 5, 1))
    ));
    // Stated days stay exact.
    assert!(!times_compatible(
        TimeBucket::At(day(2025, 5, 15), DatePrecision::Day),
        stated_next_day,
        None
    ));
}

#[test]
fn ranges_of_days_hold_the_days_inside_them() {
    let week = TimeBucket::Range(day(2025, 10, 13), day(2025, 10, 19));
    assert!(times_compatible(
        week,
        TimeBucket::At(day(2025, 10, 16), DatePrecision::Day),
        None
    ));
    assert!(!times_compatible(
        week,
        TimeBucket::At(day(2025, 10, 25), DatePrecision::Day),
        None
    ));
    assert!(times_compatible(
        week,
        TimeBucket::Undated,
        Some(day(2025, 10, 14))
    ));
    assert!(!times_compatible(
        week,
        TimeBucket::Undated,
        Some(day(2025, 11, 2))
    ));
}
