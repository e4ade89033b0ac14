//! "Adherencia a las prácticas": per leader and week, practices done ÷ due
//! by the goal, per practice and overall, with history; a coordinador and
//! a gerente also see their leaders and the roll-up.

use super::tabs::PracticeTabs;
use crate::api::practices::{AdherenceReport, LeaderAdherence, adherence};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::domain::practices::adherence::{WeekAdherence, percent_text};
use crate::domain::practices::grid::week_title;
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;

/// Weeks of history the page shows.
const WEEKS: u32 = 8;

#[component]
pub fn AdherencePage() -> impl IntoView {
    let report = LocalResource::new(|| adherence(WEEKS));
    view! {
        <Page title="Calendario" path=page::CALENDAR_ADHERENCE>
            <PracticeTabs />
            <Suspense fallback=|| view! { <Loading label="Calculando la adherencia…" /> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Err(err) => view! {
                            <ErrorPanel title="No se pudo calcular la adherencia" message=err.message() retry=true />
                        }.into_any(),
                        Ok(report) => view! { <AdherenceReportView report /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn AdherenceReportView(report: AdherenceReport) -> impl IntoView {
    let several = report.leaders.len() > 1;
    view! {
        {several.then(|| view! {
            <section class="panel" aria-labelledby="adherencia-consolidado">
                <h2 id="adherencia-consolidado">"Adherencia de sus líderes"</h2>
                <div class="table-wrap">
                    <table class="table adherence-table">
                        <caption class="visually-hidden">"Adherencia por líder y semana"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Líder"</th>
                                {report.roll_up.iter().map(|w| view! {
                                    <th scope="col">{w.week.format("%d/%m").to_string()}</th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {report.leaders.iter().map(|l| view! {
                                <tr>
                                    <th scope="row">{format!("{} ({})", l.leader.name, l.role)}</th>
                                    {l.weeks.iter().map(|w| view! { <WeekCell week=w.clone() /> }).collect_view()}
                                </tr>
                            }).collect_view()}
                            <tr class="adherence-total">
                                <th scope="row">"Total"</th>
                                {report.roll_up.iter().map(|w| view! {
                                    <td>{percent_text(w.credited, w.due)}<span class="small muted">{format!(" {}/{}", w.credited, w.due)}</span></td>
                                }).collect_view()}
                            </tr>
                        </tbody>
                    </table>
                </div>
            </section>
        })}
        {report.leaders.into_iter().map(|l| view! { <LeaderWeeks leader=l /> }).collect_view()}
    }
}

#[component]
fn WeekCell(week: WeekAdherence) -> impl IntoView {
    let ratio = week.ratio();
    let standing = match ratio {
        Some(r) if r >= 0.9 => "ok",
        Some(r) if r >= 0.7 => "warning",
        Some(_) => "danger",
        None => "none",
    };
    view! {
        <td class=format!("adherence-cell adherence-cell--{standing}")>
            {percent_text(week.credited, week.due)}
        </td>
    }
}

#[component]
fn LeaderWeeks(leader: LeaderAdherence) -> impl IntoView {
    let Some(current) = leader.weeks.first().cloned() else {
        return ().into_any();
    };
    let heading = format!(
        "{}: semana del {}",
        leader.leader.name,
        week_title(current.week)
    );
    let label = heading.clone();
    view! {
        <section class="panel" aria-label=label>
            <h2>{heading}</h2>
            <p class="adherence-overall">
                <strong>{format!("Adherencia {}", percent_text(current.credited, current.due))}</strong>
                {format!(" — {} de {} prácticas debidas", current.credited, current.due)}
            </p>
            <PracticeTable week=current />
            <h3>"Historial"</h3>
            <ol class="adherence-history">
                {leader.weeks.iter().map(|w| view! {
                    <li>
                        <span>{week_title(w.week)}</span>
                        <span class="adherence-history__value">{percent_text(w.credited, w.due)}</span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }.into_any()
}

/// A week's practices: done, due and adherence of each.
#[component]
fn PracticeTable(week: WeekAdherence) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table adherence-table">
                <caption class="visually-hidden">"Prácticas de la semana"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Práctica"</th>
                        <th scope="col">"Realizadas"</th>
                        <th scope="col">"Debidas"</th>
                        <th scope="col">"Cumplimiento"</th>
                    </tr>
                </thead>
                <tbody>
                    {week.practices.iter().map(|p| view! {
                        <tr>
                            <th scope="row">{p.kind.label()}</th>
                            <td>{p.done}</td>
                            <td>{if p.due == 0 { "No se debe esta semana".to_string() } else { p.due.to_string() }}</td>
                            <td>{percent_text(p.credited, p.due)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The reader's own week, practice by practice: what the weekly
/// "Adherencia a las prácticas" record goes over.
#[component]
pub(super) fn OwnWeekAdherence() -> impl IntoView {
    let me = use_session().user.id;
    let report = LocalResource::new(|| adherence(1));
    view! {
        <section class="dialogue-figures" aria-labelledby="adherencia-propia">
            <h3 id="adherencia-propia">"Su adherencia esta semana"</h3>
            <Suspense fallback=|| view! { <Loading label="Calculando la adherencia…" /> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Err(err) => view! {
                            <p class="muted">{format!("No se pudo calcular la adherencia: {}", err.message())}</p>
                        }.into_any(),
                        Ok(report) => match report.leaders.into_iter().find(|l| l.leader.id == me).and_then(|l| l.weeks.into_iter().next()) {
                            None => view! { <p class="muted">"No tiene prácticas debidas esta semana."</p> }.into_any(),
                            Some(week) => view! {
                                <p class="adherence-overall">
                                    <strong>{format!("Adherencia {}", percent_text(week.credited, week.due))}</strong>
                                    {format!(" — {} de {} prácticas debidas", week.credited, week.due)}
                                </p>
                                <PracticeTable week />
                            }.into_any(),
                        },
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The leader's adherence of this week, for their home page.
#[component]
pub fn AdherenceSummary() -> impl IntoView {
    let me = use_session().user.id;
    let report = LocalResource::new(|| adherence(1));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(report) = report.await else { return ().into_any() };
                // A coordinador's report also holds their supervisors: the
                // home page shows the reader's own week.
                let own = report.leaders.iter()
                    .find(|l| l.leader.id == me && l.weeks.first().is_some_and(|w| w.due > 0))
                    .cloned();
                own.map(|leader| {
                    let week = leader.weeks[0].clone();
                    view! {
                        <section class="panel adherence-summary" aria-labelledby="adherencia-semana">
                            <h2 id="adherencia-semana">"Adherencia a las prácticas esta semana"</h2>
                            <p class="adherence-overall">
                                <strong>{percent_text(week.credited, week.due)}</strong>
                                {format!(" — {} de {} prácticas debidas", week.credited, week.due)}
                            </p>
                            <a class="button" href=page::CALENDAR>"Ir al calendario"</a>
                        </section>
                    }
                }).into_any()
            })}
        </Suspense>
    }
}
