//! Políticas de retención: which rungs and offers each campaign (a base
//! kind, optionally one segment) may use beyond the current benefits.

use super::offer_editor::segment_select;
use super::offer_form::{merge, parse_level};
use crate::api::offers::save_policy;
use crate::components::forms::{FieldBox, Problems};
use crate::domain::bases::{BaseKind, Segment};
use crate::domain::offers::{
    CURRENT_BENEFITS_LEVEL, Offer, RetentionPolicy, normalize_offer_code, policy_problems,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::str::FromStr;

/// "Ambos" for a policy or offer of both segments.
pub(super) fn segment_label(segment: Option<Segment>) -> &'static str {
    segment.map_or("Ambos", Segment::label)
}

#[derive(Clone, Copy)]
struct PolicyFields {
    editing: RwSignal<Option<String>>,
    code: RwSignal<String>,
    name: RwSignal<String>,
    base_kind: RwSignal<BaseKind>,
    segment: RwSignal<Option<Segment>>,
    max_level: RwSignal<String>,
    offers: RwSignal<Vec<String>>,
    active: RwSignal<bool>,
    problems: RwSignal<Problems>,
    saved: RwSignal<Option<String>>,
}

impl PolicyFields {
    fn new() -> Self {
        PolicyFields {
            editing: RwSignal::new(None),
            code: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            base_kind: RwSignal::new(BaseKind::Cancelaciones),
            segment: RwSignal::new(None),
            max_level: RwSignal::new("3".into()),
            offers: RwSignal::new(Vec::new()),
            active: RwSignal::new(true),
            problems: RwSignal::new(Problems::default()),
            saved: RwSignal::new(None),
        }
    }

    fn clear(&self) {
        self.editing.set(None);
        self.code.set(String::new());
        self.name.set(String::new());
        self.base_kind.set(BaseKind::Cancelaciones);
        self.segment.set(None);
        self.max_level.set("3".into());
        self.offers.set(Vec::new());
        self.active.set(true);
        self.problems.set(Problems::default());
    }

    fn load(&self, policy: &RetentionPolicy) {
        self.editing.set(Some(policy.code.clone()));
        self.code.set(policy.code.clone());
        self.name.set(policy.name.clone());
        self.base_kind.set(policy.base_kind);
        self.segment.set(policy.segment);
        self.max_level.set(policy.max_level.to_string());
        self.offers.set(policy.offers.clone());
        self.active.set(policy.active);
        self.problems.set(Problems::default());
        self.saved.set(None);
    }

    fn read(&self, catalog: &[Offer]) -> Result<RetentionPolicy, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let max_level = parse_level(
            &self.max_level.get_untracked(),
            "max_level",
            "Escriba el escalón más alto, entre 2 y 9.",
            &mut problems,
        );
        let chosen = self.offers.get_untracked();
        // In catalog order, so the history shows stable lists.
        let mut offers: Vec<String> = catalog
            .iter()
            .filter(|o| chosen.contains(&o.code))
            .map(|o| o.code.clone())
            .collect();
        let unknown: Vec<String> = chosen.into_iter().filter(|c| !offers.contains(c)).collect();
        offers.extend(unknown);
        let policy = RetentionPolicy {
            code: normalize_offer_code(&self.code.get_untracked()),
            name: self.name.get_untracked().trim().to_string(),
            base_kind: self.base_kind.get_untracked(),
            segment: self.segment.get_untracked(),
            max_level,
            offers,
            active: self.active.get_untracked(),
        };
        let problems = merge(problems, policy_problems(&policy, catalog));
        if problems.is_empty() {
            Ok(policy)
        } else {
            Err(problems)
        }
    }
}

