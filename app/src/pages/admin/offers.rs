//! Configuración → Ofertas (admin): the offer catalog of the retention
//! ladder (SPEC §4) edited one offer at a time or imported from CSV, the
//! retention policies of each campaign, the history of every change, a
//! simulator of the agents' selector and the conversion report. Offers are
//! retired, never deleted: calls already recorded keep what was said.

use super::catalog_history::CatalogHistory;
use super::offer_editor::{OfferEditor, OfferFields};
use super::retention_policies::{PoliciesPanel, segment_label};
use super::selector_simulator::SelectorSimulator;
use super::settings_tabs::SettingsTabs;
use crate::api::client::ClientError;
use crate::api::offers::{history, import_offers, offers, policies, save_offer};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::components::retention_report::RetentionReportView;
use crate::domain::offers::{Offer, pesos};
use crate::paths::page;
use crate::session::use_session;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

const IMPORT_INPUT: &str = "importar-ofertas";
/// Rows drawn at once; the filter narrows a long catalog.
const MAX_ROWS: usize = 200;
const CSV_COLUMNS: &str = "codigo,nombre,guion,segmento,servicios,tipo,escalon,costo,duracion_meses,vigente_desde,vigente_hasta,tipos_base,antiguedad_minima,valor_minimo,valor_maximo,necesidades,activa";

#[component]
pub fn OffersPage() -> impl IntoView {
    view! {
        <Page title="Configuración" path=page::SETTINGS_OFFERS>
            <SettingsTabs />
            <OffersSettings />
        </Page>
    }
}

/// Which offers the table shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StateFilter {
    All,
    Active,
    Retired,
}

/// The catalog as the table lists it: code, name, kind, level, segment,
/// services, cost, validity.
fn matches(offer: &Offer, needle: &str) -> bool {
    needle.is_empty()
        || offer.code.to_lowercase().contains(needle)
        || offer.name.to_lowercase().contains(needle)
        || offer.kind.label().to_lowercase().contains(needle)
}

fn validity(offer: &Offer) -> String {
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    match (offer.valid_from, offer.valid_to) {
        (None, None) => "Siempre".into(),
        (Some(from), None) => format!("Desde {}", day(from)),
        (None, Some(to)) => format!("Hasta {}", day(to)),
        (Some(from), Some(to)) => format!("{} – {}", day(from), day(to)),
    }
}

