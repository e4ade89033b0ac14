//! Configuración → Indicadores: the admin imports the seven external
//! sources the indicators count (SPEC §5); the gerente and the admin set the
//! goals, calidad MEC's weights, the FCR window and the detractor loop.
//!
//! Ratios are typed as percentages (0–100) and stored as 0–1, so the form
//! converts both ways; the rules themselves are `KpiSettings::problems`, the
//! same the server applies.

use super::settings_tabs::SettingsTabs;
use crate::api::client::ClientError;
use crate::api::kpis::{KpiSettings, SourceImport, import_source, save_settings, settings};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::forms::Problems;
use crate::components::page::Page;
use crate::domain::kpis::Kpi;
use crate::domain::role::{Capability, Role};
use crate::pages::leader::IndicatorTabs;
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

#[component]
pub fn IndicatorSettingsPage() -> impl IntoView {
    let role = use_session().user.role;
    if role == Role::Gerente {
        // The gerente has no Configuración area: the page is framed (and
        // its access checked) as one more section of Indicadores.
        view! {
            <Page title="Indicadores" path=page::INDICATORS>
                <IndicatorTabs />
                <SettingsSection />
            </Page>
        }
        .into_any()
    } else {
        // Anyone but the admin gets the "no permission" panel here.
        let imports = role
            .can(Capability::Configure)
            .then(|| view! { <SourceImports /> });
        view! {
            <Page title="Configuración" path=page::SETTINGS_INDICATORS>
                <SettingsTabs />
                {imports}
                <SettingsSection />
            </Page>
        }
        .into_any()
    }
}

// ------------------------------------------------------------ imports

/// One external source: its code in the API, its name and its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Source {
    code: &'static str,
    label: &'static str,
    columns: &'static str,
}

/// The seven sources, in the order of SPEC §5 and the server's `SourceKind`.
const SOURCES: [Source; 7] = [
    Source {
        code: "agentes",
        label: "Nómina de agentes",
        columns: "login,nombre,rol,supervisor,fecha_ingreso,fecha_retiro",
    },
    Source {
        code: "gestion",
        label: "Gestión del marcador",
        columns: "fecha_hora,cuenta,tipo_base,segmento,asesor,resultado",
    },
    Source {
        code: "interacciones",
        label: "Interacciones",
        columns: "id,fecha_hora,cuenta,asesor,tipo_base,segmento,tipificacion,spc,cun",
    },
    Source {
        code: "retencion",
        label: "Retención",
        columns: "id,fecha_cierre,cuenta,asesor,segmento,servicio,resultado,oferta",
    },
    Source {
        code: "encuestas",
        label: "Encuestas",
        columns: "id,fecha,cuenta,asesor,nps,satisfaccion_asesor,id_interaccion",
    },
    Source {
        code: "monitoreo",
        label: "Monitoreo de calidad",
        columns: "id,fecha,asesor,nota,evaluador,id_interaccion",
    },
    Source {
        code: "asistencia",
        label: "Asistencia",
        columns: "fecha,asesor,programado,ausente,motivo",
    },
];

/// Where one source's import stands.
#[derive(Debug, Clone, PartialEq)]
enum ImportState {
    Idle,
    /// Submitted without a file: nothing was sent.
    NoFile,
    Uploading,
    Done(SourceImport),
    /// The server refused the file: a summary and one message per problem.
    Refused(String, Vec<String>),
}

