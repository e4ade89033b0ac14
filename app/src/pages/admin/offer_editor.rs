//! The form that creates an offer or edits one (every field of the catalog,
//! SPEC §4), checked in the browser with the domain's own rules before it
//! is sent.

use super::offer_form::{
    check_group, in_order, merge, parse_day, parse_level, parse_months, parse_pesos, pesos_input,
};
use crate::api::offers::save_offer;
use crate::components::forms::{FieldBox, Problems};
use crate::domain::bases::{BaseKind, Segment};
use crate::domain::offers::{
    CURRENT_BENEFITS_LEVEL, Need, Offer, OfferKind, Service, normalize_offer_code, offer_problems,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::str::FromStr;

/// What the form holds, as typed.
#[derive(Clone, Copy)]
pub(super) struct OfferFields {
    /// The code being edited; `None` for a new offer.
    pub(super) editing: RwSignal<Option<String>>,
    code: RwSignal<String>,
    name: RwSignal<String>,
    script: RwSignal<String>,
    segment: RwSignal<Option<Segment>>,
    services: RwSignal<Vec<Service>>,
    kind: RwSignal<OfferKind>,
    level: RwSignal<String>,
    cost: RwSignal<String>,
    duration: RwSignal<String>,
    valid_from: RwSignal<String>,
    valid_to: RwSignal<String>,
    base_kinds: RwSignal<Vec<BaseKind>>,
    min_tenure: RwSignal<String>,
    min_value: RwSignal<String>,
    max_value: RwSignal<String>,
    needs: RwSignal<Vec<Need>>,
    active: RwSignal<bool>,
    problems: RwSignal<Problems>,
    saved: RwSignal<Option<String>>,
}

impl OfferFields {
    pub(super) fn new() -> Self {
        let fields = OfferFields {
            editing: RwSignal::new(None),
            code: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            script: RwSignal::new(String::new()),
            segment: RwSignal::new(None),
            services: RwSignal::new(Vec::new()),
            kind: RwSignal::new(OfferKind::Descuento),
            level: RwSignal::new(String::new()),
            cost: RwSignal::new(String::new()),
            duration: RwSignal::new(String::new()),
            valid_from: RwSignal::new(String::new()),
            valid_to: RwSignal::new(String::new()),
            base_kinds: RwSignal::new(Vec::new()),
            min_tenure: RwSignal::new(String::new()),
            min_value: RwSignal::new(String::new()),
            max_value: RwSignal::new(String::new()),
            needs: RwSignal::new(Vec::new()),
            active: RwSignal::new(true),
            problems: RwSignal::new(Problems::default()),
            saved: RwSignal::new(None),
        };
        fields.clear();
        fields
    }

    /// An empty form for a new offer.
    pub(super) fn clear(&self) {
        self.editing.set(None);
        for text in [
            self.code,
            self.name,
            self.script,
            self.cost,
            self.valid_from,
            self.valid_to,
            self.min_tenure,
            self.min_value,
            self.max_value,
        ] {
            text.set(String::new());
        }
        self.segment.set(None);
        self.services.set(Vec::new());
        self.kind.set(OfferKind::Descuento);
        self.level.set("2".into());
        self.duration.set("0".into());
        self.base_kinds.set(Vec::new());
        self.needs.set(Vec::new());
        self.active.set(true);
        self.problems.set(Problems::default());
    }

    /// The form filled with an offer of the catalog.
    pub(super) fn load(&self, offer: &Offer) {
        self.editing.set(Some(offer.code.clone()));
        self.code.set(offer.code.clone());
        self.name.set(offer.name.clone());
        self.script.set(offer.script.clone());
        self.segment.set(offer.segment);
        self.services.set(offer.services.clone());
        self.kind.set(offer.kind);
        self.level.set(offer.level.to_string());
        self.cost.set(pesos_input(Some(offer.cost)));
        self.duration.set(offer.duration_months.to_string());
        let day = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        self.valid_from.set(day(offer.valid_from));
        self.valid_to.set(day(offer.valid_to));
        self.base_kinds.set(offer.base_kinds.clone());
        self.min_tenure.set(
            offer
                .min_tenure_months
                .map(|m| m.to_string())
                .unwrap_or_default(),
        );
        self.min_value.set(pesos_input(offer.min_monthly_value));
        self.max_value.set(pesos_input(offer.max_monthly_value));
        self.needs.set(offer.needs.clone());
        self.active.set(offer.active);
        self.problems.set(Problems::default());
        self.saved.set(None);
    }

    /// The offer the form describes, or what is wrong with it.
    fn read(&self) -> Result<Offer, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let level = parse_level(
            &self.level.get_untracked(),
            "level",
            "El escalón va de 1 a 9.",
            &mut problems,
        );
        let cost = match parse_pesos(&self.cost.get_untracked(), "cost", &mut problems) {
            Some(cost) => cost,
            None => {
                if !problems.iter().any(|(f, _)| *f == "cost") {
                    problems.push((
                        "cost",
                        "Escriba el costo mensual en pesos (0 si no tiene costo).".into(),
                    ));
                }
                0
            }
        };
        let duration_months = match parse_months(
            &self.duration.get_untracked(),
            "duration_months",
            &mut problems,
        ) {
            Some(months) => match u16::try_from(months) {
                Ok(months) => months,
                Err(_) => {
                    problems.push(("duration_months", "La duración es demasiado larga.".into()));
                    0
                }
            },
            None => 0,
        };
        let offer = Offer {
            code: normalize_offer_code(&self.code.get_untracked()),
            name: self.name.get_untracked().trim().to_string(),
            script: self.script.get_untracked().trim().to_string(),
            segment: self.segment.get_untracked(),
            services: in_order(Service::ALL, &self.services.get_untracked()),
            kind: self.kind.get_untracked(),
            level,
            cost,
            duration_months,
            valid_from: parse_day(
                &self.valid_from.get_untracked(),
                "valid_from",
                &mut problems,
            ),
            valid_to: parse_day(&self.valid_to.get_untracked(), "valid_to", &mut problems),
            base_kinds: in_order(BaseKind::ALL, &self.base_kinds.get_untracked()),
            min_tenure_months: parse_months(
                &self.min_tenure.get_untracked(),
                "min_tenure_months",
                &mut problems,
            ),
            min_monthly_value: parse_pesos(
                &self.min_value.get_untracked(),
                "min_monthly_value",
                &mut problems,
            ),
            max_monthly_value: parse_pesos(
                &self.max_value.get_untracked(),
                "max_monthly_value",
                &mut problems,
            ),
            needs: in_order(Need::ALL, &self.needs.get_untracked()),
            active: self.active.get_untracked(),
        };
        let problems = merge(problems, offer_problems(&offer));
        if problems.is_empty() {
            Ok(offer)
        } else {
            Err(problems)
        }
    }
}

