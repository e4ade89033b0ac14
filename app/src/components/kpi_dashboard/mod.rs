//! The indicators dashboard (SPEC §5): a period, the seven tiles against
//! their goals, the trend of the chosen one, and for leaders the drill-down
//! from the operation to a team, an agent and the records behind a figure.
//! Agents get the same tiles and trend for their own figures (the server
//! scopes every request by role; the UI only asks).

mod drill;
mod export;
mod filters;
mod period;
mod records;
mod tiles;
mod trend;

use crate::api::kpis::report;
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::kpis::{Kpi, KpiFilters, Period};
use crate::domain::role::Role;
use crate::session::use_session;
use drill::{Breadcrumb, Drill, DrillPanel};
use export::ExportLinks;
use filters::ScopeFilters;
use leptos::prelude::*;
use period::{PeriodPicker, Preset, today};
use records::RecordsPanel;
use tiles::KpiTiles;
use trend::TrendPanel;

/// Whose figures the dashboard shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Supervisors (their team), coordinadores, gerente, admin and calidad.
    Leaders,
    /// An agent, their own figures.
    Agent,
}

/// The whole dashboard.
#[component]
pub fn KpiDashboard(audience: Audience) -> impl IntoView {
    let user = use_session().user;
    let leaders = audience == Audience::Leaders;
    let start = Preset::Hoy;
    let preset = RwSignal::new(start);
    let chosen_period = RwSignal::new(start.period(today()).unwrap_or_else(|| {
        let day = today();
        Period { from: day, to: day }
    }));
    let base = RwSignal::new(KpiFilters::default());
    // The server scopes a supervisor to their team: start there, as the
    // operation level would only ever list that one team.
    let root = if leaders && user.role == Role::Supervisor {
        Drill::team(&user.login, &user.name)
    } else {
        Drill::default()
    };
    let drill = RwSignal::new(root.clone());
    let selected = RwSignal::new(Kpi::Contactabilidad);
    let filters = Signal::derive(move || {
        if leaders {
            drill.with(|d| base.with(|b| d.filters(b)))
        } else {
            // The server puts the agent's own login in every request.
            KpiFilters::default()
        }
    });
    let period: Signal<Period> = chosen_period.into();
    let updating = RwSignal::new(false);
    let no_by = Signal::stored(None::<&'static str>);
    let figures = LocalResource::new(move || {
        let (period, filters) = (period.get(), filters.get());
        async move { report(period, &filters).await }
    });

    view! {
        <div class="kpi-dashboard">
            <section class="panel kpi-controls" aria-label="Periodo y filtros">
                <PeriodPicker preset period=chosen_period />
                {leaders.then(|| view! { <ScopeFilters filters=base /> })}
            </section>
            {leaders.then(|| view! { <Breadcrumb drill root /> })}
            <section class="kpi-summary" aria-labelledby="kpi-resumen-titulo"
                class:kpi-summary--updating=move || updating.get()>
                <div class="section-head">
                    <h2 id="kpi-resumen-titulo">"Resumen del periodo"</h2>
                    <ExportLinks period filters view="resumen" by=no_by what="del resumen" />
                </div>
                // The old tiles stay while new ones are counted; say so.
                <p class="kpi-updating" role="status">
                    {move || updating.get().then_some("Actualizando los indicadores…")}
                </p>
                <Transition fallback=|| view! { <Loading label="Calculando los indicadores…" /> }
                    set_pending=updating.write_only()>
                    {move || Suspend::new(async move {
                        match figures.await {
                            Err(err) => view! {
                                <ErrorPanel title="No se pudieron calcular los indicadores" message=err.message() />
                            }.into_any(),
                            Ok(report) => view! { <KpiTiles report selected /> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <TrendPanel period filters selected />
            {if leaders {
                view! { <DrillPanel period base drill selected /> }.into_any()
            } else {
                view! { <RecordsPanel period filters selected /> }.into_any()
            }}
        </div>
    }
}
