//! Forms to create a user and to edit one (role, leader, status, password).

use crate::api::auth::UserRef;
use crate::api::client::ClientError;
use crate::api::users::{
    CreateUserRequest, SetPasswordRequest, UpdateUserRequest, UserView, create_user,
    set_user_password, update_user,
};
use crate::domain::role::Role;
use crate::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Active users a user of `role` may report to.
fn leader_candidates(users: &[UserView], role: Role, except: Option<i64>) -> Vec<UserRef> {
    let Some(leader_role) = role.reports_to_role() else {
        return Vec::new();
    };
    users
        .iter()
        .filter(|u| u.role == leader_role && u.active && Some(u.id) != except)
        .map(|u| UserRef {
            id: u.id,
            login: u.login.clone(),
            name: u.name.clone(),
        })
        .collect()
}

/// Field errors of a failed request, keyed by field name.
#[derive(Clone, Default)]
struct Problems {
    message: Option<String>,
    error: Option<ClientError>,
}

impl Problems {
    fn from(error: ClientError) -> Self {
        // Field problems show beside their fields; the summary only points there.
        let has_fields =
            matches!(&error, ClientError::Api { body, .. } if !body.error.fields.is_empty());
        Problems {
            message: Some(if has_fields {
                "Revise los campos marcados.".to_string()
            } else {
                error.message()
            }),
            error: Some(error),
        }
    }
    fn field(&self, name: &str) -> Option<String> {
        self.error.as_ref().and_then(|e| e.field_message(name))
    }
}

#[component]
fn RoleSelect(id: &'static str, role: RwSignal<Role>) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| {
            if let Ok(r) = event_target_value(&ev).parse::<Role>() { role.set(r) }
        }>
            {Role::ALL.into_iter().map(|r| view! {
                <option value=r.code() selected=move || role.get() == r>{r.label()}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn LeaderSelect(
    id: &'static str,
    users: Signal<Vec<UserView>>,
    role: RwSignal<Role>,
    leader: RwSignal<String>,
    #[prop(optional)] except: Option<i64>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let candidates = move || users.with(|all| leader_candidates(all, role.get(), except));
    let leader_label = move || {
        role.get()
            .reports_to_role()
            .map(|r| format!("Líder ({})", r.label().to_lowercase()))
    };
    view! {
        <Show when=move || role.get().reports_to_role().is_some()>
            <div class="field" class:field--invalid=move || error.get().is_some()>
                <label for=id>{leader_label}</label>
                <select id=id on:change=move |ev| leader.set(event_target_value(&ev))
                    aria-describedby=format!("{id}-error")>
                    <option value="" selected=move || leader.get().is_empty()>"— Seleccione —"</option>
                    {move || candidates().into_iter().map(|c| {
                        let login = c.login.clone();
                        view! {
                            <option value=c.login.clone() selected=move || leader.get() == login>
                                {format!("{} ({})", c.name, c.login)}
                            </option>
                        }
                    }).collect_view()}
                </select>
                <p class="field-error" id=format!("{id}-error")>{move || error.get()}</p>
            </div>
        </Show>
    }
}

/// The "Nuevo usuario" form.
#[component]
pub fn NewUserForm(users: Signal<Vec<UserView>>, on_saved: Callback<()>) -> impl IntoView {
    let csrf = use_session().csrf_token;
    let login = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Asesor);
    let leader = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(Problems::default());
    let created = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let field = move |name: &'static str| Signal::derive(move || problems.with(|p| p.field(name)));

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = CreateUserRequest {
            login: login.get_untracked(),
            name: name.get_untracked(),
            role: role.get_untracked(),
            reports_to: Some(leader.get_untracked()).filter(|l| !l.is_empty()),
            password: password.get_untracked(),
        };
        pending.set(true);
        created.set(None);
        let csrf = csrf.clone();
        spawn_local(async move {
            match create_user(&request, &csrf).await {
                Ok(user) => {
                    problems.set(Problems::default());
                    created.set(Some(format!(
                        "Se creó el usuario {} ({}).",
                        user.name, user.login
                    )));
                    for s in [login, name, leader, password] {
                        s.set(String::new());
                    }
                    on_saved.run(());
                }
                Err(err) => problems.set(Problems::from(err)),
            }
            pending.set(false);
        });
    };

    view! {
        <details class="panel disclosure">
            <summary>"Nuevo usuario"</summary>
            <form on:submit=on_submit novalidate class="form-grid">
                <div class="field" class:field--invalid=move || field("login").get().is_some()>
                    <label for="nuevo-login">"Usuario"</label>
                    <input id="nuevo-login" autocomplete="off" bind:value=login aria-describedby="nuevo-login-error"
                        aria-invalid=move || field("login").get().map(|_| "true") />
                    <p class="field-error" id="nuevo-login-error">{move || field("login").get()}</p>
                </div>
                <div class="field" class:field--invalid=move || field("name").get().is_some()>
                    <label for="nuevo-nombre">"Nombre completo"</label>
                    <input id="nuevo-nombre" autocomplete="off" bind:value=name aria-describedby="nuevo-nombre-error"
                        aria-invalid=move || field("name").get().map(|_| "true") />
                    <p class="field-error" id="nuevo-nombre-error">{move || field("name").get()}</p>
                </div>
                <div class="field">
                    <label for="nuevo-rol">"Rol"</label>
                    <RoleSelect id="nuevo-rol" role />
                </div>
                <LeaderSelect id="nuevo-lider" users role leader error=field("reports_to") />
                <div class="field" class:field--invalid=move || field("password").get().is_some()>
                    <label for="nuevo-clave">"Contraseña inicial"</label>
                    <input id="nuevo-clave" type="password" autocomplete="new-password" bind:value=password
                        aria-describedby="nuevo-clave-error"
                        aria-invalid=move || field("password").get().map(|_| "true") />
                    <p class="field-error" id="nuevo-clave-error">{move || field("password").get()}</p>
                </div>
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || problems.with(|p| p.message.clone())}</p>
                    <p class="form-success" role="status">{move || created.get()}</p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Creando…" } else { "Crear usuario" }}
                    </button>
                </div>
            </form>
        </details>
    }
}

