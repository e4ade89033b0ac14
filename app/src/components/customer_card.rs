//! The customer card beside the guide: why we call, what they have, what
//! happened before. Personal data comes masked; "Ver" reveals it (logged).

use crate::api::queue::{CustomerCard, RevealField, reveal};
use crate::domain::local_time::{format_date, format_date_time};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `$ 150.000` / `$ 150.000,50`: money as Colombians read it.
pub fn format_pesos(centavos: i64) -> String {
    crate::domain::numbers::pesos_from_centavos(centavos)
}

#[component]
pub fn CustomerCardView(card: CustomerCard) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let record_id = card.record.id;
    let revealed_phones = RwSignal::new(None::<Vec<String>>);
    let revealed_document = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let show = move |field: RevealField| {
        spawn_local(async move {
            match reveal(record_id, field, &csrf.get_value()).await {
                Ok(revealed) => match field {
                    RevealField::Telefonos => revealed_phones.set(Some(revealed.values)),
                    RevealField::Documento => {
                        revealed_document.set(revealed.values.into_iter().next())
                    }
                },
                Err(err) => error.set(Some(err.message())),
            }
        });
    };

    let record = card.record.clone();
    let masked_phones = StoredValue::new(card.phones.clone());
    let why = match (&card.motivo, card.nota_encuesta, card.fecha_evento) {
        (None, None, None) => None,
        (motivo, nota, fecha) => Some((motivo.clone(), nota, fecha)),
    };

    view! {
        <section class="panel customer-card" aria-labelledby="ficha-titulo">
            <header class="card-header">
                <h2 id="ficha-titulo">{record.nombre.clone()}</h2>
                <p class="muted">
                    <span>"Cuenta "</span><code>{record.cuenta.clone()}</code>
                    {format!(" · {}", record.segmento.label())}
                </p>
            </header>

            <h3>"Por qué llamamos"</h3>
            <dl class="facts">
                <dt>"Base"</dt>
                <dd>{format!("{} · {}", record.base_kind.label(), record.base_name)}</dd>
                {why.map(|(motivo, nota, fecha)| view! {
                    {motivo.map(|m| view! { <dt>"Motivo"</dt><dd>{m}</dd> })}
                    {nota.map(|n| view! {
                        <dt>"Encuesta"</dt>
                        <dd class:survey--low=(n <= 6)>{format!("{n} de 10")}</dd>
                    })}
                    {fecha.map(|f| view! { <dt>"Fecha del evento"</dt><dd>{f.format("%d/%m/%Y").to_string()}</dd> })}
                })}
                <dt>"Intentos"</dt>
                <dd>{record.attempts}</dd>
                {record.callback_at.map(|at| view! { <dt>"Devolución acordada"</dt><dd>{format_date_time(at)}</dd> })}
            </dl>

            <h3>"Contacto"</h3>
            <dl class="facts">
                <dt>"Teléfonos"</dt>
                <dd>
                    <ul class="phone-list">
                        {move || match revealed_phones.get() {
                            Some(numbers) => numbers.into_iter().map(|n| view! { <li><code>{n}</code></li> }).collect_view().into_any(),
                            None => masked_phones.get_value().into_iter().map(|p| view! {
                                <li>
                                    <code>{p.number}</code>
                                    {p.excluded.then(|| view! { <span class="badge badge--danger">"No llamar"</span> })}
                                </li>
                            }).collect_view().into_any(),
                        }}
                    </ul>
                    <button type="button" class="button button--small" on:click=move |_| show(RevealField::Telefonos)
                        disabled=move || revealed_phones.get().is_some()>
                        "Ver números"
                    </button>
                </dd>
                {card.documento.clone().map(|masked| view! {
                    <dt>"Documento"</dt>
                    <dd>
                        <code>{move || revealed_document.get().unwrap_or_else(|| masked.clone())}</code>
                        " "
                        <button type="button" class="button button--small" on:click=move |_| show(RevealField::Documento)
                            disabled=move || revealed_document.get().is_some()>
                            "Ver"
                        </button>
                    </dd>
                })}
                {card.ciudad.clone().map(|c| view! { <dt>"Ciudad"</dt><dd>{c}</dd> })}
            </dl>
            <p class="form-error" role="alert">{move || error.get()}</p>

            <h3>"Servicios"</h3>
            <dl class="facts">
                <dt>"Servicios"</dt>
                <dd>{if card.servicios.is_empty() { "—".to_string() } else { card.servicios.join(", ") }}</dd>
                {card.plan.clone().map(|p| view! { <dt>"Plan"</dt><dd>{p}</dd> })}
                {card.antiguedad_meses.map(|m| view! { <dt>"Antigüedad"</dt><dd>{format!("{m} meses")}</dd> })}
                {card.valor_mensual_centavos.map(|v| view! { <dt>"Valor mensual"</dt><dd>{format_pesos(v)}</dd> })}
            </dl>

            <h3>"Ofrecimientos de la base"</h3>
            {if card.ofrecimientos.is_empty() {
                view! { <p class="empty">"La base no trae ofrecimientos para este cliente."</p> }.into_any()
            } else {
                view! {
                    <ul class="tag-list">
                        {card.ofrecimientos.iter().map(|o| view! { <li class="tag">{o.clone()}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}

            {(!card.extra.is_empty()).then(|| view! {
                <h3>"Otros datos de la base"</h3>
                <dl class="facts">
                    {card.extra.iter().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{v.clone()}</dd> }).collect_view()}
                </dl>
            })}

            <h3>"Historial"</h3>
            {if card.attempts.is_empty() {
                view! { <p class="empty">"Sin intentos anteriores."</p> }.into_any()
            } else {
                view! {
                    <ol class="history">
                        {card.attempts.iter().map(|a| view! {
                            <li>
                                <span class="history-when">{format_date_time(a.at)}</span>
                                <strong>{a.result.label()}</strong>
                                <span class="muted">{format!(" · {}", a.agent.name)}</span>
                                {a.notes.clone().map(|n| view! { <p class="history-notes">{n}</p> })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(!card.other_records.is_empty()).then(|| view! {
                <h4>"La misma cuenta en otras bases"</h4>
                <ul class="plain-list">
                    {card.other_records.iter().map(|r| view! {
                        <li>{format!("{} · {} · {}", r.base_name, r.status.label(), r.attempts)}" intentos"</li>
                    }).collect_view()}
                </ul>
            })}
            {card.open_case.map(|(id, state)| view! {
                <p class="guide-warning">
                    {format!("Caso #{id} en seguimiento ({}). ", state.label())}
                    <a href=crate::paths::page::CASES>"Ver en Mis casos"</a>
                </p>
            })}
            <p class="muted small">
                {format!("Ficha consultada el {}.", format_date(chrono::Utc::now()))}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pesos_are_grouped_the_colombian_way() {
        assert_eq!(format_pesos(15_000_000), "$ 150.000");
        assert_eq!(format_pesos(15_000_050), "$ 150.000,50");
        assert_eq!(format_pesos(99_90), "$ 99,90");
        assert_eq!(format_pesos(12_345_678_900), "$ 123.456.789");
    }
}