#[component]
fn SourceImports() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="fuentes-titulo">
            <h2 id="fuentes-titulo">"Importar fuentes"</h2>
            <p class="muted">
                "Archivos CSV con encabezado (separados por coma o punto y coma). Cada archivo se importa completo o no se importa: si una línea tiene un problema se listan todos y no se guarda nada. Importar de nuevo el mismo archivo no duplica filas."
            </p>
            <div class="source-imports">
                {SOURCES.into_iter().map(|source| view! { <SourceImportCard source /> }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn SourceImportCard(source: Source) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let input_id = format!("importar-fuente-{}", source.code);
    let title_id = format!("fuente-{}-titulo", source.code);
    let labelled_by = title_id.clone();
    let chosen = RwSignal::new(false);
    let state = RwSignal::new(ImportState::Idle);
    let uploading = move || state.with(|s| *s == ImportState::Uploading);

    let submit = {
        let input_id = input_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if uploading() {
                return;
            }
            if !chosen.get_untracked() {
                state.set(ImportState::NoFile);
                return;
            }
            state.set(ImportState::Uploading);
            let input_id = input_id.clone();
            spawn_local(async move {
                let outcome = import_source(source.code, &input_id, &csrf.get_value()).await;
                state.try_set(match outcome {
                    Ok(report) => ImportState::Done(report),
                    Err(err) => {
                        let (summary, lines) = import_failure(&err);
                        ImportState::Refused(summary, lines)
                    }
                });
            });
        }
    };

    view! {
        <section class="source-import" aria-labelledby=labelled_by>
            <h3 id=title_id>{source.label}</h3>
            <p class="field-hint">"Columnas, en la primera línea:"</p>
            <p><code class="csv-columns">{columns_view(source.columns)}</code></p>
            <form class="source-import__form" on:submit=submit novalidate>
                <div class="field">
                    <label for=input_id.clone()>"Archivo CSV"</label>
                    <input id=input_id type="file" accept=".csv,text/csv"
                        on:change=move |ev| {
                            chosen.set(!event_target_value(&ev).is_empty());
                            if state.with_untracked(|s| *s == ImportState::NoFile) {
                                state.set(ImportState::Idle);
                            }
                        } />
                </div>
                <button type="submit" class="button button--primary" disabled=uploading>
                    "Importar"
                </button>
            </form>
            <div class="source-import__status" role="status" aria-live="polite">
                {move || match state.get() {
                    ImportState::Uploading => view! {
                        <progress aria-label=format!("Importando {}", source.label)></progress>
                        <p class="muted">"Importando…"</p>
                    }.into_any(),
                    ImportState::Done(report) => view! {
                        <p class="form-success">{import_summary(&report)}</p>
                    }.into_any(),
                    _ => ().into_any(),
                }}
            </div>
            {move || match state.get() {
                ImportState::NoFile => Some(view! {
                    <div class="form-error" role="alert"><p>"Elija primero el archivo CSV."</p></div>
                }.into_any()),
                ImportState::Refused(summary, lines) => Some(view! {
                    <div class="form-error" role="alert">
                        <p>{summary}</p>
                        {(!lines.is_empty()).then(|| view! {
                            <ul class="import-errors">
                                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                            </ul>
                        })}
                    </div>
                }.into_any()),
                _ => None,
            }}
        </section>
    }
}

/// The header with a line break allowed after each comma, never inside a
/// column's name.
fn columns_view(columns: &'static str) -> impl IntoView {
    let names: Vec<&str> = columns.split(',').collect();
    let last = names.len() - 1;
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let piece = if i < last {
                format!("{name},")
            } else {
                name.to_string()
            };
            view! { {piece}<wbr /> }
        })
        .collect_view()
}

/// "2 filas: 1 nueva, 0 actualizadas, 1 ya estaba." and the detractors
/// queued, when there are any.
fn import_summary(report: &SourceImport) -> String {
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut text = format!(
        "{}: {}, {}, {}.",
        plural(report.rows, "fila", "filas"),
        plural(report.created, "nueva", "nuevas"),
        plural(report.updated, "actualizada", "actualizadas"),
        plural(report.unchanged, "ya estaba", "ya estaban"),
    );
    if report.detractors_queued > 0 {
        text += &format!(
            " {} a la base DETRACTORES.",
            plural(
                report.detractors_queued,
                "detractor agregado",
                "detractores agregados"
            )
        );
    }
    text
}

