//! The records behind one indicator's figure: the last level of the
//! drill-down, and the agent's own list.

use crate::api::kpis::{KpiRecords, records};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::kpis::{Kpi, KpiFilters, Period};
use crate::domain::numbers::group_thousands;
use leptos::prelude::*;

/// What "counts in the numerator" means for each indicator, as a column
/// heading.
pub fn numerator_label(kpi: Kpi) -> &'static str {
    match kpi {
        Kpi::Contactabilidad => "¿Contactado?",
        Kpi::Efectividad => "¿Retenido?",
        Kpi::Nps => "¿Promotor?",
        Kpi::Fcr => "¿Resuelto en el primer contacto?",
        Kpi::Ausentismo => "¿Ausente?",
        Kpi::Rotacion => "¿Retirado?",
        Kpi::CalidadMec => "¿A favor?",
    }
}

/// `12 registros`, or which part of them the list shows.
pub fn count_text(shown: usize, total: u64) -> String {
    let noun = |n: u64| if n == 1 { "registro" } else { "registros" };
    if shown as u64 >= total {
        format!("{} {}.", group_thousands(total), noun(total))
    } else {
        format!(
            "Se muestran los {} más recientes de {} {}.",
            group_thousands(shown as u64),
            group_thousands(total),
            noun(total)
        )
    }
}

/// The agent's own records of the chosen indicator, in a panel.
#[component]
pub fn RecordsPanel(
    #[prop(into)] period: Signal<Period>,
    #[prop(into)] filters: Signal<KpiFilters>,
    selected: RwSignal<Kpi>,
) -> impl IntoView {
    view! {
        <section class="panel kpi-records" aria-labelledby="kpi-registros-titulo">
            <h2 id="kpi-registros-titulo">{move || format!("Registros de {}", selected.get().label())}</h2>
            <RecordsList period filters selected />
        </section>
    }
}

/// The list itself, following the chosen indicator.
#[component]
pub fn RecordsList(
    #[prop(into)] period: Signal<Period>,
    #[prop(into)] filters: Signal<KpiFilters>,
    selected: RwSignal<Kpi>,
) -> impl IntoView {
    let list = LocalResource::new(move || {
        let (period, filters, kpi) = (period.get(), filters.get(), selected.get());
        async move { records(period, &filters, kpi).await }
    });
    view! {
        <p class="muted small">"Elija otro indicador en los recuadros del resumen para ver sus registros."</p>
        <Transition fallback=|| view! { <Loading label="Buscando los registros…" /> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(err) => view! {
                        <ErrorPanel title="No se pudieron cargar los registros" message=err.message() />
                    }.into_any(),
                    Ok(found) => view! { <RecordsTable found /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RecordsTable(found: KpiRecords) -> impl IntoView {
    let kpi = found.kpi;
    if found.records.is_empty() {
        return view! {
            <p class="empty">{format!("No hay registros de {} en el periodo con estos filtros.", kpi.label())}</p>
        }
        .into_any();
    }
    let count = count_text(found.records.len(), found.total);
    view! {
        <p class="kpi-records__count">{count}</p>
        <div class="table-wrap"><table class="table kpi-records__table">
            <caption class="visually-hidden">{format!("Registros de {}", kpi.label())}</caption>
            <thead><tr>
                <th scope="col">"Fecha"</th>
                <th scope="col">"Asesor"</th>
                <th scope="col">"Cuenta"</th>
                <th scope="col">"Detalle"</th>
                <th scope="col">{numerator_label(kpi)}</th>
                <th scope="col">"Origen"</th>
            </tr></thead>
            <tbody>
                {found.records.into_iter().map(|record| view! {
                    <tr>
                        <td class="nowrap">{record.when}</td>
                        <td>{record.agent}</td>
                        <td>{record.cuenta.unwrap_or_else(|| "—".to_string())}</td>
                        <td>{record.detail}</td>
                        <td class=if record.in_numerator { "kpi-yes" } else { "kpi-no" }>
                            {if record.in_numerator { "Sí" } else { "No" }}
                        </td>
                        <td class="muted">{record.source}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_when_the_list_is_cut() {
        assert_eq!(count_text(1, 1), "1 registro.");
        assert_eq!(count_text(12, 12), "12 registros.");
        assert_eq!(
            count_text(200, 1_234),
            "Se muestran los 200 más recientes de 1.234 registros."
        );
    }

    #[test]
    fn every_indicator_names_its_numerator() {
        for kpi in Kpi::ALL {
            assert!(numerator_label(kpi).starts_with('¿'));
        }
        assert_eq!(numerator_label(Kpi::Ausentismo), "¿Ausente?");
    }
}
