//! Historial: every change to a catalog (offers, policies, practices), who
//! made it and what changed, newest first.

use crate::api::client::ClientError;
use crate::api::offers::CatalogChange;
use crate::domain::local_time::format_date_time;
use leptos::prelude::*;

/// How many changes show before "Ver más".
const PAGE: usize = 50;

fn entity_label(entity: &str) -> String {
    match entity {
        "OFERTA" => "Oferta".into(),
        "POLITICA" => "Política".into(),
        "PRACTICA" => "Práctica de gestión".into(),
        other => other.to_string(),
    }
}

/// `RETIRADA` → `Retirada`.
fn action_label(action: &str) -> String {
    let lower = action.to_lowercase().replace('_', " ");
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[component]
pub(super) fn CatalogHistory(
    changes: LocalResource<Result<Vec<CatalogChange>, ClientError>>,
) -> impl IntoView {
    let shown = RwSignal::new(PAGE);
    let rows = move || {
        changes.get().map(|result| {
            result.map(|mut list| {
                list.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
                list
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="historial-titulo">
            <div class="panel-header">
                <h2 id="historial-titulo">"Historial"</h2>
                <button type="button" class="button button--small" on:click=move |_| changes.refetch()>"Actualizar"</button>
            </div>
            {move || match rows() {
                None => view! { <p class="muted" role="status">"Cargando el historial…"</p> }.into_any(),
                Some(Err(err)) => view! { <p class="form-error" role="alert">{format!("No se pudo cargar el historial: {}", err.message())}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">"Todavía no hay cambios registrados."</p> }.into_any(),
                Some(Ok(list)) => {
                    let total = list.len();
                    let limit = shown.get();
                    view! {
                        <div class="table-wrap">
                            <table class="table table--cards">
                                <caption class="visually-hidden">"Cambios del catálogo"</caption>
                                <thead><tr>
                                    <th scope="col">"Fecha y hora"</th>
                                    <th scope="col">"Usuario"</th>
                                    <th scope="col">"Qué"</th>
                                    <th scope="col">"Código"</th>
                                    <th scope="col">"Acción"</th>
                                    <th scope="col">"Cambios"</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().take(limit).map(|c| view! {
                                        <tr>
                                            <td data-label="Fecha y hora" class="nowrap">{format_date_time(c.at)}</td>
                                            <td data-label="Usuario">{c.by.name.clone()}</td>
                                            <td data-label="Qué">{entity_label(&c.entity)}</td>
                                            <td data-label="Código"><code>{c.code.clone()}</code></td>
                                            <td data-label="Acción">{action_label(&c.action)}</td>
                                            <td data-label="Cambios" class="wide">
                                                {(!c.changes.is_empty()).then(|| view! {
                                                    <ul class="change-lines">
                                                        {c.changes.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}
                                                    </ul>
                                                })}
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {(total > limit).then(|| view! {
                            <div class="button-row">
                                <button type="button" class="button" on:click=move |_| shown.update(|n| *n += PAGE)>
                                    {format!("Ver más ({} de {total})", limit)}
                                </button>
                            </div>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_entities_read_in_spanish() {
        assert_eq!(action_label("RETIRADA"), "Retirada");
        assert_eq!(action_label("IMPORTADA"), "Importada");
        assert_eq!(entity_label("POLITICA"), "Política");
    }
}