/// What a refused import says: every per-line problem the server listed,
/// or its one message; either way nothing was stored.
fn import_failure(err: &ClientError) -> (String, Vec<String>) {
    let lines: Vec<String> = match err {
        ClientError::Api { body, .. } => body
            .error
            .fields
            .iter()
            .map(|f| f.message.clone())
            .collect(),
        _ => Vec::new(),
    };
    let summary = match lines.len() {
        0 => format!("{} No se importó nada.", err.message()),
        1 => "El archivo tiene 1 problema. No se importó nada.".to_string(),
        n => format!("El archivo tiene {n} problemas. No se importó nada."),
    };
    (summary, lines)
}

// ------------------------------------------------------------ settings

/// The settings as the form holds them: text as typed, percentages for
/// ratios.
#[derive(Debug, Clone, PartialEq)]
struct SettingsInput {
    /// One per KPI, in the order of `Kpi::ALL`; empty is "Sin meta".
    goals: [String; 7],
    weight_emitida: String,
    weight_percibida: String,
    fcr_window_hours: String,
    detractor_loop: bool,
}

impl SettingsInput {
    fn from_settings(settings: &KpiSettings) -> Self {
        SettingsInput {
            goals: Kpi::ALL.map(|kpi| {
                settings
                    .goals
                    .get(&kpi)
                    .map(|goal| goal_text(kpi, *goal))
                    .unwrap_or_default()
            }),
            weight_emitida: number_text(ratio_to_percent(settings.weight_emitida)),
            weight_percibida: number_text(ratio_to_percent(settings.weight_percibida)),
            fcr_window_hours: settings.fcr_window_hours.to_string(),
            detractor_loop: settings.detractor_loop,
        }
    }

    /// The settings typed, or the problems keyed by field: each goal by its
    /// KPI's code (so the message sits beside it), `weights`,
    /// `weight_emitida`, `weight_percibida` and `fcr_window_hours`.
    fn read(&self) -> Result<KpiSettings, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let mut goals = BTreeMap::new();
        for (kpi, raw) in Kpi::ALL.into_iter().zip(&self.goals) {
            match parse_number(raw) {
                None => {}
                Some(Ok(value)) => {
                    let goal = if kpi.is_ratio() {
                        percent_to_ratio(value)
                    } else {
                        value
                    };
                    problems.extend(goal_problems(kpi, goal));
                    goals.insert(kpi, goal);
                }
                Some(Err(())) => problems.push((
                    kpi.code(),
                    if kpi.is_ratio() {
                        format!(
                            "Escriba la meta de {} como un porcentaje (por ejemplo 80) o déjela vacía.",
                            kpi.label()
                        )
                    } else {
                        format!(
                            "Escriba la meta de {} como un número entre −100 y 100 o déjela vacía.",
                            kpi.label()
                        )
                    },
                )),
            }
        }
        let mut weight = |raw: &str, field: &'static str, part: &str| match parse_number(raw) {
            Some(Ok(value)) => Some(percent_to_ratio(value)),
            _ => {
                problems.push((
                    field,
                    format!("Escriba el peso de la calidad {part} como un porcentaje de 0 a 100."),
                ));
                None
            }
        };
        let emitida = weight(&self.weight_emitida, "weight_emitida", "emitida");
        let percibida = weight(&self.weight_percibida, "weight_percibida", "percibida");
        let window = match self.fcr_window_hours.trim().parse::<u32>() {
            Ok(hours) => Some(hours),
            Err(_) => {
                problems.push((
                    "fcr_window_hours",
                    "Escriba la ventana de FCR en horas enteras (por ejemplo 168 para 7 días)."
                        .into(),
                ));
                None
            }
        };
        let (Some(weight_emitida), Some(weight_percibida), Some(fcr_window_hours)) =
            (emitida, percibida, window)
        else {
            return Err(problems);
        };
        let settings = KpiSettings {
            goals,
            weight_emitida,
            weight_percibida,
            fcr_window_hours,
            detractor_loop: self.detractor_loop,
        };
        for (field, message) in settings.problems() {
            // The goals were checked one by one above, beside their fields.
            if field != "goals" && !problems.iter().any(|(f, _)| *f == field) {
                problems.push((field, message));
            }
        }
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(problems)
        }
    }
}

