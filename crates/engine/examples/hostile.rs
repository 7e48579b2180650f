//! The worst input of each hostile class of issue 16 at the largest size svodka accepts (8 MB
//! raw, 200,000 characters prepared): time and peak memory, each case in its own process on a
//! 2 MiB thread like the engine's, so a stack overflow shows as an abort instead of ending the
//! run (docs/BENCHMARKS.md, "Hostile input").
//!
//! `cargo run --release -p svodka-engine --example hostile` prints the table; `… -- <case>` runs
//! one case. The English NER case uses the relu fixture tagger (models/fixtures/relu): its cost
//! outside the model is what grew with the text.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use svodka_analysis::{Lang, Length, Role};
use svodka_engine::entities::slovnet::{self, Slovnet};
use svodka_engine::entities::{razdel, Tagger};
use svodka_engine::models::Precision;
use svodka_engine::prepare::{prepare, MAX_INPUT_BYTES, MAX_INPUT_CHARS};
use svodka_engine::summarise::extractive;
use svodka_manifest::{installed, Manifest};

/// A case still running after this long is stopped and reported as such.
const LIMIT: Duration = Duration::from_secs(300);

const ENGLISH: [&str; 4] = [
    "Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget.",
    "The European Commission said Gazprom would cut supplies to Poland and Bulgaria.",
    "Officials in Washington declined to comment on the talks, Reuters reported.",
    "Prices rose by 4.5% in March, the statistics office in Wiesbaden said.",
];

type Case = (&'static str, &'static str, fn() -> String);

const CASES: [Case; 9] = [
    ("1", "8 MB of nested <div>", || nested("<div>", "</div>")),
    ("1", "8 MB of unclosed <i><b>", || nested("<i><b>", "")),
    ("1", "8 MB of unclosed <table><tr><td>", || {
        nested("<table><tr><td>", "")
    }),
    (
        "2",
        "200,000 chars of five-word sentences: prepare + extractive",
        || {
            let words = [
                "bank", "rates", "market", "prices", "oil", "gas", "trade", "deal",
            ];
            let mut text = String::new();
            let mut i = 0;
            while text.len() + 40 < MAX_INPUT_CHARS {
                let w = |k: usize| words[(i + k * 3) % words.len()];
                text.push_str(&format!("The {} {} {} {}. ", w(0), w(1), w(2), w(3)));
                i += 1;
            }
            text
        },
    ),
    (
        "3",
        "a Russian sentence with 199,800 '!': prepare + razdel + slovnet",
        || russian_around(&"!".repeat(MAX_INPUT_CHARS - 200)),
    ),
    (
        "3",
        "a Russian sentence with 99,900 '?!': prepare + razdel + slovnet",
        || russian_around(&"?!".repeat((MAX_INPUT_CHARS - 200) / 2)),
    ),
    (
        "3",
        "200,000 chars of Russian news: prepare + razdel + slovnet",
        || {
            let mut text = String::new();
            while text.len() < 2 * MAX_INPUT_CHARS {
                text.push_str(&russian_around(","));
                text.push(' ');
            }
            text.chars().take(MAX_INPUT_CHARS - 100).collect()
        },
    ),
    (
        "4",
        "200,000 chars of English news: prepare + the English NER",
        english,
    ),
    (
        "11",
        "200,000 chars of prose quoting <b>, <p> and an unclosed <iframe> (chars kept)",
        || {
            format!(
                "The attackers hid <iframe src=x> inside a <b> tag and a <p> tag, researchers \
             said. {}",
                english()
            )
        },
    ),
];

fn nested(open: &str, close: &str) -> String {
    let n = (MAX_INPUT_BYTES - 1_000) / (open.len() + close.len());
    format!(
        "{}<p>The bank kept rates.</p>{}",
        open.repeat(n),
        close.repeat(n)
    )
}

/// Enough Russian around the run that the language is known.
fn russian_around(run: &str) -> String {
    format!(
        "Президент России Владимир Путин сказал журналистам в Москве{run} что переговоры \
         с правительством Германии продолжатся на следующей неделе."
    )
}

fn english() -> String {
    let mut text = String::new();
    for s in ENGLISH.iter().cycle() {
        if text.len() + s.len() + 1 > MAX_INPUT_CHARS - 100 {
            break;
        }
        text.push_str(s);
        text.push(' ');
    }
    text
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first() {
        Some(index) => {
            let case = CASES[index.parse::<usize>().expect("a case number")];
            // The engine thread's stack.
            let out = std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || run(case))
                .unwrap()
                .join()
                .unwrap_or_else(|_| "panicked".into());
            println!("{out}");
        }
        None => table(),
    }
}

/// One case: `seconds | peak MiB above the start | what came out`.
fn run((class, _, input): Case) -> String {
    let input = input();
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/fixtures/relu");
    let tagger = (class == "4").then(|| {
        let manifest = Manifest::builtin();
        let files = installed(&models, manifest.for_role(Role::NerEn).unwrap()).unwrap();
        Tagger::load(&files, Precision::F32).unwrap()
    });
    let slovnet = (class == "3").then(|| Slovnet::load(&slovnet::default_dir()).unwrap());
    let before = rss_kib("VmRSS");
    let started = Instant::now();
    let outcome = match class {
        "2" => {
            let prepared = prepare(&input).unwrap();
            let sentences = prepared.sentence_texts();
            let picked = extractive::summarise(&sentences, Lang::En, Length::Medium);
            format!("{} sentences, {} picked", sentences.len(), picked.len())
        }
        "3" => {
            let prepared = prepare(&input).unwrap();
            let tokens = razdel::tokenize(&prepared.text).len();
            let entities = slovnet.unwrap().tag(&prepared.text).len();
            format!("{tokens} tokens, {entities} entities")
        }
        "4" => {
            // As the pipeline tags it: one model window at a time along prepare's sentences.
            let prepared = prepare(&input).unwrap();
            let mut windows = 0;
            let entities = tagger
                .unwrap()
                .tag_text(&prepared.text, &prepared.sentences, &mut |_| {
                    windows += 1;
                    Ok(())
                })
                .unwrap();
            format!(
                "{} chars, {} windows, {} entities",
                prepared.text.chars().count(),
                windows,
                entities.len()
            )
        }
        _ => match prepare(&input) {
            Ok(p) => format!("{} chars kept", p.text.chars().count()),
            Err(e) => format!("refused: {e}"),
        },
    };
    let seconds = started.elapsed().as_secs_f64();
    let peak = (rss_kib("VmHWM").saturating_sub(before)) / 1024;
    format!("{seconds:.2} s | {peak} MiB | {outcome}")
}

fn table() {
    println!("| class | input | time | peak memory above the start | result |");
    println!("|---|---|---|---|---|");
    let me = std::env::current_exe().unwrap();
    for (i, (class, what, _)) in CASES.iter().enumerate() {
        let mut child = Command::new(&me)
            .arg(i.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > LIMIT {
                child.kill().ok();
                child.wait().ok();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let out = std::io::read_to_string(child.stdout.take().unwrap()).unwrap_or_default();
        let row = match status {
            None => format!("> {} s (stopped) | |", LIMIT.as_secs()),
            Some(s) if s.success() => out.trim().to_string(),
            Some(s) => format!("aborted ({s}) | |"),
        };
        println!("| {class} | {what} | {row} |");
    }
}

/// A memory figure of this process from /proc (KiB).
fn rss_kib(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim_start_matches(':')
                .trim()
                .strip_suffix(" kB")
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}
