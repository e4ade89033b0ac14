//! Monitoreo: the quality analyst evaluates an agent's call against the
//! steps of the published guide (SPEC §5: the score feeds calidad emitida)
//! and reads the evaluations entered so far.

use super::evaluation_form::EvaluationForm;
use crate::api::kpis::{monitoring_agents, monitoring_checklist};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::monitoring_list::MonitoringList;
use crate::components::page::Page;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn MonitoringPage() -> impl IntoView {
    view! {
        <Page title="Monitoreo" path=page::MONITORING>
            <MonitoringWork />
        </Page>
    }
}

/// The form and the list; only built for a role that may open the page.
#[component]
fn MonitoringWork() -> impl IntoView {
    let checklist = LocalResource::new(monitoring_checklist);
    let agents = LocalResource::new(monitoring_agents);
    let saved = RwSignal::new(0_u32);
    let on_saved = Callback::new(move |()| saved.update(|n| *n += 1));
    view! {
        <section class="panel" aria-labelledby="evaluacion-titulo">
            <h2 id="evaluacion-titulo">"Nueva evaluación"</h2>
            <Suspense fallback=|| view! { <Loading label="Cargando la guía y los asesores…" /> }>
                {move || Suspend::new(async move {
                    match (checklist.await, agents.await) {
                        (Err(err), _) | (_, Err(err)) => view! {
                            <ErrorPanel title="No se pudo preparar la evaluación" message=err.message() retry=true />
                        }.into_any(),
                        (Ok(items), _) if items.is_empty() => view! {
                            <p class="empty">"La guía publicada no tiene pasos para evaluar."</p>
                        }.into_any(),
                        (Ok(items), Ok(agents)) => view! {
                            <EvaluationForm items agents on_saved />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section class="panel" aria-labelledby="evaluaciones-titulo">
            <h2 id="evaluaciones-titulo">"Evaluaciones recientes"</h2>
            <MonitoringList filter=true show_agent=true refresh=saved label="Evaluaciones de monitoreo" />
        </section>
    }
}
