//! Benchmark of the offer selector, natively (`bash scripts/bench.sh`): a
//! 5 000-offer catalog (six rungs, both segments, every kind of rule, some
//! retired or expired), a policy per campaign, a cancellation customer with
//! two needs and three offers already presented. Times `select` as the
//! guide runs it on every change, `select` with the reasons of every
//! excluded offer ("¿por qué no aplican las demás?"), and the server's
//! `check_presentations` at close with ten presentations (catalog lookup,
//! eligibility now or at the call's start, the ladder). Prints one JSON line
//! with p50/p95/p99 in microseconds.
//!
//! `--csv FILE` also writes the catalog as the admin's CSV import reads it,
//! so the browser benchmark runs the very same catalog in wasm.
//!
//! `cargo run --release -p server --example selector_bench -- [OFFERS] [--csv FILE]`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::domain::bases::{BaseKind, Segment};
use app::domain::offers::{
    CustomerProfile, Need, Offer, OfferAnswer, OfferKind, Presentation, RetentionPolicy,
    SelectorInput, Service, check_presentations, eligible_codes, select,
};
use chrono::NaiveDate;
use std::hint::black_box;
use std::time::Instant;

const RUNS: usize = 300;

/// A small deterministic generator (no dependency, same catalog every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Each item of `all` with the given chance.
fn pick<T: Copy>(rng: &mut Lcg, all: &[T], percent: u64) -> Vec<T> {
    all.iter()
        .copied()
        .filter(|_| rng.chance(percent))
        .collect()
}

fn catalog(size: usize) -> Vec<Offer> {
    let mut rng = Lcg(20_261_201);
    let kinds = [
        OfferKind::Descuento,
        OfferKind::MejoraPlan,
        OfferKind::CambioServicio,
        OfferKind::MejoraSinCosto,
        OfferKind::MigracionFtth,
    ];
    (0..size)
        .map(|i| {
            let level = if i % 50 == 0 {
                1
            } else {
                2 + rng.below(5) as u8
            };
            // 1 in 10 not yet valid, 1 in 10 expired.
            let validity = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2][rng.below(10) as usize];
            Offer {
                code: format!("OF{i:05}"),
                name: format!("Oferta {i}"),
                script: format!("{{cliente}}, le ofrecemos la oferta {i}."),
                segment: [None, Some(Segment::Hogar), Some(Segment::Movil)][rng.below(3) as usize],
                services: pick(&mut rng, Service::ALL, 25),
                kind: if level == 1 {
                    OfferKind::BeneficioActual
                } else {
                    kinds[rng.below(kinds.len() as u64) as usize]
                },
                level,
                cost: (rng.below(60) * 1_000) as i64,
                duration_months: [0, 3, 6, 12][rng.below(4) as usize],
                valid_from: (validity == 1).then(|| NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
                valid_to: (validity == 2).then(|| NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()),
                base_kinds: pick(&mut rng, BaseKind::ALL, 30),
                min_tenure_months: rng.chance(40).then(|| rng.below(48) as u32),
                min_monthly_value: rng.chance(30).then(|| (rng.below(100) * 1_000) as i64),
                max_monthly_value: rng
                    .chance(20)
                    .then(|| (100_000 + rng.below(200) * 1_000) as i64),
                needs: pick(&mut rng, Need::ALL, 20),
                active: rng.chance(92),
            }
        })
        .collect()
}

fn policies() -> Vec<RetentionPolicy> {
    BaseKind::ALL
        .iter()
        .map(|kind| RetentionPolicy {
            code: format!("POL_{}", kind.code()),
            name: format!("Política {}", kind.label()),
            base_kind: *kind,
            segment: None,
            max_level: 5,
            offers: Vec::new(),
            active: true,
        })
        .collect()
}

fn percentiles(mut values: Vec<f64>) -> String {
    values.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| values[((values.len() as f64 - 1.0) * p).round() as usize];
    format!(
        "{{\"p50\": {:.1}, \"p95\": {:.1}, \"p99\": {:.1}}}",
        at(0.50),
        at(0.95),
        at(0.99)
    )
}

fn time(mut run: impl FnMut()) -> String {
    for _ in 0..20 {
        run();
    }
    let samples = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    percentiles(samples)
}

/// The catalog as `procedures/ofertas.csv` writes it.
fn to_csv(catalog: &[Offer]) -> String {
    let join = |items: Vec<&str>| items.join("|");
    let mut out = String::from(
        "codigo;nombre;guion;segmento;servicios;tipo;escalon;costo;duracion_meses;vigente_desde;vigente_hasta;tipos_base;antiguedad_minima;valor_minimo;valor_maximo;necesidades;activa\n",
    );
    for o in catalog {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{};{}\n",
            o.code,
            o.name,
            o.script,
            o.segment.map(|s| s.code()).unwrap_or(""),
            join(o.services.iter().map(|s| s.code()).collect()),
            o.kind.code(),
            o.level,
            o.cost,
            o.duration_months,
            date(o.valid_from),
            date(o.valid_to),
            join(o.base_kinds.iter().map(|k| k.code()).collect()),
            num(o.min_tenure_months.map(i64::from)),
            num(o.min_monthly_value),
            num(o.max_monthly_value),
            join(o.needs.iter().map(|n| n.code()).collect()),
            if o.active { "SI" } else { "NO" },
        ));
    }
    out
}

fn main() {
    let mut size = 5_000;
    let mut csv = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--csv" {
            csv = args.next();
        } else {
            size = arg.parse().expect("OFFERS is a number");
        }
    }
    let catalog = catalog(size);
    if let Some(path) = csv {
        std::fs::write(&path, to_csv(&catalog)).expect("write the CSV");
    }
    let policies = policies();
    let customer = CustomerProfile {
        base_kind: Some(BaseKind::Cancelaciones),
        segment: Some(Segment::Hogar),
        services: vec![Service::Internet, Service::Tv],
        tenure_months: Some(24),
        monthly_value: Some(129_900),
        base_offers: vec!["OF00007".into(), "OF00011".into()],
    };
    let needs = [Need::Precio, Need::Velocidad];
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let input = |presented: &[Presentation], explain| {
        select(
            &catalog,
            &policies,
            SelectorInput {
                customer: &customer,
                needs: &needs,
                presented,
                today,
                explain,
            },
        )
    };
    // Climb the ladder as the guide would: each time the next offer.
    let mut presented: Vec<Presentation> = Vec::new();
    for _ in 0..10 {
        let selection = input(&presented, false);
        let Some(next) = selection.next() else { break };
        let offer = &catalog[next.index];
        presented.push(Presentation {
            offer: offer.code.clone(),
            name: offer.name.clone(),
            kind: offer.kind,
            level: offer.level,
            services: offer.services.clone(),
            answer: OfferAnswer::Rechaza,
        });
    }
    let shown = &presented[..3.min(presented.len())];
    let selection = input(shown, false);

    let plain = time(|| {
        black_box(input(black_box(shown), false));
    });
    let explained = time(|| {
        black_box(input(black_box(shown), true));
    });
    let started = eligible_codes(&catalog, &policies, &customer, today);
    let ladder = time(|| {
        black_box(check_presentations(
            &catalog,
            &policies,
            &customer,
            &presented,
            today,
            Some(&started),
        ))
        .unwrap();
    });
    println!(
        "{{\"offers\": {size}, \"eligible\": {}, \"excluded\": {}, \"runs\": {RUNS}, \"select_us\": {plain}, \"select_with_reasons_us\": {explained}, \"check_close_10_us\": {ladder}}}",
        selection.eligible.len(),
        selection.excluded_count,
    );
}