/// Edits one user in place.
#[component]
pub fn UserEditor(
    user: UserView,
    all: Signal<Vec<UserView>>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let csrf = StoredValue::new(use_session().csrf_token);
    let id = user.id;
    let name = RwSignal::new(user.name.clone());
    let role = RwSignal::new(user.role);
    let leader = RwSignal::new(user.reports_to.clone().map(|l| l.login).unwrap_or_default());
    let active = RwSignal::new(user.active);
    let unlock = RwSignal::new(false);
    let new_password = RwSignal::new(String::new());
    let problems = RwSignal::new(Problems::default());
    let notice = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let field = move |name: &'static str| Signal::derive(move || problems.with(|p| p.field(name)));
    let original = StoredValue::new(user.clone());
    let locked = user.locked_until.is_some();
    let name_id = format!("editar-nombre-{id}");
    let role_id: &'static str = "editar-rol";
    let leader_id: &'static str = "editar-lider";

    let on_save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let before = original.get_value();
        let wanted_leader = Some(leader.get_untracked()).filter(|l| !l.is_empty());
        let request = UpdateUserRequest {
            name: Some(name.get_untracked()).filter(|n| *n != before.name),
            role: Some(role.get_untracked()).filter(|r| *r != before.role),
            reports_to: (wanted_leader != before.reports_to.as_ref().map(|l| l.login.clone()))
                .then_some(wanted_leader),
            active: Some(active.get_untracked()).filter(|a| *a != before.active),
            unlock: unlock.get_untracked().then_some(true),
        };
        pending.set(true);
        spawn_local(async move {
            match update_user(id, &request, &csrf.get_value()).await {
                Ok(_) => {
                    problems.set(Problems::default());
                    on_saved.run(());
                }
                Err(err) => problems.set(Problems::from(err)),
            }
            pending.set(false);
        });
    };

    let on_password = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = SetPasswordRequest {
            password: new_password.get_untracked(),
        };
        pending.set(true);
        spawn_local(async move {
            match set_user_password(id, &request, &csrf.get_value()).await {
                Ok(()) => {
                    problems.set(Problems::default());
                    new_password.set(String::new());
                    notice.set(Some(
                        "Contraseña restablecida. Las sesiones abiertas de este usuario se cerraron.".into(),
                    ));
                }
                Err(err) => problems.set(Problems::from(err)),
            }
            pending.set(false);
        });
    };

    view! {
        <div class="editor">
            <form on:submit=on_save novalidate class="form-grid">
                <div class="field" class:field--invalid=move || field("name").get().is_some()>
                    <label for=name_id.clone()>"Nombre completo"</label>
                    <input id=name_id.clone() bind:value=name />
                    <p class="field-error">{move || field("name").get()}</p>
                </div>
                <div class="field" class:field--invalid=move || field("role").get().is_some()>
                    <label for=role_id>"Rol"</label>
                    <RoleSelect id=role_id role />
                    <p class="field-error">{move || field("role").get()}</p>
                </div>
                <LeaderSelect id=leader_id users=all role leader except=id error=field("reports_to") />
                <div class="field field--check">
                    <input id="editar-activo" type="checkbox" bind:checked=active />
                    <label for="editar-activo">"Usuario activo"</label>
                </div>
                {locked.then(|| view! {
                    <div class="field field--check">
                        <input id="editar-desbloquear" type="checkbox" bind:checked=unlock />
                        <label for="editar-desbloquear">"Quitar el bloqueo por intentos fallidos"</label>
                    </div>
                })}
                <div class="form-actions">
                    <p class="form-error" role="alert">{move || problems.with(|p| p.message.clone())}</p>
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        "Guardar cambios"
                    </button>
                </div>
            </form>
            <form on:submit=on_password novalidate class="form-inline">
                <div class="field" class:field--invalid=move || field("password").get().is_some()>
                    <label for="editar-clave">"Nueva contraseña"</label>
                    <input id="editar-clave" type="password" autocomplete="new-password" bind:value=new_password />
                    <p class="field-error">{move || field("password").get()}</p>
                </div>
                <button type="submit" class="button" disabled=move || pending.get()>"Restablecer contraseña"</button>
                <p class="form-success" role="status">{move || notice.get()}</p>
            </form>
        </div>
    }
}