fn services_label(offer: &Offer) -> String {
    if offer.services.is_empty() {
        "Todos".into()
    } else {
        offer
            .services
            .iter()
            .map(|s| s.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Everything below the tabs, loaded only for roles that may see it.
#[component]
fn OffersSettings() -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let catalog = LocalResource::new(offers);
    let rules = LocalResource::new(policies);
    let changes = LocalResource::new(|| history(None));
    // The last good lists, kept while a refresh is under way.
    let catalog_list =
        Signal::derive(move || catalog.get().and_then(Result::ok).unwrap_or_default());
    let policy_list = Signal::derive(move || rules.get().and_then(Result::ok).unwrap_or_default());
    let policies_error = Signal::derive(move || {
        rules
            .get()
            .and_then(Result::err)
            .map(|e: ClientError| format!("No se pudieron cargar las políticas: {}", e.message()))
    });
    let fields = OfferFields::new();
    let table = TableState::new();
    let editor_ref = NodeRef::<html::Section>::new();
    let refresh_offers = Callback::new(move |()| {
        catalog.refetch();
        changes.refetch();
    });
    let refresh_policies = Callback::new(move |()| {
        rules.refetch();
        changes.refetch();
    });
    let edit = Callback::new(move |offer: Offer| {
        fields.load(&offer);
        if let Some(section) = editor_ref.get_untracked() {
            section.scroll_into_view();
        }
    });

    view! {
        <section class="panel" aria-labelledby="catalogo-ofertas-titulo">
            <div class="panel-header">
                <h2 id="catalogo-ofertas-titulo">"Catálogo de ofertas"</h2>
                <button type="button" class="button" on:click=move |_| {
                    fields.clear();
                    if let Some(section) = editor_ref.get_untracked() {
                        section.scroll_into_view();
                    }
                }>"Nueva oferta"</button>
            </div>
            <Transition fallback=|| view! { <Loading label="Cargando el catálogo…" /> }>
                {move || Suspend::new(async move {
                    match catalog.await {
                        Err(err) => view! {
                            <ErrorPanel title="No se pudo cargar el catálogo de ofertas" message=err.message() retry=true />
                        }.into_any(),
                        Ok(_) => view! {
                            <CatalogTable all=catalog_list table csrf edit on_changed=refresh_offers />
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <div class="two-columns offers-columns">
            <OfferEditor fields csrf on_saved=refresh_offers node_ref=editor_ref />
            <ImportPanel csrf on_imported=refresh_offers />
        </div>
        <PoliciesPanel policies=policy_list catalog=catalog_list loaded=policies_error csrf on_saved=refresh_policies />
        <SelectorSimulator catalog=catalog_list policies=policy_list />
        <CatalogHistory changes />
        <RetentionReportView />
    }
}

/// What the table remembers across reloads of the catalog (the table itself
/// is drawn again each time the catalog arrives).
#[derive(Clone, Copy)]
struct TableState {
    filter: RwSignal<String>,
    state: RwSignal<StateFilter>,
    /// The offer whose retire/activate waits for a yes.
    confirming: RwSignal<Option<String>>,
    message: RwSignal<Option<(bool, String)>>,
    pending: RwSignal<bool>,
}

impl TableState {
    fn new() -> Self {
        TableState {
            filter: RwSignal::new(String::new()),
            state: RwSignal::new(StateFilter::All),
            confirming: RwSignal::new(None),
            message: RwSignal::new(None),
            pending: RwSignal::new(false),
        }
    }
}

#[component]
fn CatalogTable(
    all: Signal<Vec<Offer>>,
    table: TableState,
    csrf: StoredValue<String>,
    edit: Callback<Offer>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let TableState {
        filter,
        state,
        confirming,
        message,
        pending,
    } = table;

    let toggle = move |offer: Offer| {
        let mut changed = offer;
        changed.active = !changed.active;
        pending.set(true);
        spawn_local(async move {
            match save_offer(&changed, &csrf.get_value()).await {
                Ok(saved) => {
                    message.set(Some((
                        true,
                        format!(
                            "Oferta {} {}.",
                            saved.code,
                            if saved.active { "activada" } else { "retirada" }
                        ),
                    )));
                    confirming.set(None);
                    on_changed.run(());
                }
                Err(err) => message.set(Some((false, err.message()))),
            }
            pending.set(false);
        });
    };

    let visible = move || {
        let needle = filter.get().trim().to_lowercase();
        let wanted = state.get();
        all.with(|list| {
            let matching: Vec<Offer> = list
                .iter()
                .filter(|o| match wanted {
                    StateFilter::All => true,
                    StateFilter::Active => o.active,
                    StateFilter::Retired => !o.active,
                })
                .filter(|o| matches(o, &needle))
                .cloned()
                .collect();
            (list.len(), matching)
        })
    };

    view! {
        <div class="filters">
            <div class="field field--inline">
                <label for="buscar-oferta">"Buscar"</label>
                <input id="buscar-oferta" type="search" placeholder="Código, nombre o tipo"
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev)) />
            </div>
            <div class="field field--inline">
                <label for="filtro-estado-oferta">"Estado"</label>
                <select id="filtro-estado-oferta" on:change=move |ev| state.set(match event_target_value(&ev).as_str() {
                    "ACTIVA" => StateFilter::Active,
                    "RETIRADA" => StateFilter::Retired,
                    _ => StateFilter::All,
                })>
                    <option value="" selected=move || state.get() == StateFilter::All>"Todas"</option>
                    <option value="ACTIVA" selected=move || state.get() == StateFilter::Active>"Activas"</option>
                    <option value="RETIRADA" selected=move || state.get() == StateFilter::Retired>"Retiradas"</option>
                </select>
            </div>
        </div>
        <p role="status" class=move || match message.get() { Some((true, _)) => "form-success", _ => "form-error" }>
            {move || message.get().map(|(_, m)| m)}
        </p>
        {move || {
            let (total, matching) = visible();
            if total == 0 {
                return view! { <p class="empty">"El catálogo está vacío. Cree una oferta o importe un archivo CSV."</p> }.into_any();
            }
            if matching.is_empty() {
                return view! { <p class="empty">"Ninguna oferta coincide con el filtro."</p> }.into_any();
            }
            let shown = matching.len().min(MAX_ROWS);
            let note = (matching.len() > shown).then(|| format!(
                "Se muestran {shown} de {} ofertas; use el filtro para encontrar otras.", matching.len()
            ));
            view! {
                <div class="table-wrap">
                    <table class="table table--cards offers-table">
                        <caption class="visually-hidden">"Ofertas del catálogo"</caption>
                        <thead><tr>
                            <th scope="col">"Código"</th>
                            <th scope="col">"Nombre"</th>
                            <th scope="col">"Tipo"</th>
                            <th scope="col">"Escalón"</th>
                            <th scope="col">"Segmento"</th>
                            <th scope="col">"Servicios"</th>
                            <th scope="col" class="num">"Costo"</th>
                            <th scope="col">"Vigencia"</th>
                            <th scope="col">"Estado"</th>
                            <th scope="col"><span class="visually-hidden">"Acciones"</span></th>
                        </tr></thead>
                        <tbody>
                            {matching.into_iter().take(shown).map(|offer| {
                                let code = offer.code.clone();
                                let asking = {
                                    let code = code.clone();
                                    move || confirming.get().as_deref() == Some(code.as_str())
                                };
                                let for_edit = offer.clone();
                                let for_toggle = StoredValue::new(offer.clone());
                                let retire = offer.active;
                                let question = if retire {
                                    format!("¿Retirar la oferta {} («{}»)? Los asesores dejarán de verla en el selector; las llamadas ya registradas la conservan.", offer.code, offer.name)
                                } else {
                                    format!("¿Activar la oferta {} («{}»)? Volverá a aparecer en el selector de los asesores.", offer.code, offer.name)
                                };
                                let ask_code = code.clone();
                                view! {
                                    <tr class:row--inactive=!offer.active>
                                        <td data-label="Código"><code>{offer.code.clone()}</code></td>
                                        <td data-label="Nombre">{offer.name.clone()}</td>
                                        <td data-label="Tipo">{offer.kind.label()}</td>
                                        <td data-label="Escalón" class="nowrap">{format!("Escalón {}", offer.level)}</td>
                                        <td data-label="Segmento">{segment_label(offer.segment)}</td>
                                        <td data-label="Servicios">{services_label(&offer)}</td>
                                        <td data-label="Costo" class="num nowrap">{pesos(offer.cost)}</td>
                                        <td data-label="Vigencia">{validity(&offer)}</td>
                                        <td data-label="Estado">{if offer.active {
                                            view! { <span class="badge badge--ok">"Activa"</span> }.into_any()
                                        } else {
                                            view! { <span class="badge">"Retirada"</span> }.into_any()
                                        }}</td>
                                        <td class="actions">
                                            <div class="row-actions">
                                                <button type="button" class="button button--small" on:click=move |_| edit.run(for_edit.clone())>
                                                    "Editar"<span class="visually-hidden">{format!(" {code}")}</span>
                                                </button>
                                                <button type="button" class="button button--small"
                                                    on:click=move |_| confirming.set(Some(ask_code.clone()))>
                                                    {if retire { "Retirar" } else { "Activar" }}
                                                    <span class="visually-hidden">{format!(" {}", offer.code)}</span>
                                                </button>
                                            </div>
                                        </td>
                                    </tr>
                                    <Show when=asking.clone()>
                                        <tr class="row--editor">
                                            <td colspan="10">
                                                <div class="confirm-row" role="alertdialog" aria-label="Confirmar el cambio de estado">
                                                    <p>{question.clone()}</p>
                                                    <div class="button-row">
                                                        <button type="button" class=if retire { "button button--danger" } else { "button button--primary" }
                                                            disabled=move || pending.get()
                                                            on:click=move |_| toggle(for_toggle.get_value())>
                                                            {if retire { "Sí, retirar" } else { "Sí, activar" }}
                                                        </button>
                                                        <button type="button" class="button" on:click=move |_| confirming.set(None)>"Cancelar"</button>
                                                    </div>
                                                </div>
                                            </td>
                                        </tr>
                                    </Show>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {note.map(|n| view! { <p class="muted">{n}</p> })}
            }.into_any()
        }}
    }
}

#[component]
fn ImportPanel(csrf: StoredValue<String>, on_imported: Callback<()>) -> impl IntoView {
    let importing = RwSignal::new(false);
    let result = RwSignal::new(None::<String>);
    let problems = RwSignal::new(None::<(String, Vec<String>)>);

    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        importing.set(true);
        result.set(None);
        problems.set(None);
        spawn_local(async move {
            match import_offers(IMPORT_INPUT, &csrf.get_value()).await {
                Ok(report) => {
                    result.set(Some(format!(
                        "Importadas: {} nuevas, {} actualizadas.",
                        report.created, report.updated
                    )));
                    on_imported.run(());
                }
                Err(ClientError::Unexpected(_)) => {
                    problems.set(Some(("Elija primero el archivo CSV.".into(), Vec::new())))
                }
                Err(err) => {
                    let lines = match &err {
                        ClientError::Api { body, .. } => body
                            .error
                            .fields
                            .iter()
                            .map(|f| f.message.clone())
                            .collect(),
                        _ => Vec::new(),
                    };
                    let summary = if lines.is_empty() {
                        err.message()
                    } else {
                        "El archivo no se importó: corrija estas líneas y vuelva a intentarlo."
                            .into()
                    };
                    problems.set(Some((summary, lines)));
                }
            }
            importing.set(false);
        });
    };

    view! {
        <section class="panel" aria-labelledby="importar-ofertas-titulo">
            <h2 id="importar-ofertas-titulo">"Importar desde CSV"</h2>
            <p class="field-hint">"Columnas, en la primera línea:"</p>
            <p><code class="csv-columns">{CSV_COLUMNS}</code></p>
            <ul class="field-hint csv-help">
                <li>"Obligatorias: codigo, nombre, guion, tipo y escalon; las demás pueden ir vacías."</li>
                <li>"Las listas (servicios, tipos_base, necesidades) se separan con «|», por ejemplo INTERNET|TV."</li>
                <li>"Columnas separadas por «,» o «;». Valores en pesos sin decimales; fechas aaaa-mm-dd o dd/mm/aaaa; activa: SI o NO."</li>
                <li>"Los códigos que ya existen se actualizan; si una línea tiene un error no se importa nada."</li>
            </ul>
            <form class="inline-form" on:submit=import novalidate>
                <label for=IMPORT_INPUT>"Archivo CSV"</label>
                <input id=IMPORT_INPUT type="file" accept=".csv,text/csv" />
                <button type="submit" class="button" disabled=move || importing.get()>
                    {move || if importing.get() { "Importando…" } else { "Importar" }}
                </button>
            </form>
            <p class="form-success" role="status">{move || result.get()}</p>
            {move || problems.get().map(|(summary, lines)| view! {
                <div class="form-error" role="alert">
                    <p>{summary}</p>
                    {(!lines.is_empty()).then(|| view! {
                        <ul class="import-errors">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    })}
                </div>
            })}
        </section>
    }
}
