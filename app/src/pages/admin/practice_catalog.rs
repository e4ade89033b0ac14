//! Configuración → Prácticas (admin): the catalog of the nine management
//! practices — frequency, duration, the goal of each leader role, active or
//! retired — edited one practice at a time, every change in the history.
//! Leaders plan and are measured by what is saved here from then on.

use super::catalog_history::CatalogHistory;
use super::settings_tabs::SettingsTabs;
use crate::api::practices::{
    PracticeUpdate, PracticeView, list_catalog, practice_history, update_practice,
};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::components::page::Page;
use crate::domain::practices::{
    Frequency, LEADER_ROLES, MAX_DURATION_MINUTES, MAX_TIMES, PracticeDef, PracticeKind, RoleGoal,
};
use crate::domain::role::Role;
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PracticeCatalogPage() -> impl IntoView {
    let catalog = LocalResource::new(list_catalog);
    let changes = LocalResource::new(practice_history);
    view! {
        <Page title="Configuración" path=page::SETTINGS_PRACTICES>
            <SettingsTabs />
            <section class="panel" aria-labelledby="practicas-titulo">
                <h2 id="practicas-titulo">"Prácticas de gestión"</h2>
                <p class="field-hint">
                    "La meta es cuántas veces debe hacer cada rol la práctica en cada periodo de su frecuencia. "
                    "Deje la meta en blanco para un rol que no la realiza. Una práctica retirada no se planea ni se debe. "
                    "La adherencia de los líderes se calcula con lo guardado aquí."
                </p>
                <Transition fallback=|| view! { <Loading label="Cargando las prácticas…" /> }>
                    {move || Suspend::new(async move {
                        match catalog.await {
                            Err(err) => view! {
                                <ErrorPanel title="No se pudieron cargar las prácticas" message=err.message() retry=true />
                            }.into_any(),
                            Ok(list) => view! {
                                <ul class="practice-catalog">
                                    {list.into_iter().map(|practice| view! {
                                        <PracticeEditor practice on_saved=Callback::new(move |()| changes.refetch()) />
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <CatalogHistory changes />
        </Page>
    }
}

/// One practice as typed in its form.
#[derive(Clone, Copy)]
struct PracticeInput {
    kind: PracticeKind,
    frequency: RwSignal<Frequency>,
    minutes: RwSignal<String>,
    /// The goal of each of `LEADER_ROLES`, as typed ("" = does not run it).
    goals: [RwSignal<String>; 3],
    active: RwSignal<bool>,
}

impl PracticeInput {
    fn new(practice: &PracticeView) -> Self {
        let input = PracticeInput {
            kind: practice.kind,
            frequency: RwSignal::new(practice.frequency),
            minutes: RwSignal::new(String::new()),
            goals: [
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
            ],
            active: RwSignal::new(practice.active),
        };
        input.show(practice);
        input
    }

    /// Shows what the server holds.
    fn show(&self, practice: &PracticeView) {
        self.frequency.set(practice.frequency);
        self.minutes.set(practice.duration_minutes.to_string());
        for (role, goal) in LEADER_ROLES.iter().zip(self.goals) {
            goal.set(goal_text(&practice.goals, *role));
        }
        self.active.set(practice.active);
    }

    /// The update to send, or every problem with what was typed, in Spanish.
    fn update(&self) -> Result<PracticeUpdate, Vec<String>> {
        read_update(
            self.kind,
            self.frequency.get_untracked(),
            &self.minutes.get_untracked(),
            &self.goals.map(|g| g.get_untracked()),
            self.active.get_untracked(),
        )
    }
}

fn goal_text(goals: &[RoleGoal], role: Role) -> String {
    goals
        .iter()
        .find(|g| g.role == role)
        .map(|g| g.times.to_string())
        .unwrap_or_default()
}

/// Reads the typed fields against the catalog's shared rules.
fn read_update(
    kind: PracticeKind,
    frequency: Frequency,
    minutes: &str,
    goals: &[String; 3],
    active: bool,
) -> Result<PracticeUpdate, Vec<String>> {
    let mut problems = Vec::new();
    let duration_minutes = minutes.trim().parse::<u32>().unwrap_or_else(|_| {
        problems.push(format!(
            "{}: la duración es un número entero de minutos, de 1 a {MAX_DURATION_MINUTES}.",
            kind.label()
        ));
        0
    });
    let mut role_goals = Vec::new();
    for (role, typed) in LEADER_ROLES.iter().zip(goals) {
        let typed = typed.trim();
        if typed.is_empty() {
            continue;
        }
        match typed.parse::<u32>() {
            Ok(times) => role_goals.push(RoleGoal { role: *role, times }),
            Err(_) => problems.push(format!(
                "{}: la meta de {} es un número entero, de 1 a {MAX_TIMES}.",
                kind.label(),
                role
            )),
        }
    }
    let update = PracticeUpdate {
        frequency,
        duration_minutes,
        goals: role_goals,
        active,
    };
    if problems.is_empty() {
        problems = PracticeDef {
            kind,
            frequency,
            duration_minutes,
            goals: update.goals.clone(),
            active,
        }
        .problems();
    }
    if problems.is_empty() {
        Ok(update)
    } else {
        Err(problems)
    }
}

#[component]
fn PracticeEditor(practice: PracticeView, on_saved: Callback<()>) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let input = PracticeInput::new(&practice);
    let kind = practice.kind;
    let goal_now = RwSignal::new(practice.goal_text.clone());
    let message = RwSignal::new(None::<(bool, String)>);
    let pending = RwSignal::new(false);
    let id = |field: &str| format!("practica-{}-{field}", kind.code().to_lowercase());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let update = match input.update() {
            Ok(update) => update,
            Err(problems) => {
                message.set(Some((false, problems.join(" "))));
                return;
            }
        };
        message.set(None);
        pending.set(true);
        spawn_local(async move {
            match update_practice(kind, &update, &csrf.get_value()).await {
                Ok(saved) => {
                    input.show(&saved);
                    let status = if saved.active { "activa" } else { "retirada" };
                    message.try_set(Some((
                        true,
                        format!("Guardada ({status}): {}.", saved.goal_text),
                    )));
                    goal_now.try_set(saved.goal_text);
                    on_saved.run(());
                }
                Err(err) => {
                    message.try_set(Some((false, err.message())));
                }
            }
            pending.try_set(false);
        });
    };

    let heading_id = id("titulo");
    let labelled_by = heading_id.clone();
    view! {
        <li class="panel practice-editor" class:practice-editor--retired=move || !input.active.get()>
            <form on:submit=save novalidate aria-labelledby=labelled_by>
                <h3 id=heading_id>{practice.label.clone()}</h3>
                <p class="muted small">{practice.purpose.clone()}</p>
                <p class="small">{move || format!("Meta vigente: {}", goal_now.get())}</p>
                <div class="practice-editor__fields">
                    <div class="field">
                        <label for=id("frecuencia")>"Frecuencia"</label>
                        <select id=id("frecuencia")
                            on:change=move |ev| {
                                if let Some(f) = Frequency::ALL.into_iter().find(|f| f.label() == event_target_value(&ev)) {
                                    input.frequency.set(f);
                                }
                            }>
                            {Frequency::ALL.into_iter().map(|f| view! {
                                <option value=f.label() selected=move || input.frequency.get() == f>{f.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=id("minutos")>"Duración (minutos)"</label>
                        <input id=id("minutos") type="number" min="1" max=MAX_DURATION_MINUTES.to_string() inputmode="numeric"
                            prop:value=move || input.minutes.get()
                            on:input=move |ev| input.minutes.set(event_target_value(&ev)) />
                    </div>
                    {LEADER_ROLES.iter().zip(input.goals).map(|(role, goal)| {
                        let field = id(&format!("meta-{role}"));
                        let label_for = field.clone();
                        view! {
                            <div class="field">
                                <label for=label_for>
                                    {format!("Meta {role}")}
                                    <span class="small muted">{move || format!(" ({})", input.frequency.get().per())}</span>
                                </label>
                                <input id=field type="number" min="1" max=MAX_TIMES.to_string() inputmode="numeric"
                                    placeholder="No la realiza"
                                    prop:value=move || goal.get()
                                    on:input=move |ev| goal.set(event_target_value(&ev)) />
                            </div>
                        }
                    }).collect_view()}
                    <label class="check-row practice-editor__active">
                        <input type="checkbox" prop:checked=move || input.active.get()
                            on:change=move |ev| input.active.set(event_target_checked(&ev)) />
                        "Activa"
                    </label>
                </div>
                <div class="form-actions">
                    <p class="form-error" role="alert">
                        {move || message.get().filter(|(ok, _)| !ok).map(|(_, text)| text)}
                    </p>
                    <p class="form-success" role="status">
                        {move || message.get().filter(|(ok, _)| *ok).map(|(_, text)| text)}
                    </p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Guardando…" } else { "Guardar" }}
                    </button>
                </div>
            </form>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goals(s: [&str; 3]) -> [String; 3] {
        s.map(str::to_string)
    }

    #[test]
    fn a_blank_goal_means_the_role_does_not_run_it() {
        let update = read_update(
            PracticeKind::ConfirmacionFunciones,
            Frequency::Semanal,
            " 30 ",
            &goals(["", "3", "1"]),
            true,
        )
        .unwrap();
        assert_eq!(update.duration_minutes, 30);
        assert_eq!(
            update.goals,
            vec![
                RoleGoal {
                    role: Role::Coordinador,
                    times: 3
                },
                RoleGoal {
                    role: Role::Gerente,
                    times: 1
                },
            ]
        );
    }

    #[test]
    fn typing_slips_are_named_in_spanish() {
        let problems = read_update(
            PracticeKind::DialogoDiario,
            Frequency::Diaria,
            "quince",
            &goals(["uno", "", ""]),
            true,
        )
        .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("duración"), "{problems:?}");
        assert!(problems[1].contains("meta de supervisor"), "{problems:?}");

        // The shared rules: a goal of zero, no responsible role at all.
        let zero = read_update(
            PracticeKind::DialogoDiario,
            Frequency::Diaria,
            "15",
            &goals(["0", "", ""]),
            true,
        )
        .unwrap_err();
        assert!(zero[0].contains("entre 1 y"), "{zero:?}");
        let nobody = read_update(
            PracticeKind::DialogoDiario,
            Frequency::Diaria,
            "15",
            &goals(["", "", ""]),
            true,
        )
        .unwrap_err();
        assert!(nobody[0].contains("al menos un rol"), "{nobody:?}");
    }
}
