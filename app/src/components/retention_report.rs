//! The retention conversion report (SPEC §4): per ladder rung, per offer and
//! per service, over a period. Leaders see their team, the admin and the
//! gerente the whole operation (the server decides).

use crate::api::offers::{Conversion, RetentionReport, retention_report};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::local_time::local_date;
use chrono::{Datelike, NaiveDate, Utc};
use leptos::prelude::*;

/// A share as es-CO writes it (`45,5 %`), `—` when there is nothing to divide.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(rate) => format!("{:.1} %", rate * 100.0).replace('.', ","),
        None => "—".into(),
    }
}

/// A count with thousands separated by dots (`12.345`).
pub fn count(value: u32) -> String {
    crate::domain::numbers::group_thousands(u64::from(value))
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// The period picker and the three tables of the report.
#[component]
pub fn RetentionReportView() -> impl IntoView {
    let today = local_date(Utc::now());
    let first = today.with_day(1).unwrap_or(today);
    let from_text = RwSignal::new(first.format("%Y-%m-%d").to_string());
    let to_text = RwSignal::new(today.format("%Y-%m-%d").to_string());
    let period = RwSignal::new((first, today));
    let problem = RwSignal::new(None::<String>);
    let report = LocalResource::new(move || {
        let (from, to) = period.get();
        retention_report(from, to)
    });

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (
            parse_date(&from_text.get_untracked()),
            parse_date(&to_text.get_untracked()),
        ) {
            (Some(from), Some(to)) if from <= to => {
                problem.set(None);
                if period.get_untracked() == (from, to) {
                    report.refetch();
                } else {
                    period.set((from, to));
                }
            }
            (Some(_), Some(_)) => {
                problem.set(Some("La fecha inicial es posterior a la final.".into()))
            }
            _ => problem.set(Some("Escriba las dos fechas del periodo.".into())),
        }
    };

    view! {
        <section class="panel retention-report" aria-labelledby="conversion-titulo">
            <h2 id="conversion-titulo">"Conversión de la retención"</h2>
            <form class="filters" on:submit=apply novalidate aria-label="Periodo del informe">
                <div class="field field--inline">
                    <label for="conversion-desde">"Desde"</label>
                    <input id="conversion-desde" type="date" prop:value=move || from_text.get()
                        on:input=move |ev| from_text.set(event_target_value(&ev)) />
                </div>
                <div class="field field--inline">
                    <label for="conversion-hasta">"Hasta"</label>
                    <input id="conversion-hasta" type="date" prop:value=move || to_text.get()
                        on:input=move |ev| to_text.set(event_target_value(&ev)) />
                </div>
                <div class="field field--inline report-apply">
                    <button type="submit" class="button">"Consultar"</button>
                </div>
            </form>
            <p class="form-error" role="alert">{move || problem.get()}</p>
            <Transition fallback=|| view! { <Loading label="Calculando la conversión…" /> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Err(err) => view! {
                            <ErrorPanel title="No se pudo calcular la conversión" message=err.message() />
                        }.into_any(),
                        Ok(report) => view! { <ReportTables report /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn conversion_cells(c: &Conversion) -> impl IntoView + use<> {
    view! {
        <td class="num">{count(c.presented)}</td>
        <td class="num">{count(c.accepted)}</td>
        <td class="num">{count(c.thinking)}</td>
        <td class="num">{count(c.rejected)}</td>
        <td class="num">{percent(c.rate())}</td>
    }
}

fn conversion_headers() -> impl IntoView {
    view! {
        <th scope="col" class="num">"Presentados"</th>
        <th scope="col" class="num">"Aceptados"</th>
        <th scope="col" class="num">"Lo pensará"</th>
        <th scope="col" class="num">"Rechazados"</th>
        <th scope="col" class="num">"Conversión %"</th>
    }
}

#[component]
fn ReportTables(report: RetentionReport) -> impl IntoView {
    let period = format!(
        "Llamadas cerradas del {} al {}.",
        report.from.format("%d/%m/%Y"),
        report.to.format("%d/%m/%Y")
    );
    let nothing = report.rungs.is_empty() && report.offers.is_empty() && report.services.is_empty();
    let rungs = if report.rungs.is_empty() {
        view! { <p class="empty">"No se presentaron ofertas en el periodo."</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap"><table class="table">
                <caption class="visually-hidden">"Conversión por escalón"</caption>
                <thead><tr><th scope="col">"Escalón"</th>{conversion_headers()}</tr></thead>
                <tbody>
                    {report.rungs.iter().map(|r| view! {
                        <tr><th scope="row">{format!("Escalón {}", r.level)}</th>{conversion_cells(&r.conversion)}</tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        }
        .into_any()
    };
    let offers = if report.offers.is_empty() {
        view! { <p class="empty">"No se presentaron ofertas en el periodo."</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap"><table class="table">
                <caption class="visually-hidden">"Conversión por oferta"</caption>
                <thead><tr>
                    <th scope="col">"Código"</th>
                    <th scope="col">"Oferta"</th>
                    <th scope="col">"Escalón"</th>
                    {conversion_headers()}
                </tr></thead>
                <tbody>
                    {report.offers.iter().map(|o| view! {
                        <tr>
                            <td><code>{o.code.clone()}</code></td>
                            <td>{o.name.clone()}<br /><span class="muted small">{o.kind.label()}</span></td>
                            <td class="num">{o.level}</td>
                            {conversion_cells(&o.conversion)}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        }
        .into_any()
    };
    let services = if report.services.is_empty() {
        view! { <p class="empty">"No hubo solicitudes de cancelación en el periodo."</p> }
            .into_any()
    } else {
        view! {
            <div class="table-wrap"><table class="table">
                <caption class="visually-hidden">"Retención por servicio"</caption>
                <thead><tr>
                    <th scope="col">"Servicio"</th>
                    <th scope="col" class="num">"Solicitudes de cancelación"</th>
                    <th scope="col" class="num">"Retenidos"</th>
                    <th scope="col" class="num">"Cancelaciones radicadas"</th>
                    <th scope="col" class="num">"Efectividad %"</th>
                </tr></thead>
                <tbody>
                    {report.services.iter().map(|s| {
                        let rate = (s.requests > 0).then(|| f64::from(s.retained) / f64::from(s.requests));
                        view! {
                            <tr>
                                <th scope="row">{s.service.label()}</th>
                                <td class="num">{count(s.requests)}</td>
                                <td class="num">{count(s.retained)}</td>
                                <td class="num">{count(s.cancelled)}</td>
                                <td class="num">{percent(rate)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
        }
        .into_any()
    };
    view! {
        <p class="muted">{period}</p>
        {nothing.then(|| view! {
            <p class="notice">"Aún no hay ofrecimientos ni solicitudes de cancelación registrados en este periodo. Los datos aparecen a medida que los asesores cierran llamadas con la guía."</p>
        })}
        <h3>"Conversión por escalón"</h3>
        {rungs}
        <h3>"Conversión por oferta"</h3>
        {offers}
        <h3>"Retención por servicio"</h3>
        {services}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_as_es_co_percentages() {
        assert_eq!(percent(Some(0.455)), "45,5 %");
        assert_eq!(percent(Some(1.0)), "100,0 %");
        assert_eq!(percent(None), "—");
    }

    // Rendering to HTML needs the server build (`cargo test -p app --features
    // ssr`); the browser test of a retention call covers the same tables.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_tables_show_counts_rates_and_labels() {
        use crate::api::offers::{OfferRow, RungRow, ServiceRow};
        use crate::domain::offers::{OfferKind, Service};
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let conversion = Conversion {
            presented: 200,
            accepted: 91,
            thinking: 9,
            rejected: 100,
        };
        let report = RetentionReport {
            from: day(1),
            to: day(30),
            rungs: vec![
                RungRow {
                    level: 2,
                    conversion: conversion.clone(),
                },
                RungRow {
                    level: 3,
                    conversion: Conversion::default(),
                },
            ],
            offers: vec![OfferRow {
                code: "DESC10".into(),
                name: "Descuento del 10 %".into(),
                kind: OfferKind::Descuento,
                level: 2,
                conversion,
            }],
            services: vec![ServiceRow {
                service: Service::Tv,
                requests: 1_500,
                retained: 1_000,
                cancelled: 500,
            }],
        };
        let owner = Owner::new();
        owner.set();
        let html = view! { <ReportTables report /> }.to_html();
        for text in [
            "Escalón 2",
            "45,5 %",
            "—",
            "DESC10",
            "Televisión",
            "1.500",
            "66,7 %",
        ] {
            assert!(html.contains(text), "{text} in {html}");
        }
        assert!(html.contains("Llamadas cerradas del 01/11/2026 al 30/11/2026."));
        assert!(!html.contains("Aún no hay ofrecimientos"));
    }

    #[test]
    fn counts_group_thousands_with_dots() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(12_345), "12.345");
        assert_eq!(count(1_234_567), "1.234.567");
    }
}
