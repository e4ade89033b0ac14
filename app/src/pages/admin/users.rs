//! Users and teams: list, create, edit (admin).

use super::settings_tabs::SettingsTabs;
use super::user_editor::{NewUserForm, UserEditor};
use crate::api::users::{UserView, list_users};
use crate::components::{
    feedback::{ErrorPanel, Loading},
    page::Page,
};
use crate::domain::local_time::format_date_time;
use crate::domain::role::Role;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn UsersPage() -> impl IntoView {
    let users = LocalResource::new(list_users);
    // The last good list, kept while a refresh is under way.
    let all = Signal::derive(move || users.get().and_then(Result::ok).unwrap_or_default());
    let (filter, set_filter) = signal(String::new());
    let (role_filter, set_role_filter) = signal(None::<Role>);
    let (editing, set_editing) = signal(None::<i64>);
    let refresh = Callback::new(move |()| users.refetch());

    view! {
        <Page title="Configuración" path=page::SETTINGS>
            <SettingsTabs />
            <NewUserForm users=all on_saved=refresh />
            <section class="panel" aria-labelledby="usuarios-lista">
                <h2 id="usuarios-lista">"Usuarios"</h2>
                <div class="filters">
                    <div class="field field--inline">
                        <label for="buscar-usuario">"Buscar"</label>
                        <input id="buscar-usuario" type="search" placeholder="Nombre o usuario"
                            prop:value=filter
                            on:input=move |ev| set_filter.set(event_target_value(&ev)) />
                    </div>
                    <div class="field field--inline">
                        <label for="filtro-rol">"Rol"</label>
                        <select id="filtro-rol" on:change=move |ev| {
                            set_role_filter.set(event_target_value(&ev).parse::<Role>().ok())
                        }>
                            <option value="">"Todos"</option>
                            {Role::ALL.into_iter().map(|role| view! {
                                <option value=role.code()>{role.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <Transition fallback=|| view! { <Loading label="Cargando usuarios…" /> }>
                    {move || Suspend::new(async move {
                        match users.await {
                            Err(err) => view! {
                                <ErrorPanel title="No fue posible cargar los usuarios" message=err.message() retry=true />
                            }.into_any(),
                            Ok(_) => view! {
                                <UsersTable all filter role_filter editing set_editing refresh />
                            }.into_any(),
                        }
                    })}
                </Transition>
            </section>
        </Page>
    }
}

#[component]
fn UsersTable(
    all: Signal<Vec<UserView>>,
    filter: ReadSignal<String>,
    role_filter: ReadSignal<Option<Role>>,
    editing: ReadSignal<Option<i64>>,
    set_editing: WriteSignal<Option<i64>>,
    refresh: Callback<()>,
) -> impl IntoView {
    let visible = move || {
        let needle = filter.get().trim().to_lowercase();
        let role = role_filter.get();
        all.with(|users| {
            users
                .iter()
                .filter(|u| role.is_none_or(|r| u.role == r))
                .filter(|u| {
                    needle.is_empty()
                        || u.name.to_lowercase().contains(&needle)
                        || u.login.contains(&needle)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="table-wrap"><table class="table">
            <caption class="visually-hidden">"Usuarios de Faro"</caption>
            <thead>
                <tr>
                    <th scope="col">"Nombre"</th>
                    <th scope="col">"Usuario"</th>
                    <th scope="col">"Rol"</th>
                    <th scope="col">"Líder"</th>
                    <th scope="col">"Estado"</th>
                    <th scope="col">"Último ingreso"</th>
                    <th scope="col"><span class="visually-hidden">"Acciones"</span></th>
                </tr>
            </thead>
            <tbody>
                <For each=visible key=|u| u.clone() let:user>
                    <UserRow user=user all editing set_editing refresh />
                </For>
            </tbody>
        </table></div>
    }
}

#[component]
fn UserRow(
    user: UserView,
    all: Signal<Vec<UserView>>,
    editing: ReadSignal<Option<i64>>,
    set_editing: WriteSignal<Option<i64>>,
    refresh: Callback<()>,
) -> impl IntoView {
    let id = user.id;
    let status = if !user.active {
        "Inactivo".to_string()
    } else if let Some(until) = user.locked_until {
        format!("Bloqueado hasta {}", format_date_time(until))
    } else {
        "Activo".to_string()
    };
    let is_editing = move || editing.get() == Some(id);
    let label = format!("Editar a {}", user.name);
    let editor_user = StoredValue::new(user.clone());
    view! {
        <tr class:row--inactive=!user.active>
            <td>{user.name.clone()}</td>
            <td><code>{user.login.clone()}</code></td>
            <td>{user.role.label()}</td>
            <td>{user.reports_to.clone().map(|l| l.name).unwrap_or_else(|| "—".into())}</td>
            <td>{status}</td>
            <td>{user.last_login_at.map(format_date_time).unwrap_or_else(|| "Nunca".into())}</td>
            <td class="actions">
                <button type="button" class="button button--small" aria-label=label
                    aria-expanded=move || if is_editing() { "true" } else { "false" }
                    on:click=move |_| set_editing.set(if is_editing() { None } else { Some(id) })>
                    {move || if is_editing() { "Cerrar" } else { "Editar" }}
                </button>
            </td>
        </tr>
        <Show when=is_editing>
            <tr class="row--editor">
                <td colspan="7">
                    <UserEditor user=editor_user.get_value() all on_saved=Callback::new(move |()| {
                        set_editing.set(None);
                        refresh.run(());
                    }) />
                </td>
            </tr>
        </Show>
    }
}
