//! Throughput of the `text` stage (`text::analyse`) on generated news-like
//! text: paragraphs of sentences with names, initials, abbreviations,
//! numbers, quotations over several sentences, possessives and dashes.
//!
//! Run with `cargo bench -p parallax --bench text`; divan prints the bytes
//! per second (the MB/s figure) of each benchmark, and the first lines
//! printed give a single-pass MB/s measured with `Instant`.

#![allow(clippy::print_stdout)]

use divan::counter::BytesCount;
use divan::Bencher;
use parallax::ingest::read_plain_text;
use parallax::model::Article;
use parallax::text::analyse;
use std::time::Instant;

/// A small deterministic generator (xorshift64*), so every run measures the
/// same text.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        let mut value = self.0;
        value ^= value >> 12;
        value ^= value << 25;
        value ^= value >> 27;
        self.0 = value;
        value.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        let index = (self.next() % choices.len() as u64) as usize;
        choices[index]
    }

    fn number(&mut self, below: u64) -> u64 {
        self.next() % below
    }
}

const GIVEN: &[&str] = &[
    "Anna", "Jonas", "Maria", "Viktor", "Chloé", "Tomasz", "Ines", "Oleh",
];
const INITIAL: &[&str] = &["", "", "", "E. ", "V. ", "K. "];
const FAMILY: &[&str] = &[
    "Novak",
    "Smith",
    "Kowalska",
    "Durand",
    "Petrenko",
    "García",
    "O’Neill",
];
const TITLE: &[&str] = &[
    "Mr.",
    "Ms.",
    "Dr.",
    "Gen.",
    "Sen.",
    "Gov.",
    "President",
    "Minister",
];
const PLACE: &[&str] = &[
    "Vilnius",
    "the U.S.",
    "Saint-Denis",
    "the U.K.",
    "Kyiv",
    "Geneva",
    "Warsaw",
];
const GROUP: &[&str] = &[
    "prisoners",
    "workers",
    "residents",
    "students",
    "officials",
    "refugees",
];
const VERB: &[&str] = &[
    "released",
    "met",
    "visited",
    "welcomed",
    "counted",
    "evacuated",
];
const MONTH: &[&str] = &[
    "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "March", "May",
];
const SAYS: &[&str] = &[
    "said",
    "told reporters",
    "wrote on X",
    "added",
    "said on Saturday",
];
const CLAUSE: &[&str] = &[
    "We are ready",
    "That’s our goal",
    "Nobody expected this, and nobody wanted it",
    "It will take time",
    "The talks were long — very long",
    "We don't know yet",
];

fn person(random: &mut Random) -> String {
    format!(
        "{} {}{}",
        random.pick(GIVEN),
        random.pick(INITIAL),
        random.pick(FAMILY)
    )
}

fn sentence(random: &mut Random) -> String {
    match random.number(7) {
        0 => format!(
            "{} {} {} {} {} in {} on {} {}.",
            random.pick(TITLE),
            person(random),
            random.pick(VERB),
            1 + random.number(2000),
            random.pick(GROUP),
            random.pick(PLACE),
            random.pick(MONTH),
            1 + random.number(28)
        ),
        1 => format!(
            "“{}. {},” {} {}.",
            random.pick(CLAUSE),
            random.pick(CLAUSE),
            person(random),
            random.pick(SAYS)
        ),
        2 => format!(
            "The {}’s budget rose {}.{} percent to ${}.{} billion, e.g. for {} at 9 a.m. daily.",
            random.pick(&["ministry", "city", "agency"]),
            random.number(20),
            random.number(10),
            random.number(9) + 1,
            random.number(10),
            random.pick(GROUP)
        ),
        3 => format!(
            "More than {},{:03} {} — most of them from {} — remain behind bars, according to {}.",
            1 + random.number(9),
            random.number(1000),
            random.pick(GROUP),
            random.pick(PLACE),
            person(random)
        ),
        4 => format!(
            "Is this the end? {} asked. Perhaps not!",
            random.pick(&["Nobody", "The board", "No one here"])
        ),
        5 => format!(
            "{} {} of No. {} Co. arrived at 5 p.m. He left soon after.",
            random.pick(TITLE),
            person(random),
            random.number(99)
        ),
        _ => format!(
            "In the ’90s the {} rock ’n’ roll club hosted {} concerts...",
            random.pick(PLACE),
            random.number(500)
        ),
    }
}

/// About `target_bytes` of text: paragraphs of two to five sentences.
fn generate(target_bytes: usize, seed: u64) -> String {
    let mut random = Random(seed | 1);
    let mut text = String::with_capacity(target_bytes + 1024);
    text.push_str("Talks end with a release of prisoners\n\n");
    while text.len() < target_bytes {
        let count = 2 + random.number(4);
        for index in 0..count {
            if index > 0 {
                text.push(' ');
            }
            text.push_str(&sentence(&mut random));
        }
        text.push_str("\n\n");
    }
    text
}

fn article(bytes: usize) -> Article {
    let text = generate(bytes, 0x5eed);
    read_plain_text("bench.txt", text.as_bytes(), 0).expect("generated text is valid")
}

fn main() {
    // One plain measurement, printed as MB/s, before divan's own runs.
    let big = article(4 << 20);
    let started = Instant::now();
    let mut sentences = 0;
    const ROUNDS: usize = 5;
    for _ in 0..ROUNDS {
        sentences += analyse(divan::black_box(&big)).sentences.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = (big.text.len() * ROUNDS) as f64 / 1e6;
    println!(
        "text::analyse: {:.1} MB/s ({} bytes x {ROUNDS}, {} sentences per pass)",
        megabytes / seconds,
        big.text.len(),
        sentences / ROUNDS
    );
    divan::main();
}

#[divan::bench(args = [16 * 1024, 1024 * 1024])]
fn analyse_article(bencher: Bencher, bytes: usize) {
    let input = article(bytes);
    bencher
        .counter(BytesCount::new(input.text.len()))
        .bench(|| analyse(divan::black_box(&input)));
}