/// `<select>` of the segment: both (empty value), Hogar or Móvil.
pub(super) fn segment_select(
    id: &'static str,
    value: RwSignal<Option<Segment>>,
    both: &'static str,
) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| value.set(Segment::from_str(&event_target_value(&ev)).ok())>
            <option value="" selected=move || value.get().is_none()>{both}</option>
            {Segment::ALL.iter().copied().map(|s| view! {
                <option value=s.code() selected=move || value.get() == Some(s)>{s.label()}</option>
            }).collect_view()}
        </select>
    }
}

/// The offer form; `on_saved` runs after the server kept it.
#[component]
pub(super) fn OfferEditor(
    fields: OfferFields,
    csrf: StoredValue<String>,
    on_saved: Callback<()>,
    node_ref: NodeRef<html::Section>,
) -> impl IntoView {
    let f = fields;
    let pending = RwSignal::new(false);
    let error =
        move |name: &'static str| Signal::derive(move || f.problems.with(|p| p.field(name)));
    let editing = move || f.editing.get().is_some();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        f.saved.set(None);
        let offer = match f.read() {
            Ok(offer) => offer,
            Err(problems) => {
                f.problems.set(Problems::local(problems));
                return;
            }
        };
        f.problems.set(Problems::default());
        pending.set(true);
        spawn_local(async move {
            match save_offer(&offer, &csrf.get_value()).await {
                Ok(saved) => {
                    f.load(&saved);
                    f.saved
                        .set(Some(format!("Oferta {} guardada.", saved.code)));
                    on_saved.run(());
                }
                Err(err) => f.problems.set(Problems::server(err)),
            }
            pending.set(false);
        });
    };
    let recheck = move |_: leptos::ev::Event| {
        if f.problems.with_untracked(Problems::is_local) {
            f.problems.set(match f.read() {
                Ok(_) => Problems::default(),
                Err(problems) => Problems::local(problems),
            });
        }
    };
    // Current benefits are the first rung and only they are.
    let change_kind = move |ev: leptos::ev::Event| {
        let Ok(kind) = OfferKind::from_str(&event_target_value(&ev)) else {
            return;
        };
        f.kind.set(kind);
        let level = f.level.get_untracked();
        if kind == OfferKind::BeneficioActual {
            f.level.set(CURRENT_BENEFITS_LEVEL.to_string());
        } else if level.trim() == CURRENT_BENEFITS_LEVEL.to_string() {
            f.level.set("2".into());
        }
    };

    view! {
        <section class="panel" aria-labelledby="oferta-form-titulo" node_ref=node_ref>
            <div class="panel-header">
                <h2 id="oferta-form-titulo">
                    {move || match f.editing.get() {
                        Some(code) => format!("Editar la oferta {code}"),
                        None => "Nueva oferta".to_string(),
                    }}
                </h2>
                <Show when=editing>
                    <button type="button" class="button button--small" on:click=move |_| {
                        f.clear();
                        f.saved.set(None);
                    }>"Crear otra oferta"</button>
                </Show>
            </div>
            <form class="form-grid" on:submit=submit on:input=recheck on:change=recheck novalidate aria-labelledby="oferta-form-titulo">
                <FieldBox id="oferta-codigo" label="Código" error=error("code")
                    hint="Mayúsculas, números y «_»; no cambia después de creada.">
                    <input id="oferta-codigo" class="input--code" maxlength="40" autocomplete="off"
                        readonly=editing
                        aria-describedby="oferta-codigo-ayuda oferta-codigo-error"
                        prop:value=move || f.code.get()
                        on:input=move |ev| f.code.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="oferta-nombre" label="Nombre" error=error("name")>
                    <input id="oferta-nombre" maxlength="200" autocomplete="off"
                        aria-describedby="oferta-nombre-error"
                        prop:value=move || f.name.get()
                        on:input=move |ev| f.name.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="oferta-tipo" label="Tipo" error=error("kind")>
                    <select id="oferta-tipo" on:change=change_kind aria-describedby="oferta-tipo-error">
                        {OfferKind::ALL.iter().copied().map(|k| view! {
                            <option value=k.code() selected=move || f.kind.get() == k>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </FieldBox>
                <FieldBox id="oferta-escalon" label="Escalón" error=error("level")
                    hint="1 = beneficios actuales; luego en orden ascendente.">
                    <input id="oferta-escalon" type="number" min="1" max="9" step="1" inputmode="numeric"
                        aria-describedby="oferta-escalon-ayuda oferta-escalon-error"
                        prop:value=move || f.level.get()
                        on:input=move |ev| f.level.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="oferta-guion" label="Guion" error=error("script") wide=true
                    hint="Lo que el asesor le dice al cliente. Puede usar {cliente} y {asesor}: la guía los cambia por los nombres.">
                    <textarea id="oferta-guion" rows="3"
                        aria-describedby="oferta-guion-ayuda oferta-guion-error"
                        prop:value=move || f.script.get()
                        on:input=move |ev| f.script.set(event_target_value(&ev))></textarea>
                </FieldBox>
                <FieldBox id="oferta-segmento" label="Segmento" error=error("segment")>
                    {segment_select("oferta-segmento", f.segment, "Ambos")}
                </FieldBox>
                <FieldBox id="oferta-costo" label="Costo mensual para la compañía (pesos)" error=error("cost")>
                    <input id="oferta-costo" inputmode="numeric" autocomplete="off" placeholder="0"
                        aria-describedby="oferta-costo-error"
                        prop:value=move || f.cost.get()
                        on:input=move |ev| f.cost.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="oferta-duracion" label="Duración (meses)" error=error("duration_months")
                    hint="0: permanente.">
                    <input id="oferta-duracion" type="number" min="0" step="1" inputmode="numeric"
                        aria-describedby="oferta-duracion-ayuda oferta-duracion-error"
                        prop:value=move || f.duration.get()
                        on:input=move |ev| f.duration.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="oferta-desde" label="Vigente desde" error=error("valid_from")>
                    <input id="oferta-desde" type="date" aria-describedby="oferta-desde-error"
                        prop:value=move || f.valid_from.get()
                        on:input=move |ev| f.valid_from.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="oferta-hasta" label="Vigente hasta" error=error("valid_to")>
                    <input id="oferta-hasta" type="date" aria-describedby="oferta-hasta-error"
                        prop:value=move || f.valid_to.get()
                        on:input=move |ev| f.valid_to.set(event_target_value(&ev)) />
                </FieldBox>
                {check_group("Servicios a los que aplica", Some("Ninguno marcado: cualquier servicio."), Service::ALL, Service::label, f.services)}
                <p class="field-error field--wide">{move || error("services").get()}</p>
                <h3 class="field--wide">"Elegibilidad"</h3>
                {check_group("Tipos de base", Some("Ninguno marcado: todas las bases."), BaseKind::ALL, BaseKind::label, f.base_kinds)}
                <p class="field-error field--wide">{move || error("base_kinds").get()}</p>
                <FieldBox id="oferta-antiguedad" label="Antigüedad mínima (meses)" error=error("min_tenure_months")>
                    <input id="oferta-antiguedad" type="number" min="0" step="1" inputmode="numeric"
                        aria-describedby="oferta-antiguedad-error"
                        prop:value=move || f.min_tenure.get()
                        on:input=move |ev| f.min_tenure.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="oferta-valor-min" label="Valor mensual mínimo (pesos)" error=error("min_monthly_value")>
                    <input id="oferta-valor-min" inputmode="numeric" autocomplete="off"
                        aria-describedby="oferta-valor-min-error"
                        prop:value=move || f.min_value.get()
                        on:input=move |ev| f.min_value.set(event_target_value(&ev)) />
                </FieldBox>
                <FieldBox id="oferta-valor-max" label="Valor mensual máximo (pesos)" error=error("max_monthly_value")>
                    <input id="oferta-valor-max" inputmode="numeric" autocomplete="off"
                        aria-describedby="oferta-valor-max-error"
                        prop:value=move || f.max_value.get()
                        on:input=move |ev| f.max_value.set(event_target_value(&ev)) />
                </FieldBox>
                {check_group("Necesidades que atiende", Some("La oferta sube en el orden cuando el asesor detecta estas necesidades."), Need::ALL, Need::label, f.needs)}
                <p class="field-error field--wide">{move || error("needs").get()}</p>
                <div class="field field--check field--wide">
                    <input id="oferta-activa" type="checkbox"
                        prop:checked=move || f.active.get()
                        on:change=move |ev| f.active.set(event_target_checked(&ev)) />
                    <label for="oferta-activa">"Activa (los asesores la ven en el selector)"</label>
                </div>
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || f.problems.with(Problems::summary)}</p>
                    <p class="form-success" role="status">{move || f.saved.get()}</p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || match (pending.get(), editing()) {
                            (true, _) => "Guardando…",
                            (false, true) => "Guardar cambios",
                            (false, false) => "Crear oferta",
                        }}
                    </button>
                </div>
            </form>
        </section>
    }
}