/// The policies table and their editor.
#[component]
pub(super) fn PoliciesPanel(
    policies: Signal<Vec<RetentionPolicy>>,
    catalog: Signal<Vec<Offer>>,
    loaded: Signal<Option<String>>,
    csrf: StoredValue<String>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let f = PolicyFields::new();
    let pending = RwSignal::new(false);
    let error =
        move |name: &'static str| Signal::derive(move || f.problems.with(|p| p.field(name)));
    let editing = move || f.editing.get().is_some();
    let names = move |codes: &[String]| {
        if codes.is_empty() {
            "Todas las del catálogo hasta ese escalón".to_string()
        } else {
            codes.join(", ")
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        f.saved.set(None);
        let policy = match catalog.with_untracked(|c| f.read(c)) {
            Ok(policy) => policy,
            Err(problems) => {
                f.problems.set(Problems::local(problems));
                return;
            }
        };
        f.problems.set(Problems::default());
        pending.set(true);
        spawn_local(async move {
            match save_policy(&policy, &csrf.get_value()).await {
                Ok(saved) => {
                    f.load(&saved);
                    f.saved
                        .set(Some(format!("Política {} guardada.", saved.code)));
                    on_saved.run(());
                }
                Err(err) => f.problems.set(Problems::server(err)),
            }
            pending.set(false);
        });
    };
    let recheck = move |_: leptos::ev::Event| {
        if f.problems.with_untracked(Problems::is_local) {
            f.problems.set(match catalog.with_untracked(|c| f.read(c)) {
                Ok(_) => Problems::default(),
                Err(problems) => Problems::local(problems),
            });
        }
    };
    // Offers the policy may list: those above the current benefits, plus any
    // already listed (so a level change does not hide them).
    let choosable = move || {
        let chosen = f.offers.get();
        catalog.with(|c| {
            c.iter()
                .filter(|o| o.level > CURRENT_BENEFITS_LEVEL || chosen.contains(&o.code))
                .map(|o| (o.code.clone(), o.name.clone(), o.level, o.active))
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="panel" aria-labelledby="politicas-titulo">
            <h2 id="politicas-titulo">"Políticas de retención"</h2>
            <p class="muted">"Cada campaña (tipo de base y segmento) llega hasta un escalón de la escalera; los beneficios actuales (escalón 1) aplican siempre."</p>
            {move || loaded.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            <div class="table-wrap">
                <table class="table table--cards">
                    <caption class="visually-hidden">"Políticas de retención"</caption>
                    <thead><tr>
                        <th scope="col">"Código"</th>
                        <th scope="col">"Nombre"</th>
                        <th scope="col">"Campaña"</th>
                        <th scope="col">"Segmento"</th>
                        <th scope="col">"Escalones"</th>
                        <th scope="col">"Ofertas"</th>
                        <th scope="col">"Estado"</th>
                        <th scope="col"><span class="visually-hidden">"Acciones"</span></th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let list = policies.get();
                            if list.is_empty() {
                                return view! { <tr><td colspan="8" class="empty">"No hay políticas. Cree la primera con el formulario."</td></tr> }.into_any();
                            }
                            list.into_iter().map(|p| {
                                let item = p.clone();
                                view! {
                                    <tr class:row--inactive=!p.active class:row--selected=move || f.editing.get().as_deref() == Some(item.code.as_str())>
                                        <td data-label="Código"><code>{p.code.clone()}</code></td>
                                        <td data-label="Nombre">{p.name.clone()}</td>
                                        <td data-label="Campaña">{p.base_kind.label()}</td>
                                        <td data-label="Segmento">{segment_label(p.segment)}</td>
                                        <td data-label="Escalones" class="nowrap">{format!("Hasta el escalón {}", p.max_level)}</td>
                                        <td data-label="Ofertas" class="offer-codes wide">{names(&p.offers)}</td>
                                        <td data-label="Estado">{if p.active {
                                            view! { <span class="badge badge--ok">"Activa"</span> }.into_any()
                                        } else {
                                            view! { <span class="badge">"Inactiva"</span> }.into_any()
                                        }}</td>
                                        <td class="actions">
                                            <button type="button" class="button button--small" on:click={
                                                let p = p.clone();
                                                move |_| f.load(&p)
                                            }>"Editar"<span class="visually-hidden">{format!(" la política {}", p.code)}</span></button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view().into_any()
                        }}
                    </tbody>
                </table>
            </div>
            <div class="panel-header policy-form-head">
                <h3 id="politica-form-titulo">
                    {move || match f.editing.get() {
                        Some(code) => format!("Editar la política {code}"),
                        None => "Nueva política".to_string(),
                    }}
                </h3>
                <Show when=editing>
                    <button type="button" class="button button--small" on:click=move |_| {
                        f.clear();
                        f.saved.set(None);
                    }>"Crear otra política"</button>
                </Show>
            </div>
            <form class="form-grid" on:submit=submit on:input=recheck on:change=recheck novalidate aria-labelledby="politica-form-titulo">
                <FieldBox id="politica-codigo" label="Código" error=error("code")>
                    <input id="politica-codigo" class="input--code" maxlength="40" autocomplete="off"
                        readonly=editing aria-describedby="politica-codigo-error"
                        prop:value=move || f.code.get()
                        on:input=move |ev| f.code.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="politica-nombre" label="Nombre" error=error("name")>
                    <input id="politica-nombre" maxlength="200" autocomplete="off"
                        aria-describedby="politica-nombre-error"
                        prop:value=move || f.name.get()
                        on:input=move |ev| f.name.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="politica-campana" label="Campaña (tipo de base)" error=error("base_kind")>
                    <select id="politica-campana" on:change=move |ev| {
                        if let Ok(kind) = BaseKind::from_str(&event_target_value(&ev)) { f.base_kind.set(kind) }
                    }>
                        {BaseKind::ALL.iter().copied().map(|k| view! {
                            <option value=k.code() selected=move || f.base_kind.get() == k>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </FieldBox>
                <FieldBox id="politica-segmento" label="Segmento" error=error("segment")>
                    {segment_select("politica-segmento", f.segment, "Ambos")}
                </FieldBox>
                <FieldBox id="politica-escalon" label="Hasta el escalón" error=error("max_level")
                    hint="Entre 2 y 9.">
                    <input id="politica-escalon" type="number" min="2" max="9" step="1" inputmode="numeric"
                        aria-describedby="politica-escalon-ayuda politica-escalon-error"
                        prop:value=move || f.max_level.get()
                        on:input=move |ev| f.max_level.set(event_target_value(&ev)) />
                </FieldBox>
                <fieldset class="field field--group field--wide" class:field--invalid=move || error("offers").get().is_some()>
                    <legend>"Ofertas de la política"</legend>
                    <p class="field-hint">"Ninguna marcada: todas las del catálogo hasta ese escalón."</p>
                    <div class="check-list">
                        {move || {
                            let options = choosable();
                            if options.is_empty() {
                                return view! { <p class="empty">"El catálogo no tiene ofertas por encima del escalón 1."</p> }.into_any();
                            }
                            options.into_iter().map(|(code, name, level, active)| {
                                let key = code.clone();
                                let toggled = code.clone();
                                view! {
                                    <label class="check">
                                        <input type="checkbox"
                                            prop:checked=move || f.offers.with(|list| list.contains(&key))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let code = toggled.clone();
                                                f.offers.update(|list| {
                                                    list.retain(|c| *c != code);
                                                    if on { list.push(code); }
                                                });
                                            } />
                                        <span><code>{code}</code>{format!(" {name} · escalón {level}{}", if active { "" } else { " · retirada" })}</span>
                                    </label>
                                }
                            }).collect_view().into_any()
                        }}
                    </div>
                    <p class="field-error" aria-live="polite">{move || error("offers").get()}</p>
                </fieldset>
                <div class="field field--check field--wide">
                    <input id="politica-activa" type="checkbox"
                        prop:checked=move || f.active.get()
                        on:change=move |ev| f.active.set(event_target_checked(&ev)) />
                    <label for="politica-activa">"Activa"</label>
                </div>
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || f.problems.with(Problems::summary)}</p>
                    <p class="form-success" role="status">{move || f.saved.get()}</p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || match (pending.get(), editing()) {
                            (true, _) => "Guardando…",
                            (false, true) => "Guardar política",
                            (false, false) => "Crear política",
                        }}
                    </button>
                </div>
            </form>
        </section>
    }
}
