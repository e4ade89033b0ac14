//! "Clientes para devolver la llamada": the customers who called while a
//! notice lasted. Closing the notice gives each case a callback due now;
//! the list is also there for notices closed earlier.

use crate::api::field_ops::LinkedCustomer;
use crate::components::feedback::Loading;
use crate::domain::local_time::format_date_time;
use leptos::html;
use leptos::prelude::*;

/// Which notice's customers are shown, and how they came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CallbackList {
    pub(super) number: String,
    /// The notice was closed just now (not looked up later).
    pub(super) just_closed: bool,
    /// `None` while loading.
    pub(super) customers: Option<Result<Vec<LinkedCustomer>, String>>,
}

#[component]
pub(super) fn CallbackCustomers(list: RwSignal<Option<CallbackList>>) -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    let number = Memo::new(move |_| {
        list.with(|l| l.as_ref().map(|l| l.number.clone()))
            .unwrap_or_default()
    });
    // Shown after closing or on request: the user is taken there, once per
    // notice (not again when its customers arrive).
    Effect::new(move |_| {
        number.track();
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! {
        <section class="panel callback-customers" aria-labelledby="devolver-titulo">
            <div class="panel-header">
                <h2 id="devolver-titulo" tabindex="-1" node_ref=heading>
                    "Clientes para devolver la llamada"
                    <span class="muted">{move || format!(" · {}", number.get())}</span>
                </h2>
                <button type="button" class="button button--small" on:click=move |_| list.set(None)>"Ocultar"</button>
            </div>
            {move || list.get().map(|l| {
                let intro = if l.just_closed {
                    format!("El aviso {} quedó cerrado. Estos clientes llamaron mientras duraba: su caso tiene una devolución de llamada para ahora, a cargo de su asesor.", l.number)
                } else {
                    format!("Clientes que llamaron mientras duraba el aviso {}.", l.number)
                };
                match l.customers {
                    None => view! { <Loading label="Cargando los clientes…" /> }.into_any(),
                    Some(Err(text)) => view! {
                        <p class="form-error" role="alert">{format!("No se pudieron cargar los clientes: {text}")}</p>
                    }.into_any(),
                    Some(Ok(customers)) if customers.is_empty() => view! {
                        {l.just_closed.then(|| view! { <p class="form-success" role="status">{format!("Aviso {} cerrado.", l.number)}</p> })}
                        <p class="empty">"Ningún cliente quedó vinculado a este aviso: no hay llamadas que devolver."</p>
                    }.into_any(),
                    Some(Ok(customers)) => view! {
                        <p role="status">{intro}</p>
                        <CustomersTable customers />
                    }.into_any(),
                }
            })}
        </section>
    }
}

#[component]
fn CustomersTable(customers: Vec<LinkedCustomer>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table table--cards">
                <caption class="visually-hidden">"Clientes para devolver la llamada"</caption>
                <thead><tr>
                    <th scope="col">"Cuenta"</th>
                    <th scope="col">"Nombre"</th>
                    <th scope="col">"Asesor"</th>
                    <th scope="col" class="num">"Contactos"</th>
                    <th scope="col">"Última llamada"</th>
                    <th scope="col">"Caso"</th>
                    <th scope="col">"Devolución"</th>
                </tr></thead>
                <tbody>
                    {customers.into_iter().map(|c| view! {
                        <tr>
                            <td data-label="Cuenta"><code>{c.cuenta}</code></td>
                            <td data-label="Nombre">{c.nombre}</td>
                            <td data-label="Asesor">{c.agent.name}</td>
                            <td data-label="Contactos" class="num">{c.contacts}</td>
                            <td data-label="Última llamada" class="nowrap">{format_date_time(c.last_contact_at)}</td>
                            <td data-label="Caso">{c.case_id.map(|id| format!("#{id}")).unwrap_or_else(|| "Sin caso".into())}</td>
                            <td data-label="Devolución" class="nowrap">{c.callback_at.map(format_date_time).unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
