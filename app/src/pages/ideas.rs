//! "Ideas de mejora": the board worked in the mejora continua meetings.
//! Agents and leaders propose; each idea's card offers only the steps the
//! reader may take (approve or discard in the meeting, deliver to the
//! client and record its answer in the circuito) and keeps its history.

use crate::api::client::new_request_id;
use crate::api::ideas::{IdeaDraft, IdeaStep, IdeaView, list_ideas, propose, take_step};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::forms::{FieldBox, Problems};
use crate::components::page::Page;
use crate::domain::local_time::{format_date, format_date_time};
use crate::domain::practices::ideas::{
    ClientStatus, IdeaAction, IdeaArea, IdeaStatus, TEXT_MAX, TITLE_MAX, idea_problems, may_propose,
};
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn IdeasPage() -> impl IntoView {
    let role = use_session().user.role;
    let loaded = LocalResource::new(list_ideas);
    let ideas = RwSignal::new(None::<Vec<IdeaView>>);
    let notice = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(list)) = loaded.get() {
            ideas.set(Some(list));
        }
    });
    let upsert = Callback::new(move |(idea, message): (IdeaView, String)| {
        ideas.update(|list| {
            let list = list.get_or_insert_with(Vec::new);
            match list.iter_mut().find(|i| i.id == idea.id) {
                Some(slot) => *slot = idea,
                None => list.insert(0, idea),
            }
        });
        notice.set(Some(message));
    });
    view! {
        <Page title="Ideas de mejora" path=page::IDEAS>
            <p class="muted page-intro">
                "Las ideas de asesores y líderes se revisan en las reuniones de mejora continua: se aprueban para ejecución o se descartan, y el coordinador entrega las aprobadas al cliente en el circuito de mejora continua y registra su respuesta."
            </p>
            {may_propose(role).then(|| view! { <ProposeForm on_saved=upsert /> })}
            <p class="form-success" role="status">{move || notice.get()}</p>
            <Suspense fallback=|| view! { <Loading label="Cargando el tablero de ideas…" /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Err(err) => view! {
                            <ErrorPanel title="No se pudo cargar el tablero de ideas" message=err.message() retry=true />
                        }.into_any(),
                        Ok(_) => view! { <Board ideas on_changed=upsert /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn ProposeForm(on_saved: Callback<(IdeaView, String)>) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let client_id = StoredValue::new(new_request_id());
    let area = RwSignal::new(IdeaArea::Proceso);
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let problems = RwSignal::new(Problems::default());
    let pending = RwSignal::new(false);
    let error = move |name: &'static str| Signal::derive(move || problems.with(|p| p.field(name)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let local = idea_problems(&title.get_untracked(), &description.get_untracked());
        if !local.is_empty() {
            problems.set(Problems::local(local));
            return;
        }
        let draft = IdeaDraft {
            client_id: client_id.get_value(),
            area: area.get_untracked(),
            title: title.get_untracked(),
            description: description.get_untracked(),
        };
        problems.set(Problems::default());
        pending.set(true);
        let csrf = csrf.get_value();
        spawn_local(async move {
            match propose(&draft, &csrf).await {
                Ok(idea) => {
                    // A new proposal gets a new identifier; a resend of this
                    // one (a lost answer) keeps the old and lands once.
                    client_id.set_value(new_request_id());
                    title.set(String::new());
                    description.set(String::new());
                    on_saved.run((idea, "Idea enviada al tablero de mejora continua.".into()));
                }
                Err(err) => {
                    problems.try_set(Problems::server(err));
                }
            }
            pending.try_set(false);
        });
    };
    view! {
        <section class="panel" aria-labelledby="proponer-idea">
            <h2 id="proponer-idea">"Proponer una idea"</h2>
            <form class="form-grid" on:submit=submit novalidate aria-label="Proponer una idea">
                <FieldBox id="idea-area" label="Sobre" error=error("area")>
                    <select id="idea-area" on:change=move |ev| {
                        if let Some(chosen) = IdeaArea::from_code(&event_target_value(&ev)) {
                            area.set(chosen);
                        }
                    }>
                        {IdeaArea::ALL.into_iter().map(|a| view! {
                            <option value=a.code() selected=move || area.get() == a>{a.label()}</option>
                        }).collect_view()}
                    </select>
                </FieldBox>
                <FieldBox id="idea-titulo" label="Título" error=error("title") wide=true>
                    <input id="idea-titulo" type="text" maxlength=TITLE_MAX.to_string()
                        aria-describedby="idea-titulo-error"
                        aria-invalid=move || error("title").get().is_some().then_some("true")
                        prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="idea-descripcion" label="Descripción" error=error("description") wide=true
                    hint="Qué cambiaría, por qué y a quién ayuda (cliente, asesor, proceso).">
                    <textarea id="idea-descripcion" rows="3" maxlength=TEXT_MAX.to_string()
                        aria-describedby="idea-descripcion-ayuda idea-descripcion-error"
                        aria-invalid=move || error("description").get().is_some().then_some("true")
                        prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </FieldBox>
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || problems.with(Problems::summary)}</p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Enviando…" } else { "Enviar idea" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// One column per status; the board keeps the newest idea first.
#[component]
fn Board(
    ideas: RwSignal<Option<Vec<IdeaView>>>,
    on_changed: Callback<(IdeaView, String)>,
) -> impl IntoView {
    view! {
        <div class="idea-board">
            {IdeaStatus::ALL.into_iter().map(|status| {
                let heading_id = format!("ideas-{}", status.code().to_lowercase());
                let labelled_by = heading_id.clone();
                let in_column = move || ideas.with(|list| {
                    list.iter().flatten().filter(|i| i.status == status).cloned().collect::<Vec<_>>()
                });
                view! {
                    <section class="panel idea-column" aria-labelledby=labelled_by>
                        <h2 id=heading_id>
                            {status.label()}
                            " "
                            <span class="badge badge--info">{move || in_column().len()}</span>
                        </h2>
                        {move || {
                            let list = in_column();
                            if list.is_empty() {
                                view! { <p class="empty">"Ninguna."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="idea-list">
                                        {list.into_iter().map(|idea| view! {
                                            <li><IdeaCard idea on_changed /></li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }
                        }}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn IdeaCard(idea: IdeaView, on_changed: Callback<(IdeaView, String)>) -> impl IntoView {
    let open = RwSignal::new(None::<IdeaAction>);
    let id = idea.id;
    let title_id = format!("idea-{id}-titulo");
    let actions = idea.actions.clone();
    view! {
        <article class="idea-card" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone()>{idea.title.clone()}</h3>
            <p class="idea-card__meta">
                <span class="badge badge--info">{idea.area.label()}</span>
                " "
                {format!("{} · {}", idea.author.name, format_date(idea.created_at))}
            </p>
            {idea.client_status.map(|s| view! {
                <p><span class=client_badge(s)>{s.label()}</span></p>
            })}
            <p class="idea-card__text">{idea.description.clone()}</p>
            <details class="idea-card__history">
                <summary>{format!("Historial ({})", idea.history.len())}</summary>
                <ol>
                    {idea.history.iter().map(|e| view! {
                        <li>
                            <time>{format_date_time(e.at)}</time>
                            " · "
                            <strong>{e.action.map_or("Propuesta", step_label)}</strong>
                            {e.client_status.map(|s| format!(" ({})", s.label()))}
                            {format!(" — {}", e.actor.name)}
                            {(!e.note.is_empty()).then(|| view! { <p>{e.note.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
            {(!actions.is_empty()).then(|| view! {
                <div class="idea-card__actions">
                    {actions.iter().map(|&action| view! {
                        <button type="button" class="button"
                            class:button--primary=action != IdeaAction::Descartar
                            aria-pressed=move || (open.get() == Some(action)).to_string()
                            aria-describedby=title_id.clone()
                            on:click=move |_| open.update(|o| *o = if *o == Some(action) { None } else { Some(action) })>
                            {action.label()}
                        </button>
                    }).collect_view()}
                </div>
            })}
            {move || open.get().map(|action| view! {
                <StepForm id action on_done=Callback::new(move |(idea, message)| {
                    open.set(None);
                    on_changed.run((idea, message));
                }) on_back=Callback::new(move |_| open.set(None)) />
            })}
        </article>
    }
}

/// The confirmation of one step: the note it needs and, for the client's
/// answer, the status the client gave.
#[component]
fn StepForm(
    id: i64,
    action: IdeaAction,
    on_done: Callback<(IdeaView, String)>,
    on_back: Callback<()>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let note = RwSignal::new(String::new());
    let client_status = RwSignal::new(None::<ClientStatus>);
    let problems = RwSignal::new(Problems::default());
    let pending = RwSignal::new(false);
    let note_id = format!("idea-{id}-nota");
    let status_id = format!("idea-{id}-estado-cliente");
    let note_label = match action {
        IdeaAction::Descartar => "Por qué se descarta",
        IdeaAction::RespuestaCliente => "Lo que respondió el cliente",
        IdeaAction::Entregar => "Entrega (circuito, fecha, observaciones)",
        IdeaAction::Aprobar => "Observación (opcional)",
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mut local = Vec::new();
        if action.needs_note() && note.get_untracked().trim().is_empty() {
            local.push((
                "note",
                match action {
                    IdeaAction::Descartar => "Escriba por qué se descarta la idea.",
                    _ => "Escriba lo que respondió el cliente.",
                }
                .to_string(),
            ));
        }
        if action == IdeaAction::RespuestaCliente && client_status.get_untracked().is_none() {
            local.push((
                "client_status",
                "Elija el estado que dio el cliente.".into(),
            ));
        }
        if !local.is_empty() {
            problems.set(Problems::local(local));
            return;
        }
        let step = IdeaStep {
            action,
            client_status: client_status.get_untracked(),
            note: note.get_untracked(),
        };
        problems.set(Problems::default());
        pending.set(true);
        let csrf = csrf.get_value();
        spawn_local(async move {
            match take_step(id, &step, &csrf).await {
                Ok(idea) => {
                    let message = format!("«{}»: {}.", idea.title, done_label(action));
                    on_done.run((idea, message));
                }
                Err(err) => {
                    problems.try_set(Problems::server(err));
                }
            }
            pending.try_set(false);
        });
    };
    let error = move |name: &'static str| Signal::derive(move || problems.with(|p| p.field(name)));
    view! {
        <form class="idea-step" on:submit=submit novalidate aria-label=action.label()>
            {(action == IdeaAction::RespuestaCliente).then(|| {
                let status_id = status_id.clone();
                view! {
                    <div class="field" class:field--invalid=move || error("client_status").get().is_some()>
                        <label for=status_id.clone()>"Estado que dio el cliente"</label>
                        <select id=status_id.clone() on:change=move |ev| client_status.set(ClientStatus::from_code(&event_target_value(&ev)))>
                            <option value="">"Elija…"</option>
                            {ClientStatus::ALL.into_iter().map(|s| view! { <option value=s.code()>{s.label()}</option> }).collect_view()}
                        </select>
                        <p class="field-error" aria-live="polite">{move || error("client_status").get()}</p>
                    </div>
                }
            })}
            <div class="field" class:field--invalid=move || error("note").get().is_some()>
                <label for=note_id.clone()>{note_label}</label>
                <textarea id=note_id.clone() rows="2" maxlength=TEXT_MAX.to_string()
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <p class="field-error" aria-live="polite">{move || error("note").get()}</p>
            </div>
            <div class="form-actions">
                <p class="form-error" role="alert">{move || problems.with(Problems::summary)}</p>
                <button type="submit" class="button button--primary" disabled=move || pending.get()>
                    {format!("Confirmar: {}", action.label().to_lowercase())}
                </button>
                <button type="button" class="button" on:click=move |_| on_back.run(())>"Volver"</button>
            </div>
        </form>
    }
}

fn step_label(action: IdeaAction) -> &'static str {
    match action {
        IdeaAction::Aprobar => "Aprobada para ejecución",
        IdeaAction::Descartar => "Descartada",
        IdeaAction::Entregar => "Entregada al cliente",
        IdeaAction::RespuestaCliente => "Respuesta del cliente",
    }
}

fn done_label(action: IdeaAction) -> &'static str {
    match action {
        IdeaAction::Aprobar => "aprobada para ejecución",
        IdeaAction::Descartar => "descartada",
        IdeaAction::Entregar => "entregada al cliente",
        IdeaAction::RespuestaCliente => "respuesta del cliente registrada",
    }
}

fn client_badge(status: ClientStatus) -> &'static str {
    match status {
        ClientStatus::Aceptada | ClientStatus::Implementada => "badge badge--ok",
        ClientStatus::EnEstudio => "badge badge--warning",
        ClientStatus::Rechazada => "badge badge--danger",
    }
}