/// The shared rule's message for one goal, keyed by its KPI's code.
fn goal_problems(kpi: Kpi, goal: f64) -> Vec<(&'static str, String)> {
    let alone = KpiSettings {
        goals: BTreeMap::from([(kpi, goal)]),
        ..KpiSettings::default()
    };
    alone
        .problems()
        .into_iter()
        .filter(|(field, _)| *field == "goals")
        .map(|(_, message)| (kpi.code(), message))
        .collect()
}

/// A number as typed: comma or dot for decimals, an optional `%`, the
/// typographic minus. `None` when empty.
fn parse_number(raw: &str) -> Option<Result<f64, ()>> {
    let cleaned: String = raw
        .trim()
        .trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .replace('\u{2212}', "-");
    if cleaned.is_empty() {
        return None;
    }
    Some(
        cleaned
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or(()),
    )
}

/// 72.5 (%) → 0.725, without the float noise of the division.
fn percent_to_ratio(percent: f64) -> f64 {
    (percent / 100.0 * 1e6).round() / 1e6
}

/// 0.725 → 72.5 (%).
fn ratio_to_percent(ratio: f64) -> f64 {
    (ratio * 100.0 * 1e4).round() / 1e4
}

/// At most two decimals, Colombian style, no trailing zeros: `90`, `72,5`.
fn number_text(value: f64) -> String {
    let text = format!("{:.2}", (value * 100.0).round() / 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    text.replace('.', ",")
}

/// A goal as its input shows it: a percentage, or NPS points.
fn goal_text(kpi: Kpi, goal: f64) -> String {
    if kpi.is_ratio() {
        number_text(ratio_to_percent(goal))
    } else {
        number_text(goal)
    }
}

/// The FCR window in days and hours: "7 días", "1 día y 12 horas".
fn window_in_days(hours: u32) -> String {
    let (days, rest) = (hours / 24, hours % 24);
    let days_text = match days {
        1 => "1 día".to_string(),
        n => format!("{n} días"),
    };
    let hours_text = match rest {
        1 => "1 hora".to_string(),
        n => format!("{n} horas"),
    };
    match (days, rest) {
        (0, _) => hours_text,
        (_, 0) => days_text,
        _ => format!("{days_text} y {hours_text}"),
    }
}

/// The two weights as typed, summed: what the hint under them says.
fn weights_sum_text(emitida: &str, percibida: &str) -> Option<String> {
    let (Some(Ok(a)), Some(Ok(b))) = (parse_number(emitida), parse_number(percibida)) else {
        return None;
    };
    let sum = (a + b) * 100.0;
    let sum = sum.round() / 100.0;
    Some(if (sum - 100.0).abs() < 1e-6 {
        "Suman 100 %.".to_string()
    } else {
        format!("Suman {} %; deben sumar 100 %.", number_text(sum))
    })
}

/// What the form holds, one signal per field.
#[derive(Clone, Copy)]
struct SettingsFields {
    goals: [RwSignal<String>; 7],
    weight_emitida: RwSignal<String>,
    weight_percibida: RwSignal<String>,
    fcr_window_hours: RwSignal<String>,
    detractor_loop: RwSignal<bool>,
}

impl SettingsFields {
    fn new(settings: &KpiSettings) -> Self {
        let input = SettingsInput::from_settings(settings);
        SettingsFields {
            goals: input.goals.map(RwSignal::new),
            weight_emitida: RwSignal::new(input.weight_emitida),
            weight_percibida: RwSignal::new(input.weight_percibida),
            fcr_window_hours: RwSignal::new(input.fcr_window_hours),
            detractor_loop: RwSignal::new(input.detractor_loop),
        }
    }

    /// The form shows what the server kept (a saved `72,50` reads `72,5`).
    fn load(&self, settings: &KpiSettings) {
        let input = SettingsInput::from_settings(settings);
        for (signal, text) in self.goals.iter().zip(input.goals) {
            signal.set(text);
        }
        self.weight_emitida.set(input.weight_emitida);
        self.weight_percibida.set(input.weight_percibida);
        self.fcr_window_hours.set(input.fcr_window_hours);
        self.detractor_loop.set(input.detractor_loop);
    }

    fn input(&self) -> SettingsInput {
        SettingsInput {
            goals: self.goals.map(|g| g.get_untracked()),
            weight_emitida: self.weight_emitida.get_untracked(),
            weight_percibida: self.weight_percibida.get_untracked(),
            fcr_window_hours: self.fcr_window_hours.get_untracked(),
            detractor_loop: self.detractor_loop.get_untracked(),
        }
    }
}

#[component]
fn SettingsSection() -> impl IntoView {
    let loaded = LocalResource::new(settings);
    view! {
        <section class="panel" aria-labelledby="metas-titulo">
            <h2 id="metas-titulo">"Metas y reglas"</h2>
            <Suspense fallback=|| view! { <Loading label="Cargando los ajustes…" /> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(current) => view! { <SettingsForm current /> }.into_any(),
                        Err(err) => view! {
                            <ErrorPanel title="No se pudieron cargar los ajustes" message=err.message() retry=true />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SettingsForm(current: KpiSettings) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let f = SettingsFields::new(&current);
    let problems = RwSignal::new(Problems::default());
    let saved = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let error = move |name: &'static str| Signal::derive(move || problems.with(|p| p.field(name)));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let wanted = match f.input().read() {
            Ok(wanted) => wanted,
            Err(list) => {
                problems.set(Problems::local(list));
                return;
            }
        };
        problems.set(Problems::default());
        pending.set(true);
        spawn_local(async move {
            match save_settings(&wanted, &csrf.get_value()).await {
                Ok(kept) => {
                    f.load(&kept);
                    saved.try_set(Some("Metas y reglas guardadas.".into()));
                }
                Err(err) => {
                    problems.try_set(Problems::server(err));
                }
            }
            pending.try_set(false);
        });
    };
    // Once the browser's checks failed, they run as the user types, so a
    // fixed field loses its message at once; a stale "guardado" goes too.
    let recheck = move |_: leptos::ev::Event| {
        saved.set(None);
        if problems.with_untracked(Problems::is_local) {
            problems.set(match f.input().read() {
                Ok(_) => Problems::default(),
                Err(list) => Problems::local(list),
            });
        }
    };

    let weights_error = Signal::derive(move || {
        problems.with(|p| {
            let parts: Vec<String> = ["weights", "weight_emitida", "weight_percibida"]
                .into_iter()
                .filter_map(|name| p.field(name))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        })
    });
    let window_days = move || {
        f.fcr_window_hours
            .with(|raw| raw.trim().parse::<u32>().ok())
            .filter(|hours| *hours > 0)
            .map(|hours| format!("Equivale a {}.", window_in_days(hours)))
            .unwrap_or_else(|| "Horas enteras, de 1 a 2160 (90 días).".into())
    };
    let weights_sum = move || {
        weights_sum_text(&f.weight_emitida.get(), &f.weight_percibida.get())
            .unwrap_or_else(|| "Deben sumar 100 %.".into())
    };

    view! {
        <form class="kpi-settings" on:submit=submit on:input=recheck on:change=recheck novalidate
            aria-labelledby="metas-titulo">
            <fieldset class="field field--group kpi-goals" class:field--invalid=move || error("goals").get().is_some()>
                <legend>"Meta por indicador"</legend>
                <p class="field-hint">"Los porcentajes van de 0 a 100; el NPS, de −100 a 100. Deje vacío un indicador para dejarlo sin meta."</p>
                <div class="kpi-goals__grid">
                    {Kpi::ALL.into_iter().zip(f.goals).map(|(kpi, goal)| {
                        let id = format!("meta-{}", kpi.code());
                        let hint_id = format!("{id}-ayuda");
                        let error_id = format!("{id}-error");
                        let described = format!("{hint_id} {error_id}");
                        let message = error(kpi.code());
                        let unit = if kpi.is_ratio() { "%" } else { "puntos" };
                        let hint = match (kpi.is_ratio(), kpi.higher_is_better()) {
                            (false, _) => "Puntos · mayor es mejor",
                            (true, true) => "Porcentaje · mayor es mejor",
                            (true, false) => "Porcentaje · menor es mejor",
                        };
                        view! {
                            <div class="field kpi-goal" class:field--invalid=move || message.get().is_some()>
                                <label for=id.clone()>{kpi.label()}</label>
                                <p class="field-hint" id=hint_id>{hint}</p>
                                <div class="input-unit">
                                    <input id=id inputmode="decimal" autocomplete="off" placeholder="Sin meta"
                                        aria-describedby=described
                                        aria-invalid=move || message.get().is_some().then_some("true")
                                        prop:value=move || goal.get()
                                        on:input=move |ev| goal.set(event_target_value(&ev)) />
                                    <span class="input-unit__unit" aria-hidden="true">{unit}</span>
                                </div>
                                <p class="field-error" id=error_id aria-live="polite">{move || message.get()}</p>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <p class="field-error" aria-live="polite">{move || error("goals").get()}</p>
            </fieldset>

            <fieldset class="field field--group kpi-weights" class:field--invalid=move || weights_error.get().is_some()>
                <legend>"Pesos de calidad MEC"</legend>
                <p class="field-hint" id="pesos-ayuda">{weights_sum}</p>
                <div class="kpi-weights__row">
                    <div class="field">
                        <label for="peso-emitida">"Calidad emitida (monitoreo)"</label>
                        <div class="input-unit">
                            <input id="peso-emitida" inputmode="decimal" autocomplete="off"
                                aria-describedby="pesos-ayuda pesos-error"
                                aria-invalid=move || weights_error.get().is_some().then_some("true")
                                prop:value=move || f.weight_emitida.get()
                                on:input=move |ev| f.weight_emitida.set(event_target_value(&ev)) />
                            <span class="input-unit__unit" aria-hidden="true">"%"</span>
                        </div>
                    </div>
                    <div class="field">
                        <label for="peso-percibida">"Calidad percibida (encuestas)"</label>
                        <div class="input-unit">
                            <input id="peso-percibida" inputmode="decimal" autocomplete="off"
                                aria-describedby="pesos-ayuda pesos-error"
                                aria-invalid=move || weights_error.get().is_some().then_some("true")
                                prop:value=move || f.weight_percibida.get()
                                on:input=move |ev| f.weight_percibida.set(event_target_value(&ev)) />
                            <span class="input-unit__unit" aria-hidden="true">"%"</span>
                        </div>
                    </div>
                </div>
                <p class="field-error" id="pesos-error" aria-live="polite">{move || weights_error.get()}</p>
            </fieldset>

            <div class="field kpi-window" class:field--invalid=move || error("fcr_window_hours").get().is_some()>
                <label for="ventana-fcr">"Ventana de FCR (horas)"</label>
                <p class="field-hint">"Una interacción marcada como solución en primer contacto (SPC) cuenta para el FCR si la cuenta no vuelve a tener contacto dentro de esta ventana."</p>
                <div class="input-unit">
                    <input id="ventana-fcr" type="number" min="1" max="2160" step="1" inputmode="numeric"
                        aria-describedby="ventana-fcr-dias ventana-fcr-error"
                        aria-invalid=move || error("fcr_window_hours").get().is_some().then_some("true")
                        prop:value=move || f.fcr_window_hours.get()
                        on:input=move |ev| f.fcr_window_hours.set(event_target_value(&ev)) />
                    <span class="input-unit__unit" aria-hidden="true">"horas"</span>
                </div>
                <p class="field-hint" id="ventana-fcr-dias">{window_days}</p>
                <p class="field-error" id="ventana-fcr-error" aria-live="polite">{move || error("fcr_window_hours").get()}</p>
            </div>

            <div class="field kpi-loop" class:field--invalid=move || error("detractor_loop").get().is_some()>
                <span class="kpi-loop__title">"Detractores"</span>
                <div class="field--check">
                    <input id="bucle-detractores" type="checkbox"
                        prop:checked=move || f.detractor_loop.get()
                        on:change=move |ev| f.detractor_loop.set(event_target_checked(&ev)) />
                    <label for="bucle-detractores">"Crear un registro en la base DETRACTORES del equipo por cada respuesta de 0 a 6"</label>
                </div>
                <p class="field-error" aria-live="polite">{move || error("detractor_loop").get()}</p>
            </div>

            <div class="form-actions">
                <p class="form-error" role="alert">{move || problems.with(Problems::summary)}</p>
                <p class="form-success" role="status" aria-live="polite">{move || saved.get()}</p>
                <button type="submit" class="button button--primary" disabled=move || pending.get()>
                    {move || if pending.get() { "Guardando…" } else { "Guardar metas y reglas" }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(rows: u32, created: u32, updated: u32, unchanged: u32, queued: u32) -> SourceImport {
        SourceImport {
            kind: "encuestas".into(),
            rows,
            created,
            updated,
            unchanged,
            detractors_queued: queued,
        }
    }

    #[test]
    fn the_summary_counts_in_singular_and_plural() {
        assert_eq!(
            import_summary(&report(2, 2, 0, 0, 0)),
            "2 filas: 2 nuevas, 0 actualizadas, 0 ya estaban."
        );
        assert_eq!(
            import_summary(&report(1, 0, 1, 1, 0)),
            "1 fila: 0 nuevas, 1 actualizada, 1 ya estaba."
        );
        assert_eq!(
            import_summary(&report(3, 3, 0, 0, 2)),
            "3 filas: 3 nuevas, 0 actualizadas, 0 ya estaban. 2 detractores agregados a la base DETRACTORES."
        );
        assert!(
            import_summary(&report(1, 1, 0, 0, 1))
                .ends_with(" 1 detractor agregado a la base DETRACTORES.")
        );
    }

    #[test]
    fn a_refused_file_lists_every_line_and_says_nothing_was_stored() {
        use crate::api::error::{ApiErrorBody, FieldError};
        let mut body = ApiErrorBody::new("validacion", "Datos inválidos.");
        body.error.fields = vec![
            FieldError {
                field: "file".into(),
                message: "Línea 2, columna «nps»: malo.".into(),
            },
            FieldError {
                field: "file".into(),
                message: "Línea 3, columna «fecha»: malo.".into(),
            },
        ];
        let (summary, lines) = import_failure(&ClientError::Api { status: 422, body });
        assert_eq!(summary, "El archivo tiene 2 problemas. No se importó nada.");
        assert_eq!(lines.len(), 2);
        let (summary, lines) = import_failure(&ClientError::Network);
        assert!(summary.ends_with("No se importó nada."));
        assert!(lines.is_empty());
    }

    #[test]
    fn the_sources_match_the_servers_list() {
        let codes: Vec<&str> = SOURCES.iter().map(|s| s.code).collect();
        assert_eq!(
            codes,
            [
                "agentes",
                "gestion",
                "interacciones",
                "retencion",
                "encuestas",
                "monitoreo",
                "asistencia"
            ]
        );
    }

    #[test]
    fn percentages_and_ratios_convert_both_ways() {
        assert_eq!(percent_to_ratio(72.5), 0.725);
        assert_eq!(percent_to_ratio(90.0), 0.9);
        assert_eq!(percent_to_ratio(33.3), 0.333);
        assert_eq!(ratio_to_percent(0.725), 72.5);
        assert_eq!(ratio_to_percent(0.07), 7.0);
        for percent in [0.0, 0.5, 12.25, 40.0, 66.67, 100.0] {
            assert_eq!(ratio_to_percent(percent_to_ratio(percent)), percent);
        }
    }

    #[test]
    fn numbers_read_and_show_colombian_style() {
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("  "), None);
        assert_eq!(parse_number("72,5"), Some(Ok(72.5)));
        assert_eq!(parse_number("72.5 %"), Some(Ok(72.5)));
        assert_eq!(parse_number("\u{2212}10"), Some(Ok(-10.0)));
        assert_eq!(parse_number("ochenta"), Some(Err(())));
        assert_eq!(parse_number("NaN"), Some(Err(())));
        assert_eq!(number_text(90.0), "90");
        assert_eq!(number_text(72.5), "72,5");
        assert_eq!(number_text(-12.25), "-12,25");
        assert_eq!(number_text(-0.001), "0");
        assert_eq!(goal_text(Kpi::Fcr, 0.8), "80");
        assert_eq!(goal_text(Kpi::Nps, 35.0), "35");
    }

    #[test]
    fn the_window_reads_in_days_too() {
        assert_eq!(window_in_days(168), "7 días");
        assert_eq!(window_in_days(24), "1 día");
        assert_eq!(window_in_days(36), "1 día y 12 horas");
        assert_eq!(window_in_days(1), "1 hora");
        assert_eq!(window_in_days(49), "2 días y 1 hora");
    }

    #[test]
    fn the_weights_sum_is_said_in_words() {
        assert_eq!(
            weights_sum_text("40", "60").as_deref(),
            Some("Suman 100 %.")
        );
        assert_eq!(
            weights_sum_text("30", "60").as_deref(),
            Some("Suman 90 %; deben sumar 100 %.")
        );
        assert_eq!(
            weights_sum_text("33,3", "66,7").as_deref(),
            Some("Suman 100 %.")
        );
        assert_eq!(weights_sum_text("", "60"), None);
    }

    #[test]
    fn the_defaults_round_trip_through_the_form() {
        let defaults = KpiSettings::default();
        let input = SettingsInput::from_settings(&defaults);
        assert_eq!(input.weight_emitida, "40");
        assert_eq!(input.weight_percibida, "60");
        assert_eq!(input.goals[6], "90");
        assert!(input.goals[..6].iter().all(String::is_empty));
        assert_eq!(input.read(), Ok(defaults));
    }

    #[test]
    fn an_empty_goal_removes_it_and_ratios_are_stored_as_fractions() {
        let mut input = SettingsInput::from_settings(&KpiSettings::default());
        input.goals[3] = "82,5".into(); // FCR
        input.goals[2] = "-20".into(); // NPS, in points
        input.goals[6] = " ".into(); // calidad MEC: sin meta
        let read = input.read().unwrap();
        assert_eq!(read.goals.get(&Kpi::Fcr), Some(&0.825));
        assert_eq!(read.goals.get(&Kpi::Nps), Some(&-20.0));
        assert!(!read.goals.contains_key(&Kpi::CalidadMec));
    }

    #[test]
    fn problems_sit_beside_their_fields_in_spanish() {
        let mut input = SettingsInput::from_settings(&KpiSettings::default());
        input.goals[3] = "120".into();
        input.goals[0] = "mucho".into();
        input.weight_emitida = "30".into();
        input.fcr_window_hours = "0".into();
        let problems = input.read().unwrap_err();
        let field = |name: &str| {
            problems
                .iter()
                .find(|(f, _)| *f == name)
                .map(|(_, m)| m.clone())
        };
        assert_eq!(
            field("fcr").as_deref(),
            Some("La meta de FCR debe estar entre 0 % y 100 %.")
        );
        assert!(field("contactabilidad").unwrap().contains("porcentaje"));
        assert_eq!(
            field("weights").as_deref(),
            Some("Los pesos de calidad emitida y percibida deben sumar 100 %.")
        );
        assert_eq!(
            field("fcr_window_hours").as_deref(),
            Some("La ventana de FCR debe estar entre 1 hora y 90 días.")
        );
        assert!(field("goals").is_none());
    }

    #[test]
    fn unreadable_numbers_are_named_without_the_sum_rule() {
        let mut input = SettingsInput::from_settings(&KpiSettings::default());
        input.weight_percibida = "sesenta".into();
        input.fcr_window_hours = "7 días".into();
        let problems = input.read().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["weight_percibida", "fcr_window_hours"]);
    }
}
